#include "NaturalOrder.h"
#include "fs/FileSystem.h"

#include "CopyPlan.h"

#include <QCollator>
#include <QFile>
#include <QStringList>

#include <algorithm>
#include <numeric>

namespace Ferry {

std::vector<qint32> naturalOrder(const CopyPlan &plan, size_t limit)
{
    const size_t n = plan.entries.size();
    if (n < 2 || n > limit)
        return {};
    // The C locale compares plain code points, numeric mode or not: take English rules there.
    QLocale locale;
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    QCollator collator(locale);
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    QStringList names;
    names.reserve(qsizetype(n));
    for (size_t i = 0; i < n; ++i)
        names.append(displayPath(plan.nameView(qint32(i))));
    // Each run of entries of one folder is sorted; the runs stay where the plan put them.
    std::vector<qint32> order(n);
    std::iota(order.begin(), order.end(), 0);
    for (size_t begin = 0; begin < n;) {
        size_t end = begin + 1;
        while (end < n && plan.entries[end].dir == plan.entries[begin].dir)
            ++end;
        std::stable_sort(order.begin() + qsizetype(begin), order.begin() + qsizetype(end),
                         [&](qint32 a, qint32 b) { return collator.compare(names[a], names[b]) < 0; });
        begin = end;
    }
    for (size_t i = 0; i < n; ++i) {
        if (order[i] != qint32(i))
            return order;
    }
    return {};
}

} // namespace Ferry
