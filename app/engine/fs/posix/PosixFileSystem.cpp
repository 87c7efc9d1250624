#include "PosixFileSystem.h"

#include "Platform.h"
#include "TempFiles.h"

#include <QFile>

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
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#if defined(Q_OS_LINUX)
#include <sys/vfs.h>
#endif

namespace Ferry::fs {

namespace {
constexpr qint64 Fat32Limit = 4294967295LL; // 4 GiB - 1 byte

int at(Handle dir)
{
    return dir == NoHandle ? AT_FDCWD : int(dir);
}

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

int result(int rc)
{
    return rc == 0 ? 0 : errno;
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

namespace {
// The mount's filesystem type from /proc/self/mountinfo (the type and, behind FUSE, its subtype:
// "fuse.fusefat"); empty where there is no such file.
QByteArray mountType(const QByteArray &canonical)
{
    QFile info(QStringLiteral("/proc/self/mountinfo"));
    if (!info.open(QIODevice::ReadOnly))
        return QByteArray();
    QByteArray best;
    QByteArray type;
    for (const QByteArray &line : info.readAll().split('\n')) {
        const QList<QByteArray> f = line.split(' ');
        const qsizetype dash = f.indexOf("-");
        if (f.size() < 5 || dash < 0 || dash + 1 >= f.size())
            continue;
        QByteArray point = f[4];
        point.replace("\\040", " ");
        const bool covers = point == "/" || canonical == point
            || (canonical.startsWith(point) && canonical.at(point.size()) == '/');
        if (covers && point.size() >= best.size()) {
            best = point;
            type = f[dash + 1];
        }
    }
    return type;
}
} // namespace

int PosixFileSystem::volume(const QByteArray &path, VolumeInfo *out)
{
    *out = VolumeInfo();
    const QByteArray canonical = canonicalPath(path);
    if (!canonical.isEmpty())
        out->type = mountType(canonical);
#if FERRY_LINUX_CALLS
    constexpr long MsdosMagic = 0x4d44;
    struct statfs sf {};
    if (::statfs(path.constData(), &sf) == 0 && long(sf.f_type) == MsdosMagic && out->type.isEmpty())
        out->type = "vfat";
#endif
    if (out->type == "vfat" || out->type == "msdos" || out->type == "fuse.fusefat")
        out->maxFileSize = Fat32Limit;
    struct statvfs sv {};
    if (::statvfs(path.constData(), &sv) != 0)
        return errno;
    out->blockSize = sv.f_frsize ? qint64(sv.f_frsize) : 4096;
    // A filesystem that reports no size at all (some FUSE ones) says nothing about its free space.
    if (sv.f_blocks != 0)
        out->freeBytes = qint64(sv.f_bavail) * out->blockSize;
    if (sv.f_files != 0)
        out->freeInodes = qint64(sv.f_favail);
    out->readOnly = (sv.f_flag & ST_RDONLY) != 0;
    return 0;
}

void PosixFileSystem::probe(const QByteArray &folder, VolumeInfo *info)
{
    if (info->readOnly)
        return;
    const int dir = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return;
    // The folder's times are put back after: the probe leaves no trace.
    struct stat folderBefore {};
    const bool restoreTimes = ::fstat(dir, &folderBefore) == 0;
    const QByteArray name = makeTempName(); // lower case letters and digits only
    const int fd = ::openat(dir, name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        if (errno == EROFS)
            info->readOnly = true;
        ::close(dir);
        return;
    }
    info->probed = true;
    struct stat st {};
    info->caseInsensitive = ::fstatat(dir, name.toUpper().constData(), &st, AT_SYMLINK_NOFOLLOW) == 0;
    // An odd second and nanoseconds: what comes back tells the granularity.
    const timespec set{1500000001, 123456789};
    const timespec times[2] = {set, set};
    if (::futimens(fd, times) == 0 && ::fstatat(dir, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        const qint64 want = qint64(set.tv_sec) * 1000000000 + set.tv_nsec;
        const qint64 got = qint64(modifyTime(st).tv_sec) * 1000000000 + modifyTime(st).tv_nsec;
        for (const qint64 g : {qint64(1), qint64(100), qint64(1000), qint64(1000000), qint64(10000000),
                               qint64(1000000000), qint64(2000000000)}) {
            if (got == want / g * g || got == (want + g - 1) / g * g) {
                info->timeGranularityNs = g;
                break;
            }
        }
    }
    info->keepsModes = ::fchmod(fd, 0640) == 0 && ::fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0640;
    info->keepsXattrs = ::fsetxattr(fd, "user.ferry-probe", "1", 1, 0) == 0;
    ::close(fd);
    // A name Windows refuses: FUSE filesystems for FAT, exFAT and NTFS refuse it (EINVAL, ENOENT, EPERM).
    const QByteArray odd = name + "?:";
    const int oddFd = ::openat(dir, odd.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    info->windowsNames = oddFd < 0;
    if (oddFd >= 0) {
        ::close(oddFd);
        ::unlinkat(dir, odd.constData(), 0);
    }
    const QByteArray link = name + "l";
    info->keepsLinks = ::symlinkat(name.constData(), dir, link.constData()) == 0;
    if (info->keepsLinks)
        ::unlinkat(dir, link.constData(), 0);
    // A name beyond ASCII ("é"): fusefat refuses every such name.
    const QByteArray accented = name + "\xc3\xa9";
    const int accentedFd = ::openat(dir, accented.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    info->asciiNamesOnly = accentedFd < 0 && errno != EEXIST;
    if (accentedFd >= 0) {
        ::close(accentedFd);
        ::unlinkat(dir, accented.constData(), 0);
    }
    // The time set on the file before it is put in place must survive the rename (fusefat loses it).
    const QByteArray renamed = name + "r";
    if (::renameat(dir, name.constData(), dir, renamed.constData()) == 0) {
        if (::fstatat(dir, renamed.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0)
            info->renameKeepsTimes = modifyTime(st).tv_sec / 2 == set.tv_sec / 2;
        ::unlinkat(dir, renamed.constData(), 0);
    } else {
        ::unlinkat(dir, name.constData(), 0);
    }
    // Only where they changed: setting the times of a FAT root folder (which has none) brings
    // down some FUSE drivers.
    struct stat folderAfter {};
    if (restoreTimes && ::fstat(dir, &folderAfter) == 0
        && (modifyTime(folderAfter).tv_sec != modifyTime(folderBefore).tv_sec
            || modifyTime(folderAfter).tv_nsec != modifyTime(folderBefore).tv_nsec)) {
        const timespec folderTimes[2] = {accessTime(folderBefore), modifyTime(folderBefore)};
        ::futimens(dir, folderTimes);
    }
    ::close(dir);
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

namespace {
// Reading a file's extended attributes: through its descriptor, or by name in a folder, or by path.
class AttributeSource
{
public:
    AttributeSource(int fd, int dir, const QByteArray &name) : m_fd(fd), m_dir(dir), m_name(name) {}
    ~AttributeSource()
    {
        if (m_opened >= 0)
            ::close(m_opened);
    }
    ssize_t list(char *buf, size_t size)
    {
        if (m_fd >= 0)
            return ::flistxattr(m_fd, buf, size);
        if (m_dir < 0)
            return ::llistxattr(m_name.constData(), buf, size);
#if FERRY_LINUX_CALLS
        // listxattrat (Linux 6.13): by name in the folder, no path walked, nothing opened.
        static std::atomic<bool> atWorks{true};
        if (atWorks.load(std::memory_order_relaxed)) {
            const long n = ::syscall(465, m_dir, m_name.constData(), AT_SYMLINK_NOFOLLOW, buf, size);
            if (n >= 0 || errno != ENOSYS)
                return ssize_t(n);
            atWorks.store(false, std::memory_order_relaxed);
        }
#endif
        if (m_opened < 0)
            m_opened = ::openat(m_dir, m_name.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
        if (m_opened < 0)
            return -1;
        m_fd = m_opened;
        return ::flistxattr(m_fd, buf, size);
    }
    ssize_t get(const char *attribute, char *buf, size_t size)
    {
        if (m_fd >= 0)
            return ::fgetxattr(m_fd, attribute, buf, size);
        if (m_dir < 0)
            return ::lgetxattr(m_name.constData(), attribute, buf, size);
        if (m_opened < 0)
            m_opened = ::openat(m_dir, m_name.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
        if (m_opened < 0)
            return -1;
        m_fd = m_opened;
        return ::fgetxattr(m_fd, attribute, buf, size);
    }

private:
    int m_fd;
    int m_dir;
    const QByteArray &m_name;
    int m_opened = -1;
};
} // namespace

int PosixFileSystem::copyExtendedAttributes(Handle source, Handle sourceDir, const QByteArray &sourceName, Handle target,
                                            const QByteArray &targetPath, QList<QByteArray> *refused)
{
    AttributeSource in(int(source), int(sourceDir), sourceName);
    const int out = int(target);
    QByteArray names(4096, Qt::Uninitialized);
    ssize_t n = in.list(names.data(), size_t(names.size()));
    if (n < 0 && errno == ERANGE) {
        const ssize_t need = in.list(nullptr, 0);
        if (need > 0) {
            names.resize(need);
            n = in.list(names.data(), size_t(names.size()));
        }
    }
    if (n < 0)
        return errno == ENOTSUP ? 0 : errno; // a source filesystem without them has none
    QByteArray value;
    for (qsizetype at = 0; at < n;) {
        const QByteArray name(names.constData() + at);
        at += name.size() + 1;
        if (!name.startsWith("user.") && name != "system.posix_acl_access" && name != "system.posix_acl_default")
            continue;
        ssize_t size = in.get(name.constData(), nullptr, 0);
        if (size < 0)
            return errno;
        value.resize(qMax<qsizetype>(size, 1));
        size = in.get(name.constData(), value.data(), size_t(size));
        if (size < 0)
            return errno;
        const int rc = out >= 0 ? ::fsetxattr(out, name.constData(), value.constData(), size_t(size), 0)
                                : ::lsetxattr(targetPath.constData(), name.constData(), value.constData(), size_t(size), 0);
        if (rc != 0)
            refused->append(name);
    }
    return 0;
}

// Asked for every file copied: read once (the engine never changes its identity).
quint32 PosixFileSystem::userId()
{
    static const quint32 id = quint32(::geteuid());
    return id;
}

quint32 PosixFileSystem::groupId()
{
    static const quint32 id = quint32(::getegid());
    return id;
}

int PosixFileSystem::setOwner(Handle file, quint32 owner, quint32 group)
{
    return result(::fchown(int(file), uid_t(owner), gid_t(group)));
}

int PosixFileSystem::setPathOwner(Handle dir, const QByteArray &name, quint32 owner, quint32 group, bool followLink)
{
    return result(::fchownat(at(dir), name.constData(), uid_t(owner), gid_t(group), followLink ? 0 : AT_SYMLINK_NOFOLLOW));
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
