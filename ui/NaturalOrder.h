#pragma once

#include <QtGlobal>

#include <vector>

namespace Ferry {

class CopyPlan;

// The entries of a plan in the order a file manager shows them: folder by folder as planned (a
// folder's entries are planned together), and within a folder by name in natural order for the
// locale (QCollator, numeric: f2 before f10).
// Empty when that is the plan's own order, or when the plan has more than `limit` entries (the
// sort would hold up the window; then the plan's order, by bytes, is kept).
std::vector<qint32> naturalOrder(const CopyPlan &plan, size_t limit = 40000);

} // namespace Ferry
