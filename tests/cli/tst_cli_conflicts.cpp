// ferry-cli: what happens where a target exists (--conflict), --dry-run, and re-runs.

#include "CliTest.h"

#include <QJsonObject>

#include <unistd.h>

using namespace TestTree;
using CliTest::at;

class TestCliConflicts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void skipLeavesTargetUntouched_data();
    void skipLeavesTargetUntouched();
    void overwriteReplacesAtomically();
    void update_data();
    void update();
    void rename_data();
    void rename();
    void renameMergesFolders();
    void symlinkAtTarget_data();
    void symlinkAtTarget();
    void unrelatedDestDataKept_data();
    void unrelatedDestDataKept();
    void rerunWithUpdateCopiesOnlyMissingOrChanged();
    void dryRun_data();
    void dryRun();
};

void TestCliConflicts::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
}

void TestCliConflicts::skipLeavesTargetUntouched_data()
{
    QTest::addColumn<QList<QByteArray>>("options");
    QTest::newRow("default policy") << QList<QByteArray>{};
    QTest::newRow("--conflict skip") << QList<QByteArray>{QByteArrayLiteral("--conflict"), QByteArrayLiteral("skip")};
}

void TestCliConflicts::skipLeavesTargetUntouched()
{
    QFETCH(QList<QByteArray>, options);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeRandomFile(join(src, QByteArrayLiteral("a.bin")), 50000, 1));
    QVERIFY(writeRandomFile(join(src, QByteArrayLiteral("sub/b.bin")), 3000, 2));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("c.txt")), QByteArrayLiteral("new c")));
    QVERIFY(setMtime(join(src, QByteArrayLiteral("a.bin")), 1700000000)); // newer than the target
    const QByteArray dest = at(tmp, "dest");
    // Modified targets: shorter, longer; both must stay as they are.
    const QByteArray a = join(dest, QByteArrayLiteral("src/a.bin"));
    const QByteArray b = join(dest, QByteArrayLiteral("src/sub/b.bin"));
    QVERIFY(writeFile(a, QByteArrayLiteral("my edited a")));
    QVERIFY(writeRandomFile(b, 90000, 99));
    QVERIFY(setMtime(a, 1600000000));
    const QByteArray bBefore = readFile(b);
    const qint64 aTime = mtimeNs(a);
    const quint64 aInode = inode(a);
    const QByteArray report = at(tmp, "report.csv");

    const CliRun run = runCli(QList<QByteArray>(options) << QByteArrayLiteral("--report") << report << src << dest);
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(readFile(a), QByteArrayLiteral("my edited a"));
    QCOMPARE(mtimeNs(a), aTime);
    QCOMPARE(inode(a), aInode);
    QCOMPARE(readFile(b), bBefore);
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/c.txt"))), QByteArrayLiteral("new c"));
    QString error;
    const QList<CliTest::ReportRow> rows = CliTest::readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(CliTest::statusOf(rows, QByteArrayLiteral("src/a.bin")), QByteArrayLiteral("skipped"));
    QCOMPARE(CliTest::statusOf(rows, QByteArrayLiteral("src/sub/b.bin")), QByteArrayLiteral("skipped"));
    QCOMPARE(CliTest::statusOf(rows, QByteArrayLiteral("src/c.txt")), QByteArrayLiteral("copied"));
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());
}

void TestCliConflicts::overwriteReplacesAtomically()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeRandomFile(join(src, QByteArrayLiteral("a.bin")), 200000, 1));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("b.txt")), QByteArrayLiteral("short")));
    const QByteArray dest = at(tmp, "dest");
    const QByteArray a = join(dest, QByteArrayLiteral("src/a.bin"));
    const QByteArray b = join(dest, QByteArrayLiteral("src/b.txt"));
    QVERIFY(writeFile(a, QByteArrayLiteral("old a")));
    QVERIFY(writeRandomFile(b, 100000, 5)); // longer than the source: must not keep a tail
    // A second name for the old file: a replacement by rename leaves it alone, while writing
    // into the old file in place would change it.
    const QByteArray witness = at(tmp, "old-a-witness");
    QVERIFY(makeHardLink(a, witness));

    const CliRun run = runCli({QByteArrayLiteral("--conflict"), QByteArrayLiteral("overwrite"), src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    CompareOptions options;
    options.folderMtimes = false; // dest/src existed: whether a merge sets its time is not specified
    FERRY_COMPARE_TREES_WITH(src, join(dest, QByteArrayLiteral("src")), options);
    QCOMPARE(readFile(witness), QByteArrayLiteral("old a"));
    QVERIFY(inode(a) != inode(witness));
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());
}

