// What the engine asks of the system beyond files, on POSIX: the words for an error, and giving
// memory back after the scan.
#include "SystemError.h"
#include "fs/FileSystem.h"

#include <QString>

#include <cstring>
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace Ferry {

QString errnoText(int err)
{
    char buf[256];
    // GNU strerror_r returns the message (maybe not in buf); XSI fills buf.
#if defined(__GLIBC__) && defined(_GNU_SOURCE)
    return QString::fromLocal8Bit(::strerror_r(err, buf, sizeof buf));
#else
    if (::strerror_r(err, buf, sizeof buf) != 0)
        return QStringLiteral("error %1").arg(err);
    return QString::fromLocal8Bit(buf);
#endif
}

namespace fs {

void shareMemoryPools()
{
#ifdef __GLIBC__
    // glibc makes up to eight arenas a core; the copy's few threads make little use of them and
    // the memory each one keeps adds up (a fifth of the peak on a million files).
    ::mallopt(M_ARENA_MAX, 2);
#endif
}

void giveBackMemory()
{
#ifdef __GLIBC__
    // Memory freed by other threads stays in their malloc arenas until asked back.
    ::malloc_trim(0);
#endif
}

qsizetype rootLength(const QByteArray &path)
{
    return path.startsWith('/') ? 1 : 0;
}

QByteArray pathFromText(const QString &text)
{
    return text.toUtf8();
}

bool mayWriteIn(const QByteArray &folder)
{
    return ::access(folder.constData(), W_OK | X_OK) == 0;
}

} // namespace fs
} // namespace Ferry
