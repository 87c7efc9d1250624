// Moving bytes on POSIX: a reflink (FICLONE) where the filesystems allow it, else
// copy_file_range, else read/write with a large buffer; holes of sparse files are kept. Elsewhere
// than Linux: the portable read/write loop. And reading a file back for --verify.
#include "PosixFileSystem.h"
#include "fs/DataCopySupport.h"

#include "Platform.h"

#include "CopyControl.h"

#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <fcntl.h>
#include <unistd.h>

#if FERRY_LINUX_CALLS
#include <linux/fs.h>
#include <linux/magic.h>
#include <sys/ioctl.h>
#include <sys/vfs.h>
#endif

namespace Ferry::fs {

namespace {
// Big enough to keep the disk busy, small enough that a pause or cancel lands within ~10 ms.
constexpr qint64 Chunk = 8 * 1024 * 1024;
constexpr size_t BufferSize = 1024 * 1024;

bool writeAll(int out, const char *data, size_t n, qint64 offset, int *err)
{
    while (n > 0) {
        const ssize_t w = ::pwrite(out, data, n, offset);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            return false;
        }
        if (w == 0) {
            *err = ENOSPC;
            return false;
        }
        data += w;
        n -= size_t(w);
        offset += w;
    }
    return true;
}

// Starts writing [from, from + n) of out to the disk without waiting for it, so that the flush
// that follows a large file finds little of it left (see FileCopier for why only then). Only
// Linux has the call.
void startWriteBack(int out, qint64 from, qint64 n)
{
#if FERRY_LINUX_CALLS
    ::sync_file_range(out, from, n, SYNC_FILE_RANGE_WRITE);
#else
    Q_UNUSED(out);
    Q_UNUSED(from);
    Q_UNUSED(n);
#endif
}

#if FERRY_LINUX_CALLS
bool copyRangeUnsupported(int err)
{
    return err == EXDEV || err == EINVAL || err == ENOSYS || err == EOPNOTSUPP || err == EBADF || err == ETXTBSY;
}

// Whether a file written here is worth allocating first: not on btrfs, which does not compress
// what is written into allocated extents.
bool allocateFirst(int out)
{
    struct statfs st {};
    return ::fstatfs(out, &st) == 0 && st.f_type != BTRFS_SUPER_MAGIC;
}

// Read/write over [from, to) as copyRange's fallback. A whole file of some size (not a sparse one's
// segment) is allocated first (fallocate: extents marked unwritten, no data written), a hint
// whose failure changes nothing. Writing into the page cache, ext4 must otherwise reserve every
// dirty block, and near full (free space under twice what is dirty: a 2 GiB copy onto a disk
// with 3 GiB free) it falls back to writing back at each write: 4 files of 512 MiB into a fresh
// 3.3 GB ext4 took 1.10-1.14 s, 0.50-0.67 s allocated first (cp -a 1.48-1.89 s). Not before
// copy_file_range, which within XFS or btrfs shares the source's extents instead.
DataCopyResult readWriteRange(int in, int out, qint64 from, qint64 to, CopyControl &control,
                              std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone,
                              const DataCopyRequest &request)
{
    if (from == 0 && to == request.size && !request.sparse && to >= Chunk && allocateFirst(out))
        ::fallocate(out, 0, 0, to);
    return readWriteLoop(in, out, from, to, control, bytesDone, fileDone, false, request.writeBack);
}

// copy_file_range over [from, to), falling back to read/write where the kernel or the
// filesystems can't (across filesystems, special filesystems).
DataCopyResult copyRange(int in, int out, qint64 from, qint64 to, CopyControl &control,
                         std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone, const DataCopyRequest &request)
{
    if (!request.tryRange)
        return readWriteRange(in, out, from, to, control, bytesDone, fileDone, request);
    loff_t inOff = from;
    loff_t outOff = from;
    while (inOff < to) {
        if (!control.checkpoint())
            return copyCancelled();
        const size_t want = size_t(std::min<qint64>(control.chunkSize(Chunk), to - inOff));
        const ssize_t n = ::copy_file_range(in, &inOff, out, &outOff, want, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (copyRangeUnsupported(errno) && inOff == from) {
                // EXDEV: refused between these two filesystems, not for this file alone; the caller
                // stops asking for the rest of its source's files.
                const bool refused = errno == EXDEV;
                DataCopyResult r = readWriteRange(in, out, from, to, control, bytesDone, fileDone, request);
                r.rangeUnsupported = refused;
                return r;
            }
            return copyFailure(errno, QT_TRANSLATE_NOOP("Ferry::CopyJob", "copy"));
        }
        if (n == 0)
            return copyFailure(0, shrankText());
        countCopied(n, bytesDone, fileDone);
        control.throttle(n);
        if (request.writeBack)
            startWriteBack(out, outOff - n, n);
    }
    return copySuccess();
}
#endif
} // namespace

