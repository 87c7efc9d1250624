// The engine through a file layer that fails on purpose, in-process: each failure of the file
// layer is reported for its file with the reason, the other files are still copied, and nothing
// partial or temporary is left where the failure was.
#include "CopyEngine.h"
#include "CopyPlan.h"

#include "FaultyFileSystem.h"
#include "TestTree.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <sys/stat.h>

using namespace Ferry;
using TestTree::join;

class TestFileLayer final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void failedDataCopyFailsThatFileOnly_data();
    void failedDataCopyFailsThatFileOnly();
    void corruptCopyIsCaughtByVerify();
    void failedPublishLeavesNothing();
    void failedFlushFailsEveryCopy();
    void retryCopiesTheFailedFilesOnly();
    void threadsFollowTheSourcesStorage();

private:
    struct Result {
        Summary summary;
        QHash<QByteArray, FileEvent> last; // by source name: the last event of each file
    };
    static std::optional<Result> run(FaultyFileSystem &layer, const CopyOptions &options);
    static QByteArray makeSources(const QByteArray &root);
};

std::optional<TestFileLayer::Result> TestFileLayer::run(FaultyFileSystem &layer, const CopyOptions &options)
{
    CopyEngine engine;
    engine.setFileSystem(&layer);
    Result r;
    QObject::connect(&engine, &CopyEngine::filesUpdated, &engine, [&](const QList<FileEvent> &events) {
        for (const FileEvent &e : events)
            r.last.insert(engine.plan()->name(e.entry), e);
    });
    QSignalSpy done(&engine, &CopyEngine::finished);
    engine.start(options);
    if (!done.wait(120000 * TestTree::timeoutFactor()))
        return std::nullopt;
    r.summary = done.first().first().value<Summary>();
    return r;
}

QByteArray TestFileLayer::makeSources(const QByteArray &root)
{
    const QByteArray src = join(root, "src");
    for (const char *name : {"a.bin", "b.bin", "c.bin"}) {
        if (!TestTree::writeRandomFile(join(src, name), 300 * 1024, quint64(name[0])))
            return QByteArray();
    }
    return src;
}

static quint64 inode(const QByteArray &path)
{
    struct stat st {};
    return ::lstat(path.constData(), &st) == 0 ? quint64(st.st_ino) : 0;
}

static CopyOptions optionsFor(const QByteArray &src, const QByteArray &dest)
{
    CopyOptions o;
    o.sources = {src};
    o.destination = dest;
    return o;
}

void TestFileLayer::failedDataCopyFailsThatFileOnly_data()
{
    QTest::addColumn<int>("err");
    QTest::newRow("disk full") << ENOSPC;
    QTest::newRow("I/O error") << EIO;
}

void TestFileLayer::failedDataCopyFailsThatFileOnly()
{
    QFETCH(int, err);
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = makeSources(root);
    QVERIFY(!src.isEmpty());
    FaultyFileSystem layer;
    layer.inject(FaultyFileSystem::Fault::CopyData, "b.bin", err);
    const auto r = run(layer, optionsFor(src, join(root, "dst")));
    QVERIFY2(r, "the copy did not finish");
    QCOMPARE(layer.fired(), 1);
    QCOMPARE(r->summary.failed, qint64(1));
    QCOMPARE(r->summary.copied, qint64(2));
    QCOMPARE(r->last.value("b.bin").status, FileStatus::Failed);
    QVERIFY2(r->last.value("b.bin").message.contains(QString::fromLocal8Bit(strerror(err))),
             qPrintable(r->last.value("b.bin").message));
    const QByteArray out = join(root, "dst/src");
    QCOMPARE(TestTree::kind(join(out, "b.bin")), TestTree::Kind::Missing);
    QVERIFY(TestTree::sameContent(join(src, "a.bin"), join(out, "a.bin")));
    QVERIFY(TestTree::sameContent(join(src, "c.bin"), join(out, "c.bin")));
    QCOMPARE(TestTree::findTemporaries(join(root, "dst")), QList<QByteArray>());
}

void TestFileLayer::corruptCopyIsCaughtByVerify()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = makeSources(root);
    QVERIFY(!src.isEmpty());
    FaultyFileSystem layer;
    layer.inject(FaultyFileSystem::Fault::Corrupt, "c.bin");
    CopyOptions o = optionsFor(src, join(root, "dst"));
    o.verify = true;
    const auto r = run(layer, o);
    QVERIFY2(r, "the copy did not finish");
    QCOMPARE(layer.fired(), 1);
    QCOMPARE(r->last.value("c.bin").status, FileStatus::VerifiedFailed);
    QCOMPARE(r->last.value("a.bin").status, FileStatus::Copied);
    QCOMPARE(r->summary.failed, qint64(1));
    // A copy that did not read back right is not put in place.
    QCOMPARE(TestTree::kind(join(root, "dst/src/c.bin")), TestTree::Kind::Missing);
}

void TestFileLayer::failedPublishLeavesNothing()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = makeSources(root);
    QVERIFY(!src.isEmpty());
    FaultyFileSystem layer;
    layer.inject(FaultyFileSystem::Fault::Publish, "a.bin", EIO);
    const auto r = run(layer, optionsFor(src, join(root, "dst")));
    QVERIFY2(r, "the copy did not finish");
    QCOMPARE(layer.fired(), 1);
    QCOMPARE(r->last.value("a.bin").status, FileStatus::Failed);
    QVERIFY2(r->last.value("a.bin").message.contains(QStringLiteral("putting the copy in place")),
             qPrintable(r->last.value("a.bin").message));
    QCOMPARE(r->summary.copied, qint64(2));
    QCOMPARE(TestTree::kind(join(root, "dst/src/a.bin")), TestTree::Kind::Missing);
    QCOMPARE(TestTree::findTemporaries(join(root, "dst")), QList<QByteArray>());
}

