#include "MainWindow.h"

#include "Application.h"
#include "ConflictDialog.h"
#include "CopyPlan.h"
#include "DestinationField.h"
#include "FileStatusModel.h"
#include "FileTable.h"
#include "JobProgress.h"
#include "JobRunner.h"
#include "LocalPaths.h"
#include "OptionsPanel.h"
#include "ReportWriter.h"
#include "SourceList.h"
#include "SummaryPanel.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace Ferry {

namespace {
const QString GeometryKey = QStringLiteral("window/geometry");
const QString DestinationKey = QStringLiteral("job/destination");
// Jobs at least this long tell the person when they end, if the window is in the background.
constexpr qint64 NotifyAfterMs = 10000;

FileStatus fileStatus(FileStatusModel::State state)
{
    using State = FileStatusModel::State;
    switch (state) {
    case State::Copied: return FileStatus::Copied;
    case State::Moved: return FileStatus::Moved;
    case State::Skipped: return FileStatus::Skipped;
    case State::Failed: return FileStatus::Failed;
    case State::VerifyFailed: return FileStatus::VerifiedFailed;
    case State::Cancelled: return FileStatus::Cancelled;
    default: return FileStatus::Pending;
    }
}
} // namespace

MainWindow::Prompts MainWindow::messageBoxes()
{
    Prompts p;
    p.error = [](QWidget *parent, const QString &title, const QString &text) {
        QMessageBox::warning(parent, title, text);
    };
    p.confirm = [](QWidget *parent, const QString &title, const QString &text) {
        return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes;
    };
    return p;
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_prompts(messageBoxes())
    , m_runner(new JobRunner(this))
    , m_model(new FileStatusModel(this))
    , m_sources(new SourceList(this))
    , m_destination(new DestinationField(this))
    , m_options(new OptionsPanel(this))
    , m_start(new QPushButton(tr("&Start"), this))
    , m_pause(new QPushButton(tr("&Pause"), this))
    , m_cancel(new QPushButton(tr("&Cancel"), this))
    , m_progress(new JobProgress(this))
    , m_table(new FileTable(m_model, this))
    , m_summary(new SummaryPanel(this))
    , m_conflict(new ConflictDialog(this))
    , m_status(new QLabel(this))
{
    setWindowIcon(applicationIcon());
    setAcceptDrops(true);
    buildLayout();
    loadSettings();

    connect(m_sources, &SourceList::changed, this, &MainWindow::updateActions);
    connect(m_destination, &DestinationField::changed, this, &MainWindow::updateActions);
    connect(m_start, &QPushButton::clicked, this, &MainWindow::start);
    connect(m_pause, &QPushButton::clicked, this, &MainWindow::togglePause);
    connect(m_cancel, &QPushButton::clicked, this, &MainWindow::cancel);
    connect(m_runner, &JobRunner::planned, this, &MainWindow::onPlanned);
    connect(m_runner, &JobRunner::filesUpdated, m_model, &FileStatusModel::applyEvents);
    connect(m_runner, &JobRunner::progressed, this, &MainWindow::onProgress);
    connect(m_runner, &JobRunner::conflictAsked, this, &MainWindow::onConflict);
    connect(m_runner, &JobRunner::finished, this, &MainWindow::onFinished);
    connect(m_conflict, &ConflictDialog::answered, m_runner, &JobRunner::answerConflict);
    connect(m_summary, &SummaryPanel::retryRequested, this, &MainWindow::retryFailed);
    connect(m_summary, &SummaryPanel::exportRequested, this, &MainWindow::chooseReportFile);
    connect(m_summary, &SummaryPanel::openRequested, this, &MainWindow::openDestination);
    setRunning(false);
    showStatus(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout()
{
    auto *sourcesLabel = new QLabel(tr("Cop&y from:"), this);
    sourcesLabel->setBuddy(m_sources->listWidget());
    auto *destinationLabel = new QLabel(tr("&Destination:"), this);
    destinationLabel->setBuddy(m_destination->lineEdit());
    m_setup = new QWidget(this);
    auto *form = new QFormLayout(m_setup);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(sourcesLabel, m_sources);
    form->addRow(destinationLabel, m_destination);
    form->addRow(tr("Options:"), m_options);
    // Text drops on these fields would insert a dropped path as text; the window takes them.
    m_options->excludeEdit()->setAcceptDrops(false);
    m_options->jobsBox()->setAcceptDrops(false);

    m_start->setDefault(true);
    m_start->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_pause->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_start->setAccessibleName(tr("Start copying"));
    m_pause->setAccessibleName(tr("Pause or resume"));
    m_cancel->setAccessibleName(tr("Cancel the copy"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_cancel);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_setup);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    setCentralWidget(central);
    m_summary->hide();
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(tr("Status"));
    statusBar()->addWidget(m_status, 1);

    QWidget *order[] = {m_sources->listWidget(), m_sources->addFolderButton(), m_sources->addFilesButton(),
                        m_sources->removeButton(), m_destination->lineEdit(), m_destination->browseButton(),
                        m_options->jobsBox(), m_options->conflictBox(), m_options->verifyBox(),
                        m_options->moveBox(), m_options->excludeEdit(), m_start, m_pause, m_cancel,
                        m_table->filterBox(), m_table->failedFirstBox(), m_table->view(),
                        m_summary->retryButton(), m_summary->exportButton(), m_summary->openButton()};
    for (size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);
    resize(1000, 720);
}

void MainWindow::loadSettings()
{
    const QSettings settings;
    restoreGeometry(settings.value(GeometryKey).toByteArray());
    m_destination->setPath(settings.value(DestinationKey).toByteArray());
    m_options->load(settings);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(DestinationKey, m_destination->path());
    m_options->save(&settings);
}

void MainWindow::addSources(const QList<QByteArray> &paths)
{
    m_sources->addPaths(paths);
}

void MainWindow::setDestination(const QByteArray &path)
{
    m_destination->setPath(normalizePath(path));
}

void MainWindow::showStatus(const QString &text)
{
    m_status->setText(text);
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

bool MainWindow::isRunning() const
{
    return m_running;
}

bool MainWindow::canStart() const
{
    return !m_running && m_sources->problem().isEmpty() && m_destination->problem().isEmpty();
}

bool MainWindow::start()
{
    m_sources->refresh();
    m_destination->refresh();
    updateActions();
    if (!canStart()) {
        const QString problem = m_sources->problem();
        showStatus(problem.isEmpty() ? m_destination->problem() : problem);
        return false;
    }
    CopyOptions options;
    options.sources = m_sources->paths();
    options.destination = m_destination->path();
    m_options->apply(&options);
    saveSettings();
    m_jobDestination = options.destination;
    m_model->clear(); // before the engine lets go of the last job's plan
    m_summary->hide();
    m_progress->reset();
    m_clock.start();
    m_phase = Phase::Scan;
    setRunning(true);
    showStatus(tr("Looking at the sources…"));
    m_runner->start(options);
    return true;
}

void MainWindow::togglePause()
{
    if (!m_running)
        return;
    if (m_runner->isPaused())
        m_runner->resume();
    else
        m_runner->pause();
    updateActions();
}

void MainWindow::cancel()
{
    if (!m_running)
        return;
    if (!m_prompts.confirm(this, tr("Cancel the copy?"),
                           tr("Files already copied are kept. The files being copied now are removed.")))
        return;
    if (!m_running) // it ended while the question was open
        return;
    showStatus(tr("Cancelling…"));
    m_runner->cancel();
}

void MainWindow::retryFailed()
{
    if (m_running)
        return;
    QList<qint32> entries = m_model->entriesIn(FileStatusModel::State::Failed);
    entries += m_model->entriesIn(FileStatusModel::State::VerifyFailed);
    std::sort(entries.begin(), entries.end());
    if (entries.isEmpty())
        return;
    m_model->resetEntries(entries);
    m_summary->hide();
    m_progress->reset();
    m_clock.start();
    m_phase = Phase::Copy;
    setRunning(true);
    showStatus(tr("Retrying the failed files (%1)…").arg(QLocale().toString(entries.size())));
    m_runner->retry(entries);
}

bool MainWindow::exportReport(const QString &path, QString *error)
{
    const CopyPlan *plan = m_model->plan();
    QString why;
    ReportWriter writer(path);
    if (!plan || !writer.open(&why)) {
        if (error)
            *error = why;
        return false;
    }
    for (qint32 i = 0; i < qint32(m_model->entryCount()); ++i) {
        const FileStatus status = fileStatus(m_model->state(i));
        if (status == FileStatus::Pending || status == FileStatus::Cancelled)
            continue;
        writer.add(statusName(status), plan->entries[size_t(i)].size, plan->sourcePath(i), m_model->destination(i),
                   m_model->message(i));
    }
    const bool ok = writer.close(&why);
    if (!ok && error)
        *error = why;
    return ok;
}

void MainWindow::chooseReportFile()
{
    const QString start = QFile::decodeName(m_jobDestination) + QStringLiteral("/ferry-report.csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the report"), start, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportReport(path, &error))
        showStatus(tr("Report saved to “%1”.").arg(path));
    else
        m_prompts.error(this, tr("The report was not saved"), error);
}

void MainWindow::openDestination()
{
    if (!m_jobDestination.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFile::decodeName(m_jobDestination)));
}

void MainWindow::setRunning(bool running)
{
    m_running = running;
    m_setup->setEnabled(!running);
    updateActions();
    updateTitle();
}

void MainWindow::updateActions()
{
    m_start->setEnabled(canStart());
    // The flush can't be paused: it is one call into the kernel.
    m_pause->setEnabled(m_running && m_phase != Phase::Flush);
    m_cancel->setEnabled(m_running);
    const bool paused = m_running && m_runner->isPaused();
    m_pause->setText(paused ? tr("Res&ume") : tr("&Pause"));
    m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
}

void MainWindow::updateTitle()
{
    const int percent = m_progress->percent();
    if (m_running && percent >= 0)
        setWindowTitle(m_runner->isPaused() ? tr("Paused at %1% — Ferry").arg(percent) : tr("%1% — Ferry").arg(percent));
    else if (!m_running && percent == 100)
        setWindowTitle(tr("Done — Ferry"));
    else
        setWindowTitle(tr("Ferry"));
}

void MainWindow::onPlanned(qint64 files, qint64 bytes)
{
    m_model->setPlan(m_runner->plan());
    m_destination->refresh(); // it exists now
    const QLocale locale;
    showStatus(tr("Copying: %1 files, %2 in all…").arg(locale.toString(files), locale.formattedDataSize(bytes)));
}

void MainWindow::onProgress(const Progress &progress)
{
    m_phase = progress.phase;
    m_progress->update(progress);
    m_model->setActive(progress.active);
    if (progress.phase == Phase::Flush)
        showStatus(tr("Flushing to disk: the copies are written out before the job is done…"));
    updateActions();
    updateTitle();
}

void MainWindow::onConflict(const ConflictQuestion &question)
{
    m_model->setWaiting(question.entry);
    m_conflict->ask(question);
    Q_EMIT conflictShown(m_conflict);
}

void MainWindow::onFinished(const Summary &summary)
{
    m_conflict->hide();
    m_model->finishJob();
    m_progress->finish(summary);
    m_phase = Phase::Done;
    setRunning(false);
    m_sources->refresh();
    m_destination->refresh();
    if (summary.refused) {
        showStatus(summary.error);
        m_prompts.error(this, tr("Nothing was copied"), summary.error);
    } else {
        using State = FileStatusModel::State;
        SummaryPanel::Counts counts;
        counts.copied = m_model->count(State::Copied) + m_model->count(State::Moved);
        counts.skipped = m_model->count(State::Skipped);
        counts.failed = m_model->count(State::Failed) + m_model->count(State::VerifyFailed);
        counts.notCopied = m_model->count(State::Cancelled);
        m_summary->show(summary, counts);
        const QString text = m_summary->text();
        showStatus(summary.cancelled ? tr("Cancelled.") : (summary.ok() ? tr("Done.") : tr("Done, with errors.")));
        if (m_clock.elapsed() >= NotifyAfterMs && !isActiveWindow())
            notify(summary.cancelled ? tr("Copy cancelled") : tr("Copy finished"), text);
    }
    updateTitle();
    Q_EMIT jobFinished(summary);
    if (m_closeWhenDone)
        close();
}

void MainWindow::notify(const QString &title, const QString &text)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages())
        return;
    if (!m_tray)
        m_tray = new QSystemTrayIcon(windowIcon(), this);
    m_tray->show();
    m_tray->showMessage(title, text, windowIcon());
    QTimer::singleShot(30000, m_tray, &QSystemTrayIcon::hide);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_running || localPathsFromMime(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (m_running || localPathsFromMime(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QByteArray> paths = localPathsFromMime(event->mimeData());
    if (m_running || paths.isEmpty()) {
        event->ignore();
        return;
    }
    const int added = m_sources->addPaths(paths);
    showStatus(tr("Sources added: %1.").arg(QLocale().toString(added)));
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_running) {
        if (!m_prompts.confirm(this, tr("Cancel the copy and quit?"),
                               tr("Files already copied are kept. The files being copied now are removed."))) {
            event->ignore();
            return;
        }
        // Quit once the engine has cleaned up after itself.
        m_closeWhenDone = true;
        m_runner->cancel();
        event->ignore();
        return;
    }
    saveSettings();
    m_conflict->hide();
    event->accept();
}

void MainWindow::changeEvent(QEvent *event)
{
    // Back to the window: paths may have come or gone meanwhile.
    if (event->type() == QEvent::ActivationChange && isActiveWindow() && !m_running) {
        m_sources->refresh();
        m_destination->refresh();
        updateActions();
    }
    QMainWindow::changeEvent(event);
}

} // namespace Ferry
