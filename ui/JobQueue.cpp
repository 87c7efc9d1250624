#include "JobQueue.h"
#include "fs/FileSystem.h"

#include "QueuedJob.h"

#include <QFile>
#include <QLocale>
#include <QSet>

namespace Ferry {

JobQueue::JobQueue(QObject *parent)
    : QAbstractTableModel(parent)
{
}

JobQueue::~JobQueue()
{
    qDeleteAll(m_jobs);
}

void JobQueue::add(QueuedJob *job)
{
    job->setParent(nullptr);
    const int row = int(m_jobs.size());
    beginInsertRows(QModelIndex(), row, row);
    m_jobs.append(job);
    endInsertRows();
    connect(job, &QueuedJob::changed, this, [this, job] { onChanged(job); });
    connect(job, &QueuedJob::started, this, [this, job] {
        applyRateLimits();
        Q_EMIT jobStarted(job);
        Q_EMIT activeChanged();
    });
    connect(job, &QueuedJob::progressed, this, [this, job](const Progress &p) { Q_EMIT jobProgressed(job, p); });
    connect(job, &QueuedJob::conflictAsked, this,
            [this, job](const ConflictQuestion &q) { Q_EMIT conflictAsked(job, q); });
    // Queued: whatever waited behind this job on its device may go now.
    connect(job, &QueuedJob::finished, this, [this, job](const Summary &s) {
        Q_EMIT jobFinished(job, s);
        schedule();
        applyRateLimits();
        Q_EMIT activeChanged();
    }, Qt::QueuedConnection);
    Q_EMIT activeChanged();
    schedule();
}

bool JobQueue::remove(QueuedJob *job)
{
    const int row = rowOf(job);
    if (row < 0 || job->isStarted())
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_jobs.removeAt(row);
    endRemoveRows();
    job->disconnect(this);
    job->deleteLater();
    Q_EMIT activeChanged();
    schedule();
    return true;
}

bool JobQueue::move(int from, int to)
{
    if (from < 0 || from >= size() || to < 0 || to >= size() || from == to)
        return false;
    // beginMoveRows counts the destination before the move: one more when moving down.
    if (!beginMoveRows(QModelIndex(), from, from, QModelIndex(), to > from ? to + 1 : to))
        return false;
    m_jobs.move(from, to);
    endMoveRows();
    schedule();
    return true;
}

int JobQueue::rowOf(const QueuedJob *job) const
{
    for (int i = 0; i < size(); ++i) {
        if (m_jobs[i] == job)
            return i;
    }
    return -1;
}

bool JobQueue::hasActive(const QList<QByteArray> &sources, const QByteArray &destination) const
{
    return std::any_of(m_jobs.cbegin(), m_jobs.cend(), [&](const QueuedJob *j) {
        return j->isActive() && j->options().sources == sources && j->options().destination == destination;
    });
}

int JobQueue::runningCount() const
{
    return int(std::count_if(m_jobs.cbegin(), m_jobs.cend(), [](const QueuedJob *j) { return j->isStarted(); }));
}

int JobQueue::activeCount() const
{
    return int(std::count_if(m_jobs.cbegin(), m_jobs.cend(), [](const QueuedJob *j) { return j->isActive(); }));
}

int JobQueue::unfinishedCount() const
{
    return int(std::count_if(m_jobs.cbegin(), m_jobs.cend(), [](const QueuedJob *j) { return !j->isFinished(); }));
}

double JobQueue::overallFraction() const
{
    double done = 0;
    double total = 0;
    bool any = false;
    for (const QueuedJob *j : m_jobs) {
        if (!j->isActive())
            continue;
        any = true;
        done += j->fraction() * double(j->progress().bytesTotal);
        total += double(j->progress().bytesTotal);
    }
    if (!any)
        return -1;
    return total > 0 ? qBound(0.0, done / total, 1.0) : 0.0;
}

void JobQueue::schedule()
{
    QSet<quint64> busy;
    for (const QueuedJob *j : std::as_const(m_jobs)) {
        if (j->isStarted())
            busy.insert(j->device());
    }
    const QList<QueuedJob *> jobs = m_jobs; // start() signals; the list may change meanwhile
    for (QueuedJob *j : jobs) {
        if (j->state() != QueuedJob::State::Queued)
            continue;
        // An earlier queued job holds its device too: the order is the list's.
        const bool free = !busy.contains(j->device());
        busy.insert(j->device());
        if (free)
            j->start();
    }
}

void JobQueue::setGlobalRateLimit(qint64 bytesPerSecond)
{
    m_globalLimit = qMax<qint64>(0, bytesPerSecond);
    applyRateLimits();
}

void JobQueue::applyRateLimits()
{
    const int running = runningCount();
    const qint64 share = m_globalLimit > 0 && running > 0 ? qMax<qint64>(1, m_globalLimit / running) : 0;
    for (QueuedJob *j : std::as_const(m_jobs)) {
        qint64 limit = j->rateLimit();
        if (share > 0)
            limit = limit > 0 ? qMin(limit, share) : share;
        j->setEffectiveRateLimit(limit);
    }
}

void JobQueue::onChanged(QueuedJob *job)
{
    const int row = rowOf(job);
    if (row < 0)
        return;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (!job->isStarted())
        applyRateLimits();
}

int JobQueue::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : size();
}

int JobQueue::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobQueue::data(const QModelIndex &index, int role) const
{
    const QueuedJob *job = at(index.row());
    if (!job || !index.isValid())
        return QVariant();
    const Progress &p = job->progress();
    const double fraction = job->fraction();
    if (role == FractionRole)
        return job->isStarted() || job->isFinished() ? fraction : -1.0;
    const QLocale locale;
    switch (index.column()) {
    case StateColumn:
        if (role == Qt::DisplayRole)
            return job->stateText();
        break;
    case JobColumn:
        if (role == Qt::DisplayRole)
            return job->title();
        if (role == Qt::ToolTipRole) {
            QStringList names;
            for (const QByteArray &s : job->options().sources)
                names.append(displayPath(s));
            return names.join(QLatin1Char('\n'));
        }
        break;
    case DestinationColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return displayPath(job->options().destination);
        break;
    case ProgressColumn:
        if (role == Qt::DisplayRole) {
            if (!job->isStarted() && !job->isFinished())
                return QString();
            if (job->isFinished() && !job->summary().refused)
                return tr("%1 of %2 files").arg(locale.toString(job->summary().copied + job->summary().moved),
                                                 locale.toString(p.filesTotal));
            return locale.toString(int(fraction * 100)) + locale.percent();
        }
        break;
    case SpeedColumn:
        if (role == Qt::DisplayRole && job->state() == QueuedJob::State::Running && p.phase == Phase::Copy
            && p.bytesPerSecond > 0)
            return tr("%1/s").arg(locale.formattedDataSize(qint64(p.bytesPerSecond), 1));
        break;
    default: break;
    }
    return QVariant();
}

QVariant JobQueue::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case StateColumn: return tr("State");
    case JobColumn: return tr("Copying");
    case DestinationColumn: return tr("Into");
    case ProgressColumn: return tr("Progress");
    case SpeedColumn: return tr("Speed");
    default: return QVariant();
    }
}

} // namespace Ferry
