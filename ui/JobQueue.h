#pragma once

#include "CopyTypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace Ferry {

class QueuedJob;

// The window's list of jobs, in the order they run. Jobs whose destinations are on one device run
// one after another in list order; jobs on different devices run at the same time. A held job is
// passed over, so the next one on its device may start. A global speed limit is shared out among
// the jobs running, each never above its own limit.
class JobQueue : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StateColumn, JobColumn, DestinationColumn, ProgressColumn, SpeedColumn, ColumnCount };
    enum Role { FractionRole = Qt::UserRole + 1 };

    explicit JobQueue(QObject *parent = nullptr);
    ~JobQueue() override;

    // Takes the job, adds it at the end and starts what may start.
    void add(QueuedJob *job);
    // A job not running: taken out of the list and deleted. False for a running job.
    bool remove(QueuedJob *job);
    // Moves a job to another place in the list (before it starts, its turn changes with it).
    bool move(int from, int to);
    QueuedJob *at(int row) const { return m_jobs.value(row); }
    int rowOf(const QueuedJob *job) const;
    int size() const { return int(m_jobs.size()); }
    const QList<QueuedJob *> &jobs() const { return m_jobs; }

    // A job with these sources and destination is running or waiting.
    bool hasActive(const QList<QByteArray> &sources, const QByteArray &destination) const;
    int runningCount() const;  // started (running or paused)
    int activeCount() const;   // running, paused or queued
    int unfinishedCount() const; // the active ones and those on hold
    // Done of all the active jobs together, 0-1; -1 when none is active.
    double overallFraction() const;

    void setGlobalRateLimit(qint64 bytesPerSecond);
    qint64 globalRateLimit() const { return m_globalLimit; }

    // Starts every queued job whose device is free, in list order.
    void schedule();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void jobStarted(Ferry::QueuedJob *job);
    void jobFinished(Ferry::QueuedJob *job, const Ferry::Summary &summary);
    void jobProgressed(Ferry::QueuedJob *job, const Ferry::Progress &progress);
    void conflictAsked(Ferry::QueuedJob *job, const Ferry::ConflictQuestion &question);
    void activeChanged();

private:
    void onChanged(QueuedJob *job);
    void applyRateLimits();

    QList<QueuedJob *> m_jobs;
    qint64 m_globalLimit = 0;
};

} // namespace Ferry
