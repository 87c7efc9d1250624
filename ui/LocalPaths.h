#pragma once

#include <QByteArray>
#include <QList>

class QMimeData;

namespace Ferry {

// The local files and folders a drop carries, as native paths; empty if it carries anything else
// (text, or a URL that is not a local file), so such a drop is refused whole.
QList<QByteArray> localPathsFromMime(const QMimeData *mime);

// A path as the person gave it, made absolute (against the current folder) and without trailing
// slashes, so that the same folder given twice is seen as one.
QByteArray normalizePath(const QByteArray &path);

enum class PathKind { Missing, Folder, File, Other };
PathKind pathKind(const QByteArray &path); // follows symbolic links

} // namespace Ferry
