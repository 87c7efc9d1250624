#include "JobRunner.h"

namespace Ferry {

JobRunner::JobRunner(QObject *parent)
    : QObject(parent)
{
    connect(&m_engine, &CopyEngine::planned, this, &JobRunner::planned);
    connect(&m_engine, &CopyEngine::filesUpdated, this, &JobRunner::filesUpdated);
    connect(&m_engine, &CopyEngine::progressed, this, &JobRunner::progressed);
    connect(&m_engine, &CopyEngine::conflictAsked, this, &JobRunner::conflictAsked);
    connect(&m_engine, &CopyEngine::finished, this, &JobRunner::onFinished);
}

void JobRunner::start(const CopyOptions &options)
{
    if (isRunning())
        return;
    m_options = options;
    m_retried.clear();
    m_engine.start(options);
}

bool JobRunner::retry(const QList<qint32> &entries)
{
    if (isRunning() || !plan() || entries.isEmpty())
        return false;
    m_retried = entries;
    m_engine.retry(entries);
    return true;
}

void JobRunner::onFinished(const Summary &summary)
{
    const QList<qint32> retried = std::exchange(m_retried, {});
    Summary s = summary;
    if (summary.refused && !retried.isEmpty()) {
        // The files can't be retried now (the destination is gone, say): each says why.
        QList<FileEvent> failed;
        for (qint32 entry : retried) {
            FileEvent e;
            e.entry = entry;
            e.status = FileStatus::Failed;
            e.message = summary.error;
            failed.append(e);
        }
        Q_EMIT filesUpdated(failed);
        s.failed += retried.size();
    }
    Q_EMIT finished(s);
}

} // namespace Ferry
