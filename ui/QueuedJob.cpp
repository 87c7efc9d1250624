#include "QueuedJob.h"
#include "fs/FileSystem.h"

#include "CopyPlan.h"
#include "FileStatusModel.h"
#include "JobRunner.h"
#include "ReportWriter.h"

#include <QDateTime>
#include <QFile>
#include <QLocale>


namespace Ferry {

namespace {
FileStatus fileStatus(FileStatusModel::State state)
{
    using S = FileStatusModel::State;
    switch (state) {
    case S::Copied: return FileStatus::Copied;
    case S::Moved: return FileStatus::Moved;
    case S::Skipped: return FileStatus::Skipped;
    case S::Failed: return FileStatus::Failed;
    case S::VerifyFailed: return FileStatus::VerifiedFailed;
    case S::Cancelled: return FileStatus::Cancelled;
    default: return FileStatus::Pending;
    }
}
} // namespace

QueuedJob::QueuedJob(QObject *parent)
    : QObject(parent)
    , m_runner(new JobRunner(this))
    , m_model(new FileStatusModel(this))
{
    connect(m_runner, &JobRunner::planned, this, &QueuedJob::onPlanned);
    connect(m_runner, &JobRunner::filesUpdated, m_model, &FileStatusModel::applyEvents);
    connect(m_runner, &JobRunner::progressed, this, &QueuedJob::onProgress);
    connect(m_runner, &JobRunner::conflictAsked, this, [this](const ConflictQuestion &q) {
        m_model->setWaiting(q.entry);
        Q_EMIT conflictAsked(q);
    });
    connect(m_runner, &JobRunner::finished, this, &QueuedJob::onFinished);
}

QueuedJob::~QueuedJob()
{
    // The model reads the runner's plan: let it go first.
    m_model->clear();
}

quint64 QueuedJob::deviceOf(const QByteArray &path)
{
    // The destination may not exist yet: it will be made on its nearest existing parent's device.
    QByteArray p = path;
    fs::FileInfo info;
    while (!p.isEmpty()) {
        if (fs::native().stat(fs::NoHandle, p, true, &info) == 0)
            return info.device;
        const QByteArray up = parentPath(p);
        if (up == p)
            break;
        p = up;
    }
    return 0;
}

void QueuedJob::setOptions(const CopyOptions &options)
{
    if (m_state != State::Queued && m_state != State::Held)
        return;
    m_options = options;
    m_device = deviceOf(options.destination);
    Q_EMIT changed();
}

bool QueuedJob::setDestination(const QByteArray &destination)
{
    if (m_state != State::Queued && m_state != State::Held)
        return false;
    m_options.destination = destination;
    m_device = deviceOf(destination);
    Q_EMIT changed();
    return true;
}

bool QueuedJob::isActive() const
{
    return m_state == State::Queued || m_state == State::Running || m_state == State::Paused;
}

bool QueuedJob::isFinished() const
{
    return m_state == State::Done || m_state == State::Failed || m_state == State::Cancelled;
}

QString QueuedJob::title() const
{
    if (m_options.sources.isEmpty())
        return QString();
    const QString first = displayPath(baseName(m_options.sources.first()));
    const qsizetype more = m_options.sources.size() - 1;
    return more > 0 ? tr("%1 and %n more", nullptr, int(more)).arg(first) : first;
}

QString QueuedJob::stateName(State state)
{
    switch (state) {
    case State::Queued: return tr("Queued");
    case State::Held: return tr("On hold");
    case State::Running: return tr("Copying");
    case State::Paused: return tr("Paused");
    case State::Done: return tr("Done");
    case State::Failed: return tr("Failed");
    case State::Cancelled: return tr("Cancelled");
    }
    return QString();
}

QString QueuedJob::stateText() const
{
    if (m_state == State::Running && m_progress.phase == Phase::Flush)
        return tr("Flushing");
    if (m_state == State::Running && m_progress.phase == Phase::Scan)
        return tr("Scanning");
    if (m_state == State::Done && !m_summary.ok())
        return tr("Done, with errors");
    return stateName(m_state);
}

void QueuedJob::setState(State state)
{
    m_state = state;
    Q_EMIT changed();
}

void QueuedJob::start()
{
    if (m_state != State::Queued)
        return;
    m_startedAt = QDateTime::currentMSecsSinceEpoch();
    m_progress = Progress();
    m_progress.phase = Phase::Scan;
    m_disk.reset();
    setState(State::Running);
    Q_EMIT started();
    m_runner->start(m_options);
}

void QueuedJob::pause()
{
    if (m_state == State::Queued) {
        setState(State::Held);
    } else if (m_state == State::Running) {
        m_runner->pause();
        setState(State::Paused);
    }
}

void QueuedJob::resume()
{
    if (m_state == State::Held) {
        setState(State::Queued);
    } else if (m_state == State::Paused) {
        m_runner->resume();
        setState(State::Running);
    }
}

void QueuedJob::cancel()
{
    if (m_state == State::Queued || m_state == State::Held) {
        m_summary = Summary();
        m_summary.cancelled = true;
        m_finishedAt = QDateTime::currentMSecsSinceEpoch();
        setState(State::Cancelled);
        Q_EMIT finished(m_summary);
    } else if (isStarted()) {
        // Out of the pause first: a job paused while it was still scanning would otherwise hold
        // its copies suspended once the scan ends.
        if (m_state == State::Paused)
            resume();
        m_runner->cancel();
    }
}

bool QueuedJob::retryFailed()
{
    if (!isFinished())
        return false;
    QList<qint32> entries = m_model->entriesIn(FileStatusModel::State::Failed);
    entries += m_model->entriesIn(FileStatusModel::State::VerifyFailed);
    std::sort(entries.begin(), entries.end());
    if (entries.isEmpty())
        return false;
    m_model->resetEntries(entries);
    m_startedAt = QDateTime::currentMSecsSinceEpoch();
    m_progress = Progress();
    m_progress.phase = Phase::Copy;
    m_disk.reset();
    setState(State::Running);
    Q_EMIT started();
    return m_runner->retry(entries);
}

void QueuedJob::setRateLimit(qint64 bytesPerSecond)
{
    m_rateLimit = qMax<qint64>(0, bytesPerSecond);
    Q_EMIT changed();
}

void QueuedJob::setEffectiveRateLimit(qint64 bytesPerSecond)
{
    m_runner->setRateLimit(bytesPerSecond);
}

void QueuedJob::onPlanned()
{
    m_model->setPlan(m_runner->plan());
}

double QueuedJob::fraction() const
{
    if (m_state == State::Done)
        return 1.0;
    return m_progress.phase == Phase::Done ? 1.0 : qMin(m_disk.fraction(), 0.999);
}

void QueuedJob::onProgress(const Progress &progress)
{
    m_progress = progress;
    const bool counting = (progress.phase == Phase::Copy || progress.phase == Phase::Flush) && progress.bytesTotal > 0;
    m_disk.update(progress, counting ? systemDirtyBytes() : -1, QDateTime::currentMSecsSinceEpoch() - m_startedAt);
    m_model->setActive(progress.active);
    Q_EMIT progressed(progress);
    Q_EMIT changed();
}

void QueuedJob::onFinished(const Summary &summary)
{
    m_model->finishJob();
    m_summary = summary;
    m_finishedAt = QDateTime::currentMSecsSinceEpoch();
    if (summary.cancelled)
        m_state = State::Cancelled;
    else if (summary.refused)
        m_state = State::Failed;
    else
        m_state = State::Done;
    Q_EMIT changed();
    Q_EMIT finished(summary);
}

bool QueuedJob::exportReport(const QString &path, QString *error) const
{
    const CopyPlan *plan = m_model->plan();
    QString why;
    ReportWriter writer(path);
    if (!plan) {
        if (error)
            *error = tr("This job has no files to report yet.");
        return false;
    }
    if (!writer.open(&why)) {
        if (error)
            *error = why;
        return false;
    }
    writer.addAll(*plan, [this](qint32 entry) {
        return ReportRow{fileStatus(m_model->state(entry)), m_model->destination(entry), m_model->message(entry)};
    });
    const bool ok = writer.close(&why);
    if (!ok && error)
        *error = why;
    return ok;
}

} // namespace Ferry
