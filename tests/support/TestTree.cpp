#include "TestTree.h"

#include <QCryptographicHash>
#include <QDebug>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QThread>
#include <QDir>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

namespace TestTree {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(strerror(error));
}

bool fail(const char *what, const QByteArray &path, int error)
{
    qWarning().noquote() << QString::fromLatin1(what) << show(path) << errnoText(error);
    return false;
}

quint64 splitMix(quint64 *state)
{
    quint64 z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void fillRandom(char *data, qint64 size, quint64 *state)
{
    qint64 i = 0;
    for (; i + 8 <= size; i += 8) {
        const quint64 v = splitMix(state);
        memcpy(data + i, &v, 8);
    }
    if (i < size) {
        const quint64 v = splitMix(state);
        memcpy(data + i, &v, size_t(size - i));
    }
}

bool writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}

QString g_program;

QList<QByteArray> sortedNames(const QByteArray &dir, bool *ok)
{
    QList<QByteArray> names;
    DIR *d = ::opendir(dir.constData());
    if (!d) {
        *ok = false;
        return names;
    }
    while (dirent *e = ::readdir(d)) {
        const QByteArray name(e->d_name);
        if (name == ".." || name == ".")
            continue;
        names.append(name);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    *ok = true;
    return names;
}

void walk(const QByteArray &root, const QByteArray &rel, QList<QByteArray> *out, bool filesOnly)
{
    bool ok = false;
    const QByteArray dir = rel.isEmpty() ? root : join(root, rel);
    const QList<QByteArray> names = sortedNames(dir, &ok);
    for (const QByteArray &name : names) {
        const QByteArray childRel = rel.isEmpty() ? name : join(rel, name);
        const Kind k = kind(join(root, childRel));
        if (!filesOnly || k == Kind::File)
            out->append(childRel);
        if (k == Kind::Dir)
            walk(root, childRel, out, filesOnly);
    }
}

QString modeText(int mode)
{
    return QStringLiteral("0%1").arg(mode, 0, 8);
}

void compareAttributes(const QByteArray &expected, const QByteArray &actual, const QByteArray &rel,
                       Kind k, const CompareOptions &options, QStringList *diffs)
{
    const QString where = rel.isEmpty() ? QStringLiteral("(root)") : show(rel);
    if (options.modes && k != Kind::Symlink) {
        const int a = fileMode(expected);
        const int b = fileMode(actual);
        if (a != b)
            diffs->append(QStringLiteral("%1: mode %2 expected, %3 found")
                              .arg(where, modeText(a), modeText(b)));
    }
    if (options.mtimes && k != Kind::Symlink && (k != Kind::Dir || options.folderMtimes)) {
        const qint64 a = mtimeNs(expected);
        const qint64 b = mtimeNs(actual);
        if (a != b)
            diffs->append(QStringLiteral("%1: mtime %2 ns expected, %3 ns found (diff %4 ns)")
                              .arg(where)
                              .arg(a)
                              .arg(b)
                              .arg(b - a));
    }
}

void compareLevel(const QByteArray &expectedRoot, const QByteArray &actualRoot,
                  const QByteArray &rel, const CompareOptions &options, QStringList *diffs)
{
    if (diffs->size() > 40)
        return;
    const QByteArray e = rel.isEmpty() ? expectedRoot : join(expectedRoot, rel);
    const QByteArray a = rel.isEmpty() ? actualRoot : join(actualRoot, rel);
    bool okE = false;
    bool okA = false;
    const QList<QByteArray> namesE = sortedNames(e, &okE);
    QList<QByteArray> namesA = sortedNames(a, &okA);
    if (!okE || !okA) {
        diffs->append(QStringLiteral("cannot read folder %1").arg(show(okE ? a : e)));
        return;
    }
    namesA.erase(std::remove_if(namesA.begin(), namesA.end(),
                                [&](const QByteArray &n) {
                                    return options.ignoreInActual.contains(
                                        rel.isEmpty() ? n : join(rel, n));
                                }),
                 namesA.end());
    for (const QByteArray &n : namesE) {
        if (!namesA.contains(n))
            diffs->append(QStringLiteral("missing: %1").arg(show(rel.isEmpty() ? n : join(rel, n))));
    }
    for (const QByteArray &n : namesA) {
        if (!namesE.contains(n))
            diffs->append(QStringLiteral("unexpected: %1").arg(show(rel.isEmpty() ? n : join(rel, n))));
    }
    for (const QByteArray &n : namesE) {
        if (!namesA.contains(n))
            continue;
        const QByteArray childRel = rel.isEmpty() ? n : join(rel, n);
        const QByteArray pe = join(expectedRoot, childRel);
        const QByteArray pa = join(actualRoot, childRel);
        const Kind ke = kind(pe);
        const Kind ka = kind(pa);
        if (ke != ka) {
            diffs->append(QStringLiteral("%1: %2 expected, %3 found")
                              .arg(show(childRel), QString::fromLatin1(kindName(ke)),
                                   QString::fromLatin1(kindName(ka))));
            continue;
        }
        if (ke == Kind::File) {
            if (fileSize(pe) != fileSize(pa))
                diffs->append(QStringLiteral("%1: size %2 expected, %3 found")
                                  .arg(show(childRel))
                                  .arg(fileSize(pe))
                                  .arg(fileSize(pa)));
            else if (!sameContent(pe, pa))
                diffs->append(QStringLiteral("%1: content differs").arg(show(childRel)));
        } else if (ke == Kind::Symlink) {
            if (readLink(pe) != readLink(pa))
                diffs->append(QStringLiteral("%1: link to %2 expected, to %3 found")
                                  .arg(show(childRel), show(readLink(pe)), show(readLink(pa))));
        }
        if (ke == Kind::Dir)
            compareLevel(expectedRoot, actualRoot, childRel, options, diffs);
        // A folder's time is compared after its contents, as any change inside would show.
        compareAttributes(pe, pa, childRel, ke, options, diffs);
    }
}

} // namespace

