#pragma once

#include "CopyEngine.h"
#include "CopyTypes.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace Ferry {

class CopyPlan;

// Runs a job for the window, and then, on request, the failed files of that job again. Every
// signal speaks of the first job's plan entries, so the window's table stays valid across
// retries. A retry is one engine job per target folder (the engine copies sources into one
// destination), run one after the other on a second engine, so the first job's plan stays alive.
class JobRunner : public QObject
{
    Q_OBJECT
public:
    explicit JobRunner(QObject *parent = nullptr);

    void start(const CopyOptions &options);
    // Copies these entries of the last job again; false if there is nothing to retry.
    bool retry(const QList<qint32> &entries);
    void pause();
    void resume();
    void cancel();
    void answerConflict(qint32 entry, ConflictAnswer answer, bool applyToAll);

    bool isRunning() const { return m_engine.isRunning() || m_retrying; }
    bool isPaused() const { return current().isPaused(); }
    bool isRetrying() const { return m_retrying; }
    const CopyPlan *plan() const { return m_engine.plan(); }
    const CopyOptions &options() const { return m_options; }
    void setBatchInterval(int msecs);
    // Bytes per second over the job's threads (retries included); 0 for none.
    void setRateLimit(qint64 bytesPerSecond);
    qint64 rateLimit() const { return m_engine.rateLimit(); }

Q_SIGNALS:
    void planned(qint64 files, qint64 bytes);
    void filesUpdated(const QList<Ferry::FileEvent> &events);
    void progressed(const Ferry::Progress &progress);
    void conflictAsked(const Ferry::ConflictQuestion &question);
    void finished(const Ferry::Summary &summary);

private:
    struct Group {
        QByteArray destination;
        QList<QByteArray> sources;
        QList<qint32> entries;
    };

    CopyEngine &current() { return m_retrying ? m_retryEngine : m_engine; }
    const CopyEngine &current() const { return m_retrying ? m_retryEngine : m_engine; }
    qint32 mapEntry(qint32 retryEntry) const;
    void startNextGroup();
    void onRetryFiles(const QList<FileEvent> &events);
    void onRetryProgress(const Progress &progress);
    void onRetryConflict(const ConflictQuestion &question);
    void onRetryFinished(const Summary &summary);
    void restoreFolderTimes();

    CopyOptions m_options;
    CopyEngine m_engine;
    CopyEngine m_retryEngine;
    bool m_retrying = false;
    bool m_retryCancelled = false;
    QList<Group> m_groups;
    Group m_group; // the one running
    QHash<QByteArray, qint32> m_bySource;
    QSet<QByteArray> m_retriedFolders;
    QHash<qint32, qint32> m_askedRetryEntry; // first-job entry -> the retry job's entry
    Summary m_retrySummary;
    qint64 m_bytesBefore = 0; // of the groups already done
    qint64 m_filesBefore = 0;
    qint64 m_bytesTotal = 0;
    qint64 m_filesTotal = 0;
};

} // namespace Ferry
