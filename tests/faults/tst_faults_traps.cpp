// Traps in the destination. A symbolic link at a file's place is never written through: under
// "skip" the link stays and the file is skipped, "overwrite" and "update" replace the link with
// the file, "rename" writes the copy beside it. A link at a folder's place is not followed: the
// files that would go in it are reported failed, naming the link, and nothing is written where it
// points (as cp does; DEST itself may be a link, since the user named it). Names that the
// destination's filesystem rejects (FAT) fail cleanly, file by file.

#include "FaultTest.h"

#include <QTemporaryDir>

using namespace FaultTest;

class TestFaultsTraps final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linkAtFilePlace_data();
    void linkAtFilePlace();
    void linkPlantedDuringTheCopy_data();
    void linkPlantedDuringTheCopy();
    void linkAtFolderPlace();
    void linkPlantedAtNewFolderPlace();
    void destinationItselfIsALink();
    void namesFatRejects();

private:
    void refusedBelowLink(const QByteArray &report, const QByteArray &link);
    QTemporaryDir m_tmp;
    int m_case = 0;
    QByteArray newCase()
    {
        const QByteArray root = join(TestTree::dirPath(m_tmp), "case" + QByteArray::number(++m_case));
        TestTree::makeDirs(root);
        return root;
    }
    // A case copying src into dst (so its copy is `out`), with a folder outside that must not change.
    struct LinkCase {
        QByteArray root, src, outside, out;
    };
    LinkCase linkCase()
    {
        const QByteArray root = newCase();
        return {root, join(root, "src"), join(root, "outside"), join(root, "dst/src")};
    }
};

void TestFaultsTraps::linkAtFilePlace_data()
{
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<QByteArray>("status"); // what a.txt and b.txt are reported
    QTest::addColumn<bool>("replaced");     // the links give way to the files
    QTest::newRow("skip") << QByteArray("skip") << QByteArray("skipped") << false;
    QTest::newRow("overwrite") << QByteArray("overwrite") << QByteArray("copied") << true;
    QTest::newRow("update") << QByteArray("update") << QByteArray("copied") << true;
    QTest::newRow("rename") << QByteArray("rename") << QByteArray("copied") << false;
}

void TestFaultsTraps::linkAtFilePlace()
{
    QFETCH(QByteArray, policy);
    QFETCH(QByteArray, status);
    QFETCH(bool, replaced);
    const auto [root, src, outside, out] = linkCase();
    QVERIFY(TestTree::writeFile(join(src, "a.txt"), "the new a\n"));
    QVERIFY(TestTree::writeFile(join(src, "b.txt"), "the new b\n"));
    QVERIFY(TestTree::writeFile(join(outside, "victim.txt"), "must not change\n"));
    QVERIFY(TestTree::makeDirs(out));
    QVERIFY(TestTree::makeSymlink(join(outside, "victim.txt"), join(out, "a.txt")));  // to a file
    QVERIFY(TestTree::makeSymlink(join(outside, "absent.txt"), join(out, "b.txt"))); // dangling
    const QStringList before = TestTree::snapshot(outside);
    const QByteArray report = join(root, "report.csv");

    const Run r = run({"--conflict", policy, "--progress", "none", "--report", report, src, join(root, "dst")});
    if (r.exitCode != 0)
        qWarning().noquote() << r.describe();
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(TestTree::snapshot(outside), before); // nothing written through a link
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const char *name : {"a.txt", "b.txt"}) {
        const QByteArray rel(name);
        const ReportRow *row = rowFor(rows, "src/" + rel);
        QVERIFY(row);
        QCOMPARE(row->status, status);
        if (replaced) {
            QCOMPARE(TestTree::kind(join(out, rel)), TestTree::Kind::File);
            QVERIFY(TestTree::sameContent(join(src, rel), join(out, rel)));
        } else {
            QCOMPARE(TestTree::kind(join(out, rel)), TestTree::Kind::Symlink);
        }
    }
    if (policy == "rename") {
        QVERIFY(TestTree::sameContent(join(src, "a.txt"), join(out, "a (2).txt")));
        QVERIFY(TestTree::sameContent(join(src, "b.txt"), join(out, "b (2).txt")));
    }
    QCOMPARE(TestTree::findTemporaries(join(root, "dst")), QList<QByteArray>());
}

void TestFaultsTraps::linkPlantedDuringTheCopy_data()
{
    QTest::addColumn<QByteArray>("policy");
    QTest::newRow("skip") << QByteArray("skip");
    QTest::newRow("overwrite") << QByteArray("overwrite");
}

