#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QTableView;

namespace Ferry {

class FileStatusModel;

// The per-file table with its filter (all, in progress, failed, skipped, done, each with its
// count) and the "failed first" order. Rows have one fixed height and no widgets of their own;
// a delegate paints the per-file progress.
class FileTable : public QWidget
{
    Q_OBJECT
public:
    explicit FileTable(FileStatusModel *model, QWidget *parent = nullptr);

    // Shows another job's files, with the filter and order chosen here.
    void setModel(FileStatusModel *model);
    FileStatusModel *model() const { return m_model; }

    QTableView *view() const { return m_view; }
    QComboBox *filterBox() const { return m_filter; }
    QCheckBox *failedFirstBox() const { return m_failedFirst; }

private:
    void updateCounts();
    void sizeColumns();

    FileStatusModel *m_model;
    QComboBox *m_filter;
    QCheckBox *m_failedFirst;
    QTableView *m_view;
};

} // namespace Ferry