// ---------------------------------------------------------------------------------------------

QByteArray native(const QString &path)
{
    return QFile::encodeName(path);
}

QByteArray join(const QByteArray &a, const QByteArray &b)
{
    if (a.endsWith('/'))
        return a + b;
    return a + '/' + b;
}

QByteArray dirPath(const QTemporaryDir &dir)
{
    return native(dir.path());
}

QString show(const QByteArray &path)
{
    QString out;
    const QString decoded = QString::fromUtf8(path);
    if (decoded.toUtf8() == path && !path.contains('\n'))
        return decoded;
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f && u != '\\')
            out.append(QLatin1Char(c));
        else
            out.append(QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0')));
    }
    return out;
}

TempDir::~TempDir()
{
    if (isValid())
        removeTree(native(path()));
}

bool makeDirs(const QByteArray &path, mode_t mode)
{
    if (path.isEmpty())
        return false;
    struct stat st {};
    if (::lstat(path.constData(), &st) == 0)
        return S_ISDIR(st.st_mode) ? true : fail("not a folder:", path, ENOTDIR);
    const int slash = path.lastIndexOf('/');
    if (slash > 0 && !makeDirs(path.left(slash), 0755))
        return false;
    if (::mkdir(path.constData(), mode) != 0 && errno != EEXIST)
        return fail("mkdir", path, errno);
    if (::chmod(path.constData(), mode) != 0)
        return fail("chmod", path, errno);
    return true;
}

bool writeFile(const QByteArray &path, const QByteArray &content)
{
    const int slash = path.lastIndexOf('/');
    if (slash > 0 && !exists(path.left(slash)) && !makeDirs(path.left(slash)))
        return false;
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return fail("open", path, errno);
    const bool ok = writeAll(fd, content.constData(), content.size());
    const int error = errno;
    ::close(fd);
    return ok ? true : fail("write", path, error);
}

QByteArray randomBytes(qint64 size, quint64 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    quint64 state = seed;
    fillRandom(data.data(), size, &state);
    return data;
}

bool writeRandomFile(const QByteArray &path, qint64 size, quint64 seed)
{
    const int slash = path.lastIndexOf('/');
    if (slash > 0 && !exists(path.left(slash)) && !makeDirs(path.left(slash)))
        return false;
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return fail("open", path, errno);
    quint64 state = seed;
    constexpr qint64 Chunk = 1 << 20;
    std::unique_ptr<char[]> buffer(new char[size_t(std::min(size, Chunk)) + 8]);
    qint64 left = size;
    bool ok = true;
    while (ok && left > 0) {
        const qint64 n = std::min(left, Chunk);
        fillRandom(buffer.get(), n, &state);
        ok = writeAll(fd, buffer.get(), n);
        left -= n;
    }
    const int error = errno;
    ::close(fd);
    return ok ? true : fail("write", path, error);
}

bool makeSparseFile(const QByteArray &path, qint64 size)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return fail("open", path, errno);
    const bool ok = ::ftruncate(fd, size) == 0;
    const int error = errno;
    ::close(fd);
    return ok ? true : fail("ftruncate", path, error);
}

bool sharedBytes(const QByteArray &path, qint64 *shared, qint64 *mapped)
{
    *shared = 0;
    *mapped = 0;
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail("open", path, errno);
    constexpr unsigned Batch = 64;
    std::vector<char> buffer(sizeof(fiemap) + Batch * sizeof(fiemap_extent));
    auto *map = reinterpret_cast<fiemap *>(buffer.data());
    quint64 start = 0;
    bool last = false;
    bool ok = true;
    while (ok && !last) {
        std::fill(buffer.begin(), buffer.end(), 0);
        map->fm_start = start;
        map->fm_length = FIEMAP_MAX_OFFSET - start;
        map->fm_flags = FIEMAP_FLAG_SYNC;
        map->fm_extent_count = Batch;
        if (::ioctl(fd, FS_IOC_FIEMAP, map) != 0) {
            ok = fail("FS_IOC_FIEMAP", path, errno);
            break;
        }
        if (map->fm_mapped_extents == 0)
            break;
        for (unsigned i = 0; i < map->fm_mapped_extents; ++i) {
            const fiemap_extent &e = map->fm_extents[i];
            *mapped += qint64(e.fe_length);
            if (e.fe_flags & FIEMAP_EXTENT_SHARED)
                *shared += qint64(e.fe_length);
            last = last || (e.fe_flags & FIEMAP_EXTENT_LAST);
            start = e.fe_logical + e.fe_length;
        }
    }
    ::close(fd);
    return ok;
}

