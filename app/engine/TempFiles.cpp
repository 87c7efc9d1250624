#include "TempFiles.h"

#include "CopyPlan.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <cstring>

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
    static const QByteArray pid = QByteArray::number(qulonglong(QCoreApplication::applicationPid()), 16);
    const quint64 r = QRandomGenerator::global()->generate64();
    return QByteArray(Prefix) + pid + '-'
        + QByteArray::number(r, 16).rightJustified(16, '0') + Suffix;
}

bool isTempName(const char *name)
{
    return tempOwner(name) > 0;
}

int removeStaleTemps(fs::FileSystem &fs, const QByteArray &dir)
{
    int removed = 0;
    const qint64 self = QCoreApplication::applicationPid();
    fs.list(dir, false, [&](const fs::ListedEntry &e) {
        if (e.statError != 0 || !e.name.startsWith('.'))
            return;
        const long pid = tempOwner(e.name.constData());
        // Still running: its temporaries are its own business.
        if (pid <= 0 || pid == self || fs.processRunning(pid))
            return;
        if (e.info.kind != fs::Kind::File && e.info.kind != fs::Kind::Symlink)
            return;
        if (fs.remove(fs::NoHandle, joinPath(dir, e.name)) == 0)
            ++removed;
    });
    return removed;
}

int removeStaleTemps(const QByteArray &dir)
{
    return removeStaleTemps(fs::native(), dir);
}

} // namespace Ferry
