#include "CopyEngine.h"

#include "CopyJob.h"
#include "CopyPlan.h"
#include "Preflight.h"
#include "TargetNames.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <utility>

namespace Ferry {

namespace {
constexpr int BatchIntervalMs = 200;
constexpr qint64 SpeedWindowMs = 5000;
constexpr qint32 RunEntries = 256;
constexpr qint64 RunBytes = 16 * 1024 * 1024;
constexpr int ColdReadThreads = 16;
} // namespace

CopyEngine::CopyEngine(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Ferry::Progress>();
    qRegisterMetaType<Ferry::Summary>();
    qRegisterMetaType<Ferry::FileEvent>();
    qRegisterMetaType<Ferry::ConflictQuestion>();
    fs::shareMemoryPools();
    m_timer.setInterval(BatchIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &CopyEngine::drain);
    connect(&m_copyWatcher, &QFutureWatcher<void>::finished, this, &CopyEngine::onCopiesFinished);
}

CopyEngine::~CopyEngine()
{
    cancel();
    m_copyWatcher.waitForFinished();
    m_pool.waitForDone();
    if (m_phaseThread.joinable())
        m_phaseThread.join();
}

int CopyEngine::defaultJobs(fs::Medium source, int cores)
{
    if (cores <= 0)
        cores = QThread::idealThreadCount();
    // Small files are bound by per-file system calls, which a second thread per core overlaps
    // with the waits of the first; large ones by the disk, which likes a few requests at once.
    const int perCore = std::clamp(cores * 2, 2, 16);
    if (source == fs::Medium::Spinning)
        return perCore;
    // Files not in the page cache are read at the device's speed only with many reads in flight
    // (a thread waits on each): solid and virtual disks served the small sets cold in about half
    // the time with 16 threads as with 4, and copies from the cache were no slower.
    return std::max(perCore, ColdReadThreads);
}

int CopyEngine::jobsFor(const CopyOptions &options, fs::FileSystem &fs, int cores)
{
    if (options.jobs > 0)
        return options.jobs;
    fs::Medium medium = fs::Medium::Solid;
    for (const QByteArray &source : options.sources) {
        const fs::Medium m = fs.medium(source);
        if (m == fs::Medium::Spinning)
            return defaultJobs(m, cores);
        if (m == fs::Medium::Unknown)
            medium = m;
    }
    return defaultJobs(medium, cores);
}

void CopyEngine::start(const CopyOptions &options)
{
    if (m_running)
        return;
    begin(options, false);
    Prepared *out = &m_prepared;
    fs::FileSystem *fs = m_fs;
    const auto cancelFlag = m_scanCancel;
    runPhase([options, cancelFlag, out, fs] {
        *out = prepare(options, cancelFlag.get(), *fs);
    }, &CopyEngine::onPrepared);
}

void CopyEngine::retry(const QList<qint32> &entries)
{
    if (m_running || !m_job || entries.isEmpty())
        return;
    const std::shared_ptr<const CopyPlan> plan = m_job->sharedPlan();
    const CopyOptions options = m_options;
    begin(options, true);
    Prepared *out = &m_prepared;
    fs::FileSystem *fs = m_fs;
    runPhase([options, plan, entries, out, fs] {
        Prepared p;
        p.retry = true;
        p.jobs = jobsFor(options, *fs);
        p.job = std::make_shared<CopyJob>(options, plan, entries, *fs);
        if (!options.dryRun && !p.job->prepare(&p.error))
            p.job.reset();
        *out = p;
    }, &CopyEngine::onPrepared);
}

void CopyEngine::begin(const CopyOptions &options, bool keepJob)
{
    m_options = options;
    m_running = true;
    m_paused = false;
    m_awaitingAnswers = false;
    m_questions.clear();
    m_asked.reset();
    m_answerAll.reset();
    m_samples.clear();
    if (!keepJob) // a retry answers for the last job's plan until its own job is ready
        m_job.reset();
    m_phase = Phase::Scan;
    m_pool.setMaxThreadCount(options.jobs > 0 ? options.jobs : defaultJobs());
    m_clock.start();
    m_scanCancel = std::make_shared<std::atomic<bool>>(false);
    m_timer.start();
    Q_EMIT progressed(progress());
}

CopyEngine::Prepared CopyEngine::prepare(const CopyOptions &options, const std::atomic<bool> *cancelled, fs::FileSystem &fs)
{
    Prepared p;
    p.error = Preflight::checkPaths(options, fs);
    if (!p.error.isEmpty())
        return p;
    p.jobs = jobsFor(options, fs);
    CopyPlan plan;
    PlanBuilder builder(options, fs);
    builder.setThreads(p.jobs);
    if (!builder.build(&plan, &p.error, cancelled))
        return p;
    // A dry run probes too (a temporary name, removed again, the folder's time put back): what it
    // lists must be what a copy would meet.
    plan.volume = Preflight::learnDestination(options, fs, true);
    TargetNames::resolve(&plan, options);
    p.error = Preflight::checkPlan(options, plan, fs);
    if (!p.error.isEmpty())
        return p;
    p.job = std::make_shared<CopyJob>(options, std::move(plan), fs);
    if (cancelled->load())
        p.job->control().cancel();
    if (!options.dryRun && !p.job->prepare(&p.error))
        p.job.reset();
    return p;
}

void CopyEngine::runPhase(std::function<void()> work, void (CopyEngine::*then)())
{
    m_phaseThen = then;
    m_phaseThread = std::thread([this, work = std::move(work)] {
        work();
        QMetaObject::invokeMethod(this, "onPhaseDone", Qt::QueuedConnection);
    });
}

void CopyEngine::onPhaseDone()
{
    m_phaseThread.join();
    (this->*m_phaseThen)();
}

void CopyEngine::onPrepared()
{
    const Prepared p = std::exchange(m_prepared, Prepared());
    if (!p.job) {
        Summary s;
        s.refused = !m_scanCancel->load();
        s.cancelled = m_scanCancel->load();
        s.error = p.error;
        s.seconds = double(m_clock.elapsed()) / 1000.0;
        m_timer.stop();
        m_phase = Phase::Done;
        m_running = false;
        Q_EMIT finished(s);
        return;
    }
    m_job = p.job;
    m_pool.setMaxThreadCount(p.jobs > 0 ? p.jobs : defaultJobs());
    if (m_scanCancel->load())
        m_job->control().cancel();
    if (m_paused)
        m_job->control().pause();
    m_job->control().setRateLimit(m_rateLimit);
    if (!p.retry) // a retry goes on with the plan the front end has
        Q_EMIT planned(m_job->filesTotal(), m_job->bytesTotal());
    m_phase = Phase::Copy;
    startCopies(m_job->entries());
}

void CopyEngine::startCopies(const QList<qint32> &entries)
{
    // Shared with the job's own list, which no one changes while the job lives (the map holds the
    // job): a second copy would cost 4 bytes a file.
    m_entries = entries;
    m_runs.clear();
    const CopyPlan &plan = m_job->plan();
    qint32 runDir = -1;
    qint64 runBytes = 0;
    for (qint32 i = 0; i < qint32(m_entries.size()); ++i) {
        const PlanEntry &e = plan.entries[size_t(m_entries[i])];
        if (m_runs.isEmpty() || e.dir != runDir || m_runs.last().end - m_runs.last().begin >= RunEntries
            || runBytes >= RunBytes) {
            m_runs.append(Run{i, i});
            runDir = e.dir;
            runBytes = 0;
        }
        m_runs.last().end = i + 1;
        runBytes += e.size;
    }
    const std::shared_ptr<CopyJob> job = m_job;
    const bool dryRun = m_options.dryRun;
    HandOff *handOff = &m_handOff;
    const qint32 *order = m_entries.constData();
    m_handOff.publishToPool();
    m_copyWatcher.setFuture(QtConcurrent::map(&m_pool, m_runs, [job, dryRun, handOff, order](Run &run) {
        handOff->takeFromCoordinator();
        for (qint32 i = run.begin; i < run.end; ++i) {
            if (dryRun)
                job->describe(order[i]);
            else
                job->process(order[i]);
        }
        handOff->publishToCoordinator();
    }));
    if (m_paused)
        m_copyWatcher.suspend();
}

void CopyEngine::onCopiesFinished()
{
    m_handOff.takeFromPool();
    if (!m_job)
        return;
    if (!m_job->control().isCancelled()) {
        drain();
        // Conflicts still waiting for the person: the job waits with them.
        if (m_job->unanswered() > 0) {
            m_awaitingAnswers = true;
            return;
        }
        const QList<qint32> answered = m_job->takeAnswered();
        if (!answered.isEmpty()) {
            startCopies(answered);
            return;
        }
    }
    m_awaitingAnswers = false;
    m_phase = Phase::Flush;
    const std::shared_ptr<CopyJob> job = m_job;
    runPhase([job] { job->finish(); }, &CopyEngine::onFinished);
}

void CopyEngine::onFinished()
{
    drain();
    m_timer.stop();
    m_phase = Phase::Done;
    m_running = false;
    Summary s = m_job->summary();
    s.seconds = double(m_clock.elapsed()) / 1000.0;
    Q_EMIT progressed(progress());
    Q_EMIT finished(s);
}

void CopyEngine::drain()
{
    if (m_job) {
        QList<FileEvent> events = m_job->takeEvents();
        if (!events.isEmpty())
            Q_EMIT filesUpdated(events);
        const QList<ConflictQuestion> questions = m_job->takeQuestions();
        for (const ConflictQuestion &q : questions)
            m_questions.push_back(q);
        askNext();
    }
    Q_EMIT progressed(progress());
}

void CopyEngine::askNext()
{
    while (!m_asked && !m_questions.empty()) {
        const ConflictQuestion q = m_questions.front();
        m_questions.pop_front();
        if (m_answerAll) {
            m_job->answer(q.entry, *m_answerAll);
            continue;
        }
        m_asked = q.entry;
        Q_EMIT conflictAsked(q);
    }
    if (m_awaitingAnswers && m_job && m_job->unanswered() == 0 && !m_copyWatcher.isRunning()) {
        m_awaitingAnswers = false;
        onCopiesFinished();
    }
}

void CopyEngine::answerConflict(qint32 entry, ConflictAnswer answer, bool applyToAll)
{
    if (!m_job)
        return;
    m_job->answer(entry, answer);
    if (applyToAll)
        m_answerAll = answer;
    if (m_asked == entry)
        m_asked.reset();
    askNext();
}

void CopyEngine::pause()
{
    if (!m_running || m_paused)
        return;
    m_paused = true;
    if (m_job)
        m_job->control().pause();
    m_copyWatcher.suspend();
    Q_EMIT progressed(progress());
}

void CopyEngine::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    if (m_job)
        m_job->control().resume();
    m_copyWatcher.resume();
    Q_EMIT progressed(progress());
}

