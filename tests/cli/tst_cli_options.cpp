// ferry-cli: --move, --verify and --exclude.

#include "CliTest.h"

using namespace TestTree;
using CliTest::at;

class TestCliOptions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void moveRemovesSources_data();
    void moveRemovesSources();
    void moveSingleFile();
    void moveKeepsSkippedSource();
    void verifyCopies_data();
    void verifyCopies();
    void exclude_data();
    void exclude();
};

void TestCliOptions::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
}

void TestCliOptions::moveRemovesSources_data()
{
    QTest::addColumn<QList<QByteArray>>("options");
    QTest::addColumn<QByteArray>("status");
    QTest::newRow("--move") << QList<QByteArray>{QByteArrayLiteral("--move")} << QByteArrayLiteral("moved");
    QTest::newRow("--move --verify") << QList<QByteArray>{QByteArrayLiteral("--move"), QByteArrayLiteral("--verify")}
                                     << QByteArrayLiteral("moved");
    QTest::newRow("--move -j 1") << QList<QByteArray>{QByteArrayLiteral("--move"), QByteArrayLiteral("-j"), QByteArrayLiteral("1")}
                                 << QByteArrayLiteral("moved");
}

void TestCliOptions::moveRemovesSources()
{
    QFETCH(QList<QByteArray>, options);
    QFETCH(QByteArray, status);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    const QList<QByteArray> files = makeSampleTree(src, 51);
    QVERIFY(!files.isEmpty());
    QVERIFY(makeSymlink(QByteArrayLiteral("one.txt"), join(src, QByteArrayLiteral("a-link"))));
    const QByteArray reference = at(tmp, "reference");
    QCOMPARE(makeSampleTree(reference, 51), files);
    QVERIFY(makeSymlink(QByteArrayLiteral("one.txt"), join(reference, QByteArrayLiteral("a-link"))));
    QVERIFY(setMtime(src, 1500000000));
    QVERIFY(setMtime(reference, 1500000000));
    const QByteArray dest = at(tmp, "dest");
    const QByteArray report = at(tmp, "report.csv");

    const CliRun run = runCli(QList<QByteArray>(options) << QByteArrayLiteral("--report") << report << src << dest);
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(kind(src), Kind::Missing);
    FERRY_COMPARE_TREES(reference, join(dest, QByteArrayLiteral("src")));
    QString error;
    const QList<CliTest::ReportRow> rows = CliTest::readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QByteArray &rel : files)
        QCOMPARE(CliTest::statusOf(rows, QByteArray("src/" + rel)), status);
}

void TestCliOptions::moveSingleFile()
{
    // A file given as a source goes; its folder is not a source and stays.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray file = at(tmp, "folder/file.bin");
    QVERIFY(writeRandomFile(file, 100000, 1));
    const QByteArray expected = readFile(file);
    QVERIFY(writeFile(at(tmp, "folder/stays.txt"), QByteArrayLiteral("stays")));
    const QByteArray dest = at(tmp, "dest");

    const CliRun run = runCli({QByteArrayLiteral("--move"), file, dest});
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(kind(file), Kind::Missing);
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("file.bin"))), expected);
    QCOMPARE(readFile(at(tmp, "folder/stays.txt")), QByteArrayLiteral("stays"));
}

void TestCliOptions::moveKeepsSkippedSource()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeFile(join(src, QByteArrayLiteral("top.txt")), QByteArrayLiteral("top")));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("keep/conflict.txt")), QByteArrayLiteral("source version")));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("keep/fine.txt")), QByteArrayLiteral("fine")));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("gone/other.txt")), QByteArrayLiteral("other")));
    const QByteArray dest = at(tmp, "dest");
    QVERIFY(writeFile(join(dest, QByteArrayLiteral("src/keep/conflict.txt")), QByteArrayLiteral("dest version")));
    const QByteArray report = at(tmp, "report.csv");

    const CliRun run = runCli({QByteArrayLiteral("--move"), QByteArrayLiteral("--report"), report, src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    // The skipped file and the folders above it stay; everything else moved.
    QCOMPARE(listTree(src), (QList<QByteArray>{"keep", "keep/conflict.txt"}));
    QCOMPARE(readFile(join(src, QByteArrayLiteral("keep/conflict.txt"))), QByteArrayLiteral("source version"));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/keep/conflict.txt"))), QByteArrayLiteral("dest version"));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/keep/fine.txt"))), QByteArrayLiteral("fine"));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/gone/other.txt"))), QByteArrayLiteral("other"));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/top.txt"))), QByteArrayLiteral("top"));
    QString error;
    const QList<CliTest::ReportRow> rows = CliTest::readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(CliTest::statusOf(rows, QByteArrayLiteral("src/keep/conflict.txt")), QByteArrayLiteral("skipped"));
    QCOMPARE(CliTest::statusOf(rows, QByteArrayLiteral("src/keep/fine.txt")), QByteArrayLiteral("moved"));
}

