#pragma once

#include <QByteArray>
#include <QString>

namespace Ferry {

// A speed limit as people write it: bytes per second, with an optional k, M or G (powers of 1024,
// as curl's --limit-rate and rsync's --bwlimit count), e.g. "500k", "10M", "1.5G". 0 means none.
// Returns false, with a sentence saying why, for anything else.
bool parseRate(const QByteArray &text, qint64 *bytesPerSecond, QString *why = nullptr);
// The limit as parseRate() reads it back: "10M", "500k", "1234".
QByteArray rateText(qint64 bytesPerSecond);

} // namespace Ferry
