#include "StagedFile.h"

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
// Once a filesystem says no to O_TMPFILE, stop asking for this process (one wasted call a file
// otherwise). Folders on other filesystems then use named temporaries too, which is still safe.
std::atomic<bool> g_anonymousWorks{true};

bool procFdAvailable()
{
    static const bool available = ::access("/proc/self/fd", X_OK) == 0;
    return available;
}

QByteArray procPath(int fd)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "/proc/self/fd/%d", fd);
    return QByteArray(buf);
}
} // namespace

bool renameNoReplace(const char *from, const char *to, int *err)
{
#ifdef Q_OS_LINUX
    if (::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
        return true;
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
        *err = errno;
        return false;
    }
#endif
    if (::link(from, to) == 0) {
        ::unlink(from);
        return true;
    }
    if (errno == EEXIST) {
        *err = EEXIST;
        return false;
    }
    struct stat st {};
    if (::lstat(to, &st) == 0) {
        *err = EEXIST;
        return false;
    }
    if (::rename(from, to) == 0)
        return true;
    *err = errno;
    return false;
}

bool StagedFile::open(const QByteArray &dir, mode_t mode, bool readable, int *err)
{
    discard();
    m_dir = dir;
    m_published = false;
    const int access = readable ? O_RDWR : O_WRONLY;
#ifdef O_TMPFILE
    if (g_anonymousWorks.load(std::memory_order_relaxed) && procFdAvailable()) {
        m_fd = ::open(dir.constData(), O_TMPFILE | access | O_CLOEXEC, mode);
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
    m_temp = joinPath(dir, makeTempName());
    m_fd = ::open(m_temp.constData(), access | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (m_fd < 0) {
        *err = errno;
        m_temp.clear();
        return false;
    }
    return true;
}

bool StagedFile::publish(const QByteArray &target, bool replace, int *err)
{
    if (m_temp.isEmpty() && m_fd >= 0) {
        const QByteArray self = procPath(m_fd);
        if (!replace) {
            if (::linkat(AT_FDCWD, self.constData(), AT_FDCWD, target.constData(), AT_SYMLINK_FOLLOW) != 0) {
                *err = errno;
                return false; // the file stays open: the caller may try another name
            }
            m_published = true;
            ::close(m_fd); // local filesystems with O_TMPFILE report write errors on write, not close
            m_fd = -1;
            return true;
        }
        // Replacing takes a name first: rename(2) is what swaps one file for another atomically.
        const QByteArray temp = joinPath(m_dir, makeTempName());
        if (::linkat(AT_FDCWD, self.constData(), AT_FDCWD, temp.constData(), AT_SYMLINK_FOLLOW) != 0) {
            *err = errno;
            return false;
        }
        m_temp = temp;
    }
    if (m_fd >= 0) {
        // Before the name changes: some filesystems (NFS) report write errors only here.
        const int fd = m_fd;
        m_fd = -1;
        if (::close(fd) != 0) {
            *err = errno;
            return false;
        }
    }
    if (replace ? ::rename(m_temp.constData(), target.constData()) == 0
                : renameNoReplace(m_temp.constData(), target.constData(), err)) {
        m_published = true;
        m_temp.clear();
        return true;
    }
    if (replace)
        *err = errno;
    return false;
}

void StagedFile::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_published && !m_temp.isEmpty())
        ::unlink(m_temp.constData());
    m_temp.clear();
}

} // namespace Ferry
