#pragma once

#include "CopyTypes.h"
#include "Prompts.h"

#include <QPointer>
#include <QWidget>

class QPushButton;

namespace Ferry {

class FileStatusModel;
class FileTable;
class JobListView;
class JobProgress;
class JobQueue;
class QueuedJob;
class RateBox;
class SummaryPanel;

// The lower part of the window: the list of jobs and, for the one selected, its bar with its speed
// limit, Pause and Cancel, its per-file table and, once it is over, its summary with Retry failed,
// Export report and Open destination.
class JobPanel : public QWidget
{
    Q_OBJECT
public:
    JobPanel(JobQueue *queue, const Prompts *prompts, QWidget *parent = nullptr);

    QueuedJob *shownJob() const { return m_shown; }
    void showJob(QueuedJob *job);
    // The shown job's files (an empty model when none is shown).
    FileStatusModel *model() const;

    void togglePause();
    void cancel(); // asks first when the job has started
    void retryFailed();
    bool exportReport(const QString &path, QString *error = nullptr);
    void openDestination();
    // The window's title: the shown job's percentage, and how many more jobs are active.
    QString windowTitle() const;

    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *cancelButton() const { return m_cancel; }
    JobListView *jobList() const { return m_jobList; }
    JobProgress *jobProgress() const { return m_progress; }
    RateBox *rateBox() const { return m_rate; }
    FileTable *fileTable() const { return m_table; }
    SummaryPanel *summaryPanel() const { return m_summary; }

Q_SIGNALS:
    void statusChanged(const QString &text);
    // The shown job, its state or its bar changed: the window's title and buttons follow.
    void shownChanged();

private:
    void updateActions();
    void showSummary();
    void chooseReportFile();
    void chooseJobDestination(QueuedJob *job);
    void onJobStarted(QueuedJob *job);
    void onJobProgress(QueuedJob *job, const Progress &progress);
    void onJobFinished(QueuedJob *job, const Summary &summary);

    JobQueue *m_queue;
    const Prompts *m_prompts;
    QPointer<QueuedJob> m_shown;
    FileStatusModel *m_emptyModel;
    JobListView *m_jobList;
    JobProgress *m_progress;
    RateBox *m_rate;
    QPushButton *m_pause;
    QPushButton *m_cancel;
    FileTable *m_table;
    SummaryPanel *m_summary;
};

} // namespace Ferry
