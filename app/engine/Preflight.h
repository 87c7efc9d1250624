#pragma once

#include <QCoreApplication>

#include "CopyPlan.h"
#include "CopyTypes.h"

namespace Ferry {

// The checks made before anything is written: every front end refuses the same bad jobs with the
// same message, naming the path and the reason.
class Preflight
{
    Q_DECLARE_TR_FUNCTIONS(Ferry::Preflight)
public:
    // Checks that need no scan: sources exist, DEST is a folder or can be one, DEST is not
    // inside a source folder nor equal to a source. Returns an empty string when all is well.
    static QString checkPaths(const CopyOptions &options, fs::FileSystem &fs = fs::native());

    // What the destination's filesystem is and keeps: what the system says of the nearest folder
    // that exists at or above DEST and, unless probe is false, what a try on a temporary name there
    // shows (removed again).
    static fs::VolumeInfo learnDestination(const CopyOptions &options, fs::FileSystem &fs, bool probe);

    // Checks on the scanned plan (with plan.volume learnt): a read-only destination, files over
    // its size limit, free space and free inodes where known.
    static QString checkPlan(const CopyOptions &options, const CopyPlan &plan, fs::FileSystem &fs = fs::native());

    // The path as the kernel would resolve it, for paths that may not exist yet: the longest
    // existing prefix is resolved, the rest appended.
    static QByteArray resolve(const QByteArray &path, fs::FileSystem &fs = fs::native());
};

} // namespace Ferry