void TestCliConflicts::update_data()
{
    // Times in seconds since the epoch; sizes in bytes. "replaced" tells what --conflict update
    // must do: replace where the source is newer or the size differs, else keep.
    QTest::addColumn<qint64>("sourceTime");
    QTest::addColumn<int>("sourceSize");
    QTest::addColumn<qint64>("targetTime");
    QTest::addColumn<int>("targetSize");
    QTest::addColumn<bool>("replaced");
    QTest::newRow("source newer, same size") << qint64(1700000000) << 1000 << qint64(1600000000) << 1000 << true;
    QTest::newRow("source older, same size") << qint64(1600000000) << 1000 << qint64(1700000000) << 1000 << false;
    QTest::newRow("same time, same size") << qint64(1650000000) << 1000 << qint64(1650000000) << 1000 << false;
    QTest::newRow("source older, bigger") << qint64(1600000000) << 2000 << qint64(1700000000) << 1000 << true;
    QTest::newRow("source older, smaller") << qint64(1600000000) << 10 << qint64(1700000000) << 1000 << true;
    QTest::newRow("same time, other size") << qint64(1650000000) << 999 << qint64(1650000000) << 1000 << true;
    QTest::newRow("source newer, smaller") << qint64(1700000000) << 0 << qint64(1600000000) << 1000 << true;
}

void TestCliConflicts::update()
{
    QFETCH(qint64, sourceTime);
    QFETCH(int, sourceSize);
    QFETCH(qint64, targetTime);
    QFETCH(int, targetSize);
    QFETCH(bool, replaced);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    const QByteArray s = join(src, QByteArrayLiteral("f.dat"));
    QVERIFY(writeRandomFile(s, sourceSize, 1));
    QVERIFY(setMtime(s, sourceTime));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("other.txt")), QByteArrayLiteral("other")));
    const QByteArray dest = at(tmp, "dest");
    const QByteArray t = join(dest, QByteArrayLiteral("src/f.dat"));
    QVERIFY(writeRandomFile(t, targetSize, 2));
    QVERIFY(setMtime(t, targetTime));
    const QByteArray targetBefore = readFile(t);
    const QByteArray report = at(tmp, "report.csv");

    const CliRun run = runCli({QByteArrayLiteral("--conflict"), QByteArrayLiteral("update"),
                               QByteArrayLiteral("--report"), report, src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    QString error;
    const QList<CliTest::ReportRow> rows = CliTest::readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    if (replaced) {
        QVERIFY(sameContent(s, t));
        QCOMPARE(mtimeNs(t), mtimeNs(s));
        QCOMPARE(CliTest::statusOf(rows, QByteArrayLiteral("src/f.dat")), QByteArrayLiteral("copied"));
    } else {
        QCOMPARE(readFile(t), targetBefore);
        QCOMPARE(mtimeNs(t), targetTime * 1000000000LL);
        QCOMPARE(CliTest::statusOf(rows, QByteArrayLiteral("src/f.dat")), QByteArrayLiteral("skipped"));
    }
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/other.txt"))), QByteArrayLiteral("other"));
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());
}

void TestCliConflicts::rename_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QByteArray>("third");
    QTest::newRow("with extension") << QByteArrayLiteral("photo.jpg") << QByteArrayLiteral("photo (2).jpg")
                                    << QByteArrayLiteral("photo (3).jpg");
    QTest::newRow("without extension") << QByteArrayLiteral("README") << QByteArrayLiteral("README (2)")
                                       << QByteArrayLiteral("README (3)");
    QTest::newRow("with spaces") << QByteArrayLiteral("my notes.txt") << QByteArrayLiteral("my notes (2).txt")
                                 << QByteArrayLiteral("my notes (3).txt");
}

