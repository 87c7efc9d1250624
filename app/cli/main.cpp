#include "CliOptions.h"
#include "CliRunner.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace {
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &c, 1);
}

void writeOut(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}
} // namespace

int main(int argc, char **argv)
{
    // The raw arguments, before anything decodes them: paths are bytes.
    QList<QByteArray> args;
    for (int i = 1; i < argc; ++i)
        args.append(QByteArray(argv[i]));

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

    std::signal(SIGPIPE, SIG_IGN);
    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        std::perror("ferry-cli: pipe");
        return 2;
    }
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);

    Ferry::CliRunner runner(command);
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &runner, [&runner] {
        char buf[16];
        while (::read(g_signalPipe[0], buf, sizeof buf) > 0) {
        }
        runner.interrupt();
    });
    QObject::connect(&runner, &Ferry::CliRunner::done, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    runner.start();
    return app.exec();
}
