#include "LocalPaths.h"
#include "fs/FileSystem.h"

#include "CopyPlan.h"

#include <QDir>
#include <QFile>
#include <QMimeData>
#include <QUrl>


namespace Ferry {

QList<QByteArray> localPathsFromMime(const QMimeData *mime)
{
    QList<QByteArray> paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile())
            return {};
        const QString file = url.toLocalFile();
        if (file.isEmpty())
            return {};
        paths.append(normalizePath(fs::pathFromText(file)));
    }
    return paths;
}

QByteArray normalizePath(const QByteArray &path)
{
    if (path.isEmpty())
        return path;
    QByteArray absolute = path;
    if (fs::rootLength(absolute) == 0)
        absolute = joinPath(fs::pathFromText(QDir::currentPath()), absolute);
    // Collapse "//" and "/./" (but not "..", which may cross a symbolic link); the root ("/",
    // "C:/", "//server/share/") stays as it is.
    const qsizetype root = fs::rootLength(absolute);
    QByteArray out = absolute.left(root);
    const QList<QByteArray> parts = absolute.mid(root).split('/');
    for (const QByteArray &part : parts) {
        if (part.isEmpty() || part == ".")
            continue;
        if (!out.isEmpty() && !out.endsWith('/'))
            out += '/';
        out += part;
    }
    return out.isEmpty() ? QByteArray("/") : out;
}

PathKind pathKind(const QByteArray &path)
{
    fs::FileInfo info;
    if (fs::native().stat(fs::NoHandle, path, true, &info) != 0)
        return PathKind::Missing;
    if (info.kind == fs::Kind::Folder)
        return PathKind::Folder;
    if (info.kind == fs::Kind::File)
        return PathKind::File;
    return PathKind::Other;
}

} // namespace Ferry
