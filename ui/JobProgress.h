#pragma once

#include "CopyTypes.h"

#include <QWidget>

class QLabel;
class QProgressBar;

namespace Ferry {

// One bar weighted by bytes, with what is done of what, the speed and the time left. The bar
// stops short of its end until the data is on the disk: "Flushing to disk" comes before Done.
class JobProgress : public QWidget
{
    Q_OBJECT
public:
    explicit JobProgress(QWidget *parent = nullptr);

    void reset();
    void update(const Progress &progress);
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
    Phase m_lastPhase = Phase::Idle;
};

} // namespace Ferry
