// The Win32 file layer: looking, opening, making and removing, attributes, the flush.
#include "WinFileSystem.h"
#include "WinSupport.h"

#include <winioctl.h>

#include <cerrno>
#include <memory>

namespace Ferry::fs {

using namespace win;

namespace {
constexpr quint32 TypeFolder = 0040000;
constexpr quint32 TypeFile = 0100000;
constexpr quint32 TypeLink = 0120000;

// The reparse point layout of symbolic links and junctions (ntifs.h, not in the user headers).
struct ReparseData
{
    ULONG tag;
    USHORT dataLength;
    USHORT reserved;
    USHORT substituteOffset;
    USHORT substituteLength;
    USHORT printOffset;
    USHORT printLength;
    // Symbolic links have ULONG flags here; junctions start their path buffer.
};

bool isLinkTag(DWORD tag)
{
    return tag == IO_REPARSE_TAG_SYMLINK || tag == IO_REPARSE_TAG_MOUNT_POINT;
}

void fill(DWORD attrs, DWORD tag, const FILETIME &atime, const FILETIME &mtime, quint64 size, FileInfo *out)
{
    const bool link = (attrs & FILE_ATTRIBUTE_REPARSE_POINT) && isLinkTag(tag);
    const bool folder = (attrs & FILE_ATTRIBUTE_DIRECTORY) != 0;
    out->kind = link ? Kind::Symlink : folder ? Kind::Folder : Kind::File;
    // The read-only attribute stands for the write bits; Windows has no other mode.
    quint32 perms = folder || link ? 0755 : 0644;
    if (!folder && !link && (attrs & FILE_ATTRIBUTE_READONLY))
        perms &= ~0222u;
    out->mode = (link ? TypeLink : folder ? TypeFolder : TypeFile) | perms;
    out->size = folder ? 0 : qint64(size);
    out->allocated = out->size;
    out->atime = toTimespec(atime);
    out->mtime = toTimespec(mtime);
}

int statHandle(HANDLE h, FileInfo *out)
{
    BY_HANDLE_FILE_INFORMATION bi{};
    if (!::GetFileInformationByHandle(h, &bi))
        return lastErrno();
    DWORD tag = 0;
    if (bi.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) {
        FILE_ATTRIBUTE_TAG_INFO ti{};
        if (::GetFileInformationByHandleEx(h, FileAttributeTagInfo, &ti, sizeof ti))
            tag = ti.ReparseTag;
    }
    fill(bi.dwFileAttributes, tag, bi.ftLastAccessTime, bi.ftLastWriteTime,
         quint64(bi.nFileSizeHigh) << 32 | bi.nFileSizeLow, out);
    out->device = bi.dwVolumeSerialNumber;
    out->inode = quint64(bi.nFileIndexHigh) << 32 | bi.nFileIndexLow;
    return 0;
}

int statPath(const std::wstring &path, bool follow, FileInfo *out)
{
    const HANDLE h = ::CreateFileW(path.c_str(), FILE_READ_ATTRIBUTES, ShareAll, nullptr, OPEN_EXISTING,
                                   FILE_FLAG_BACKUP_SEMANTICS | (follow ? 0 : FILE_FLAG_OPEN_REPARSE_POINT), nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        const DWORD e = ::GetLastError();
        // A file held open without sharing (a running program's swap file) can still be looked at.
        WIN32_FILE_ATTRIBUTE_DATA ad{};
        if (e == ERROR_SHARING_VIOLATION && ::GetFileAttributesExW(path.c_str(), GetFileExInfoStandard, &ad)) {
            fill(ad.dwFileAttributes, 0, ad.ftLastAccessTime, ad.ftLastWriteTime,
                 quint64(ad.nFileSizeHigh) << 32 | ad.nFileSizeLow, out);
            return 0;
        }
        return errnoFrom(e);
    }
    const int err = statHandle(h, out);
    ::CloseHandle(h);
    return err;
}

std::wstring withSlash(std::wstring path)
{
    if (!path.empty() && path.back() != L'\\')
        path += L'\\';
    return path;
}

// MoveFileExW: replacing what is there only when asked (a conflict is ERROR_ALREADY_EXISTS,
// never an overwrite). A read-only file in the way of a replace the user chose is replaced on
// purpose: its attribute is cleared first, and put back if the replace still fails.
int moveEntry(const std::wstring &from, const std::wstring &to, bool replace)
{
    if (::MoveFileExW(from.c_str(), to.c_str(), replace ? MOVEFILE_REPLACE_EXISTING : 0))
        return 0;
    DWORD e = ::GetLastError();
    if (replace && e == ERROR_ACCESS_DENIED) {
        const DWORD attrs = ::GetFileAttributesW(to.c_str());
        if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_READONLY) && !(attrs & FILE_ATTRIBUTE_DIRECTORY)
            && ::SetFileAttributesW(to.c_str(), attrs & ~DWORD(FILE_ATTRIBUTE_READONLY))) {
            if (::MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING))
                return 0;
            e = ::GetLastError();
            ::SetFileAttributesW(to.c_str(), attrs);
        }
    }
    return errnoFrom(e);
}

} // namespace

