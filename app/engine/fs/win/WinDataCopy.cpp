// Writing a file on Windows: a hidden temporary in the target folder, Ferry's own read/write loop
// (so pause, cancel, the speed limit and progress work inside a file), MoveFileExW into place,
// and reading it back for --verify.
#include "WinFileSystem.h"
#include "WinSupport.h"

#include "CopyControl.h"
#include "TempFiles.h"
#include "fs/DataCopySupport.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <mutex>
#include <vector>

namespace Ferry::fs {

using namespace win;

namespace {
constexpr qint64 BufferSize = 1024 * 1024;

// A page-aligned buffer (unbuffered reads need one) for one copy or checksum, taken from the
// buffers that earlier ones gave back, so a copy in flight owns one and a file costs no allocation.
// Not a thread_local object: MinGW-w64 runs the destructors of thread_local objects from its
// emulated TLS as a thread ends, and for the pool threads QThread makes that raced with QThread's
// own end (a page fault inside QThreadPool's teardown, about one run in five with 8 threads under
// Wine; none in 45 runs without the destructor). The buffers stay for the life of the process,
// one per copy that ran at once.
class BufferLease
{
public:
    BufferLease()
    {
        {
            const std::lock_guard<std::mutex> lock(s_mutex);
            if (!s_free.empty()) {
                m_data = s_free.back();
                s_free.pop_back();
                return;
            }
        }
        m_data = static_cast<char *>(::VirtualAlloc(nullptr, SIZE_T(BufferSize), MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE));
    }
    ~BufferLease()
    {
        if (!m_data)
            return;
        const std::lock_guard<std::mutex> lock(s_mutex);
        s_free.push_back(m_data);
    }
    BufferLease(const BufferLease &) = delete;
    BufferLease &operator=(const BufferLease &) = delete;
    char *data() const { return m_data; }

private:
    char *m_data = nullptr;
    static inline std::mutex s_mutex;
    static inline std::vector<char *> s_free;
};

bool writeAll(HANDLE out, const char *data, qint64 n, qint64 offset, DWORD *error)
{
    while (n > 0) {
        const qint64 w = writeAt(out, data, n, offset, error);
        if (w < 0)
            return false;
        if (w == 0) {
            *error = ERROR_DISK_FULL;
            return false;
        }
        data += w;
        n -= w;
        offset += w;
    }
    return true;
}

ChecksumResult hashFile(HANDLE h, qint64 size, CopyControl &control)
{
    ChecksumResult r;
    const BufferLease lease;
    char *buffer = lease.data();
    if (!buffer) {
        r.err = ENOMEM;
        return r;
    }
    XXH3_state_t state;
    XXH3_64bits_reset(&state);
    qint64 offset = 0;
    while (offset < size) {
        if (!control.checkpoint()) {
            r.cancelled = true;
            return r;
        }
        DWORD error = 0;
        // Whole buffers (an unbuffered handle reads only whole sectors); the end may come short.
        const qint64 n = readAt(h, buffer, BufferSize, offset, &error);
        if (n < 0) {
            r.err = errnoFrom(error);
            return r;
        }
        if (n == 0) {
            r.err = EIO;
            return r;
        }
        XXH3_64bits_update(&state, buffer, size_t(std::min(n, size - offset)));
        offset += n;
    }
    r.hash = XXH3_64bits_digest(&state);
    r.ok = true;
    return r;
}
} // namespace

int WinFileSystem::createStaged(Handle dir, quint32 mode, bool readable, Staged *s)
{
    Q_UNUSED(mode);
    discard(s);
    *s = Staged();
    s->folder = dir;
    const QByteArray temp = makeTempName();
    const DWORD access = GENERIC_WRITE | (readable ? GENERIC_READ : 0);
    const HANDLE h = ::CreateFileW(childPath(dir, temp).c_str(), access, FILE_SHARE_READ | FILE_SHARE_DELETE, nullptr,
                                   CREATE_NEW, FILE_ATTRIBUTE_HIDDEN | FILE_FLAG_SEQUENTIAL_SCAN, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return lastErrno();
    s->file = Handle(h);
    s->tempName = temp;
    return 0;
}

int WinFileSystem::publish(Staged *s, const QByteArray &name, bool replace)
{
    if (s->file != NoHandle) {
        const HANDLE h = fileOf(s->file);
        // Hidden only while it was a temporary.
        FILE_BASIC_INFO bi{};
        if (::GetFileInformationByHandleEx(h, FileBasicInfo, &bi, sizeof bi) && (bi.FileAttributes & FILE_ATTRIBUTE_HIDDEN)) {
            FILE_BASIC_INFO set{}; // zero times: left as they are
            const DWORD attrs = bi.FileAttributes & ~DWORD(FILE_ATTRIBUTE_HIDDEN);
            set.FileAttributes = attrs ? attrs : FILE_ATTRIBUTE_NORMAL;
            ::SetFileInformationByHandle(h, FileBasicInfo, &set, sizeof set);
        }
        s->file = NoHandle;
        if (!::CloseHandle(h))
            return lastErrno();
    }
    if (const int err = rename(s->folder, s->tempName, name, replace))
        return err;
    s->published = true;
    s->tempName.clear();
    return 0;
}

void WinFileSystem::discard(Staged *s)
{
    if (s->file != NoHandle) {
        ::CloseHandle(fileOf(s->file));
        s->file = NoHandle;
    }
    if (!s->published && !s->tempName.isEmpty())
        remove(s->folder, s->tempName);
    s->tempName.clear();
}

DataCopyResult WinFileSystem::copyData(const DataCopyRequest &request, CopyControl &control,
                                       std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone)
{
    const HANDLE in = fileOf(request.in);
    const HANDLE out = fileOf(request.out);
    const BufferLease lease;
    char *buffer = lease.data();
    if (!buffer)
        return copyFailure(ENOMEM, QT_TRANSLATE_NOOP("Ferry::CopyJob", "read"));
    qint64 offset = 0;
    while (request.toEnd || offset < request.size) {
        if (!control.checkpoint())
            return copyCancelled();
        qint64 want = control.chunkSize(BufferSize);
        if (!request.toEnd)
            want = std::min(want, request.size - offset);
        DWORD error = 0;
        const qint64 n = readAt(in, buffer, want, offset, &error);
        if (n < 0)
            return copyFailure(errnoFrom(error), QT_TRANSLATE_NOOP("Ferry::CopyJob", "read"));
        if (n == 0) {
            if (request.toEnd)
                break;
            return copyFailure(0, shrankText());
        }
        if (!writeAll(out, buffer, n, offset, &error))
            return copyFailure(errnoFrom(error), QT_TRANSLATE_NOOP("Ferry::CopyJob", "write"));
        offset += n;
        countCopied(n, bytesDone, fileDone);
        control.throttle(n);
    }
    return copySuccess();
}

ChecksumResult WinFileSystem::checksum(Handle file, qint64 size, bool fromCache, CopyControl &control)
{
    Q_UNUSED(fromCache); // an open handle's cache cannot be dropped: checksumCopy opens unbuffered
    return hashFile(fileOf(file), size, control);
}

ChecksumResult WinFileSystem::checksumCopy(Staged *staged, qint64 size, CopyControl &control)
{
    ChecksumResult r;
    if (staged->file != NoHandle && !::FlushFileBuffers(fileOf(staged->file))) {
        r.err = lastErrno();
        return r;
    }
    // A fresh open of its temporary name, past the cache, reads what the disk holds.
    const std::wstring path = childPath(staged->folder, staged->tempName);
    HANDLE h = ::CreateFileW(path.c_str(), GENERIC_READ, ShareAll, nullptr, OPEN_EXISTING,
                             FILE_FLAG_NO_BUFFERING | FILE_FLAG_SEQUENTIAL_SCAN, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        h = ::CreateFileW(path.c_str(), GENERIC_READ, ShareAll, nullptr, OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        r.err = lastErrno();
        return r;
    }
    r = hashFile(h, size, control);
    ::CloseHandle(h);
    return r;
}

} // namespace Ferry::fs
