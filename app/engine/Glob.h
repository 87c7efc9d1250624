#pragma once

#include <QByteArray>

namespace Ferry {

// Whether `name` matches the shell pattern `pattern`, as fnmatch(3) with no flags does: `*` any run
// of characters, `?` one character, `[abc]`, `[a-z]` and `[!abc]` (or `[^abc]`) one of a set,
// `\` takes the next character as it is. Characters are UTF-8 code points (a `?` matches "é"
// whole) where both the pattern and the name are UTF-8, else bytes. The same on every system.
bool globMatch(const QByteArray &pattern, const QByteArray &name);

} // namespace Ferry
