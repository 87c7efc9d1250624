#include "RateLimit.h"

#include <cmath>

namespace Ferry {

bool parseRate(const QByteArray &text, qint64 *bytesPerSecond, QString *why)
{
    const auto fail = [why, &text](const QString &reason) {
        if (why)
            *why = QStringLiteral("'%1' is not a speed: %2").arg(QString::fromUtf8(text), reason);
        return false;
    };
    QByteArray number = text.trimmed();
    if (number.isEmpty())
        return fail(QStringLiteral("it is empty"));
    double unit = 1;
    switch (number.back()) {
    case 'k': case 'K': unit = 1024.0; break;
    case 'm': case 'M': unit = 1024.0 * 1024.0; break;
    case 'g': case 'G': unit = 1024.0 * 1024.0 * 1024.0; break;
    default: break;
    }
    if (unit > 1)
        number.chop(1);
    for (const char c : std::as_const(number)) {
        if ((c < '0' || c > '9') && c != '.')
            return fail(QStringLiteral("give bytes per second as a number with an optional k, M or G, e.g. 10M"));
    }
    bool ok = false;
    const double value = number.toDouble(&ok) * unit;
    if (!ok || !std::isfinite(value))
        return fail(QStringLiteral("give bytes per second as a number with an optional k, M or G, e.g. 10M"));
    if (value >= 1e15)
        return fail(QStringLiteral("it is too large"));
    if (value > 0 && value < 1)
        return fail(QStringLiteral("it is less than one byte per second"));
    *bytesPerSecond = qint64(std::llround(value));
    return true;
}

QByteArray rateText(qint64 bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return "0";
    const char units[] = {'G', 'M', 'k'};
    qint64 size = 1024LL * 1024 * 1024;
    for (const char unit : units) {
        if (bytesPerSecond % size == 0)
            return QByteArray::number(bytesPerSecond / size) + unit;
        size /= 1024;
    }
    return QByteArray::number(bytesPerSecond);
}

} // namespace Ferry
