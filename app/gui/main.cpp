// ferry: the window. `ferry [SOURCE... DEST] [--start]`; see --help.

#include "Application.h"
#include "CommandLine.h"
#include "MainWindow.h"
#include "WindowLink.h"

#include <QApplication>
#include <QTimer>

#include <algorithm>
#include <cstdio>

#ifdef Q_OS_WIN
#include "fs/FileSystem.h"
#include <windows.h>
#include <shellapi.h>
#endif

namespace {
QList<QByteArray> arguments(int argc, char **argv)
{
    QList<QByteArray> args;
#ifdef Q_OS_WIN
    // argv is in the ANSI code page: the UTF-16 command line (less what QApplication took) has
    // every name as typed.
    Q_UNUSED(argc);
    Q_UNUSED(argv);
    QStringList all;
    if (QCoreApplication::instance()) {
        all = QCoreApplication::arguments();
    } else {
        int count = 0;
        wchar_t **wide = ::CommandLineToArgvW(::GetCommandLineW(), &count);
        for (int i = 0; wide && i < count; ++i)
            all.append(QString::fromWCharArray(wide[i]));
        ::LocalFree(wide);
    }
    for (qsizetype i = 1; i < all.size(); ++i)
        args.append(Ferry::fs::pathFromText(all.at(i)));
#else
    // The bytes as given: a name need not be UTF-8.
    for (int i = 1; i < argc; ++i)
        args.append(QByteArray(argv[i]));
#endif
    return args;
}

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

int exitCode(const Ferry::Summary &s)
{
    if (s.refused)
        return 2;
    if (s.cancelled)
        return 130;
    return s.ok() ? 0 : 1;
}
} // namespace

int main(int argc, char **argv)
{
    // --help and --version print and exit without a display.
    const Ferry::GuiCommand early = Ferry::parseGuiCommandLine(arguments(argc, argv));
    if (early.help || early.version) {
        QCoreApplication app(argc, argv);
        Ferry::initApplication(&app);
        print(stdout, early.help ? Ferry::guiHelpText() : Ferry::guiVersionText());
        return 0;
    }

    QApplication app(argc, argv);
    Ferry::initApplication(&app);
    QGuiApplication::setDesktopFileName(QStringLiteral(FERRY_APP_ID));
    QApplication::setWindowIcon(Ferry::applicationIcon());
    // QApplication has taken its own options (-style, -platform...) out of argv.
    const Ferry::GuiCommand command = Ferry::parseGuiCommandLine(arguments(argc, argv));
    // One window: a window already running takes the job. (Unattended runs report their own job.)
    const bool ownWindow = command.newWindow || command.quitWhenDone || !command.error.isEmpty();
    if (!ownWindow && Ferry::WindowLink::handOver(command))
        return 0;

    Ferry::MainWindow window;
    Ferry::WindowLink link;
    if (!command.newWindow && !command.quitWhenDone) {
        link.listen();
        QObject::connect(&link, &Ferry::WindowLink::received, &window, &Ferry::MainWindow::takeCommand);
    }
    if (command.quitWhenDone) {
        // Unattended: say it on stderr instead of waiting for someone to close a box.
        Ferry::MainWindow::Prompts prompts;
        prompts.error = [](QWidget *, const QString &title, const QString &text) {
            print(stderr, QStringLiteral("ferry: %1: %2\n").arg(title, text));
        };
        prompts.confirm = [](QWidget *, const QString &, const QString &) { return true; };
        window.setPrompts(prompts);
        // Every job handed to this window counts: the worst outcome is the exit status.
        QObject::connect(&window, &Ferry::MainWindow::jobFinished, &app, [&window](const Ferry::Summary &s) {
            static int worst = 0;
            worst = std::max(worst, exitCode(s));
            if (!window.isRunning())
                QCoreApplication::exit(worst);
        });
    }
    window.addSources(command.sources);
    if (!command.destination.isEmpty())
        window.setDestination(command.destination);
    window.show();
    if (!command.error.isEmpty())
        window.showStatus(command.error);
    if (command.start && command.error.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, &command] {
            if (window.start() || !command.quitWhenDone)
                return;
            print(stderr, QStringLiteral("ferry: %1\n").arg(window.statusText()));
            QCoreApplication::exit(2);
        });
    } else if (command.quitWhenDone && (command.start || !command.error.isEmpty())) {
        print(stderr, QStringLiteral("ferry: %1\n").arg(command.error));
        return 2;
    }
    return app.exec();
}
