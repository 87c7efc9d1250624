#pragma once

#include "CopyTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Ferry {

enum class ProgressMode { Auto, Bar, Json, None };

struct CliCommand {
    CopyOptions options;
    QByteArray reportPath;
    ProgressMode progress = ProgressMode::Auto;
    qint64 rateLimit = 0; // bytes per second over the whole job; 0 for none
    bool help = false;
    bool version = false;
    QString error; // a usage error: exit 2
};

// Parses ferry-cli's arguments (without the program name). Arguments are bytes, as the kernel
// gives them, so a path that is not UTF-8 reaches the engine unchanged.
CliCommand parseCommandLine(const QList<QByteArray> &args);

QString helpText();

} // namespace Ferry
