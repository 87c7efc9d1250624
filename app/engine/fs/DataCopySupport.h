#pragma once

// What every implementation's data copy and probe share: the results they return, the counting
// of bytes, and reading a filesystem's time granularity off a time set and read back.

#include "fs/FileSystem.h"

#include <QCoreApplication>

#include <atomic>

namespace Ferry::fs {

inline DataCopyResult copyFailure(int err, const char *what)
{
    DataCopyResult r;
    r.err = err;
    r.what = what;
    return r;
}

inline DataCopyResult copySuccess()
{
    DataCopyResult r;
    r.ok = true;
    return r;
}

inline DataCopyResult copyCancelled()
{
    DataCopyResult r;
    r.cancelled = true;
    r.what = QT_TRANSLATE_NOOP("Ferry::CopyJob", "cancelled");
    return r;
}

inline const char *shrankText()
{
    return QT_TRANSLATE_NOOP("Ferry::CopyJob", "source ended early: it shrank while being copied");
}

inline void countCopied(qint64 n, std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone)
{
    bytesDone->fetch_add(n, std::memory_order_relaxed);
    fileDone->fetch_add(n, std::memory_order_relaxed);
}

// The time probe sets an odd second with nanoseconds; what comes back tells the unit the
// filesystem keeps times in (1 ns, 100 ns for NTFS, ..., 2 s for FAT). 0: none of them.
inline constexpr timespec ProbeTime{1500000001, 123456789};
inline qint64 timeGranularity(const timespec &got)
{
    const qint64 want = qint64(ProbeTime.tv_sec) * 1000000000 + ProbeTime.tv_nsec;
    const qint64 have = qint64(got.tv_sec) * 1000000000 + got.tv_nsec;
    for (const qint64 g : {qint64(1), qint64(100), qint64(1000), qint64(1000000), qint64(10000000),
                           qint64(1000000000), qint64(2000000000)}) {
        if (have == want / g * g || have == (want + g - 1) / g * g)
            return g;
    }
    return 0;
}

} // namespace Ferry::fs
