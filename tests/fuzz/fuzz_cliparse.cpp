// libFuzzer target: ferry-cli's argument parsing. The input is split at NUL bytes into arguments.
#include "CliOptions.h"

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
    QList<QByteArray> args;
    QByteArray current;
    for (size_t i = 0; i < size && args.size() < 64; ++i) {
        if (data[i] == 0) {
            args.append(current);
            current.clear();
        } else {
            current.append(char(data[i]));
        }
    }
    args.append(current);

    const CliCommand cmd = parseCommandLine(args);
    // The same arguments always give the same answer.
    const CliCommand again = parseCommandLine(args);
    check(cmd.error == again.error && cmd.help == again.help && cmd.version == again.version);
    if (cmd.help || cmd.version || !cmd.error.isEmpty())
        return 0;
    // An accepted command is one the engine can run: sources and DEST, none empty, sane values.
    const CopyOptions &o = cmd.options;
    check(!o.sources.isEmpty());
    check(!o.destination.isEmpty());
    for (const QByteArray &s : o.sources)
        check(!s.isEmpty());
    check(o.jobs >= 0 && o.jobs <= 1024);
    check(o.conflict != ConflictPolicy::Ask);
    for (const QByteArray &g : o.excludes)
        check(!g.isEmpty());
    check(qsizetype(o.sources.size()) + 1 <= args.size());
    // Every path given comes back unchanged: DEST is one of the arguments.
    check(args.contains(o.destination));
    for (const QByteArray &s : o.sources)
        check(args.contains(s));
    return 0;
}
