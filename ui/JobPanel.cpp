#include "JobPanel.h"
#include "fs/FileSystem.h"

#include "FileStatusModel.h"
#include "FileTable.h"
#include "JobListView.h"
#include "JobProgress.h"
#include "JobQueue.h"
#include "LocalPaths.h"
#include "QueuedJob.h"
#include "RateBox.h"
#include "SummaryPanel.h"

#include <QDesktopServices>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QUrl>
#include <QVBoxLayout>

namespace Ferry {

namespace {
const QString RateKey = QStringLiteral("job/rateLimit");
const QString GlobalRateKey = QStringLiteral("queue/rateLimit");
} // namespace

JobPanel::JobPanel(JobQueue *queue, const Prompts *prompts, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_prompts(prompts)
    , m_emptyModel(new FileStatusModel(this))
    , m_jobList(new JobListView(queue, this))
    , m_progress(new JobProgress(this))
    , m_rate(new RateBox(this))
    , m_pause(new QPushButton(tr("&Pause"), this))
    , m_cancel(new QPushButton(tr("&Cancel"), this))
    , m_table(new FileTable(m_emptyModel, this))
    , m_summary(new SummaryPanel(this))
{
    m_pause->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_pause->setAccessibleName(tr("Pause or resume"));
    m_cancel->setAccessibleName(tr("Cancel the copy"));
    m_rate->setAccessibleName(tr("Speed limit for this job"));
    auto *rateLabel = new QLabel(tr("Spee&d:"), this);
    rateLabel->setBuddy(m_rate);
    // The speed limit beside the bar, with the buttons that act on the job.
    auto *controls = new QGridLayout;
    controls->addWidget(rateLabel, 0, 0);
    controls->addWidget(m_rate, 0, 1, 1, 2);
    controls->addWidget(m_pause, 1, 1);
    controls->addWidget(m_cancel, 1, 2);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addLayout(controls);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_jobList);
    layout->addLayout(progressRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    m_summary->hide();

    const QSettings settings;
    m_rate->setRate(settings.value(RateKey, 0).toLongLong());
    m_jobList->globalRateBox()->setRate(settings.value(GlobalRateKey, 0).toLongLong());
    m_queue->setGlobalRateLimit(m_jobList->globalRateBox()->rate());

    connect(m_pause, &QPushButton::clicked, this, &JobPanel::togglePause);
    connect(m_cancel, &QPushButton::clicked, this, &JobPanel::cancel);
    connect(m_queue, &JobQueue::jobStarted, this, &JobPanel::onJobStarted);
    connect(m_queue, &JobQueue::jobProgressed, this, &JobPanel::onJobProgress);
    connect(m_queue, &JobQueue::jobFinished, this, &JobPanel::onJobFinished);
    connect(m_queue, &JobQueue::dataChanged, this, &JobPanel::updateActions);
    connect(m_jobList, &JobListView::selectionChanged, this, &JobPanel::showJob);
    connect(m_jobList, &JobListView::destinationRequested, this, &JobPanel::chooseJobDestination);
    // Chosen for the shown job, and remembered for the next ones.
    connect(m_rate, &RateBox::rateChosen, this, [this](qint64 rate) {
        if (m_shown)
            m_shown->setRateLimit(rate);
        m_queue->setGlobalRateLimit(m_queue->globalRateLimit()); // shares it out again
        QSettings().setValue(RateKey, rate);
    });
    connect(m_jobList->globalRateBox(), &RateBox::rateChosen, this,
            [](qint64 rate) { QSettings().setValue(GlobalRateKey, rate); });
    connect(m_summary, &SummaryPanel::retryRequested, this, &JobPanel::retryFailed);
    connect(m_summary, &SummaryPanel::exportRequested, this, &JobPanel::chooseReportFile);
    connect(m_summary, &SummaryPanel::openRequested, this, &JobPanel::openDestination);
    updateActions();
}

FileStatusModel *JobPanel::model() const
{
    return m_shown ? m_shown->model() : m_emptyModel;
}

void JobPanel::showJob(QueuedJob *job)
{
    if (job == m_shown && job)
        return;
    m_shown = job;
    m_jobList->select(job);
    m_table->setModel(model());
    m_progress->reset();
    if (job && (job->isStarted() || job->isFinished()))
        m_progress->update(job->progress());
    else if (job)
        m_progress->setPhaseText(job->stateText());
    if (job)
        m_rate->setRate(job->rateLimit());
    showSummary();
    updateActions();
}

void JobPanel::showSummary()
{
    if (!m_shown || !m_shown->isFinished()) {
        m_summary->hide();
        return;
    }
    const Summary &summary = m_shown->summary();
    m_progress->finish(summary);
    if (summary.refused) {
        m_summary->hide();
        return;
    }
    using State = FileStatusModel::State;
    const FileStatusModel *m = m_shown->model();
    SummaryPanel::Counts counts;
    counts.copied = m->count(State::Copied) + m->count(State::Moved);
    counts.skipped = m->count(State::Skipped);
    counts.failed = m->count(State::Failed) + m->count(State::VerifyFailed);
    counts.notCopied = m->count(State::Cancelled);
    m_summary->show(summary, counts);
}

void JobPanel::togglePause()
{
    if (!m_shown)
        return;
    using S = QueuedJob::State;
    if (m_shown->state() == S::Paused || m_shown->state() == S::Held)
        m_shown->resume();
    else
        m_shown->pause();
    m_queue->schedule();
    if (m_shown && !m_shown->isStarted() && !m_shown->isFinished())
        m_progress->setPhaseText(m_shown->stateText());
    updateActions();
}

void JobPanel::cancel()
{
    QPointer<QueuedJob> job = m_shown;
    if (!job || !(job->isActive() || job->state() == QueuedJob::State::Held))
        return;
    if (job->isStarted()
        && !m_prompts->confirm(this, tr("Cancel the copy?"),
                               tr("Files already copied are kept. The files being copied now are removed.")))
        return;
    if (!job || job->isFinished()) // it ended while the question was open
        return;
    if (job->isStarted())
        Q_EMIT statusChanged(tr("Cancelling…"));
    job->cancel();
}

void JobPanel::retryFailed()
{
    if (!m_shown || !m_shown->isFinished())
        return;
    const FileStatusModel *m = m_shown->model();
    const qint64 failed = m->count(FileStatusModel::State::Failed) + m->count(FileStatusModel::State::VerifyFailed);
    if (!m_shown->retryFailed())
        return;
    m_summary->hide();
    m_progress->reset();
    Q_EMIT statusChanged(tr("Retrying the failed files (%1)…").arg(QLocale().toString(failed)));
}

bool JobPanel::exportReport(const QString &path, QString *error)
{
    if (!m_shown) {
        if (error)
            *error = tr("There is no job to report on.");
        return false;
    }
    return m_shown->exportReport(path, error);
}

void JobPanel::chooseReportFile()
{
    if (!m_shown)
        return;
    const QString start = displayPath(m_shown->options().destination) + QStringLiteral("/ferry-report.csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the report"), start, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportReport(path, &error))
        Q_EMIT statusChanged(tr("Report saved to “%1”.").arg(path));
    else
        m_prompts->error(this, tr("The report was not saved"), error);
}

void JobPanel::chooseJobDestination(QueuedJob *job)
{
    QPointer<QueuedJob> guard(job);
    const QString path = QFileDialog::getExistingDirectory(this, tr("Copy this job into"),
                                                           displayPath(job->options().destination));
    if (path.isEmpty() || !guard)
        return;
    if (guard->setDestination(normalizePath(fs::pathFromText(path))))
        m_queue->schedule();
    else
        Q_EMIT statusChanged(tr("“%1” has started; its destination stays.").arg(guard->title()));
}

void JobPanel::openDestination()
{
    if (m_shown)
        QDesktopServices::openUrl(QUrl::fromLocalFile(displayPath(m_shown->options().destination)));
}

QString JobPanel::windowTitle() const
{
    const int percent = m_progress->percent();
    QString title;
    if (m_shown && m_shown->isStarted() && percent >= 0)
        title = m_shown->state() == QueuedJob::State::Paused ? tr("Paused at %1% — Ferry").arg(percent)
                                                             : tr("%1% — Ferry").arg(percent);
    else if (m_shown && m_shown->state() == QueuedJob::State::Done && percent == 100)
        title = tr("Done — Ferry");
    else
        title = tr("Ferry");
    const int others = m_queue->activeCount() - (m_shown && m_shown->isActive() ? 1 : 0);
    return others > 0 ? tr("%1 (%n more jobs)", nullptr, others).arg(title) : title;
}

void JobPanel::updateActions()
{
    using S = QueuedJob::State;
    const S state = m_shown ? m_shown->state() : S::Done;
    // The flush can't be paused: it is one call into the kernel.
    const bool flushing = state == S::Running && m_shown->progress().phase == Phase::Flush;
    m_pause->setEnabled(((state == S::Running || state == S::Paused) && !flushing) || state == S::Queued
                        || state == S::Held);
    m_cancel->setEnabled(m_shown && (m_shown->isActive() || state == S::Held));
    const bool paused = state == S::Paused || state == S::Held;
    m_pause->setText(paused ? tr("Res&ume") : (state == S::Queued ? tr("&Hold") : tr("&Pause")));
    m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    Q_EMIT shownChanged();
}

void JobPanel::onJobStarted(QueuedJob *job)
{
    if (job != m_shown)
        return;
    m_progress->reset();
    m_summary->hide();
    Q_EMIT statusChanged(tr("Looking at the sources…"));
    updateActions();
}

void JobPanel::onJobProgress(QueuedJob *job, const Progress &progress)
{
    if (job != m_shown)
        return;
    const Phase before = m_progress->phase();
    m_progress->update(progress);
    if (progress.phase == Phase::Flush && before != Phase::Flush)
        Q_EMIT statusChanged(tr("Flushing to disk: the copies are written out before the job is done…"));
    else if (progress.phase == Phase::Copy && before == Phase::Scan && progress.filesTotal > 0)
        Q_EMIT statusChanged(tr("Copying: %1 files, %2 in all…")
                                 .arg(QLocale().toString(progress.filesTotal),
                                      sizeText(QLocale(), progress.bytesTotal)));
    updateActions();
}

void JobPanel::onJobFinished(QueuedJob *job, const Summary &summary)
{
    if (job != m_shown) {
        updateActions();
        return;
    }
    showSummary();
    if (summary.refused) {
        Q_EMIT statusChanged(summary.error);
        m_prompts->error(this, tr("Nothing was copied"), summary.error);
    } else {
        Q_EMIT statusChanged(summary.cancelled ? tr("Cancelled.")
                                               : (summary.ok() ? tr("Done.") : tr("Done, with errors.")));
    }
    updateActions();
}

} // namespace Ferry
