#pragma once

// Shared by the ferry-cli tests: where the binary is and a few small helpers.

#include "TestTree.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace CliTest {

using TestTree::join;

// Points the helpers at the binary under test; false if it is missing.
inline bool useBuiltCli()
{
    TestTree::setCliProgram(QStringLiteral(FERRY_CLI_PATH));
    ::umask(022);
    return QFileInfo(TestTree::cliProgram()).isExecutable();
}

inline QByteArray at(const QTemporaryDir &dir, const char *rel)
{
    return join(TestTree::dirPath(dir), QByteArray(rel));
}

inline QString text(const QByteArray &path)
{
    return QString::fromUtf8(path);
}

using TestTree::ReportRow;
using TestTree::readReport;

// Finds the row whose source path ends with "/" + rel (or equals rel).
inline const ReportRow *rowForSource(const QList<ReportRow> &rows, const QByteArray &rel)
{
    for (const ReportRow &r : rows) {
        if (r.source == rel || r.source.endsWith(QByteArray('/' + rel)))
            return &r;
    }
    return nullptr;
}

inline QByteArray statusOf(const QList<ReportRow> &rows, const QByteArray &rel)
{
    const ReportRow *r = rowForSource(rows, rel);
    return r ? r->status : QByteArrayLiteral("<no row>");
}

// The "type":"file" objects of a JSON progress stream, by source path suffix.
inline QJsonObject fileEventFor(const QList<QJsonObject> &objects, const QString &rel)
{
    for (const QJsonObject &o : objects) {
        if (o.value(QStringLiteral("type")).toString() != QStringLiteral("file"))
            continue;
        const QString source = o.value(QStringLiteral("source")).toString();
        if (source == rel || source.endsWith(QLatin1Char('/') + rel))
            return o;
    }
    return QJsonObject();
}

} // namespace CliTest
