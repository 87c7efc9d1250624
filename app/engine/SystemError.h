#pragma once

#include <QString>

namespace Ferry {

// The operating system's own words for an errno value ("No space left on device").
QString errnoText(int err);

} // namespace Ferry
