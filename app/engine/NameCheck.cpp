#include "NameCheck.h"

#include "CopyPlan.h"
#include "Preflight.h"
#include "TargetNames.h"

#include <QSet>

namespace Ferry {

bool NameCheck::worthChecking(const CopyOptions &options, fs::FileSystem &fs)
{
    QSet<QByteArray> names;
    for (const QByteArray &source : options.sources) {
        const QByteArray name = baseName(stripTrailingSlashes(source));
        if (names.contains(name))
            return true;
        names.insert(name);
    }
    const fs::VolumeInfo volume = Preflight::learnDestination(options, fs, true);
    return volume.windowsNames || volume.asciiNamesOnly || volume.caseInsensitive || (volume.probed && !volume.keepsLinks);
}

NameCheck NameCheck::run(const CopyOptions &options, fs::FileSystem &fs)
{
    NameCheck check;
    check.refusal = Preflight::checkPaths(options, fs);
    if (!check.refusal.isEmpty())
        return check;
    CopyPlan plan;
    if (!PlanBuilder(options, fs).build(&plan, &check.refusal))
        return check;
    plan.volume = Preflight::learnDestination(options, fs, true);
    std::vector<char> failedBefore(plan.entries.size());
    for (size_t i = 0; i < plan.entries.size(); ++i)
        failedBefore[i] = plan.entries[i].kind == EntryKind::Error;
    // The same plan with names fixed tells which problems fixing would take away.
    CopyPlan fixedPlan;
    CopyOptions fixing = options;
    fixing.fixNames = true;
    TargetNames::resolve(&plan, options);
    for (size_t i = 0; i < plan.entries.size(); ++i) {
        const PlanEntry &e = plan.entries[i];
        if (e.kind == EntryKind::Error && !failedBefore[i])
            check.problems.append(Problem{plan.sourcePath(qint32(i)), plan.error(qint32(i))});
    }
    if (check.problems.isEmpty() || options.fixNames)
        return check;
    // Scanned again rather than kept twice: only here, where names are a problem, does it cost.
    if (!PlanBuilder(fixing, fs).build(&fixedPlan, &check.refusal))
        return check;
    fixedPlan.volume = plan.volume;
    TargetNames::resolve(&fixedPlan, fixing);
    for (size_t i = 0; i < plan.entries.size() && i < fixedPlan.entries.size(); ++i) {
        if (plan.entries[i].kind == EntryKind::Error && !failedBefore[i] && fixedPlan.entries[i].kind != EntryKind::Error)
            ++check.fixable;
    }
    return check;
}

} // namespace Ferry
