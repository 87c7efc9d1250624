#include "CommandLine.h"
#include "CopyTypes.h"
#include "fs/FileSystem.h"

#include <QCoreApplication>
#include <QFile>

namespace Ferry {

// The translation context of the command line's texts.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(Ferry::CommandLine)
};

// A file manager may pass file:// URLs (the desktop file's %U): their path, percent-decoded to
// the bytes it stands for, so names that are not UTF-8 survive. Anything else is a path already.
static QByteArray localPath(const QByteArray &arg)
{
    if (!arg.startsWith("file://"))
        return arg;
    QByteArray rest = arg.mid(7);
    const qsizetype slash = rest.indexOf('/');
    if (slash < 0)
        return arg;
    const QByteArray host = rest.left(slash);
    if (!host.isEmpty() && host != "localhost")
        return arg; // another machine's file: left as it is, refused as a missing path
    return QByteArray::fromPercentEncoding(rest.mid(slash));
}

GuiCommand parseGuiCommandLine(const QList<QByteArray> &args)
{
    GuiCommand c;
    QList<QByteArray> paths;
    bool options = true;
    for (const QByteArray &arg : args) {
        if (options && arg == "--") {
            options = false;
        } else if (options && arg.startsWith('-') && arg.size() > 1) {
            if (arg == "--start")
                c.start = true;
            else if (arg == "--new-window")
                c.newWindow = true;
            else if (arg == "--quit-when-done")
                c.quitWhenDone = true;
            else if (arg == "--help" || arg == "-h")
                c.help = true;
            else if (arg == "--version" || arg == "-v")
                c.version = true;
            else if (c.error.isEmpty())
                c.error = CommandLine::tr("Unknown option “%1”; see ferry --help.").arg(displayPath(arg));
        } else if (arg.isEmpty()) {
            if (c.error.isEmpty())
                c.error = CommandLine::tr("An empty path was given on the command line.");
        } else {
            paths.append(localPath(arg));
        }
    }
    // One path is what a file manager's "Open with Ferry" gives: a source, the destination to choose.
    if (paths.size() == 1) {
        c.sources = paths;
    } else if (paths.size() > 1) {
        c.destination = paths.takeLast();
        c.sources = paths;
    }
    if (c.start && c.destination.isEmpty() && c.error.isEmpty())
        c.error = CommandLine::tr("--start needs the sources and the destination.");
    return c;
}

QString guiHelpText()
{
    return CommandLine::tr("Usage: ferry [SOURCE... DESTINATION] [--start]\n"
              "\n"
              "Copies files and folders fast, in parallel and safely, in a window.\n"
              "\n"
              "Arguments:\n"
              "  SOURCE...      files and folders to copy\n"
              "  DESTINATION    the folder to copy into (the last path given)\n"
              "\n"
              "Options:\n"
              "  --start        start copying at once\n"
              "  --new-window   open a window of its own; by default the job goes to the\n"
              "                 Ferry window already open, if there is one\n"
              "  -h, --help     show this help and exit\n"
              "  -v, --version  show the version and exit\n");
}

QString guiVersionText()
{
    return QStringLiteral("ferry %1\n").arg(QStringLiteral(FERRY_VERSION));
}

} // namespace Ferry
