#pragma once

#include "CopyTypes.h"
#include "RateFit.h"

#include <QElapsedTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;

namespace Ferry {

// One bar weighted by bytes, with what is done of what, the speed in bytes and files and the time
// left. The bar stops short of its end until the data is on the disk: the bytes the system still
// has to write (dirty and under writeback) are counted as work still to do, so during "Flushing to
// disk" the bar keeps moving and says how much is left and about how long it will take.
class JobProgress : public QWidget
{
    Q_OBJECT
public:
    explicit JobProgress(QWidget *parent = nullptr);

    void reset();
    void update(const Progress &progress);
    // The same at a given time (milliseconds since the job started); tests pass their own clock.
    void update(const Progress &progress, qint64 ms);
    // Where the bytes not yet on the disk are read from (default: systemDirtyBytes()).
    void setDirtyReader(std::function<qint64()> reader) { m_dirty = std::move(reader); }
    QString speedText() const;
    void finish(const Summary &summary);
    // 0-100, as the bar shows it; -1 before a job.
    int percent() const { return m_percent; }
    QString phaseText() const;
    void setPhaseText(const QString &text);
    // The phase of the last update (Idle after reset()).
    Phase phase() const { return m_lastPhase; }
    QString detailText() const;
    QProgressBar *bar() const { return m_bar; }

    static QString duration(double seconds);

private:
    QLabel *m_phase;
    QProgressBar *m_bar;
    QLabel *m_detail;
    QLabel *m_speed;
    int m_percent = -1;
    DiskProgress m_disk;
    RateFit m_fit;
    QElapsedTimer m_clock;
    std::function<qint64()> m_dirty;
    Phase m_lastPhase = Phase::Idle;
};

} // namespace Ferry
