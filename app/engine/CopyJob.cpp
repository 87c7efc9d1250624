#include "CopyJob.h"

#include "SystemError.h"

namespace Ferry {

namespace {
QList<qint32> allEntries(const CopyPlan &plan)
{
    QList<qint32> all;
    all.reserve(qsizetype(plan.entries.size()));
    for (qint32 i = 0; i < qint32(plan.entries.size()); ++i)
        all.append(i);
    return all;
}

qint64 bytesOf(const CopyPlan &plan, const QList<qint32> &entries)
{
    if (qsizetype(plan.entries.size()) == entries.size())
        return plan.bytesTotal;
    qint64 total = 0;
    for (qint32 entry : entries) {
        if (plan.entries[size_t(entry)].kind == EntryKind::File)
            total += plan.entries[size_t(entry)].size;
    }
    return total;
}
} // namespace

CopyJob::CopyJob(CopyOptions options, CopyPlan plan, fs::FileSystem &fs)
    : CopyJob(std::move(options), std::make_shared<const CopyPlan>(std::move(plan)), QList<qint32>(), fs)
{
}

CopyJob::CopyJob(CopyOptions options, std::shared_ptr<const CopyPlan> plan, QList<qint32> entries, fs::FileSystem &fs)
    : m_options(std::move(options))
    , m_planPtr(std::move(plan))
    , m_plan(*m_planPtr)
    , m_entries(entries.isEmpty() ? allEntries(m_plan) : std::move(entries))
    , m_bytesTotal(bytesOf(m_plan, m_entries))
    , m_fs(fs)
    , m_ledger(m_plan)
    , m_folders(m_options, m_plan, m_entries, m_control, fs)
    , m_resolver(m_options, m_plan, m_folders, m_questions, fs)
    , m_copier(m_options, m_plan, m_control, fs, m_folders, m_resolver, m_ledger)
    , m_mover(m_options, m_plan, fs, m_folders, m_copier, m_ledger)
{
}

bool CopyJob::prepare(QString *error)
{
    if (!m_folders.prepare(error))
        return false;
    for (qint32 entry : m_entries) {
        if (m_folders.movedWhole(m_plan.entries[size_t(entry)].dir))
            m_ledger.record(entry, FileStatus::Moved, QString());
    }
    return true;
}

void CopyJob::process(qint32 entry)
{
    if (!m_control.checkpoint())
        return;
    copyEntry(entry);
    if (status(entry) != FileStatus::Pending) // an asked entry comes back once answered
        m_folders.settle(m_plan.entries[size_t(entry)].dir);
}

void CopyJob::copyEntry(qint32 entry)
{
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    if (m_folders.movedWhole(e.dir))
        return; // went with its folder
    if (e.kind == EntryKind::Error) {
        m_ledger.record(entry, FileStatus::Failed, m_plan.error(entry));
        return;
    }
    if (e.kind == EntryKind::Special) {
        m_ledger.record(entry, FileStatus::Skipped, m_plan.error(entry));
        return;
    }
    QString why;
    if (m_folders.ensure(e.dir, &why) != 0) {
        m_ledger.record(entry, FileStatus::Failed, why);
        return;
    }
    using Decision = ConflictResolver::Decision;
    const ConflictResolver::Target t = m_resolver.decide(entry, m_questions.policyFor(entry, m_options.conflict), false);
    switch (t.decision) {
    case Decision::Skip:
        m_ledger.record(entry, FileStatus::Skipped, t.message, t.name);
        return;
    case Decision::Fail:
        m_ledger.record(entry, FileStatus::Failed, t.message, t.name);
        return;
    case Decision::Ask:
        return; // copied later, once answered
    case Decision::Write:
    case Decision::Replace:
        break;
    }
    // --move within one filesystem is a rename; across filesystems, copy, flush, then remove.
    if (m_options.move && m_copier.moveByRename(entry, t))
        return;
    if (e.kind == EntryKind::Symlink)
        m_copier.copyLink(entry, t);
    else
        m_copier.copyFile(entry, t);
}

void CopyJob::describe(qint32 entry)
{
    describeEntry(entry);
    m_folders.settle(m_plan.entries[size_t(entry)].dir);
}

void CopyJob::describeEntry(qint32 entry)
{
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    if (e.kind == EntryKind::Error || e.kind == EntryKind::Special) {
        m_ledger.record(entry, e.kind == EntryKind::Error ? FileStatus::Failed : FileStatus::Skipped, m_plan.error(entry));
        return;
    }
    using Decision = ConflictResolver::Decision;
    const ConflictResolver::Target t = m_resolver.decide(entry, m_options.conflict, true);
    switch (t.decision) {
    case Decision::Write:
        m_ledger.record(entry, FileStatus::Copied, tr("would copy"), t.name);
        break;
    case Decision::Replace:
        m_ledger.record(entry, FileStatus::Copied, tr("would replace the existing file"), t.name);
        break;
    case Decision::Skip:
        m_ledger.record(entry, FileStatus::Skipped, t.message, t.name);
        break;
    case Decision::Fail:
        m_ledger.record(entry, FileStatus::Failed, t.message, t.name);
        break;
    case Decision::Ask:
        m_ledger.record(entry, FileStatus::Pending, tr("exists; would ask"), t.name);
        break;
    }
}

void CopyJob::finish()
{
    const bool cancelled = m_control.isCancelled();
    QList<QByteArray> refused;
    m_folders.finish(!m_options.dryRun && !cancelled, &refused);
    m_ledger.noteRefusedAttributes(refused);
    if (m_options.sync && !m_options.dryRun && !cancelled)
        flush();
    // A failed flush leaves no copy trustworthy: each one is reported again, failed. (With --move
    // the sources are kept; MoveFinisher says so.)
    const QString flushError = jobError();
    if (!flushError.isEmpty() && !m_options.move) {
        for (size_t i = 0; i < m_plan.entries.size(); ++i) {
            if (status(qint32(i)) == FileStatus::Copied)
                m_ledger.record(qint32(i), FileStatus::Failed, flushError, m_ledger.finalName(qint32(i)));
        }
    }
    if (m_options.move && !m_options.dryRun)
        m_mover.run(cancelled, !flushError.isEmpty());
}

void CopyJob::flush()
{
    m_flushing.store(true, std::memory_order_relaxed);
    // Where the system cannot flush a whole filesystem, each copy and then each folder that holds
    // copies is flushed by itself.
    const int err = m_fs.flush(m_plan.destination, [this](const fs::FileSystem::WrittenVisitor &visit) {
        for (size_t i = 0; i < m_plan.entries.size(); ++i) {
            if (m_plan.entries[i].kind == EntryKind::File && status(qint32(i)) == FileStatus::Copied)
                visit(targetPath(qint32(i)), false);
        }
        for (size_t i = 0; i < m_plan.dirs.size(); ++i) {
            if (m_folders.ready(qint32(i)) && !m_plan.dirs[i].container)
                visit(m_plan.dirs[i].target, true);
        }
    });
    if (err != 0)
        m_ledger.setJobError(tr("flushing '%1' to disk failed: %2").arg(displayPath(m_plan.destination), errnoText(err)));
}

Summary CopyJob::summary() const
{
    Summary s = m_ledger.counts();
    s.cancelled = m_control.isCancelled();
    return s;
}

} // namespace Ferry
