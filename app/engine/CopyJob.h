#pragma once

#include <QCoreApplication>

#include "ConflictQuestions.h"
#include "ConflictResolver.h"
#include "CopyControl.h"
#include "CopyPlan.h"
#include "CopyTypes.h"
#include "FileCopier.h"
#include "JobLedger.h"
#include "MoveFinisher.h"
#include "TargetFolders.h"
#include "fs/FileSystem.h"

#include <QList>

#include <atomic>
#include <memory>

namespace Ferry {

// The work of one copy job, apart from any event loop: what the pool threads run for each plan
// entry, and the steps before and after (folders, flush, moves). It holds the parts that do each
// (TargetFolders, ConflictResolver, FileCopier, MoveFinisher) and what they record into
// (JobLedger, ConflictQuestions); all of them touch the file system only through fs::FileSystem.
// The CopyEngine drives it; tests may drive it directly. Thread-safe where it says so.
class CopyJob
{
    Q_DECLARE_TR_FUNCTIONS(Ferry::CopyJob)
public:
    CopyJob(CopyOptions options, CopyPlan plan, fs::FileSystem &fs = fs::native());
    // A job over some entries of a plan another job scanned (a retry of its failed files).
    CopyJob(CopyOptions options, std::shared_ptr<const CopyPlan> plan, QList<qint32> entries,
            fs::FileSystem &fs = fs::native());

    const CopyOptions &options() const { return m_options; }
    const CopyPlan &plan() const { return m_plan; }
    std::shared_ptr<const CopyPlan> sharedPlan() const { return m_planPtr; }
    // The entries this job copies, in order, and their files and bytes.
    const QList<qint32> &entries() const { return m_entries; }
    qint64 filesTotal() const { return qint64(m_entries.size()); }
    qint64 bytesTotal() const { return m_bytesTotal; }
    CopyControl &control() { return m_control; }

    // Before the copies, on one thread (see TargetFolders::prepare; what it moved whole is
    // recorded as moved).
    bool prepare(QString *error);

    // A pool thread's work for one entry. Thread-safe.
    void process(qint32 entry);

    // Dry run: the decision for each entry, as events; writes nothing.
    void describe(qint32 entry);

    // After the copies, on one thread: folder modes and times, the flush, then (for --move) the
    // removal of sources.
    void finish();

    // Events recorded since the last call (thread-safe), and the running totals.
    QList<FileEvent> takeEvents() { return m_ledger.takeEvents(); }
    qint64 bytesCopied() const { return m_ledger.bytesCopied(); }
    qint64 bytesDone() const { return m_ledger.bytesDone(); }
    qint64 filesDone() const { return m_ledger.filesDone(); }
    QList<ActiveFile> activeFiles() const { return m_ledger.activeFiles(); }
    bool flushing() const { return m_flushing.load(std::memory_order_relaxed); }
    QString jobError() const { return m_ledger.jobError(); }

    // Conflicts under ConflictPolicy::Ask: the entries waiting for an answer, and the answers.
    QList<ConflictQuestion> takeQuestions() { return m_questions.takeQuestions(); }
    void answer(qint32 entry, ConflictAnswer answer) { m_questions.answer(entry, answer); }
    QList<qint32> takeAnswered() { return m_questions.takeAnswered(); }
    qint64 unanswered() const { return m_questions.unanswered(); }

    Summary summary() const;
    FileStatus status(qint32 entry) const { return m_ledger.status(entry); }
    // Where the entry went (see CopyEngine::targetPath).
    QByteArray targetPath(qint32 entry) const { return m_ledger.targetPath(entry); }
    // This job made the plan folder (it was not there before).
    bool createdFolder(qint32 dir) const { return m_folders.created(dir); }

private:
    void copyEntry(qint32 entry);
    void describeEntry(qint32 entry);
    void flush();

    const CopyOptions m_options;
    const std::shared_ptr<const CopyPlan> m_planPtr;
    const CopyPlan &m_plan;
    const QList<qint32> m_entries;
    const qint64 m_bytesTotal;
    fs::FileSystem &m_fs;
    CopyControl m_control;
    JobLedger m_ledger;
    ConflictQuestions m_questions;
    TargetFolders m_folders;
    ConflictResolver m_resolver;
    FileCopier m_copier;
    MoveFinisher m_mover;
    std::atomic<bool> m_flushing{false};
};

} // namespace Ferry
