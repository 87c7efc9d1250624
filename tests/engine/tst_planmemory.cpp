// What a plan entry costs: ChunkedArray (the entries' storage, which never moves what it holds)
// and the folders' name arenas, with the side tables for what few entries have.

#include "ChunkedArray.h"
#include "CopyPlan.h"
#include "TestTree.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <numeric>

using namespace Ferry;

class TestPlanMemory final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chunkedArrayIndexesAcrossChunks();
    void chunkedArrayNeverMovesElements();
    void chunkedArrayCopiesAndIterates();
    void entryIsSmall();
    void namesLiveInTheFolderArena();
    void tooLongNameIsRefused();
    void scannedLinksAndErrorsAreKeptAside();
};

void TestPlanMemory::chunkedArrayIndexesAcrossChunks()
{
    ChunkedArray<qint64, 3> a; // chunks of 8: every boundary is crossed
    QVERIFY(a.empty());
    for (qint64 i = 0; i < 100; ++i)
        a.push_back(i * 3);
    QCOMPARE(a.size(), size_t(100));
    for (size_t i = 0; i < a.size(); ++i)
        QCOMPARE(a[i], qint64(i) * 3);
    QCOMPARE(a.back(), qint64(99 * 3));
    a[57] = -1;
    QCOMPARE(a[57], qint64(-1));
    QCOMPARE(a.capacityBytes(), size_t(13 * 8 * sizeof(qint64))); // 100 in whole chunks of 8
    a.clear();
    QCOMPARE(a.size(), size_t(0));
    a.push_back(7);
    QCOMPARE(a[0], qint64(7));
}

void TestPlanMemory::chunkedArrayNeverMovesElements()
{
    ChunkedArray<QByteArray, 2> a;
    a.push_back("first");
    const QByteArray *first = &a[0];
    std::vector<const QByteArray *> seen;
    for (int i = 0; i < 1000; ++i) {
        a.push_back(QByteArray::number(i));
        seen.push_back(&a.back());
    }
    QCOMPARE(&a[0], first); // a vector would have moved it many times over
    QCOMPARE(*first, QByteArray("first"));
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(seen[size_t(i)], &a[size_t(i) + 1]);
}

void TestPlanMemory::chunkedArrayCopiesAndIterates()
{
    ChunkedArray<int, 2> a;
    for (int i = 0; i < 11; ++i)
        a.push_back(10 - i);
    ChunkedArray<int, 2> b = a;
    b[0] = 99;
    QCOMPARE(a[0], 10); // a copy, not a share
    QCOMPARE(std::accumulate(a.begin(), a.end(), 0), 55);
    std::sort(a.begin(), a.end()); // random access, as the standard algorithms want
    for (int i = 0; i < 11; ++i)
        QCOMPARE(a[size_t(i)], i);
    const ChunkedArray<int, 2> &c = a;
    QCOMPARE(c.end() - c.begin(), std::ptrdiff_t(11));
    ChunkedArray<int, 2> moved = std::move(b);
    QCOMPARE(moved.size(), size_t(11));
    QCOMPARE(moved[0], 99);
    QCOMPARE(b.size(), size_t(0)); // NOLINT(bugprone-use-after-move): moved from, it is empty
    b.push_back(5);                // and usable again
    QCOMPARE(b[0], 5);
    moved = std::move(b);
    QCOMPARE(moved.size(), size_t(1));
    QCOMPARE(b.size(), size_t(0));
}

void TestPlanMemory::entryIsSmall()
{
    // The per-file cost the README gives rests on this (it was 136 bytes with a name of its own).
    QVERIFY2(sizeof(PlanEntry) <= 56, qPrintable(QString::number(sizeof(PlanEntry))));
    // Its times without timespec's padding, and nothing lost on the way in and out.
    PlanEntry e;
    timespec a{};
    a.tv_sec = -2000000000; // before 1970
    a.tv_nsec = 999999999;
    timespec m{};
    m.tv_sec = decltype(m.tv_sec)(Q_INT64_C(253402300799)); // the end of the year 9999
    m.tv_nsec = 1;
    e.setTimes(a, m);
    QCOMPARE(qint64(e.atime().tv_sec), qint64(a.tv_sec));
    QCOMPARE(qint64(e.atime().tv_nsec), qint64(a.tv_nsec));
    QCOMPARE(qint64(e.mtime().tv_sec), qint64(m.tv_sec));
    QCOMPARE(qint64(e.mtime().tv_nsec), qint64(1));
}

