#pragma once

// Helpers shared by the Win32 file layer's sources.

#include "fs/FileSystem.h"

#include <QByteArray>

#include <string>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#ifndef SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE
#define SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE 0x2 // Windows 10's developer mode
#endif

namespace Ferry::fs::win {

// Others may read, write and rename or remove what is open here (as on POSIX).
constexpr DWORD ShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

// A folder handle: Win32 has no calls relative to an open folder, so a folder "handle" is its
// full path (\\?\ form), tagged in the Handle's lowest bit; file handles are kernel HANDLEs,
// whose two lowest bits are always clear.
struct Folder
{
    std::wstring path;
};

inline bool isFolder(Handle h)
{
    return h != NoHandle && (quintptr(h) & 1) != 0;
}
inline Folder *folderOf(Handle h)
{
    return reinterpret_cast<Folder *>(quintptr(h) & ~quintptr(1));
}
inline Handle folderHandle(Folder *f)
{
    return Handle(quintptr(f) | 1);
}
inline HANDLE fileOf(Handle h)
{
    return reinterpret_cast<HANDLE>(h);
}

// A '/'-separated UTF-8 path of the engine as a Win32 path: backslashes, and absolute paths in
// the \\?\ (or \\?\UNC\) form, so neither MAX_PATH nor trailing dots and spaces get in the way.
std::wstring widePath(const QByteArray &path);
// `name` in `dir` (NoHandle: name is a path).
std::wstring childPath(Handle dir, const QByteArray &name);
// Back to the engine's form: UTF-8, '/' between names, without the \\?\ prefix.
QByteArray enginePath(const std::wstring &path);
std::wstring wide(const QByteArray &utf8);
QByteArray utf8(const wchar_t *text, size_t length);

// The errno value nearest to a Win32 error code.
int errnoFrom(DWORD error);
inline int lastErrno()
{
    return errnoFrom(::GetLastError());
}

// FILETIME (100 ns since 1601) and timespec (since 1970).
timespec toTimespec(const FILETIME &ft);
FILETIME toFileTime(const timespec &ts);

// Reads or writes at an offset, as pread/pwrite do (the handle's own position is not used).
// Returns the bytes moved, or -1 with the Win32 error in *error (end of file reads 0).
qint64 readAt(HANDLE h, char *buffer, qint64 length, qint64 offset, DWORD *error);
qint64 writeAt(HANDLE h, const char *buffer, qint64 length, qint64 offset, DWORD *error);

} // namespace Ferry::fs::win
