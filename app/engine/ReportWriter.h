#pragma once

#include "CopyTypes.h"

#include <QFile>

#include <functional>

namespace Ferry {

class CopyPlan;

// What the report says of one file: its last status, where it went, and its last word.
struct ReportRow {
    FileStatus status = FileStatus::Pending;
    QByteArray destination;
    QString message;
};

// The per-file report as CSV (RFC 4180): status,size,source,destination,message.
class ReportWriter
{
public:
    explicit ReportWriter(const QString &path);
    bool open(QString *error);
    void add(const QString &status, qint64 size, const QByteArray &source, const QByteArray &destination,
             const QString &message);
    // One row for each file of the plan that was settled (not pending nor cancelled: those have
    // no row, as on stderr and in --progress json), in plan order: the one way every front end
    // writes its report.
    void addAll(const CopyPlan &plan, const std::function<ReportRow(qint32 entry)> &rowFor);
    bool close(QString *error);

    static QByteArray quote(const QByteArray &field);

private:
    QFile m_file;
};

} // namespace Ferry
