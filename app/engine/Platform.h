#pragma once

#include <QtGlobal>

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

namespace Ferry {

// The few names that differ between the POSIX systems the engine is written for (Linux, macOS),
// in one place. What only Linux has (O_TMPFILE, copy_file_range, FICLONE, syncfs, renameat2,
// statfs magic numbers) is used under #ifdef where it is called, with the portable call beside it.

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

// A folder opened only to name files relative to it: O_PATH where there is one (no read
// permission needed, nothing read), else a plain read-only open.
#ifdef O_PATH
constexpr int FolderHandleFlags = O_PATH | O_DIRECTORY | O_CLOEXEC;
#else
constexpr int FolderHandleFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
#endif

} // namespace Ferry
