#include "CopyEngine.h"
#include "CopyPlan.h"

#include "TestTree.h"

#include <QSignalSpy>
#include <QTest>

using namespace Ferry;
using TestTree::join;


class TestCopyEngine final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void copiesTreeExactly_data();
    void copiesTreeExactly();
    void batchesEvents();
    void pauseHoldsAndResumeFinishes();
    void cancelKeepsFinishedFilesOnly();
    void cancelWhilePausedBeforeThePlan();
    void askedConflictsWithApplyToAll();
    void dryRunWritesNothing();
    void refusalWritesNothing();
    void moveRemovesCopiedSources();

private:
    // Runs the job to its end into *summary; false when it did not finish within timeoutMs.
    [[nodiscard]] static bool run(CopyEngine &engine, const CopyOptions &options, Summary *summary,
                                  int timeoutMs = 120000);
};

bool TestCopyEngine::run(CopyEngine &engine, const CopyOptions &options, Summary *summary, int timeoutMs)
{
    QSignalSpy done(&engine, &CopyEngine::finished);
    engine.start(options);
    if (!done.wait(timeoutMs))
        return false;
    *summary = done.first().first().value<Summary>();
    return true;
}

static CopyOptions optionsFor(const QList<QByteArray> &sources, const QByteArray &dest)
{
    CopyOptions o;
    o.sources = sources;
    o.destination = dest;
    return o;
}

void TestCopyEngine::copiesTreeExactly_data()
{
    QTest::addColumn<int>("jobs");
    QTest::newRow("one thread") << 1;
    QTest::newRow("eight threads") << 8;
}

void TestCopyEngine::copiesTreeExactly()
{
    QFETCH(int, jobs);
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(!TestTree::makeSampleTree(src, 7).isEmpty());
    QVERIFY(TestTree::makeManyFiles(join(src, "many"), int(TestTree::scaled(2000, 200)), 100, 700, 3));
    CopyOptions o = optionsFor({src}, join(root, "dst"));
    o.jobs = jobs;
    CopyEngine engine;
    Summary s;
    QVERIFY2(run(engine, o, &s), "the engine did not finish in time");
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.failed, 0);
    FERRY_COMPARE_TREES(src, join(root, "dst/src"));
    QCOMPARE(TestTree::findTemporaries(join(root, "dst")), QList<QByteArray>());
}

void TestCopyEngine::batchesEvents()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    const int files = int(TestTree::scaled(3000, 300));
    QVERIFY(TestTree::makeManyFiles(src, files, 300, 10, 1));
    CopyEngine engine;
    QSignalSpy batches(&engine, &CopyEngine::filesUpdated);
    QSignalSpy progress(&engine, &CopyEngine::progressed);
    Summary s;
    QVERIFY2(run(engine, optionsFor({src}, join(root, "dst")), &s), "the engine did not finish in time");
    QVERIFY(s.ok());
    qint64 events = 0;
    for (const QList<QVariant> &args : std::as_const(batches))
        events += args.first().value<QList<FileEvent>>().size();
    QCOMPARE(events, qint64(files));
    // Thousands of files arrive in a handful of batches, not one signal each.
    QVERIFY2(batches.size() < files / 10, qPrintable(QString::number(batches.size())));
    const Progress last = progress.last().first().value<Progress>();
    QCOMPARE(last.phase, Phase::Done);
    QCOMPARE(last.filesDone, qint64(files));
    QCOMPARE(last.bytesDone, last.bytesTotal);
    QCOMPARE(last.bytesTotal, qint64(files) * 10);
}

void TestCopyEngine::pauseHoldsAndResumeFinishes()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::makeManyFiles(src, int(TestTree::scaled(4000, 400)), 200, 4096, 2));
    QVERIFY(TestTree::writeRandomFile(join(src, "big.bin"), TestTree::scaled(256 << 20, 32 << 20), 5));
    CopyEngine engine;
    QSignalSpy done(&engine, &CopyEngine::finished);
    connect(&engine, &CopyEngine::planned, &engine, [&engine] { engine.pause(); });
    CopyOptions o = optionsFor({src}, join(root, "dst"));
    o.sync = false;
    engine.start(o);
    QTRY_VERIFY(engine.isPaused() && engine.plan());
    QTest::qWait(300); // chunks in flight finish
    const Progress a = engine.progress();
    QTest::qWait(700);
    const Progress b = engine.progress();
    QCOMPARE(b.bytesDone, a.bytesDone);
    QCOMPARE(b.filesDone, a.filesDone);
    QVERIFY(b.filesDone < b.filesTotal);
    QVERIFY(b.paused);
    QCOMPARE(done.size(), 0);
    engine.resume();
    QVERIFY(done.wait(120000));
    const Summary s = done.first().first().value<Summary>();
    QVERIFY2(s.ok(), qPrintable(s.error));
    FERRY_COMPARE_TREES(src, join(root, "dst/src"));
}

void TestCopyEngine::cancelKeepsFinishedFilesOnly()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::makeManyFiles(src, int(TestTree::scaled(3000, 300)), 300, 8192, 4));
    QVERIFY(TestTree::writeRandomFile(join(src, "big.bin"), TestTree::scaled(512 << 20, 64 << 20), 6));
    CopyEngine engine;
    QSignalSpy done(&engine, &CopyEngine::finished);
    // Hold the job at its start, then cancel it: whatever was in flight is abandoned.
    connect(&engine, &CopyEngine::planned, &engine, [&engine] { engine.pause(); });
    CopyOptions o = optionsFor({src}, join(root, "dst"));
    o.sync = false;
    o.jobs = 2;
    engine.start(o);
    QTRY_VERIFY(engine.isPaused() && engine.plan());
    QTest::qWait(100);
    engine.cancel();
    QVERIFY(done.wait(60000));
    const Summary s = done.first().first().value<Summary>();
    QVERIFY(s.cancelled);
    QCOMPARE(TestTree::findTemporaries(join(root, "dst")), QList<QByteArray>());
    const QList<QByteArray> copied = TestTree::listFiles(join(root, "dst/src"));
    QVERIFY(copied.size() < TestTree::listFiles(src).size());
    for (const QByteArray &rel : copied)
        QVERIFY2(TestTree::sameContent(join(src, rel), join(join(root, "dst/src"), rel)), rel.constData());
}

