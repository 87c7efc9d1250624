#include "JobLedger.h"

#include <QCoreApplication>

namespace Ferry {

namespace {
// More than any pool runs threads; a file that finds no free slot just isn't shown as active.
constexpr int ActiveSlots = 64;
} // namespace

JobLedger::JobLedger(const CopyPlan &plan)
    : m_plan(plan)
    , m_status(new std::atomic<quint8>[plan.entries.size() + 1])
    , m_slots(new ActiveSlot[ActiveSlots])
{
    for (size_t i = 0; i < plan.entries.size(); ++i)
        m_status[i].store(quint8(FileStatus::Pending), std::memory_order_relaxed);
}

void JobLedger::record(qint32 entry, FileStatus status, const QString &message, const QByteArray &name, bool final)
{
    // Only a target other than the planned one (a "rename") is kept: a path a file costs memory.
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    const auto fixedName = m_plan.targetNames.constFind(entry);
    const bool planned = name.isEmpty()
        || name == (fixedName == m_plan.targetNames.constEnd() ? m_plan.nameView(entry) : fixedName.value());
    const QByteArray destination = planned ? QByteArray() : joinPath(m_plan.dirs[size_t(e.dir)].target, name);
    if (!planned) {
        std::lock_guard<std::mutex> lock(m_nameMutex);
        m_finalName.insert(entry, name);
    }
    const FileStatus previous = FileStatus(m_status[size_t(entry)].exchange(quint8(status), std::memory_order_acq_rel));
    if (final && status != FileStatus::Cancelled)
        m_filesDone.fetch_add(1, std::memory_order_relaxed);
    // Files that are settled without being copied still move the bar, so it can reach the end.
    if ((status == FileStatus::Skipped || status == FileStatus::Failed || status == FileStatus::VerifiedFailed
         || status == FileStatus::Moved)
        && e.kind == EntryKind::File && previous == FileStatus::Pending)
        m_bytesSettled.fetch_add(e.size, std::memory_order_relaxed);
    FileEvent ev;
    ev.entry = entry;
    ev.status = status;
    ev.destination = destination;
    ev.message = message;
    ev.final = final;
    std::lock_guard<std::mutex> lock(m_eventMutex);
    m_events.append(std::move(ev));
}

QByteArray JobLedger::finalName(qint32 entry) const
{
    std::lock_guard<std::mutex> lock(m_nameMutex);
    return m_finalName.value(entry);
}

QByteArray JobLedger::targetPath(qint32 entry) const
{
    const QByteArray renamed = finalName(entry);
    if (renamed.isEmpty())
        return m_plan.targetPath(entry);
    return joinPath(m_plan.dirs[size_t(m_plan.entries[size_t(entry)].dir)].target, renamed);
}

QList<FileEvent> JobLedger::takeEvents()
{
    std::lock_guard<std::mutex> lock(m_eventMutex);
    QList<FileEvent> out;
    out.swap(m_events);
    return out;
}

void JobLedger::setJobError(const QString &error)
{
    std::lock_guard<std::mutex> lock(m_eventMutex);
    m_jobError = error;
}

QString JobLedger::jobError() const
{
    std::lock_guard<std::mutex> lock(m_eventMutex);
    return m_jobError;
}

JobLedger::ActiveSlot *JobLedger::claimSlot(qint32 entry)
{
    // Start where this thread found a slot last time: threads rarely meet.
    thread_local int hint = 0;
    for (int n = 0; n < ActiveSlots; ++n) {
        const int i = (hint + n) % ActiveSlots;
        qint32 free = -1;
        if (m_slots[i].entry.load(std::memory_order_relaxed) == -1
            && m_slots[i].entry.compare_exchange_strong(free, entry, std::memory_order_acq_rel)) {
            m_slots[i].bytes.store(0, std::memory_order_relaxed);
            hint = i;
            return &m_slots[i];
        }
    }
    return nullptr;
}

QList<ActiveFile> JobLedger::activeFiles() const
{
    QList<ActiveFile> out;
    for (int i = 0; i < ActiveSlots; ++i) {
        const qint32 entry = m_slots[i].entry.load(std::memory_order_acquire);
        if (entry >= 0)
            out.append(ActiveFile{entry, m_slots[i].bytes.load(std::memory_order_relaxed)});
    }
    return out;
}

void JobLedger::noteRefusedAttributes(const QList<QByteArray> &names)
{
    if (names.isEmpty())
        return;
    std::lock_guard<std::mutex> lock(m_eventMutex);
    for (const QByteArray &name : names) {
        if (!m_refusedAttributes.contains(name))
            m_refusedAttributes.append(name);
    }
}

Summary JobLedger::counts() const
{
    Summary s;
    for (size_t i = 0; i < m_plan.entries.size(); ++i) {
        switch (status(qint32(i))) {
        case FileStatus::Copied: ++s.copied; break;
        case FileStatus::Moved: ++s.moved; break;
        case FileStatus::Skipped: ++s.skipped; break;
        case FileStatus::Failed:
        case FileStatus::VerifiedFailed: ++s.failed; break;
        default: break;
        }
    }
    s.bytesCopied = bytesCopied();
    s.error = jobError();
    std::lock_guard<std::mutex> lock(m_eventMutex);
    if (!m_refusedAttributes.isEmpty()) {
        QStringList names;
        for (const QByteArray &name : m_refusedAttributes)
            names.append(QString::fromUtf8(name));
        s.notes.append(QCoreApplication::translate("Ferry::CopyJob",
            "the destination did not keep these extended attributes, which were left out: %1").arg(names.join(QStringLiteral(", "))));
    }
    return s;
}

} // namespace Ferry
