#pragma once

#include <QtGlobal>

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

// What only Linux has (O_TMPFILE, copy_file_range, FICLONE, syncfs, renameat2, statfs magic
// numbers, O_PATH, /proc/self/fd) is used under `#if FERRY_LINUX_CALLS` where it is called, with
// the portable POSIX call beside it: the path every other POSIX system (macOS, the BSDs) takes.
// Building with FERRY_PORTABLE_ONLY (CMake option of that name) turns the Linux calls off on
// Linux too, so that the portable path is built and tested here (scripts/test does).
#if defined(Q_OS_LINUX) && !defined(FERRY_PORTABLE_ONLY)
#define FERRY_LINUX_CALLS 1
#else
#define FERRY_LINUX_CALLS 0
#endif

namespace Ferry {

// The few names that differ between the POSIX systems the engine is written for (Linux, macOS),
// in one place.

inline const timespec &accessTime(const struct stat &st)
{
#if defined(Q_OS_DARWIN)
    return st.st_atimespec;
#else
    return st.st_atim;
#endif
}

inline const timespec &modifyTime(const struct stat &st)
{
#if defined(Q_OS_DARWIN)
    return st.st_mtimespec;
#else
    return st.st_mtim;
#endif
}

// Flushes one open file or folder to the disk itself: F_FULLFSYNC where fsync() stops at the
// drive's cache (macOS), else fsync().
inline int syncDescriptor(int fd)
{
#ifdef F_FULLFSYNC
    if (::fcntl(fd, F_FULLFSYNC) == 0)
        return 0;
#endif
    return ::fsync(fd);
}

// A folder opened only to name files relative to it: O_PATH where there is one (no read
// permission needed, nothing read), else a plain read-only open.
#if FERRY_LINUX_CALLS
constexpr int FolderHandleFlags = O_PATH | O_DIRECTORY | O_CLOEXEC;
#else
constexpr int FolderHandleFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
#endif

} // namespace Ferry
