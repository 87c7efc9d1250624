#include "Preflight.h"

#include "Platform.h"

#include "SystemError.h"

#include <QLocale>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <sys/stat.h>
#include <sys/statvfs.h>

#if FERRY_LINUX_CALLS
#include <sys/vfs.h>
#endif

namespace Ferry {

namespace {
constexpr qint64 Fat32Limit = 4294967295LL; // 4 GiB - 1 byte
#if FERRY_LINUX_CALLS
constexpr long MsdosMagic = 0x4d44;
#endif

QString size(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QByteArray realPath(const QByteArray &path)
{
    char buf[PATH_MAX];
    if (::realpath(path.constData(), buf))
        return QByteArray(buf);
    return QByteArray();
}

bool inside(const QByteArray &path, const QByteArray &folder)
{
    if (folder == "/")
        return path.startsWith('/') && path != "/";
    return path.startsWith(folder) && path.size() > folder.size() && path.at(folder.size()) == '/';
}

// The nearest existing folder at or above path (what DEST's filesystem is).
QByteArray existingAncestor(const QByteArray &path)
{
    QByteArray p = stripTrailingSlashes(path);
    struct stat st {};
    while (::stat(p.constData(), &st) != 0) {
        const QByteArray up = parentPath(p);
        if (up == p)
            break;
        p = up;
    }
    return p;
}
} // namespace

QByteArray Preflight::resolve(const QByteArray &path)
{
    QByteArray p = stripTrailingSlashes(path);
    if (!p.startsWith('/')) {
        const QByteArray cwd = realPath(".");
        p = joinPath(cwd, p);
    }
    QList<QByteArray> rest;
    for (;;) {
        const QByteArray r = realPath(p);
        if (!r.isEmpty()) {
            QByteArray out = r;
            for (auto it = rest.crbegin(); it != rest.crend(); ++it) {
                if (*it == "..")
                    out = parentPath(out);
                else if (!it->isEmpty() && *it != ".")
                    out = joinPath(out, *it);
            }
            return out;
        }
        const QByteArray up = parentPath(p);
        if (up == p)
            return p;
        rest.append(baseName(p));
        p = up;
    }
}

QString Preflight::checkPaths(const CopyOptions &options)
{
    if (options.sources.isEmpty())
        return Preflight::tr("no source given");
    const QByteArray dest = options.destination;
    if (dest.isEmpty())
        return Preflight::tr("no destination given");
    struct stat ds {};
    if (::stat(dest.constData(), &ds) == 0) {
        if (!S_ISDIR(ds.st_mode))
            return Preflight::tr("destination '%1' exists and is not a folder").arg(displayPath(dest));
    } else if (errno != ENOENT) {
        return Preflight::tr("cannot use destination '%1': %2").arg(displayPath(dest), errnoText(errno));
    } else {
        const QByteArray above = existingAncestor(dest);
        struct stat as {};
        if (::stat(above.constData(), &as) == 0 && !S_ISDIR(as.st_mode))
            return Preflight::tr("cannot create destination '%1': '%2' is not a folder").arg(displayPath(dest), displayPath(above));
    }
    const QByteArray resolvedDest = resolve(dest);
    for (const QByteArray &given : options.sources) {
        const bool follow = options.followSymlinks || (given.size() > 1 && given.endsWith('/'));
        const QByteArray path = stripTrailingSlashes(given);
        struct stat st {};
        if ((follow ? ::stat(path.constData(), &st) : ::lstat(path.constData(), &st)) != 0) {
            if (errno == ENOENT)
                return Preflight::tr("source '%1' does not exist").arg(displayPath(given));
            return Preflight::tr("cannot read source '%1': %2").arg(displayPath(given), errnoText(errno));
        }
        // Where the source really is: a link copied as a link is its own place, not its target's.
        const QByteArray resolved = (follow || !S_ISLNK(st.st_mode))
            ? realPath(path)
            : joinPath(resolve(parentPath(path)), baseName(path));
        if (S_ISDIR(st.st_mode)) {
            if (resolvedDest == resolved)
                return Preflight::tr("destination '%1' is the source folder '%2' itself").arg(displayPath(dest), displayPath(given));
            if (inside(resolvedDest, resolved))
                return Preflight::tr("destination '%1' is inside the source folder '%2'").arg(displayPath(dest), displayPath(given));
        }
        if (joinPath(resolvedDest, baseName(resolved)) == resolved)
            return Preflight::tr("source '%1' is already in destination '%2'; it would be copied onto itself")
                .arg(displayPath(given), displayPath(dest));
    }
    return QString();
}

QString Preflight::checkPlan(const CopyOptions &options, const CopyPlan &plan)
{
    const QByteArray fsPath = existingAncestor(options.destination);
    bool fat = false;
#if FERRY_LINUX_CALLS
    struct statfs sf {};
    if (::statfs(fsPath.constData(), &sf) == 0)
        fat = long(sf.f_type) == MsdosMagic;
#endif
    if (fat) {
        for (size_t i = 0; i < plan.entries.size(); ++i) {
            const PlanEntry &e = plan.entries[i];
            if (e.kind == EntryKind::File && e.size > Fat32Limit)
                return Preflight::tr("'%1' is %2, larger than a FAT32 destination can store (4 GiB)")
                    .arg(displayPath(plan.sourcePath(qint32(i))), size(e.size));
        }
    }
    struct statvfs sv {};
    if (::statvfs(fsPath.constData(), &sv) != 0)
        return QString(); // unknown: the copy will report a full disk if it meets one
    const qint64 block = sv.f_frsize ? qint64(sv.f_frsize) : 4096;
    const qint64 available = qint64(sv.f_bavail) * block;
    auto needed = [&](bool countExisting) {
        qint64 total = 0;
        for (size_t i = 0; i < plan.entries.size(); ++i) {
            const PlanEntry &e = plan.entries[i];
            if (e.kind != EntryKind::File)
                continue;
            if (!countExisting) {
                // Only under a policy that leaves an existing file alone does it need no room.
                struct stat ts {};
                if (::lstat(plan.targetPath(qint32(i)).constData(), &ts) == 0) {
                    if (options.conflict == ConflictPolicy::Skip)
                        continue;
                    if (options.conflict == ConflictPolicy::Update && upToDate(e, ts))
                        continue;
                }
            }
            total += (e.size + block - 1) / block * block;
        }
        return total;
    };
    qint64 need = needed(true);
    if (need > available && (options.conflict == ConflictPolicy::Skip || options.conflict == ConflictPolicy::Update))
        need = needed(false);
    if (need > available)
        return Preflight::tr("not enough free space on '%1': the copy needs %2, %3 free")
            .arg(displayPath(options.destination), size(need), size(available));
    return QString();
}

} // namespace Ferry
