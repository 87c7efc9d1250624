#include "FileTable.h"

#include "ProgressBarDelegate.h"

#include "FileStatusModel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace Ferry {

FileTable::FileTable(FileStatusModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(nullptr)
    , m_filter(new QComboBox(this))
    , m_failedFirst(new QCheckBox(tr("Fai&led first"), this))
    , m_view(new QTableView(this))
{
    m_filter->addItem(QString(), int(FileStatusModel::Filter::All));
    m_filter->addItem(QString(), int(FileStatusModel::Filter::InProgress));
    m_filter->addItem(QString(), int(FileStatusModel::Filter::Failed));
    m_filter->addItem(QString(), int(FileStatusModel::Filter::Skipped));
    m_filter->addItem(QString(), int(FileStatusModel::Filter::Done));
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_filter->setMinimumContentsLength(22);
    m_filter->setAccessibleName(tr("Show files"));
    m_failedFirst->setAccessibleName(tr("Show failed files first"));
    auto *filterLabel = new QLabel(tr("S&how:"), this);
    filterLabel->setBuddy(m_filter);

    m_view->setAccessibleName(tr("Files"));
    m_view->setItemDelegateForColumn(FileStatusModel::ProgressColumn, new ProgressBarDelegate([](const QModelIndex &i) {
        // A bar while the file is being copied; a plain cell otherwise.
        return FileStatusModel::State(i.data(FileStatusModel::StateRole).toInt()) == FileStatusModel::State::Copying
            ? i.data(FileStatusModel::ProgressRole).toDouble() : -1.0;
    }, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setTabKeyNavigation(false);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // One fixed height for every row: the view never measures rows, however many there are.
    QHeaderView *rows = m_view->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 8);
    rows->hide();

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(filterLabel);
    bar->addWidget(m_filter);
    bar->addWidget(m_failedFirst);
    bar->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    setTabOrder(m_filter, m_failedFirst);
    setTabOrder(m_failedFirst, m_view);

    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setFilter(FileStatusModel::Filter(m_filter->currentData().toInt()));
    });
    connect(m_failedFirst, &QCheckBox::toggled, this, [this](bool on) { m_model->setFailedFirst(on); });
    setModel(model);
}

void FileTable::setModel(FileStatusModel *model)
{
    if (model == m_model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_model->setFilter(FileStatusModel::Filter(m_filter->currentData().toInt()));
    m_model->setFailedFirst(m_failedFirst->isChecked());
    m_view->setModel(model);
    sizeColumns();
    connect(m_model, &FileStatusModel::countsChanged, this, &FileTable::updateCounts);
    updateCounts();
}

void FileTable::sizeColumns()
{
    QHeaderView *columns = m_view->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    // Widths from a Latin letter: names and paths are mostly Latin, and a CJK font's average
    // width would make every column twice too wide.
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('n'));
    // The state column fits its longest word whole ("Needs your decision"), with its icon.
    int state = em * 12;
    for (int i = 0; i < FileStatusModel::StateCount; ++i)
        state = qMax(state, fontMetrics().horizontalAdvance(FileStatusModel::stateName(FileStatusModel::State(i))));
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_view);
    columns->resizeSection(FileStatusModel::StateColumn, state + icon + em * 3);
    columns->resizeSection(FileStatusModel::NameColumn, em * 26);
    columns->resizeSection(FileStatusModel::FolderColumn, em * 30);
    columns->resizeSection(FileStatusModel::SizeColumn, em * 12);
    columns->resizeSection(FileStatusModel::ProgressColumn, em * 10);
}

void FileTable::updateCounts()
{
    using State = FileStatusModel::State;
    const QLocale locale;
    const FileStatusModel *m = m_model;
    const qint64 inProgress = m->count(State::Pending);
    const qint64 failed = m->count(State::Failed) + m->count(State::VerifyFailed);
    const qint64 done = m->count(State::Copied) + m->count(State::Moved);
    m_filter->setItemText(0, tr("All files (%1)").arg(locale.toString(m->entryCount())));
    m_filter->setItemText(1, tr("In progress (%1)").arg(locale.toString(inProgress)));
    m_filter->setItemText(2, tr("Failed (%1)").arg(locale.toString(failed)));
    m_filter->setItemText(3, tr("Skipped (%1)").arg(locale.toString(m->count(State::Skipped))));
    m_filter->setItemText(4, tr("Done (%1)").arg(locale.toString(done)));
}

} // namespace Ferry
