#pragma once

#include <QCoreApplication>

#include "CopyTypes.h"
#include "fs/FileSystem.h"

#include <QHash>

#include <sys/types.h>
#include <time.h>

#include <atomic>
#include <functional>
#include <vector>

namespace Ferry {

// A folder of the plan: a source folder and the folder it is copied to. Files given directly as
// sources hang under a "container": their own parent folder, mapped onto the destination itself,
// which the job never creates, changes or removes.
struct PlanDir {
    QByteArray source;
    QByteArray target;
    qint32 parent = -1;
    mode_t mode = 0;
    quint32 owner = 0;
    quint32 group = 0;
    timespec atime{};
    timespec mtime{};
    bool container = false;
    QString error; // found by the plan: this folder cannot be made, and why (its files fail with it)
};

enum class EntryKind : quint8 { File, Symlink, Special, Error };

// A file, link or other non-folder entry. Its paths are its folder's paths plus its name, so a
// million entries cost a name each, not two full paths.
struct PlanEntry {
    qint32 dir = -1;
    mode_t mode = 0;
    quint32 owner = 0;
    quint32 group = 0;
    qint64 size = 0;
    timespec atime{};
    timespec mtime{};
    EntryKind kind = EntryKind::File;
    bool sizeUnknown = false; // its filesystem's sizes are not to be trusted (procfs, sysfs): read to its end
    QByteArray name;
    QByteArray linkTarget; // symlinks only
    QString error;         // EntryKind::Error and Special: why it is not copied
};

class CopyPlan
{
public:
    std::vector<PlanDir> dirs;
    std::vector<PlanEntry> entries;
    qint64 bytesTotal = 0;
    QByteArray destination; // as given, without trailing slashes
    fs::VolumeInfo volume;  // the destination's filesystem, as learnt before the copy

    // The names at the destination that differ from the sources' (TargetNames): few, so kept
    // aside rather than in every entry.
    QHash<qint32, QByteArray> targetNames;

    // The entry's name at the destination.
    const QByteArray &targetName(qint32 entry) const
    {
        const auto it = targetNames.constFind(entry);
        return it == targetNames.constEnd() ? entries[size_t(entry)].name : it.value();
    }
    QByteArray sourcePath(qint32 entry) const;
    QByteArray targetPath(qint32 entry) const;
    qint64 fileCount() const { return qint64(entries.size()); }
};

struct ScanDir;

// Walks the sources into a plan. A folder that cannot be read becomes an error entry of the plan
// (reported as failed when the job runs); only a missing source or a bad combination of source
// and destination is fatal, and that is the checker's business (Preflight).
class PlanBuilder
{
    Q_DECLARE_TR_FUNCTIONS(Ferry::PlanBuilder)
public:
    explicit PlanBuilder(const CopyOptions &options, fs::FileSystem &fs = fs::native());

    // Returns false (with *error set) if a source cannot be read at all.
    bool build(CopyPlan *plan, QString *error, const std::atomic<bool> *cancelled = nullptr);

    bool excluded(const QByteArray &name) const;

private:
    void walk(CopyPlan *plan, PlanDir root, const fs::FileInfo &rootStat, const std::atomic<bool> *cancelled);
    void list(ScanDir *scan) const; // thread-safe
    static void layOut(CopyPlan *plan, ScanDir *scan, qint32 parent);
    qint32 containerFor(CopyPlan *plan, const QByteArray &sourceParent);

    const CopyOptions &m_options;
    fs::FileSystem &m_fs;
    QHash<QByteArray, qint32> m_containers;
};

// Under ConflictPolicy::Update: the existing target already holds this file (a regular file of the
// same size, not older than the source), so it is left alone. One rule for the copy and the
// up-front space check.
// Times are compared at the destination's granularity (FAT keeps even seconds).
bool upToDate(const PlanEntry &entry, const fs::FileInfo &target, qint64 granularityNs);

// Path helpers for native byte paths.
QByteArray stripTrailingSlashes(const QByteArray &path);
QByteArray baseName(const QByteArray &path);
QByteArray parentPath(const QByteArray &path);
QByteArray joinPath(const QByteArray &dir, const QByteArray &name);

} // namespace Ferry
