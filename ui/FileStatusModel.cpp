#include "FileStatusModel.h"

#include "CopyPlan.h"
#include "NaturalOrder.h"
#include "StateIcons.h"

#include <QFile>

#include <algorithm>

namespace Ferry {

namespace {
// Rows that changed in a batch are announced per contiguous range; past this many ranges one
// reset is cheaper than the signals.
constexpr int MaxRemovedRanges = 32;

FileStatusModel::State fromStatus(FileStatus status)
{
    using State = FileStatusModel::State;
    switch (status) {
    case FileStatus::Pending:
    case FileStatus::Copying: return State::Pending;
    case FileStatus::Copied: return State::Copied;
    case FileStatus::Skipped: return State::Skipped;
    case FileStatus::Failed: return State::Failed;
    case FileStatus::VerifiedFailed: return State::VerifyFailed;
    case FileStatus::Moved: return State::Moved;
    case FileStatus::Cancelled: return State::Cancelled;
    }
    return State::Pending;
}

bool isFailed(FileStatusModel::State state)
{
    return state == FileStatusModel::State::Failed || state == FileStatusModel::State::VerifyFailed;
}

} // namespace

FileStatusModel::FileStatusModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FileStatusModel::setPlan(const CopyPlan *plan)
{
    beginResetModel();
    m_plan = plan;
    m_order = plan ? naturalOrder(*plan) : std::vector<qint32>();
    m_rank.assign(m_order.size(), 0);
    for (size_t k = 0; k < m_order.size(); ++k)
        m_rank[size_t(m_order[k])] = qint32(k);
    m_states.assign(plan ? plan->entries.size() : 0, State::Pending);
    m_messages.clear();
    m_renamed.clear();
    m_active.clear();
    m_waiting = -1;
    m_counts.fill(0);
    m_counts[size_t(State::Pending)] = qint64(m_states.size());
    rebuildRows();
    endResetModel();
    Q_EMIT countsChanged();
}

void FileStatusModel::clear()
{
    setPlan(nullptr);
}

FileStatusModel::State FileStatusModel::state(qint32 entry) const
{
    const State base = m_states[size_t(entry)];
    if (base == State::Pending) {
        if (entry == m_waiting)
            return State::Waiting;
        if (m_active.contains(entry))
            return State::Copying;
    }
    return base;
}

QByteArray FileStatusModel::destination(qint32 entry) const
{
    const auto it = m_renamed.constFind(entry);
    if (it != m_renamed.constEnd())
        return it.value();
    return m_plan ? m_plan->targetPath(entry) : QByteArray();
}

QList<qint32> FileStatusModel::entriesIn(State state) const
{
    QList<qint32> out;
    for (size_t i = 0; i < m_states.size(); ++i) {
        if (m_states[i] == state)
            out.append(qint32(i));
    }
    return out;
}

bool FileStatusModel::matches(Filter filter, State state)
{
    switch (filter) {
    case Filter::All: return true;
    case Filter::InProgress: return state == State::Pending || state == State::Copying || state == State::Waiting;
    case Filter::Failed: return isFailed(state);
    case Filter::Skipped: return state == State::Skipped;
    case Filter::Done: return state == State::Copied || state == State::Moved;
    }
    return false;
}

void FileStatusModel::setState(qint32 entry, State state)
{
    State &slot = m_states[size_t(entry)];
    --m_counts[size_t(slot)];
    slot = state;
    ++m_counts[size_t(state)];
}

void FileStatusModel::applyEvents(const QList<FileEvent> &events)
{
    if (!m_plan)
        return;
    const qint32 entries = qint32(m_states.size());
    QList<qint32> changed;
    QSet<qint32> leaving;
    QList<qint32> joining;
    bool newFailure = false;
    for (const FileEvent &e : events) {
        if (e.entry < 0 || e.entry >= entries)
            continue;
        const State old = m_states[size_t(e.entry)];
        const State now = fromStatus(e.status);
        setState(e.entry, now);
        if (e.message.isEmpty())
            m_messages.remove(e.entry);
        else
            m_messages.insert(e.entry, e.message);
        if (!e.destination.isEmpty() && e.destination != m_plan->targetPath(e.entry))
            m_renamed.insert(e.entry, e.destination);
        else
            m_renamed.remove(e.entry);
        m_active.remove(e.entry);
        if (m_waiting == e.entry)
            m_waiting = -1;
        newFailure = newFailure || (isFailed(now) && !isFailed(old));
        const bool was = matches(m_filter, old);
        const bool is = matches(m_filter, now);
        if (was && is)
            changed.append(e.entry);
        else if (was)
            leaving.insert(e.entry);
        else if (is)
            joining.append(e.entry);
    }
    // An entry may have changed twice in one batch: what counts is where it ended.
    QSet<qint32> gone;
    for (qint32 entry : std::as_const(leaving)) {
        if (!matches(m_filter, m_states[size_t(entry)]))
            gone.insert(entry);
    }
    removeEntries(gone);
    QList<qint32> added;
    QSet<qint32> seen;
    for (qint32 entry : std::as_const(joining)) {
        if (matches(m_filter, m_states[size_t(entry)]) && !seen.contains(entry) && !leaving.contains(entry)) {
            seen.insert(entry);
            added.append(entry);
        }
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
        m_rows.insert(m_rows.end(), added.cbegin(), added.cend());
        endInsertRows();
    }
    if (m_filter == Filter::All && m_failedFirst && newFailure)
        partitionFailed();
    emitChanged(changed, StateColumn, MessageColumn);
    Q_EMIT countsChanged();
}

void FileStatusModel::setActive(const QList<ActiveFile> &active)
{
    if (m_active.isEmpty() && active.isEmpty())
        return;
    QList<qint32> changed = m_active.keys();
    m_active.clear();
    for (const ActiveFile &a : active) {
        if (a.entry >= 0 && a.entry < qint32(m_states.size()) && m_states[size_t(a.entry)] == State::Pending) {
            m_active.insert(a.entry, a.bytesDone);
            changed.append(a.entry);
        }
    }
    emitChanged(changed, StateColumn, ProgressColumn);
}

void FileStatusModel::setWaiting(qint32 entry)
{
    QList<qint32> changed;
    if (m_waiting >= 0)
        changed.append(m_waiting);
    m_waiting = entry >= 0 && entry < qint32(m_states.size()) ? entry : -1;
    if (m_waiting >= 0)
        changed.append(m_waiting);
    emitChanged(changed, StateColumn, ProgressColumn);
}

void FileStatusModel::finishJob()
{
    m_active.clear();
    m_waiting = -1;
    bool any = false;
    for (size_t i = 0; i < m_states.size(); ++i) {
        if (m_states[i] == State::Pending) {
            setState(qint32(i), State::Cancelled);
            any = true;
        }
    }
    if (any && m_filter == Filter::InProgress) {
        beginResetModel();
        rebuildRows();
        endResetModel();
    } else if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    Q_EMIT countsChanged();
}

void FileStatusModel::resetEntries(const QList<qint32> &entries)
{
    for (qint32 entry : entries) {
        if (entry < 0 || entry >= qint32(m_states.size()))
            continue;
        setState(entry, State::Pending);
        m_messages.remove(entry);
        m_renamed.remove(entry);
    }
    beginResetModel();
    rebuildRows();
    endResetModel();
    Q_EMIT countsChanged();
}

void FileStatusModel::setFilter(Filter filter)
{
    if (filter == m_filter)
        return;
    beginResetModel();
    m_filter = filter;
    rebuildRows();
    endResetModel();
}

void FileStatusModel::setFailedFirst(bool on)
{
    if (on == m_failedFirst)
        return;
    m_failedFirst = on;
    if (m_filter == Filter::All)
        partitionFailed();
}

void FileStatusModel::rebuildRows()
{
    m_rows.clear();
    const size_t n = m_states.size();
    if (m_filter == Filter::All) {
        m_rows.reserve(n);
        if (m_failedFirst) {
            for (size_t k = 0; k < n; ++k) {
                if (isFailed(m_states[size_t(orderAt(k))]))
                    m_rows.push_back(orderAt(k));
            }
        }
        for (size_t k = 0; k < n; ++k) {
            if (!m_failedFirst || !isFailed(m_states[size_t(orderAt(k))]))
                m_rows.push_back(orderAt(k));
        }
        m_rows.shrink_to_fit();
        return;
    }
    for (size_t k = 0; k < n; ++k) {
        if (matches(m_filter, m_states[size_t(orderAt(k))]))
            m_rows.push_back(orderAt(k));
    }
    m_rows.shrink_to_fit();
}

// Same rows, new order: a layout change keeps the view's scroll position and selection.
void FileStatusModel::partitionFailed()
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const std::vector<qint32> old = m_rows;
    rebuildRows();
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &i : from)
        to.append(index(rowOf(old[size_t(i.row())]), i.column()));
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int FileStatusModel::rowOf(qint32 entry) const
{
    if (m_filter != Filter::All)
        return -1;
    if (!m_failedFirst)
        return rankOf(entry);
    // Two runs in row order: the failed ones, then the rest.
    const bool failed = isFailed(m_states[size_t(entry)]);
    const auto firstRest = std::partition_point(m_rows.cbegin(), m_rows.cend(),
                                                [this](qint32 e) { return isFailed(m_states[size_t(e)]); });
    const auto begin = failed ? m_rows.cbegin() : firstRest;
    const auto end = failed ? firstRest : m_rows.cend();
    const auto it = std::lower_bound(begin, end, entry, [this](qint32 a, qint32 b) { return rankOf(a) < rankOf(b); });
    return it != end && *it == entry ? int(it - m_rows.cbegin()) : -1;
}

