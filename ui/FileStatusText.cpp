#include "FileStatusModel.h"
#include "fs/FileSystem.h"

#include "CopyPlan.h"
#include "StateIcons.h"

#include <QFile>

#include <array>

// What the rows show: the text, icons and headers of the per-file table.

namespace Ferry {

QVariant FileStatusModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_plan)
        return QVariant();
    const qint32 entry = m_rows[size_t(index.row())];
    const PlanEntry &e = m_plan->entries[size_t(entry)];
    const State st = state(entry);
    if (role == EntryRole)
        return entry;
    if (role == StateRole)
        return int(st);
    if (role == ProgressRole) {
        // Only files being copied have a bar: a column of full bars would say nothing the state
        // does not.
        if (st == State::Copying)
            return e.size > 0 ? qBound(0.0, double(m_active.value(entry)) / double(e.size), 1.0) : 0.0;
        return st == State::Copied || st == State::Moved ? 1.0 : -1.0;
    }
    switch (index.column()) {
    case StateColumn:
        if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
            return stateName(st);
        if (role == Qt::DecorationRole)
            return stateIcon(st);
        break;
    case NameColumn:
        if (role == Qt::DisplayRole)
            return displayPath(m_plan->nameView(entry));
        if (role == Qt::ToolTipRole)
            return displayPath(m_plan->sourcePath(entry));
        break;
    case FolderColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return displayPath(m_plan->dirs[size_t(e.dir)].source);
        break;
    case SizeColumn:
        if (role == Qt::DisplayRole)
            return e.kind == EntryKind::File ? sizeText(m_locale, e.size) : QString();
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case ProgressColumn:
        if (role == Qt::DisplayRole && st == State::Copying) {
            const double fraction = data(index, ProgressRole).toDouble();
            return m_locale.toString(int(fraction * 100)) + m_locale.percent();
        }
        break;
    case MessageColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
            QString text = m_messages.value(entry);
            const auto renamed = m_renamed.constFind(entry);
            if (renamed != m_renamed.constEnd() && (st == State::Copied || st == State::Moved)) {
                const QString as = tr("Saved as “%1”").arg(displayPath(baseName(renamed.value())));
                text = text.isEmpty() ? as : as + QStringLiteral("; ") + text;
            }
            return text;
        }
        break;
    default: break;
    }
    return QVariant();
}

QVariant FileStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StateColumn: return tr("State");
    case NameColumn: return tr("Name");
    case FolderColumn: return tr("Folder");
    case SizeColumn: return tr("Size");
    case ProgressColumn: return tr("Progress");
    case MessageColumn: return tr("Message");
    default: return QVariant();
    }
}

QString FileStatusModel::stateName(State state)
{
    switch (state) {
    case State::Pending: return tr("Waiting");
    case State::Copying: return tr("Copying");
    case State::Waiting: return tr("Needs your decision");
    case State::Copied: return tr("Copied");
    case State::Moved: return tr("Moved");
    case State::Skipped: return tr("Skipped");
    case State::Failed: return tr("Failed");
    case State::VerifyFailed: return tr("Verification failed");
    case State::Cancelled: return tr("Not copied");
    }
    return QString();
}

QIcon FileStatusModel::stateIcon(State state)
{
    static std::array<QIcon, StateCount> icons;
    QIcon &icon = icons[size_t(state)];
    if (icon.isNull())
        icon = makeStateIcon(state);
    return icon;
}

} // namespace Ferry
