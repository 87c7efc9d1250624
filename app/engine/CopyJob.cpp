#include "CopyJob.h"

#include "Checksum.h"
#include "DataCopier.h"
#include "Platform.h"
#include "StagedFile.h"
#include "SystemError.h"
#include "TempFiles.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#if FERRY_LINUX_CALLS
#include <linux/fs.h>
#include <sys/syscall.h>
#endif

namespace Ferry {

namespace {
// More than any pool runs threads; a file that finds no free slot just isn't shown as active.
constexpr int ActiveSlots = 64;
// From this size on, a file's data is pushed to the disk while it is copied (when a flush follows).
constexpr qint64 LargeFile = 64 * 1024 * 1024;
// Folder descriptors kept open at once; past this a file's folder is opened for it alone. Folders
// are closed as soon as their last entry is settled, so only a job held up by many unanswered
// conflicts in many folders gets near it, and the process stays far from the usual limit of 1024.
constexpr int MaxCachedFolderFds = 256;

bool sameTime(const timespec &a, const timespec &b)
{
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

qint64 msecs(const timespec &t)
{
    return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

// "name.ext" -> "name (n).ext"; a leading dot is part of the name. The result stays within the
// 255-byte limit by shortening the stem, never in the middle of a UTF-8 sequence.
QByteArray numberedName(const QByteArray &name, int n)
{
    qsizetype dot = name.lastIndexOf('.');
    if (dot <= 0)
        dot = name.size();
    QByteArray stem = name.left(dot);
    const QByteArray ext = name.mid(dot);
    const QByteArray tag = " (" + QByteArray::number(n) + ')';
    const qsizetype room = 255 - tag.size() - ext.size();
    if (stem.size() > room) {
        qsizetype cut = qMax<qsizetype>(room, 1);
        while (cut > 1 && (uchar(stem.at(cut)) & 0xC0) == 0x80)
            --cut;
        stem.truncate(cut);
    }
    return stem + tag + ext;
}

// Makes the folder `name` in dirFd (AT_FDCWD with a full path); path names it in messages. An
// existing folder is fine (*existed set, to be merged into); a link or a file at its place is
// refused, never followed. Returns 0, or an errno with *why set.
int makeTargetFolder(int dirFd, const QByteArray &name, const QByteArray &path, mode_t mode, bool *existed,
                     QString *why)
{
    *existed = false;
    if (::mkdirat(dirFd, name.constData(), mode) == 0)
        return 0;
    const int err = errno;
    struct stat ts {};
    if (err != EEXIST || ::fstatat(dirFd, name.constData(), &ts, AT_SYMLINK_NOFOLLOW) != 0) {
        *why = CopyJob::tr("cannot create folder '%1': %2").arg(displayPath(path), errnoText(err));
        return err;
    }
    if (S_ISDIR(ts.st_mode)) {
        *existed = true;
        return 0;
    }
    *why = S_ISLNK(ts.st_mode)
        ? CopyJob::tr("'%1' is a symbolic link at a folder's place; it is not followed").arg(displayPath(path))
        : CopyJob::tr("'%1' exists and is not a folder").arg(displayPath(path));
    return EEXIST;
}

QString reason(const QString &what, int err)
{
    return CopyJob::tr("%1 failed: %2").arg(what, errnoText(err));
}

class Fd
{
public:
    explicit Fd(int fd = -1) : m_fd(fd) {}
    ~Fd() { reset(); }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }
    void reset(int fd = -1) { if (m_fd >= 0) ::close(m_fd); m_fd = fd; }
private:
    int m_fd;
};
} // namespace

CopyJob::CopyJob(CopyOptions options, CopyPlan plan)
    : m_options(std::move(options))
    , m_plan(std::move(plan))
    , m_status(new std::atomic<quint8>[m_plan.entries.size() + 1])
    , m_finalTarget(m_plan.entries.size())
    , m_copiedAs(m_options.move ? m_plan.entries.size() : 0)
    , m_slots(new ActiveSlot[ActiveSlots])
    , m_folders(new FolderFds[m_plan.dirs.size()])
{
    for (size_t i = 0; i < m_plan.entries.size(); ++i) {
        m_status[i].store(quint8(FileStatus::Pending), std::memory_order_relaxed);
        m_folders[size_t(m_plan.entries[i].dir)].left.fetch_add(1, std::memory_order_relaxed);
    }
    // Read here, before any worker runs: umask() can only be read by setting it.
    m_umask = ::umask(0);
    ::umask(m_umask);
}

CopyJob::~CopyJob()
{
    for (size_t i = 0; i < m_plan.dirs.size(); ++i)
        closeFolderFds(qint32(i));
}

CopyJob::FolderFd::~FolderFd()
{
    if (m_owned && m_fd >= 0)
        ::close(m_fd);
}

CopyJob::FolderFd CopyJob::folderFd(qint32 dir, Side side)
{
    std::atomic<int> &slot = m_folders[size_t(dir)].fd[side];
    const int cached = slot.load(std::memory_order_acquire);
    if (cached >= 0)
        return FolderFd(cached, false);
    const int fd = openFolder(dir, side);
    if (fd < 0)
        return FolderFd(fd, false);
    if (m_cachedFds.fetch_add(1, std::memory_order_relaxed) >= MaxCachedFolderFds) {
        m_cachedFds.fetch_sub(1, std::memory_order_relaxed);
        return FolderFd(fd, true);
    }
    int other = -1;
    if (!slot.compare_exchange_strong(other, fd, std::memory_order_acq_rel)) {
        ::close(fd); // another worker opened it first
        m_cachedFds.fetch_sub(1, std::memory_order_relaxed);
        return FolderFd(other, false);
    }
    return FolderFd(fd, false);
}

int CopyJob::openFolder(qint32 dir, Side side) const
{
    const PlanDir &d = m_plan.dirs[size_t(dir)];
    // Below the folders named on the command line, a link is never taken for a folder (on the
    // source side unless following links): the plan saw a folder there.
    int flags = FolderHandleFlags;
    if (d.parent >= 0 && (side == TargetSide || !m_options.followSymlinks))
        flags |= O_NOFOLLOW;
    const int fd = ::open((side == TargetSide ? d.target : d.source).constData(), flags);
    return fd >= 0 ? fd : -errno;
}

void CopyJob::settle(qint32 entry)
{
    const qint32 dir = m_plan.entries[size_t(entry)].dir;
    if (m_folders[size_t(dir)].left.fetch_sub(1, std::memory_order_acq_rel) == 1)
        closeFolderFds(dir);
}

void CopyJob::closeFolderFds(qint32 dir)
{
    for (std::atomic<int> &slot : m_folders[size_t(dir)].fd) {
        const int fd = slot.exchange(-1, std::memory_order_acq_rel);
        if (fd >= 0) {
            ::close(fd);
            m_cachedFds.fetch_sub(1, std::memory_order_relaxed);
        }
    }
}

bool CopyJob::folderSettled(qint32 dir, int *err) const
{
    *err = 0;
    if (dir < 0 || !m_plan.dirs[size_t(dir)].deferred)
        return true;
    const int state = m_folders[size_t(dir)].made.load(std::memory_order_acquire);
    *err = state < 0 ? -state : 0;
    return state != 0;
}

int CopyJob::ensureFolder(qint32 dir)
{
    int err = 0;
    if (folderSettled(dir, &err))
        return err;
    std::lock_guard<std::mutex> lock(m_folderMutex);
    return makeFolder(dir);
}

int CopyJob::makeFolder(qint32 dir)
{
    int settledError = 0;
    if (folderSettled(dir, &settledError))
        return settledError;
    std::atomic<int> &made = m_folders[size_t(dir)].made;
    const PlanDir &d = m_plan.dirs[size_t(dir)];
    auto fail = [&](int err, const QString &why) {
        m_folderErrors.insert(dir, why);
        made.store(-err, std::memory_order_release);
        return err;
    };
    if (const int parentError = makeFolder(d.parent))
        return fail(parentError, m_folderErrors.value(d.parent));
    // Named relative to the parent, opened for this alone: the parent's cached descriptor belongs
    // to its own entries, and the last of them closes it, maybe right now.
    const FolderFd parent(openFolder(d.parent, TargetSide), true);
    if (parent.get() < 0)
        return fail(parent.error(), CopyJob::tr("cannot create folder '%1': %2").arg(displayPath(d.target), errnoText(parent.error())));
    // Something made meanwhile at its place, in a folder of ours: a folder is merged into.
    bool existed = false;
    QString why;
    if (const int err = makeTargetFolder(parent.get(), baseName(d.target), d.target, newFolderMode(), &existed, &why))
        return fail(err, why);
    made.store(1, std::memory_order_release);
    return 0;
}

bool CopyJob::folderReady(qint32 dir) const
{
    const PlanDir &d = m_plan.dirs[size_t(dir)];
    return d.usable && (!d.deferred || m_folders[size_t(dir)].made.load(std::memory_order_acquire) > 0);
}

bool CopyJob::prepare(QString *error)
{
    const QByteArray dest = m_plan.destination;
    // mkdir -p DEST
    QByteArray built;
    const QList<QByteArray> parts = dest.split('/');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (i > 0 || dest.startsWith('/'))
            built += '/';
        built += parts[i];
        if (parts[i].isEmpty() || parts[i] == "." || parts[i] == "..")
            continue;
        if (::mkdir(built.constData(), 0777) != 0 && errno != EEXIST) {
            *error = CopyJob::tr("cannot create destination '%1': %2").arg(displayPath(built), errnoText(errno));
            return false;
        }
    }
    struct stat st {};
    if (::stat(dest.constData(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        *error = CopyJob::tr("destination '%1' is not a folder").arg(displayPath(dest));
        return false;
    }
    removeStaleTemps(dest);

    for (PlanDir &d : m_plan.dirs) {
        if (d.container)
            continue;
        if (d.parent >= 0 && !m_plan.dirs[size_t(d.parent)].usable) {
            d.usable = false;
            d.error = m_plan.dirs[size_t(d.parent)].error;
            continue;
        }
        if (m_control.isCancelled())
            return true;
        // Inside a folder this job made nothing can be in the way: such a folder is made when the
        // first file inside it is copied, the way cp goes. Made all at once here, 200 folders
        // before 20,000 files cost ext4 three times the write requests at the flush.
        if (d.parent >= 0 && m_plan.dirs[size_t(d.parent)].created) {
            d.created = true;
            d.deferred = true;
            continue;
        }
        bool existed = false;
        if (makeTargetFolder(AT_FDCWD, d.target, d.target, newFolderMode(), &existed, &d.error) != 0)
            d.usable = false;
        else if (existed)
            removeStaleTemps(d.target); // merge into the folder that is there
        else
            d.created = true;
    }
    return true;
}

ConflictPolicy CopyJob::policyFor(qint32 entry)
{
    if (m_options.conflict != ConflictPolicy::Ask)
        return m_options.conflict;
    std::lock_guard<std::mutex> lock(m_askMutex);
    const auto it = m_answers.constFind(entry);
    if (it == m_answers.constEnd())
        return ConflictPolicy::Ask;
    switch (it.value()) {
    case ConflictAnswer::Overwrite: return ConflictPolicy::Overwrite;
    case ConflictAnswer::Skip: return ConflictPolicy::Skip;
    case ConflictAnswer::Rename: return ConflictPolicy::Rename;
    case ConflictAnswer::Update: return ConflictPolicy::Update;
    }
    return ConflictPolicy::Skip;
}

CopyJob::Target CopyJob::decide(qint32 entry, ConflictPolicy policy, bool dryRun, bool recheck)
{
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    const PlanDir &dir = m_plan.dirs[size_t(e.dir)];
    Target t;
    t.name = e.name;
    if (!dir.usable) {
        t.decision = Decision::Fail;
        t.message = dir.error;
        return t;
    }
    // In a folder this job made, nothing is there to meet: skip the look. Should a file appear
    // meanwhile, putting the copy in place fails with EEXIST and the policy decides then.
    if (dir.created && !dryRun && !recheck) {
        t.unchecked = true;
        return t;
    }
    const FolderFd folder = folderFd(e.dir, TargetSide);
    struct stat st {};
    int err = folder.error();
    if (err == 0 && ::fstatat(folder.get(), e.name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        err = errno;
    if (err != 0) {
        if (err == ENOENT) // nothing there (in a dry run, maybe not even the folder)
            return t;
        t.decision = Decision::Fail;
        t.message = CopyJob::tr("cannot check the destination: %1").arg(errnoText(err));
        return t;
    }
    if (S_ISDIR(st.st_mode) && policy != ConflictPolicy::Rename && policy != ConflictPolicy::Skip) {
        t.decision = Decision::Fail;
        t.message = CopyJob::tr("a folder with this name is at the destination");
        return t;
    }
    switch (policy) {
    case ConflictPolicy::Skip:
        t.decision = Decision::Skip;
        t.message = CopyJob::tr("already exists");
        return t;
    case ConflictPolicy::Overwrite:
        t.decision = Decision::Replace;
        return t;
    case ConflictPolicy::Update: {
        if (upToDate(e, st)) {
            t.decision = Decision::Skip;
            t.message = CopyJob::tr("up to date");
        } else {
            t.decision = Decision::Replace;
        }
        return t;
    }
    case ConflictPolicy::Rename:
        for (int n = 2;; ++n) {
            const QByteArray candidate = numberedName(e.name, n);
            struct stat cs {};
            if (::fstatat(folder.get(), candidate.constData(), &cs, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT) {
                t.name = candidate;
                return t;
            }
        }
    case ConflictPolicy::Ask: {
        t.decision = Decision::Ask;
        ConflictQuestion q;
        q.entry = entry;
        q.source = joinPath(dir.source, e.name);
        q.target = joinPath(dir.target, t.name);
        q.sourceSize = e.size;
        q.targetSize = st.st_size;
        q.sourceMtimeMs = msecs(e.mtime);
        q.targetMtimeMs = msecs(modifyTime(st));
        if (!dryRun) {
            std::lock_guard<std::mutex> lock(m_askMutex);
            m_questions.append(q);
            m_unanswered.fetch_add(1, std::memory_order_acq_rel);
        }
        t.message = CopyJob::tr("exists; waiting for a decision");
        return t;
    }
    }
    return t;
}

void CopyJob::process(qint32 entry)
{
    if (!m_control.checkpoint())
        return;
    copyEntry(entry);
    if (status(entry) != FileStatus::Pending) // an asked entry comes back once answered
        settle(entry);
}

void CopyJob::copyEntry(qint32 entry)
{
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    if (e.kind == EntryKind::Error) {
        record(entry, FileStatus::Failed, e.error);
        return;
    }
    if (e.kind == EntryKind::Special) {
        record(entry, FileStatus::Skipped, e.error);
        return;
    }
    if (ensureFolder(e.dir) != 0) {
        QString why;
        {
            std::lock_guard<std::mutex> lock(m_folderMutex);
            why = m_folderErrors.value(e.dir);
        }
        record(entry, FileStatus::Failed, why);
        return;
    }
    Target t = decide(entry, policyFor(entry), false);
    switch (t.decision) {
    case Decision::Skip:
        record(entry, FileStatus::Skipped, t.message, t.name);
        return;
    case Decision::Fail:
        record(entry, FileStatus::Failed, t.message, t.name);
        return;
    case Decision::Ask:
        return; // copied later, once answered
    case Decision::Write:
    case Decision::Replace:
        break;
    }
    if (e.kind == EntryKind::Symlink)
        copyLink(entry, t);
    else
        copyFile(entry, t);
}

void CopyJob::describe(qint32 entry)
{
    describeEntry(entry);
    settle(entry);
}

void CopyJob::describeEntry(qint32 entry)
{
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    if (e.kind == EntryKind::Error || e.kind == EntryKind::Special) {
        record(entry, e.kind == EntryKind::Error ? FileStatus::Failed : FileStatus::Skipped, e.error);
        return;
    }
    const Target t = decide(entry, m_options.conflict, true);
    switch (t.decision) {
    case Decision::Write:
        record(entry, FileStatus::Copied, CopyJob::tr("would copy"), t.name);
        break;
    case Decision::Replace:
        record(entry, FileStatus::Copied, CopyJob::tr("would replace the existing file"), t.name);
        break;
    case Decision::Skip:
        record(entry, FileStatus::Skipped, t.message, t.name);
        break;
    case Decision::Fail:
        record(entry, FileStatus::Failed, t.message, t.name);
        break;
    case Decision::Ask:
        record(entry, FileStatus::Pending, CopyJob::tr("exists; would ask"), t.name);
        break;
    }
}

template <typename Publish>
bool CopyJob::commit(qint32 entry, Target *target, int *err, Publish publish)
{
    if (publish(target->name, target->decision == Decision::Replace, err))
        return true;
    if (*err == EEXIST && target->unchecked) {
        // Something appeared in a folder this job made: the policy decides, without asking.
        ConflictPolicy policy = m_options.conflict == ConflictPolicy::Ask ? ConflictPolicy::Skip : m_options.conflict;
        *target = decide(entry, policy, false, true);
        if (target->decision == Decision::Skip || target->decision == Decision::Fail) {
            *err = EEXIST;
            return false;
        }
        if (publish(target->name, target->decision == Decision::Replace, err))
            return true;
    }
    const bool replace = target->decision == Decision::Replace;
    // Someone made the name while we copied: only "rename" looks for another.
    if (replace || *err != EEXIST || m_options.conflict != ConflictPolicy::Rename)
        return false;
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    for (int n = 2; n < 100000; ++n) {
        target->name = numberedName(e.name, n);
        if (publish(target->name, false, err))
            return true;
        if (*err != EEXIST)
            return false;
    }
    return false;
}

void CopyJob::copyFile(qint32 entry, const Target &given)
{
    Target target = given;
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    const FolderFd from = folderFd(e.dir, SourceSide);
    const FolderFd to = folderFd(e.dir, TargetSide);
    if (from.get() < 0) {
        record(entry, FileStatus::Failed, CopyJob::tr("cannot open its folder: %1").arg(errnoText(from.error())), target.name);
        return;
    }
    if (to.get() < 0) {
        record(entry, FileStatus::Failed, CopyJob::tr("cannot open the target folder: %1").arg(errnoText(to.error())), target.name);
        return;
    }
    const int statFlags = m_options.followSymlinks ? 0 : AT_SYMLINK_NOFOLLOW;
    struct stat before {};
    // A file the scan saw empty has no data to read: one look at it (still an empty regular
    // file?) stands for opening, reading and looking again, half of the calls of a small file.
    if (e.size == 0 && ::fstatat(from.get(), e.name.constData(), &before, statFlags) != 0) {
        record(entry, FileStatus::Failed, CopyJob::tr("cannot open it: %1").arg(errnoText(errno)), target.name);
        return;
    }
    Fd in;
    if (e.size != 0 || (S_ISREG(before.st_mode) && before.st_size != 0)) {
        int openFlags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
        if (!m_options.followSymlinks)
            openFlags |= O_NOFOLLOW;
        in.reset(::openat(from.get(), e.name.constData(), openFlags));
        if (in.get() < 0) {
            record(entry, FileStatus::Failed, CopyJob::tr("cannot open it: %1").arg(errnoText(errno)), target.name);
            return;
        }
        if (::fstat(in.get(), &before) != 0)
            before.st_mode = 0;
    }
    if (!S_ISREG(before.st_mode)) {
        record(entry, FileStatus::Failed, CopyJob::tr("it is no longer a regular file"), target.name);
        return;
    }
    // The bar counts what the plan said; a file that changed size since the scan is corrected.
    if (before.st_size != e.size)
        m_bytesDone.fetch_sub(before.st_size - e.size, std::memory_order_relaxed);

    StagedFile out;
    int openError = 0;
    // Preserving, the file is made with its final mode where the umask leaves that mode whole
    // (0644 under 022: most files), which saves an fchmod; otherwise it is set at the end.
    const mode_t wanted = before.st_mode & 07777;
    const bool modeAsMade = m_options.preserve && (wanted & 07000) == 0 && (wanted & ~m_umask) == wanted
        && (wanted & 0600) == 0600;
    const mode_t createMode = !m_options.preserve ? 0666 : (modeAsMade ? wanted : 0600);
    if (!out.open(to.get(), createMode, m_options.verify, &openError)) {
        record(entry, FileStatus::Failed, reason(CopyJob::tr("creating the file"), openError), target.name);
        return;
    }
    auto fail = [&](FileStatus status, const QString &why) {
        out.discard();
        record(entry, status, why, target.name);
    };

    ActiveSlot *slot = claimSlot(entry);
    std::atomic<qint64> unshown{0};
    std::atomic<qint64> &fileDone = slot ? slot->bytes : unshown;
    DataCopyRequest rq;
    rq.in = in.get();
    rq.out = out.fd();
    rq.size = before.st_size;
    rq.sparse = qint64(before.st_blocks) * 512 < before.st_size;
    rq.tryClone = m_tryClone.load(std::memory_order_relaxed);
    rq.writeBack = m_options.sync && before.st_size >= LargeFile;
    const DataCopyResult r = DataCopier::copy(rq, m_control, &m_bytesDone, &fileDone);
    const qint64 copiedHere = fileDone.load(std::memory_order_relaxed);
    if (slot)
        slot->entry.store(-1, std::memory_order_release);
    if (r.cloneUnsupported)
        m_tryClone.store(false, std::memory_order_relaxed);
    if (!r.ok) {
        // Take back what this file added, so the bar stays honest about what is really done.
        m_bytesDone.fetch_sub(copiedHere, std::memory_order_relaxed);
        if (r.cancelled)
            return fail(FileStatus::Cancelled, CopyJob::tr("cancelled"));
        const QString what = CopyJob::tr(r.what);
        const QString why = r.err ? CopyJob::tr("%1 failed: %2").arg(what, errnoText(r.err)) : what;
        return fail(FileStatus::Failed, why);
    }
    if (m_options.preserve) {
        const timespec times[2] = {accessTime(before), modifyTime(before)};
        if ((!modeAsMade && ::fchmod(out.fd(), wanted) != 0) || ::futimens(out.fd(), times) != 0)
            return fail(FileStatus::Failed, reason(CopyJob::tr("setting mode and times"), errno));
    }
    if (m_options.verify && in.get() >= 0) {
        if (::fdatasync(out.fd()) != 0)
            return fail(FileStatus::Failed, reason(CopyJob::tr("flushing"), errno));
        const ChecksumResult theirs = checksumFile(in.get(), before.st_size, true, m_control);
        const ChecksumResult ours = checksumFile(out.fd(), before.st_size, false, m_control);
        if (theirs.cancelled || ours.cancelled)
            return fail(FileStatus::Cancelled, CopyJob::tr("cancelled"));
        if (!theirs.ok)
            return fail(FileStatus::Failed, reason(CopyJob::tr("reading the source to verify"), theirs.err));
        if (!ours.ok)
            return fail(FileStatus::VerifiedFailed, reason(CopyJob::tr("reading the copy back"), ours.err));
        if (theirs.hash != ours.hash)
            return fail(FileStatus::VerifiedFailed, CopyJob::tr("the copy read back from the disk differs from the source"));
    }
    // A source that changed under us would leave a copy that matches neither version. One look at
    // the path tells both: another inode (replaced), or this one with another size or time. (An
    // empty file was not read: its one look was the copy.)
    struct stat now {};
    if (in.get() >= 0) {
        if (::fstatat(from.get(), e.name.constData(), &now, statFlags) != 0)
            return fail(FileStatus::Failed, CopyJob::tr("it was removed while it was being copied"));
        if (now.st_ino != before.st_ino || now.st_dev != before.st_dev)
            return fail(FileStatus::Failed, CopyJob::tr("it was replaced while it was being copied"));
        if (now.st_size != before.st_size || !sameTime(modifyTime(now), modifyTime(before)))
            return fail(FileStatus::Failed, CopyJob::tr("it changed while it was being copied"));
    }
    int err = 0;
    if (!commit(entry, &target, &err, [&out](const QByteArray &path, bool replace, int *code) {
            return out.publish(path, replace, code);
        })) {
        out.discard();
        if (err == EEXIST)
            record(entry, FileStatus::Skipped, CopyJob::tr("already exists"), target.name);
        else
            record(entry, FileStatus::Failed, reason(CopyJob::tr("putting the copy in place"), err), target.name);
        return;
    }
    if (m_options.move)
        m_copiedAs[size_t(entry)] = {before.st_dev, before.st_ino, before.st_size, modifyTime(before)};
    record(entry, FileStatus::Copied, QString(), target.name, !m_options.move);
}

void CopyJob::copyLink(qint32 entry, const Target &given)
{
    Target target = given;
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    const FolderFd to = folderFd(e.dir, TargetSide);
    if (to.get() < 0) {
        record(entry, FileStatus::Failed, CopyJob::tr("cannot open the target folder: %1").arg(errnoText(to.error())), target.name);
        return;
    }
    const int folder = to.get();
    const QByteArray temp = makeTempName();
    if (::symlinkat(e.linkTarget.constData(), folder, temp.constData()) != 0) {
        record(entry, FileStatus::Failed, reason(CopyJob::tr("creating the link"), errno), target.name);
        return;
    }
    if (m_options.preserve) {
        const timespec times[2] = {e.atime, e.mtime};
        ::utimensat(folder, temp.constData(), times, AT_SYMLINK_NOFOLLOW); // not every filesystem keeps link times
    }
    int err = 0;
    if (!commit(entry, &target, &err, [&temp, folder](const QByteArray &name, bool replace, int *code) {
            return renameInto(folder, temp.constData(), name.constData(), replace, code);
        })) {
        ::unlinkat(folder, temp.constData(), 0);
        if (err == EEXIST)
            record(entry, FileStatus::Skipped, CopyJob::tr("already exists"), target.name);
        else
            record(entry, FileStatus::Failed, reason(CopyJob::tr("putting the link in place"), err), target.name);
        return;
    }
    record(entry, FileStatus::Copied, QString(), target.name, !m_options.move);
}

void CopyJob::record(qint32 entry, FileStatus status, const QString &message, const QByteArray &name, bool final)
{
    // Only a target other than the planned one (a "rename") is kept: a path a file costs memory.
    const PlanEntry &pe = m_plan.entries[size_t(entry)];
    const bool planned = name.isEmpty() || name == pe.name;
    const QByteArray destination = planned ? QByteArray() : joinPath(m_plan.dirs[size_t(pe.dir)].target, name);
    if (!planned)
        m_finalTarget[size_t(entry)] = name;
    const FileStatus previous = FileStatus(m_status[size_t(entry)].exchange(quint8(status), std::memory_order_acq_rel));
    if (final && status != FileStatus::Cancelled)
        m_filesDone.fetch_add(1, std::memory_order_relaxed);
    // Files that are settled without being copied still move the bar, so it can reach the end.
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    if ((status == FileStatus::Skipped || status == FileStatus::Failed || status == FileStatus::VerifiedFailed)
        && e.kind == EntryKind::File && previous == FileStatus::Pending)
        m_bytesSettled.fetch_add(e.size, std::memory_order_relaxed);
    FileEvent ev;
    ev.entry = entry;
    ev.status = status;
    ev.destination = destination;
    ev.message = message;
    ev.final = final;
    std::lock_guard<std::mutex> lock(m_eventMutex);
    m_events.append(std::move(ev));
}

QList<FileEvent> CopyJob::takeEvents()
{
    std::lock_guard<std::mutex> lock(m_eventMutex);
    QList<FileEvent> out;
    out.swap(m_events);
    return out;
}

CopyJob::ActiveSlot *CopyJob::claimSlot(qint32 entry)
{
    // Start where this thread found a slot last time: threads rarely meet.
    thread_local int hint = 0;
    for (int n = 0; n < ActiveSlots; ++n) {
        const int i = (hint + n) % ActiveSlots;
        qint32 free = -1;
        if (m_slots[i].entry.load(std::memory_order_relaxed) == -1
            && m_slots[i].entry.compare_exchange_strong(free, entry, std::memory_order_acq_rel)) {
            m_slots[i].bytes.store(0, std::memory_order_relaxed);
            hint = i;
            return &m_slots[i];
        }
    }
    return nullptr;
}

QList<ActiveFile> CopyJob::activeFiles() const
{
    QList<ActiveFile> out;
    for (int i = 0; i < ActiveSlots; ++i) {
        const qint32 entry = m_slots[i].entry.load(std::memory_order_acquire);
        if (entry >= 0)
            out.append(ActiveFile{entry, m_slots[i].bytes.load(std::memory_order_relaxed)});
    }
    return out;
}

QString CopyJob::jobError() const
{
    std::lock_guard<std::mutex> lock(m_eventMutex);
    return m_jobError;
}

QList<ConflictQuestion> CopyJob::takeQuestions()
{
    std::lock_guard<std::mutex> lock(m_askMutex);
    QList<ConflictQuestion> out;
    out.swap(m_questions);
    return out;
}

void CopyJob::answer(qint32 entry, ConflictAnswer a)
{
    std::lock_guard<std::mutex> lock(m_askMutex);
    if (m_answers.contains(entry))
        return;
    m_answers.insert(entry, a);
    m_answered.append(entry);
    m_unanswered.fetch_sub(1, std::memory_order_acq_rel);
}

QList<qint32> CopyJob::takeAnswered()
{
    std::lock_guard<std::mutex> lock(m_askMutex);
    QList<qint32> out;
    out.swap(m_answered);
    return out;
}

void CopyJob::finish()
{
    // Entries left unsettled (cancelled, or asked and never answered) still hold their folders.
    // Folders with nothing copied into them yet (empty ones, or with only empty folders inside).
    if (!m_options.dryRun && !m_control.isCancelled()) {
        for (size_t i = 0; i < m_plan.dirs.size(); ++i)
            ensureFolder(qint32(i));
    }
    for (size_t i = 0; i < m_plan.dirs.size(); ++i)
        closeFolderFds(qint32(i));
    if (!m_options.dryRun)
        setFolderAttributes();
    if (m_options.sync && !m_options.dryRun && !m_control.isCancelled())
        flush();
    // A failed flush leaves no copy trustworthy: each one is reported again, failed. (With --move
    // the sources are kept; removeMovedSources says so.)
    const QString flushError = jobError();
    if (!flushError.isEmpty() && !m_options.move) {
        for (size_t i = 0; i < m_plan.entries.size(); ++i) {
            if (status(qint32(i)) == FileStatus::Copied)
                record(qint32(i), FileStatus::Failed, flushError, m_finalTarget[i]);
        }
    }
    if (m_options.move && !m_options.dryRun)
        removeMovedSources();
}

void CopyJob::setFolderAttributes()
{
    if (!m_options.preserve)
        return;
    // Children come after their parents in the plan: backwards, a folder's times are set after
    // everything inside it is written.
    // Folders that were already there get the source's mode and times too, as with cp -a: a
    // folder left by an interrupted run (made owner-only while it was filled) is finished now.
    for (qint32 i = qint32(m_plan.dirs.size()) - 1; i >= 0; --i) {
        const PlanDir *it = &m_plan.dirs[size_t(i)];
        if (it->container || !folderReady(i))
            continue;
        const timespec times[2] = {it->atime, it->mtime};
        ::chmod(it->target.constData(), it->mode & 07777);
        ::utimensat(AT_FDCWD, it->target.constData(), times, 0);
    }
}

void CopyJob::flush()
{
    m_flushing.store(true, std::memory_order_relaxed);
    Fd fd(::open(m_plan.destination.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    int err = fd.get() < 0 ? errno : 0;
#if FERRY_LINUX_CALLS
    if (err == 0 && ::syncfs(fd.get()) != 0)
        err = errno;
#else
    // No syncfs: sync() need not wait for the disk (macOS says so), so each copy and then each
    // folder that holds copies is flushed by itself. Slower than one call, but Done still means
    // on the disk.
    auto syncOne = [&err](const QByteArray &path, int flags) {
        Fd one(::open(path.constData(), O_RDONLY | O_CLOEXEC | flags));
        if (one.get() < 0 || syncDescriptor(one.get()) != 0)
            err = errno;
    };
    for (size_t i = 0; err == 0 && i < m_plan.entries.size(); ++i) {
        if (m_plan.entries[i].kind == EntryKind::File && status(qint32(i)) == FileStatus::Copied)
            syncOne(targetPath(qint32(i)), O_NOFOLLOW);
    }
    for (size_t i = 0; err == 0 && i < m_plan.dirs.size(); ++i) {
        if (folderReady(qint32(i)) && !m_plan.dirs[i].container)
            syncOne(m_plan.dirs[i].target, O_DIRECTORY);
    }
    if (err == 0 && syncDescriptor(fd.get()) != 0)
        err = errno;
#endif
    if (err != 0) {
        std::lock_guard<std::mutex> lock(m_eventMutex);
        m_jobError = CopyJob::tr("flushing '%1' to disk failed: %2").arg(displayPath(m_plan.destination), errnoText(err));
    }
}

bool CopyJob::unchangedSince(qint32 entry, const QByteArray &source) const
{
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    struct stat now {};
    // Following links, a link given for a file is compared by what it points to (and the link
    // itself is what is removed, as before).
    const bool follow = m_options.followSymlinks && e.kind == EntryKind::File;
    if ((follow ? ::stat(source.constData(), &now) : ::lstat(source.constData(), &now)) != 0)
        return false;
    if (e.kind == EntryKind::Symlink) {
        // The copy is a link to what the scan read: removing a link that still says so loses nothing.
        QByteArray target;
        int err = 0;
        return S_ISLNK(now.st_mode) && readLink(source, &target, &err) && target == e.linkTarget;
    }
    const SourceIdentity &copied = m_copiedAs[size_t(entry)];
    return S_ISREG(now.st_mode) && now.st_dev == copied.dev && now.st_ino == copied.ino
        && now.st_size == copied.size && sameTime(modifyTime(now), copied.mtime);
}

void CopyJob::removeMovedSources()
{
    const bool flushFailed = !jobError().isEmpty();
    const bool cancelled = m_control.isCancelled();
    for (size_t i = 0; i < m_plan.entries.size(); ++i) {
        if (status(qint32(i)) != FileStatus::Copied)
            continue;
        const QByteArray source = m_plan.sourcePath(qint32(i));
        if (cancelled) {
            // Not flushed: keep the source rather than trust an unflushed copy.
            record(qint32(i), FileStatus::Copied, CopyJob::tr("cancelled before the source was removed"), m_finalTarget[i]);
            continue;
        }
        if (flushFailed) {
            record(qint32(i), FileStatus::Failed, CopyJob::tr("the copy was not flushed to disk; the source is kept"), m_finalTarget[i]);
            continue;
        }
        // Only what was copied is removed: a source written or replaced since is kept.
        if (!unchangedSince(qint32(i), source)) {
            record(qint32(i), FileStatus::Failed,
                   CopyJob::tr("copied, but the source changed after it was copied; it is kept"), m_finalTarget[i]);
            continue;
        }
        if (::unlink(source.constData()) != 0) {
            record(qint32(i), FileStatus::Failed,
                   CopyJob::tr("copied, but the source could not be removed: %1").arg(errnoText(errno)), m_finalTarget[i]);
            continue;
        }
        record(qint32(i), FileStatus::Moved, QString(), m_finalTarget[i]);
    }
    // Deepest first; rmdir removes only what is empty, so a folder with anything left stays.
    if (cancelled)
        return;
    for (auto it = m_plan.dirs.rbegin(); it != m_plan.dirs.rend(); ++it) {
        if (!it->container && it->usable)
            ::rmdir(it->source.constData());
    }
}

QByteArray CopyJob::targetPath(qint32 entry) const
{
    const QByteArray &renamed = m_finalTarget[size_t(entry)];
    if (renamed.isEmpty())
        return m_plan.targetPath(entry);
    return joinPath(m_plan.dirs[size_t(m_plan.entries[size_t(entry)].dir)].target, renamed);
}

Summary CopyJob::summary() const
{
    Summary s;
    for (size_t i = 0; i < m_plan.entries.size(); ++i) {
        switch (FileStatus(m_status[i].load(std::memory_order_acquire))) {
        case FileStatus::Copied: ++s.copied; break;
        case FileStatus::Moved: ++s.moved; break;
        case FileStatus::Skipped: ++s.skipped; break;
        case FileStatus::Failed:
        case FileStatus::VerifiedFailed: ++s.failed; break;
        default: break;
        }
    }
    s.bytesCopied = bytesCopied();
    s.error = jobError();
    s.cancelled = m_control.isCancelled();
    return s;
}

} // namespace Ferry
