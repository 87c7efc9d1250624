#pragma once

#include <QCoreApplication>

#include "ConflictResolver.h"
#include "CopyPlan.h"
#include "CopyTypes.h"
#include "fs/FileSystem.h"

#include <atomic>
#include <functional>
#include <vector>

namespace Ferry {

class CopyControl;
class JobLedger;
class TargetFolders;

// The copy of one file or link, once its target is decided: staged where no one sees it, data,
// mode and times, --verify's read-back, the check that the source did not change meanwhile, then
// put in place. Thread-safe: each worker copies its own entries.
class FileCopier
{
    Q_DECLARE_TR_FUNCTIONS(Ferry::CopyJob)
public:
    // --move: a copied source as it was copied, so that a source changed since is kept.
    struct SourceIdentity {
        quint64 device = 0;
        quint64 inode = 0;
        qint64 size = -1;
        timespec mtime{};
    };

    FileCopier(const CopyOptions &options, const CopyPlan &plan, CopyControl &control, fs::FileSystem &fs,
               TargetFolders &folders, ConflictResolver &resolver, JobLedger &ledger);

    void copyFile(qint32 entry, const ConflictResolver::Target &target);
    void copyLink(qint32 entry, const ConflictResolver::Target &target);
    // --move: renames the entry into place when its source is on the target's filesystem.
    // Returns false, having done nothing, where it is not (then it is copied).
    bool moveByRename(qint32 entry, const ConflictResolver::Target &target);

    // Written by the entry's worker, read once the pool is done (--move only).
    const SourceIdentity &copiedAs(qint32 entry) const { return m_copiedAs[size_t(entry)]; }

private:
    const CopyOptions &m_options;
    const CopyPlan &m_plan;
    CopyControl &m_control;
    fs::FileSystem &m_fs;
    TargetFolders &m_folders;
    ConflictResolver &m_resolver;
    JobLedger &m_ledger;
    std::vector<SourceIdentity> m_copiedAs;
    std::atomic<bool> m_tryClone{true};
    // The source device whose files an in-kernel copy to this destination was refused for
    // (another filesystem: EXDEV), so that its other files skip asking; one wasted call a file
    // otherwise, a twelfth of a small file's calls.
    std::atomic<quint64> m_rangeRefusedFrom{~quint64(0)};
    std::atomic<bool> m_tryRename{true}; // until a rename says the source is on another filesystem
    const quint32 m_umask;
};

// Gives a copy its source's owner and group where the process may (root, or CAP_CHOWN: as cp -a
// and rsync -a do) through setOwner, which returns 0 or an errno. Where it may not, or the
// destination keeps no owners, the copy belongs to whoever runs Ferry, and the set-user-ID and
// set-group-ID bits are taken from `mode` (as cp does): a copy never gains a privilege its source
// did not give. Returns the mode to set.
quint32 keepOwner(fs::FileSystem &fs, quint32 mode, quint32 owner, quint32 group,
                  const std::function<int(quint32 owner, quint32 group)> &setOwner);

} // namespace Ferry
