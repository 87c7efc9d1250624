#include "MainWindow.h"
#include "fs/FileSystem.h"

#include "NameWarning.h"

#include "Application.h"
#include "ConflictDialog.h"
#include "ConflictQueue.h"
#include "DestinationField.h"
#include "FileTable.h"
#include "JobListView.h"
#include "JobPanel.h"
#include "JobProgress.h"
#include "JobQueue.h"
#include "JobRunner.h"
#include "LauncherProgress.h"
#include "LocalPaths.h"
#include "OptionsPanel.h"
#include "QueuedJob.h"
#include "RateBox.h"
#include "SourceList.h"
#include "SummaryPanel.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QTableView>
#include <QTreeView>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QVBoxLayout>

namespace Ferry {

namespace {
const QString GeometryKey = QStringLiteral("window/geometry");
const QString DestinationKey = QStringLiteral("job/destination");
// Jobs at least this long tell the person when they end, if the window is in the background.
constexpr qint64 NotifyAfterMs = 10000;
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_prompts(messageBoxes())
    , m_queue(new JobQueue(this))
    , m_nextJob(new QueuedJob(this))
    , m_sources(new SourceList(this))
    , m_destination(new DestinationField(this))
    , m_options(new OptionsPanel(this))
    , m_start(new QPushButton(tr("&Start"), this))
    , m_panel(new JobPanel(m_queue, &m_prompts, this))
    , m_conflict(new ConflictDialog(this))
    , m_questions(new ConflictQueue(m_conflict, this))
    , m_launcher(LauncherProgress::create())
    , m_status(new QLabel(this))
    , m_nameWarning(new NameWarning(this, &m_prompts))
{
    setWindowIcon(applicationIcon());
    setAcceptDrops(true);
    buildLayout();
    loadSettings();

    connect(m_sources, &SourceList::changed, this, &MainWindow::updateActions);
    connect(m_destination, &DestinationField::changed, this, &MainWindow::updateActions);
    connect(m_start, &QPushButton::clicked, this, &MainWindow::start);
    connect(m_queue, &JobQueue::jobFinished, this, &MainWindow::onJobFinished);
    connect(m_queue, &JobQueue::conflictAsked, m_questions, &ConflictQueue::ask);
    connect(m_queue, &JobQueue::dataChanged, this, [this] {
        updateActions();
        updateLauncher();
    });
    connect(m_questions, &ConflictQueue::shown, this, [this](QueuedJob *job, ConflictDialog *dialog) {
        showJob(job); // the table shows the file in question
        updateLauncher(true);
        Q_EMIT conflictShown(dialog);
    });
    connect(m_panel, &JobPanel::statusChanged, this, &MainWindow::showStatus);
    connect(m_panel, &JobPanel::shownChanged, this, [this] {
        updateActions();
        updateTitle();
    });
    updateActions();
    updateTitle();
    showStatus(tr("Ready"));
}

MainWindow::~MainWindow()
{
    delete m_launcher;
}

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
    m_start->setAccessibleName(tr("Start copying"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_start);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_setup);
    layout->addLayout(buttons);
    layout->addWidget(m_panel, 1);
    setCentralWidget(central);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(tr("Status"));
    statusBar()->addWidget(m_status, 1);

