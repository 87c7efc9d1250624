#pragma once

#include <QString>
#include <QtGlobal>
#include <QtGlobal>

#include <atomic>

namespace Ferry {

class CopyControl;

// The one place that knows how a platform moves bytes from one open file to another. Linux:
// a reflink (FICLONE) where the filesystems allow it, else copy_file_range, else read/write with a
// large buffer; holes of sparse files are kept. Elsewhere: the portable read/write loop.
struct DataCopyRequest {
    int in = -1;
    int out = -1;
    qint64 size = 0;       // bytes to copy, as the source had when it was opened
    bool sparse = false;   // the source has holes worth keeping
    bool tryClone = true;  // a reflink may work here
    bool writeBack = false; // start writeback chunk by chunk (large files, when a flush follows)
};

struct DataCopyResult {
    bool ok = false;
    bool cancelled = false;
    bool cloned = false;
    bool cloneUnsupported = false; // stop trying reflinks for this job
    int err = 0;                   // errno of the failing call
    const char *what = "";         // "read", "write", ... or a sentence; translated by the caller
};

class DataCopier
{
public:
    // Copies, polling control between chunks and adding each chunk to *bytesDone and *fileDone.
    static DataCopyResult copy(const DataCopyRequest &request, CopyControl &control,
                               std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone);

    // The portable loop, also the fallback of the platform paths.
    static DataCopyResult readWrite(int in, int out, qint64 from, qint64 to, CopyControl &control,
                                    std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone);
};

} // namespace Ferry