void CopyEngine::cancel()
{
    if (!m_running)
        return;
    // A cancel ends a pause too: a job planned after it must not start suspended.
    m_paused = false;
    if (m_scanCancel)
        m_scanCancel->store(true);
    if (m_job) {
        m_job->control().cancel();
        m_job->control().resume();
    }
    m_copyWatcher.cancel();
    m_copyWatcher.resume();
    if (m_awaitingAnswers) {
        m_awaitingAnswers = false;
        onCopiesFinished();
    }
}

void CopyEngine::setRateLimit(qint64 bytesPerSecond)
{
    m_rateLimit = qMax<qint64>(0, bytesPerSecond);
    if (m_job)
        m_job->control().setRateLimit(m_rateLimit);
}

bool CopyEngine::isPaused() const
{
    return m_paused;
}

const CopyPlan *CopyEngine::plan() const
{
    return m_job ? &m_job->plan() : nullptr;
}

bool CopyEngine::createdFolder(qint32 dir) const
{
    return m_job && m_job->createdFolder(dir);
}

QByteArray CopyEngine::sourcePath(qint32 entry) const
{
    return m_job ? m_job->plan().sourcePath(entry) : QByteArray();
}

QByteArray CopyEngine::targetPath(qint32 entry) const
{
    return m_job ? m_job->targetPath(entry) : QByteArray();
}

FileStatus CopyEngine::status(qint32 entry) const
{
    return m_job ? m_job->status(entry) : FileStatus::Pending;
}

Progress CopyEngine::progress() const
{
    Progress p;
    p.phase = m_phase;
    p.paused = m_paused;
    if (!m_job)
        return p;
    p.bytesDone = m_job->bytesDone();
    p.bytesTotal = m_job->bytesTotal();
    p.filesDone = m_job->filesDone();
    p.filesTotal = m_job->filesTotal();
    if (m_phase == Phase::Flush && !m_job->flushing())
        p.phase = Phase::Copy;
    p.active = m_job->activeFiles();
    const qint64 now = m_clock.elapsed();
    auto &samples = m_samples;
    samples.emplace_back(now, p.bytesDone);
    while (samples.size() > 2 && now - samples.front().first > SpeedWindowMs)
        samples.pop_front();
    const auto &first = samples.front();
    if (now > first.first)
        p.bytesPerSecond = double(p.bytesDone - first.second) * 1000.0 / double(now - first.first);
    if (p.bytesPerSecond > 0)
        p.secondsLeft = double(p.bytesTotal - p.bytesDone) / p.bytesPerSecond;
    return p;
}

} // namespace Ferry
