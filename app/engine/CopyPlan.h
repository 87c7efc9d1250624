#pragma once

#include <QCoreApplication>

#include "ChunkedArray.h"
#include "CopyTypes.h"
#include "PathNames.h"
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
    // The names of the folder's entries, one after another, each ended by a NUL: a name costs its
    // bytes and one more, not a string of its own. Fixed once the plan is built.
    QByteArray names;
};

enum class EntryKind : quint8 { File, Symlink, Special, Error };

// A file, link or other non-folder entry: 56 bytes, and its name in its folder's arena. Its paths
// are its folder's paths plus its name, so a million entries cost a name each, not two full
// paths. What few entries have (a link's target, why it is not copied) the plan keeps aside.
struct PlanEntry {
    qint64 size = 0;
    qint64 atimeSec = 0; // the times as a timespec would hold them, without its padding
    qint64 mtimeSec = 0;
    qint32 dir = -1;
    quint32 nameOffset = 0; // in the folder's names
    mode_t mode = 0;
    quint32 owner = 0;
    quint32 group = 0;
    qint32 atimeNsec = 0;
    qint32 mtimeNsec = 0;
    quint16 nameLength = 0;
    EntryKind kind = EntryKind::File;
    bool sizeUnknown = false; // its filesystem's sizes are not to be trusted (procfs, sysfs): read to its end

    timespec atime() const { return timeOf(atimeSec, atimeNsec); }
    timespec mtime() const { return timeOf(mtimeSec, mtimeNsec); }
    void setTimes(const timespec &access, const timespec &modification)
    {
        atimeSec = qint64(access.tv_sec);
        atimeNsec = qint32(access.tv_nsec);
        mtimeSec = qint64(modification.tv_sec);
        mtimeNsec = qint32(modification.tv_nsec);
    }

private:
    static timespec timeOf(qint64 sec, qint32 nsec)
    {
        timespec t{};
        t.tv_sec = decltype(t.tv_sec)(sec);
        t.tv_nsec = decltype(t.tv_nsec)(nsec);
        return t;
    }
};

class CopyPlan
{
public:
    std::vector<PlanDir> dirs;
    ChunkedArray<PlanEntry> entries; // never moved as it grows: no second copy while it is built
    qint64 bytesTotal = 0;
    QByteArray destination; // as given, without trailing slashes
    fs::VolumeInfo volume;  // the destination's filesystem, as learnt before the copy

    // The names at the destination that differ from the sources' (TargetNames): few, so kept
    // aside rather than in every entry.
    QHash<qint32, QByteArray> targetNames;
    // Symbolic links' targets, and why an entry is not copied (EntryKind::Error and Special, or a
    // name the destination cannot store): few, so kept aside too.
    QHash<qint32, QByteArray> linkTargets;
    QHash<qint32, QString> errors;

    // Appends an entry named `name` to its folder (entry.dir, which must exist) and returns its
    // index; the name goes into the folder's arena. Names longer than any filesystem allows are
    // refused (returns -1).
    qint32 addEntry(PlanEntry entry, const QByteArray &name);

    // The entry's name at its source.
    QByteArray name(qint32 entry) const
    {
        const PlanEntry &e = entries[size_t(entry)];
        return QByteArray(dirs[size_t(e.dir)].names.constData() + e.nameOffset, e.nameLength);
    }
    // The same name without a copy: a view of the folder's arena, ended by a NUL. For a call that
    // uses it and lets it go; it must not outlive the plan.
    QByteArray nameView(qint32 entry) const
    {
        const PlanEntry &e = entries[size_t(entry)];
        return QByteArray::fromRawData(dirs[size_t(e.dir)].names.constData() + e.nameOffset, e.nameLength);
    }
    // The entry's name at the destination.
    QByteArray targetName(qint32 entry) const
    {
        const auto it = targetNames.constFind(entry);
        return it == targetNames.constEnd() ? name(entry) : it.value();
    }
    QByteArray linkTarget(qint32 entry) const { return linkTargets.value(entry); }
    QString error(qint32 entry) const { return errors.value(entry); }
    QByteArray sourcePath(qint32 entry) const;
    QByteArray targetPath(qint32 entry) const;
    qint64 fileCount() const { return qint64(entries.size()); }
};

// Puts a name at the end of a folder's arena (see PlanDir::names) and points the entry at it;
// false where the name is too long to be any file's (over 65,535 bytes) or the arena is full
// (4 GiB).
bool appendName(QByteArray *names, const QByteArray &name, PlanEntry *entry);

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

    // Folders listed at once (0: a default for the machine). A cold disk lists faster with many
    // requests in flight, as it reads faster: the copy's thread count serves for both.
    void setThreads(int threads) { m_threads = threads; }

private:
    void walk(CopyPlan *plan, PlanDir root, const fs::FileInfo &rootStat, const std::atomic<bool> *cancelled);
    void list(ScanDir *scan) const; // thread-safe
    static void layOut(CopyPlan *plan, ScanDir *scan, qint32 parent, size_t *unreturned);
    qint32 containerFor(CopyPlan *plan, const QByteArray &sourceParent);

    const CopyOptions &m_options;
    fs::FileSystem &m_fs;
    QHash<QByteArray, qint32> m_containers;
    int m_threads = 0;
};

// Under ConflictPolicy::Update: the existing target already holds this file (a regular file of the
// same size, not older than the source), so it is left alone. One rule for the copy and the
// up-front space check.
// Times are compared at the destination's granularity (FAT keeps even seconds).
bool upToDate(const PlanEntry &entry, const fs::FileInfo &target, qint64 granularityNs);

} // namespace Ferry
