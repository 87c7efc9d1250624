#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace Ferry {

class JobQueue;
class QueuedJob;
class RateBox;

// The list of jobs with what can be done to them: move one up or down (or drag it), hold a queued
// job or let it go, remove one that is not running, change the destination of one not started,
// and the speed limit shared by all jobs. The selected job is the one the window shows.
class JobListView : public QWidget
{
    Q_OBJECT
public:
    explicit JobListView(JobQueue *queue, QWidget *parent = nullptr);

    QueuedJob *selectedJob() const;
    void select(QueuedJob *job);
    QTreeView *view() const { return m_view; }
    QPushButton *upButton() const { return m_up; }
    QPushButton *downButton() const { return m_down; }
    QPushButton *holdButton() const { return m_hold; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *destinationButton() const { return m_destination; }
    RateBox *globalRateBox() const { return m_globalRate; }

    void moveSelected(int by);
    void holdSelected();
    void removeSelected();

Q_SIGNALS:
    void selectionChanged(Ferry::QueuedJob *job);
    void destinationRequested(Ferry::QueuedJob *job);

private:
    void updateButtons();

    JobQueue *m_queue;
    QTreeView *m_view;
    QPushButton *m_up;
    QPushButton *m_down;
    QPushButton *m_hold;
    QPushButton *m_remove;
    QPushButton *m_destination;
    RateBox *m_globalRate;
};

} // namespace Ferry
