#pragma once

#include <QCoreApplication>

#include "CopyPlan.h"
#include "CopyTypes.h"
#include "fs/FileSystem.h"

namespace Ferry {

class FileCopier;
class JobLedger;
class TargetFolders;

// --move, after the flush: removes each source whose copy is safely on the disk and that is still
// what was copied, then the source folders left empty. A source changed since its copy, or any
// source when the flush failed or the job was cancelled, is kept and said so.
class MoveFinisher
{
    Q_DECLARE_TR_FUNCTIONS(Ferry::CopyJob)
public:
    MoveFinisher(const CopyOptions &options, const CopyPlan &plan, fs::FileSystem &fs, const TargetFolders &folders,
                 const FileCopier &copier, JobLedger &ledger);
    void run(bool cancelled, bool flushFailed);

private:
    // The source still is what was copied (a file: same inode, size and time; a link: same target).
    bool unchangedSince(qint32 entry, const QByteArray &source) const;

    const CopyOptions &m_options;
    const CopyPlan &m_plan;
    fs::FileSystem &m_fs;
    const TargetFolders &m_folders;
    const FileCopier &m_copier;
    JobLedger &m_ledger;
};

} // namespace Ferry