bool makeSymlink(const QByteArray &target, const QByteArray &linkPath)
{
    return ::symlink(target.constData(), linkPath.constData()) == 0 ? true
                                                                   : fail("symlink", linkPath, errno);
}

bool makeHardLink(const QByteArray &existing, const QByteArray &linkPath)
{
    return ::link(existing.constData(), linkPath.constData()) == 0 ? true
                                                                   : fail("link", linkPath, errno);
}

bool makeFifo(const QByteArray &path)
{
    return ::mkfifo(path.constData(), 0644) == 0 ? true : fail("mkfifo", path, errno);
}

bool makeSocket(const QByteArray &path)
{
    sockaddr_un address{};
    if (size_t(path.size()) >= sizeof(address.sun_path))
        return fail("socket path too long:", path, ENAMETOOLONG);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return fail("socket", path, errno);
    address.sun_family = AF_UNIX;
    memcpy(address.sun_path, path.constData(), size_t(path.size()));
    const bool ok = ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0;
    const int error = errno;
    ::close(fd); // the socket file stays
    return ok ? true : fail("bind", path, error);
}

bool makeCharDevice(const QByteArray &path, unsigned major, unsigned minor)
{
    return ::mknod(path.constData(), S_IFCHR | 0644, makedev(major, minor)) == 0
        ? true
        : fail("mknod", path, errno);
}

bool setMode(const QByteArray &path, mode_t mode)
{
    return ::chmod(path.constData(), mode) == 0 ? true : fail("chmod", path, errno);
}

bool setMtime(const QByteArray &path, qint64 seconds, long nanoseconds)
{
    timespec times[2];
    times[0].tv_sec = time_t(seconds);
    times[0].tv_nsec = nanoseconds;
    times[1] = times[0];
    return ::utimensat(AT_FDCWD, path.constData(), times, AT_SYMLINK_NOFOLLOW) == 0
        ? true
        : fail("utimensat", path, errno);
}

bool removeTree(const QByteArray &path)
{
    const Kind k = kind(path);
    if (k == Kind::Missing)
        return true;
    if (k == Kind::Dir) {
        ::chmod(path.constData(), 0700);
        bool ok = false;
        const QList<QByteArray> names = sortedNames(path, &ok);
        if (!ok)
            return fail("opendir", path, errno);
        for (const QByteArray &n : names) {
            if (!removeTree(join(path, n)))
                return false;
        }
        return ::rmdir(path.constData()) == 0 ? true : fail("rmdir", path, errno);
    }
    return ::unlink(path.constData()) == 0 ? true : fail("unlink", path, errno);
}

QList<QByteArray> makeSampleTree(const QByteArray &root, quint64 seed)
{
    struct Spec {
        const char *rel;
        qint64 size;
        mode_t mode;
    };
    static const Spec files[] = {
        {"empty.txt", 0, 0644},
        {"empty-read-only", 0, 0400},
        {"one.txt", 1, 0644},
        {"page-minus-one.bin", 4095, 0600},
        {"page.bin", 4096, 0640},
        {"odd.bin", 65537, 0644},
        {"script.sh", 300, 0755},
        {"read-only.txt", 1000, 0444},
        {"docs/readme.md", 2000, 0644},
        {"docs/big.bin", (1 << 20) + 3, 0644},
        {"docs/deeper/a/b/c/leaf.txt", 17, 0644},
        {"photos/2023/img 001.jpg", 70000, 0644},
        {"photos/2023/img 002.jpg", 12345, 0600},
        {"photos/.hidden", 10, 0644},
    };
    QList<QByteArray> result;
    if (!makeDirs(root))
        return result;
    quint64 n = 0;
    for (const Spec &f : files) {
        const QByteArray path = join(root, QByteArray(f.rel));
        if (!writeRandomFile(path, f.size, seed * 1000 + (++n)) || !setMode(path, f.mode))
            return {};
        result.append(QByteArray(f.rel));
    }
    if (!makeDirs(join(root, QByteArrayLiteral("empty-folder")))
        || !makeDirs(join(root, QByteArrayLiteral("docs/private")), 0750)
        || !writeFile(join(root, QByteArrayLiteral("docs/private/note.txt")), QByteArrayLiteral("private\n"))
        || !setMode(join(root, QByteArrayLiteral("docs/private")), 0750))
        return {};
    result.append(QByteArrayLiteral("docs/private/note.txt"));
    // Fixed times, deepest first so that setting them does not disturb the folders' own.
    QList<QByteArray> all = listTree(root);
    std::sort(all.begin(), all.end(), [](const QByteArray &a, const QByteArray &b) {
        return a.count('/') > b.count('/');
    });
    qint64 t = 1500000000 + qint64(seed % 1000) * 1000;
    for (const QByteArray &rel : all) {
        if (!setMtime(join(root, rel), t, long((t * 7919) % 1000000000)))
            return {};
        t += 3601;
    }
    if (!setMtime(root, t, 5))
        return {};
    std::sort(result.begin(), result.end());
    return result;
}

