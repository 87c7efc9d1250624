// ferry-cli interrupted: SIGINT/SIGTERM stop it cleanly (exit 130), kill -9 leaves temporaries
// that the next run removes, and a re-run with --conflict update finishes the job.

#include "CliTest.h"

#include <QElapsedTimer>
#include <QHash>
#include <QThread>

#include <signal.h>

using namespace TestTree;
using CliTest::at;

namespace {

constexpr qint64 MiB = 1024 * 1024;

} // namespace

class TestCliInterrupt final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void signalStopsCopy_data();
    void signalStopsCopy();
    void killedCopy_data();
    void killedCopy();

private:
    // Polls dest/src/big until at least `complete` of the big files are there in full (but not
    // all of them) and, if wantTemporary, a named temporary of 1 to maxTemporary bytes is there,
    // while ferry-cli still runs. False if it ended first or timeoutMs passed.
    bool waitForCopyInFlight(QProcess *process, const QByteArray &dest, int complete, bool wantTemporary,
                             qint64 maxTemporary, int timeoutMs, const QList<QByteArray> &ignore = {});
    // Every regular file of `copy` (outside `ignore`) equals its source, or else `oldContent`
    // (the target that was there before) where that is given.
    QString checkFilesWhole(const QByteArray &copy, const QList<QByteArray> &ignore = {},
                            const QHash<QByteArray, QByteArray> &oldContent = {});

    std::unique_ptr<QTemporaryDir> m_sourceDir;
    QByteArray m_src;
    QList<QByteArray> m_files;
    QList<QByteArray> m_bigFiles;
    qint64 m_fileSize = 0;
};

void TestCliInterrupt::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
    // Real (not sparse) data, written once: about 1 GiB in files of 64 MiB, plus small files.
    m_sourceDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_sourceDir->isValid());
    m_src = join(dirPath(*m_sourceDir), QByteArrayLiteral("src"));
    m_fileSize = scaled(64 * MiB, 4 * MiB);
    for (int i = 0; i < 16; ++i) {
        const QByteArray name = QByteArrayLiteral("f") + QByteArray::number(i) + QByteArrayLiteral(".bin");
        QVERIFY(writeRandomFile(join(m_src, QByteArrayLiteral("big/") + name), m_fileSize, quint64(i + 1)));
        m_bigFiles << name;
    }
    QVERIFY(makeManyFiles(join(m_src, QByteArrayLiteral("small")), 200, 50, 3000, 99));
    m_files = listFiles(m_src);
}

bool TestCliInterrupt::waitForCopyInFlight(QProcess *process, const QByteArray &dest, int complete,
                                           bool wantTemporary, qint64 maxTemporary, int timeoutMs,
                                           const QList<QByteArray> &ignore)
{
    QElapsedTimer timer;
    timer.start();
    const QByteArray big = join(dest, QByteArrayLiteral("src/big"));
    // waitForFinished() also notices the end of the process, which state() alone does not.
    while (timer.elapsed() < timeoutMs && !process->waitForFinished(0)) {
        bool temporary = false;
        int done = 0;
        for (const QByteArray &name : listTree(big)) {
            if (ignore.contains(name))
                continue;
            const qint64 size = fileSize(join(big, name));
            if (name.startsWith(".ferry-"))
                temporary = temporary || (size >= 1 && size <= maxTemporary);
            else if (size == m_fileSize)
                ++done;
        }
        if (done >= complete && done < m_bigFiles.size() && (temporary || !wantTemporary))
            return !process->waitForFinished(0);
        QThread::usleep(200);
    }
    return false;
}

QString TestCliInterrupt::checkFilesWhole(const QByteArray &copy, const QList<QByteArray> &ignore,
                                          const QHash<QByteArray, QByteArray> &oldContent)
{
    for (const QByteArray &rel : listFiles(copy)) {
        if (ignore.contains(rel))
            continue;
        const QByteArray source = join(m_src, rel);
        if (kind(source) != Kind::File)
            return QStringLiteral("unexpected file %1").arg(show(rel));
        if (sameContent(source, join(copy, rel)))
            continue;
        if (oldContent.contains(rel) && readFile(join(copy, rel)) == oldContent.value(rel))
            continue;
        return QStringLiteral("%1 is under its final name but incomplete or wrong (%2 of %3 bytes)")
            .arg(show(rel))
            .arg(fileSize(join(copy, rel)))
            .arg(fileSize(source));
    }
    return QString();
}

