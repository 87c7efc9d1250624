#include "Console.h"

#include <QCoreApplication>
#include <QDir>
#include <QMetaObject>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <shellapi.h>

#include <atomic>
#include <cstdio>

namespace Ferry {

namespace {
std::function<void()> g_onInterrupt;
HANDLE g_finished = nullptr;

BOOL WINAPI onConsoleEvent(DWORD event)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return FALSE;
    QMetaObject::invokeMethod(app, [] { g_onInterrupt(); }, Qt::QueuedConnection);
    // Closing the console (or logging off) ends the process when this returns: first let the job
    // stop and remove its temporaries (Windows allows a few seconds).
    if (event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT)
        ::WaitForSingleObject(g_finished, 4000);
    return TRUE;
}
} // namespace

QList<QByteArray> commandArguments(int argc, char **argv)
{
    Q_UNUSED(argc);
    Q_UNUSED(argv);
    // argv is in the ANSI code page; the UTF-16 command line has every name as typed.
    QList<QByteArray> args;
    int count = 0;
    wchar_t **all = ::CommandLineToArgvW(::GetCommandLineW(), &count);
    for (int i = 1; all && i < count; ++i) {
        QString a = QDir::fromNativeSeparators(QString::fromWCharArray(all[i]));
        if (a.startsWith(QLatin1String("//?/UNC/")))
            a = QLatin1String("//") + a.mid(8);
        else if (a.startsWith(QLatin1String("//?/")))
            a = a.mid(4);
        args.append(a.toUtf8());
    }
    ::LocalFree(all);
    // What is printed is UTF-8: the console shows it as such.
    ::SetConsoleOutputCP(CP_UTF8);
    return args;
}

bool watchInterrupts(const std::function<void()> &onInterrupt)
{
    g_onInterrupt = onInterrupt;
    g_finished = ::CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!::SetConsoleCtrlHandler(onConsoleEvent, TRUE)) {
        std::fprintf(stderr, "ferry-cli: cannot watch for Ctrl-C (error %lu)\n", ::GetLastError());
        return false;
    }
    return true;
}

void interruptsFinished()
{
    if (g_finished)
        ::SetEvent(g_finished);
}

} // namespace Ferry
