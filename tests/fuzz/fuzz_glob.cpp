// libFuzzer target: --exclude pattern matching (PlanBuilder::excluded). The input's first line is
// the pattern, the rest the name.
#include "CopyPlan.h"

#include <cstdint>
#include <cstdlib>

using namespace Ferry;

static void check(bool ok)
{
    if (!ok)
        std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    // Neither a pattern nor a file name can hold a NUL; a name cannot hold '/'.
    const qsizetype nl = input.indexOf('\n');
    QByteArray glob = nl < 0 ? input : input.left(nl);
    QByteArray name = nl < 0 ? QByteArray("name") : input.mid(nl + 1);
    glob = glob.left(glob.indexOf('\0') < 0 ? glob.size() : glob.indexOf('\0'));
    name = name.left(name.indexOf('\0') < 0 ? name.size() : name.indexOf('\0'));
    name.replace('/', '_');
    if (glob.isEmpty() || name.isEmpty())
        return 0;

    CopyOptions o;
    o.excludes = {glob};
    const PlanBuilder builder(o);
    const bool hit = builder.excluded(name);
    // A pattern with no special characters matches exactly its own text.
    bool literal = true;
    for (const char c : glob) {
        if (c == '*' || c == '?' || c == '[' || c == '\\')
            literal = false;
    }
    if (literal)
        check(hit == (glob == name));
    // "*" leaves out everything; a name always matches itself escaped.
    CopyOptions star;
    star.excludes = {QByteArray("*")};
    check(PlanBuilder(star).excluded(name));
    QByteArray escaped;
    for (const char c : name) {
        escaped += '\\';
        escaped += c;
    }
    CopyOptions self;
    self.excludes = {escaped};
    check(PlanBuilder(self).excluded(name));
    // More patterns never leave out less.
    CopyOptions more = o;
    more.excludes.append(QByteArray("x"));
    check(!hit || PlanBuilder(more).excluded(name));
    return 0;
}
