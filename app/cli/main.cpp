#include "CliOptions.h"
#include "CliRunner.h"
#include "Console.h"

#include <QCoreApplication>

#include <cstdio>

namespace {
void writeOut(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}
} // namespace

int main(int argc, char **argv)
{
    // The arguments before anything decodes them: paths are bytes.
    const QList<QByteArray> args = Ferry::commandArguments(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ferry-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));

    const Ferry::CliCommand command = Ferry::parseCommandLine(args);
    if (command.help) {
        writeOut(stdout, Ferry::helpText());
        return 0;
    }
    if (command.version) {
        writeOut(stdout, QStringLiteral("ferry-cli %1\n").arg(QStringLiteral(FERRY_VERSION)));
        return 0;
    }
    if (!command.error.isEmpty()) {
        writeOut(stderr, QStringLiteral("ferry-cli: %1\nTry 'ferry-cli --help' for more information.\n").arg(command.error));
        return 2;
    }

    Ferry::CliRunner runner(command);
    if (!Ferry::watchInterrupts([&runner] { runner.interrupt(); }))
        return 2;
    QObject::connect(&runner, &Ferry::CliRunner::done, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    runner.start();
    const int code = app.exec();
    Ferry::interruptsFinished();
    return code;
}
