#include "JobListView.h"

#include "ProgressBarDelegate.h"

#include "JobQueue.h"
#include "QueuedJob.h"
#include "RateBox.h"

#include <QApplication>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace Ferry {

namespace {
// Drags within the list move a job; the queue does the move, so the turn changes with it.
class JobTree : public QTreeView
{
public:
    JobTree(JobQueue *queue, QWidget *parent)
        : QTreeView(parent)
        , m_queue(queue)
    {
    }

protected:
    void dropEvent(QDropEvent *event) override
    {
        if (event->source() != this) {
            event->ignore();
            return;
        }
        const int from = currentIndex().row();
        const QModelIndex at = indexAt(event->position().toPoint());
        const int to = at.isValid() ? at.row() : m_queue->size() - 1;
        event->setDropAction(Qt::IgnoreAction); // the model moved it; nothing for the view to remove
        event->accept();
        if (m_queue->move(from, to))
            setCurrentIndex(m_queue->index(to, 0));
    }

private:
    JobQueue *m_queue;
};
} // namespace

JobListView::JobListView(JobQueue *queue, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_view(new JobTree(queue, this))
    , m_up(new QPushButton(tr("U&p"), this))
    , m_down(new QPushButton(tr("Dow&n"), this))
    , m_hold(new QPushButton(tr("&Hold"), this))
    , m_remove(new QPushButton(tr("Re&move"), this))
    , m_destination(new QPushButton(tr("Change &destination…"), this))
    , m_globalRate(new RateBox(this))
{
    m_view->setModel(queue);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAccessibleName(tr("Jobs"));
    m_view->setItemDelegateForColumn(JobQueue::ProgressColumn, new ProgressBarDelegate([](const QModelIndex &i) { return i.data(JobQueue::FractionRole).toDouble(); }, m_view));
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setDragDropMode(QAbstractItemView::InternalMove);
    m_view->setTextElideMode(Qt::ElideMiddle);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('n'));
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->resizeSection(JobQueue::StateColumn, em * 16);
    header->resizeSection(JobQueue::JobColumn, em * 24);
    header->setSectionResizeMode(JobQueue::DestinationColumn, QHeaderView::Stretch);
    header->resizeSection(JobQueue::ProgressColumn, em * 18);
    header->resizeSection(JobQueue::SpeedColumn, em * 12);
    // A few rows are enough; the file table below gets the room.
    m_view->setMinimumHeight(fontMetrics().height() * 5);
    m_view->setMaximumHeight(fontMetrics().height() * 9);
    m_up->setAccessibleName(tr("Move the job up"));
    m_down->setAccessibleName(tr("Move the job down"));
    m_hold->setAccessibleName(tr("Hold the job or let it go"));
    m_remove->setAccessibleName(tr("Remove the job from the list"));
    m_destination->setAccessibleName(tr("Change where the job copies to"));
    m_hold->setToolTip(tr("A job on hold does not start; the next one on its disk may"));
    m_globalRate->setAccessibleName(tr("Speed limit for all jobs"));
    auto *rateLabel = new QLabel(tr("All jobs at &most:"), this);
    rateLabel->setBuddy(m_globalRate);

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *b : {m_up, m_down, m_hold, m_remove, m_destination})
        buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(rateLabel);
    buttons->addWidget(m_globalRate);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addLayout(buttons);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateButtons();
        Q_EMIT selectionChanged(selectedJob());
    });
    connect(queue, &QAbstractItemModel::dataChanged, this, &JobListView::updateButtons);
    connect(queue, &QAbstractItemModel::rowsMoved, this, &JobListView::updateButtons);
    connect(queue, &QAbstractItemModel::rowsRemoved, this, [this] {
        updateButtons();
        Q_EMIT selectionChanged(selectedJob());
    });
    connect(m_up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(m_hold, &QPushButton::clicked, this, &JobListView::holdSelected);
    connect(m_remove, &QPushButton::clicked, this, &JobListView::removeSelected);
    connect(m_destination, &QPushButton::clicked, this, [this] {
        if (QueuedJob *job = selectedJob())
            Q_EMIT destinationRequested(job);
    });
    connect(m_globalRate, &RateBox::rateChosen, queue, &JobQueue::setGlobalRateLimit);
    updateButtons();
}

QueuedJob *JobListView::selectedJob() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_queue->at(current.row()) : nullptr;
}

void JobListView::select(QueuedJob *job)
{
    const int row = m_queue->rowOf(job);
    if (row >= 0)
        m_view->setCurrentIndex(m_queue->index(row, 0));
}

void JobListView::moveSelected(int by)
{
    QueuedJob *job = selectedJob();
    const int row = m_queue->rowOf(job);
    if (job && m_queue->move(row, row + by))
        select(job);
}

void JobListView::holdSelected()
{
    QueuedJob *job = selectedJob();
    if (!job)
        return;
    if (job->state() == QueuedJob::State::Held) {
        job->resume();
    } else if (job->state() == QueuedJob::State::Queued) {
        job->pause();
    }
    m_queue->schedule();
    updateButtons();
}

void JobListView::removeSelected()
{
    if (QueuedJob *job = selectedJob())
        m_queue->remove(job);
}

void JobListView::updateButtons()
{
    const QueuedJob *job = selectedJob();
    const int row = m_queue->rowOf(job);
    const bool waiting = job && (job->state() == QueuedJob::State::Queued || job->state() == QueuedJob::State::Held);
    m_up->setEnabled(job && row > 0);
    m_down->setEnabled(job && row + 1 < m_queue->size());
    m_hold->setEnabled(waiting);
    m_hold->setText(job && job->state() == QueuedJob::State::Held ? tr("Let it &go") : tr("&Hold"));
    m_remove->setEnabled(job && !job->isStarted());
    m_destination->setEnabled(waiting);
}

} // namespace Ferry
