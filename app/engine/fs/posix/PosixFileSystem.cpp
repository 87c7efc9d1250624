#include "PosixFileSystem.h"
#include "PosixSupport.h"

#include "Platform.h"
#include "TempFiles.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#if defined(Q_OS_LINUX)
#include <sys/vfs.h>
#endif

namespace Ferry::fs {

using posix::at;
using posix::result;

namespace {
void fill(const struct stat &st, FileInfo *out)
{
    out->kind = S_ISREG(st.st_mode) ? Kind::File
        : S_ISDIR(st.st_mode)       ? Kind::Folder
        : S_ISLNK(st.st_mode)       ? Kind::Symlink
        : S_ISFIFO(st.st_mode)      ? Kind::Fifo
        : S_ISSOCK(st.st_mode)      ? Kind::Socket
        : S_ISCHR(st.st_mode)       ? Kind::CharDevice
        : S_ISBLK(st.st_mode)       ? Kind::BlockDevice
                                    : Kind::Other;
    out->mode = quint32(st.st_mode);
    out->size = qint64(st.st_size);
    out->allocated = qint64(st.st_blocks) * 512;
    out->atime = accessTime(st);
    out->mtime = modifyTime(st);
    out->device = quint64(st.st_dev);
    out->inode = quint64(st.st_ino);
    out->owner = quint32(st.st_uid);
    out->group = quint32(st.st_gid);
}

// Filesystems whose file sizes are made up (0 or a page for what reads as more or less): procfs,
// sysfs, debugfs, configfs, tracefs, securityfs. Their files are read to their end.
bool sizesUnreliable(int fd, const char *path)
{
    // A fact of Linux itself, not one of its fast paths: the portable build asks it too.
#if defined(Q_OS_LINUX)
    struct statfs sf {};
    if ((fd >= 0 ? ::fstatfs(fd, &sf) : ::statfs(path, &sf)) != 0)
        return false;
    switch (static_cast<unsigned long>(sf.f_type)) {
    case 0x9fa0:     // procfs
    case 0x62656572: // sysfs
    case 0x64626720: // debugfs
    case 0x62656570: // configfs
    case 0x74726163: // tracefs
    case 0x73636673: // securityfs
        return true;
    default:
        return false;
    }
#else
    Q_UNUSED(fd);
    Q_UNUSED(path);
    return false;
#endif
}
} // namespace

FileSystem &native()
{
    static PosixFileSystem instance;
    return instance;
}

int PosixFileSystem::stat(Handle dir, const QByteArray &name, bool follow, FileInfo *out)
{
    struct stat st {};
    if (::fstatat(at(dir), name.constData(), &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) != 0)
        return errno;
    fill(st, out);
    // A path given by itself (a source named on the command line) may be a file of /proc.
    if (dir == NoHandle && S_ISREG(st.st_mode))
        out->sizeUnreliable = sizesUnreliable(-1, name.constData());
    return 0;
}

int PosixFileSystem::statOpen(Handle file, FileInfo *out)
{
    struct stat st {};
    if (::fstat(int(file), &st) != 0)
        return errno;
    fill(st, out);
    return 0;
}

int PosixFileSystem::readLink(const QByteArray &path, QByteArray *target)
{
    QByteArray buf(PATH_MAX, Qt::Uninitialized);
    const ssize_t n = ::readlink(path.constData(), buf.data(), size_t(buf.size()));
    if (n < 0)
        return errno;
    buf.truncate(n);
    *target = buf;
    return 0;
}

QByteArray PosixFileSystem::canonicalPath(const QByteArray &path)
{
    char buf[PATH_MAX];
    if (::realpath(path.constData(), buf))
        return QByteArray(buf);
    return QByteArray();
}

int PosixFileSystem::list(const QByteArray &folder, bool follow, const std::function<void(const ListedEntry &)> &each)
{
    DIR *dir = ::opendir(folder.constData());
    if (!dir)
        return errno;
    const int fd = ::dirfd(dir);
    const int statFlags = follow ? 0 : AT_SYMLINK_NOFOLLOW;
    const bool unreliable = sizesUnreliable(fd, nullptr);
    int listError = 0;
    for (;;) {
        errno = 0;
        const dirent *d = ::readdir(dir);
        if (!d) {
            listError = errno;
            break;
        }
        const char *n = d->d_name;
        if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)))
            continue;
        const QByteArray name(n);
        FileInfo info;
        struct stat st {};
        int err = 0;
        bool brokenLink = false;
        if (::fstatat(fd, n, &st, statFlags) != 0) {
            err = errno;
            struct stat lst {};
            brokenLink = follow && ::fstatat(fd, n, &lst, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(lst.st_mode);
        } else {
            fill(st, &info);
            info.sizeUnreliable = unreliable;
        }
        each(ListedEntry{name, info, err, brokenLink});
    }
    ::closedir(dir);
    return listError;
}

Handle PosixFileSystem::openFolder(const QByteArray &path, bool noFollow, int *err)
{
    const int fd = ::open(path.constData(), FolderHandleFlags | (noFollow ? O_NOFOLLOW : 0));
    if (fd < 0)
        *err = errno;
    return fd < 0 ? NoHandle : Handle(fd);
}

