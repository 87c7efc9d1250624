#include "CopyControl.h"

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

} // namespace Ferry
