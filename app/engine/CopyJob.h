#pragma once

#include <QCoreApplication>

#include "CopyControl.h"
#include "CopyPlan.h"
#include "CopyTypes.h"

#include <QHash>
#include <QList>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace Ferry {

// The work of one copy job, apart from any event loop: what the pool threads run for each plan
// entry, and the steps before and after (folders, flush, moves). The CopyEngine drives it; tests
// may drive it directly. Thread-safe where it says so.
class CopyJob
{
    Q_DECLARE_TR_FUNCTIONS(Ferry::CopyJob)
public:
    CopyJob(CopyOptions options, CopyPlan plan);
    ~CopyJob();

    const CopyOptions &options() const { return m_options; }
    const CopyPlan &plan() const { return m_plan; }
    CopyControl &control() { return m_control; }

    // Before the copies, on one thread: makes the destination folders (clearing temporaries an
    // interrupted run left in the ones that already exist). Returns false if DEST itself can't be
    // made (then *error says why and nothing else was attempted).
    bool prepare(QString *error);

    // A pool thread's work for one entry. Thread-safe.
    void process(qint32 entry);

    // Dry run: the decision for each entry, as events; writes nothing.
    void describe(qint32 entry);

    // After the copies, on one thread: folder modes and times, the flush, then (for --move) the
    // removal of sources. Returns the flush error, if any.
    void finish();

    // Events recorded since the last call (thread-safe), and the running totals.
    QList<FileEvent> takeEvents();
    // Bytes copied so far, and bytes accounted for (copied, or skipped or failed whole).
    qint64 bytesCopied() const { return m_bytesDone.load(std::memory_order_relaxed); }
    qint64 bytesDone() const { return bytesCopied() + m_bytesSettled.load(std::memory_order_relaxed); }
    qint64 filesDone() const { return m_filesDone.load(std::memory_order_relaxed); }
    QList<ActiveFile> activeFiles() const;
    bool flushing() const { return m_flushing.load(std::memory_order_relaxed); }
    QString jobError() const;

    // Conflicts under ConflictPolicy::Ask: the entries waiting for an answer, and the answers.
    QList<ConflictQuestion> takeQuestions();
    void answer(qint32 entry, ConflictAnswer answer);
    QList<qint32> takeAnswered();
    qint64 unanswered() const { return m_unanswered.load(std::memory_order_acquire); }

    Summary summary() const;
    FileStatus status(qint32 entry) const { return FileStatus(m_status[size_t(entry)].load(std::memory_order_acquire)); }
    // Where the entry went (see CopyEngine::targetPath).
    QByteArray targetPath(qint32 entry) const;

private:
    enum class Decision { Write, Replace, Skip, Fail, Ask };
    struct Target {
        Decision decision = Decision::Write;
        QByteArray name; // in the entry's target folder: its own name, or a "rename" one
        QString message;
        bool unchecked = false; // not looked at: the folder is new (see decide())
    };

    // A folder's descriptor for the per-file calls, which then name a file relative to it instead
    // of walking its whole path each time (and do not follow a folder swapped for a link
    // meanwhile). Borrowed from the job's cache, or owned when the cache is full.
    class FolderFd
    {
    public:
        FolderFd(int fd, bool owned) : m_fd(fd), m_owned(owned) {}
        ~FolderFd();
        FolderFd(const FolderFd &) = delete; // returned as a prvalue: never copied or moved
        FolderFd &operator=(const FolderFd &) = delete;
        int get() const { return m_fd; }
        int error() const { return m_fd >= 0 ? 0 : -m_fd; }
    private:
        int m_fd;     // below zero: minus the errno of the failed open
        bool m_owned; // opened for this use alone (the cache was full): closed with it
    };
    // The cached descriptors of a plan folder (source and target, -1 until opened) and how many of
    // its entries are still to be settled; the last one settled closes them.
    struct FolderFds {
        std::atomic<int> fd[2] = {-1, -1};
        std::atomic<qint32> left{0};
        std::atomic<int> made{0}; // deferred folders: 0 not yet, 1 made, -errno failed
    };
    enum Side { SourceSide = 0, TargetSide = 1 };
    FolderFd folderFd(qint32 dir, Side side);
    int openFolder(qint32 dir, Side side) const; // a new descriptor, or minus the errno
    void settle(qint32 entry);
    // A deferred folder is made (with the deferred ones above it) by the first caller; returns 0,
    // or the errno of the failure, whose message is in m_folderErrors. Thread-safe.
    int ensureFolder(qint32 dir);
    int makeFolder(qint32 dir); // the same, with m_folderMutex held
    // True when nothing is left to make for this folder (not deferred, made, or failed with *err).
    bool folderSettled(qint32 dir, int *err) const;
    // New folders are owner-only while they are filled when their modes are kept (set at the end).
    mode_t newFolderMode() const { return m_options.preserve ? 0700 : 0777; }
    // The folder is there to be written to (and its attributes set).
    bool folderReady(qint32 dir) const;
    void closeFolderFds(qint32 dir);

