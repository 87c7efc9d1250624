// Extended attributes, ACLs and owners on POSIX.
#include "PosixFileSystem.h"
#include "PosixSupport.h"

#include "Platform.h"

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace Ferry::fs {

using posix::at;
using posix::result;

namespace {
// Reading a file's extended attributes: through its descriptor, or by name in a folder, or by
// path; never by opening it (a file one may not read still has attributes one may list).
class AttributeSource
{
public:
    AttributeSource(int fd, int dir, const QByteArray &name, bool follow)
        : m_fd(fd), m_dir(dir), m_follow(follow)
    {
        if (fd < 0)
            m_path = dir < 0 ? name : pathInFolder(dir, name);
    }
    ssize_t list(char *buf, size_t size)
    {
        if (m_fd >= 0)
            return ::flistxattr(m_fd, buf, size);
#if FERRY_LINUX_CALLS
        // listxattrat (Linux 6.13): by name in the folder, no path walked.
        static std::atomic<bool> atWorks{true};
        if (m_dir >= 0 && atWorks.load(std::memory_order_relaxed)) {
            const long n = ::syscall(465, m_dir, m_name.constData(), m_follow ? 0 : AT_SYMLINK_NOFOLLOW, buf, size);
            if (n >= 0 || errno != ENOSYS)
                return ssize_t(n);
            atWorks.store(false, std::memory_order_relaxed);
        }
#endif
        return m_follow ? ::listxattr(m_path.constData(), buf, size) : ::llistxattr(m_path.constData(), buf, size);
    }
    ssize_t get(const char *attribute, char *buf, size_t size)
    {
        if (m_fd >= 0)
            return ::fgetxattr(m_fd, attribute, buf, size);
        return m_follow ? ::getxattr(m_path.constData(), attribute, buf, size)
                        : ::lgetxattr(m_path.constData(), attribute, buf, size);
    }

private:
    // The entry `name` of the open folder `dir` as a path: through /proc where there is one (a
    // folder opened with O_PATH has no other name here), else the folder's own path is unknown.
    QByteArray pathInFolder(int dir, const QByteArray &name)
    {
        m_name = name;
        return "/proc/self/fd/" + QByteArray::number(dir) + '/' + name;
    }

    int m_fd;
    int m_dir;
    bool m_follow;
    QByteArray m_name;
    QByteArray m_path;
};
} // namespace

int PosixFileSystem::copyExtendedAttributes(Handle source, Handle sourceDir, const QByteArray &sourceName, bool followLink,
                                            Handle target, const QByteArray &targetPath, QList<QByteArray> *refused)
{
    AttributeSource in(int(source), int(sourceDir), sourceName, followLink);
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
    // A source filesystem without them has none; one whose attributes may not be read keeps them.
    if (n < 0)
        return errno == ENOTSUP || errno == EACCES || errno == EPERM ? 0 : errno;
    QByteArray value;
    for (qsizetype at = 0; at < n;) {
        const QByteArray name(names.constData() + at);
        at += name.size() + 1;
        if (!name.startsWith("user.") && name != "system.posix_acl_access" && name != "system.posix_acl_default")
            continue;
        ssize_t size = in.get(name.constData(), nullptr, 0);
        if (size < 0 && (errno == EACCES || errno == EPERM || errno == ENODATA))
            continue; // not ours to read (or gone): the rest are still copied
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

} // namespace Ferry::fs
