#include "JobRunner.h"

#include "CopyPlan.h"

#include <QMap>

#include <fcntl.h>
#include <sys/stat.h>

namespace Ferry {

JobRunner::JobRunner(QObject *parent)
    : QObject(parent)
{
    connect(&m_engine, &CopyEngine::planned, this, &JobRunner::planned);
    connect(&m_engine, &CopyEngine::filesUpdated, this, &JobRunner::filesUpdated);
    connect(&m_engine, &CopyEngine::progressed, this, &JobRunner::progressed);
    connect(&m_engine, &CopyEngine::conflictAsked, this, &JobRunner::conflictAsked);
    connect(&m_engine, &CopyEngine::finished, this, &JobRunner::finished);
    connect(&m_retryEngine, &CopyEngine::filesUpdated, this, &JobRunner::onRetryFiles);
    connect(&m_retryEngine, &CopyEngine::progressed, this, &JobRunner::onRetryProgress);
    connect(&m_retryEngine, &CopyEngine::conflictAsked, this, &JobRunner::onRetryConflict);
    connect(&m_retryEngine, &CopyEngine::finished, this, &JobRunner::onRetryFinished);
}

void JobRunner::setBatchInterval(int msecs)
{
    m_engine.setBatchInterval(msecs);
    m_retryEngine.setBatchInterval(msecs);
}

void JobRunner::setRateLimit(qint64 bytesPerSecond)
{
    m_engine.setRateLimit(bytesPerSecond);
    m_retryEngine.setRateLimit(bytesPerSecond);
}

void JobRunner::start(const CopyOptions &options)
{
    if (isRunning())
        return;
    m_options = options;
    m_groups.clear();
    m_bySource.clear();
    m_engine.start(options);
}

bool JobRunner::retry(const QList<qint32> &entries)
{
    const CopyPlan *p = plan();
    if (isRunning() || !p || entries.isEmpty())
        return false;
    QMap<QByteArray, Group> byFolder; // sorted, so the folders are done in a stable order
    m_bySource.clear();
    m_bytesTotal = 0;
    m_filesTotal = 0;
    for (qint32 entry : entries) {
        const QByteArray source = p->sourcePath(entry);
        Group &g = byFolder[parentPath(p->targetPath(entry))];
        g.sources.append(source);
        g.entries.append(entry);
        m_bySource.insert(source, entry);
        m_bytesTotal += p->entries[size_t(entry)].size;
        ++m_filesTotal;
    }
    m_groups.clear();
    m_retriedFolders.clear();
    for (auto it = byFolder.begin(); it != byFolder.end(); ++it) {
        it->destination = it.key();
        m_retriedFolders.insert(it.key());
        m_groups.append(*it);
    }
    m_retrying = true;
    m_retryCancelled = false;
    m_retrySummary = Summary();
    m_bytesBefore = 0;
    m_filesBefore = 0;
    startNextGroup();
    return true;
}

void JobRunner::startNextGroup()
{
    m_group = m_groups.takeFirst();
    CopyOptions options = m_options;
    options.sources = m_group.sources;
    options.destination = m_group.destination;
    m_askedRetryEntry.clear();
    m_retryEngine.start(options);
}

qint32 JobRunner::mapEntry(qint32 retryEntry) const
{
    const CopyPlan *p = m_retryEngine.plan();
    return p ? m_bySource.value(p->sourcePath(retryEntry), -1) : -1;
}

void JobRunner::onRetryFiles(const QList<FileEvent> &events)
{
    QList<FileEvent> mapped;
    mapped.reserve(events.size());
    for (FileEvent e : events) {
        e.entry = mapEntry(e.entry);
        if (e.entry >= 0)
            mapped.append(e);
    }
    if (!mapped.isEmpty())
        Q_EMIT filesUpdated(mapped);
}

void JobRunner::onRetryProgress(const Progress &progress)
{
    Progress p = progress;
    p.bytesDone += m_bytesBefore;
    p.filesDone += m_filesBefore;
    p.bytesTotal = qMax(m_bytesTotal, p.bytesDone);
    p.filesTotal = qMax(m_filesTotal, p.filesDone);
    if (p.bytesPerSecond > 0)
        p.secondsLeft = double(p.bytesTotal - p.bytesDone) / p.bytesPerSecond;
    // Only the last folder's end is the retry's end.
    if (p.phase == Phase::Done && !m_groups.isEmpty())
        p.phase = Phase::Copy;
    if (p.phase == Phase::Scan)
        p.phase = Phase::Copy;
    QList<ActiveFile> active;
    for (ActiveFile a : std::as_const(p.active)) {
        a.entry = mapEntry(a.entry);
        if (a.entry >= 0)
            active.append(a);
    }
    p.active = active;
    Q_EMIT progressed(p);
}

void JobRunner::onRetryConflict(const ConflictQuestion &question)
{
    ConflictQuestion q = question;
    q.entry = mapEntry(question.entry);
    if (q.entry < 0) { // not one of ours: leave what is there
        m_retryEngine.answerConflict(question.entry, ConflictAnswer::Skip, false);
        return;
    }
    m_askedRetryEntry.insert(q.entry, question.entry);
    Q_EMIT conflictAsked(q);
}

void JobRunner::answerConflict(qint32 entry, ConflictAnswer answer, bool applyToAll)
{
    if (!m_retrying) {
        m_engine.answerConflict(entry, answer, applyToAll);
        return;
    }
    const qint32 retryEntry = m_askedRetryEntry.take(entry);
    m_retryEngine.answerConflict(retryEntry, answer, applyToAll);
}

void JobRunner::onRetryFinished(const Summary &summary)
{
    if (summary.refused) {
        // The folder's files can't be retried now (a source is gone, the disk is full...).
        QList<FileEvent> failed;
        for (qint32 entry : std::as_const(m_group.entries)) {
            FileEvent e;
            e.entry = entry;
            e.status = FileStatus::Failed;
            e.message = summary.error;
            failed.append(e);
        }
        Q_EMIT filesUpdated(failed);
        m_retrySummary.failed += m_group.entries.size();
    }
    m_retrySummary.copied += summary.copied;
    m_retrySummary.moved += summary.moved;
    m_retrySummary.skipped += summary.skipped;
    m_retrySummary.failed += summary.failed;
    m_retrySummary.bytesCopied += summary.bytesCopied;
    m_retrySummary.seconds += summary.seconds;
    m_retrySummary.cancelled = m_retrySummary.cancelled || summary.cancelled;
    if (m_retrySummary.error.isEmpty() && !summary.refused)
        m_retrySummary.error = summary.error;
    if (const CopyPlan *p = m_retryEngine.plan()) {
        m_bytesBefore += p->bytesTotal;
        m_filesBefore += p->fileCount();
    } else {
        m_bytesBefore += 0;
        m_filesBefore += m_group.entries.size();
    }
    if (!m_groups.isEmpty() && !m_retrySummary.cancelled) {
        startNextGroup();
        return;
    }
    m_groups.clear();
    m_retrying = false;
    restoreFolderTimes();
    Q_EMIT finished(m_retrySummary);
}

// The retry wrote into folders the first job had finished, which changed their times; put back
// the times of their sources, as the first job did.
void JobRunner::restoreFolderTimes()
{
    const CopyPlan *p = plan();
    if (!p || !m_options.preserve)
        return;
    for (size_t i = 0; i < p->dirs.size(); ++i) {
        const PlanDir &dir = p->dirs[i];
        if (!m_engine.createdFolder(qint32(i)) || !m_retriedFolders.contains(dir.target))
            continue;
        const timespec times[2] = {dir.atime, dir.mtime};
        ::utimensat(AT_FDCWD, dir.target.constData(), times, 0);
    }
    m_retriedFolders.clear();
}

void JobRunner::pause()
{
    current().pause();
}

void JobRunner::resume()
{
    current().resume();
}

void JobRunner::cancel()
{
    current().cancel();
}

} // namespace Ferry