    // Files in flight, for the front ends: a worker claims a slot for the file it copies.
    struct ActiveSlot {
        std::atomic<qint32> entry{-1};
        std::atomic<qint64> bytes{0};
    };
    ActiveSlot *claimSlot(qint32 entry);

    void copyEntry(qint32 entry);
    void describeEntry(qint32 entry);
    Target decide(qint32 entry, ConflictPolicy policy, bool dryRun, bool recheck = false);
    ConflictPolicy policyFor(qint32 entry);
    void copyFile(qint32 entry, const Target &target);
    void copyLink(qint32 entry, const Target &target);
    // Puts a finished copy in place per the decision through publish(path, replace, err); under
    // "rename" it takes the next free numbered name if the chosen one appeared meanwhile.
    template <typename Publish>
    bool commit(qint32 entry, Target *target, int *err, Publish publish);
    // name: where in its target folder the entry went (empty or its own name: where planned).
    void record(qint32 entry, FileStatus status, const QString &message, const QByteArray &name = {},
                bool final = true);
    void setFolderAttributes();
    void flush();
    void removeMovedSources();
    // --move: the source still is what was copied (a file: same inode, size and time; a link: same target).
    bool unchangedSince(qint32 entry, const QByteArray &source) const;

    CopyOptions m_options;
    CopyPlan m_plan;
    CopyControl m_control;
    std::unique_ptr<std::atomic<quint8>[]> m_status;
    std::vector<QByteArray> m_finalTarget; // the name "rename" gave a file, written before its status
    // --move only: each copied file's source as it was copied, so that a source changed after its
    // copy is kept rather than removed. Written by the entry's worker, read after the pool is done.
    struct SourceIdentity {
        dev_t dev = 0;
        ino_t ino = 0;
        off_t size = -1;
        timespec mtime{};
    };
    std::vector<SourceIdentity> m_copiedAs;
    std::unique_ptr<ActiveSlot[]> m_slots;
    std::unique_ptr<FolderFds[]> m_folders;
    std::atomic<int> m_cachedFds{0};
    std::mutex m_folderMutex;
    QHash<qint32, QString> m_folderErrors; // under m_folderMutex

    std::atomic<qint64> m_bytesDone{0};
    std::atomic<qint64> m_bytesSettled{0};
    std::atomic<qint64> m_filesDone{0};
    std::atomic<bool> m_tryClone{true};
    mode_t m_umask = 022;
    std::atomic<bool> m_flushing{false};

    // std::mutex rather than QMutex: ThreadSanitizer sees pthread locks, not Qt's futex path.
    mutable std::mutex m_eventMutex;
    QList<FileEvent> m_events;
    QString m_jobError;

    mutable std::mutex m_askMutex;
    QList<ConflictQuestion> m_questions;
    QHash<qint32, ConflictAnswer> m_answers;
    QList<qint32> m_answered;
    std::atomic<qint64> m_unanswered{0};
};

} // namespace Ferry
