#include "Checksum.h"

#include "CopyControl.h"

#include <xxhash.h>

#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace Ferry {

ChecksumResult checksumFile(int fd, qint64 size, bool fromCache, CopyControl &control)
{
    ChecksumResult r;
    if (!fromCache) {
#ifdef POSIX_FADV_DONTNEED
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
#endif
    }
    constexpr size_t BufferSize = 1024 * 1024;
    thread_local std::unique_ptr<char[]> buffer;
    if (!buffer)
        buffer.reset(new char[BufferSize]);
    std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(), &XXH3_freeState);
    XXH3_64bits_reset(state.get());
    qint64 offset = 0;
    while (offset < size) {
        if (!control.checkpoint()) {
            r.cancelled = true;
            return r;
        }
        const ssize_t n = ::pread(fd, buffer.get(), size_t(std::min<qint64>(qint64(BufferSize), size - offset)), offset);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            r.err = errno;
            return r;
        }
        if (n == 0) {
            r.err = EIO;
            return r;
        }
        XXH3_64bits_update(state.get(), buffer.get(), size_t(n));
        offset += n;
    }
    r.hash = XXH3_64bits_digest(state.get());
    r.ok = true;
    return r;
}

} // namespace Ferry
