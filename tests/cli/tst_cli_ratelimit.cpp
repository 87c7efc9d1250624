// ferry-cli --limit-rate: the limit holds over all threads of the job together.

#include "CliTest.h"

using namespace TestTree;
using CliTest::at;

class TestCliRateLimit final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void limitHoldsOverTheJob_data();
    void limitHoldsOverTheJob();
    void badRateIsRefused();
};

void TestCliRateLimit::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
}

void TestCliRateLimit::limitHoldsOverTheJob_data()
{
    QTest::addColumn<int>("files");
    QTest::addColumn<QByteArray>("jobs");
    // 40 MiB at 10 MiB/s: 4 s, within 10%. Without the flush at the end, whose time is the disk's
    // (on a busy machine it alone can take half a second).
    QTest::newRow("one file") << 1 << QByteArray("1");
    QTest::newRow("eight files on four threads") << 8 << QByteArray("4");
}

void TestCliRateLimit::limitHoldsOverTheJob()
{
    QFETCH(int, files);
    QFETCH(QByteArray, jobs);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray src = at(dir, "src");
    constexpr qint64 Total = 40 * 1024 * 1024;
    for (int i = 0; i < files; ++i)
        QVERIFY(writeRandomFile(join(src, "f" + QByteArray::number(i)), Total / files, quint64(i + 1)));
    const QList<QByteArray> args{"--limit-rate", "10M", "-j", jobs, "--progress", "none", "--no-sync", src, at(dir, "dest")};
    const CliRun run = runCli(args);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    qInfo("40 MiB at 10M on %s threads: %lld ms", jobs.constData(), run.elapsedMs);
    // Never faster than the limit; within 10% of it in the release tree (sanitized builds, 5-15x
    // slower at everything, only have to keep under the limit).
    const qint64 most = 4400 * TestTree::timeoutFactor();
    QVERIFY2(run.elapsedMs >= 3600 && run.elapsedMs <= most, qPrintable(QString::number(run.elapsedMs)));
    FERRY_COMPARE_TREES(src, join(at(dir, "dest"), "src"));
}

void TestCliRateLimit::badRateIsRefused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(at(dir, "a"), "x"));
    const CliRun run = runCli({"--limit-rate", "ten", at(dir, "a"), at(dir, "dest")});
    QVERIFY2(run.finished, qPrintable(run.describe()));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--limit-rate: 'ten' is not a speed"), run.err.constData());
    QVERIFY(!exists(at(dir, "dest")));
}

QTEST_GUILESS_MAIN(TestCliRateLimit)
#include "tst_cli_ratelimit.moc"