void TestPlanMemory::namesLiveInTheFolderArena()
{
    CopyPlan plan;
    plan.destination = "/d";
    for (const char *folder : {"/s", "/s/sub"}) {
        PlanDir d;
        d.source = folder;
        d.target = QByteArray("/d") + folder;
        plan.dirs.push_back(d);
    }
    const QList<QByteArray> names{"a.txt", "", "b c,\xff", QByteArray(255, 'x')};
    for (int i = 0; i < 8; ++i) {
        PlanEntry e;
        e.dir = i % 2;
        e.size = i;
        QCOMPARE(plan.addEntry(e, names[i % 4]), qint32(i));
    }
    for (qint32 i = 0; i < 8; ++i) {
        QCOMPARE(plan.name(i), names[i % 4]);
        QCOMPARE(plan.nameView(i), names[i % 4]);
        QCOMPARE(plan.nameView(i).constData()[plan.nameView(i).size()], '\0'); // ready for the C calls
        QCOMPARE(plan.entries[size_t(i)].size, qint64(i));
    }
    QCOMPARE(plan.sourcePath(2), QByteArray("/s/b c,\xff"));
    QCOMPARE(plan.targetPath(5), QByteArray("/d/s/sub")); // an empty name: the folder itself
    plan.targetNames.insert(3, "renamed");
    QCOMPARE(plan.targetPath(3), QByteArray("/d/s/sub/renamed"));
    QCOMPARE(plan.name(3), names[3]);
    // Each folder's arena holds its own names and a NUL each, nothing more.
    QCOMPARE(plan.dirs[0].names.size(), qsizetype(2 * (5 + 1) + 2 * (5 + 1)));
    QCOMPARE(plan.dirs[1].names.size(), qsizetype(2 * (0 + 1) + 2 * (255 + 1)));
    // An entry of no folder is refused, not laid out of bounds.
    PlanEntry lost;
    lost.dir = 7;
    QCOMPARE(plan.addEntry(lost, "x"), qint32(-1));
    QCOMPARE(plan.entries.size(), size_t(8));
}

void TestPlanMemory::tooLongNameIsRefused()
{
    CopyPlan plan;
    plan.dirs.push_back(PlanDir());
    PlanEntry e;
    e.dir = 0;
    QCOMPARE(plan.addEntry(e, QByteArray(65535, 'n')), qint32(0));
    QCOMPARE(plan.name(0).size(), qsizetype(65535));
    QCOMPARE(plan.addEntry(e, QByteArray(65536, 'n')), qint32(-1)); // its length would not fit
    QCOMPARE(plan.entries.size(), size_t(1));
}

void TestPlanMemory::scannedLinksAndErrorsAreKeptAside()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = root + "/src";
    QVERIFY(TestTree::makeDirs(src + "/inner"));
    QVERIFY(TestTree::writeFile(src + "/b-file", "bb"));
    QVERIFY(TestTree::makeSymlink("b-file", src + "/a-link"));
    QVERIFY(TestTree::makeFifo(src + "/inner/pipe"));
    QVERIFY(TestTree::writeFile(src + "/inner/c-file", "c"));
    CopyOptions options;
    options.sources = {src};
    options.destination = root + "/dst";
    CopyPlan plan;
    QString error;
    QVERIFY2(PlanBuilder(options).build(&plan, &error), qPrintable(error));
    QCOMPARE(plan.entries.size(), size_t(4));
    QList<QByteArray> paths;
    for (qint32 i = 0; i < 4; ++i)
        paths.append(plan.sourcePath(i));
    QCOMPARE(paths, (QList<QByteArray>{src + "/a-link", src + "/b-file", src + "/inner/c-file", src + "/inner/pipe"}));
    QCOMPARE(int(plan.entries[0].kind), int(EntryKind::Symlink));
    QCOMPARE(plan.linkTarget(0), QByteArray("b-file"));
    QCOMPARE(int(plan.entries[3].kind), int(EntryKind::Special));
    QVERIFY2(plan.error(3).contains(QStringLiteral("FIFO")), qPrintable(plan.error(3)));
    QCOMPARE(plan.name(3), QByteArray("pipe"));
    QCOMPARE(plan.linkTargets.size(), qsizetype(1));
    QCOMPARE(plan.errors.size(), qsizetype(1));
    QVERIFY(plan.error(1).isEmpty());
    QCOMPARE(plan.bytesTotal, qint64(3));
}

QTEST_GUILESS_MAIN(TestPlanMemory)
#include "tst_planmemory.moc"
