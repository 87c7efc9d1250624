// What the destination's volume is and keeps on Windows: what the system says
// (GetVolumeInformationW, GetDiskFreeSpaceExW) and what a try on a temporary name shows.
#include "WinFileSystem.h"
#include "WinSupport.h"

#include "TempFiles.h"
#include "fs/DataCopySupport.h"

namespace Ferry::fs {

using namespace win;

namespace {
constexpr qint64 Fat32Limit = 4294967295LL; // 4 GiB - 1 byte
} // namespace

int WinFileSystem::volume(const QByteArray &path, VolumeInfo *out)
{
    *out = VolumeInfo();
    const std::wstring w = widePath(path);
    std::wstring root(w.size() + 2, L'\0');
    if (!::GetVolumePathNameW(w.c_str(), root.data(), DWORD(root.size())))
        return lastErrno();
    root.resize(wcslen(root.c_str()));
    if (!root.empty() && root.back() != L'\\')
        root += L'\\';
    wchar_t fsName[MAX_PATH + 1] = {};
    DWORD serial = 0, maxComponent = 0, flags = 0;
    if (::GetVolumeInformationW(root.c_str(), nullptr, 0, &serial, &maxComponent, &flags, fsName, MAX_PATH + 1)) {
        out->type = utf8(fsName, wcslen(fsName));
        out->readOnly = (flags & FILE_READ_ONLY_VOLUME) != 0;
    }
    const QByteArray type = out->type.toUpper();
    if (type == "FAT" || type == "FAT32")
        out->maxFileSize = Fat32Limit;
    ULARGE_INTEGER available{}, total{}, free{};
    if (::GetDiskFreeSpaceExW(root.c_str(), &available, &total, &free) && total.QuadPart != 0)
        out->freeBytes = qint64(available.QuadPart);
    DWORD sectorsPerCluster = 0, bytesPerSector = 0, freeClusters = 0, clusters = 0;
    if (::GetDiskFreeSpaceW(root.c_str(), &sectorsPerCluster, &bytesPerSector, &freeClusters, &clusters)
        && sectorsPerCluster * bytesPerSector > 0)
        out->blockSize = qint64(sectorsPerCluster) * bytesPerSector;
    // What Windows itself holds to on every volume, whatever the filesystem.
    out->caseInsensitive = true;
    out->windowsNames = true;
    out->keepsXattrs = false;
    return 0;
}

void WinFileSystem::probe(const QByteArray &folder, VolumeInfo *info)
{
    if (info->readOnly)
        return;
    std::wstring dir = widePath(folder);
    if (!dir.empty() && dir.back() != L'\\')
        dir += L'\\';
    // The folder's times are put back after: the probe leaves no trace.
    const HANDLE folderHandle = ::CreateFileW(dir.c_str(), FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES, ShareAll,
                                              nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    FILETIME folderAccess{}, folderWrite{};
    const bool restoreTimes = folderHandle != INVALID_HANDLE_VALUE
        && ::GetFileTime(folderHandle, nullptr, &folderAccess, &folderWrite);
    const QByteArray name = makeTempName(); // lower case letters and digits only
    const std::wstring path = dir + wide(name);
    const HANDLE h = ::CreateFileW(path.c_str(), GENERIC_READ | GENERIC_WRITE, ShareAll, nullptr, CREATE_NEW,
                                   FILE_ATTRIBUTE_HIDDEN, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        if (::GetLastError() == ERROR_WRITE_PROTECT)
            info->readOnly = true;
        if (folderHandle != INVALID_HANDLE_VALUE)
            ::CloseHandle(folderHandle);
        return;
    }
    info->probed = true;
    info->caseInsensitive = ::GetFileAttributesW((dir + wide(name.toUpper())).c_str()) != INVALID_FILE_ATTRIBUTES;
    const FILETIME set = toFileTime(ProbeTime);
    FILETIME got{};
    if (::SetFileTime(h, nullptr, &set, &set) && ::FlushFileBuffers(h) && ::GetFileTime(h, nullptr, nullptr, &got)) {
        if (const qint64 g = timeGranularity(toTimespec(got)))
            info->timeGranularityNs = std::max<qint64>(g, 100);
    }
    ::CloseHandle(h);
    info->keepsModes = true; // as the read-only attribute
    info->keepsXattrs = false;
    info->windowsNames = true;
    info->asciiNamesOnly = false;
    const std::wstring link = path + L"l";
    info->keepsLinks = ::CreateSymbolicLinkW(link.c_str(), wide(name).c_str(), SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE);
    if (info->keepsLinks)
        ::DeleteFileW(link.c_str());
    ::DeleteFileW(path.c_str());
    if (restoreTimes) {
        FILETIME nowWrite{};
        if (::GetFileTime(folderHandle, nullptr, nullptr, &nowWrite) && CompareFileTime(&nowWrite, &folderWrite) != 0)
            ::SetFileTime(folderHandle, nullptr, &folderAccess, &folderWrite);
    }
    if (folderHandle != INVALID_HANDLE_VALUE)
        ::CloseHandle(folderHandle);
}

} // namespace Ferry::fs
