#include "JobProgress.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

namespace Ferry {

namespace {
constexpr int BarRange = 1000;
} // namespace

JobProgress::JobProgress(QWidget *parent)
    : QWidget(parent)
    , m_phase(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_detail(new QLabel(this))
    , m_speed(new QLabel(this))
{
    QFont bold = m_phase->font();
    bold.setBold(true);
    m_phase->setFont(bold);
    m_phase->setObjectName(QStringLiteral("phase"));
    m_bar->setRange(0, BarRange);
    m_bar->setAccessibleName(tr("Copy progress"));
    m_detail->setObjectName(QStringLiteral("progressDetail"));
    m_speed->setObjectName(QStringLiteral("progressSpeed"));
    m_speed->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    for (QLabel *label : {m_phase, m_detail, m_speed})
        label->setTextFormat(Qt::PlainText);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_phase, 0, 0);
    grid->addWidget(m_speed, 0, 1);
    grid->addWidget(m_bar, 1, 0, 1, 2);
    grid->addWidget(m_detail, 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    m_dirty = systemDirtyBytes;
    reset();
}

void JobProgress::reset()
{
    m_percent = -1;
    m_disk.reset();
    m_fit.reset();
    m_clock.start();
    m_lastPhase = Phase::Idle;
    m_bar->setRange(0, BarRange); // not busy: a queued job has not begun
    m_bar->setValue(0);
    m_bar->setFormat(QString());
    m_phase->setText(tr("Ready"));
    m_detail->clear();
    m_speed->clear();
}

QString JobProgress::phaseText() const
{
    return m_phase->text();
}

void JobProgress::setPhaseText(const QString &text)
{
    m_phase->setText(text);
}

QString JobProgress::detailText() const
{
    return m_detail->text();
}

QString JobProgress::speedText() const
{
    return m_speed->text();
}

QString JobProgress::duration(double seconds)
{
    if (seconds < 0)
        return QString();
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600)
        return tr("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60);
    if (s >= 60)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 s").arg(s);
}

void JobProgress::update(const Progress &p)
{
    update(p, m_clock.elapsed());
}

void JobProgress::update(const Progress &p, qint64 ms)
{
    m_lastPhase = p.phase;
    const QLocale locale;
    const bool counting = (p.phase == Phase::Copy || p.phase == Phase::Flush) && p.bytesTotal > 0;
    m_disk.update(p, counting && m_dirty ? m_dirty() : -1, ms);
    const double fraction = m_disk.fraction();
    int value = int(fraction * BarRange);
    if (p.phase != Phase::Done)
        value = qMin(value, BarRange - 1); // the end is for data on the disk
    m_bar->setValue(value);
    m_percent = p.phase == Phase::Done ? 100 : qMin(99, int(fraction * 100));
    m_bar->setFormat(locale.toString(m_percent) + locale.percent());

    switch (p.phase) {
    case Phase::Idle: m_phase->setText(tr("Ready")); break;
    case Phase::Scan: m_phase->setText(tr("Scanning…")); break;
    case Phase::Copy: m_phase->setText(p.paused ? tr("Paused") : tr("Copying…")); break;
    case Phase::Flush: m_phase->setText(tr("Flushing to disk…")); break;
    case Phase::Done: m_phase->setText(tr("Done")); break;
    }
    if (p.phase == Phase::Scan && p.filesTotal == 0) {
        m_bar->setRange(0, 0); // busy until the plan is known
        m_detail->setText(tr("Looking at the sources…"));
        m_speed->clear();
        return;
    }
    m_bar->setRange(0, BarRange);
    m_bar->setValue(value);
    m_detail->setText(tr("%1 of %2 · %3 of %4 files")
                          .arg(sizeText(locale, p.bytesDone), sizeText(locale, p.bytesTotal),
                               locale.toString(p.filesDone), locale.toString(p.filesTotal)));
    if (p.phase == Phase::Copy && !p.paused) {
        m_fit.add(ms, p.bytesDone, p.filesDone);
        const double bytesPerSecond = m_fit.bytesPerSecond();
        const double filesPerSecond = m_fit.filesPerSecond();
        if (bytesPerSecond <= 0 && filesPerSecond <= 0) {
            m_speed->clear();
            return;
        }
        QString speed = tr("%1/s").arg(locale.formattedDataSize(qint64(bytesPerSecond), 1));
        if (filesPerSecond >= 1)
            speed = tr("%1 · %2 files/s").arg(speed, locale.toString(qint64(filesPerSecond + 0.5)));
        const double left = m_fit.secondsLeft(p.bytesTotal - p.bytesDone, p.filesTotal - p.filesDone);
        m_speed->setText(left >= 0 ? tr("%1 · %2 left").arg(speed, duration(left)) : speed);
    } else if (p.phase == Phase::Flush && m_disk.flushLeft() >= 0) {
        const QString left = tr("%1 still to write").arg(sizeText(locale, m_disk.flushLeft(), 1));
        const double seconds = m_disk.flushSecondsLeft();
        m_speed->setText(seconds >= 0 ? tr("%1 · about %2 left").arg(left, duration(seconds)) : left);
    } else {
        m_speed->clear();
    }
}

void JobProgress::finish(const Summary &summary)
{
    m_bar->setRange(0, BarRange);
    if (summary.refused) {
        m_phase->setText(tr("Not started"));
        m_bar->setValue(0);
        m_bar->setFormat(QString());
        m_percent = -1;
        m_detail->clear();
    } else if (summary.cancelled) {
        m_phase->setText(tr("Cancelled"));
    } else {
        m_phase->setText(summary.ok() ? tr("Done") : tr("Done, with errors"));
        m_bar->setValue(BarRange);
        m_percent = 100;
        const QLocale locale;
        m_bar->setFormat(locale.toString(100) + locale.percent());
    }
    m_speed->clear();
}

} // namespace Ferry
