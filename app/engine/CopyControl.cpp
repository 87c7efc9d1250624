#include "CopyControl.h"

#include <algorithm>

namespace Ferry {

void CopyControl::pause()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_paused.store(true, std::memory_order_release);
}

void CopyControl::resume()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_paused.store(false, std::memory_order_release);
    m_wake.notify_all();
}

void CopyControl::cancel()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_cancelled.store(true, std::memory_order_release);
    m_wake.notify_all();
}

bool CopyControl::checkpoint()
{
    if (!m_paused.load(std::memory_order_acquire))
        return !isCancelled();
    std::unique_lock<std::mutex> lock(m_mutex);
    while (m_paused.load(std::memory_order_acquire) && !m_cancelled.load(std::memory_order_acquire))
        m_wake.wait(lock);
    return !isCancelled();
}

void CopyControl::setRateLimit(qint64 bytesPerSecond)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_rate.store(std::max<qint64>(0, bytesPerSecond), std::memory_order_relaxed);
    m_wake.notify_all(); // a thread waiting under the old limit books again
}

qint64 CopyControl::chunkSize(qint64 chunk) const
{
    const qint64 rate = rateLimit();
    if (rate <= 0)
        return chunk;
    constexpr qint64 Smallest = 16 * 1024;
    return std::clamp<qint64>(rate / 10, std::min(Smallest, chunk), chunk);
}

void CopyControl::throttle(qint64 bytes)
{
    using Clock = std::chrono::steady_clock;
    if (bytes <= 0 || rateLimit() <= 0)
        return;
    std::unique_lock<std::mutex> lock(m_mutex);
    const qint64 rate = m_rate.load(std::memory_order_relaxed);
    if (rate <= 0)
        return;
    const Clock::time_point now = Clock::now();
    // Time not used (a pause, a slow disk, a scan) is not saved up for a burst later.
    if (m_nextFree < now)
        m_nextFree = now;
    m_nextFree += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(double(bytes) / double(rate)));
    const Clock::time_point until = m_nextFree;
    const qint64 bookedAt = rate;
    m_wake.wait_until(lock, until, [this, bookedAt] {
        return m_cancelled.load(std::memory_order_acquire) || m_rate.load(std::memory_order_relaxed) != bookedAt;
    });
    if (m_rate.load(std::memory_order_relaxed) != bookedAt)
        m_nextFree = Clock::now(); // the limit changed: start again from now
}

} // namespace Ferry
