#pragma once

#include <QtGlobal>

namespace Ferry {

class CopyControl;

struct ChecksumResult {
    bool ok = false;
    bool cancelled = false;
    int err = 0;
    quint64 hash = 0;
};

// XXH3-64 of the first `size` bytes of an open file. With fromCache false the file's pages are
// dropped first (posix_fadvise DONTNEED, after the caller flushed it), so the read-back checks
// what the disk holds, not what is still in memory.
ChecksumResult checksumFile(int fd, qint64 size, bool fromCache, CopyControl &control);

} // namespace Ferry
