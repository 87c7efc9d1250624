#include "Preflight.h"

#include "SystemError.h"

#include <QLocale>

#include <cerrno>

namespace Ferry {

namespace {
QString size(qint64 bytes)
{
    return sizeText(QLocale::c(), bytes, 1, QLocale::DataSizeTraditionalFormat);
}

bool inside(const QByteArray &path, const QByteArray &folder)
{
    if (folder.endsWith('/')) // a root
        return path.startsWith(folder) && path.size() > folder.size();
    return path.startsWith(folder) && path.size() > folder.size() && path.at(folder.size()) == '/';
}

// The nearest existing folder at or above path (what DEST's filesystem is).
QByteArray existingAncestor(fs::FileSystem &fs, const QByteArray &path)
{
    QByteArray p = stripTrailingSlashes(path);
    fs::FileInfo st;
    while (fs.stat(fs::NoHandle, p, true, &st) != 0) {
        const QByteArray up = parentPath(p);
        if (up == p)
            break;
        p = up;
    }
    return p;
}
} // namespace

QByteArray Preflight::resolve(const QByteArray &path, fs::FileSystem &fs)
{
    QByteArray p = stripTrailingSlashes(path);
    if (fs::rootLength(p) == 0) {
        const QByteArray cwd = fs.canonicalPath(".");
        p = joinPath(cwd, p);
    }
    QList<QByteArray> rest;
    for (;;) {
        const QByteArray r = fs.canonicalPath(p);
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

QString Preflight::checkPaths(const CopyOptions &options, fs::FileSystem &fs)
{
    if (options.sources.isEmpty())
        return Preflight::tr("no source given");
    const QByteArray dest = options.destination;
    if (dest.isEmpty())
        return Preflight::tr("no destination given");
    fs::FileInfo ds;
    const int destError = fs.stat(fs::NoHandle, dest, true, &ds);
    if (destError == 0) {
        if (ds.kind != fs::Kind::Folder)
            return Preflight::tr("destination '%1' exists and is not a folder").arg(displayPath(dest));
    } else if (destError != ENOENT) {
        return Preflight::tr("cannot use destination '%1': %2").arg(displayPath(dest), errnoText(destError));
    } else {
        const QByteArray above = existingAncestor(fs, dest);
        fs::FileInfo as;
        if (fs.stat(fs::NoHandle, above, true, &as) == 0 && as.kind != fs::Kind::Folder)
            return Preflight::tr("cannot create destination '%1': '%2' is not a folder").arg(displayPath(dest), displayPath(above));
    }
    const QByteArray resolvedDest = resolve(dest, fs);
    for (const QByteArray &given : options.sources) {
        const bool follow = options.followSymlinks || (given.size() > 1 && given.endsWith('/'));
        const QByteArray path = stripTrailingSlashes(given);
        fs::FileInfo st;
        if (const int err = fs.stat(fs::NoHandle, path, follow, &st)) {
            if (err == ENOENT)
                return Preflight::tr("source '%1' does not exist").arg(displayPath(given));
            return Preflight::tr("cannot read source '%1': %2").arg(displayPath(given), errnoText(err));
        }
        // Where the source really is: a link copied as a link is its own place, not its target's.
        const QByteArray resolved = (follow || st.kind != fs::Kind::Symlink)
            ? fs.canonicalPath(path)
            : joinPath(resolve(parentPath(path), fs), baseName(path));
        if (st.kind == fs::Kind::Folder) {
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

fs::VolumeInfo Preflight::learnDestination(const CopyOptions &options, fs::FileSystem &fs, bool probe)
{
    fs::VolumeInfo volume; // what cannot be learnt stays unknown
    const QByteArray folder = existingAncestor(fs, options.destination);
    fs.volume(folder, &volume);
    if (probe)
        fs.probe(folder, &volume);
    return volume;
}

QString Preflight::checkPlan(const CopyOptions &options, const CopyPlan &plan, fs::FileSystem &fs)
{
    const fs::VolumeInfo &volume = plan.volume;
    if (volume.readOnly && !plan.entries.empty())
        return Preflight::tr("cannot copy into '%1': its filesystem is read-only").arg(displayPath(options.destination));
    if (volume.maxFileSize >= 0) {
        for (size_t i = 0; i < plan.entries.size(); ++i) {
            const PlanEntry &e = plan.entries[i];
            if (e.kind == EntryKind::File && e.size > volume.maxFileSize)
                return Preflight::tr("'%1' is %2, larger than the destination's filesystem (%3) can store (%4)")
                    .arg(displayPath(plan.sourcePath(qint32(i))), size(e.size), QString::fromUtf8(volume.type),
                         size(volume.maxFileSize + 1));
        }
    }
    if (volume.freeInodes >= 0) {
        // Every file, link and new folder takes an inode. Counted whole first; only when that
        // does not fit are the targets looked at (existing ones, left alone or replaced in place,
        // take no new one).
        auto wantedInodes = [&](bool lookAtTargets) {
            qint64 n = 0;
            fs::FileInfo ts;
            for (size_t i = 0; i < plan.entries.size(); ++i) {
                const PlanEntry &e = plan.entries[i];
                if (e.kind != EntryKind::File && e.kind != EntryKind::Symlink)
                    continue;
                if (!lookAtTargets || fs.stat(fs::NoHandle, plan.targetPath(qint32(i)), false, &ts) != 0)
                    ++n;
            }
            for (const PlanDir &d : plan.dirs) {
                if (!d.container && (!lookAtTargets || fs.stat(fs::NoHandle, d.target, false, &ts) != 0))
                    ++n;
            }
            return n;
        };
        qint64 wanted = wantedInodes(false);
        if (wanted > volume.freeInodes)
            wanted = wantedInodes(true);
        if (wanted > volume.freeInodes)
            return Preflight::tr("not enough free inodes on '%1': the copy makes %2 files and folders, the filesystem has room for %3")
                .arg(displayPath(options.destination), QLocale::c().toString(wanted), QLocale::c().toString(volume.freeInodes));
    }
    // A filesystem that does not say how much room it has is not refused: the copy reports a full
    // disk if it meets one.
    if (volume.freeBytes < 0)
        return QString();
    const qint64 block = volume.blockSize;
    const qint64 available = volume.freeBytes;
    auto needed = [&](bool countExisting) {
        // Each new folder takes a block too (a cluster on FAT).
        qint64 total = 0;
        for (const PlanDir &d : plan.dirs) {
            if (!d.container)
                total += block;
        }
        for (size_t i = 0; i < plan.entries.size(); ++i) {
            const PlanEntry &e = plan.entries[i];
            if (e.kind != EntryKind::File)
                continue;
            if (!countExisting) {
                // Only under a policy that leaves an existing file alone does it need no room.
                fs::FileInfo ts;
                if (fs.stat(fs::NoHandle, plan.targetPath(qint32(i)), false, &ts) == 0) {
                    if (options.conflict == ConflictPolicy::Skip)
                        continue;
                    if (options.conflict == ConflictPolicy::Update && upToDate(e, ts, plan.volume.timeGranularityNs))
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
