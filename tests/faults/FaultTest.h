#pragma once

// Shared by the fault tests: running ferry-cli with the fault library preloaded, and reading what
// it reported.

#include "TestTree.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace FaultTest {

using TestTree::join;

#ifdef FERRY_FAULTS_SANITIZED
constexpr bool Sanitized = true;
#else
constexpr bool Sanitized = false;
#endif

// A preloaded library cannot come before the sanitizer runtime, which must be first.
// The call ferry-cli flushes its copies with: one syncfs on Linux; fsync of each copy and folder
// where the engine takes the portable path (FERRY_PORTABLE_ONLY).
#ifdef FERRY_PORTABLE_ONLY
inline const QString FlushCall = QStringLiteral("fsync");
constexpr bool PortableOnly = true;
#else
inline const QString FlushCall = QStringLiteral("syncfs");
constexpr bool PortableOnly = false;
#endif

// The sanitizer runtime, where one can be preloaded before the fault library (AddressSanitizer
// with GCC's shared runtime): then the fault library comes second, after it.
#ifdef FERRY_FAULTS_SANITIZER_RUNTIME
inline const QString SanitizerRuntime = QStringLiteral(FERRY_FAULTS_SANITIZER_RUNTIME);
#else
inline const QString SanitizerRuntime;
#endif

// For the tests whose fault library must come first: they run in the unsanitized build only.
#define FAULT_SKIP_IF_SANITIZED()                                                                \
    do {                                                                                         \
        if (FaultTest::Sanitized)                                                                \
            QSKIP("ferry-cli is built with sanitizers here; the fault library cannot be "        \
                  "preloaded before their runtime. These faults run in the unsanitized build."); \
    } while (false)

inline QString cliProgram() { return QStringLiteral(FERRY_CLI_PATH); }
inline QString shimLibrary() { return QStringLiteral(FERRY_FAULT_SHIM); }

// For the tests that also run sanitized, with the fault library after the sanitizer's runtime.
#define FAULT_SKIP_IF_NO_PRELOAD()                                                               \
    do {                                                                                         \
        if (FaultTest::Sanitized && FaultTest::SanitizerRuntime.isEmpty())                       \
            QSKIP("ferry-cli is built with a sanitizer whose runtime cannot be preloaded before "  \
                  "the fault library here. These faults run in the unsanitized build.");          \
    } while (false)

// What LD_PRELOAD holds: the sanitizer's runtime first where there is one, then the fault library.
inline QString preloadList()
{
    return SanitizerRuntime.isEmpty() ? shimLibrary() : SanitizerRuntime + QLatin1Char(':') + shimLibrary();
}

// Rules that make every file go through the pread/pwrite loop, so a fault at byte N of a file
// happens at byte N: no reflink, no copy_file_range. They come after a test's own rules (the first
// rule that matches a call applies).
inline QString plainCopyRules()
{
    return QStringLiteral("copy_file_range:errno=ENOSYS;ficlone:errno=EOPNOTSUPP");
}

// Where the tests with tens of thousands of files keep them. Removing files that hold data costs a
// discard per file on some disks (minutes for 100,000), so a memory filesystem is preferred when
// there is one with room; FERRY_FAULT_SCRATCH names another folder.
inline QString scratchBase()
{
    const QString given = qEnvironmentVariable("FERRY_FAULT_SCRATCH");
    if (!given.isEmpty())
        return given;
    struct statvfs sv {};
    if (::statvfs("/dev/shm", &sv) == 0 && ::access("/dev/shm", W_OK) == 0
        && qint64(sv.f_bavail) * qint64(sv.f_frsize) > 4LL * 1024 * 1024 * 1024)
        return QStringLiteral("/dev/shm");
    return QDir::tempPath();
}

inline std::unique_ptr<QTemporaryDir> scratchDir()
{
    return std::make_unique<QTemporaryDir>(scratchBase() + QStringLiteral("/ferry-faults-XXXXXX"));
}

inline int timeoutMs(int baseMs) { return baseMs * TestTree::timeoutFactor(); }

