#pragma once

#include <QCoreApplication>

#include "CopyPlan.h"
#include "CopyTypes.h"
#include "fs/FileSystem.h"

namespace Ferry {

// The names a plan gives its files at the destination, settled before anything is written:
// names the destination's filesystem cannot store (fixed under --fix-names, else failed with the
// reason), and two files of one copy that would land on one target (two folders of the same name
// dropped into one destination, or names that differ only by case on a case-insensitive one):
// under "rename" the later one, in the order of the sources, gets a numbered name; otherwise it
// fails and says why. Never by timing: the plan decides.
class TargetNames
{
    Q_DECLARE_TR_FUNCTIONS(Ferry::TargetNames)
public:
    static void resolve(CopyPlan *plan, const CopyOptions &options);

    // Why the volume cannot store this name; empty when it can.
    static QString cannotStore(const QByteArray &name, const fs::VolumeInfo &volume);
    // The name with what the volume refuses replaced the way file managers do: each refused
    // character becomes '_', a trailing dot or space too, a reserved name (CON, NUL, ...) gets a '_'.
    static QByteArray fixed(const QByteArray &name, const fs::VolumeInfo &volume);
    // The name as a case-insensitive filesystem compares it.
    static QByteArray folded(const QByteArray &name);
};

} // namespace Ferry
