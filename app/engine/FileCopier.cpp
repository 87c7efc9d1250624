#include "FileCopier.h"

#include "CopyControl.h"
#include "JobLedger.h"
#include "SystemError.h"
#include "TargetFolders.h"
#include "TempFiles.h"

#include <cerrno>

namespace Ferry {

namespace {
// From this size on, a file's data is pushed to the disk while it is copied when a flush follows,
// so that the flush finds little left. Not with --no-sync: measured on 4 files of 512 MiB, warm,
// into a fresh ext4, that took 0.86 s against 0.49 s, the writing moved inside the copy's time.
constexpr qint64 LargeFile = 64 * 1024 * 1024;

bool sameTime(const timespec &a, const timespec &b)
{
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

QString reason(const QString &what, int err)
{
    return FileCopier::tr("%1 failed: %2").arg(what, errnoText(err));
}
} // namespace

quint32 keepOwner(fs::FileSystem &fs, quint32 mode, quint32 owner, quint32 group,
                  const std::function<int(quint32, quint32)> &setOwner)
{
    if (owner == fs.userId() && group == fs.groupId())
        return mode;
    if (setOwner(owner, group) == 0)
        return mode;
    return mode & ~quint32(06000);
}

FileCopier::FileCopier(const CopyOptions &options, const CopyPlan &plan, CopyControl &control, fs::FileSystem &fs,
                       TargetFolders &folders, ConflictResolver &resolver, JobLedger &ledger)
    : m_options(options)
    , m_plan(plan)
    , m_control(control)
    , m_fs(fs)
    , m_folders(folders)
    , m_resolver(resolver)
    , m_ledger(ledger)
    , m_copiedAs(options.move ? plan.entries.size() : 0)
    , m_umask(fs.creationMask())
{
}

void FileCopier::copyFile(qint32 entry, const ConflictResolver::Target &given)
{
    ConflictResolver::Target target = given;
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    const QByteArray name = m_plan.nameView(entry); // no copy: the plan outlives the job
    const TargetFolders::Handle from = m_folders.handle(e.dir, TargetFolders::SourceSide);
    const TargetFolders::Handle to = m_folders.handle(e.dir, TargetFolders::TargetSide);
    if (!from.valid()) {
        m_ledger.record(entry, FileStatus::Failed, tr("cannot open its folder: %1").arg(errnoText(from.error())), target.name);
        return;
    }
    if (!to.valid()) {
        m_ledger.record(entry, FileStatus::Failed, tr("cannot open the target folder: %1").arg(errnoText(to.error())), target.name);
        return;
    }
    const bool follow = m_options.followSymlinks;
    fs::FileInfo before;
    // A file the scan saw empty has no data to read: one look at it (still an empty regular
    // file?) stands for opening, reading and looking again, half of the calls of a small file.
    if (e.size == 0 && !e.sizeUnknown) {
        if (const int err = m_fs.stat(from.get(), name, follow, &before)) {
            m_ledger.record(entry, FileStatus::Failed, tr("cannot open it: %1").arg(errnoText(err)), target.name);
            return;
        }
    }
    fs::UniqueHandle in;
    if (e.size != 0 || e.sizeUnknown || (before.kind == fs::Kind::File && before.size != 0)) {
        int err = 0;
        const fs::Handle h = m_fs.openRead(from.get(), name, follow, &err);
        if (h == fs::NoHandle) {
            m_ledger.record(entry, FileStatus::Failed, tr("cannot open it: %1").arg(errnoText(err)), target.name);
            return;
        }
        in.reset(m_fs, h);
        if (m_fs.statOpen(h, &before) != 0)
            before.kind = fs::Kind::Other;
    }
    if (before.kind != fs::Kind::File) {
        m_ledger.record(entry, FileStatus::Failed, tr("it is no longer a regular file"), target.name);
        return;
    }
    // The bar counts what the plan said; a file that changed size since the scan is corrected.
    std::atomic<qint64> &bytesDone = m_ledger.bytesCopiedCounter();
    if (before.size != e.size && !e.sizeUnknown)
        bytesDone.fetch_sub(before.size - e.size, std::memory_order_relaxed);

    fs::StagedFile out(m_fs);
    // Preserving, the file is made with its final mode where the creation mask leaves that mode
    // whole (0644 under 022: most files), which saves setting it; otherwise it is set at the end.
    const quint32 wanted = before.mode & 07777;
    const bool modeAsMade = m_options.preserve && (wanted & 07000) == 0 && (wanted & ~m_umask) == wanted
        && (wanted & 0600) == 0600;
    const quint32 createMode = !m_options.preserve ? 0666 : (modeAsMade ? wanted : 0600);
    if (const int err = out.open(to.get(), createMode, m_options.verify)) {
        m_ledger.record(entry, FileStatus::Failed, reason(tr("creating the file"), err), target.name);
        return;
    }
    auto fail = [&](FileStatus status, const QString &why) {
        out.discard();
        m_ledger.record(entry, status, why, target.name);
    };

    JobLedger::ActiveSlot *slot = m_ledger.claimSlot(entry);
    std::atomic<qint64> unshown{0};
    std::atomic<qint64> &fileDone = slot ? slot->bytes : unshown;
    fs::DataCopyRequest rq;
    rq.in = in.get();
    rq.out = out.handle();
    rq.size = before.size;
    rq.sparse = before.allocated < before.size;
    rq.tryClone = m_tryClone.load(std::memory_order_relaxed);
    rq.tryRange = m_rangeRefusedFrom.load(std::memory_order_relaxed) != before.device;
    rq.writeBack = m_options.sync && before.size >= LargeFile;
    rq.toEnd = e.sizeUnknown;
    const fs::DataCopyResult r = m_fs.copyData(rq, m_control, &bytesDone, &fileDone);
    const qint64 copiedHere = fileDone.load(std::memory_order_relaxed);
    JobLedger::freeSlot(slot);
    if (r.cloneUnsupported)
        m_tryClone.store(false, std::memory_order_relaxed);
    if (r.rangeUnsupported)
        m_rangeRefusedFrom.store(before.device, std::memory_order_relaxed);
    if (!r.ok) {
        // Take back what this file added, so the bar stays honest about what is really done.
        bytesDone.fetch_sub(copiedHere, std::memory_order_relaxed);
        if (r.cancelled)
            return fail(FileStatus::Cancelled, tr("cancelled"));
        const QString what = tr(r.what);
        const QString why = r.err ? tr("%1 failed: %2").arg(what, errnoText(r.err)) : what;
        return fail(FileStatus::Failed, why);
    }
    // Read to its end, the file is as long as reading gave; the bar counted what was announced.
    const qint64 length = e.sizeUnknown ? copiedHere : before.size;
    if (e.sizeUnknown)
        bytesDone.fetch_add(e.size - copiedHere, std::memory_order_relaxed);
    if (m_options.preserve) {
        // The owner first (a change of owner clears the set-ID bits), then the mode.
        const quint32 mode = keepOwner(m_fs, wanted, before.owner, before.group,
                                       [&](quint32 o, quint32 g) { return m_fs.setOwner(out.handle(), o, g); });
        const bool setMode = !modeAsMade && (!m_plan.volume.probed || m_plan.volume.keepsModes);
        if (const int err = m_fs.setAttributes(out.handle(), setMode ? &mode : nullptr, before.atime, before.mtime))
            return fail(FileStatus::Failed, reason(tr("setting mode and times"), err));
        QList<QByteArray> refused;
        if (const int err = m_fs.copyExtendedAttributes(in.get(), from.get(), name, follow, out.handle(), QByteArray(), &refused))
            return fail(FileStatus::Failed, reason(tr("reading its extended attributes"), err));
        m_ledger.noteRefusedAttributes(refused);
    }
    if (m_options.verify && in.valid()) {
        if (const int err = m_fs.syncData(out.handle()))
            return fail(FileStatus::Failed, reason(tr("flushing"), err));
        const fs::ChecksumResult theirs = m_fs.checksum(in.get(), length, true, m_control);
        const fs::ChecksumResult ours = out.checksum(length, m_control);
        if (theirs.cancelled || ours.cancelled)
            return fail(FileStatus::Cancelled, tr("cancelled"));
        if (!theirs.ok)
            return fail(FileStatus::Failed, reason(tr("reading the source to verify"), theirs.err));
        // A read error is a read error: it says nothing of whether the copy differs.
        if (!ours.ok)
            return fail(FileStatus::Failed, reason(tr("reading the copy back"), ours.err));
        if (theirs.hash != ours.hash)
            return fail(FileStatus::VerifiedFailed, tr("the copy read back from the disk differs from the source"));
    }
    // A source that changed under us would leave a copy that matches neither version. One look at
    // the path tells both: another inode (replaced), or this one with another size or time. (An
    // empty file was not read: its one look was the copy.)
    if (in.valid()) {
        fs::FileInfo now;
        if (m_fs.stat(from.get(), name, follow, &now) != 0)
            return fail(FileStatus::Failed, tr("it was removed while it was being copied"));
        if (now.inode != before.inode || now.device != before.device)
            return fail(FileStatus::Failed, tr("it was replaced while it was being copied"));
        // (A file whose size is made up says nothing by its size and time.)
        if (!e.sizeUnknown && (now.size != before.size || !sameTime(now.mtime, before.mtime)))
            return fail(FileStatus::Failed, tr("it changed while it was being copied"));
    }
    const int err = m_resolver.commit(entry, &target, [&out](const QByteArray &targetName, bool replace) {
        return out.publish(targetName, replace);
    });
    if (err != 0) {
        out.discard();
        if (err == EEXIST)
            m_ledger.record(entry, FileStatus::Skipped, tr("already exists"), target.name);
        else
            m_ledger.record(entry, FileStatus::Failed, reason(tr("putting the copy in place"), err), target.name);
        return;
    }
    // Where putting the file in place sets its time anew (fusefat), the time is set again after.
    if (m_options.preserve && m_plan.volume.probed && !m_plan.volume.renameKeepsTimes)
        m_fs.setPathAttributes(to.get(), target.name, nullptr, before.atime, before.mtime, false);
    if (m_options.move)
        m_copiedAs[size_t(entry)] = {before.device, before.inode, before.size, before.mtime};
    m_ledger.record(entry, FileStatus::Copied, QString(), target.name, !m_options.move);
}

bool FileCopier::moveByRename(qint32 entry, const ConflictResolver::Target &given)
{
    if (!m_tryRename.load(std::memory_order_relaxed) || m_options.followSymlinks)
        return false;
    ConflictResolver::Target target = given;
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    const QByteArray name = m_plan.nameView(entry); // no copy: the plan outlives the job
    const TargetFolders::Handle from = m_folders.handle(e.dir, TargetFolders::SourceSide);
    const TargetFolders::Handle to = m_folders.handle(e.dir, TargetFolders::TargetSide);
    if (!from.valid() || !to.valid())
        return false; // the copy says why
    const int err = m_resolver.commit(entry, &target, [&](const QByteArray &targetName, bool replace) {
        return m_fs.move(from.get(), name, to.get(), targetName, replace);
    });
    if (err == EXDEV) {
        m_tryRename.store(false, std::memory_order_relaxed);
        return false;
    }
    if (err == EEXIST)
        m_ledger.record(entry, FileStatus::Skipped, tr("already exists"), target.name);
    else if (err != 0)
        m_ledger.record(entry, FileStatus::Failed, reason(tr("moving it into place"), err), target.name);
    else {
        if (m_options.preserve && m_plan.volume.probed && !m_plan.volume.renameKeepsTimes)
            m_fs.setPathAttributes(to.get(), target.name, nullptr, e.atime(), e.mtime(), false);
        m_ledger.record(entry, FileStatus::Moved, QString(), target.name);
    }
    return true;
}

void FileCopier::copyLink(qint32 entry, const ConflictResolver::Target &given)
{
    ConflictResolver::Target target = given;
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    const TargetFolders::Handle to = m_folders.handle(e.dir, TargetFolders::TargetSide);
    if (!to.valid()) {
        m_ledger.record(entry, FileStatus::Failed, tr("cannot open the target folder: %1").arg(errnoText(to.error())), target.name);
        return;
    }
    const fs::Handle folder = to.get();
    const QByteArray temp = makeTempName();
    if (const int err = m_fs.makeLink(folder, temp, m_plan.linkTarget(entry))) {
        m_ledger.record(entry, FileStatus::Failed, reason(tr("creating the link"), err), target.name);
        return;
    }
    if (m_options.preserve) { // not every filesystem keeps link owners and times
        keepOwner(m_fs, 0, e.owner, e.group,
                  [&](quint32 o, quint32 g) { return m_fs.setPathOwner(folder, temp, o, g, false); });
        m_fs.setPathAttributes(folder, temp, nullptr, e.atime(), e.mtime(), false);
    }
    const int err = m_resolver.commit(entry, &target, [this, &temp, folder](const QByteArray &name, bool replace) {
        return m_fs.rename(folder, temp, name, replace);
    });
    if (err != 0) {
        m_fs.remove(folder, temp);
        if (err == EEXIST)
            m_ledger.record(entry, FileStatus::Skipped, tr("already exists"), target.name);
        else
            m_ledger.record(entry, FileStatus::Failed, reason(tr("putting the link in place"), err), target.name);
        return;
    }
    m_ledger.record(entry, FileStatus::Copied, QString(), target.name, !m_options.move);
}

} // namespace Ferry