DataCopyResult readWriteLoop(int in, int out, qint64 from, qint64 to, CopyControl &control,
                             std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone, bool toEnd,
                             bool writeBack)
{
    qint64 unwritten = 0; // copied since write-back was last started
    thread_local std::unique_ptr<char[]> buffer;
    if (!buffer)
        buffer.reset(new char[BufferSize]);
    qint64 offset = from;
    while (toEnd || offset < to) {
        if (!control.checkpoint())
            return copyCancelled();
        const size_t want = toEnd ? size_t(control.chunkSize(qint64(BufferSize)))
                                  : size_t(std::min<qint64>(control.chunkSize(qint64(BufferSize)), to - offset));
        const ssize_t n = ::pread(in, buffer.get(), want, offset);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return copyFailure(errno, QT_TRANSLATE_NOOP("Ferry::CopyJob", "read"));
        }
        if (n == 0) {
            if (toEnd)
                break;
            return copyFailure(0, shrankText());
        }
        int err = 0;
        if (!writeAll(out, buffer.get(), size_t(n), offset, &err))
            return copyFailure(err, QT_TRANSLATE_NOOP("Ferry::CopyJob", "write"));
        offset += n;
        countCopied(n, bytesDone, fileDone);
        control.throttle(n);
        unwritten += n;
        if (writeBack && unwritten >= Chunk) {
            startWriteBack(out, offset - unwritten, unwritten);
            unwritten = 0;
        }
    }
    return copySuccess();
}

DataCopyResult PosixFileSystem::copyData(const DataCopyRequest &request, CopyControl &control,
                                         std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone)
{
    const int in = int(request.in);
    const int out = int(request.out);
    // Files whose size means nothing (procfs, sysfs) are read as a stream, with pread at offsets.
    if (request.toEnd)
        return readWriteLoop(in, out, 0, request.size, control, bytesDone, fileDone, true);
    if (request.size == 0)
        return copySuccess();
#if FERRY_LINUX_CALLS
    bool cloneUnsupported = false;
    if (request.tryClone) {
        if (::ioctl(out, FICLONE, in) == 0) {
            countCopied(request.size, bytesDone, fileDone);
            DataCopyResult r = copySuccess();
            r.cloned = true;
            return r;
        }
        cloneUnsupported = errno == EOPNOTSUPP || errno == EXDEV || errno == EINVAL || errno == ENOTTY
            || errno == ENOSYS;
    }
    DataCopyResult r;
    if (request.sparse) {
        // Copy only the data segments; the holes stay holes once the size is set.
        qint64 pos = 0;
        r = copySuccess();
        while (pos < request.size) {
            const off_t data = ::lseek(in, pos, SEEK_DATA);
            if (data < 0) {
                if (errno == ENXIO)
                    break; // only a hole remains
                r = copyRange(in, out, pos, request.size, control, bytesDone, fileDone, request);
                break;
            }
            if (data >= request.size)
                break;
            off_t hole = ::lseek(in, data, SEEK_HOLE);
            if (hole < 0 || hole > request.size)
                hole = off_t(request.size);
            // Bytes of the holes skipped count as done, so the bar still moves by bytes.
            countCopied(data - pos, bytesDone, fileDone);
            r = copyRange(in, out, data, hole, control, bytesDone, fileDone, request);
            if (!r.ok)
                break;
            pos = hole;
        }
        if (r.ok && pos < request.size)
            countCopied(request.size - pos, bytesDone, fileDone);
        if (r.ok && ::ftruncate(out, request.size) != 0)
            r = copyFailure(errno, QT_TRANSLATE_NOOP("Ferry::CopyJob", "set size"));
    } else {
        r = copyRange(in, out, 0, request.size, control, bytesDone, fileDone, request);
    }
    r.cloneUnsupported = cloneUnsupported;
    return r;
#else
    return readWriteLoop(in, out, 0, request.size, control, bytesDone, fileDone, false, request.writeBack);
#endif
}

ChecksumResult PosixFileSystem::checksum(Handle file, qint64 size, bool fromCache, CopyControl &control)
{
    const int fd = int(file);
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

ChecksumResult PosixFileSystem::checksumCopy(Staged *staged, qint64 size, CopyControl &control)
{
    if (staged->tempName.isEmpty())
        return checksum(staged->file, size, false, control);
    const int fd = ::openat(int(staged->folder), staged->tempName.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        ChecksumResult r;
        r.err = errno;
        return r;
    }
    const ChecksumResult r = checksum(fd, size, false, control);
    ::close(fd);
    return r;
}

} // namespace Ferry::fs
