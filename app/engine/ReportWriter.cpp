#include "ReportWriter.h"

#include "CopyPlan.h"

namespace Ferry {

ReportWriter::ReportWriter(const QString &path)
    : m_file(path)
{
}

bool ReportWriter::open(QString *error)
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write report '%1': %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_file.write("status,size,source,destination,message\r\n");
    return true;
}

QByteArray ReportWriter::quote(const QByteArray &field)
{
    if (!field.contains(',') && !field.contains('"') && !field.contains('\n') && !field.contains('\r'))
        return field;
    QByteArray out = field;
    out.replace('"', "\"\"");
    return '"' + out + '"';
}

void ReportWriter::add(const QString &status, qint64 size, const QByteArray &source, const QByteArray &destination,
                       const QString &message)
{
    // Paths are written as the bytes they are, so a name that is not UTF-8 can still be found.
    QByteArray line = quote(status.toUtf8()) + ',' + QByteArray::number(size) + ',' + quote(source) + ','
        + quote(destination) + ',' + quote(message.toUtf8()) + "\r\n";
    m_file.write(line);
}

void ReportWriter::addAll(const CopyPlan &plan, const std::function<ReportRow(qint32 entry)> &rowFor)
{
    for (qint32 entry = 0; entry < qint32(plan.entries.size()); ++entry) {
        const ReportRow row = rowFor(entry);
        if (row.status == FileStatus::Pending || row.status == FileStatus::Cancelled)
            continue;
        add(statusName(row.status), plan.entries[size_t(entry)].size, plan.sourcePath(entry), row.destination,
            row.message);
    }
}

bool ReportWriter::close(QString *error)
{
    const bool ok = m_file.flush() && m_file.error() == QFileDevice::NoError;
    m_file.close();
    if (!ok)
        *error = QStringLiteral("cannot write report '%1': %2").arg(m_file.fileName(), m_file.errorString());
    return ok;
}

} // namespace Ferry
