#include "CopyControl.h"

namespace Ferry {

void CopyControl::pause()
{
    QMutexLocker lock(&m_mutex);
    m_paused.store(true, std::memory_order_release);
}

void CopyControl::resume()
{
    QMutexLocker lock(&m_mutex);
    m_paused.store(false, std::memory_order_release);
    m_wake.wakeAll();
}

void CopyControl::cancel()
{
    QMutexLocker lock(&m_mutex);
    m_cancelled.store(true, std::memory_order_release);
    m_wake.wakeAll();
}

bool CopyControl::checkpoint()
{
    if (!m_paused.load(std::memory_order_acquire))
        return !isCancelled();
    QMutexLocker lock(&m_mutex);
    while (m_paused.load(std::memory_order_acquire) && !m_cancelled.load(std::memory_order_acquire))
        m_wake.wait(&m_mutex);
    return !isCancelled();
}

} // namespace Ferry
