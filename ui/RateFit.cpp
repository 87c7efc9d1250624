#include "RateFit.h"

#include <QFile>

#include <cmath>

namespace Ferry {

namespace {
constexpr qint64 WindowMs = 5000;
} // namespace

void RateFit::add(qint64 ms, qint64 bytes, qint64 files)
{
    if (!m_samples.empty() && ms <= m_samples.back().ms)
        return;
    m_samples.push_back(Sample{ms, bytes, files});
    while (m_samples.size() > 2 && ms - m_samples.front().ms > WindowMs)
        m_samples.pop_front();
}

double RateFit::bytesPerSecond() const
{
    if (m_samples.size() < 2)
        return 0;
    const Sample &a = m_samples.front();
    const Sample &b = m_samples.back();
    return double(b.bytes - a.bytes) * 1000.0 / double(b.ms - a.ms);
}

double RateFit::filesPerSecond() const
{
    if (m_samples.size() < 2)
        return 0;
    const Sample &a = m_samples.front();
    const Sample &b = m_samples.back();
    return double(b.files - a.files) * 1000.0 / double(b.ms - a.ms);
}

double RateFit::secondsLeft(qint64 bytesLeft, qint64 filesLeft) const
{
    if (m_samples.size() < 2)
        return -1;
    // Least squares of dt = a * dbytes + b * dfiles over the steps of the window, a and b >= 0
    // (seconds per byte, seconds per file). Bytes in MiB and times in seconds keep it well scaled.
    double sbb = 0, sbf = 0, sff = 0, stb = 0, stf = 0, st = 0;
    for (size_t i = 1; i < m_samples.size(); ++i) {
        const double dt = double(m_samples[i].ms - m_samples[i - 1].ms) / 1000.0;
        const double db = double(m_samples[i].bytes - m_samples[i - 1].bytes) / (1024.0 * 1024.0);
        const double df = double(m_samples[i].files - m_samples[i - 1].files);
        sbb += db * db;
        sbf += db * df;
        sff += df * df;
        stb += dt * db;
        stf += dt * df;
        st += dt;
    }
    double a = 0, b = 0;
    const double det = sbb * sff - sbf * sbf;
    if (det > 1e-9 * (sbb * sff)) {
        a = (stb * sff - stf * sbf) / det;
        b = (stf * sbb - stb * sbf) / det;
    }
    // Degenerate (one of them did not move, or they moved together) or a negative cost: the one
    // that explains the time alone.
    if (!(det > 1e-9 * (sbb * sff)) || a < 0 || b < 0) {
        const double onlyBytes = sbb > 0 ? stb / sbb : -1;
        const double onlyFiles = sff > 0 ? stf / sff : -1;
        a = 0;
        b = 0;
        if (onlyBytes >= 0 && (onlyFiles < 0 || bytesLeft > 0))
            a = onlyBytes;
        else if (onlyFiles >= 0)
            b = onlyFiles;
    }
    if (a == 0 && b == 0)
        return st > 0 && (bytesLeft > 0 || filesLeft > 0) ? -1 : 0;
    const double left = a * double(bytesLeft) / (1024.0 * 1024.0) + b * double(filesLeft);
    return std::isfinite(left) && left >= 0 ? left : -1;
}

void DiskProgress::reset()
{
    *this = DiskProgress();
}

void DiskProgress::update(const Progress &p, qint64 dirty, qint64 ms)
{
    m_lastMs = ms;
    // Weighted by bytes; a job of empty files moves by files.
    double fraction = 0;
    if (p.bytesTotal > 0)
        fraction = double(p.bytesDone) / double(p.bytesTotal);
    else if (p.filesTotal > 0)
        fraction = double(p.filesDone) / double(p.filesTotal);
    m_flushLeft = -1;
    if (p.bytesTotal > 0 && dirty >= 0 && p.phase == Phase::Copy) {
        fraction = double(p.bytesDone) / double(p.bytesTotal + qMin(dirty, p.bytesDone));
    } else if (p.bytesTotal > 0 && dirty >= 0 && p.phase == Phase::Flush) {
        if (m_flushDirty < 0) {
            m_flushDirty = qMin(dirty, p.bytesTotal);
            m_flushMs = ms;
        }
        m_flushLeft = qMin(dirty, m_flushDirty);
        fraction = double(p.bytesTotal + m_flushDirty - m_flushLeft) / double(p.bytesTotal + m_flushDirty);
    }
    fraction = qBound(0.0, fraction, 1.0);
    if (p.phase == Phase::Copy || p.phase == Phase::Flush)
        fraction = qMax(fraction, m_fraction);
    m_fraction = fraction;
}

double DiskProgress::flushSecondsLeft() const
{
    const double seconds = double(m_lastMs - m_flushMs) / 1000.0;
    const qint64 written = m_flushDirty - m_flushLeft;
    if (m_flushLeft < 0 || seconds <= 0.2 || written <= 0)
        return -1;
    return double(m_flushLeft) * seconds / double(written);
}

qint64 systemDirtyBytes()
{
#if defined(Q_OS_LINUX)
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!meminfo.open(QIODevice::ReadOnly))
        return -1;
    qint64 kib = 0;
    int found = 0;
    const QList<QByteArray> lines = meminfo.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("Dirty:") || line.startsWith("Writeback:")) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            if (parts.size() >= 2) {
                kib += parts[1].toLongLong();
                ++found;
            }
        }
    }
    return found == 2 ? kib * 1024 : -1;
#else
    return -1;
#endif
}

} // namespace Ferry
