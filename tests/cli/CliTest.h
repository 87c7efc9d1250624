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

// The report's rows (header excluded) keyed by the destination's path relative to `destRoot`,
// or by the source path where the destination is empty.
struct ReportRow {
    QByteArray status;
    qint64 size = -1;
    QByteArray source;
    QByteArray destination;
    QByteArray message;
};

inline QList<ReportRow> readReport(const QByteArray &path, QString *error)
{
    QList<ReportRow> rows;
    bool ok = false;
    const QByteArray data = TestTree::readFile(path, &ok);
    if (!ok) {
        *error = QStringLiteral("report %1 cannot be read").arg(TestTree::show(path));
        return rows;
    }
    const QList<QList<QByteArray>> table = TestTree::parseCsv(data, error);
    if (!error->isEmpty())
        return rows;
    if (table.isEmpty()) {
        *error = QStringLiteral("report is empty");
        return rows;
    }
    const QList<QByteArray> header{QByteArrayLiteral("status"), QByteArrayLiteral("size"),
                                   QByteArrayLiteral("source"), QByteArrayLiteral("destination"),
                                   QByteArrayLiteral("message")};
    if (table.first() != header) {
        *error = QStringLiteral("report header is %1").arg(QString::fromUtf8(data.left(200)));
        return rows;
    }
    for (qsizetype i = 1; i < table.size(); ++i) {
        const QList<QByteArray> &r = table.at(i);
        if (r.size() != 5) {
            *error = QStringLiteral("report row %1 has %2 fields: %3")
                         .arg(i + 1)
                         .arg(r.size())
                         .arg(QString::fromUtf8(r.join(',')));
            return rows;
        }
        bool numberOk = false;
        ReportRow row;
        row.status = r.at(0);
        row.size = r.at(1).toLongLong(&numberOk);
        row.source = r.at(2);
        row.destination = r.at(3);
        row.message = r.at(4);
        if (!numberOk) {
            *error = QStringLiteral("report row %1 has size %2").arg(i + 1).arg(QString::fromUtf8(r.at(1)));
            return rows;
        }
        rows.append(row);
    }
    return rows;
}

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