void TestCliConflicts::rename()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, second);
    QFETCH(QByteArray, third);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeRandomFile(join(src, name), 4000, 1));
    const QByteArray dest = at(tmp, "dest");
    const QByteArray existing = join(dest, QByteArray("src/" + name));
    QVERIFY(writeFile(existing, QByteArrayLiteral("the user's own")));
    const QList<QByteArray> args{QByteArrayLiteral("--conflict"), QByteArrayLiteral("rename"), src, dest};

    CliRun run = runCli(args);
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(readFile(existing), QByteArrayLiteral("the user's own"));
    QVERIFY(sameContent(join(src, name), join(dest, QByteArray("src/" + second))));
    QList<QByteArray> expected{name, second};
    std::sort(expected.begin(), expected.end());
    QCOMPARE(listTree(join(dest, QByteArrayLiteral("src"))), expected);

    run = runCli(args);
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(readFile(existing), QByteArrayLiteral("the user's own"));
    QVERIFY(sameContent(join(src, name), join(dest, QByteArray("src/" + second))));
    QVERIFY(sameContent(join(src, name), join(dest, QByteArray("src/" + third))));
    expected = {name, second, third};
    std::sort(expected.begin(), expected.end());
    QCOMPARE(listTree(join(dest, QByteArrayLiteral("src"))), expected);
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());
}

void TestCliConflicts::renameMergesFolders()
{
    // rename applies to files, not folders: an existing folder is merged into.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeFile(join(src, QByteArrayLiteral("sub/a.txt")), QByteArrayLiteral("new a")));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("sub/b.txt")), QByteArrayLiteral("new b")));
    const QByteArray dest = at(tmp, "dest");
    QVERIFY(writeFile(join(dest, QByteArrayLiteral("src/sub/a.txt")), QByteArrayLiteral("old a")));
    QVERIFY(writeFile(join(dest, QByteArrayLiteral("src/sub/keep.txt")), QByteArrayLiteral("keep")));

    const CliRun run = runCli({QByteArrayLiteral("--conflict"), QByteArrayLiteral("rename"), src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(listTree(dest), (QList<QByteArray>{"src", "src/sub", "src/sub/a (2).txt", "src/sub/a.txt",
                                                "src/sub/b.txt", "src/sub/keep.txt"}));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/sub/a.txt"))), QByteArrayLiteral("old a"));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/sub/a (2).txt"))), QByteArrayLiteral("new a"));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/sub/b.txt"))), QByteArrayLiteral("new b"));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/sub/keep.txt"))), QByteArrayLiteral("keep"));
}

void TestCliConflicts::symlinkAtTarget_data()
{
    // A symlink sits where a file is to be copied. It must never be written through.
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<QString>("expect"); // "link" (left alone), "file" (replaced), "renamed"
    QTest::newRow("skip") << QByteArrayLiteral("skip") << QStringLiteral("link");
    QTest::newRow("overwrite") << QByteArrayLiteral("overwrite") << QStringLiteral("file");
    QTest::newRow("update") << QByteArrayLiteral("update") << QStringLiteral("file");
    QTest::newRow("rename") << QByteArrayLiteral("rename") << QStringLiteral("renamed");
}

