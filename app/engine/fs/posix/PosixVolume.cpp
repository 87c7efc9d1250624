// What the destination's filesystem is and keeps: what the system says (mountinfo, statvfs) and
// what a try on a temporary name shows.
#include "PosixFileSystem.h"
#include "fs/DataCopySupport.h"

#include "Platform.h"
#include "TempFiles.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/xattr.h>
#include <unistd.h>

#if defined(Q_OS_LINUX)
#include <QDir>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#endif

namespace Ferry::fs {

namespace {
constexpr qint64 Fat32Limit = 4294967295LL; // 4 GiB - 1 byte
} // namespace

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

#if FERRY_LINUX_CALLS
namespace {
QByteArray sysfsValue(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    return f.read(4096).trimmed();
}

// The medium of a block device, from sysfs: queue/rotational of the device (of its disk, for a
// partition). A loop device is what its backing file is on, a device-mapper or md device what
// the devices beneath it are. A virtio disk says "rotational" whatever the host has: the flag is
// the kernel's default there, not something the host said.
Medium deviceMedium(dev_t dev, int depth)
{
    if (major(dev) == 0 || depth > 4) // no block device (tmpfs, NFS, FUSE, a btrfs subvolume)
        return Medium::Unknown;
    const QString node = QStringLiteral("/sys/dev/block/%1:%2").arg(major(dev)).arg(minor(dev));
    QString disk = QDir(node).canonicalPath();
    if (disk.isEmpty())
        return Medium::Unknown;
    if (!QFile::exists(disk + QStringLiteral("/queue/rotational")))
        disk = QDir::cleanPath(disk + QStringLiteral("/.."));
    const QByteArray backing = sysfsValue(disk + QStringLiteral("/loop/backing_file"));
    if (!backing.isEmpty()) {
        struct stat st {};
        return ::stat(backing.constData(), &st) == 0 ? deviceMedium(st.st_dev, depth + 1) : Medium::Unknown;
    }
    const QStringList beneath = QDir(disk + QStringLiteral("/slaves")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (!beneath.isEmpty()) {
        Medium all = Medium::Solid;
        for (const QString &name : beneath) {
            const QList<QByteArray> nums = sysfsValue(disk + QStringLiteral("/slaves/") + name + QStringLiteral("/dev")).split(':');
            const Medium m = nums.size() == 2 ? deviceMedium(makedev(nums[0].toUInt(), nums[1].toUInt()), depth + 1)
                                              : Medium::Unknown;
            if (m == Medium::Spinning)
                return m;
            if (m == Medium::Unknown)
                all = Medium::Unknown;
        }
        return all;
    }
    const QByteArray rotational = sysfsValue(disk + QStringLiteral("/queue/rotational"));
    if (rotational == "0")
        return Medium::Solid;
    if (rotational != "1" || disk.contains(QStringLiteral("/virtio")))
        return Medium::Unknown;
    return Medium::Spinning;
}
} // namespace
#endif

Medium PosixFileSystem::medium(const QByteArray &path)
{
#if FERRY_LINUX_CALLS
    struct stat st {};
    if (::stat(path.constData(), &st) != 0)
        return Medium::Unknown;
    return deviceMedium(st.st_dev, 0);
#else
    Q_UNUSED(path)
    return Medium::Unknown;
#endif
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
    const timespec times[2] = {ProbeTime, ProbeTime};
    if (::futimens(fd, times) == 0 && ::fstatat(dir, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (const qint64 g = timeGranularity(modifyTime(st)))
            info->timeGranularityNs = g;
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
            info->renameKeepsTimes = modifyTime(st).tv_sec / 2 == ProbeTime.tv_sec / 2;
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

} // namespace Ferry::fs
