#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace Ferry {

// Pause and cancel for work already in flight: the copy loops call checkpoint() between chunks,
// so a pause or a cancel takes effect within one chunk even in the middle of a large file.
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

private:
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_paused{false};
    // std:: rather than QMutex: ThreadSanitizer sees pthread locks, not Qt's futex path.
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

} // namespace Ferry