FileSystem &native()
{
    static WinFileSystem instance;
    return instance;
}

int WinFileSystem::stat(Handle dir, const QByteArray &name, bool follow, FileInfo *out)
{
    return statPath(childPath(dir, name), follow, out);
}

int WinFileSystem::statOpen(Handle file, FileInfo *out)
{
    if (isFolder(file))
        return statPath(folderOf(file)->path, true, out);
    return statHandle(fileOf(file), out);
}

int WinFileSystem::readLink(const QByteArray &path, QByteArray *target)
{
    const std::wstring w = widePath(path);
    const HANDLE h = ::CreateFileW(w.c_str(), FILE_READ_ATTRIBUTES, ShareAll, nullptr, OPEN_EXISTING,
                                   FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return lastErrno();
    std::unique_ptr<char[]> buffer(new char[MAXIMUM_REPARSE_DATA_BUFFER_SIZE]);
    DWORD got = 0;
    const bool ok = ::DeviceIoControl(h, FSCTL_GET_REPARSE_POINT, nullptr, 0, buffer.get(),
                                      MAXIMUM_REPARSE_DATA_BUFFER_SIZE, &got, nullptr);
    const DWORD e = ::GetLastError();
    ::CloseHandle(h);
    if (!ok)
        return e == ERROR_NOT_A_REPARSE_POINT ? EINVAL : errnoFrom(e);
    const auto *r = reinterpret_cast<const ReparseData *>(buffer.get());
    if (!isLinkTag(r->tag))
        return EINVAL;
    const char *paths = buffer.get() + sizeof(ReparseData) + (r->tag == IO_REPARSE_TAG_SYMLINK ? sizeof(ULONG) : 0);
    // The print name is what was given; the substitute name is the NT form (\??\C:\...).
    const bool print = r->printLength > 0;
    const auto *text = reinterpret_cast<const wchar_t *>(paths + (print ? r->printOffset : r->substituteOffset));
    std::wstring t(text, (print ? r->printLength : r->substituteLength) / sizeof(wchar_t));
    if (!print && t.rfind(L"\\??\\", 0) == 0)
        t = t.substr(4);
    *target = utf8(t.data(), t.size());
    target->replace('\\', '/');
    return 0;
}

QByteArray WinFileSystem::canonicalPath(const QByteArray &path)
{
    const std::wstring w = widePath(path);
    const HANDLE h = ::CreateFileW(w.c_str(), FILE_READ_ATTRIBUTES, ShareAll, nullptr, OPEN_EXISTING,
                                   FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return QByteArray();
    std::wstring final(32768, L'\0');
    const DWORD n = ::GetFinalPathNameByHandleW(h, final.data(), DWORD(final.size()), FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    ::CloseHandle(h);
    // (It fails on some systems for long paths: the full path is then the answer, links unresolved.)
    if (n == 0 || n >= final.size())
        return enginePath(w);
    final.resize(n);
    return enginePath(final);
}

int WinFileSystem::list(const QByteArray &folder, bool follow, const std::function<void(const ListedEntry &)> &each)
{
    const std::wstring base = withSlash(widePath(folder));
    const std::wstring pattern = base + L"*";
    WIN32_FIND_DATAW fd{};
    // One call a batch gives names, sizes, times and attributes: no look at each file.
    const HANDLE find = ::FindFirstFileExW(pattern.c_str(), FindExInfoBasic, &fd, FindExSearchNameMatch, nullptr,
                                           FIND_FIRST_EX_LARGE_FETCH);
    if (find == INVALID_HANDLE_VALUE) {
        const DWORD e = ::GetLastError();
        return e == ERROR_FILE_NOT_FOUND ? 0 : errnoFrom(e);
    }
    do {
        const wchar_t *n = fd.cFileName;
        if (n[0] == L'.' && (n[1] == 0 || (n[1] == L'.' && n[2] == 0)))
            continue;
        const QByteArray name = utf8(n, wcslen(n));
        FileInfo info;
        const DWORD tag = (fd.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) ? fd.dwReserved0 : 0;
        fill(fd.dwFileAttributes, tag, fd.ftLastAccessTime, fd.ftLastWriteTime,
             quint64(fd.nFileSizeHigh) << 32 | fd.nFileSizeLow, &info);
        int err = 0;
        bool broken = false;
        // Following links: what each leads to, with the ids that tell a loop.
        if (follow && (info.kind == Kind::Symlink || info.kind == Kind::Folder)) {
            FileInfo target;
            err = statPath(base + n, true, &target);
            if (err == 0)
                info = target;
            else
                broken = info.kind == Kind::Symlink;
        }
        each(ListedEntry{name, info, err, broken});
    } while (::FindNextFileW(find, &fd));
    const DWORD e = ::GetLastError();
    ::FindClose(find);
    return e == ERROR_NO_MORE_FILES ? 0 : errnoFrom(e);
}

Handle WinFileSystem::openFolder(const QByteArray &path, bool noFollow, int *err)
{
    std::wstring w = widePath(path);
    const DWORD attrs = ::GetFileAttributesW(w.c_str());
    if (attrs == INVALID_FILE_ATTRIBUTES) {
        *err = lastErrno();
        return NoHandle;
    }
    if (!(attrs & FILE_ATTRIBUTE_DIRECTORY)) {
        *err = ENOTDIR;
        return NoHandle;
    }
    if (noFollow && (attrs & FILE_ATTRIBUTE_REPARSE_POINT)) {
        FileInfo info;
        if (statPath(w, false, &info) == 0 && info.kind == Kind::Symlink) {
            *err = ELOOP;
            return NoHandle;
        }
    }
    while (w.size() > 7 && w.back() == L'\\') // not the slash of a root (\\?\C:\)
        w.pop_back();
    return folderHandle(new Folder{std::move(w)});
}

Handle WinFileSystem::openRead(Handle dir, const QByteArray &name, bool follow, int *err)
{
    const std::wstring p = childPath(dir, name);
    const HANDLE h = ::CreateFileW(p.c_str(), GENERIC_READ, ShareAll, nullptr, OPEN_EXISTING,
                                   FILE_FLAG_SEQUENTIAL_SCAN | (follow ? 0 : FILE_FLAG_OPEN_REPARSE_POINT), nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        *err = lastErrno();
        return NoHandle;
    }
    return Handle(h);
}

void WinFileSystem::close(Handle h)
{
    if (h == NoHandle)
        return;
    if (isFolder(h))
        delete folderOf(h);
    else
        ::CloseHandle(fileOf(h));
}

int WinFileSystem::makeFolder(Handle dir, const QByteArray &name, quint32 mode)
{
    Q_UNUSED(mode);
    return ::CreateDirectoryW(childPath(dir, name).c_str(), nullptr) ? 0 : lastErrno();
}

int WinFileSystem::makeLink(Handle dir, const QByteArray &name, const QByteArray &target)
{
    std::wstring t = wide(target);
    for (wchar_t &c : t) {
        if (c == L'/')
            c = L'\\';
    }
    // A link to a folder says so when it is made.
    const bool absolute = rootLength(target) > 0;
    const std::wstring link = childPath(dir, name);
    const std::wstring at = absolute ? widePath(target) : link.substr(0, link.rfind(L'\\') + 1) + t;
    const DWORD attrs = ::GetFileAttributesW(at.c_str());
    DWORD flags = (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY)) ? SYMBOLIC_LINK_FLAG_DIRECTORY : 0;
    if (::CreateSymbolicLinkW(link.c_str(), t.c_str(), flags | SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE))
        return 0;
    DWORD e = ::GetLastError();
    if (e == ERROR_INVALID_PARAMETER) { // before Windows 10's developer mode flag
        if (::CreateSymbolicLinkW(link.c_str(), t.c_str(), flags))
            return 0;
        e = ::GetLastError();
    }
    return errnoFrom(e);
}

int WinFileSystem::rename(Handle dir, const QByteArray &from, const QByteArray &to, bool replace)
{
    return moveEntry(childPath(dir, from), childPath(dir, to), replace);
}

int WinFileSystem::move(Handle fromDir, const QByteArray &from, Handle toDir, const QByteArray &to, bool replace)
{
    // Without MOVEFILE_COPY_ALLOWED: another volume is ERROR_NOT_SAME_DEVICE (EXDEV), never a copy.
    return moveEntry(childPath(fromDir, from), childPath(toDir, to), replace);
}

int WinFileSystem::remove(Handle dir, const QByteArray &name)
{
    const std::wstring p = childPath(dir, name);
    if (::DeleteFileW(p.c_str()))
        return 0;
    const DWORD e = ::GetLastError();
    const DWORD attrs = ::GetFileAttributesW(p.c_str());
    if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY) && (attrs & FILE_ATTRIBUTE_REPARSE_POINT))
        return ::RemoveDirectoryW(p.c_str()) ? 0 : lastErrno(); // a link to a folder
    // As unlink(2) does: the read-only attribute guards the data, not the name.
    if (e == ERROR_ACCESS_DENIED && attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_READONLY)) {
        if (::SetFileAttributesW(p.c_str(), attrs & ~DWORD(FILE_ATTRIBUTE_READONLY))) {
            if (::DeleteFileW(p.c_str()))
                return 0;
            const DWORD again = ::GetLastError();
            ::SetFileAttributesW(p.c_str(), attrs);
            return errnoFrom(again);
        }
    }
    return errnoFrom(e);
}

