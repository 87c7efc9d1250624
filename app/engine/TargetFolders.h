#pragma once

#include <QCoreApplication>

#include "CopyPlan.h"
#include "CopyTypes.h"
#include "fs/FileSystem.h"

#include <QHash>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace Ferry {

class CopyControl;

// The folders of one job: making the target folders (up front, or when their first file is
// copied), the open folder handles the per-file calls name their files relative to, and the
// folders' own modes and times at the end. The plan stays read-only: what the job learns about
// each folder lives here. Thread-safe where it says so.
class TargetFolders
{
    Q_DECLARE_TR_FUNCTIONS(Ferry::CopyJob)
public:
    // entries: those of the plan this job copies (each holds its folder open until settled).
    TargetFolders(const CopyOptions &options, const CopyPlan &plan, const QList<qint32> &entries,
                  CopyControl &control, fs::FileSystem &fs);
    ~TargetFolders();

    // Before the copies, on one thread: makes DEST and the folders whose parents exist already
    // (clearing temporaries an interrupted run left in the ones that are there). Returns false if
    // DEST itself can't be made (then *error says why and nothing else was attempted).
    bool prepare(QString *error);

    // A folder's handle for the per-file calls: borrowed from the cache, or owned when the cache
    // is full. It names a file relative to the folder instead of walking its whole path each
    // time, and does not follow a folder swapped for a link meanwhile.
    class Handle
    {
    public:
        Handle(fs::FileSystem &fs, fs::Handle h, int err, bool owned) : m_fs(fs), m_h(h), m_err(err), m_owned(owned) {}
        ~Handle() { if (m_owned) m_fs.close(m_h); }
        Handle(const Handle &) = delete; // returned as a prvalue: never copied or moved
        Handle &operator=(const Handle &) = delete;
        fs::Handle get() const { return m_h; }
        int error() const { return m_err; }
        bool valid() const { return m_h != fs::NoHandle; }
    private:
        fs::FileSystem &m_fs;
        fs::Handle m_h;
        int m_err;
        bool m_owned;
    };
    enum Side { SourceSide = 0, TargetSide = 1 };
    Handle handle(qint32 dir, Side side); // thread-safe

    // The folder can take files: it was there or was made, and nothing failed above it.
    bool usable(qint32 dir) const { return m_state[size_t(dir)].usable; }
    QString error(qint32 dir) const { return m_state[size_t(dir)].error; }
    // This job made it (or will): nothing was there to meet.
    bool created(qint32 dir) const { return m_state[size_t(dir)].created; }
    // --move within one filesystem: the folder went to its target whole, with all it holds,
    // by one rename in prepare(); nothing in it is to be copied.
    bool movedWhole(qint32 dir) const { return m_state[size_t(dir)].moved; }
    // Made by the first caller when deferred; returns 0, or the errno with *why set. Thread-safe.
    int ensure(qint32 dir, QString *why);
    // There to be written to (and its attributes set).
    bool ready(qint32 dir) const;

    // One entry of the folder is settled: the last one closes the folder's handles. Thread-safe.
    void settle(qint32 dir);

    // After the copies, on one thread: the folders nothing was copied into yet are made (unless
    // cancelled), the handles are closed, and the folders get their sources' modes and times.
    // Extended attributes the targets refused go into *refused.
    void finish(bool makeRemaining, QList<QByteArray> *refused);

private:
    struct State {
        // Set by prepare() before the copies, read by the workers after.
        bool created = false;
        bool deferred = false; // made by the first worker that needs it: its parent is new too
        bool usable = true;
        bool moved = false;
        QString error;
        std::atomic<fs::Handle> handle[2] = {fs::NoHandle, fs::NoHandle};
        std::atomic<qint32> left{0};
        std::atomic<int> made{0}; // deferred folders: 0 not yet, 1 made, -errno failed
    };
    fs::Handle open(qint32 dir, Side side, int *err) const;
    void close(qint32 dir);
    // Makes `name` in the folder dirHandle (NoHandle: name is a path); path names it in messages.
    // An existing folder is fine (*existed set, to be merged into); a link or a file at its place
    // is refused, never followed. Returns 0, or an errno with *why set.
    int makeOne(fs::Handle dirHandle, const QByteArray &name, const QByteArray &path, bool *existed, QString *why);
    int make(qint32 dir); // with m_mutex held
    // True when nothing is left to make for this folder (not deferred, made, or failed with *err).
    bool settled(qint32 dir, int *err) const;
    void removeStaleTemps(const QByteArray &folder);
    void moveWholeFolders(const fs::FileInfo &destination);
    // New folders are owner-only while they are filled when their modes are kept (set at the end).
    quint32 newFolderMode() const { return m_options.preserve ? 0700 : 0777; }

    const CopyOptions &m_options;
    const CopyPlan &m_plan;
    CopyControl &m_control;
    fs::FileSystem &m_fs;
    std::unique_ptr<State[]> m_state;
    std::atomic<int> m_cached{0};
    std::mutex m_mutex;
    QHash<qint32, QString> m_errors; // of deferred folders, under m_mutex
};

} // namespace Ferry
