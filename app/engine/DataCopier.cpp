#include "DataCopier.h"

#include "Platform.h"

#include "CopyControl.h"

#include <QByteArray>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <fcntl.h>
#include <unistd.h>

#if FERRY_LINUX_CALLS
#include <linux/fs.h>
#include <sys/ioctl.h>
#endif

namespace Ferry {

namespace {
// Big enough to keep the disk busy, small enough that a pause or cancel lands within ~10 ms.
constexpr qint64 Chunk = 8 * 1024 * 1024;
constexpr size_t BufferSize = 1024 * 1024;

DataCopyResult failure(int err, const char *what)
{
    DataCopyResult r;
    r.err = err;
    r.what = what;
    return r;
}

DataCopyResult success()
{
    DataCopyResult r;
    r.ok = true;
    return r;
}

DataCopyResult cancelledResult()
{
    DataCopyResult r;
    r.cancelled = true;
    r.what = QT_TRANSLATE_NOOP("Ferry::CopyJob", "cancelled");
    return r;
}

void count(qint64 n, std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone)
{
    bytesDone->fetch_add(n, std::memory_order_relaxed);
    fileDone->fetch_add(n, std::memory_order_relaxed);
}

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

#if FERRY_LINUX_CALLS
bool copyRangeUnsupported(int err)
{
    return err == EXDEV || err == EINVAL || err == ENOSYS || err == EOPNOTSUPP || err == EBADF || err == ETXTBSY;
}

// copy_file_range over [from, to), falling back to read/write where the kernel or the
// filesystems can't (cross-device on old kernels, special filesystems).
DataCopyResult copyRange(int in, int out, qint64 from, qint64 to, CopyControl &control,
                         std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone, bool writeBack)
{
    loff_t inOff = from;
    loff_t outOff = from;
    while (inOff < to) {
        if (!control.checkpoint())
            return cancelledResult();
        const size_t want = size_t(std::min<qint64>(control.chunkSize(Chunk), to - inOff));
        const ssize_t n = ::copy_file_range(in, &inOff, out, &outOff, want, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (copyRangeUnsupported(errno) && inOff == from)
                return DataCopier::readWrite(in, out, from, to, control, bytesDone, fileDone);
            return failure(errno, QT_TRANSLATE_NOOP("Ferry::CopyJob", "copy"));
        }
        if (n == 0)
            return failure(0, QT_TRANSLATE_NOOP("Ferry::CopyJob", "source ended early: it shrank while being copied"));
        count(n, bytesDone, fileDone);
        control.throttle(n);
        // Start writing this chunk to the disk now (without waiting), so the flush at the end
        // finds little left instead of every large file at once.
        if (writeBack)
            ::sync_file_range(out, outOff - n, n, SYNC_FILE_RANGE_WRITE);
    }
    return success();
}
#endif
} // namespace

DataCopyResult DataCopier::readWrite(int in, int out, qint64 from, qint64 to, CopyControl &control,
                                     std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone,
                                     int injectErrno, qint64 injectAt)
{
    thread_local std::unique_ptr<char[]> buffer;
    if (!buffer)
        buffer.reset(new char[BufferSize]);
    qint64 offset = from;
    while (offset < to) {
        if (!control.checkpoint())
            return cancelledResult();
        const size_t want = size_t(std::min<qint64>(control.chunkSize(qint64(BufferSize)), to - offset));
        const ssize_t n = ::pread(in, buffer.get(), want, offset);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return failure(errno, QT_TRANSLATE_NOOP("Ferry::CopyJob", "read"));
        }
        if (n == 0)
            return failure(0, QT_TRANSLATE_NOOP("Ferry::CopyJob", "source ended early: it shrank while being copied"));
        if (injectErrno && offset + n > injectAt)
            return failure(injectErrno, QT_TRANSLATE_NOOP("Ferry::CopyJob", "write"));
        int err = 0;
        if (!writeAll(out, buffer.get(), size_t(n), offset, &err))
            return failure(err, QT_TRANSLATE_NOOP("Ferry::CopyJob", "write"));
        offset += n;
        count(n, bytesDone, fileDone);
        control.throttle(n);
    }
    return success();
}

DataCopyResult DataCopier::copy(const DataCopyRequest &rq, CopyControl &control,
                                std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone)
{
    if (rq.size == 0)
        return success();
    if (rq.injectErrno)
        return readWrite(rq.in, rq.out, 0, rq.size, control, bytesDone, fileDone, rq.injectErrno, rq.size / 2);
#if FERRY_LINUX_CALLS
    bool cloneUnsupported = false;
    if (rq.tryClone) {
        if (::ioctl(rq.out, FICLONE, rq.in) == 0) {
            count(rq.size, bytesDone, fileDone);
            DataCopyResult r = success();
            r.cloned = true;
            return r;
        }
        cloneUnsupported = errno == EOPNOTSUPP || errno == EXDEV || errno == EINVAL || errno == ENOTTY
            || errno == ENOSYS;
    }
    DataCopyResult r;
    if (rq.sparse) {
        // Copy only the data segments; the holes stay holes once the size is set.
        qint64 pos = 0;
        r = success();
        while (pos < rq.size) {
            const off_t data = ::lseek(rq.in, pos, SEEK_DATA);
            if (data < 0) {
                if (errno == ENXIO)
                    break; // only a hole remains
                r = copyRange(rq.in, rq.out, pos, rq.size, control, bytesDone, fileDone, rq.writeBack);
                break;
            }
            if (data >= rq.size)
                break;
            off_t hole = ::lseek(rq.in, data, SEEK_HOLE);
            if (hole < 0 || hole > rq.size)
                hole = off_t(rq.size);
            // Bytes of the holes skipped count as done, so the bar still moves by bytes.
            count(data - pos, bytesDone, fileDone);
            r = copyRange(rq.in, rq.out, data, hole, control, bytesDone, fileDone, rq.writeBack);
            if (!r.ok)
                break;
            pos = hole;
        }
        if (r.ok && pos < rq.size)
            count(rq.size - pos, bytesDone, fileDone);
        if (r.ok && ::ftruncate(rq.out, rq.size) != 0)
            r = failure(errno, QT_TRANSLATE_NOOP("Ferry::CopyJob", "set size"));
    } else {
        r = copyRange(rq.in, rq.out, 0, rq.size, control, bytesDone, fileDone, rq.writeBack);
    }
    r.cloneUnsupported = cloneUnsupported;
    return r;
#else
    return readWrite(rq.in, rq.out, 0, rq.size, control, bytesDone, fileDone);
#endif
}

int injectedWriteError(const QByteArray &name)
{
    static const QByteArray spec = qgetenv("FERRY_TEST_FAIL_WRITE");
    if (spec.isEmpty())
        return 0;
    const qsizetype colon = spec.lastIndexOf(':');
    if (colon <= 0 || spec.left(colon) != name)
        return 0;
    const QByteArray code = spec.mid(colon + 1);
    if (code == "ENOSPC")
        return ENOSPC;
    if (code == "EIO")
        return EIO;
    if (code == "EDQUOT")
        return EDQUOT;
    if (code == "EACCES")
        return EACCES;
    return EIO;
}

} // namespace Ferry

namespace Ferry {

bool injectedCorruption(const QByteArray &name)
{
    static const QByteArray spec = qgetenv("FERRY_TEST_CORRUPT");
    return !spec.isEmpty() && spec == name;
}

} // namespace Ferry