void TestCliConflicts::symlinkAtTarget()
{
    QFETCH(QByteArray, policy);
    QFETCH(QString, expect);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    const QByteArray source = join(src, QByteArrayLiteral("f.txt"));
    QVERIFY(writeRandomFile(source, 3000, 1));
    QVERIFY(setMtime(source, 1700000000));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("g.txt")), QByteArrayLiteral("beside")));
    const QByteArray victim = at(tmp, "victim.txt");
    QVERIFY(writeFile(victim, QByteArrayLiteral("must not change")));
    QVERIFY(setMtime(victim, 1500000000));
    const QByteArray dest = at(tmp, "dest");
    QVERIFY(makeDirs(join(dest, QByteArrayLiteral("src"))));
    const QByteArray link = join(dest, QByteArrayLiteral("src/f.txt"));
    QVERIFY(makeSymlink(victim, link));

    const CliRun run = runCli({QByteArrayLiteral("--conflict"), policy, src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(readFile(victim), QByteArrayLiteral("must not change"));
    QCOMPARE(mtimeNs(victim), 1500000000LL * 1000000000LL);
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/g.txt"))), QByteArrayLiteral("beside"));
    if (expect == QStringLiteral("link")) {
        QCOMPARE(kind(link), Kind::Symlink);
        QCOMPARE(readLink(link), victim);
    } else if (expect == QStringLiteral("file")) {
        QCOMPARE(kind(link), Kind::File);
        QVERIFY(sameContent(source, link));
    } else {
        QCOMPARE(kind(link), Kind::Symlink);
        QCOMPARE(readLink(link), victim);
        QVERIFY(sameContent(source, join(dest, QByteArrayLiteral("src/f (2).txt"))));
    }
    QCOMPARE(findTemporaries(dirPath(tmp)), QList<QByteArray>());
}

void TestCliConflicts::unrelatedDestDataKept_data()
{
    QTest::addColumn<QByteArray>("policy");
    QTest::newRow("skip") << QByteArrayLiteral("skip");
    QTest::newRow("overwrite") << QByteArrayLiteral("overwrite");
    QTest::newRow("update") << QByteArrayLiteral("update");
    QTest::newRow("rename") << QByteArrayLiteral("rename");
}

void TestCliConflicts::unrelatedDestDataKept()
{
    // Files in DEST that the copy does not touch stay exactly as they were, under every policy.
    QFETCH(QByteArray, policy);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(!makeSampleTree(src, 21).isEmpty());
    const QByteArray dest = at(tmp, "dest");
    const QByteArray mine = join(dest, QByteArrayLiteral("mine"));
    QVERIFY(makeSampleTree(mine, 22).size() > 0);
    QVERIFY(writeRandomFile(join(dest, QByteArrayLiteral("src/only-in-dest.bin")), 12345, 3));
    QVERIFY(writeFile(join(dest, QByteArrayLiteral("src/docs/extra.txt")), QByteArrayLiteral("extra")));
    QVERIFY(setMtime(join(dest, QByteArrayLiteral("src/docs/extra.txt")), 1234567890, 5));
    const QStringList mineBefore = snapshot(mine);
    const QByteArray onlyBefore = readFile(join(dest, QByteArrayLiteral("src/only-in-dest.bin")));

    const CliRun run = runCli({QByteArrayLiteral("--conflict"), policy, src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(snapshot(mine), mineBefore);
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/only-in-dest.bin"))), onlyBefore);
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/docs/extra.txt"))), QByteArrayLiteral("extra"));
    QCOMPARE(mtimeNs(join(dest, QByteArrayLiteral("src/docs/extra.txt"))), 1234567890LL * 1000000000LL + 5);
    CompareOptions options;
    options.ignoreInActual = {QByteArrayLiteral("only-in-dest.bin"), QByteArrayLiteral("docs/extra.txt")};
    options.mtimes = false; // the merged folders changed
    FERRY_COMPARE_TREES_WITH(src, join(dest, QByteArrayLiteral("src")), options);
}

void TestCliConflicts::rerunWithUpdateCopiesOnlyMissingOrChanged()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    const QList<QByteArray> files = makeSampleTree(src, 31);
    QVERIFY(!files.isEmpty());
    const QByteArray dest = at(tmp, "dest");
    CliRun run = runCli({src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    const QByteArray copy = join(dest, QByteArrayLiteral("src"));
    FERRY_COMPARE_TREES(src, copy);

    // As if interrupted: two files are missing in the copy; then one source file changes.
    const QList<QByteArray> missing{QByteArrayLiteral("docs/big.bin"), QByteArrayLiteral("photos/2023/img 002.jpg")};
    for (const QByteArray &rel : missing)
        QVERIFY(::unlink(join(copy, rel).constData()) == 0);
    const QByteArray changed = QByteArrayLiteral("odd.bin");
    QVERIFY(writeRandomFile(join(src, changed), 65540, 77));
    QVERIFY(setMtime(join(src, changed), 1800000000));
    const QByteArray report = at(tmp, "report.csv");

    run = runCli({QByteArrayLiteral("--conflict"), QByteArrayLiteral("update"), QByteArrayLiteral("--report"),
                  report, QByteArrayLiteral("--progress"), QByteArrayLiteral("json"), src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    CompareOptions options;
    options.folderMtimes = false; // whether a merge re-applies folder times is not specified
    FERRY_COMPARE_TREES_WITH(src, copy, options);
    QString error;
    const QList<CliTest::ReportRow> rows = CliTest::readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<QJsonObject> events = parseJsonLines(run.out, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), files.size());
    for (const QByteArray &rel : files) {
        const bool copied = missing.contains(rel) || rel == changed;
        const QByteArray expected = copied ? QByteArrayLiteral("copied") : QByteArrayLiteral("skipped");
        const QByteArray srcRel = QByteArray("src/" + rel);
        QVERIFY2(CliTest::statusOf(rows, srcRel) == expected,
                 qPrintable(QStringLiteral("%1: report says %2, expected %3")
                                .arg(show(rel), QString::fromUtf8(CliTest::statusOf(rows, srcRel)),
                                     QString::fromUtf8(expected))));
        const QJsonObject event = CliTest::fileEventFor(events, QString::fromUtf8(srcRel));
        QCOMPARE(event.value(QStringLiteral("status")).toString(), QString::fromUtf8(expected));
    }
}

void TestCliConflicts::dryRun_data()
{
    QTest::addColumn<bool>("destExists");
    QTest::addColumn<QByteArray>("policy");
    QTest::newRow("new destination") << false << QByteArrayLiteral("skip");
    QTest::newRow("existing, skip") << true << QByteArrayLiteral("skip");
    QTest::newRow("existing, overwrite") << true << QByteArrayLiteral("overwrite");
    QTest::newRow("existing, update") << true << QByteArrayLiteral("update");
    QTest::newRow("existing, rename") << true << QByteArrayLiteral("rename");
}

void TestCliConflicts::dryRun()
{
    QFETCH(bool, destExists);
    QFETCH(QByteArray, policy);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    const QList<QByteArray> files = makeSampleTree(src, 41);
    QVERIFY(!files.isEmpty());
    QVERIFY(makeFifo(join(src, QByteArrayLiteral("a-fifo"))));
    const QByteArray dest = at(tmp, "dest/deeper");
    if (destExists) {
        QVERIFY(writeFile(join(dest, QByteArrayLiteral("src/one.txt")), QByteArrayLiteral("mine")));
        QVERIFY(writeFile(join(dest, QByteArrayLiteral("src/docs/readme.md")), QByteArrayLiteral("mine too")));
        QVERIFY(setMtime(join(dest, QByteArrayLiteral("src/docs/readme.md")), 1000000000));
    }
    const QStringList before = snapshot(dirPath(tmp));

    const CliRun run = runCli({QByteArrayLiteral("--dry-run"), QByteArrayLiteral("--conflict"), policy, src, dest},
                              30000);
    FERRY_COMPARE_EXIT(run, 0);
    // Nothing written, not even DEST.
    QCOMPARE(snapshot(dirPath(tmp)), before);
    QCOMPARE(exists(at(tmp, "dest")), destExists);
    // The listing names every file, one line each at least, and the FIFO it would refuse.
    QVERIFY2(run.out.count('\n') >= files.size(), run.out.constData());
    QVERIFY2(run.out.contains("a-fifo"), run.out.constData());
    for (const QByteArray &rel : files) {
        const QByteArray name = rel.mid(rel.lastIndexOf('/') + 1);
        QVERIFY2(run.out.contains(name), qPrintable(QStringLiteral("dry run does not list %1:\n%2")
                                                        .arg(show(name), QString::fromUtf8(run.out))));
    }
}

QTEST_GUILESS_MAIN(TestCliConflicts)
#include "tst_cli_conflicts.moc"
