#include "MoveFinisher.h"

#include "FileCopier.h"
#include "JobLedger.h"
#include "SystemError.h"
#include "TargetFolders.h"

namespace Ferry {

MoveFinisher::MoveFinisher(const CopyOptions &options, const CopyPlan &plan, fs::FileSystem &fs,
                           const TargetFolders &folders, const FileCopier &copier, JobLedger &ledger)
    : m_options(options)
    , m_plan(plan)
    , m_fs(fs)
    , m_folders(folders)
    , m_copier(copier)
    , m_ledger(ledger)
{
}

bool MoveFinisher::unchangedSince(qint32 entry, const QByteArray &source) const
{
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    // Following links, a link given for a file is compared by what it points to (and the link
    // itself is what is removed, as before).
    const bool follow = m_options.followSymlinks && e.kind == EntryKind::File;
    fs::FileInfo now;
    if (m_fs.stat(fs::NoHandle, source, follow, &now) != 0)
        return false;
    if (e.kind == EntryKind::Symlink) {
        // The copy is a link to what the scan read: removing a link that still says so loses nothing.
        QByteArray target;
        return now.kind == fs::Kind::Symlink && m_fs.readLink(source, &target) == 0 && target == m_plan.linkTarget(entry);
    }
    const FileCopier::SourceIdentity &copied = m_copier.copiedAs(entry);
    return now.kind == fs::Kind::File && now.device == copied.device && now.inode == copied.inode
        && now.size == copied.size && now.mtime.tv_sec == copied.mtime.tv_sec
        && now.mtime.tv_nsec == copied.mtime.tv_nsec;
}

void MoveFinisher::run(bool cancelled, bool flushFailed)
{
    for (size_t i = 0; i < m_plan.entries.size(); ++i) {
        const qint32 entry = qint32(i);
        if (m_ledger.status(entry) != FileStatus::Copied)
            continue;
        const QByteArray name = m_ledger.finalName(entry);
        if (cancelled) {
            // Not flushed: keep the source rather than trust an unflushed copy.
            m_ledger.record(entry, FileStatus::Copied, tr("cancelled before the source was removed"), name);
            continue;
        }
        if (flushFailed) {
            m_ledger.record(entry, FileStatus::Failed, tr("the copy was not flushed to disk; the source is kept"), name);
            continue;
        }
        // Only what was copied is removed: a source written or replaced since is kept.
        const QByteArray source = m_plan.sourcePath(entry);
        if (!unchangedSince(entry, source)) {
            m_ledger.record(entry, FileStatus::Failed, tr("copied, but the source changed after it was copied; it is kept"), name);
            continue;
        }
        if (const int err = m_fs.remove(fs::NoHandle, source)) {
            m_ledger.record(entry, FileStatus::Failed, tr("copied, but the source could not be removed: %1").arg(errnoText(err)), name);
            continue;
        }
        m_ledger.record(entry, FileStatus::Moved, QString(), name);
    }
    // Deepest first; removing a folder takes only an empty one, so a folder with anything left stays.
    if (cancelled)
        return;
    for (qint32 i = qint32(m_plan.dirs.size()) - 1; i >= 0; --i) {
        if (!m_plan.dirs[size_t(i)].container && m_folders.usable(i))
            m_fs.removeFolder(m_plan.dirs[size_t(i)].source);
    }
}

} // namespace Ferry
