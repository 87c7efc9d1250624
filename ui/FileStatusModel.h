#pragma once

#include "CopyTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QLocale>
#include <QSet>

#include <array>
#include <vector>

namespace Ferry {

class CopyPlan;

// One row per entry of a job's plan. Names, folders and sizes are read from the plan when a row is
// painted; a row itself costs a state byte and its place in the row order, plus a message only
// for the rows that have one. The filter is done here rather than in a proxy, so that a batch of
// changes costs one signal per kind of change, even with a million rows.
class FileStatusModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StateColumn, NameColumn, FolderColumn, SizeColumn, ProgressColumn, MessageColumn, ColumnCount };
    enum Role { EntryRole = Qt::UserRole + 1, StateRole, ProgressRole };
    // What a row shows. Copying and Waiting are shown over a pending entry while it is being
    // copied or waits for a decision; the others come from the engine's final events.
    enum class State : quint8 { Pending, Copying, Waiting, Copied, Moved, Skipped, Failed, VerifyFailed, Cancelled };
    static constexpr int StateCount = 9;
    enum class Filter : quint8 { All, InProgress, Failed, Skipped, Done };

    explicit FileStatusModel(QObject *parent = nullptr);

    // One pending row per entry of the plan, which must outlive the model's use of it.
    void setPlan(const CopyPlan *plan);
    void clear();
    const CopyPlan *plan() const { return m_plan; }

    void applyEvents(const QList<FileEvent> &events);
    void setActive(const QList<ActiveFile> &active);
    void setWaiting(qint32 entry);
    // At the end of a job: entries that never started are shown as not copied.
    void finishJob();
    // Before a retry: the entries are pending again.
    void resetEntries(const QList<qint32> &entries);

    void setFilter(Filter filter);
    Filter filter() const { return m_filter; }
    void setFailedFirst(bool on);
    bool failedFirst() const { return m_failedFirst; }

    State state(qint32 entry) const;
    QString message(qint32 entry) const { return m_messages.value(entry); }
    // Where the file went: the plan's target, or the name a "rename" chose.
    QByteArray destination(qint32 entry) const;
    qint32 entryAt(int row) const { return m_rows[size_t(row)]; }
    qint64 count(State state) const { return m_counts[size_t(state)]; }
    qint64 entryCount() const { return qint64(m_states.size()); }
    QList<qint32> entriesIn(State state) const;

    static QString stateName(State state);
    static QIcon stateIcon(State state);
    static bool matches(Filter filter, State state);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void countsChanged();

private:
    void rebuildRows();
    void partitionFailed();
    int rowOf(qint32 entry) const;
    void emitChanged(const QList<qint32> &entries, int firstColumn, int lastColumn);
    void removeEntries(const QSet<qint32> &entries);
    void setState(qint32 entry, State state);

    qint32 orderAt(size_t k) const { return m_order.empty() ? qint32(k) : m_order[k]; }
    qint32 rankOf(qint32 entry) const { return m_rank.empty() ? entry : m_rank[size_t(entry)]; }

    const CopyPlan *m_plan = nullptr;
    // The rows' order (natural, by name within a folder) and each entry's place in it; both empty
    // when it is the plan's own order.
    std::vector<qint32> m_order;
    std::vector<qint32> m_rank;
    std::vector<State> m_states;  // per entry, the base state (never Copying or Waiting)
    std::vector<qint32> m_rows;   // per row, its entry
    QHash<qint32, QString> m_messages;
    QHash<qint32, QByteArray> m_renamed;
    QHash<qint32, qint64> m_active; // entries being copied, with their bytes done
    qint32 m_waiting = -1;
    std::array<qint64, StateCount> m_counts{};
    Filter m_filter = Filter::All;
    bool m_failedFirst = false;
    QLocale m_locale;
};

} // namespace Ferry
