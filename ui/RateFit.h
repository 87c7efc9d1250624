#pragma once

#include "CopyTypes.h"

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

// How far a job is, counting the bytes copied but not yet on the disk as half done: they are
// written again by the system, during the copy or in the flush at the end. So the bar keeps
// moving while "Flushing to disk" and never goes back within a job.
class DiskProgress
{
public:
    void reset();
    // dirty: what the system still has to write (systemDirtyBytes()), or -1 if unknown.
    void update(const Progress &progress, qint64 dirty, qint64 ms);
    double fraction() const { return m_fraction; }
    // During the flush: the job's bytes still to write, and the time that should take at the rate
    // seen since the flush began (-1 while unknown).
    qint64 flushLeft() const { return m_flushLeft; }
    double flushSecondsLeft() const;

private:
    double m_fraction = 0;
    qint64 m_flushDirty = -1; // still to write when the flush began
    qint64 m_flushMs = 0;
    qint64 m_flushLeft = -1;
    qint64 m_lastMs = 0;
};

// What the system still has to write to its disks (Dirty and Writeback of /proc/meminfo), in
// bytes; -1 where that is not known.
qint64 systemDirtyBytes();

} // namespace Ferry
