#pragma once

#include "CommandLine.h"
#include "CopyTypes.h"
#include "Prompts.h"

#include <QMainWindow>

class QLabel;
class QPushButton;
class QSystemTrayIcon;

namespace Ferry {

class ConflictDialog;
class ConflictQueue;
class DestinationField;
class FileStatusModel;
class FileTable;
class JobListView;
class JobPanel;
class JobProgress;
class JobQueue;
class JobRunner;
class LauncherProgress;
class OptionsPanel;
class QueuedJob;
class RateBox;
class SourceList;
class SummaryPanel;
class NameWarning;

// The Ferry window: sources, destination and options make a job; Start puts it in the queue,
// which runs jobs on one disk in turn and on different disks at once. The list of jobs, the
// selected job's bar, Pause and Cancel, its per-file table and, at its end, its summary.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    using Prompts = Ferry::Prompts;
    static Prompts messageBoxes() { return Prompts::messageBoxes(); }

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void setPrompts(const Prompts &prompts) { m_prompts = prompts; }
    NameWarning *nameWarning() const { return m_nameWarning; }
    void addSources(const QList<QByteArray> &paths);
    void setDestination(const QByteArray &path);
    void showStatus(const QString &text);
    QString statusText() const;
    bool canStart() const;
    // Some job is running, paused or waiting its turn.
    bool isRunning() const;

    // Puts a job in the queue and shows it; it starts when its disk is free.
    QueuedJob *addJob(const CopyOptions &options);
    // Sources dropped while jobs run: a job into the shown (or running) job's destination, with
    // its options. Null if no job is there to take them from.
    QueuedJob *queueSources(const QList<QByteArray> &paths);
    // A command handed over by another `ferry`: a job to start, or sources for the form; then the
    // window comes to the front.
    void takeCommand(const GuiCommand &command);
    QueuedJob *shownJob() const;
    void showJob(QueuedJob *job);

    SourceList *sourceList() const { return m_sources; }
    DestinationField *destinationField() const { return m_destination; }
    OptionsPanel *optionsPanel() const { return m_options; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *pauseButton() const;
    QPushButton *cancelButton() const;
    // The shown job's files (an empty model before the first job).
    FileStatusModel *model() const;
    FileTable *fileTable() const;
    JobProgress *jobProgress() const;
    SummaryPanel *summaryPanel() const;
    JobListView *jobList() const;
    RateBox *rateBox() const;
    JobPanel *jobPanel() const { return m_panel; }
    ConflictDialog *conflictDialog() const { return m_conflict; }
    JobQueue *jobQueue() const { return m_queue; }
    // The shown job's runner while it runs; otherwise the one the next job will take.
    JobRunner *runner() const;

public Q_SLOTS:
    bool start();
    void togglePause();
    void cancel(); // asks first
    void retryFailed();
    bool exportReport(const QString &path, QString *error = nullptr);
    void openDestination();

Q_SIGNALS:
    void jobFinished(const Ferry::Summary &summary);
    void conflictShown(Ferry::ConflictDialog *dialog);
    void jobAdded(Ferry::QueuedJob *job);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildLayout();
    void loadSettings();
    void saveSettings() const;
    void updateActions();
    void updateTitle();
    void updateLauncher(bool urgent = false);
    void notify(const QString &title, const QString &text);
    void onJobFinished(QueuedJob *job, const Summary &summary);

    Prompts m_prompts;
    JobQueue *m_queue;
    QueuedJob *m_nextJob; // made ahead, so that its runner can be set up and watched
    SourceList *m_sources;
    DestinationField *m_destination;
    OptionsPanel *m_options;
    QPushButton *m_start;
    JobPanel *m_panel;
    ConflictDialog *m_conflict;
    ConflictQueue *m_questions;
    LauncherProgress *m_launcher;
    QLabel *m_status;
    NameWarning *m_nameWarning;
    QWidget *m_setup = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_closeWhenDone = false;
};

} // namespace Ferry