Handle PosixFileSystem::openRead(Handle dir, const QByteArray &name, bool follow, int *err)
{
    // Non-blocking: a FIFO put in a file's place must not hang the open.
    const int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW);
    const int fd = ::openat(at(dir), name.constData(), flags);
    if (fd < 0)
        *err = errno;
    return fd < 0 ? NoHandle : Handle(fd);
}

void PosixFileSystem::close(Handle h)
{
    if (h != NoHandle)
        ::close(int(h));
}

int PosixFileSystem::makeFolder(Handle dir, const QByteArray &name, quint32 mode)
{
    return dir == NoHandle ? result(::mkdir(name.constData(), mode_t(mode)))
                           : result(::mkdirat(int(dir), name.constData(), mode_t(mode)));
}

int PosixFileSystem::makeLink(Handle dir, const QByteArray &name, const QByteArray &target)
{
    return result(::symlinkat(target.constData(), at(dir), name.constData()));
}

int PosixFileSystem::rename(Handle dir, const QByteArray &from, const QByteArray &to, bool replace)
{
    return renameInFolder(at(dir), from.constData(), to.constData(), replace);
}

int PosixFileSystem::move(Handle fromDir, const QByteArray &from, Handle toDir, const QByteArray &to, bool replace)
{
    if (replace)
        return result(::renameat(at(fromDir), from.constData(), at(toDir), to.constData()));
    // A move is one rename, never a link and an unlink: killed between the two, the entry would
    // be in both places.
#if FERRY_LINUX_CALLS
    if (::renameat2(at(fromDir), from.constData(), at(toDir), to.constData(), RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        return errno;
#elif defined(Q_OS_DARWIN)
    if (::renameatx_np(at(fromDir), from.constData(), at(toDir), to.constData(), RENAME_EXCL) == 0)
        return 0;
    if (errno != ENOTSUP && errno != EINVAL)
        return errno;
#endif
    // Without an exclusive rename: look, then rename (a name made in between would be replaced).
    struct stat st {};
    if (::fstatat(at(toDir), to.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0)
        return EEXIST;
    return result(::renameat(at(fromDir), from.constData(), at(toDir), to.constData()));
}

int PosixFileSystem::remove(Handle dir, const QByteArray &name)
{
    return result(::unlinkat(at(dir), name.constData(), 0));
}

int PosixFileSystem::removeFolder(const QByteArray &path)
{
    return result(::rmdir(path.constData()));
}

int PosixFileSystem::syncData(Handle file)
{
    return result(::fdatasync(int(file)));
}

int PosixFileSystem::setAttributes(Handle file, const quint32 *mode, const timespec &atime, const timespec &mtime)
{
    if (mode && ::fchmod(int(file), mode_t(*mode & 07777)) != 0)
        return errno;
    const timespec times[2] = {atime, mtime};
    return result(::futimens(int(file), times));
}

int PosixFileSystem::setPathAttributes(Handle dir, const QByteArray &name, const quint32 *mode,
                                       const timespec &atime, const timespec &mtime, bool followLink)
{
    int err = 0;
    if (mode && ::fchmodat(at(dir), name.constData(), mode_t(*mode & 07777), 0) != 0)
        err = errno;
    const timespec times[2] = {atime, mtime};
    if (::utimensat(at(dir), name.constData(), times, followLink ? 0 : AT_SYMLINK_NOFOLLOW) != 0 && err == 0)
        err = errno;
    return err;
}

quint32 PosixFileSystem::creationMask()
{
    // umask() can only be read by setting it: read once, before any worker runs.
    static const mode_t mask = [] {
        const mode_t m = ::umask(0);
        ::umask(m);
        return m;
    }();
    return quint32(mask);
}

int PosixFileSystem::flush(const QByteArray &destination,
                           const std::function<void(const WrittenVisitor &)> &forEachWritten)
{
    const int fd = ::open(destination.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int err = fd < 0 ? errno : 0;
#if FERRY_LINUX_CALLS
    Q_UNUSED(forEachWritten);
    if (err == 0 && ::syncfs(fd) != 0)
        err = errno;
#else
    // No syncfs: sync() need not wait for the disk (macOS says so), so each copy and then each
    // folder that holds copies is flushed by itself. Slower than one call, but Done still means
    // on the disk.
    if (err == 0) {
        forEachWritten([&err](const QByteArray &path, bool folder) {
            if (err != 0)
                return;
            const int one = ::open(path.constData(), O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : O_NOFOLLOW));
            if (one < 0 || syncDescriptor(one) != 0)
                err = errno;
            if (one >= 0)
                ::close(one);
        });
    }
    if (err == 0 && syncDescriptor(fd) != 0)
        err = errno;
#endif
    if (fd >= 0)
        ::close(fd);
    return err;
}

bool PosixFileSystem::processRunning(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

qint64 PosixFileSystem::processId()
{
    return qint64(::getpid());
}

} // namespace Ferry::fs
