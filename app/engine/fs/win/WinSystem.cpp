// What the engine asks of Windows beyond files: path forms, error codes and their words, times.
#include "WinSupport.h"

#include "SystemError.h"

#include <QString>

#include <cerrno>
#include <cstring>

namespace Ferry {

QString errnoText(int err)
{
    // The words of the POSIX systems for the codes the Win32 errors are mapped to (the C runtime
    // of Windows knows only the oldest of them).
    switch (err) {
    case EPERM: return QStringLiteral("Operation not permitted");
    case ENOENT: return QStringLiteral("No such file or directory");
    case EIO: return QStringLiteral("Input/output error");
    case EBADF: return QStringLiteral("Bad file descriptor");
    case EACCES: return QStringLiteral("Permission denied");
    case EBUSY: return QStringLiteral("Device or resource busy (the file is in use)");
    case EEXIST: return QStringLiteral("File exists");
    case EXDEV: return QStringLiteral("Invalid cross-device link");
    case ENOTDIR: return QStringLiteral("Not a directory");
    case EISDIR: return QStringLiteral("Is a directory");
    case EINVAL: return QStringLiteral("Invalid argument");
    case EMFILE: return QStringLiteral("Too many open files");
    case EFBIG: return QStringLiteral("File too large");
    case ENOSPC: return QStringLiteral("No space left on device");
    case EROFS: return QStringLiteral("Read-only file system");
    case ENAMETOOLONG: return QStringLiteral("File name too long");
    case ENOTEMPTY: return QStringLiteral("Directory not empty");
    case ELOOP: return QStringLiteral("Too many levels of symbolic links");
    case EOPNOTSUPP: return QStringLiteral("Operation not supported");
    case ENOTSUP: return QStringLiteral("Operation not supported");
    case ETIMEDOUT: return QStringLiteral("Connection timed out");
    default: break;
    }
    return QString::fromLocal8Bit(std::strerror(err));
}

namespace fs {

void giveBackMemory()
{
}

void shareMemoryPools()
{
}

qsizetype rootLength(const QByteArray &path)
{
    if (path.startsWith("//")) {
        // //server/share/
        const qsizetype server = path.indexOf('/', 2);
        if (server < 0)
            return path.size();
        const qsizetype share = path.indexOf('/', server + 1);
        return share < 0 ? path.size() : share + 1;
    }
    if (path.size() >= 2 && path.at(1) == ':'
        && ((path.at(0) >= 'A' && path.at(0) <= 'Z') || (path.at(0) >= 'a' && path.at(0) <= 'z')))
        return path.size() >= 3 && path.at(2) == '/' ? 3 : 2;
    return path.startsWith('/') ? 1 : 0;
}

QByteArray pathFromText(const QString &text)
{
    QString p = text;
    p.replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (p.startsWith(QLatin1String("//?/UNC/")))
        p = QLatin1String("//") + p.mid(8);
    else if (p.startsWith(QLatin1String("//?/")))
        p = p.mid(4);
    return p.toUtf8();
}

bool mayWriteIn(const QByteArray &folder)
{
    // The read-only attribute of a folder does not keep files out; only its ACL can, which a
    // try tells (as the job does).
    const DWORD attrs = ::GetFileAttributesW(win::widePath(folder).c_str());
    return attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY);
}

namespace win {

std::wstring wide(const QByteArray &text)
{
    if (text.isEmpty())
        return std::wstring();
    const int n = ::MultiByteToWideChar(CP_UTF8, 0, text.constData(), int(text.size()), nullptr, 0);
    std::wstring out(size_t(n), L'\0');
    ::MultiByteToWideChar(CP_UTF8, 0, text.constData(), int(text.size()), out.data(), n);
    return out;
}

QByteArray utf8(const wchar_t *text, size_t length)
{
    if (length == 0)
        return QByteArray();
    const int n = ::WideCharToMultiByte(CP_UTF8, 0, text, int(length), nullptr, 0, nullptr, nullptr);
    QByteArray out(n, Qt::Uninitialized);
    ::WideCharToMultiByte(CP_UTF8, 0, text, int(length), out.data(), n, nullptr, nullptr);
    return out;
}

namespace {
bool needsFullPath(const std::wstring &w)
{
    const bool drive = w.size() >= 3 && w[1] == L':' && w[2] == L'\\';
    const bool unc = w.size() >= 2 && w[0] == L'\\' && w[1] == L'\\';
    if (!drive && !unc)
        return true; // relative, or relative to the current drive
    // "." and ".." are not resolved in the \\?\ form.
    for (size_t i = 0; i < w.size(); ++i) {
        if (w[i] != L'.' || (i > 0 && w[i - 1] != L'\\'))
            continue;
        size_t j = i + 1;
        if (j < w.size() && w[j] == L'.')
            ++j;
        if (j == w.size() || w[j] == L'\\')
            return true;
    }
    return false;
}
} // namespace

std::wstring widePath(const QByteArray &path)
{
    std::wstring w = wide(path);
    for (wchar_t &c : w) {
        if (c == L'/')
            c = L'\\';
    }
    if (w.rfind(L"\\\\?\\", 0) == 0)
        return w;
    if (needsFullPath(w)) {
        const DWORD n = ::GetFullPathNameW(w.c_str(), 0, nullptr, nullptr);
        if (n > 0) {
            std::wstring full(size_t(n), L'\0');
            const DWORD m = ::GetFullPathNameW(w.c_str(), n, full.data(), nullptr);
            if (m > 0 && m < n) {
                full.resize(m);
                w = full;
            }
        }
    }
    if (w.size() >= 2 && w[0] == L'\\' && w[1] == L'\\')
        return L"\\\\?\\UNC\\" + w.substr(2);
    if (w.size() >= 3 && w[1] == L':' && w[2] == L'\\')
        return L"\\\\?\\" + w;
    return w;
}

std::wstring childPath(Handle dir, const QByteArray &name)
{
    if (dir == NoHandle)
        return widePath(name);
    std::wstring p = folderOf(dir)->path;
    if (name.isEmpty() || name == ".")
        return p;
    if (!p.empty() && p.back() != L'\\')
        p += L'\\';
    return p + wide(name);
}

QByteArray enginePath(const std::wstring &path)
{
    std::wstring w = path;
    if (w.rfind(L"\\\\?\\UNC\\", 0) == 0)
        w = L"\\\\" + w.substr(8);
    else if (w.rfind(L"\\\\?\\", 0) == 0)
        w = w.substr(4);
    QByteArray out = utf8(w.data(), w.size());
    out.replace('\\', '/');
    return out;
}

int errnoFrom(DWORD error)
{
    switch (error) {
    case ERROR_SUCCESS: return 0;
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE:
    case ERROR_BAD_NETPATH:
    case ERROR_BAD_NET_NAME:
        return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_NETWORK_ACCESS_DENIED:
        return EACCES;
    case ERROR_PRIVILEGE_NOT_HELD:
        return EPERM;
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
        return EEXIST;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        return ENOSPC;
    case ERROR_NOT_SAME_DEVICE:
        return EXDEV;
    case ERROR_DIR_NOT_EMPTY:
        return ENOTEMPTY;
    case ERROR_DIRECTORY:
        return ENOTDIR;
    case ERROR_INVALID_NAME:
    case ERROR_BAD_PATHNAME:
    case ERROR_INVALID_PARAMETER:
        return EINVAL;
    case ERROR_FILENAME_EXCED_RANGE:
        return ENAMETOOLONG;
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
    case ERROR_BUSY:
        return EBUSY;
    case ERROR_WRITE_PROTECT:
        return EROFS;
    case ERROR_TOO_MANY_OPEN_FILES:
        return EMFILE;
    case ERROR_CANT_RESOLVE_FILENAME:
        return ELOOP;
    case ERROR_FILE_TOO_LARGE:
        return EFBIG;
    case ERROR_NOT_SUPPORTED:
    case ERROR_INVALID_FUNCTION:
        return EOPNOTSUPP;
    case ERROR_INVALID_HANDLE:
        return EBADF;
    case ERROR_SEM_TIMEOUT:
        return ETIMEDOUT;
    default:
        return EIO;
    }
}

namespace {
constexpr qint64 EpochDifference = 116444736000000000LL; // 1601 to 1970, in 100 ns
} // namespace

timespec toTimespec(const FILETIME &ft)
{
    const qint64 t = (qint64(ft.dwHighDateTime) << 32 | qint64(ft.dwLowDateTime)) - EpochDifference;
    qint64 sec = t / 10000000;
    qint64 rest = t % 10000000;
    if (rest < 0) {
        rest += 10000000;
        --sec;
    }
    timespec ts{};
    ts.tv_sec = time_t(sec);
    ts.tv_nsec = long(rest * 100);
    return ts;
}

FILETIME toFileTime(const timespec &ts)
{
    const qint64 t = qint64(ts.tv_sec) * 10000000 + ts.tv_nsec / 100 + EpochDifference;
    FILETIME ft;
    ft.dwLowDateTime = DWORD(quint64(t) & 0xffffffffu);
    ft.dwHighDateTime = DWORD(quint64(t) >> 32);
    return ft;
}

qint64 readAt(HANDLE h, char *buffer, qint64 length, qint64 offset, DWORD *error)
{
    OVERLAPPED ov{};
    ov.Offset = DWORD(quint64(offset) & 0xffffffffu);
    ov.OffsetHigh = DWORD(quint64(offset) >> 32);
    DWORD got = 0;
    if (!::ReadFile(h, buffer, DWORD(length), &got, &ov)) {
        const DWORD e = ::GetLastError();
        if (e == ERROR_HANDLE_EOF)
            return 0;
        *error = e;
        return -1;
    }
    return qint64(got);
}

qint64 writeAt(HANDLE h, const char *buffer, qint64 length, qint64 offset, DWORD *error)
{
    OVERLAPPED ov{};
    ov.Offset = DWORD(quint64(offset) & 0xffffffffu);
    ov.OffsetHigh = DWORD(quint64(offset) >> 32);
    DWORD put = 0;
    if (!::WriteFile(h, buffer, DWORD(length), &put, &ov)) {
        *error = ::GetLastError();
        return -1;
    }
    return qint64(put);
}

} // namespace win
} // namespace fs
} // namespace Ferry
