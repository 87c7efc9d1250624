#include "CopyPlan.h"

#include "Glob.h"
#include "SystemError.h"

#include <algorithm>
#include <climits>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <string_view>
#include <system_error>
#include <thread>

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

// The entry's attributes as listed (its name and folder are the caller's); *why: the reason a
// special file is not copied.
static PlanEntry entryFromInfo(const fs::FileInfo &st, QString *why)
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

static PlanEntry errorEntry()
{
    PlanEntry e;
    e.kind = EntryKind::Error;
    return e;
}

static QString nameTooLong()
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

// A folder as the scan finds it; laid out into the plan once the whole tree is listed.
struct ScanDir {
    PlanDir dir;                    // its names arena holds its entries' names
    std::vector<PlanEntry> entries; // their dir index is set when laid out
    // What few entries have, by name offset (stable while the entries are sorted).
    QHash<quint32, QString> errors;
    QHash<quint32, QByteArray> links;
    std::vector<std::unique_ptr<ScanDir>> subdirs;
    std::vector<std::pair<quint64, quint64>> chain; // following links: this folder and those above it

    void add(PlanEntry e, const QByteArray &name, const QString &why = QString(), const QByteArray &link = QByteArray())
    {
        if (!appendName(&dir.names, name, &e)) {
            e = errorEntry();
            appendName(&dir.names, QByteArray(), &e);
            errors.insert(e.nameOffset, nameTooLong());
            entries.push_back(e);
            return;
        }
        if (!why.isEmpty())
            errors.insert(e.nameOffset, why);
        if (e.kind == EntryKind::Symlink)
            links.insert(e.nameOffset, link);
        entries.push_back(e);
    }
};

namespace {
int scanThreads()
{
    // Listing is mostly system time on cached folders, and on a cold disk it wants several
    // requests in flight (the disk serves small reads far better at queue depth).
    return std::clamp(int(std::thread::hardware_concurrency()) * 2, 2, 8);
}
} // namespace

void PlanBuilder::list(ScanDir *scan) const
{
    const QByteArray &source = scan->dir.source;
    const QByteArray &target = scan->dir.target;
    bool opened = false;
    const int listError = m_fs.list(source, m_options.followSymlinks, [&](const fs::ListedEntry &entry) {
        opened = true;
        const QByteArray &name = entry.name;
        if (excluded(name))
            return;
        const fs::FileInfo &st = entry.info;
        if (entry.statError != 0) {
            if (entry.brokenLink)
                scan->add(errorEntry(), name, PlanBuilder::tr("broken symbolic link: %1").arg(errnoText(entry.statError)));
            else
                scan->add(errorEntry(), name, PlanBuilder::tr("cannot read: %1").arg(errnoText(entry.statError)));
            return;
        }
        if (st.kind == fs::Kind::Folder) {
            auto sub = std::make_unique<ScanDir>();
            if (m_options.followSymlinks) {
                const auto key = std::make_pair(st.device, st.inode);
                if (std::find(scan->chain.begin(), scan->chain.end(), key) != scan->chain.end()) {
                    scan->add(errorEntry(), name,
                        PlanBuilder::tr("symbolic link loop: it leads back to a folder that contains it"));
                    return;
                }
                sub->chain = scan->chain;
                sub->chain.push_back(key);
            }
            sub->dir.source = joinPath(source, name);
            sub->dir.target = joinPath(target, name);
            sub->dir.mode = mode_t(st.mode);
            sub->dir.owner = st.owner;
            sub->dir.group = st.group;
            sub->dir.atime = st.atime;
            sub->dir.mtime = st.mtime;
            scan->subdirs.push_back(std::move(sub));
            return;
        }
        QString why;
        QByteArray link;
        PlanEntry e = entryFromInfo(st, &why);
        if (e.kind == EntryKind::Symlink) {
            if (const int err = m_fs.readLink(joinPath(source, name), &link)) {
                e = errorEntry();
                why = PlanBuilder::tr("cannot read link: %1").arg(errnoText(err));
            }
        }
        scan->add(e, name, why, link);
    });
    if (listError != 0) {
        // A folder that could not be opened listed nothing; one that failed midway keeps what it listed.
        scan->add(errorEntry(), QByteArray(), opened
            ? PlanBuilder::tr("cannot list folder: %1").arg(errnoText(listError))
            : PlanBuilder::tr("cannot read folder: %1").arg(errnoText(listError)));
    }
    // In name order, as a file manager lists them (the folder's own order is its hash order on
    // ext4: the window's table looked shuffled). Errors about the folder itself have no name and
    // come first.
    const char *names = scan->dir.names.constData();
    auto nameOf = [names](const PlanEntry &e) { return std::string_view(names + e.nameOffset, e.nameLength); };
    std::sort(scan->entries.begin(), scan->entries.end(),
              [&nameOf](const PlanEntry &a, const PlanEntry &b) { return nameOf(a) < nameOf(b); });
    std::sort(scan->subdirs.begin(), scan->subdirs.end(),
              [](const std::unique_ptr<ScanDir> &a, const std::unique_ptr<ScanDir> &b) {
                  return a->dir.source < b->dir.source;
              });
    // The whole tree is held here before it is laid out: no room to spare in each folder.
    scan->entries.shrink_to_fit();
    scan->dir.names.squeeze();
}

