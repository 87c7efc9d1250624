#include "CliOptions.h"

#include "RateLimit.h"

namespace Ferry {

namespace {
bool parseJobs(const QByteArray &text, int *jobs)
{
    if (text.isEmpty() || text.size() > 4)
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    *jobs = text.toInt();
    return *jobs >= 1 && *jobs <= 1024;
}

bool parseProgress(const QByteArray &text, ProgressMode *mode)
{
    if (text == "auto")
        *mode = ProgressMode::Auto;
    else if (text == "bar")
        *mode = ProgressMode::Bar;
    else if (text == "json")
        *mode = ProgressMode::Json;
    else if (text == "none")
        *mode = ProgressMode::None;
    else
        return false;
    return true;
}
} // namespace

CliCommand parseCommandLine(const QList<QByteArray> &args)
{
    CliCommand cmd;
    QList<QByteArray> positional;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QByteArray &arg = args[i];
        if (optionsEnded || arg.size() < 2 || !arg.startsWith('-')) {
            positional.append(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        QByteArray name = arg;
        QByteArray value;
        bool hasValue = false;
        if (arg.startsWith("--")) {
            const qsizetype eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.left(eq);
                value = arg.mid(eq + 1);
                hasValue = true;
            }
        } else if (arg.startsWith("-j") && arg.size() > 2) {
            name = "-j";
            value = arg.mid(2);
            hasValue = true;
        }
        const bool takesValue = name == "-j" || name == "--jobs" || name == "--conflict" || name == "--exclude"
            || name == "--report" || name == "--progress" || name == "--limit-rate";
        if (takesValue && !hasValue) {
            if (i + 1 >= args.size()) {
                cmd.error = QStringLiteral("option '%1' needs a value").arg(QString::fromUtf8(name));
                return cmd;
            }
            value = args[++i];
        } else if (!takesValue && hasValue) {
            cmd.error = QStringLiteral("option '%1' takes no value").arg(QString::fromUtf8(name));
            return cmd;
        }
        if (name == "-j" || name == "--jobs") {
            if (!parseJobs(value, &cmd.options.jobs)) {
                cmd.error = QStringLiteral("--jobs needs a whole number from 1 to 1024, not '%1'").arg(QString::fromUtf8(value));
                return cmd;
            }
        } else if (name == "--conflict") {
            if (!parseConflictPolicy(QString::fromUtf8(value), &cmd.options.conflict)
                || cmd.options.conflict == ConflictPolicy::Ask) {
                cmd.error = QStringLiteral("--conflict takes skip, overwrite, update or rename, not '%1'").arg(QString::fromUtf8(value));
                return cmd;
            }
        } else if (name == "--exclude") {
            if (value.isEmpty()) {
                cmd.error = QStringLiteral("--exclude needs a pattern");
                return cmd;
            }
            cmd.options.excludes.append(value);
        } else if (name == "--report") {
            if (value.isEmpty()) {
                cmd.error = QStringLiteral("--report needs a file name");
                return cmd;
            }
            cmd.reportPath = value;
        } else if (name == "--progress") {
            if (!parseProgress(value, &cmd.progress)) {
                cmd.error = QStringLiteral("--progress takes auto, bar, json or none, not '%1'").arg(QString::fromUtf8(value));
                return cmd;
            }
        } else if (name == "--limit-rate") {
            QString why;
            if (!parseRate(value, &cmd.rateLimit, &why)) {
                cmd.error = QStringLiteral("--limit-rate: %1").arg(why);
                return cmd;
            }
        } else if (name == "--verify") {
            cmd.options.verify = true;
        } else if (name == "--move") {
            cmd.options.move = true;
        } else if (name == "--dry-run" || name == "-n") {
            cmd.options.dryRun = true;
        } else if (name == "--follow-symlinks" || name == "-L") {
            cmd.options.followSymlinks = true;
        } else if (name == "--no-preserve") {
            cmd.options.preserve = false;
        } else if (name == "--fix-names") {
            cmd.options.fixNames = true;
        } else if (name == "--no-sync") {
            cmd.options.sync = false;
        } else if (name == "--help" || name == "-h") {
            cmd.help = true;
            return cmd;
        } else if (name == "--version" || name == "-V") {
            cmd.version = true;
            return cmd;
        } else {
            cmd.error = QStringLiteral("unknown option '%1'").arg(QString::fromUtf8(name));
            return cmd;
        }
    }
    if (positional.size() < 2) {
        cmd.error = positional.isEmpty() ? QStringLiteral("no SOURCE and DEST given")
                                         : QStringLiteral("no DEST given: the last argument is the folder to copy into");
        return cmd;
    }
    cmd.options.destination = positional.takeLast();
    cmd.options.sources = positional;
    for (const QByteArray &p : std::as_const(positional)) {
        if (p.isEmpty()) {
            cmd.error = QStringLiteral("an empty SOURCE was given");
            return cmd;
        }
    }
    if (cmd.options.destination.isEmpty())
        cmd.error = QStringLiteral("an empty DEST was given");
    return cmd;
}

QString helpText()
{
    return QStringLiteral(R"(Usage: ferry-cli [OPTIONS] SOURCE... DEST
Copies each SOURCE, a file or a folder, into the folder DEST (made if missing) under its own
name, in parallel, and flushes the copies to disk before it reports done.

Options:
  -j, --jobs N             copy threads (default: 16, or twice the cores up to 16 when a
                           source is on a spinning disk; at least 2)
      --conflict POLICY    where a target exists: skip (default), overwrite, update
                           (replace if the source is newer or differs in size), rename
                           (write "name (2).ext" beside it)
      --verify             read each copy back from the disk and compare XXH3 checksums
      --move               remove each source once it is copied (and verified)
      --exclude GLOB       skip files and folders whose name matches (repeatable)
  -n, --dry-run            print what would be copied, skipped or refused; write nothing
  -L, --follow-symlinks    copy what links point to (default: recreate links as links)
      --limit-rate RATE    copy at most RATE bytes a second over all threads together;
                           k, M and G multiply by 1024 (e.g. 500k, 10M; 0: no limit)
      --no-preserve        do not carry over modification times, permissions, owners and
                           extended attributes
      --fix-names          where the destination cannot store a name (FAT, exFAT, NTFS:
                           < > : " | ? * \, a trailing dot, CON...), replace what it refuses
                           with '_' instead of failing the file
      --report FILE        write a CSV report: status,size,source,destination,message
      --progress MODE      auto (a bar on a terminal), bar, json (one object a line on
                           stdout) or none
      --no-sync            do not flush to disk before reporting done
  -h, --help               show this help
  -V, --version            show the version
      --                   end of options: what follows are paths

Exit status: 0 all copied or deliberately skipped; 1 some files failed; 2 bad usage or
bad input, nothing written; 130 cancelled (SIGINT or SIGTERM).
)");
}

} // namespace Ferry
