#include "WindowLink.h"
#include "fs/FileSystem.h"

#include <QDataStream>
#include <QDeadlineTimer>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QStandardPaths>


namespace Ferry {

namespace {
constexpr quint32 Magic = 0x46525931; // "FRY1"
const QByteArray Taken = QByteArrayLiteral("taken\n");

QByteArray encode(const GuiCommand &command)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << Magic << command.sources << command.destination << command.start;
    return bytes;
}

bool decode(const QByteArray &bytes, GuiCommand *command)
{
    QDataStream in(bytes);
    quint32 magic = 0;
    in >> magic >> command->sources >> command->destination >> command->start;
    return magic == Magic && in.status() == QDataStream::Ok;
}
} // namespace

WindowLink::WindowLink(QObject *parent)
    : QObject(parent)
    , m_server(new QLocalServer(this))
{
    connect(m_server, &QLocalServer::newConnection, this, &WindowLink::onConnection);
}

QString WindowLink::serverName()
{
    // The runtime folder is the user's own and lasts as long as the session.
    QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath();
    return dir + QStringLiteral("/ferry-window-%1").arg(fs::native().userId());
}

bool WindowLink::handOver(const GuiCommand &command, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QLocalSocket socket;
    socket.connectToServer(serverName());
    if (!socket.waitForConnected(int(deadline.remainingTime())))
        return false;
    const QByteArray message = encode(command);
    QByteArray framed;
    QDataStream frame(&framed, QIODevice::WriteOnly);
    frame << message;
    socket.write(framed);
    if (!socket.waitForBytesWritten(int(deadline.remainingTime())))
        return false;
    QByteArray answer;
    while (answer.size() < Taken.size() && !deadline.hasExpired()) {
        if (!socket.waitForReadyRead(int(deadline.remainingTime())))
            break;
        answer += socket.readAll();
    }
    return answer.startsWith(Taken);
}

bool WindowLink::listen()
{
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (m_server->listen(serverName()))
        return true;
    // A socket is there but no window answered on it (handOver() was tried first): it is stale.
    QLocalServer::removeServer(serverName());
    return m_server->listen(serverName());
}

void WindowLink::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            QDataStream in(socket);
            in.startTransaction();
            QByteArray message;
            in >> message;
            if (!in.commitTransaction())
                return; // more to come
            GuiCommand command;
            if (decode(message, &command)) {
                socket->write(Taken);
                socket->flush();
                Q_EMIT received(command);
            }
            socket->disconnectFromServer();
        });
    }
}

} // namespace Ferry
