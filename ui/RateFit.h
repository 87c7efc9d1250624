#pragma once

#include <QtGlobal>

#include <deque>

namespace Ferry {

// Speed and time left from the last few seconds of a job: bytes per second, files per second, and
// a time left fitted on both (each second goes partly to bytes, partly to per-file work), so that
// it holds for 200,000 tiny files as for one huge file.
class RateFit
{
public:
    void reset() { m_samples.clear(); }
    void add(qint64 ms, qint64 bytes, qint64 files);
    double bytesPerSecond() const;
    double filesPerSecond() const;
    // -1 while unknown.
    double secondsLeft(qint64 bytesLeft, qint64 filesLeft) const;

private:
    struct Sample {
        qint64 ms;
        qint64 bytes;
        qint64 files;
    };
    std::deque<Sample> m_samples;
};

// What the system still has to write to its disks (Dirty and Writeback of /proc/meminfo), in
// bytes; -1 where that is not known.
qint64 systemDirtyBytes();

} // namespace Ferry
