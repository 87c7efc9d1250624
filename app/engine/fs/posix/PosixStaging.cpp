// Staged files on POSIX: nameless (O_TMPFILE) where Linux allows it, else a temporary name in the
// target folder; linked or renamed into place once complete.
#include "PosixFileSystem.h"

#include "Platform.h"
#include "TempFiles.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Ferry::fs {

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
int linkAnonymous(int fd, int dirFd, const char *name)
{
    if (g_emptyPathWorks.load(std::memory_order_relaxed)) {
        if (::linkat(fd, "", dirFd, name, AT_EMPTY_PATH) == 0)
            return 0;
        if (errno != ENOENT && errno != EPERM && errno != EINVAL)
            return errno;
        // ENOENT is also what a removed folder says: only a /proc retry that works proves it was
        // the flag (then the flag is not tried again).
        if (linkThroughProc(fd, dirFd, name)) {
            g_emptyPathWorks.store(false, std::memory_order_relaxed);
            return 0;
        }
        return errno;
    }
    return linkThroughProc(fd, dirFd, name) ? 0 : errno;
}
#endif

int renameNoReplace(int fromDir, const char *from, int toDir, const char *to)
{
#if FERRY_LINUX_CALLS
    if (::renameat2(fromDir, from, toDir, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        return errno;
#endif
    // A hard link cannot be made of a folder (EPERM): those go by look-then-rename below.
    if (::linkat(fromDir, from, toDir, to, 0) == 0) {
        ::unlinkat(fromDir, from, 0);
        return 0;
    }
    if (errno == EEXIST || errno == EXDEV)
        return errno;
    struct stat st {};
    if (::fstatat(toDir, to, &st, AT_SYMLINK_NOFOLLOW) == 0)
        return EEXIST;
    if (::renameat(fromDir, from, toDir, to) == 0)
        return 0;
    return errno;
}
} // namespace

int renameBetween(int fromDir, const char *from, int toDir, const char *to, bool replace)
{
    if (!replace)
        return renameNoReplace(fromDir, from, toDir, to);
    return ::renameat(fromDir, from, toDir, to) == 0 ? 0 : errno;
}

int renameInFolder(int dirFd, const char *from, const char *to, bool replace)
{
    return renameBetween(dirFd, from, dirFd, to, replace);
}

int PosixFileSystem::createStaged(Handle dir, quint32 mode, bool readable, Staged *s)
{
    discard(s);
    *s = Staged();
    s->folder = dir;
    const int dirFd = int(dir);
    const int access = readable ? O_RDWR : O_WRONLY;
#if FERRY_LINUX_CALLS
    if (g_anonymousWorks.load(std::memory_order_relaxed) && procFdAvailable()) {
        const int fd = ::openat(dirFd, ".", O_TMPFILE | access | O_CLOEXEC, mode_t(mode));
        if (fd >= 0) {
            s->file = fd;
            return 0;
        }
        if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)
            g_anonymousWorks.store(false, std::memory_order_relaxed);
        else if (errno != ENOENT)
            return errno;
    }
#endif
    const QByteArray temp = makeTempName();
    const int fd = ::openat(dirFd, temp.constData(), access | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode_t(mode));
    if (fd < 0)
        return errno;
    s->file = fd;
    s->tempName = temp;
    return 0;
}

int PosixFileSystem::publish(Staged *s, const QByteArray &name, bool replace)
{
    const int dirFd = int(s->folder);
#if FERRY_LINUX_CALLS
    if (s->tempName.isEmpty() && s->file != NoHandle) {
        if (!replace) {
            if (const int err = linkAnonymous(int(s->file), dirFd, name.constData()))
                return err; // the file stays open: the caller may try another name
            s->published = true;
            ::close(int(s->file)); // local filesystems with O_TMPFILE report write errors on write, not close
            s->file = NoHandle;
            return 0;
        }
        // Replacing takes a name first: rename(2) is what swaps one file for another atomically.
        const QByteArray temp = makeTempName();
        if (const int err = linkAnonymous(int(s->file), dirFd, temp.constData()))
            return err;
        s->tempName = temp;
    }
#endif
    if (s->file != NoHandle) {
        // Before the name changes: some filesystems (NFS) report write errors only here.
        const int fd = int(s->file);
        s->file = NoHandle;
        if (::close(fd) != 0)
            return errno;
    }
    if (const int err = renameInFolder(dirFd, s->tempName.constData(), name.constData(), replace))
        return err;
    s->published = true;
    s->tempName.clear();
    return 0;
}

void PosixFileSystem::discard(Staged *s)
{
    if (s->file != NoHandle) {
        ::close(int(s->file));
        s->file = NoHandle;
    }
    if (!s->published && !s->tempName.isEmpty())
        ::unlinkat(int(s->folder), s->tempName.constData(), 0);
    s->tempName.clear();
}

} // namespace Ferry::fs
