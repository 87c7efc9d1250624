#include "CliOptions.h"

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

void TestCliParse::helpAndVersion()
{
    QVERIFY(parseCommandLine(split("--help")).help);
    QVERIFY(parseCommandLine(split("a b -h")).help);
    QVERIFY(parseCommandLine(split("--version")).version);
    QVERIFY(helpText().contains(QStringLiteral("--conflict")));
}

QTEST_GUILESS_MAIN(TestCliParse)
#include "tst_cliparse.moc"
