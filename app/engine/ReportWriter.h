#pragma once

#include "CopyTypes.h"

#include <QFile>

namespace Ferry {

// The per-file report as CSV (RFC 4180): status,size,source,destination,message.
class ReportWriter
{
public:
    explicit ReportWriter(const QString &path);
    bool open(QString *error);
    void add(const QString &status, qint64 size, const QByteArray &source, const QByteArray &destination,
             const QString &message);
    bool close(QString *error);

    static QByteArray quote(const QByteArray &field);

private:
    QFile m_file;
};

} // namespace Ferry
