#pragma once

#include "CopyTypes.h"
#include "RateFit.h"

#include <QElapsedTimer>
#include <QObject>

#include <sys/types.h>

namespace Ferry {

class FileStatusModel;
class JobRunner;

// One job of the window's queue: its sources, destination and options, the runner that copies it,
// the per-file model the table shows, and where it stands. The queue decides when it starts.
class QueuedJob : public QObject
{
    Q_OBJECT
public:
    enum class State : quint8 { Queued, Held, Running, Paused, Done, Failed, Cancelled };

    // The job, with a runner of its own, may be made before it is known what it copies: the window
    // keeps the next one ready, so that its runner can be set up and watched ahead.
    explicit QueuedJob(QObject *parent = nullptr);
    ~QueuedJob() override;

    const CopyOptions &options() const { return m_options; }
    // Before it starts only.
    void setOptions(const CopyOptions &options);
    // Before it starts only: another destination (the device is looked up again).
    bool setDestination(const QByteArray &destination);
    JobRunner *runner() const { return m_runner; }
    FileStatusModel *model() const { return m_model; }
    State state() const { return m_state; }
    bool isActive() const; // queued, running or paused: not finished and not held
    bool isStarted() const { return m_state == State::Running || m_state == State::Paused; }
    bool isFinished() const;
    // The filesystem the destination is on (or would be, once made): jobs on one device run in turn.
    quint64 device() const { return m_device; }
    const Progress &progress() const { return m_progress; }
    // 0-1 as the bar shows it (the bytes not yet on the disk count as half done).
    double fraction() const;
    const Summary &summary() const { return m_summary; }
    // Milliseconds since the epoch of the start and of the end; 0 before.
    qint64 startedAt() const { return m_startedAt; }
    qint64 finishedAt() const { return m_finishedAt; }
    // A name for the job: its first source, and how many more.
    QString title() const;
    QString stateText() const;
    static QString stateName(State state);

    void start();
    void pause();  // a queued job is held: it does not start, and the next may
    void resume();
    void cancel(); // a job not yet started is cancelled at once
    bool retryFailed();
    // Limit this job asked for and the share of the global one it got; 0 for none.
    void setRateLimit(qint64 bytesPerSecond);
    qint64 rateLimit() const { return m_rateLimit; }
    void setEffectiveRateLimit(qint64 bytesPerSecond);
    bool exportReport(const QString &path, QString *error) const;

    static quint64 deviceOf(const QByteArray &path);

Q_SIGNALS:
    void changed();
    void started();
    void progressed(const Ferry::Progress &progress);
    void conflictAsked(const Ferry::ConflictQuestion &question);
    void finished(const Ferry::Summary &summary);

private:
    void onPlanned();
    void onProgress(const Progress &progress);
    void onFinished(const Summary &summary);
    void setState(State state);

    CopyOptions m_options;
    JobRunner *m_runner;
    FileStatusModel *m_model;
    State m_state = State::Queued;
    quint64 m_device = 0;
    Progress m_progress;
    DiskProgress m_disk;
    Summary m_summary;
    qint64 m_rateLimit = 0;
    qint64 m_startedAt = 0;
    qint64 m_finishedAt = 0;
};

} // namespace Ferry