// Paused while still scanning, then cancelled: the job ends (its copies are not left suspended).
void TestCopyEngine::cancelWhilePausedBeforeThePlan()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::makeManyFiles(src, int(TestTree::scaled(2000, 200)), 100, 10, 2));
    CopyEngine engine;
    QSignalSpy done(&engine, &CopyEngine::finished);
    engine.start(optionsFor({src}, join(root, "dst")));
    engine.pause();
    engine.cancel();
    QVERIFY2(done.wait(30000 * TestTree::timeoutFactor()), "the cancelled job never finished");
    QVERIFY(done.first().first().value<Summary>().cancelled);
    QVERIFY(!engine.isPaused());
    QCOMPARE(TestTree::findTemporaries(join(root, "dst")), QList<QByteArray>());
}

void TestCopyEngine::askedConflictsWithApplyToAll()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    const QByteArray dst = join(root, "dst/src");
    QVERIFY(TestTree::makeDirs(dst));
    for (int i = 0; i < 6; ++i) {
        const QByteArray name = "f" + QByteArray::number(i) + ".txt";
        QVERIFY(TestTree::writeFile(join(src, name), "new " + name));
        QVERIFY(TestTree::writeFile(join(dst, name), "old"));
    }
    QVERIFY(TestTree::writeFile(join(src, "fresh.txt"), "fresh"));
    CopyEngine engine;
    QList<qint32> asked;
    connect(&engine, &CopyEngine::conflictAsked, &engine, [&](const ConflictQuestion &q) {
        asked.append(q.entry);
        QCOMPARE(q.targetSize, qint64(3));
        // The first conflict keeps both files; the second overwrites, for all that remain.
        if (asked.size() == 1)
            engine.answerConflict(q.entry, ConflictAnswer::Rename, false);
        else
            engine.answerConflict(q.entry, ConflictAnswer::Overwrite, true);
    });
    CopyOptions o = optionsFor({src}, join(root, "dst"));
    o.conflict = ConflictPolicy::Ask;
    Summary s;
    QVERIFY2(run(engine, o, &s), "the engine did not finish in time");
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(asked.size(), 2);
    QCOMPARE(s.copied, qint64(7));
    const QByteArray renamedFrom = engine.plan()->name(asked.first());
    int renamed = 0;
    for (int i = 0; i < 6; ++i) {
        const QByteArray name = "f" + QByteArray::number(i) + ".txt";
        const QByteArray content = TestTree::readFile(join(dst, name));
        if (name == renamedFrom) {
            QCOMPARE(content, QByteArray("old"));
            QCOMPARE(TestTree::readFile(join(dst, "f" + QByteArray::number(i) + " (2).txt")), "new " + name);
            ++renamed;
        } else {
            QCOMPARE(content, "new " + name);
        }
    }
    QCOMPARE(renamed, 1);
    QCOMPARE(TestTree::readFile(join(dst, "fresh.txt")), QByteArray("fresh"));
}

void TestCopyEngine::dryRunWritesNothing()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(!TestTree::makeSampleTree(src, 1).isEmpty());
    const QStringList before = TestTree::snapshot(root);
    CopyOptions o = optionsFor({src}, join(root, "dst"));
    o.dryRun = true;
    CopyEngine engine;
    QSignalSpy batches(&engine, &CopyEngine::filesUpdated);
    Summary s;
    QVERIFY2(run(engine, o, &s), "the engine did not finish in time");
    QVERIFY(!s.refused);
    QVERIFY(batches.size() > 0);
    QCOMPARE(TestTree::snapshot(root), before);
    QVERIFY(!TestTree::exists(join(root, "dst")));
}

void TestCopyEngine::refusalWritesNothing()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::writeFile(join(src, "a"), "a"));
    CopyEngine engine;
    Summary s;
    QVERIFY2(run(engine, optionsFor({src}, join(src, "inner/dst")), &s), "the engine did not finish in time");
    QVERIFY(s.refused);
    QVERIFY2(s.error.contains(QString::fromUtf8(src)), qPrintable(s.error));
    QVERIFY(!TestTree::exists(join(src, "inner")));
}

void TestCopyEngine::moveRemovesCopiedSources()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::writeFile(join(src, "a/one"), "1"));
    QVERIFY(TestTree::writeFile(join(src, "b/two"), "2"));
    QVERIFY(TestTree::writeFile(join(root, "dst/src/b/two"), "existing"));
    CopyOptions o = optionsFor({src}, join(root, "dst"));
    o.move = true;
    CopyEngine engine;
    Summary s;
    QVERIFY2(run(engine, o, &s), "the engine did not finish in time");
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.moved, qint64(1));
    QCOMPARE(s.skipped, qint64(1));
    QVERIFY(!TestTree::exists(join(src, "a"))); // everything under it moved
    QCOMPARE(TestTree::readFile(join(src, "b/two")), QByteArray("2")); // skipped: kept
    QCOMPARE(TestTree::readFile(join(root, "dst/src/a/one")), QByteArray("1"));
    QCOMPARE(TestTree::readFile(join(root, "dst/src/b/two")), QByteArray("existing"));
}

QTEST_GUILESS_MAIN(TestCopyEngine)
#include "tst_copyengine.moc"
