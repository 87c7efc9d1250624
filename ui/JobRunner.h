#pragma once

#include "CopyEngine.h"
#include "CopyTypes.h"

#include <QObject>

namespace Ferry {

class CopyPlan;

// Runs a job for the window, and then, on request, the failed files of that job again: the
// engine's retry, a job over those entries of the same plan, so every signal speaks of the first
// job's entries and the window's table stays valid across retries.
class JobRunner : public QObject
{
    Q_OBJECT
public:
    explicit JobRunner(QObject *parent = nullptr);

    void start(const CopyOptions &options);
    // Copies these entries of the last job again; false if there is nothing to retry.
    bool retry(const QList<qint32> &entries);
    void pause() { m_engine.pause(); }
    void resume() { m_engine.resume(); }
    void cancel() { m_engine.cancel(); }
    void answerConflict(qint32 entry, ConflictAnswer answer, bool applyToAll)
    {
        m_engine.answerConflict(entry, answer, applyToAll);
    }

    bool isRunning() const { return m_engine.isRunning(); }
    bool isPaused() const { return m_engine.isPaused(); }
    bool isRetrying() const { return !m_retried.isEmpty(); }
    const CopyPlan *plan() const { return m_engine.plan(); }
    const CopyOptions &options() const { return m_options; }
    void setBatchInterval(int msecs) { m_engine.setBatchInterval(msecs); }
    // Bytes per second over the job's threads (retries included); 0 for none.
    void setRateLimit(qint64 bytesPerSecond) { m_engine.setRateLimit(bytesPerSecond); }
    qint64 rateLimit() const { return m_engine.rateLimit(); }

Q_SIGNALS:
    void planned(qint64 files, qint64 bytes);
    void filesUpdated(const QList<Ferry::FileEvent> &events);
    void progressed(const Ferry::Progress &progress);
    void conflictAsked(const Ferry::ConflictQuestion &question);
    void finished(const Ferry::Summary &summary);

private:
    void onFinished(const Summary &summary);

    CopyOptions m_options;
    CopyEngine m_engine;
    QList<qint32> m_retried; // while a retry runs: its entries
};

} // namespace Ferry
