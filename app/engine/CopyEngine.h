#pragma once

#include "CopyTypes.h"
#include "HandOff.h"
#include "fs/FileSystem.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <deque>
#include <memory>
#include <functional>
#include <optional>
#include <thread>

namespace Ferry {

class CopyJob;
class CopyPlan;

// Runs copy jobs for a front end: scan and checks, then the per-file copies through
// QtConcurrent::map over its own pool, then the flush. The workers never talk to the front end:
// a timer drains what they recorded into one batched signal a few times a second.
class CopyEngine : public QObject
{
    Q_OBJECT
public:
    explicit CopyEngine(QObject *parent = nullptr);
    ~CopyEngine() override;

    void start(const CopyOptions &options);
    // Copies these entries of the last job's plan again (its failed files, say), with its
    // options, as a job of their own: the same signals, but no planned(); progress and the summary
    // count these entries only. Ignored while a job runs or before one has been planned.
    void retry(const QList<qint32> &entries);
    void pause();
    void resume();
    void cancel();
    // Under ConflictPolicy::Ask: the answer to the question last signalled by conflictAsked().
    void answerConflict(qint32 entry, ConflictAnswer answer, bool applyToAll);

    bool isRunning() const { return m_running; }
    bool isPaused() const;
    // The scanned plan of the current or last job (null before planned()); read-only.
    const CopyPlan *plan() const;
    QByteArray sourcePath(qint32 entry) const;
    // Where the file went: its planned target, or the name "rename" gave it. Read once the job
    // has finished, or for an entry already reported.
    QByteArray targetPath(qint32 entry) const;
    // The file's status as the job stands (Pending before the job has its plan).
    FileStatus status(qint32 entry) const;
    Progress progress() const;

    // This job's folder of the plan was made by it (it was not there before).
    bool createdFolder(qint32 dir) const;

    // Bytes per second over all the job's threads; 0 for none. Holds for later jobs too, and
    // applies at once to a job running.
    void setRateLimit(qint64 bytesPerSecond);
    qint64 rateLimit() const { return m_rateLimit; }

    void setBatchInterval(int msecs) { m_timer.setInterval(msecs); }
    // The file layer the jobs started from now on go through (the system's by default); tests put
    // one in front of it to inject faults. It must outlive those jobs.
    void setFileSystem(fs::FileSystem *fs) { m_fs = fs ? fs : &fs::native(); }
    // The copy threads when none are asked for (CopyOptions::jobs 0), for a source on `source`
    // storage and a machine of `cores` cores (0: this one's).
    static int defaultJobs(fs::Medium source = fs::Medium::Unknown, int cores = 0);
    // Copy threads for a job: the options' count, or the default for its sources' storage (the
    // fewest when one of them is on a spinning disk).
    static int jobsFor(const CopyOptions &options, fs::FileSystem &fs, int cores = 0);

Q_SIGNALS:
    void planned(qint64 files, qint64 bytes);
    void filesUpdated(const QList<Ferry::FileEvent> &events);
    void progressed(const Ferry::Progress &progress);
    void conflictAsked(const Ferry::ConflictQuestion &question);
    void finished(const Ferry::Summary &summary);

private:
    struct Prepared {
        std::shared_ptr<CopyJob> job;
        QString error;
        bool retry = false;
        int jobs = 0; // copy threads
    };
    void begin(const CopyOptions &options, bool keepJob);

    static Prepared prepare(const CopyOptions &options, const std::atomic<bool> *cancelled, fs::FileSystem &fs);
    // The steps before and after the copies run one at a time on a thread of their own, then
    // call `then` on the engine's thread. (A plain thread: its start and join are hand-offs that
    // ThreadSanitizer sees, unlike a task queued on QThreadPool.)
    void runPhase(std::function<void()> work, void (CopyEngine::*then)());
    Q_INVOKABLE void onPhaseDone();
    void onPrepared();
    void startCopies(const QList<qint32> &entries);
    void onCopiesFinished();
    void onFinished();
    void drain();
    void askNext();

    CopyOptions m_options;
    fs::FileSystem *m_fs = &fs::native();
    QThreadPool m_pool;
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::shared_ptr<CopyJob> m_job;
    std::shared_ptr<std::atomic<bool>> m_scanCancel;
    std::thread m_phaseThread;
    void (CopyEngine::*m_phaseThen)() = nullptr;
    Prepared m_prepared; // written by the prepare phase, read once its thread is joined
    HandOff m_handOff;
    QFutureWatcher<void> m_copyWatcher;
    // The map runs over runs of entries: consecutive entries of one folder, at most RunEntries of
    // them or, once past RunBytes, no more. A worker then has a folder to itself, rather than every
    // worker creating files in the same folder and waiting on its lock; a large file is a run alone.
    struct Run {
        qint32 begin = 0; // positions in m_entries
        qint32 end = 0;
    };
    QList<qint32> m_entries; // must outlive the map
    QList<Run> m_runs;       // the sequence the map runs over
    Phase m_phase = Phase::Idle;
    bool m_running = false;
    bool m_paused = false;
    bool m_awaitingAnswers = false;
    qint64 m_rateLimit = 0;

    std::deque<ConflictQuestion> m_questions;
    std::optional<qint32> m_asked;
    std::optional<ConflictAnswer> m_answerAll;

    mutable std::deque<std::pair<qint64, qint64>> m_samples; // (msecs, bytes) for the speed
};

} // namespace Ferry