void PlanBuilder::walk(CopyPlan *plan, PlanDir root, const fs::FileInfo &rootStat, const std::atomic<bool> *cancelled)
{
    // The producer of the copy: several threads list folders at once, each taking the next folder
    // found; the tree is laid out in the plan (folders before what they hold) once it is all seen.
    auto top = std::make_unique<ScanDir>();
    top->dir = std::move(root);
    if (m_options.followSymlinks)
        top->chain.emplace_back(rootStat.device, rootStat.inode);
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<ScanDir *> queue{top.get()};
    int listing = 0;
    size_t entryCount = 0;
    auto work = [&] {
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            wake.wait(lock, [&] { return !queue.empty() || listing == 0; });
            if (queue.empty())
                return; // nothing queued and nobody listing: the tree is done
            ScanDir *next = queue.front();
            queue.pop_front();
            ++listing;
            lock.unlock();
            if (!(cancelled && cancelled->load(std::memory_order_relaxed)))
                list(next);
            lock.lock();
            for (const auto &sub : next->subdirs)
                queue.push_back(sub.get());
            entryCount += next->entries.size();
            --listing;
            wake.notify_all();
        }
    };
    std::vector<std::thread> helpers;
    const int threads = m_threads > 0 ? m_threads : scanThreads();
    for (int i = 1; i < threads; ++i) {
        try {
            helpers.emplace_back(work);
        } catch (const std::system_error &) {
            break; // no more threads to be had: those there are (at least this one) do the walk
        }
    }
    work();
    for (std::thread &t : helpers)
        t.join();
    plan->entries.reserve(plan->entries.size() + entryCount);
    size_t unreturned = 0;
    layOut(plan, top.get(), -1, &unreturned);
    fs::giveBackMemory();
}

void PlanBuilder::layOut(CopyPlan *plan, ScanDir *scan, qint32 parent, size_t *unreturned)
{
    // The listing threads' memory goes back to their own malloc arenas, which nothing uses now:
    // asked back every few megabytes, the scan and the plan are not both held whole at the end.
    constexpr size_t GiveBackEvery = 4 * 1024 * 1024;
    *unreturned += scan->entries.capacity() * sizeof(PlanEntry);
    if (*unreturned >= GiveBackEvery) {
        fs::giveBackMemory();
        *unreturned = 0;
    }
    scan->dir.parent = parent;
    plan->dirs.push_back(std::move(scan->dir));
    const qint32 index = qint32(plan->dirs.size() - 1);
    const bool extras = !scan->errors.isEmpty() || !scan->links.isEmpty();
    for (PlanEntry &e : scan->entries) {
        e.dir = index;
        plan->entries.push_back(e);
        if (extras) {
            const qint32 at = qint32(plan->entries.size() - 1);
            const auto why = scan->errors.constFind(e.nameOffset);
            if (why != scan->errors.constEnd())
                plan->errors.insert(at, why.value());
            const auto link = scan->links.constFind(e.nameOffset);
            if (link != scan->links.constEnd())
                plan->linkTargets.insert(at, link.value());
        }
    }
    std::vector<PlanEntry>().swap(scan->entries); // give the memory back as we go
    scan->errors.clear();
    scan->links.clear();
    for (const auto &sub : scan->subdirs)
        layOut(plan, sub.get(), index, unreturned);
    scan->subdirs.clear();
}

} // namespace Ferry
