#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Ferry {

// `ferry [SOURCE... DEST] [--start]`: the window's command line. Arguments are bytes, as the
// kernel gives them, so a path that is not UTF-8 reaches the engine unchanged.
struct GuiCommand {
    QList<QByteArray> sources;
    QByteArray destination;
    bool start = false;
    bool quitWhenDone = false; // for scripts and tests: exit when the job ends (hidden); a window of its own
    bool newWindow = false;    // do not hand the job to a window already running
    bool help = false;
    bool version = false;
    QString error; // shown in the window
};

GuiCommand parseGuiCommandLine(const QList<QByteArray> &args);
QString guiHelpText();
QString guiVersionText();

} // namespace Ferry