// The link appears after Ferry looked at the destination, while the file's data is copied.
void TestFaultsTraps::linkPlantedDuringTheCopy()
{
    FAULT_SKIP_IF_SANITIZED();
    QFETCH(QByteArray, policy);
    const auto [root, src, outside, out] = linkCase();
    QVERIFY(TestTree::writeRandomFile(join(src, "a.bin"), 2 * 1024 * 1024, 3));
    QVERIFY(TestTree::writeFile(join(outside, "victim.txt"), "must not change\n"));
    const QStringList before = TestTree::snapshot(outside);
    const QByteArray report = join(root, "report.csv");
    const QString rules = QStringLiteral("pread:name=a.bin:at=1048576:do=symlink:path=%1:to=%2")
                              .arg(QString::fromUtf8(join(out, "a.bin")), QString::fromUtf8(join(outside, "victim.txt")));
    const Run r = runFaulty({"--conflict", policy, "--progress", "none", "--report", report, src, join(root, "dst")},
                            rules, join(root, "faults.log"));
    QVERIFY2(r.finished && !r.crashed, qPrintable(r.describe()));
    QVERIFY(!TestTree::readFile(join(root, "faults.log")).isEmpty());
    QCOMPARE(TestTree::snapshot(outside), before);
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ReportRow *row = rowFor(rows, "src/a.bin");
    QVERIFY(row);
    // Either the link gave way to the whole file, or the file was left out and said so.
    if (row->status == "copied") {
        QCOMPARE(TestTree::kind(join(out, "a.bin")), TestTree::Kind::File);
        QVERIFY(TestTree::sameContent(join(src, "a.bin"), join(out, "a.bin")));
    } else {
        QVERIFY2(row->status == "skipped" || row->status == "failed", row->status.constData());
        QVERIFY(!row->message.isEmpty());
        QCOMPARE(TestTree::kind(join(out, "a.bin")), TestTree::Kind::Symlink);
    }
    QCOMPARE(TestTree::findTemporaries(join(root, "dst")), QList<QByteArray>());
}

// The files below src/sub were reported failed for the link at the folder's place, named.
void TestFaultsTraps::refusedBelowLink(const QByteArray &report, const QByteArray &link)
{
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const char *rel : {"src/sub/inner.txt", "src/sub/deeper/leaf.txt"}) {
        const ReportRow *row = rowFor(rows, rel);
        QVERIFY2(row, rel);
        QCOMPARE(row->status, QByteArray("failed"));
        QVERIFY2(row->message.contains("symbolic link"), row->message.constData());
        QVERIFY2(row->message.contains(link), row->message.constData());
    }
}

void TestFaultsTraps::linkAtFolderPlace()
{
    const auto [root, src, outside, out] = linkCase();
    QVERIFY(TestTree::writeFile(join(src, "top.txt"), "top\n"));
    QVERIFY(TestTree::writeFile(join(src, "sub/inner.txt"), "inner\n"));
    QVERIFY(TestTree::writeFile(join(src, "sub/deeper/leaf.txt"), "leaf\n"));
    QVERIFY(TestTree::writeFile(join(outside, "keep.txt"), "outside\n"));
    QVERIFY(TestTree::makeDirs(out));
    QVERIFY(TestTree::makeSymlink(outside, join(out, "sub")));
    const QStringList before = TestTree::snapshot(outside);
    const QByteArray report = join(root, "report.csv");

    const Run r = run({"--conflict", "overwrite", "--progress", "none", "--report", report, src, join(root, "dst")});
    if (r.exitCode != 1)
        qWarning().noquote() << r.describe();
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(TestTree::snapshot(outside), before);
    QCOMPARE(TestTree::kind(join(out, "sub")), TestTree::Kind::Symlink);
    QCOMPARE(TestTree::readLink(join(out, "sub")), outside);
    QVERIFY(TestTree::sameContent(join(src, "top.txt"), join(out, "top.txt")));
    refusedBelowLink(report, join(out, "sub"));
}