void FileStatusModel::emitChanged(const QList<qint32> &entries, int firstColumn, int lastColumn)
{
    if (entries.isEmpty() || m_rows.empty())
        return;
    int first = int(m_rows.size());
    int last = -1;
    for (qint32 entry : entries) {
        const int row = rowOf(entry);
        if (row < 0) { // no cheap way to the row: announce all rows; the view repaints what it shows
            first = 0;
            last = int(m_rows.size()) - 1;
            break;
        }
        first = qMin(first, row);
        last = qMax(last, row);
    }
    if (last >= first)
        Q_EMIT dataChanged(index(first, firstColumn), index(last, lastColumn));
}

void FileStatusModel::removeEntries(const QSet<qint32> &entries)
{
    if (entries.isEmpty())
        return;
    std::vector<std::pair<int, int>> ranges;
    for (int row = 0; row < int(m_rows.size()); ++row) {
        if (!entries.contains(m_rows[size_t(row)]))
            continue;
        if (!ranges.empty() && ranges.back().second == row - 1)
            ranges.back().second = row;
        else
            ranges.emplace_back(row, row);
    }
    if (int(ranges.size()) > MaxRemovedRanges) {
        beginResetModel();
        m_rows.erase(std::remove_if(m_rows.begin(), m_rows.end(), [&](qint32 e) { return entries.contains(e); }),
                     m_rows.end());
        endResetModel();
        return;
    }
    for (auto it = ranges.crbegin(); it != ranges.crend(); ++it) {
        beginRemoveRows(QModelIndex(), it->first, it->second);
        m_rows.erase(m_rows.begin() + it->first, m_rows.begin() + it->second + 1);
        endRemoveRows();
    }
}

int FileStatusModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FileStatusModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

} // namespace Ferry
