#include "TargetFolders.h"

#include "CopyControl.h"
#include "FileCopier.h"
#include "SystemError.h"
#include "TempFiles.h"

#include <cerrno>

namespace Ferry {

namespace {
// Folder handles kept open at once; past this a file's folder is opened for it alone. Folders
// are closed as soon as their last entry is settled, so only a job held up by many unanswered
// conflicts in many folders gets near it, and the process stays far from the usual limit of 1024.
constexpr int MaxCached = 256;
} // namespace

TargetFolders::TargetFolders(const CopyOptions &options, const CopyPlan &plan, const QList<qint32> &entries,
                             CopyControl &control, fs::FileSystem &fs)
    : m_options(options)
    , m_plan(plan)
    , m_control(control)
    , m_fs(fs)
    , m_state(new State[plan.dirs.size()])
{
    for (qint32 entry : entries)
        m_state[size_t(plan.entries[size_t(entry)].dir)].left.fetch_add(1, std::memory_order_relaxed);
}

TargetFolders::~TargetFolders()
{
    for (size_t i = 0; i < m_plan.dirs.size(); ++i)
        close(qint32(i));
}

fs::Handle TargetFolders::open(qint32 dir, Side side, int *err) const
{
    const PlanDir &d = m_plan.dirs[size_t(dir)];
    // Below the folders named on the command line, a link is never taken for a folder (on the
    // source side unless following links): the plan saw a folder there.
    const bool noFollow = d.parent >= 0 && (side == TargetSide || !m_options.followSymlinks);
    return m_fs.openFolder(side == TargetSide ? d.target : d.source, noFollow, err);
}

TargetFolders::Handle TargetFolders::handle(qint32 dir, Side side)
{
    std::atomic<fs::Handle> &slot = m_state[size_t(dir)].handle[side];
    const fs::Handle cached = slot.load(std::memory_order_acquire);
    if (cached != fs::NoHandle)
        return Handle(m_fs, cached, 0, false);
    int err = 0;
    const fs::Handle h = open(dir, side, &err);
    if (h == fs::NoHandle)
        return Handle(m_fs, h, err, false);
    if (m_cached.fetch_add(1, std::memory_order_relaxed) >= MaxCached) {
        m_cached.fetch_sub(1, std::memory_order_relaxed);
        return Handle(m_fs, h, 0, true);
    }
    fs::Handle other = fs::NoHandle;
    if (!slot.compare_exchange_strong(other, h, std::memory_order_acq_rel)) {
        m_fs.close(h); // another worker opened it first
        m_cached.fetch_sub(1, std::memory_order_relaxed);
        return Handle(m_fs, other, 0, false);
    }
    return Handle(m_fs, h, 0, false);
}

void TargetFolders::settle(qint32 dir)
{
    if (m_state[size_t(dir)].left.fetch_sub(1, std::memory_order_acq_rel) == 1)
        close(dir);
}

void TargetFolders::close(qint32 dir)
{
    for (std::atomic<fs::Handle> &slot : m_state[size_t(dir)].handle) {
        const fs::Handle h = slot.exchange(fs::NoHandle, std::memory_order_acq_rel);
        if (h != fs::NoHandle) {
            m_fs.close(h);
            m_cached.fetch_sub(1, std::memory_order_relaxed);
        }
    }
}

int TargetFolders::makeOne(fs::Handle dirHandle, const QByteArray &name, const QByteArray &path, bool *existed,
                           QString *why)
{
    *existed = false;
    const int err = m_fs.makeFolder(dirHandle, name, newFolderMode());
    if (err == 0)
        return 0;
    fs::FileInfo there;
    if (err != EEXIST || m_fs.stat(dirHandle, name, false, &there) != 0) {
        *why = tr("cannot create folder '%1': %2").arg(displayPath(path), errnoText(err));
        return err;
    }
    if (there.kind == fs::Kind::Folder) {
        *existed = true;
        return 0;
    }
    *why = there.kind == fs::Kind::Symlink
        ? tr("'%1' is a symbolic link at a folder's place; it is not followed").arg(displayPath(path))
        : tr("'%1' exists and is not a folder").arg(displayPath(path));
    return EEXIST;
}

bool TargetFolders::settled(qint32 dir, int *err) const
{
    *err = 0;
    if (dir < 0 || !m_state[size_t(dir)].deferred)
        return true;
    const int state = m_state[size_t(dir)].made.load(std::memory_order_acquire);
    *err = state < 0 ? -state : 0;
    return state != 0;
}

int TargetFolders::ensure(qint32 dir, QString *why)
{
    int err = 0;
    if (settled(dir, &err) && err == 0)
        return 0;
    std::lock_guard<std::mutex> lock(m_mutex);
    err = make(dir);
    if (err != 0 && why)
        *why = m_errors.value(dir);
    return err;
}

int TargetFolders::make(qint32 dir)
{
    int settledError = 0;
    if (settled(dir, &settledError))
        return settledError;
    std::atomic<int> &made = m_state[size_t(dir)].made;
    const PlanDir &d = m_plan.dirs[size_t(dir)];
    auto fail = [&](int err, const QString &why) {
        m_errors.insert(dir, why);
        made.store(-err, std::memory_order_release);
        return err;
    };
    if (const int parentError = make(d.parent))
        return fail(parentError, m_errors.value(d.parent));
    // Named relative to the parent, opened for this alone: the parent's cached handle belongs to
    // its own entries, and the last of them closes it, maybe right now.
    int openError = 0;
    const fs::UniqueHandle parent(m_fs, open(d.parent, TargetSide, &openError));
    if (!parent.valid())
        return fail(openError, tr("cannot create folder '%1': %2").arg(displayPath(d.target), errnoText(openError)));
    // Something made meanwhile at its place, in a folder of ours: a folder is merged into.
    bool existed = false;
    QString why;
    if (const int err = makeOne(parent.get(), baseName(d.target), d.target, &existed, &why))
        return fail(err, why);
    made.store(1, std::memory_order_release);
    return 0;
}

bool TargetFolders::ready(qint32 dir) const
{
    const State &s = m_state[size_t(dir)];
    return s.usable && !s.moved && (!s.deferred || s.made.load(std::memory_order_acquire) > 0);
}

void TargetFolders::moveWholeFolders(const fs::FileInfo &destination)
{
    // A folder named on the command line whose target is not there yet goes over whole, by one
    // rename, when it is on DEST's filesystem and the plan takes everything in it as it is: no
    // exclusions, no links followed, no entry that fails or is skipped, no name changed.
    if (!m_options.excludes.isEmpty() || m_options.followSymlinks)
        return;
    const size_t n = m_plan.dirs.size();
    std::vector<char> unfit(n, 0);
    for (const PlanEntry &e : m_plan.entries) {
        if (e.kind == EntryKind::Error || e.kind == EntryKind::Special)
            unfit[size_t(e.dir)] = 1;
    }
    for (auto it = m_plan.targetNames.cbegin(); it != m_plan.targetNames.cend(); ++it)
        unfit[size_t(m_plan.entries[size_t(it.key())].dir)] = 1;
    for (size_t i = 0; i < n; ++i) {
        const PlanDir &d = m_plan.dirs[i];
        if (!d.error.isEmpty() || baseName(d.target) != baseName(d.source))
            unfit[i] = 1;
    }
    for (size_t i = n; i-- > 0;) { // children come after their parents
        if (unfit[i] && m_plan.dirs[i].parent >= 0)
            unfit[size_t(m_plan.dirs[i].parent)] = 1;
    }
    for (size_t i = 0; i < n; ++i) {
        const PlanDir &d = m_plan.dirs[i];
        if (d.container || d.parent >= 0 || unfit[i] || m_control.isCancelled())
            continue;
        // A real folder (a link named with a trailing slash is not renamed in its place), on DEST's
        // filesystem, with nothing below it mounted from another (that would stay where it is).
        fs::FileInfo source;
        if (m_fs.stat(fs::NoHandle, d.source, false, &source) != 0 || source.kind != fs::Kind::Folder
            || source.device != destination.device)
            continue;
        // The folders below it follow it in the plan, each after its parent: [i, end).
        size_t end = i + 1;
        while (end < n && m_plan.dirs[end].parent >= qint32(i))
            ++end;
        bool oneFilesystem = true;
        for (size_t j = i + 1; j < end && oneFilesystem; ++j) {
            fs::FileInfo below;
            oneFilesystem = m_fs.stat(fs::NoHandle, m_plan.dirs[j].source, false, &below) == 0
                && below.kind == fs::Kind::Folder && below.device == source.device;
        }
        if (!oneFilesystem || m_fs.move(fs::NoHandle, d.source, fs::NoHandle, d.target, false) != 0)
            continue; // there after all, or it cannot be renamed: entry by entry then
        for (size_t j = i; j < end; ++j)
            m_state[j].moved = true;
    }
}

void TargetFolders::removeStaleTemps(const QByteArray &folder)
{
    Ferry::removeStaleTemps(m_fs, folder);
}

bool TargetFolders::prepare(QString *error)
{
    const QByteArray dest = m_plan.destination;
    // mkdir -p DEST
    const qsizetype root = fs::rootLength(dest);
    QByteArray built = dest.left(root);
    const QList<QByteArray> parts = dest.mid(root).split('/');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (i > 0)
            built += '/';
        built += parts[i];
        if (parts[i].isEmpty() || parts[i] == "." || parts[i] == "..")
            continue;
        const int err = m_fs.makeFolder(fs::NoHandle, built, 0777);
        if (err != 0 && err != EEXIST) {
            *error = tr("cannot create destination '%1': %2").arg(displayPath(built), errnoText(err));
            return false;
        }
    }
    fs::FileInfo st;
    if (m_fs.stat(fs::NoHandle, dest, true, &st) != 0 || st.kind != fs::Kind::Folder) {
        *error = tr("destination '%1' is not a folder").arg(displayPath(dest));
        return false;
    }
    removeStaleTemps(dest);
    if (m_options.move && !m_options.dryRun)
        moveWholeFolders(st);

