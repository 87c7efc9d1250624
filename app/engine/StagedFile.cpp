#include "StagedFile.h"

#include "Platform.h"

#include "CopyPlan.h"
#include "TempFiles.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Ferry {

namespace {
#if FERRY_LINUX_CALLS
// Once a filesystem says no to O_TMPFILE, stop asking for this process (one wasted call a file
// otherwise). Folders on other filesystems then use named temporaries too, which is still safe.
std::atomic<bool> g_anonymousWorks{true};
// linkat(fd, "", ..., AT_EMPTY_PATH) names an open file without a path walk through /proc; older
// kernels allow it only with CAP_DAC_READ_SEARCH and say ENOENT otherwise.
std::atomic<bool> g_emptyPathWorks{true};

bool procFdAvailable()
{
    static const bool available = ::access("/proc/self/fd", X_OK) == 0;
    return available;
}

bool linkThroughProc(int fd, int dirFd, const char *name)
{
    char self[40];
    std::snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
    return ::linkat(AT_FDCWD, self, dirFd, name, AT_SYMLINK_FOLLOW) == 0;
}

// Gives the anonymous file `fd` the name `name` in dirFd; fails with EEXIST if it is taken.
bool linkAnonymous(int fd, int dirFd, const char *name, int *err)
{
    if (g_emptyPathWorks.load(std::memory_order_relaxed)) {
        if (::linkat(fd, "", dirFd, name, AT_EMPTY_PATH) == 0)
            return true;
        if (errno != ENOENT && errno != EPERM && errno != EINVAL) {
            *err = errno;
            return false;
        }
        // ENOENT is also what a removed folder says: only a /proc retry that works proves it was
        // the flag (then the flag is not tried again).
        if (linkThroughProc(fd, dirFd, name)) {
            g_emptyPathWorks.store(false, std::memory_order_relaxed);
            return true;
        }
        *err = errno;
        return false;
    }
    if (linkThroughProc(fd, dirFd, name))
        return true;
    *err = errno;
    return false;
}
#endif
} // namespace

bool renameNoReplace(int dirFd, const char *from, const char *to, int *err)
{
#if FERRY_LINUX_CALLS
    if (::renameat2(dirFd, from, dirFd, to, RENAME_NOREPLACE) == 0)
        return true;
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
        *err = errno;
        return false;
    }
#endif
    if (::linkat(dirFd, from, dirFd, to, 0) == 0) {
        ::unlinkat(dirFd, from, 0);
        return true;
    }
    if (errno == EEXIST) {
        *err = EEXIST;
        return false;
    }
    struct stat st {};
    if (::fstatat(dirFd, to, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        *err = EEXIST;
        return false;
    }
    if (::renameat(dirFd, from, dirFd, to) == 0)
        return true;
    *err = errno;
    return false;
}

bool renameInto(int dirFd, const char *from, const char *to, bool replace, int *err)
{
    if (!replace)
        return renameNoReplace(dirFd, from, to, err);
    if (::renameat(dirFd, from, dirFd, to) == 0)
        return true;
    *err = errno;
    return false;
}

bool StagedFile::open(int dirFd, mode_t mode, bool readable, int *err)
{
    discard();
    m_dirFd = dirFd;
    m_published = false;
    const int access = readable ? O_RDWR : O_WRONLY;
#if FERRY_LINUX_CALLS
    if (g_anonymousWorks.load(std::memory_order_relaxed) && procFdAvailable()) {
        m_fd = ::openat(dirFd, ".", O_TMPFILE | access | O_CLOEXEC, mode);
        if (m_fd >= 0)
            return true;
        if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)
            g_anonymousWorks.store(false, std::memory_order_relaxed);
        else if (errno != ENOENT) {
            *err = errno;
            return false;
        }
    }
#endif
    m_temp = makeTempName();
    m_fd = ::openat(dirFd, m_temp.constData(), access | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (m_fd < 0) {
        *err = errno;
        m_temp.clear();
        return false;
    }
    return true;
}

bool StagedFile::publish(const QByteArray &name, bool replace, int *err)
{
#if FERRY_LINUX_CALLS
    if (m_temp.isEmpty() && m_fd >= 0) {
        if (!replace) {
            if (!linkAnonymous(m_fd, m_dirFd, name.constData(), err))
                return false; // the file stays open: the caller may try another name
            m_published = true;
            ::close(m_fd); // local filesystems with O_TMPFILE report write errors on write, not close
            m_fd = -1;
            return true;
        }
        // Replacing takes a name first: rename(2) is what swaps one file for another atomically.
        const QByteArray temp = makeTempName();
        if (!linkAnonymous(m_fd, m_dirFd, temp.constData(), err))
            return false;
        m_temp = temp;
    }
#endif
    if (m_fd >= 0) {
        // Before the name changes: some filesystems (NFS) report write errors only here.
        const int fd = m_fd;
        m_fd = -1;
        if (::close(fd) != 0) {
            *err = errno;
            return false;
        }
    }
    if (!renameInto(m_dirFd, m_temp.constData(), name.constData(), replace, err))
        return false;
    m_published = true;
    m_temp.clear();
    return true;
}

void StagedFile::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_published && !m_temp.isEmpty())
        ::unlinkat(m_dirFd, m_temp.constData(), 0);
    m_temp.clear();
}

} // namespace Ferry
