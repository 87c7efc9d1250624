#pragma once

// Happens-before edges that ThreadSanitizer cannot see by itself. The distribution's Qt is not
// instrumented, and QThreadPool hands work to its threads under a futex-based QMutex, so TSan
// would take every hand-off between the engine's thread and the pool for a race. The engine marks
// the two directions explicitly: the coordinator publishes before it starts pool work, pool work
// takes it over before touching shared state, and the reverse when pool work is done. Workers
// never take over from each other, so races between them are still reported. Compiles to
// nothing without ThreadSanitizer.

#if defined(__SANITIZE_THREAD__)
#define FERRY_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FERRY_TSAN 1
#endif
#endif

#ifdef FERRY_TSAN
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
#endif

namespace Ferry {

class HandOff
{
public:
    // Coordinator, before it starts pool work / pool work, before it touches shared state.
    void publishToPool() { release(&m_toPool); }
    void takeFromCoordinator() { acquire(&m_toPool); }
    // Pool work, when it is done / coordinator, before it reads what pool work wrote.
    void publishToCoordinator() { release(&m_toCoordinator); }
    void takeFromPool() { acquire(&m_toCoordinator); }

private:
#ifdef FERRY_TSAN
    static void acquire(char *p) { __tsan_acquire(p); }
    static void release(char *p) { __tsan_release(p); }
#else
    static void acquire(char *) {}
    static void release(char *) {}
#endif
    char m_toPool = 0;
    char m_toCoordinator = 0;
};

} // namespace Ferry
