#include "CopyPlan.h"
#include "Preflight.h"

#include "TestTree.h"

#include <QTest>

using namespace Ferry;
using TestTree::join;

class TestCopyPlan final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pathHelpers_data();
    void pathHelpers();
    void walksTreeWithTotals();
    void planIsInNameOrder();
    void largeFolderIsListedWhole();
    void fileSourcesGoIntoDestination();
    void excludesByName();
    void specialFilesAreNotCopied();
    void linkLoopIsAnErrorEntry();
    void missingSourceFails();
    void preflightRefuses_data();
    void preflightRefuses();
};

void TestCopyPlan::pathHelpers_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("base");
    QTest::addColumn<QByteArray>("parent");
    QTest::newRow("relative") << QByteArray("a/b/c") << QByteArray("c") << QByteArray("a/b");
    QTest::newRow("trailing slashes") << QByteArray("a/b//") << QByteArray("b") << QByteArray("a");
    QTest::newRow("absolute top") << QByteArray("/x") << QByteArray("x") << QByteArray("/");
    QTest::newRow("bare name") << QByteArray("x") << QByteArray("x") << QByteArray(".");
}

void TestCopyPlan::pathHelpers()
{
    QFETCH(QByteArray, path);
    QTEST(baseName(path), "base");
    QTEST(parentPath(path), "parent");
    QCOMPARE(joinPath("d/", "n"), QByteArray("d/n"));
    QCOMPARE(joinPath("d", "n"), QByteArray("d/n"));
}

static CopyOptions optionsFor(const QList<QByteArray> &sources, const QByteArray &dest)
{
    CopyOptions o;
    o.sources = sources;
    o.destination = dest;
    return o;
}

void TestCopyPlan::walksTreeWithTotals()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::makeDirs(join(src, "a/b")));
    QVERIFY(TestTree::makeDirs(join(src, "empty")));
    QVERIFY(TestTree::writeFile(join(src, "a/one"), "1"));
    QVERIFY(TestTree::writeFile(join(src, "a/b/two"), "22"));
    QVERIFY(TestTree::makeSymlink("one", join(src, "a/link")));

    const CopyOptions o = optionsFor({src + '/'}, join(root, "dst"));
    CopyPlan plan;
    QString error;
    QVERIFY(PlanBuilder(o).build(&plan, &error));
    QCOMPARE(error, QString());
    QCOMPARE(plan.dirs.size(), size_t(4)); // src, a, b, empty
    QCOMPARE(plan.fileCount(), qint64(3));
    QCOMPARE(plan.bytesTotal, qint64(3));
    QCOMPARE(plan.dirs[0].target, join(root, "dst/src")); // the trailing slash keeps the name
    QList<QByteArray> targets;
    for (qint32 i = 0; i < qint32(plan.entries.size()); ++i)
        targets.append(plan.targetPath(i));
    std::sort(targets.begin(), targets.end());
    const QList<QByteArray> expected{join(root, "dst/src/a/b/two"), join(root, "dst/src/a/link"), join(root, "dst/src/a/one")};
    QCOMPARE(targets, expected);
}

// Folders before what they hold, each folder's files together and in name order, subfolders in
// name order: the order the window's table shows and the copies run in.
void TestCopyPlan::planIsInNameOrder()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    const QList<QByteArray> names{"b", "a", "z10", "z9", "Q", "m", "c.txt", "0"};
    for (const QByteArray &d : {QByteArray("y"), QByteArray("x"), QByteArray("x/w")}) {
        QVERIFY(TestTree::makeDirs(join(src, d)));
        for (const QByteArray &n : names)
            QVERIFY(TestTree::writeFile(join(join(src, d), n), n));
    }
    for (const QByteArray &n : names)
        QVERIFY(TestTree::writeFile(join(src, n), n));
    CopyPlan plan;
    QString error;
    QVERIFY(PlanBuilder(optionsFor({src}, join(root, "dst"))).build(&plan, &error));
    QList<QByteArray> order;
    for (qint32 i = 0; i < qint32(plan.entries.size()); ++i)
        order.append(plan.sourcePath(i).mid(src.size() + 1));
    QList<QByteArray> sorted = names;
    std::sort(sorted.begin(), sorted.end());
    QList<QByteArray> expected;
    for (const QByteArray &d : {QByteArray(), QByteArray("x"), QByteArray("x/w"), QByteArray("y")}) {
        for (const QByteArray &n : sorted)
            expected.append(d.isEmpty() ? n : d + '/' + n);
    }
    QCOMPARE(order, expected);
    for (size_t i = 1; i < plan.dirs.size(); ++i)
        QVERIFY(plan.dirs[i].parent >= 0 && size_t(plan.dirs[i].parent) < i);
}

