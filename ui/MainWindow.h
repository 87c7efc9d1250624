#pragma once

#include "CopyTypes.h"

#include <QElapsedTimer>
#include <QMainWindow>

#include <functional>

class QLabel;
class QPushButton;
class QSystemTrayIcon;
class QTableView;

namespace Ferry {

class ConflictDialog;
class DestinationField;
class FileStatusModel;
class FileTable;
class JobProgress;
class JobRunner;
class OptionsPanel;
class SourceList;
class SummaryPanel;

// The Ferry window: sources, destination and options, then Start, Pause and Cancel, one progress
// bar, the per-file table, and a summary at the end.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // How the window asks and tells through modal boxes; tests replace these so nothing blocks.
    struct Prompts {
        std::function<void(QWidget *parent, const QString &title, const QString &text)> error;
        std::function<bool(QWidget *parent, const QString &title, const QString &text)> confirm;
    };
    static Prompts messageBoxes();

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void setPrompts(const Prompts &prompts) { m_prompts = prompts; }
    void addSources(const QList<QByteArray> &paths);
    void setDestination(const QByteArray &path);
    void showStatus(const QString &text);
    QString statusText() const;
    bool canStart() const;
    bool isRunning() const;

    SourceList *sourceList() const { return m_sources; }
    DestinationField *destinationField() const { return m_destination; }
    OptionsPanel *optionsPanel() const { return m_options; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *cancelButton() const { return m_cancel; }
    FileStatusModel *model() const { return m_model; }
    FileTable *fileTable() const { return m_table; }
    JobProgress *jobProgress() const { return m_progress; }
    SummaryPanel *summaryPanel() const { return m_summary; }
    ConflictDialog *conflictDialog() const { return m_conflict; }
    JobRunner *runner() const { return m_runner; }

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
    void setRunning(bool running);
    void updateActions();
    void updateTitle();
    void chooseReportFile();
    void notify(const QString &title, const QString &text);

    void onPlanned(qint64 files, qint64 bytes);
    void onProgress(const Progress &progress);
    void onConflict(const ConflictQuestion &question);
    void onFinished(const Summary &summary);

    Prompts m_prompts;
    JobRunner *m_runner;
    FileStatusModel *m_model;
    SourceList *m_sources;
    DestinationField *m_destination;
    OptionsPanel *m_options;
    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_cancel;
    JobProgress *m_progress;
    FileTable *m_table;
    SummaryPanel *m_summary;
    ConflictDialog *m_conflict;
    QLabel *m_status;
    QWidget *m_setup = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QElapsedTimer m_clock;
    QByteArray m_jobDestination;
    Phase m_phase = Phase::Idle;
    bool m_running = false;
    bool m_closeWhenDone = false;
};

} // namespace Ferry
