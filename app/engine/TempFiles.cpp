#include "TempFiles.h"

#include <QRandomGenerator>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Ferry {

namespace {
constexpr char Prefix[] = ".ferry-";
constexpr char Suffix[] = ".part";

bool allHex(const char *begin, const char *end)
{
    if (begin == end)
        return false;
    for (const char *p = begin; p != end; ++p) {
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    }
    return true;
}

// The pid encoded in a temporary's name, or -1 if the name is not one of ours.
long tempOwner(const char *name)
{
    const size_t len = std::strlen(name);
    const size_t pre = sizeof(Prefix) - 1;
    const size_t suf = sizeof(Suffix) - 1;
    if (len <= pre + suf || std::strncmp(name, Prefix, pre) != 0 || std::strcmp(name + len - suf, Suffix) != 0)
        return -1;
    const char *begin = name + pre;
    const char *end = name + len - suf;
    const char *dash = static_cast<const char *>(std::memchr(begin, '-', size_t(end - begin)));
    if (!dash || !allHex(begin, dash) || !allHex(dash + 1, end) || dash - begin > 8 || end - dash - 1 != 16)
        return -1;
    return std::strtol(begin, nullptr, 16);
}
} // namespace

QByteArray makeTempName()
{
    static const QByteArray pid = QByteArray::number(qulonglong(::getpid()), 16);
    const quint64 r = QRandomGenerator::global()->generate64();
    return QByteArray(Prefix) + pid + '-'
        + QByteArray::number(r, 16).rightJustified(16, '0') + Suffix;
}

bool isTempName(const char *name)
{
    return tempOwner(name) > 0;
}

int removeStaleTemps(const QByteArray &dir)
{
    DIR *d = ::opendir(dir.constData());
    if (!d)
        return 0;
    int removed = 0;
    const int fd = ::dirfd(d);
    while (const dirent *e = ::readdir(d)) {
        if (e->d_name[0] != '.')
            continue;
        const long pid = tempOwner(e->d_name);
        if (pid <= 0 || pid == long(::getpid()))
            continue;
        // Still running: its temporaries are its own business.
        if (::kill(pid_t(pid), 0) == 0 || errno == EPERM)
            continue;
        struct stat st {};
        if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
            continue;
        if (::unlinkat(fd, e->d_name, 0) == 0)
            ++removed;
    }
    ::closedir(d);
    return removed;
}

} // namespace Ferry
