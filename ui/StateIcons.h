#pragma once

#include "FileStatusModel.h"

#include <QIcon>

namespace Ferry {

// A round badge per file state, drawn rather than shipped so it is sharp at any scale and reads
// on light and dark backgrounds alike (a saturated fill and a white sign, no palette colours).
QIcon makeStateIcon(FileStatusModel::State state);

} // namespace Ferry