    for (size_t i = 0; i < m_plan.dirs.size(); ++i) {
        const PlanDir &d = m_plan.dirs[i];
        State &s = m_state[i];
        if (d.container || s.moved)
            continue;
        if (!d.error.isEmpty()) { // the plan found it cannot be made (a name the destination refuses)
            s.usable = false;
            s.error = d.error;
            continue;
        }
        if (d.parent >= 0 && !m_state[size_t(d.parent)].usable) {
            s.usable = false;
            s.error = m_state[size_t(d.parent)].error;
            continue;
        }
        if (m_control.isCancelled())
            return true;
        // Inside a folder this job made nothing can be in the way: such a folder is made when the
        // first file inside it is copied, the way cp goes. Made all at once here, 200 folders
        // before 20,000 files cost ext4 three times the write requests at the flush.
        if (d.parent >= 0 && m_state[size_t(d.parent)].created) {
            s.created = true;
            s.deferred = true;
            continue;
        }
        bool existed = false;
        if (makeOne(fs::NoHandle, d.target, d.target, &existed, &s.error) != 0)
            s.usable = false;
        else if (existed)
            removeStaleTemps(d.target); // merge into the folder that is there
        else
            s.created = true;
    }
    return true;
}

void TargetFolders::finish(bool makeRemaining, QList<QByteArray> *refused)
{
    // Entries left unsettled (cancelled, or asked and never answered) still hold their folders.
    // Folders with nothing copied into them yet (empty ones, or with only empty folders inside).
    if (makeRemaining) {
        for (size_t i = 0; i < m_plan.dirs.size(); ++i)
            ensure(qint32(i), nullptr);
    }
    for (size_t i = 0; i < m_plan.dirs.size(); ++i)
        close(qint32(i));
    if (!m_options.preserve || m_options.dryRun)
        return;
    // Children come after their parents in the plan: backwards, a folder's times are set after
    // everything inside it is written.
    // Folders that were already there get the source's mode and times too, as with cp -a: a
    // folder left by an interrupted run (made owner-only while it was filled) is finished now.
    for (qint32 i = qint32(m_plan.dirs.size()) - 1; i >= 0; --i) {
        const PlanDir &d = m_plan.dirs[size_t(i)];
        if (d.container || !ready(i))
            continue;
        const quint32 mode = keepOwner(m_fs, quint32(d.mode) & 07777, d.owner, d.group, [&](quint32 o, quint32 g) {
            return m_fs.setPathOwner(fs::NoHandle, d.target, o, g, false); // never through a link put there
        });
        m_fs.copyExtendedAttributes(fs::NoHandle, fs::NoHandle, d.source, false, fs::NoHandle, d.target, refused);
        m_fs.setPathAttributes(fs::NoHandle, d.target, &mode, d.atime, d.mtime, true);
    }
}

} // namespace Ferry
