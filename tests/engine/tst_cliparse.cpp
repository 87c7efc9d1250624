#include "CliOptions.h"
#include "RateLimit.h"

#include <QTest>

using namespace Ferry;

class TestCliParse final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void keepsBytesOfPaths();
    void limitRate_data();
    void limitRate();
    void helpAndVersion();
};

static QList<QByteArray> split(const char *line)
{
    return QByteArray(line).split(' ');
}

void TestCliParse::parses_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("jobs");
    QTest::addColumn<int>("conflict");
    QTest::addColumn<int>("sources");
    QTest::addColumn<QByteArray>("dest");
    QTest::addColumn<bool>("verify");
    QTest::addColumn<bool>("preserve");

    QTest::newRow("plain") << QByteArray("a b") << 0 << int(ConflictPolicy::Skip) << 1 << QByteArray("b") << false << true;
    QTest::newRow("jobs short") << QByteArray("-j 4 a b c") << 4 << int(ConflictPolicy::Skip) << 2 << QByteArray("c") << false << true;
    QTest::newRow("jobs glued") << QByteArray("-j8 a b") << 8 << int(ConflictPolicy::Skip) << 1 << QByteArray("b") << false << true;
    QTest::newRow("jobs long=") << QByteArray("--jobs=3 a b") << 3 << int(ConflictPolicy::Skip) << 1 << QByteArray("b") << false << true;
    QTest::newRow("conflict") << QByteArray("--conflict rename a b") << 0 << int(ConflictPolicy::Rename) << 1 << QByteArray("b") << false << true;
    QTest::newRow("conflict=") << QByteArray("--conflict=update a b") << 0 << int(ConflictPolicy::Update) << 1 << QByteArray("b") << false << true;
    QTest::newRow("flags") << QByteArray("--verify --no-preserve a b") << 0 << int(ConflictPolicy::Skip) << 1 << QByteArray("b") << true << false;
    QTest::newRow("double dash") << QByteArray("-- -a -b") << 0 << int(ConflictPolicy::Skip) << 1 << QByteArray("-b") << false << true;
    QTest::newRow("lone dash is a path") << QByteArray("- b") << 0 << int(ConflictPolicy::Skip) << 1 << QByteArray("b") << false << true;
}

void TestCliParse::parses()
{
    QFETCH(QByteArray, line);
    const CliCommand cmd = parseCommandLine(line.split(' '));
    QCOMPARE(cmd.error, QString());
    QTEST(cmd.options.jobs, "jobs");
    QTEST(int(cmd.options.conflict), "conflict");
    QTEST(int(cmd.options.sources.size()), "sources");
    QTEST(cmd.options.destination, "dest");
    QTEST(cmd.options.verify, "verify");
    QTEST(cmd.options.preserve, "preserve");
}

void TestCliParse::rejects_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("jobs zero") << QByteArray("-j 0 a b") << QStringLiteral("--jobs");
    QTest::newRow("jobs word") << QByteArray("--jobs many a b") << QStringLiteral("many");
    QTest::newRow("jobs negative") << QByteArray("-j -3 a b") << QStringLiteral("-3");
    QTest::newRow("jobs missing") << QByteArray("a b -j") << QStringLiteral("needs a value");
    QTest::newRow("bad policy") << QByteArray("--conflict clobber a b") << QStringLiteral("clobber");
    QTest::newRow("ask is the window's") << QByteArray("--conflict ask a b") << QStringLiteral("ask");
    QTest::newRow("bad progress") << QByteArray("--progress loud a b") << QStringLiteral("loud");
    QTest::newRow("unknown") << QByteArray("--frobnicate a b") << QStringLiteral("--frobnicate");
    QTest::newRow("flag with value") << QByteArray("--verify=yes a b") << QStringLiteral("--verify");
    QTest::newRow("one path") << QByteArray("a") << QStringLiteral("DEST");
    QTest::newRow("no path") << QByteArray("--verify") << QStringLiteral("SOURCE");
    QTest::newRow("rate word") << QByteArray("--limit-rate fast a b") << QStringLiteral("'fast' is not a speed");
    QTest::newRow("rate unit") << QByteArray("--limit-rate 10X a b") << QStringLiteral("'10X'");
    QTest::newRow("rate negative") << QByteArray("--limit-rate=-5M a b") << QStringLiteral("'-5M'");
    QTest::newRow("rate missing") << QByteArray("a b --limit-rate") << QStringLiteral("needs a value");
    QTest::newRow("rate huge") << QByteArray("--limit-rate 99999999G a b") << QStringLiteral("too large");
}

void TestCliParse::rejects()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, mentions);
    const CliCommand cmd = parseCommandLine(line.split(' '));
    QVERIFY2(cmd.error.contains(mentions), qPrintable(cmd.error));
}

void TestCliParse::keepsBytesOfPaths()
{
    const QByteArray odd("caf\xe9\xff.txt");
    const CliCommand cmd = parseCommandLine({odd, QByteArrayLiteral("--exclude"), QByteArrayLiteral("*.o"),
                                             QByteArrayLiteral("d\xfe")});
    QCOMPARE(cmd.error, QString());
    QCOMPARE(cmd.options.sources, QList<QByteArray>{odd});
    QCOMPARE(cmd.options.destination, QByteArray("d\xfe"));
    QCOMPARE(cmd.options.excludes, QList<QByteArray>{QByteArrayLiteral("*.o")});
}

void TestCliParse::limitRate_data()
{
    QTest::addColumn<QByteArray>("rate");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("bytes") << QByteArray("1500") << qint64(1500);
    QTest::newRow("k") << QByteArray("500k") << qint64(500 * 1024);
    QTest::newRow("K") << QByteArray("2K") << qint64(2048);
    QTest::newRow("M") << QByteArray("10M") << qint64(10 * 1024 * 1024);
    QTest::newRow("fraction") << QByteArray("1.5M") << qint64(1536 * 1024);
    QTest::newRow("G") << QByteArray("1g") << qint64(1024LL * 1024 * 1024);
    QTest::newRow("none") << QByteArray("0") << qint64(0);
}

void TestCliParse::limitRate()
{
    QFETCH(QByteArray, rate);
    QFETCH(qint64, bytes);
    const CliCommand cmd = parseCommandLine({QByteArrayLiteral("--limit-rate"), rate, "a", "b"});
    QCOMPARE(cmd.error, QString());
    QCOMPARE(cmd.rateLimit, bytes);
    QCOMPARE(parseCommandLine({"--limit-rate=" + rate, "a", "b"}).rateLimit, bytes);
    QCOMPARE(parseCommandLine({"a", "b"}).rateLimit, qint64(0));
    // What the window stores reads back the same.
    qint64 again = -1;
    QVERIFY(parseRate(rateText(bytes), &again));
    QCOMPARE(again, bytes);
}

void TestCliParse::helpAndVersion()
{
    QVERIFY(parseCommandLine(split("--help")).help);
    QVERIFY(parseCommandLine(split("a b -h")).help);
    QVERIFY(parseCommandLine(split("--version")).version);
    QVERIFY(helpText().contains(QStringLiteral("--conflict")));
    QVERIFY(helpText().contains(QStringLiteral("--limit-rate RATE")));
}

QTEST_GUILESS_MAIN(TestCliParse)
#include "tst_cliparse.moc"
