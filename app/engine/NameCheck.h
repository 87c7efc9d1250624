#pragma once

#include <QCoreApplication>

#include "CopyTypes.h"
#include "fs/FileSystem.h"

#include <QList>

namespace Ferry {

// What a copy would meet at its destination because of names, found before it starts, for a
// front end to show before Start: files whose names the destination's filesystem cannot store,
// and files that would land on one target. Writes nothing but the probe's temporary name.
struct NameCheck {
    struct Problem {
        QByteArray source;
        QString why;
    };
    QList<Problem> problems;
    qint64 fixable = 0; // of them, names "Replace characters the destination cannot store" would write
    QString refusal;    // the job would be refused as it is (then there are no problems listed)

    // Worth a scan: the destination is one whose names differ from the sources' (FAT, exFAT,
    // NTFS, case-insensitive) or two sources have one name (a/photos and b/photos).
    static bool worthChecking(const CopyOptions &options, fs::FileSystem &fs = fs::native());
    static NameCheck run(const CopyOptions &options, fs::FileSystem &fs = fs::native());
};

} // namespace Ferry