void TestCliInterrupt::signalStopsCopy_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void TestCliInterrupt::signalStopsCopy()
{
    QFETCH(int, signal);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray dest = at(tmp, "dest");
    const QByteArray copy = join(dest, QByteArrayLiteral("src"));
    const QByteArray report = at(tmp, "report.csv");

    CliCall call;
    call.args = {QByteArrayLiteral("-j"), QByteArrayLiteral("2"), QByteArrayLiteral("--no-sync"),
                 QByteArrayLiteral("--report"), report, m_src, dest};
    std::unique_ptr<QProcess> process = startCli(call);
    QVERIFY(process);
    const bool inFlight = waitForCopyInFlight(process.get(), dest, 2, false, 0, 30000 * timeoutFactor());
    if (!inFlight) {
        const CliRun early = finishCli(process.get(), 1000);
        QFAIL(qPrintable(QStringLiteral("could not catch the copy in flight (it took %1 ms); %2")
                             .arg(early.elapsedMs)
                             .arg(early.describe())));
    }
    QElapsedTimer sinceSignal;
    sinceSignal.start();
    QCOMPARE(::kill(pid_t(process->processId()), signal), 0);
    const CliRun run = finishCli(process.get(), 20000 * timeoutFactor());
    const qint64 stopMs = sinceSignal.elapsed();
    FERRY_COMPARE_EXIT(run, 130);
    QVERIFY2(stopMs < 2000, qPrintable(QStringLiteral("took %1 ms to stop").arg(stopMs)));
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());
    const QString incomplete = checkFilesWhole(copy);
    QVERIFY2(incomplete.isEmpty(), qPrintable(incomplete));
    const QList<QByteArray> kept = listFiles(copy);
    QVERIFY2(kept.size() >= 2, "finished files were not kept");
    QVERIFY2(kept.size() < m_files.size(), "everything was copied: the signal came too late");

    // The report covers what was done.
    QString error;
    const QList<CliTest::ReportRow> rows = CliTest::readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!rows.isEmpty());
    for (const CliTest::ReportRow &row : rows) {
        if (row.status == "copied") {
            const QByteArray rel = row.source.mid(m_src.size() + 1);
            QVERIFY2(kept.contains(rel), qPrintable(QStringLiteral("reported copied but missing: ") + show(rel)));
        }
    }
    for (const QByteArray &rel : kept)
        QCOMPARE(CliTest::statusOf(rows, QByteArray("src/" + rel)), QByteArrayLiteral("copied"));

    // Re-run with --conflict update: only the missing files are copied.
    const QByteArray report2 = at(tmp, "report2.csv");
    const CliRun rerun = runCli({QByteArrayLiteral("--conflict"), QByteArrayLiteral("update"),
                                 QByteArrayLiteral("--no-sync"), QByteArrayLiteral("--report"), report2, m_src, dest},
                                120000 * timeoutFactor());
    FERRY_COMPARE_EXIT(rerun, 0);
    CompareOptions options;
    options.folderMtimes = false;
    FERRY_COMPARE_TREES_WITH(m_src, copy, options);
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());
    const QList<CliTest::ReportRow> rows2 = CliTest::readReport(report2, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows2.size(), m_files.size());
    for (const QByteArray &rel : m_files) {
        const QByteArray expected = kept.contains(rel) ? QByteArrayLiteral("skipped") : QByteArrayLiteral("copied");
        QCOMPARE(CliTest::statusOf(rows2, QByteArray("src/" + rel)), expected);
    }
}

void TestCliInterrupt::killedCopy_data()
{
    // "overwriting": older versions of the big files are in DEST and --conflict overwrite
    // replaces them.
    QTest::addColumn<bool>("overwriting");
    QTest::newRow("new destination") << false;
    QTest::newRow("overwriting") << true;
}