void TestCopyPlan::largeFolderIsListedWhole()
{
    // A folder of many thousand entries, made out of name order: the plan holds every entry
    // once, of the right kind, in name order, with every subfolder and what is in it.
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::makeDirs(src));
    constexpr int Count = 12000;
    QList<QByteArray> files;
    QList<QByteArray> links;
    QList<QByteArray> folders;
    qint64 bytes = 0;
    for (int k = 0; k < Count; ++k) {
        const int i = (k * 7919) % Count; // created out of name order
        const QByteArray num = QByteArray::number(i).rightJustified(5, '0');
        if (i % 1000 == 3) {
            QVERIFY(TestTree::makeDirs(join(src, "d" + num)));
            QVERIFY(TestTree::writeFile(join(join(src, "d" + num), "inside"), num));
            folders.append("d" + num);
            bytes += num.size();
        } else if (i % 997 == 5) {
            QVERIFY(TestTree::makeSymlink("f" + num, join(src, "l" + num)));
            links.append("l" + num);
        } else {
            QVERIFY(TestTree::writeFile(join(src, "f" + num), num.left(i % 6)));
            files.append("f" + num);
            bytes += i % 6;
        }
    }
    CopyPlan plan;
    QString error;
    QVERIFY(PlanBuilder(optionsFor({src}, join(root, "dst"))).build(&plan, &error));
    QList<QByteArray> top;
    QList<QByteArray> inFolders;
    QList<QByteArray> linkNames;
    for (qint32 i = 0; i < qint32(plan.entries.size()); ++i) {
        const PlanEntry &e = plan.entries[size_t(i)];
        QVERIFY2(e.kind != EntryKind::Error, qPrintable(plan.error(i)));
        const QByteArray name = plan.name(i);
        if (plan.dirs[size_t(e.dir)].source == src) {
            top.append(name);
            if (e.kind == EntryKind::Symlink) {
                linkNames.append(name);
                QCOMPARE(plan.linkTarget(i), "f" + name.mid(1));
            } else {
                QVERIFY(!plan.linkTargets.contains(i));
            }
        } else {
            QCOMPARE(name, QByteArray("inside"));
            inFolders.append(baseName(plan.dirs[size_t(e.dir)].source));
        }
    }
    QList<QByteArray> expectedTop = files + links;
    std::sort(expectedTop.begin(), expectedTop.end());
    QCOMPARE(top, expectedTop);
    std::sort(links.begin(), links.end());
    QCOMPARE(linkNames, links);
    std::sort(folders.begin(), folders.end());
    QCOMPARE(inFolders, folders);
    QCOMPARE(plan.dirs.size(), size_t(folders.size() + 1));
    QCOMPARE(plan.bytesTotal, bytes);
}

void TestCopyPlan::fileSourcesGoIntoDestination()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    QVERIFY(TestTree::writeFile(join(root, "notes.txt"), "n"));
    QVERIFY(TestTree::writeFile(join(root, "more.txt"), "mm"));
    CopyPlan plan;
    QString error;
    QVERIFY(PlanBuilder(optionsFor({join(root, "notes.txt"), join(root, "more.txt")}, join(root, "backup"))).build(&plan, &error));
    QCOMPARE(plan.fileCount(), qint64(2));
    QCOMPARE(plan.dirs.size(), size_t(1)); // one container for both
    QVERIFY(plan.dirs[0].container);
    QCOMPARE(plan.targetPath(0), join(root, "backup/notes.txt"));
    QCOMPARE(plan.targetPath(1), join(root, "backup/more.txt"));
}

