#pragma once

// Native byte paths taken apart and put together, aware of roots ("/", "C:/", "//server/share/"
// on Windows: see fs::rootLength), where a root keeps its slash and has no name of its own.

#include <QByteArray>

namespace Ferry {

QByteArray stripTrailingSlashes(const QByteArray &path);
QByteArray baseName(const QByteArray &path); // empty for a root
QByteArray parentPath(const QByteArray &path); // "." for a bare name; a root is its own parent
QByteArray joinPath(const QByteArray &dir, const QByteArray &name);

} // namespace Ferry
