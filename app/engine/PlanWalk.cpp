// The scan: several threads list the source folders at once into a tree, laid out in the plan
// once it is all seen (PlanBuilder::walk, list and layOut).
#include "CopyPlan.h"
#include "PlanEntries.h"
#include "SystemError.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string_view>
#include <system_error>
#include <thread>

namespace Ferry {
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