struct Run {
    bool finished = false; // false: it hung and was killed
    bool crashed = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
    QString describe() const
    {
        return QStringLiteral("exit %1%2%3 after %4 ms\n--- stdout\n%5\n--- stderr\n%6")
            .arg(exitCode)
            .arg(finished ? QString() : QStringLiteral(" (did not finish: killed)"))
            .arg(crashed ? QStringLiteral(" (crashed)") : QString())
            .arg(elapsedMs)
            .arg(QString::fromUtf8(out.right(4000)), QString::fromUtf8(err.right(4000)));
    }
};

inline std::unique_ptr<QProcess> start(const QList<QByteArray> &args, const QStringList &env = {})
{
    auto p = std::make_unique<QProcess>();
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const QString &key : e.keys()) {
        if (key.startsWith(QLatin1String("FERRY_FAULT")) || key == QLatin1String("LD_PRELOAD"))
            e.remove(key);
    }
    e.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    for (const QString &kv : env) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        e.insert(kv.left(eq), kv.mid(eq + 1));
    }
    p->setProcessEnvironment(e);
    p->setStandardInputFile(QProcess::nullDevice());
    QStringList list;
    for (const QByteArray &a : args)
        list << QString::fromUtf8(a);
    p->start(cliProgram(), list);
    if (!p->waitForStarted(10000))
        return nullptr;
    return p;
}

inline Run finish(QProcess *p, int timeout)
{
    Run r;
    if (!p)
        return r;
    QElapsedTimer t;
    t.start();
    r.finished = p->waitForFinished(timeout);
    if (!r.finished) {
        ::kill(pid_t(p->processId()), SIGKILL);
        p->waitForFinished(10000);
    }
    r.elapsedMs = t.elapsed();
    r.crashed = p->exitStatus() == QProcess::CrashExit;
    r.exitCode = r.finished && !r.crashed ? p->exitCode() : -1;
    r.out = p->readAllStandardOutput();
    r.err = p->readAllStandardError();
    return r;
}

inline Run run(const QList<QByteArray> &args, const QStringList &env = {}, int timeout = -1)
{
    std::unique_ptr<QProcess> p = start(args, env);
    return finish(p.get(), timeout < 0 ? timeoutMs(120000) : timeout);
}

// Runs ferry-cli with the fault library and exactly `rules`; each fault injected is logged to `log`.
inline Run runWithFaults(const QList<QByteArray> &args, const QString &rules, const QByteArray &log, int timeout = -1)
{
    return run(args,
               {QStringLiteral("LD_PRELOAD=") + preloadList(), QStringLiteral("FERRY_FAULT=") + rules,
                QStringLiteral("FERRY_FAULT_LOG=") + QString::fromUtf8(log)},
               timeout);
}

// Runs ferry-cli with the fault library and `rules` (plus plainCopyRules()); each fault injected
// is logged to `log`.
inline Run runFaulty(const QList<QByteArray> &args, const QString &rules, const QByteArray &log, int timeout = -1)
{
    const QString all = rules.isEmpty() ? plainCopyRules() : rules + QLatin1Char(';') + plainCopyRules();
    return runWithFaults(args, all, log, timeout);
}

using TestTree::ReportRow;
using TestTree::readReport;

// The report row whose source ends with "/" + rel (or is rel), or null.
inline const ReportRow *rowFor(const QList<ReportRow> &rows, const QByteArray &rel)
{
    for (const ReportRow &r : rows) {
        if (r.source == rel || r.source.endsWith('/' + rel))
            return &r;
    }
    return nullptr;
}

// Every regular file under root whose name is not Ferry's temporary, relative to root.
inline QList<QByteArray> finalFiles(const QByteArray &root)
{
    QList<QByteArray> out;
    for (const QByteArray &rel : TestTree::listFiles(root)) {
        const qsizetype slash = rel.lastIndexOf('/');
        if (!rel.mid(slash + 1).startsWith(".ferry-"))
            out.append(rel);
    }
    return out;
}

} // namespace FaultTest