int WinFileSystem::removeFolder(const QByteArray &path)
{
    return ::RemoveDirectoryW(widePath(path).c_str()) ? 0 : lastErrno();
}

int WinFileSystem::syncData(Handle file)
{
    if (isFolder(file))
        return 0;
    return ::FlushFileBuffers(fileOf(file)) ? 0 : lastErrno();
}

int WinFileSystem::flush(const QByteArray &destination,
                         const std::function<void(const WrittenVisitor &)> &forEachWritten)
{
    if (::GetFileAttributesW(widePath(destination).c_str()) == INVALID_FILE_ATTRIBUTES)
        return lastErrno();
    // No call flushes a whole volume for an ordinary user: each copy is flushed by itself.
    // (Folders are not: FlushFileBuffers on one needs write access to it, and NTFS journals them.)
    int err = 0;
    forEachWritten([&err](const QByteArray &path, bool folder) {
        if (err != 0 || folder)
            return;
        const std::wstring w = widePath(path);
        HANDLE h = ::CreateFileW(w.c_str(), GENERIC_WRITE, ShareAll, nullptr, OPEN_EXISTING, 0, nullptr);
        DWORD restore = INVALID_FILE_ATTRIBUTES;
        if (h == INVALID_HANDLE_VALUE && ::GetLastError() == ERROR_ACCESS_DENIED) {
            // A read-only copy is opened for writing only to be flushed, its attribute put back after.
            const DWORD attrs = ::GetFileAttributesW(w.c_str());
            if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_READONLY)
                && ::SetFileAttributesW(w.c_str(), attrs & ~DWORD(FILE_ATTRIBUTE_READONLY))) {
                restore = attrs;
                h = ::CreateFileW(w.c_str(), GENERIC_WRITE, ShareAll, nullptr, OPEN_EXISTING, 0, nullptr);
            }
        }
        if (h == INVALID_HANDLE_VALUE || !::FlushFileBuffers(h))
            err = lastErrno();
        if (h != INVALID_HANDLE_VALUE)
            ::CloseHandle(h);
        if (restore != INVALID_FILE_ATTRIBUTES)
            ::SetFileAttributesW(w.c_str(), restore);
    });
    return err;
}

bool WinFileSystem::processRunning(qint64 pid)
{
    const HANDLE h = ::OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, DWORD(pid));
    if (!h)
        return ::GetLastError() == ERROR_ACCESS_DENIED;
    const bool running = ::WaitForSingleObject(h, 0) == WAIT_TIMEOUT;
    ::CloseHandle(h);
    return running;
}

qint64 WinFileSystem::processId()
{
    return qint64(::GetCurrentProcessId());
}

} // namespace Ferry::fs
