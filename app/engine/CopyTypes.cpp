#include "CopyTypes.h"

#include "SystemError.h"

#include <QCoreApplication>
#include <QDir>

#include <cstring>

namespace Ferry {

QString statusName(FileStatus status)
{
    switch (status) {
    case FileStatus::Pending: return QStringLiteral("pending");
    case FileStatus::Copying: return QStringLiteral("copying");
    case FileStatus::Copied: return QStringLiteral("copied");
    case FileStatus::Skipped: return QStringLiteral("skipped");
    case FileStatus::Failed: return QStringLiteral("failed");
    case FileStatus::VerifiedFailed: return QStringLiteral("verified-failed");
    case FileStatus::Moved: return QStringLiteral("moved");
    case FileStatus::Cancelled: return QStringLiteral("cancelled");
    }
    return QString();
}

QString phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Idle: return QStringLiteral("idle");
    case Phase::Scan: return QStringLiteral("scan");
    case Phase::Copy: return QStringLiteral("copy");
    case Phase::Flush: return QStringLiteral("flush");
    case Phase::Done: return QStringLiteral("done");
    }
    return QString();
}

bool parseConflictPolicy(const QString &text, ConflictPolicy *policy)
{
    static const struct { const char *name; ConflictPolicy policy; } names[] = {
        {"skip", ConflictPolicy::Skip},   {"overwrite", ConflictPolicy::Overwrite},
        {"update", ConflictPolicy::Update}, {"rename", ConflictPolicy::Rename},
        {"ask", ConflictPolicy::Ask},
    };
    for (const auto &n : names) {
        if (text == QLatin1String(n.name)) {
            *policy = n.policy;
            return true;
        }
    }
    return false;
}

QString conflictPolicyName(ConflictPolicy policy)
{
    switch (policy) {
    case ConflictPolicy::Skip: return QStringLiteral("skip");
    case ConflictPolicy::Overwrite: return QStringLiteral("overwrite");
    case ConflictPolicy::Update: return QStringLiteral("update");
    case ConflictPolicy::Rename: return QStringLiteral("rename");
    case ConflictPolicy::Ask: return QStringLiteral("ask");
    }
    return QString();
}

QString displayPath(const QByteArray &path)
{
    return QDir::toNativeSeparators(QString::fromUtf8(path));
}

QString sizeText(const QLocale &locale, qint64 bytes, int precision, QLocale::DataSizeFormats format)
{
    if (bytes == 1)
        return QCoreApplication::translate("Ferry::SizeText", "%1 byte").arg(locale.toString(1));
    return locale.formattedDataSize(bytes, precision, format);
}

} // namespace Ferry
