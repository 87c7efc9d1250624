#pragma once

// What the plan's builder and its scan both make of a listed entry (CopyPlan.cpp, PlanWalk.cpp).

#include "CopyPlan.h"

namespace Ferry {

// The entry's attributes as listed (its name and folder are the caller's); *why: the reason a
// special file is not copied.
PlanEntry entryFromInfo(const fs::FileInfo &st, QString *why);
// An entry that failed at the scan; its reason is kept beside it.
PlanEntry errorEntry();
QString nameTooLong();

} // namespace Ferry
