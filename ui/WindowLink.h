#pragma once

#include "CommandLine.h"

#include <QObject>

class QLocalServer;

namespace Ferry {

// One window per user session: a `ferry` started while a window runs hands its command to that
// window over a local socket in the session's runtime folder, and exits. The window answers at
// once; a window that does not answer within the time-out is not waited for.
class WindowLink : public QObject
{
    Q_OBJECT
public:
    explicit WindowLink(QObject *parent = nullptr);

    // Where the running window listens.
    static QString serverName();
    // Gives the command to the running window; true once it has taken it.
    static bool handOver(const GuiCommand &command, int timeoutMs = 1000);
    // Listens for the commands of later `ferry` processes (taking over a socket left behind by a
    // window that is gone).
    bool listen();

Q_SIGNALS:
    void received(const Ferry::GuiCommand &command);

private:
    void onConnection();

    QLocalServer *m_server;
};

} // namespace Ferry