void TestCliOptions::verifyCopies_data()
{
    QTest::addColumn<QList<QByteArray>>("options");
    QTest::newRow("--verify") << QList<QByteArray>{QByteArrayLiteral("--verify")};
    QTest::newRow("--verify -j 1") << QList<QByteArray>{QByteArrayLiteral("--verify"), QByteArrayLiteral("-j"), QByteArrayLiteral("1")};
    QTest::newRow("--verify --no-sync") << QList<QByteArray>{QByteArrayLiteral("--verify"), QByteArrayLiteral("--no-sync")};
    QTest::newRow("--verify overwrite") << QList<QByteArray>{QByteArrayLiteral("--verify"), QByteArrayLiteral("--conflict"), QByteArrayLiteral("overwrite")};
}

void TestCliOptions::verifyCopies()
{
    QFETCH(QList<QByteArray>, options);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    const QList<QByteArray> files = makeSampleTree(src, 61);
    QVERIFY(!files.isEmpty());
    QVERIFY(writeRandomFile(join(src, QByteArrayLiteral("larger.bin")), 5 * 1024 * 1024 + 11, 62));
    QVERIFY(setMtime(src, 1500000000));
    const QByteArray dest = at(tmp, "dest");
    QVERIFY(writeFile(join(dest, QByteArrayLiteral("src/one.txt")), QByteArrayLiteral("existing, other size")));
    const QByteArray report = at(tmp, "report.csv");

    const CliRun run = runCli(QList<QByteArray>(options) << QByteArrayLiteral("--report") << report << src << dest);
    FERRY_COMPARE_EXIT(run, 0);
    QString error;
    const QList<CliTest::ReportRow> rows = CliTest::readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const bool overwrite = options.contains(QByteArrayLiteral("overwrite"));
    for (const CliTest::ReportRow &row : rows) {
        const bool skipped = !overwrite && row.source.endsWith("/one.txt");
        QCOMPARE(row.status, skipped ? QByteArrayLiteral("skipped") : QByteArrayLiteral("copied"));
    }
    QCOMPARE(rows.size(), files.size() + 1);
    if (overwrite) {
        CompareOptions compare;
        compare.folderMtimes = false; // dest/src existed before
        FERRY_COMPARE_TREES_WITH(src, join(dest, QByteArrayLiteral("src")), compare);
    } else {
        QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/one.txt"))), QByteArrayLiteral("existing, other size"));
        QVERIFY(sameContent(join(src, QByteArrayLiteral("larger.bin")), join(dest, QByteArrayLiteral("src/larger.bin"))));
    }
}

void TestCliOptions::exclude_data()
{
    QTest::addColumn<QList<QByteArray>>("excludes");
    QTest::addColumn<QList<QByteArray>>("expected");
    const QList<QByteArray> all{"a.txt", "build", "build/out.o", "cache", "cache/blob.tmp", "cache/index",
                                "notes.tmp", "sub", "sub/b.txt", "sub/cache", "sub/cache/deep.txt",
                                "sub/c.tmp", "sub/d.TMP"};
    QTest::newRow("no match") << QList<QByteArray>{QByteArrayLiteral("*.nothing")} << all;
    QTest::newRow("*.tmp everywhere")
        << QList<QByteArray>{QByteArrayLiteral("*.tmp")}
        << QList<QByteArray>{"a.txt", "build", "build/out.o", "cache", "cache/index", "sub", "sub/b.txt",
                             "sub/cache", "sub/cache/deep.txt", "sub/d.TMP"};
    QTest::newRow("folder name")
        << QList<QByteArray>{QByteArrayLiteral("cache")}
        << QList<QByteArray>{"a.txt", "build", "build/out.o", "notes.tmp", "sub", "sub/b.txt", "sub/c.tmp",
                             "sub/d.TMP"};
    QTest::newRow("repeated")
        << QList<QByteArray>{QByteArrayLiteral("cache"), QByteArrayLiteral("build"), QByteArrayLiteral("?.txt")}
        << QList<QByteArray>{"notes.tmp", "sub", "sub/c.tmp", "sub/d.TMP"};
    QTest::newRow("character class")
        << QList<QByteArray>{QByteArrayLiteral("[bc].*")}
        << QList<QByteArray>{"a.txt", "build", "build/out.o", "cache", "cache/blob.tmp", "cache/index",
                             "notes.tmp", "sub", "sub/cache", "sub/cache/deep.txt", "sub/d.TMP"};
}

void TestCliOptions::exclude()
{
    QFETCH(QList<QByteArray>, excludes);
    QFETCH(QList<QByteArray>, expected);
    std::sort(expected.begin(), expected.end());
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    for (const char *rel : {"a.txt", "build/out.o", "cache/blob.tmp", "cache/index", "notes.tmp", "sub/b.txt",
                            "sub/cache/deep.txt", "sub/c.tmp", "sub/d.TMP"})
        QVERIFY(writeFile(join(src, QByteArray(rel)), QByteArray(rel)));
    const QByteArray dest = at(tmp, "dest");
    QList<QByteArray> args;
    for (const QByteArray &e : excludes)
        args << QByteArrayLiteral("--exclude") << e;
    args << src << dest;

    const CliRun run = runCli(args);
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(listTree(join(dest, QByteArrayLiteral("src"))), expected);
    for (const QByteArray &rel : expected) {
        if (kind(join(src, rel)) == Kind::File)
            QCOMPARE(readFile(join(dest, QByteArray("src/" + rel))), rel);
    }
}

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_cli_options.moc"