    QWidget *order[] = {m_sources->listWidget(), m_sources->addFolderButton(), m_sources->addFilesButton(),
                        m_sources->removeButton(), m_destination->lineEdit(), m_destination->browseButton(),
                        m_options->jobsBox(), m_options->conflictBox(), m_options->verifyBox(),
                        m_options->moveBox(), m_options->excludeEdit(), m_start, jobList()->view(),
                        rateBox(), pauseButton(), cancelButton(), fileTable()->filterBox(),
                        fileTable()->failedFirstBox(), fileTable()->view(), summaryPanel()->retryButton(),
                        summaryPanel()->exportButton(), summaryPanel()->openButton()};
    for (size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);
    resize(1000, 760);
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
    return m_queue->activeCount() > 0;
}

FileStatusModel *MainWindow::model() const { return m_panel->model(); }
QueuedJob *MainWindow::shownJob() const { return m_panel->shownJob(); }
QPushButton *MainWindow::pauseButton() const { return m_panel->pauseButton(); }
QPushButton *MainWindow::cancelButton() const { return m_panel->cancelButton(); }
FileTable *MainWindow::fileTable() const { return m_panel->fileTable(); }
JobProgress *MainWindow::jobProgress() const { return m_panel->jobProgress(); }
SummaryPanel *MainWindow::summaryPanel() const { return m_panel->summaryPanel(); }
JobListView *MainWindow::jobList() const { return m_panel->jobList(); }
RateBox *MainWindow::rateBox() const { return m_panel->rateBox(); }
void MainWindow::togglePause() { m_panel->togglePause(); }
void MainWindow::cancel() { m_panel->cancel(); }
void MainWindow::retryFailed() { m_panel->retryFailed(); }
bool MainWindow::exportReport(const QString &path, QString *error) { return m_panel->exportReport(path, error); }
void MainWindow::openDestination() { m_panel->openDestination(); }

JobRunner *MainWindow::runner() const
{
    const QueuedJob *shown = shownJob();
    return shown && shown->isStarted() ? shown->runner() : m_nextJob->runner();
}

bool MainWindow::canStart() const
{
    if (!m_sources->problem().isEmpty() || !m_destination->problem().isEmpty())
        return false;
    // The same job again while it is still in the list, not yet done: a second click, not a new job.
    return !m_queue->hasActive(m_sources->paths(), m_destination->path());
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
    // Names the destination cannot take are said before anything is queued.
    m_nameWarning->check(options, [this](const CopyOptions &checked) { addJob(checked); });
    return true;
}

QueuedJob *MainWindow::addJob(const CopyOptions &options)
{
    QueuedJob *job = m_nextJob;
    m_nextJob = new QueuedJob(this);
    job->setOptions(options);
    job->setRateLimit(rateBox()->rate());
    m_queue->add(job); // starts it if its disk is free
    showJob(job);
    if (job->state() == QueuedJob::State::Queued)
        showStatus(tr("Queued: “%1” starts when the jobs before it on its disk are done.").arg(job->title()));
    Q_EMIT jobAdded(job);
    return job;
}

void MainWindow::takeCommand(const GuiCommand &command)
{
    if (command.start && !command.sources.isEmpty() && !command.destination.isEmpty()) {
        CopyOptions options;
        for (const QByteArray &source : command.sources)
            options.sources.append(normalizePath(source));
        options.destination = normalizePath(command.destination);
        m_options->apply(&options);
        m_nameWarning->check(options, [this](const CopyOptions &checked) { addJob(checked); });
    } else {
        addSources(command.sources);
        if (!command.destination.isEmpty())
            setDestination(command.destination);
    }
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
}

QueuedJob *MainWindow::queueSources(const QList<QByteArray> &paths)
{
    QueuedJob *model = shownJob() && shownJob()->isActive() ? shownJob() : nullptr;
    for (QueuedJob *job : m_queue->jobs()) {
        if (!model && job->isStarted())
            model = job;
    }
    if (!model || paths.isEmpty())
        return nullptr;
    CopyOptions options = model->options();
    options.sources = paths;
    return addJob(options);
}

void MainWindow::showJob(QueuedJob *job)
{
    m_panel->showJob(job);
}

void MainWindow::updateActions()
{
    m_start->setEnabled(canStart());
    m_start->setText(isRunning() ? tr("Add to &queue") : tr("&Start"));
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_panel->windowTitle());
}

void MainWindow::updateLauncher(bool urgent)
{
    m_launcher->update(m_queue->overallFraction(), m_queue->activeCount(), urgent || m_conflict->isVisible());
}

void MainWindow::onJobFinished(QueuedJob *job, const Summary &summary)
{
    m_questions->forget(job);
    m_sources->refresh();
    m_destination->refresh();
    updateLauncher(!summary.ok() && !summary.cancelled);
    const qint64 ms = job->finishedAt() - job->startedAt();
    if (!summary.refused && job->startedAt() > 0 && ms >= NotifyAfterMs && !isActiveWindow())
        notify(summary.cancelled ? tr("Copy cancelled: %1").arg(job->title()) : tr("Copy finished: %1").arg(job->title()),
               job->stateText());
    updateActions();
    updateTitle();
    Q_EMIT jobFinished(summary);
    if (m_closeWhenDone && !isRunning())
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
    if (localPathsFromMime(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    dragEnterEvent(static_cast<QDragEnterEvent *>(event));
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QByteArray> paths = localPathsFromMime(event->mimeData());
    if (paths.isEmpty()) {
        event->ignore();
        return;
    }
    // While jobs run, a drop is one more job into the same place, as with the running one.
    if (QueuedJob *job = isRunning() ? queueSources(paths) : nullptr) {
        showStatus(tr("Added to the queue: %1 into “%2”.").arg(job->title(), displayPath(job->options().destination)));
    } else {
        const int added = m_sources->addPaths(paths);
        showStatus(tr("Sources added: %1.").arg(QLocale().toString(added)));
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Jobs on hold count too: they would be lost.
    if (const int jobs = m_queue->unfinishedCount()) {
        if (!m_prompts.confirm(this, tr("Cancel %n jobs and quit?", nullptr, jobs),
                               tr("Jobs waiting their turn are not started. Files already copied are kept; the files "
                                  "being copied now are removed."))) {
            event->ignore();
            return;
        }
        // Quit once every engine has cleaned up after itself.
        m_closeWhenDone = true;
        for (QueuedJob *job : m_queue->jobs())
            job->cancel();
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
    if (event->type() == QEvent::ActivationChange && isActiveWindow()) {
        m_sources->refresh();
        m_destination->refresh();
        updateActions();
    }
    QMainWindow::changeEvent(event);
}

} // namespace Ferry
