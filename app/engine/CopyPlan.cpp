#include "CopyPlan.h"

#include "Glob.h"
#include "PlanEntries.h"
#include "SystemError.h"

namespace Ferry {

bool upToDate(const PlanEntry &e, const fs::FileInfo &target, qint64 granularityNs)
{
    if (e.kind != EntryKind::File || target.kind != fs::Kind::File || target.size != e.size)
        return false;
    const qint64 g = qMax<qint64>(granularityNs, 1);
    if (g == 1) {
        const timespec &t = target.mtime;
        return e.mtimeSec < qint64(t.tv_sec) || (e.mtimeSec == qint64(t.tv_sec) && e.mtimeNsec <= t.tv_nsec);
    }
    // In whole units of the destination's clock: a copy stored rounded down is not older.
    auto units = [g](const timespec &t) {
        const qint64 ns = qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
        return ns >= 0 ? ns / g : -((-ns + g - 1) / g);
    };
    return units(e.mtime()) <= units(target.mtime);
}

bool appendName(QByteArray *names, const QByteArray &name, PlanEntry *entry)
{
    constexpr qsizetype MaxArena = qsizetype(0xFFFFFFFFu);
    if (name.size() > 0xFFFF || names->size() + name.size() + 1 > MaxArena)
        return false;
    entry->nameOffset = quint32(names->size());
    entry->nameLength = quint16(name.size());
    names->append(name);
    names->append('\0');
    return true;
}

qint32 CopyPlan::addEntry(PlanEntry entry, const QByteArray &name)
{
    if (entry.dir < 0 || size_t(entry.dir) >= dirs.size() || !appendName(&dirs[size_t(entry.dir)].names, name, &entry))
        return -1;
    entries.push_back(entry);
    return qint32(entries.size() - 1);
}

QByteArray CopyPlan::sourcePath(qint32 entry) const
{
    const PlanEntry &e = entries[size_t(entry)];
    return joinPath(dirs[size_t(e.dir)].source, name(entry));
}

QByteArray CopyPlan::targetPath(qint32 entry) const
{
    const PlanEntry &e = entries[size_t(entry)];
    return joinPath(dirs[size_t(e.dir)].target, targetName(entry));
}

PlanBuilder::PlanBuilder(const CopyOptions &options, fs::FileSystem &fs)
    : m_options(options)
    , m_fs(fs)
{
}

bool PlanBuilder::excluded(const QByteArray &name) const
{
    for (const QByteArray &glob : m_options.excludes) {
        if (globMatch(glob, name))
            return true;
    }
    return false;
}

static QString specialKind(fs::Kind kind)
{
    switch (kind) {
    case fs::Kind::Fifo: return PlanBuilder::tr("a FIFO");
    case fs::Kind::Socket: return PlanBuilder::tr("a socket");
    case fs::Kind::CharDevice: return PlanBuilder::tr("a character device");
    case fs::Kind::BlockDevice: return PlanBuilder::tr("a block device");
    default: return PlanBuilder::tr("not a regular file");
    }
}

PlanEntry entryFromInfo(const fs::FileInfo &st, QString *why)
{
    PlanEntry e;
    e.mode = mode_t(st.mode);
    e.owner = st.owner;
    e.group = st.group;
    e.sizeUnknown = st.sizeUnreliable;
    e.setTimes(st.atime, st.mtime);
    if (st.kind == fs::Kind::File) {
        e.kind = EntryKind::File;
        e.size = st.size;
    } else if (st.kind == fs::Kind::Symlink) {
        e.kind = EntryKind::Symlink;
    } else {
        e.kind = EntryKind::Special;
        *why = PlanBuilder::tr("%1; skipped, not opened").arg(specialKind(st.kind));
    }
    return e;
}

PlanEntry errorEntry()
{
    PlanEntry e;
    e.kind = EntryKind::Error;
    return e;
}

QString nameTooLong()
{
    return PlanBuilder::tr("the name is longer than any filesystem allows");
}

qint32 PlanBuilder::containerFor(CopyPlan *plan, const QByteArray &sourceParent)
{
    const auto it = m_containers.constFind(sourceParent);
    if (it != m_containers.constEnd())
        return it.value();
    PlanDir d;
    d.source = sourceParent;
    d.target = plan->destination;
    d.container = true;
    plan->dirs.push_back(d);
    const qint32 index = qint32(plan->dirs.size() - 1);
    m_containers.insert(sourceParent, index);
    return index;
}

bool PlanBuilder::build(CopyPlan *plan, QString *error, const std::atomic<bool> *cancelled)
{
    plan->destination = stripTrailingSlashes(m_options.destination);
    for (const QByteArray &given : m_options.sources) {
        if (given.isEmpty()) {
            *error = PlanBuilder::tr("an empty source path was given");
            return false;
        }
        const bool trailingSlash = given.size() > 1 && given.endsWith('/');
        const QByteArray path = stripTrailingSlashes(given);
        fs::FileInfo st;
        // As cp does: a link named with a trailing slash stands for what it points to.
        const bool follow = m_options.followSymlinks || trailingSlash;
        if (const int err = m_fs.stat(fs::NoHandle, path, follow, &st)) {
            *error = PlanBuilder::tr("cannot read source '%1': %2").arg(displayPath(given), errnoText(err));
            return false;
        }
        QByteArray name = baseName(path);
        if (name == "." || name == ".." || name.isEmpty()) {
            const QByteArray resolved = m_fs.canonicalPath(path);
            if (!resolved.isEmpty())
                name = baseName(resolved);
            if (name.isEmpty()) {
                *error = PlanBuilder::tr("cannot copy '%1': it has no name to copy it under").arg(displayPath(given));
                return false;
            }
        }
        if (excluded(name))
            continue;
        if (st.kind == fs::Kind::Folder) {
            PlanDir d;
            d.source = path;
            d.target = joinPath(plan->destination, name);
            d.mode = mode_t(st.mode);
            d.owner = st.owner;
            d.group = st.group;
            d.atime = st.atime;
            d.mtime = st.mtime;
            walk(plan, std::move(d), st, cancelled);
        } else {
            // A file source is copied into the destination itself, under its own name.
            const qint32 container = containerFor(plan, parentPath(path));
            QString why;
            QByteArray link;
            PlanEntry e = entryFromInfo(st, &why);
            if (e.kind == EntryKind::Symlink) {
                if (const int err = m_fs.readLink(path, &link)) {
                    e = errorEntry();
                    why = PlanBuilder::tr("cannot read link: %1").arg(errnoText(err));
                }
            }
            // The name under the destination is the one given, even for "." style sources.
            e.dir = container;
            qint32 index = plan->addEntry(e, baseName(path));
            if (index < 0) {
                e = errorEntry();
                e.dir = container;
                index = plan->addEntry(e, QByteArray());
                why = nameTooLong();
                link.clear();
            }
            if (!why.isEmpty())
                plan->errors.insert(index, why);
            if (e.kind == EntryKind::Symlink)
                plan->linkTargets.insert(index, link);
        }
    }
    for (const PlanEntry &e : plan->entries) {
        if (e.kind == EntryKind::File)
            plan->bytesTotal += e.size;
    }
    return true;
}

} // namespace Ferry