void TestCliInterrupt::killedCopy()
{
    // kill -9 half-way: nothing half-written under a final name; the next run (--conflict
    // update) removes the temporaries Ferry left, and only those, and completes the copy.
    // Where the file system lets Ferry write unnamed files (O_TMPFILE) a kill leaves none, so
    // a leftover of a dead run is also planted, named the way Ferry names its temporaries:
    // ".ferry-<writer's pid in hex>-<random hex>.part".
    QFETCH(bool, overwriting);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray dest = at(tmp, "dest");
    const QByteArray copy = join(dest, QByteArrayLiteral("src"));
    // The user's own files that merely look like temporaries.
    const QList<QByteArray> userFiles{QByteArrayLiteral("big/.ferry-notes.txt"), QByteArrayLiteral("big/x.part"),
                                      QByteArrayLiteral(".ferry-notes.txt"), QByteArrayLiteral("small/.ferry-notes.part")};
    for (const QByteArray &rel : userFiles)
        QVERIFY(writeFile(join(copy, rel), QByteArray("user data in " + rel)));
    QVERIFY(writeFile(join(dest, QByteArrayLiteral(".ferry-mine.part")), QByteArrayLiteral("mine")));
    QHash<QByteArray, QByteArray> oldContent;
    if (overwriting) {
        for (const QByteArray &name : m_bigFiles) {
            const QByteArray rel = QByteArray("big/" + name);
            oldContent.insert(rel, QByteArray("old version of " + rel));
            QVERIFY(writeFile(join(copy, rel), oldContent.value(rel)));
        }
    }

    CliCall call;
    call.args = {QByteArrayLiteral("-j"), QByteArrayLiteral("2"), QByteArrayLiteral("--no-sync"),
                 QByteArrayLiteral("--conflict"), overwriting ? QByteArrayLiteral("overwrite") : QByteArrayLiteral("skip"),
                 m_src, dest};
    std::unique_ptr<QProcess> process = startCli(call);
    QVERIFY(process);
    // Kill once a big file is done and the others are under way.
    const bool inFlight = waitForCopyInFlight(process.get(), dest, 1, false, 0, 30000 * timeoutFactor(),
                                              {QByteArrayLiteral(".ferry-notes.txt"), QByteArrayLiteral("x.part")});
    if (!inFlight) {
        const CliRun early = finishCli(process.get(), 1000);
        QFAIL(qPrintable(QStringLiteral("could not catch the copy in flight; %1").arg(early.describe())));
    }
    QCOMPARE(::kill(pid_t(process->processId()), SIGKILL), 0);
    const CliRun killed = finishCli(process.get(), 10000);
    QVERIFY(killed.crashed);

    const QList<QByteArray> leftovers = findTemporaries(copy, userFiles);
    const QString incomplete = checkFilesWhole(copy, userFiles + leftovers, oldContent);
    QVERIFY2(incomplete.isEmpty(), qPrintable(incomplete));

    // What a kill -9 leaves where the file system has no unnamed files.
    QProcess gone;
    gone.start(QStringLiteral("/bin/true"), {});
    QVERIFY(gone.waitForStarted(10000));
    const qint64 gonePid = gone.processId(); // a process that has ended
    QVERIFY(gonePid > 0);
    QVERIFY(gone.waitForFinished(10000));
    const QByteArray staleName = QByteArrayLiteral(".ferry-") + QByteArray::number(gonePid, 16)
        + QByteArrayLiteral("-0123456789abcdef.part");
    QVERIFY(writeFile(join(copy, QByteArray("big/" + staleName)), QByteArrayLiteral("half a copy")));
    QVERIFY(writeFile(join(copy, QByteArray("small/" + staleName)), QByteArrayLiteral("half a copy")));

    const CliRun rerun = runCli({QByteArrayLiteral("--conflict"), QByteArrayLiteral("update"),
                                 QByteArrayLiteral("--no-sync"), m_src, dest},
                                120000 * timeoutFactor());
    FERRY_COMPARE_EXIT(rerun, 0);
    QCOMPARE(findTemporaries(copy, userFiles), QList<QByteArray>());
    CompareOptions options;
    options.folderMtimes = false;
    options.ignoreInActual = userFiles;
    FERRY_COMPARE_TREES_WITH(m_src, copy, options);
    for (const QByteArray &rel : userFiles)
        QCOMPARE(readFile(join(copy, rel)), QByteArray("user data in " + rel));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral(".ferry-mine.part"))), QByteArrayLiteral("mine"));
}

QTEST_GUILESS_MAIN(TestCliInterrupt)
#include "tst_cli_interrupt.moc"