bool makeManyFiles(const QByteArray &root, int count, int perFolder, qint64 size, quint64 seed)
{
    quint64 state = seed;
    QByteArray content(size, Qt::Uninitialized);
    QByteArray folder;
    for (int i = 0; i < count; ++i) {
        if (i % perFolder == 0) {
            folder = join(root, QByteArrayLiteral("d") + QByteArray::number(i / perFolder));
            if (!makeDirs(folder))
                return false;
        }
        fillRandom(content.data(), size, &state);
        if (!writeFile(join(folder, QByteArrayLiteral("f") + QByteArray::number(i) + ".dat"), content))
            return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------

const char *kindName(Kind k)
{
    switch (k) {
    case Kind::Missing: return "nothing";
    case Kind::File: return "file";
    case Kind::Dir: return "folder";
    case Kind::Symlink: return "symlink";
    case Kind::Fifo: return "fifo";
    case Kind::Socket: return "socket";
    case Kind::Device: return "device";
    case Kind::Other: return "other";
    }
    return "?";
}

Kind kind(const QByteArray &path)
{
    struct stat st {};
    if (::lstat(path.constData(), &st) != 0)
        return Kind::Missing;
    if (S_ISREG(st.st_mode))
        return Kind::File;
    if (S_ISDIR(st.st_mode))
        return Kind::Dir;
    if (S_ISLNK(st.st_mode))
        return Kind::Symlink;
    if (S_ISFIFO(st.st_mode))
        return Kind::Fifo;
    if (S_ISSOCK(st.st_mode))
        return Kind::Socket;
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        return Kind::Device;
    return Kind::Other;
}

bool exists(const QByteArray &path)
{
    return kind(path) != Kind::Missing;
}

QByteArray readFile(const QByteArray &path, bool *ok)
{
    QByteArray data;
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (ok)
            *ok = false;
        return data;
    }
    char buffer[65536];
    bool good = true;
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof(buffer));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            good = false;
        if (n <= 0)
            break;
        data.append(buffer, n);
    }
    ::close(fd);
    if (ok)
        *ok = good;
    return data;
}

QByteArray readLink(const QByteArray &path)
{
    char buffer[4096];
    const ssize_t n = ::readlink(path.constData(), buffer, sizeof(buffer));
    return n < 0 ? QByteArray() : QByteArray(buffer, n);
}

qint64 fileSize(const QByteArray &path)
{
    struct stat st {};
    return ::lstat(path.constData(), &st) == 0 ? qint64(st.st_size) : -1;
}