// A folder inside one Ferry made is made only when its first file is copied; a link planted at its
// place before then (here while the file before it is copied) is refused, never followed.
void TestFaultsTraps::linkPlantedAtNewFolderPlace()
{
    FAULT_SKIP_IF_SANITIZED();
    const auto [root, src, outside, out] = linkCase();
    QVERIFY(TestTree::writeFile(join(src, "a-top.txt"), "top\n"));
    QVERIFY(TestTree::writeFile(join(src, "sub/inner.txt"), "inner\n"));
    QVERIFY(TestTree::writeFile(join(src, "sub/deeper/leaf.txt"), "leaf\n"));
    QVERIFY(TestTree::makeDirs(join(src, "sub/empty")));
    QVERIFY(TestTree::writeFile(join(outside, "keep.txt"), "outside\n"));
    const QStringList before = TestTree::snapshot(outside);
    const QByteArray report = join(root, "report.csv");
    const QString rules = QStringLiteral("open:name=a-top.txt:do=symlink:path=%1:to=%2")
                              .arg(QString::fromUtf8(join(out, "sub")), QString::fromUtf8(outside));
    const Run r = runFaulty({"-j", "1", "--progress", "none", "--report", report, src, join(root, "dst")}, rules,
                            join(root, "faults.log"));
    QVERIFY2(r.finished && !r.crashed, qPrintable(r.describe()));
    QVERIFY(!TestTree::readFile(join(root, "faults.log")).isEmpty());
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(TestTree::snapshot(outside), before);
    QCOMPARE(TestTree::kind(join(out, "sub")), TestTree::Kind::Symlink);
    QVERIFY(TestTree::sameContent(join(src, "a-top.txt"), join(out, "a-top.txt")));
    refusedBelowLink(report, join(out, "sub"));
}

void TestFaultsTraps::destinationItselfIsALink()
{
    const QByteArray root = newCase();
    QVERIFY(TestTree::writeFile(join(root, "src/a.txt"), "a\n"));
    QVERIFY(TestTree::makeDirs(join(root, "real")));
    QVERIFY(TestTree::makeSymlink(join(root, "real"), join(root, "dest-link")));
    const Run r = run({"--progress", "none", join(root, "src"), join(root, "dest-link")});
    if (r.exitCode != 0)
        qWarning().noquote() << r.describe();
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(TestTree::kind(join(root, "dest-link")), TestTree::Kind::Symlink);
    QVERIFY(TestTree::sameContent(join(root, "src/a.txt"), join(root, "real/src/a.txt")));
}

void TestFaultsTraps::namesFatRejects()
{
    TestTree::LoopMount mount;
    QString why;
    if (!mount.mount(QStringLiteral("vfat"), 64LL * 1024 * 1024, {}, &why))
        QSKIP(qPrintable(QStringLiteral("no FAT image: %1").arg(why)));
    const QByteArray root = newCase();
    const QByteArray src = join(root, "src");
    const QList<QByteArray> good{"ok.txt", "sub/fine.txt"};
    const QList<QByteArray> bad{"colon:name.txt", "ask?.txt", "star*.txt", "quote\".txt", "pipe|.txt",
                                "lt<.txt", "back\\slash.txt", "bad:folder/inner.txt"};
    quint64 seed = 1;
    for (const QByteArray &rel : good + bad)
        QVERIFY(TestTree::writeRandomFile(join(src, rel), 70000, seed++));
    const QByteArray report = join(root, "report.csv");
    const QByteArray dst = join(mount.path(), "dst");
    const Run r = run({"--progress", "none", "--report", report, src, dst}, {}, timeoutMs(60000));
    if (r.exitCode != 1)
        qWarning().noquote() << r.describe();
    QVERIFY2(r.finished, "ferry-cli hung on names FAT rejects");
    QCOMPARE(r.exitCode, 1);
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QByteArray &rel : good) {
        const ReportRow *row = rowFor(rows, "src/" + rel);
        QVERIFY2(row, rel.constData());
        QCOMPARE(row->status, QByteArray("copied"));
        QVERIFY(TestTree::sameContent(join(src, rel), join(dst, "src/" + rel)));
    }
    for (const QByteArray &rel : bad) {
        const ReportRow *row = rowFor(rows, "src/" + rel);
        QVERIFY2(row, rel.constData());
        QVERIFY2(row->status == "failed",
                 qPrintable(QStringLiteral("%1 was reported '%2' (%3)").arg(QString::fromUtf8(rel), QString::fromUtf8(row->status), QString::fromUtf8(row->message))));
        QVERIFY2(!row->message.isEmpty(), rel.constData());
        QVERIFY2(r.err.contains(join(src, rel)), rel.constData());
    }
    QCOMPARE(TestTree::findTemporaries(dst), QList<QByteArray>());
    QList<QByteArray> expected;
    for (const QByteArray &rel : good)
        expected << rel;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(TestTree::listFiles(join(dst, "src")), expected);
}

QTEST_GUILESS_MAIN(TestFaultsTraps)
#include "tst_faults_traps.moc"
