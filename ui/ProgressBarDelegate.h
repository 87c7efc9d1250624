#pragma once

#include <QStyledItemDelegate>

#include <functional>

namespace Ferry {

// Paints a cell as a progress bar with the cell's text on it, for the job list and the file
// table. fractionOf gives the bar's fill (0 to 1) for an index, or below 0 for a plain cell.
class ProgressBarDelegate : public QStyledItemDelegate
{
public:
    ProgressBarDelegate(std::function<double(const QModelIndex &)> fractionOf, QObject *parent);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    std::function<double(const QModelIndex &)> m_fractionOf;
};

} // namespace Ferry
