#pragma once

// What ferry-cli needs of its console, per system: its arguments as the engine's paths, and
// Ctrl-C (and, on POSIX, SIGTERM; on Windows, the console window being closed) turned into one
// call on the event loop's thread.

#include <QByteArray>
#include <QList>

#include <functional>

namespace Ferry {

// The arguments after the program's name. POSIX: the bytes as given (a name need not be UTF-8).
// Windows: the UTF-16 command line as UTF-8, with '/' between names.
QList<QByteArray> commandArguments(int argc, char **argv);

// Calls onInterrupt on the thread running the event loop (QCoreApplication must exist) each
// time the user interrupts. Returns false with a message on stderr when it cannot be set up.
bool watchInterrupts(const std::function<void()> &onInterrupt);

// Called once the program is done: a console being closed waits for this before it goes.
void interruptsFinished();

} // namespace Ferry
