#pragma once

#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace Ferry {

// Pause and cancel for work already in flight: the copy loops call checkpoint() between chunks,
// so a pause or a cancel takes effect within one chunk even in the middle of a large file.
// A speed limit is kept here too, for all the job's threads together: each chunk written books its
// time on one shared clock, and its thread waits until that time has come.
class CopyControl
{
public:
    void pause();
    void resume();
    void cancel();

    bool isCancelled() const { return m_cancelled.load(std::memory_order_acquire); }
    bool isPaused() const { return m_paused.load(std::memory_order_acquire); }
    const std::atomic<bool> *cancelFlag() const { return &m_cancelled; }

    // Blocks while paused; returns false once cancelled.
    bool checkpoint();

    // Bytes per second for the whole job; 0 for none. May change while the job runs.
    void setRateLimit(qint64 bytesPerSecond);
    qint64 rateLimit() const { return m_rate.load(std::memory_order_relaxed); }
    // The chunk to ask for next: `chunk`, or less while a limit is set (a tenth of a second's worth),
    // so that the limit holds over short spans and a change of it takes effect soon.
    qint64 chunkSize(qint64 chunk) const;
    // After `bytes` were written: waits as long as the limit asks (or until a cancel).
    void throttle(qint64 bytes);

private:
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_paused{false};
    // std:: rather than QMutex: ThreadSanitizer sees pthread locks, not Qt's futex path.
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::atomic<qint64> m_rate{0};
    std::chrono::steady_clock::time_point m_nextFree; // guarded by m_mutex
};

} // namespace Ferry