void TestCopyPlan::excludesByName()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::makeDirs(join(src, "build/deep")));
    QVERIFY(TestTree::writeFile(join(src, "build/deep/x.c"), "x"));
    QVERIFY(TestTree::writeFile(join(src, "keep.c"), "k"));
    QVERIFY(TestTree::writeFile(join(src, "drop.o"), "d"));
    CopyOptions o = optionsFor({src}, join(root, "dst"));
    o.excludes = {QByteArrayLiteral("*.o"), QByteArrayLiteral("build")};
    CopyPlan plan;
    QString error;
    QVERIFY(PlanBuilder(o).build(&plan, &error));
    QCOMPARE(plan.fileCount(), qint64(1));
    QCOMPARE(plan.name(0), QByteArray("keep.c"));
    QCOMPARE(plan.dirs.size(), size_t(1));
}

void TestCopyPlan::specialFilesAreNotCopied()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::makeDirs(src));
    QVERIFY(TestTree::makeFifo(join(src, "pipe")));
    CopyPlan plan;
    QString error;
    QVERIFY(PlanBuilder(optionsFor({src}, join(root, "dst"))).build(&plan, &error));
    QCOMPARE(plan.fileCount(), qint64(1));
    QCOMPARE(int(plan.entries[0].kind), int(EntryKind::Special));
    QVERIFY2(plan.error(0).contains(QStringLiteral("FIFO")), qPrintable(plan.error(0)));
}

void TestCopyPlan::linkLoopIsAnErrorEntry()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::makeDirs(join(src, "sub")));
    QVERIFY(TestTree::makeSymlink("..", join(src, "sub/up")));
    CopyOptions o = optionsFor({src}, join(root, "dst"));
    o.followSymlinks = true;
    CopyPlan plan;
    QString error;
    QVERIFY(PlanBuilder(o).build(&plan, &error));
    QCOMPARE(plan.fileCount(), qint64(1));
    QCOMPARE(int(plan.entries[0].kind), int(EntryKind::Error));
    QVERIFY2(plan.error(0).contains(QStringLiteral("loop")), qPrintable(plan.error(0)));
}

void TestCopyPlan::missingSourceFails()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    CopyPlan plan;
    QString error;
    QVERIFY(!PlanBuilder(optionsFor({join(root, "nope")}, join(root, "dst"))).build(&plan, &error));
    QVERIFY2(error.contains(QStringLiteral("nope")), qPrintable(error));
}

void TestCopyPlan::preflightRefuses_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QByteArray>("dest");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing source") << QByteArray("gone") << QByteArray("dst") << QStringLiteral("does not exist");
    QTest::newRow("dest inside source") << QByteArray("src") << QByteArray("src/sub/new") << QStringLiteral("inside");
    QTest::newRow("dest is source") << QByteArray("src") << QByteArray("src") << QStringLiteral("itself");
    QTest::newRow("dest is source, spelled otherwise") << QByteArray("src") << QByteArray("src/sub/..") << QStringLiteral("itself");
    QTest::newRow("source already in dest") << QByteArray("src/file") << QByteArray("src") << QStringLiteral("onto itself");
    QTest::newRow("dest is a file") << QByteArray("src") << QByteArray("src/file") << QStringLiteral("not a folder");
}

void TestCopyPlan::preflightRefuses()
{
    QFETCH(QByteArray, source);
    QFETCH(QByteArray, dest);
    QFETCH(QString, mentions);
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    QVERIFY(TestTree::makeDirs(join(root, "src/sub")));
    QVERIFY(TestTree::writeFile(join(root, "src/file"), "f"));
    const QString error = Preflight::checkPaths(optionsFor({join(root, source)}, join(root, dest)));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QVERIFY2(error.contains(QString::fromUtf8(join(root, source))) || error.contains(QString::fromUtf8(join(root, dest))),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestCopyPlan)
#include "tst_copyplan.moc"