int fileMode(const QByteArray &path)
{
    struct stat st {};
    return ::lstat(path.constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

qint64 mtimeNs(const QByteArray &path)
{
    struct stat st {};
    if (::lstat(path.constData(), &st) != 0)
        return -1;
    return qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

quint64 inode(const QByteArray &path)
{
    struct stat st {};
    return ::lstat(path.constData(), &st) == 0 ? quint64(st.st_ino) : 0;
}

bool sameContent(const QByteArray &a, const QByteArray &b)
{
    const int fa = ::open(a.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    const int fb = ::open(b.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    bool same = fa >= 0 && fb >= 0;
    constexpr size_t Chunk = 1 << 20;
    // Allocated once: comparing tens of thousands of small files must not cost a buffer each.
    static thread_local std::unique_ptr<char[]> ba(new char[Chunk]);
    static thread_local std::unique_ptr<char[]> bb(new char[Chunk]);
    while (same) {
        // Regular files on a local file system return full reads except at the end.
        const ssize_t na = ::read(fa, ba.get(), Chunk);
        const ssize_t nb = ::read(fb, bb.get(), Chunk);
        if (na < 0 || nb < 0 || na != nb) {
            same = false;
            break;
        }
        if (na == 0)
            break;
        same = memcmp(ba.get(), bb.get(), size_t(na)) == 0;
    }
    if (fa >= 0)
        ::close(fa);
    if (fb >= 0)
        ::close(fb);
    return same;
}

QList<QByteArray> listTree(const QByteArray &root)
{
    QList<QByteArray> out;
    walk(root, QByteArray(), &out, false);
    std::sort(out.begin(), out.end());
    return out;
}

QList<QByteArray> listFiles(const QByteArray &root)
{
    QList<QByteArray> out;
    walk(root, QByteArray(), &out, true);
    std::sort(out.begin(), out.end());
    return out;
}

QList<QByteArray> findTemporaries(const QByteArray &root, const QList<QByteArray> &except)
{
    QList<QByteArray> out;
    const QList<QByteArray> all = listTree(root);
    for (const QByteArray &rel : all) {
        const QByteArray name = rel.mid(rel.lastIndexOf('/') + 1);
        if (name.startsWith(".ferry-") && !except.contains(rel))
            out.append(rel);
    }
    return out;
}

QStringList snapshot(const QByteArray &root)
{
    QStringList lines;
    QList<QByteArray> all = listTree(root);
    all.prepend(QByteArray());
    for (const QByteArray &rel : all) {
        const QByteArray path = rel.isEmpty() ? root : join(root, rel);
        const Kind k = kind(path);
        QString line = QStringLiteral("%1 %2 size=%3 mode=%4 mtime=%5")
                           .arg(show(rel), QString::fromLatin1(kindName(k)))
                           .arg(k == Kind::Dir ? 0 : fileSize(path))
                           .arg(modeText(fileMode(path)))
                           .arg(mtimeNs(path));
        if (k == Kind::Symlink)
            line += QStringLiteral(" -> ") + show(readLink(path));
        if (k == Kind::File) {
            QCryptographicHash hash(QCryptographicHash::Sha1);
            hash.addData(readFile(path));
            line += QStringLiteral(" sha1=") + QString::fromLatin1(hash.result().toHex());
        }
        lines.append(line);
    }
    return lines;
}

QString compareTrees(const QByteArray &expected, const QByteArray &actual, const CompareOptions &options)
{
    QStringList diffs;
    const Kind ke = kind(expected);
    const Kind ka = kind(actual);
    if (ke != ka) {
        return QStringLiteral("%1 is a %2 but %3 is a %4")
            .arg(show(expected), QString::fromLatin1(kindName(ke)), show(actual),
                 QString::fromLatin1(kindName(ka)));
    }
    if (ke == Kind::Dir)
        compareLevel(expected, actual, QByteArray(), options, &diffs);
    else if (ke == Kind::File && !sameContent(expected, actual))
        diffs.append(QStringLiteral("content differs"));
    if (options.rootAttributes)
        compareAttributes(expected, actual, QByteArray(), ke, options, &diffs);
    if (diffs.isEmpty())
        return QString();
    return QStringLiteral("%1 differs from %2:\n  ").arg(show(actual), show(expected))
        + diffs.mid(0, 40).join(QStringLiteral("\n  "));
}

// ---------------------------------------------------------------------------------------------

QList<QList<QByteArray>> parseCsv(const QByteArray &text, QString *error)
{
    QList<QList<QByteArray>> rows;
    QList<QByteArray> row;
    QByteArray field;
    bool quoted = false;    // inside a quoted field
    bool wasQuoted = false; // the current field was quoted (only a separator may follow)
    bool fieldStarted = false;
    error->clear();
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = text.at(i);
        if (quoted) {
            if (c == '"') {
                if (i + 1 < n && text.at(i + 1) == '"') {
                    field.append('"');
                    ++i;
                } else {
                    quoted = false;
                    wasQuoted = true;
                }
            } else {
                field.append(c);
            }
            continue;
        }
        if (c == ',') {
            row.append(field);
            field.clear();
            wasQuoted = false;
            fieldStarted = true;
        } else if (c == '\r' && i + 1 < n && text.at(i + 1) == '\n') {
            continue;
        } else if (c == '\n') {
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            wasQuoted = false;
            fieldStarted = false;
        } else if (c == '"') {
            if (!field.isEmpty() || wasQuoted) {
                *error = QStringLiteral("stray quote in row %1").arg(rows.size() + 1);
                return rows;
            }
            quoted = true;
            fieldStarted = true;
        } else {
            if (wasQuoted) {
                *error = QStringLiteral("text after a closing quote in row %1").arg(rows.size() + 1);
                return rows;
            }
            field.append(c);
            fieldStarted = true;
        }
    }
    if (quoted) {
        *error = QStringLiteral("unterminated quote");
        return rows;
    }
    if (fieldStarted || !field.isEmpty() || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

QList<QJsonObject> parseJsonLines(const QByteArray &text, QString *error)
{
    QList<QJsonObject> objects;
    error->clear();
    const QList<QByteArray> lines = text.split('\n');
    int number = 0;
    for (const QByteArray &line : lines) {
        ++number;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            *error = QStringLiteral("line %1 is not a JSON object (%2): %3")
                         .arg(number)
                         .arg(parseError.errorString(), QString::fromUtf8(line.left(200)));
            return objects;
        }
        objects.append(doc.object());
    }
    return objects;
}

// ---------------------------------------------------------------------------------------------

void setCliProgram(const QString &path)
{
    g_program = path;
}

QString cliProgram()
{
    const QString fromEnv = qEnvironmentVariable("FERRY_CLI");
    return fromEnv.isEmpty() ? g_program : fromEnv;
}

double dataScale()
{
    bool ok = false;
    const double v = qEnvironmentVariable("FERRY_TEST_SCALE").toDouble(&ok);
    if (!ok || v <= 0)
        return 1.0;
    return std::min(v, 1.0);
}

qint64 scaled(qint64 value, qint64 minimum)
{
    return std::max(minimum, qint64(double(value) * dataScale()));
}

int timeoutFactor()
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue("FERRY_TEST_TIMEOUT_FACTOR", &ok);
    return ok && v >= 1 ? v : 1;
}

int defaultTimeoutMs()
{
    return 60000 * timeoutFactor();
}

QString CliRun::describe() const
{
    QString state;
    if (!started)
        state = QStringLiteral("did not start");
    else if (!finished)
        state = QStringLiteral("HUNG, killed after %1 ms").arg(elapsedMs);
    else if (crashed)
        state = QStringLiteral("ended by a signal after %1 ms").arg(elapsedMs);
    else
        state = QStringLiteral("exit %1 after %2 ms").arg(exitCode).arg(elapsedMs);
    return QStringLiteral("ferry-cli: %1\n--- stderr ---\n%2\n--- stdout ---\n%3")
        .arg(state, QString::fromUtf8(err.left(4000)), QString::fromUtf8(out.left(4000)));
}

namespace {

QString shellQuoteBytes(const QByteArray &arg)
{
    // printf with octal escapes only, so any byte (also '%' and newlines) passes unchanged;
    // the trailing x protects trailing newlines from the command substitution.
    QString escaped;
    for (const char c : arg)
        escaped.append(QStringLiteral("\\%1").arg(static_cast<unsigned char>(c), 3, 8, QLatin1Char('0')));
    return QStringLiteral("a=$(printf '%1x'); set -- \"$@\" \"${a%x}\"\n").arg(escaped);
}

bool isCleanUtf8(const QByteArray &arg)
{
    return QString::fromUtf8(arg).toUtf8() == arg && !arg.contains('\0');
}

} // namespace

std::unique_ptr<QProcess> startCli(const CliCall &call)
{
    QList<QByteArray> argv;
    if (call.unprivileged) {
        argv << QByteArrayLiteral("setpriv") << QByteArrayLiteral("--reuid=65534")
             << QByteArrayLiteral("--regid=65534") << QByteArrayLiteral("--clear-groups")
             << QByteArrayLiteral("--");
    }
    argv << native(cliProgram());
    argv << call.args;

    auto process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    for (const QString &kv : call.env) {
        const int eq = kv.indexOf(QLatin1Char('='));
        env.insert(kv.left(eq), kv.mid(eq + 1));
    }
    process->setProcessEnvironment(env);
    process->setStandardInputFile(QProcess::nullDevice());
    if (!call.workingDir.isEmpty())
        process->setWorkingDirectory(QFile::decodeName(call.workingDir));

    const bool clean = std::all_of(argv.cbegin(), argv.cend(), isCleanUtf8);
    if (clean) {
        QStringList args;
        for (qsizetype i = 1; i < argv.size(); ++i)
            args << QString::fromUtf8(argv.at(i));
        QString program = QString::fromUtf8(argv.first());
        if (call.unprivileged) {
            const QString found = QStandardPaths::findExecutable(program);
            program = found.isEmpty() ? program : found;
        }
        process->start(program, args);
    } else {
        QString script = QStringLiteral("set --\n");
        for (const QByteArray &a : argv)
            script += shellQuoteBytes(a);
        script += QStringLiteral("exec \"$@\"\n");
        process->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
    }
    if (!process->waitForStarted(10000)) {
        qWarning().noquote() << "could not start" << cliProgram() << process->errorString();
        return nullptr;
    }
    return process;
}

CliRun finishCli(QProcess *process, int timeoutMs)
{
    CliRun run;
    if (!process)
        return run;
    run.started = true;
    QElapsedTimer timer;
    timer.start();
    if (timeoutMs < 0)
        timeoutMs = defaultTimeoutMs();
    run.finished = process->waitForFinished(timeoutMs);
    if (!run.finished && process->state() != QProcess::NotRunning) {
        ::kill(pid_t(process->processId()), SIGKILL);
        process->waitForFinished(10000);
    }
    run.elapsedMs = timer.elapsed();
    run.crashed = process->exitStatus() == QProcess::CrashExit;
    run.exitCode = run.finished && !run.crashed ? process->exitCode() : -1;
    run.out = process->readAllStandardOutput();
    run.err = process->readAllStandardError();
    return run;
}

CliRun runCliWith(const CliCall &call)
{
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<QProcess> process = startCli(call);
    CliRun run = finishCli(process.get(), call.timeoutMs < 0 ? defaultTimeoutMs() : call.timeoutMs);
    run.elapsedMs = timer.elapsed();
    return run;
}

CliRun runCli(const QStringList &args, int timeoutMs)
{
    CliCall call;
    for (const QString &a : args)
        call.args << native(a);
    call.timeoutMs = timeoutMs;
    return runCliWith(call);
}

CliRun runCli(const QList<QByteArray> &args, int timeoutMs)
{
    CliCall call;
    call.args = args;
    call.timeoutMs = timeoutMs;
    return runCliWith(call);
}

CliRun runCli(std::initializer_list<QByteArray> args, int timeoutMs)
{
    return runCli(QList<QByteArray>(args), timeoutMs);
}

QString unprivilegedUnavailable()
{
    if (::geteuid() != 0)
        return QStringLiteral("not running as root, cannot switch to another user");
    if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
        return QStringLiteral("setpriv is not installed");
    QByteArray output;
    const int rc = runTool(QStringLiteral("setpriv"),
                           {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                            QStringLiteral("--clear-groups"), QStringLiteral("--"),
                            QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                            QStringLiteral("test -x \"$0\""), cliProgram()},
                           &output);
    if (rc != 0)
        return QStringLiteral("user 65534 cannot run %1 (%2)").arg(cliProgram(), QString::fromUtf8(output));
    return QString();
}

int runTool(const QString &program, const QStringList &args, QByteArray *output, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        if (output)
            *output = p.errorString().toUtf8();
        return -1;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        if (output)
            *output = QByteArrayLiteral("timed out");
        return -1;
    }
    if (output)
        *output = p.readAll().trimmed();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

std::unique_ptr<QTemporaryDir> otherFilesystemDir(QString *why)
{
    struct stat tmp {};
    struct stat shm {};
    if (::stat(QDir::tempPath().toLocal8Bit().constData(), &tmp) != 0 || ::stat("/dev/shm", &shm) != 0
        || tmp.st_dev == shm.st_dev || ::access("/dev/shm", W_OK) != 0) {
        *why = QStringLiteral("no writable /dev/shm on another filesystem than %1").arg(QDir::tempPath());
        return nullptr;
    }
    auto dir = std::make_unique<QTemporaryDir>(QStringLiteral("/dev/shm/ferry-test-XXXXXX"));
    if (!dir->isValid()) {
        *why = QStringLiteral("cannot make a folder in /dev/shm");
        return nullptr;
    }
    return dir;
}

QStringList openFilesUnder(const QByteArray &root, bool withSizes)
{
    char real[PATH_MAX];
    const QByteArray prefix = QByteArray(::realpath(root.constData(), real) ? real : root.constData()) + '/';
    QStringList out;
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return {QStringLiteral("(cannot list /proc/self/fd)")};
    while (const dirent *e = ::readdir(dir)) {
        const QByteArray link = QByteArray("/proc/self/fd/") + e->d_name;
        char target[PATH_MAX];
        const ssize_t n = ::readlink(link.constData(), target, sizeof target - 1);
        struct stat st {};
        if (n > 0 && QByteArray(target, int(n)).startsWith(prefix) && ::stat(link.constData(), &st) == 0 && !S_ISDIR(st.st_mode))
            out.append(QString::fromUtf8(target, int(n)) + (withSizes ? QLatin1Char(' ') + QString::number(st.st_size) : QString()));
    }
    ::closedir(dir);
    out.sort();
    return out;
}

// ---------------------------------------------------------------------------------------------

LoopMount::LoopMount() = default;

LoopMount::~LoopMount()
{
    unmount();
    if (!m_loopDevice.isEmpty())
        runTool(QStringLiteral("losetup"), {QStringLiteral("-d"), m_loopDevice});
}

namespace {
bool isFuse(const QString &type)
{
    return type == QLatin1String("fusefat") || type == QLatin1String("exfat-fuse") || type == QLatin1String("ntfs-3g");
}

// A FUSE driver may still be writing its tables when umount returns: wait until no process has
// the image open on its command line.
void waitForDriver(const QString &image)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 15000) {
        bool running = false;
        const QDir proc(QStringLiteral("/proc"));
        for (const QString &pid : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile cmdline(proc.filePath(pid + QStringLiteral("/cmdline")));
            if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(image.toLocal8Bit()))
                running = true;
        }
        if (!running)
            return;
        QThread::msleep(50);
    }
}
} // namespace

void LoopMount::unmount()
{
    if (!m_mounted)
        return;
    const QString mountPoint = m_dir->filePath(QStringLiteral("mnt"));
    if (runTool(QStringLiteral("umount"), {mountPoint}) != 0)
        runTool(QStringLiteral("umount"), {QStringLiteral("-l"), mountPoint});
    if (isFuse(m_type))
        waitForDriver(m_type == QLatin1String("exfat-fuse") ? m_loopDevice : m_dir->filePath(QStringLiteral("fs.img")));
    m_mounted = false;
}

bool LoopMount::mount(const QString &fsType, qint64 sizeBytes, const QStringList &mkfsArgs, QString *why)
{
    if (::geteuid() != 0) {
        *why = QStringLiteral("mounting an image needs root");
        return false;
    }
    m_type = fsType;
    const QString mkfs = fsType == QLatin1String("fusefat") ? QStringLiteral("mkfs.vfat")
        : fsType == QLatin1String("exfat-fuse")             ? QStringLiteral("mkfs.exfat")
        : fsType == QLatin1String("ntfs-3g")                ? QStringLiteral("mkntfs")
                                                            : QStringLiteral("mkfs.") + fsType;
    if (QStandardPaths::findExecutable(mkfs).isEmpty()
        && QStandardPaths::findExecutable(mkfs, {QStringLiteral("/sbin"), QStringLiteral("/usr/sbin")}).isEmpty()) {
        *why = QStringLiteral("%1 is not installed").arg(mkfs);
        return false;
    }
    if (isFuse(fsType) && !QFileInfo::exists(QStringLiteral("/dev/fuse"))) {
        *why = QStringLiteral("no /dev/fuse: FUSE filesystems cannot be mounted here");
        return false;
    }
    if (!QFileInfo::exists(QStringLiteral("/dev/loop-control")) && !QFileInfo::exists(QStringLiteral("/dev/loop0"))) {
        *why = QStringLiteral("no loop device");
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        *why = QStringLiteral("no temporary folder");
        return false;
    }
    const QString image = m_dir->filePath(QStringLiteral("fs.img"));
    const QString mountPoint = m_dir->filePath(QStringLiteral("mnt"));
    if (!makeSparseFile(native(image), sizeBytes) || !makeDirs(native(mountPoint))) {
        *why = QStringLiteral("cannot make the image file");
        return false;
    }
    QByteArray output;
    if (runTool(mkfs, QStringList(mkfsArgs) << image, &output) != 0) {
        *why = QStringLiteral("%1 failed: %2").arg(mkfs, QString::fromUtf8(output));
        return false;
    }
    if (fsType == QLatin1String("exfat-fuse")) {
        if (runTool(QStringLiteral("losetup"), {QStringLiteral("-f"), QStringLiteral("--show"), image}, &output) != 0) {
            *why = QStringLiteral("losetup failed: %1").arg(QString::fromUtf8(output));
            return false;
        }
        m_loopDevice = QString::fromUtf8(output).trimmed();
    }
    if (!mountImage(why))
        return false;
    ::chmod(native(mountPoint).constData(), 0777);
    return true;
}

bool LoopMount::mountImage(QString *why)
{
    const QString image = m_dir->filePath(QStringLiteral("fs.img"));
    const QString mountPoint = m_dir->filePath(QStringLiteral("mnt"));
    QString program = QStringLiteral("mount");
    QStringList args = {QStringLiteral("-t"), m_type, QStringLiteral("-o"), QStringLiteral("loop"), image, mountPoint};
    if (m_type == QLatin1String("fusefat"))
        args = {QStringLiteral("-o"), QStringLiteral("rw+"), image, mountPoint};
    else if (m_type == QLatin1String("exfat-fuse"))
        args = {m_loopDevice, mountPoint};
    else if (m_type == QLatin1String("ntfs-3g"))
        args = {QStringLiteral("-o"), QStringLiteral("windows_names"), image, mountPoint};
    if (isFuse(m_type))
        program = m_type == QLatin1String("exfat-fuse") ? QStringLiteral("mount.exfat-fuse") : m_type;
    QByteArray output;
    if (runTool(program, args, &output) != 0) {
        *why = QStringLiteral("mounting a %1 image failed: %2").arg(m_type, QString::fromUtf8(output));
        return false;
    }
    m_mounted = true;
    return true;
}

bool LoopMount::remount(QString *why)
{
    unmount();
    return mountImage(why);
}

QByteArray LoopMount::path() const
{
    return m_dir ? native(m_dir->filePath(QStringLiteral("mnt"))) : QByteArray();
}

qint64 LoopMount::freeBytes() const
{
    struct statvfs st {};
    if (::statvfs(path().constData(), &st) != 0)
        return -1;
    return qint64(st.f_bavail) * qint64(st.f_frsize);
}

qint64 LoopMount::freeInodes() const
{
    struct statvfs st {};
    if (::statvfs(path().constData(), &st) != 0)
        return -1;
    return qint64(st.f_favail);
}

QList<ReportRow> readReport(const QByteArray &path, QString *error)
{
    QList<ReportRow> rows;
    bool ok = false;
    const QByteArray data = TestTree::readFile(path, &ok);
    if (!ok) {
        *error = QStringLiteral("report %1 cannot be read").arg(TestTree::show(path));
        return rows;
    }
    const QList<QList<QByteArray>> table = TestTree::parseCsv(data, error);
    if (!error->isEmpty())
        return rows;
    if (table.isEmpty()) {
        *error = QStringLiteral("report is empty");
        return rows;
    }
    const QList<QByteArray> header{QByteArrayLiteral("status"), QByteArrayLiteral("size"),
                                   QByteArrayLiteral("source"), QByteArrayLiteral("destination"),
                                   QByteArrayLiteral("message")};
    if (table.first() != header) {
        *error = QStringLiteral("report header is %1").arg(QString::fromUtf8(data.left(200)));
        return rows;
    }
    for (qsizetype i = 1; i < table.size(); ++i) {
        const QList<QByteArray> &r = table.at(i);
        if (r.size() != 5) {
            *error = QStringLiteral("report row %1 has %2 fields: %3")
                         .arg(i + 1)
                         .arg(r.size())
                         .arg(QString::fromUtf8(r.join(',')));
            return rows;
        }
        bool numberOk = false;
        ReportRow row;
        row.status = r.at(0);
        row.size = r.at(1).toLongLong(&numberOk);
        row.source = r.at(2);
        row.destination = r.at(3);
        row.message = r.at(4);
        if (!numberOk) {
            *error = QStringLiteral("report row %1 has size %2").arg(i + 1).arg(QString::fromUtf8(r.at(1)));
            return rows;
        }
        rows.append(row);
    }
    return rows;
}

} // namespace TestTree