void TestFileLayer::failedFlushFailsEveryCopy()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = makeSources(root);
    QVERIFY(!src.isEmpty());
    FaultyFileSystem layer;
    layer.inject(FaultyFileSystem::Fault::Flush, QByteArray(), EIO);
    const auto r = run(layer, optionsFor(src, join(root, "dst")));
    QVERIFY2(r, "the copy did not finish");
    QCOMPARE(layer.fired(), 1);
    QCOMPARE(r->summary.copied, qint64(0));
    QCOMPARE(r->summary.failed, qint64(3));
    QVERIFY2(r->summary.error.contains(QStringLiteral("flushing")), qPrintable(r->summary.error));
    for (const char *name : {"a.bin", "b.bin", "c.bin"})
        QCOMPARE(r->last.value(name).status, FileStatus::Failed);
}

// "Retry failed" is one job over the failed entries of the plan: they are copied once the fault
// is gone, nothing else is touched, and the folder gets its source's time back.
void TestFileLayer::retryCopiesTheFailedFilesOnly()
{
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = makeSources(root);
    QVERIFY(!src.isEmpty());
    QVERIFY(TestTree::setMtime(src, 1500000000));
    FaultyFileSystem layer;
    layer.inject(FaultyFileSystem::Fault::CopyData, "b.bin", EIO);
    CopyEngine engine;
    engine.setFileSystem(&layer);
    QList<qint32> failed;
    QObject::connect(&engine, &CopyEngine::filesUpdated, &engine, [&](const QList<FileEvent> &events) {
        for (const FileEvent &e : events) {
            if (e.status == FileStatus::Failed)
                failed.append(e.entry);
        }
    });
    QSignalSpy planned(&engine, &CopyEngine::planned);
    QSignalSpy done(&engine, &CopyEngine::finished);
    engine.start(optionsFor(src, join(root, "dst")));
    QVERIFY2(done.wait(120000 * TestTree::timeoutFactor()), "the copy did not finish");
    QCOMPARE(failed.size(), 1);
    const QByteArray out = join(root, "dst/src");
    const quint64 aBefore = inode(join(out, "a.bin")); // the retry leaves it as it is

    layer.inject(FaultyFileSystem::Fault::None, QByteArray());
    const QList<qint32> retried = failed;
    failed.clear();
    engine.retry(retried);
    QVERIFY2(done.wait(120000 * TestTree::timeoutFactor()), "the retry did not finish");
    const Summary s = done.last().first().value<Summary>();
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.copied, qint64(1));
    QCOMPARE(planned.size(), 1); // the retry keeps the plan the front end has
    QCOMPARE(engine.progress().filesTotal, qint64(1));
    QCOMPARE(engine.status(retried.first()), FileStatus::Copied);
    QVERIFY(TestTree::sameContent(join(src, "b.bin"), join(out, "b.bin")));
    QCOMPARE(inode(join(out, "a.bin")), aBefore);
    QVERIFY(TestTree::sameContent(join(src, "a.bin"), join(out, "a.bin")));
    QCOMPARE(TestTree::mtimeNs(out), qint64(1500000000) * 1000000000);
    QCOMPARE(TestTree::findTemporaries(join(root, "dst")), QList<QByteArray>());
}

// The default thread count: today's (two a core, 2 to 16) for a source on a spinning disk, which
// seeks between files read at once; at least 16 elsewhere, where a cold source is read at the
// device's speed only with many reads in flight. A count asked for is kept.
void TestFileLayer::threadsFollowTheSourcesStorage()
{
    using fs::Medium;
    QCOMPARE(CopyEngine::defaultJobs(Medium::Spinning, 1), 2);
    QCOMPARE(CopyEngine::defaultJobs(Medium::Spinning, 2), 4);
    QCOMPARE(CopyEngine::defaultJobs(Medium::Spinning, 32), 16);
    QCOMPARE(CopyEngine::defaultJobs(Medium::Solid, 2), 16);
    QCOMPARE(CopyEngine::defaultJobs(Medium::Unknown, 2), 16);
    QCOMPARE(CopyEngine::defaultJobs(Medium::Solid, 32), 16);
    QVERIFY(CopyEngine::defaultJobs() >= 2);

    FaultyFileSystem layer;
    layer.setMedium("/a", Medium::Solid);
    layer.setMedium("/b", Medium::Spinning);
    layer.setMedium("/c", Medium::Unknown);
    CopyOptions o = optionsFor("/a", "/dst");
    QCOMPARE(CopyEngine::jobsFor(o, layer, 2), 16);
    o.sources = {"/a", "/c"};
    QCOMPARE(CopyEngine::jobsFor(o, layer, 2), 16);
    o.sources = {"/a", "/b", "/c"};
    QCOMPARE(CopyEngine::jobsFor(o, layer, 2), 4); // one spinning source: the fewest
    o.jobs = 7;
    QCOMPARE(CopyEngine::jobsFor(o, layer, 2), 7);

    // The system's own answer, for a folder that exists and one that does not: some count, no error.
    QTemporaryDir tmp;
    o.jobs = 0;
    o.sources = {QFile::encodeName(tmp.path()), "/no/such/folder"};
    QVERIFY(CopyEngine::jobsFor(o, fs::native(), 2) >= 4);
    QCOMPARE(fs::native().medium("/no/such/folder"), Medium::Unknown);
}

QTEST_GUILESS_MAIN(TestFileLayer)
#include "tst_filelayer.moc"
