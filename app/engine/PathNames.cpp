#include "PathNames.h"

#include "fs/FileSystem.h"

namespace Ferry {

QByteArray stripTrailingSlashes(const QByteArray &path)
{
    QByteArray p = path;
    const qsizetype root = qMax<qsizetype>(fs::rootLength(p), 1);
    while (p.size() > root && p.endsWith('/'))
        p.chop(1);
    return p;
}

QByteArray baseName(const QByteArray &path)
{
    const QByteArray p = stripTrailingSlashes(path);
    const qsizetype root = fs::rootLength(p);
    const qsizetype slash = p.lastIndexOf('/');
    if (root > 0 && slash < root)
        return p.size() == root ? QByteArray() : p.mid(root); // a root has no name to copy it as
    return slash < 0 ? p : p.mid(slash + 1);
}

QByteArray parentPath(const QByteArray &path)
{
    const QByteArray p = stripTrailingSlashes(path);
    const qsizetype root = fs::rootLength(p);
    const qsizetype slash = p.lastIndexOf('/');
    if (slash < 0)
        return QByteArrayLiteral(".");
    if (slash < root)
        return p.left(root);
    return p.left(slash);
}

QByteArray joinPath(const QByteArray &dir, const QByteArray &name)
{
    if (name.isEmpty())
        return dir;
    if (dir.endsWith('/'))
        return dir + name;
    return dir + '/' + name;
}

} // namespace Ferry
