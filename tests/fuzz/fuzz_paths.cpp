// libFuzzer target: the path helpers that handle paths from arguments and drops
// (stripTrailingSlashes, baseName, parentPath, joinPath) and Preflight::resolve inside a
// temporary folder.
#include "CopyPlan.h"
#include "Preflight.h"

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using namespace Ferry;

static QByteArray g_base;

static void check(bool ok)
{
    if (!ok)
        std::abort();
}

static void removeBase()
{
    if (!g_base.isEmpty()) {
        ::rmdir((g_base + "/exists/inner").constData());
        ::rmdir((g_base + "/exists").constData());
        ::rmdir(g_base.constData());
    }
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    char templ[] = "/tmp/ferry-fuzz-paths-XXXXXX";
    const char *made = ::mkdtemp(templ);
    if (!made)
        std::abort();
    char real[PATH_MAX];
    if (!::realpath(made, real))
        std::abort();
    g_base = QByteArray(real);
    ::mkdir((g_base + "/exists").constData(), 0755);
    ::mkdir((g_base + "/exists/inner").constData(), 0755);
    std::atexit(removeBase);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray p(reinterpret_cast<const char *>(data), qsizetype(size));
    if (p.contains('\0') || p.size() > 2048)
        return 0;

    const QByteArray s = stripTrailingSlashes(p);
    check(stripTrailingSlashes(s) == s);
    check(s.isEmpty() == p.isEmpty());
    check(s == "/" || !s.endsWith('/'));
    check(p.startsWith(s));

    const QByteArray base = baseName(p);
    check(!base.contains('/'));
    const QByteArray parent = parentPath(p);
    check(!parent.isEmpty());
    check(parent == "." || parent == "/" || parent.size() < s.size());
    if (s.contains('/') && s != "/" && !s.contains("//") && !base.isEmpty())
        check(joinPath(parent, base) == s);
    check(joinPath(s, QByteArray()) == s);
    if (!base.isEmpty() && !s.isEmpty())
        check(baseName(joinPath(s, base)) == base);

    // Resolving, relative to a real folder: always absolute and clean.
    const QByteArray resolved = Preflight::resolve(joinPath(g_base, p));
    check(resolved.startsWith('/'));
    check(!resolved.contains("//"));
    check(!resolved.contains("/./") && !resolved.endsWith("/."));
    check(!resolved.contains("/../") && !resolved.endsWith("/.."));
    // Without "..", nothing resolves outside the folder it started in.
    if (!p.contains(".."))
        check(resolved == g_base || resolved.startsWith(g_base + '/'));
    return 0;
}
