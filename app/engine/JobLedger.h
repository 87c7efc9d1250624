#pragma once

#include "CopyPlan.h"
#include "CopyTypes.h"

#include <QHash>
#include <QList>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace Ferry {

// What a job has done so far: each entry's status and final name, the events for the front ends,
// the byte and file counters, and the files in flight. Thread-safe: the workers record, the
// engine's thread takes.
class JobLedger
{
public:
    explicit JobLedger(const CopyPlan &plan);

    // name: where in its target folder the entry went (empty or its own name: where planned).
    // final false: more follows for this entry (copied under --move: moved or failed comes next).
    void record(qint32 entry, FileStatus status, const QString &message, const QByteArray &name = {},
                bool final = true);
    FileStatus status(qint32 entry) const { return FileStatus(m_status[size_t(entry)].load(std::memory_order_acquire)); }
    // The name "rename" gave the entry; empty where it went where planned.
    QByteArray finalName(qint32 entry) const;
    QByteArray targetPath(qint32 entry) const;

    QList<FileEvent> takeEvents();
    void setJobError(const QString &error);
    QString jobError() const;

    // Bytes copied so far, and bytes accounted for (copied, or skipped or failed whole).
    std::atomic<qint64> &bytesCopiedCounter() { return m_bytesDone; }
    qint64 bytesCopied() const { return m_bytesDone.load(std::memory_order_relaxed); }
    qint64 bytesDone() const { return bytesCopied() + m_bytesSettled.load(std::memory_order_relaxed); }
    qint64 filesDone() const { return m_filesDone.load(std::memory_order_relaxed); }

    // Files in flight, for the front ends: a worker claims a slot for the file it copies (null
    // when all are taken: the file is then just not shown as active) and frees it when done.
    struct ActiveSlot {
        std::atomic<qint32> entry{-1};
        std::atomic<qint64> bytes{0};
    };
    ActiveSlot *claimSlot(qint32 entry);
    static void freeSlot(ActiveSlot *slot) { if (slot) slot->entry.store(-1, std::memory_order_release); }
    QList<ActiveFile> activeFiles() const;

    // Extended attributes a target refused: said once for the job (Summary::notes), not per file.
    void noteRefusedAttributes(const QList<QByteArray> &names);

    // The counts by status (the flush error and cancel are the job's to add).
    Summary counts() const;

private:
    const CopyPlan &m_plan;
    std::unique_ptr<std::atomic<quint8>[]> m_status;
    // Only the entries that went elsewhere than planned (few): a slot for every entry would cost
    // a million of them 24 MB. Written before the entry's status.
    mutable std::mutex m_nameMutex;
    QHash<qint32, QByteArray> m_finalName;
    std::unique_ptr<ActiveSlot[]> m_slots;
    std::atomic<qint64> m_bytesDone{0};
    std::atomic<qint64> m_bytesSettled{0};
    std::atomic<qint64> m_filesDone{0};
    // std::mutex rather than QMutex: ThreadSanitizer sees pthread locks, not Qt's futex path.
    mutable std::mutex m_eventMutex;
    QList<FileEvent> m_events;
    QString m_jobError;
    QList<QByteArray> m_refusedAttributes; // under m_eventMutex
};

} // namespace Ferry
