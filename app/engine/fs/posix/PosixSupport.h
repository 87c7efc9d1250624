#pragma once

// Small helpers shared by the POSIX file layer's sources.

#include "fs/FileSystem.h"

#include <cerrno>
#include <fcntl.h>

namespace Ferry::fs::posix {

// A folder handle for the *at calls; NoHandle: the name is a path.
inline int at(Handle dir)
{
    return dir == NoHandle ? AT_FDCWD : int(dir);
}

// 0, or the errno of a call that returned non-zero.
inline int result(int rc)
{
    return rc == 0 ? 0 : errno;
}

} // namespace Ferry::fs::posix
