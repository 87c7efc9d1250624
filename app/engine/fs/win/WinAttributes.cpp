// Attributes on Windows: times (SetFileTime, to the 100 ns), the read-only attribute standing for
// the mode, and what Windows has no counterpart for here (owners, extended attributes).
#include "WinFileSystem.h"
#include "WinSupport.h"

namespace Ferry::fs {

using namespace win;

namespace {
int setTimesAndMode(HANDLE h, const quint32 *mode, const timespec &atime, const timespec &mtime)
{
    const FILETIME a = toFileTime(atime);
    const FILETIME m = toFileTime(mtime);
    if (!::SetFileTime(h, nullptr, &a, &m))
        return lastErrno();
    if (!mode)
        return 0;
    FILE_BASIC_INFO bi{};
    if (!::GetFileInformationByHandleEx(h, FileBasicInfo, &bi, sizeof bi))
        return lastErrno();
    if (bi.FileAttributes & FILE_ATTRIBUTE_DIRECTORY)
        return 0; // on a folder the attribute means something else to Explorer
    const DWORD wanted = (*mode & 0200) ? bi.FileAttributes & ~DWORD(FILE_ATTRIBUTE_READONLY)
                                        : bi.FileAttributes | FILE_ATTRIBUTE_READONLY;
    if (wanted == bi.FileAttributes)
        return 0;
    FILE_BASIC_INFO set{}; // zero times: left as they are
    set.FileAttributes = wanted ? wanted : FILE_ATTRIBUTE_NORMAL;
    return ::SetFileInformationByHandle(h, FileBasicInfo, &set, sizeof set) ? 0 : lastErrno();
}
} // namespace

int WinFileSystem::setAttributes(Handle file, const quint32 *mode, const timespec &atime, const timespec &mtime)
{
    if (isFolder(file)) {
        const Handle none = NoHandle;
        return setPathAttributes(none, enginePath(folderOf(file)->path), mode, atime, mtime, true);
    }
    return setTimesAndMode(fileOf(file), mode, atime, mtime);
}

int WinFileSystem::setPathAttributes(Handle dir, const QByteArray &name, const quint32 *mode,
                                     const timespec &atime, const timespec &mtime, bool followLink)
{
    const std::wstring p = childPath(dir, name);
    const HANDLE h = ::CreateFileW(p.c_str(), FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES, ShareAll, nullptr,
                                   OPEN_EXISTING,
                                   FILE_FLAG_BACKUP_SEMANTICS | (followLink ? 0 : FILE_FLAG_OPEN_REPARSE_POINT), nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return lastErrno();
    const int err = setTimesAndMode(h, mode, atime, mtime);
    ::CloseHandle(h);
    return err;
}

int WinFileSystem::copyExtendedAttributes(Handle, Handle, const QByteArray &, bool, Handle, const QByteArray &,
                                          QList<QByteArray> *)
{
    // Alternate data streams and ACLs are not copied (a copy takes its folder's ACL).
    return 0;
}

quint32 WinFileSystem::creationMask()
{
    return 0;
}

quint32 WinFileSystem::userId()
{
    return 0;
}

quint32 WinFileSystem::groupId()
{
    return 0;
}

int WinFileSystem::setOwner(Handle, quint32, quint32)
{
    return 0;
}

int WinFileSystem::setPathOwner(Handle, const QByteArray &, quint32, quint32, bool)
{
    return 0;
}

} // namespace Ferry::fs
