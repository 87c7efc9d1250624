#pragma once

#include <QByteArray>

#include "fs/FileSystem.h"

namespace Ferry {

// Data is written under a temporary name in the target folder and renamed into place when it is
// complete. The name carries the writer's process id: ".ferry-<pid>-<random>.part", 36 bytes at
// most, whatever the length of the final name.
QByteArray makeTempName();

// True for names made by makeTempName() (of any process).
bool isTempName(const char *name);

// Removes the temporaries in `dir` whose writing process no longer runs (a crash or kill -9
// left them). Regular files with the exact temporary pattern only: never a user's file.
// Returns how many were removed.
int removeStaleTemps(fs::FileSystem &fs, const QByteArray &dir);
int removeStaleTemps(const QByteArray &dir); // through the native file system

} // namespace Ferry
