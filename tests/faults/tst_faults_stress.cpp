// The engine in process, where the sanitizer builds instrument it: many small files with 32
// threads, and a 100,000-file job paused, resumed and cancelled at random moments (seeded;
// FERRY_FAULT_SEED picks another). No deadlock: every wait is bounded; while paused nothing
// completes; after a cancel every file under its final name is whole and no temporary remains;
// a rerun with "update" finishes the job.

#include "CopyEngine.h"
#include "CopyPlan.h"
#include "FaultTest.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>

using namespace Ferry;
using namespace FaultTest;

class TestFaultsStress final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void manySmallFilesWith32Threads();
    void hundredThousandFilesPauseResumeCancel();

private:
    // Waits for finished(), bounded; false if it never came.
    static bool waitDone(QSignalSpy &done, int ms);
    // Pauses, checks that nothing completes while paused, resumes. Returns an error or empty.
    static QString pauseAndHold(CopyEngine &engine, QSignalSpy &done, int holdMs);
    static QString checkFinalFiles(const QByteArray &src, const QByteArray &out, qint64 *count);

    std::unique_ptr<QTemporaryDir> m_scratch = scratchDir();
    quint32 m_seed = 0;
};

void TestFaultsStress::initTestCase()
{
    QVERIFY(m_scratch->isValid());
    bool given = false;
    m_seed = qEnvironmentVariableIntValue("FERRY_FAULT_SEED", &given);
    if (!given)
        m_seed = 424242;
    qInfo("seed %u (set FERRY_FAULT_SEED to repeat another run)", m_seed);
}

bool TestFaultsStress::waitDone(QSignalSpy &done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (done.isEmpty() && t.elapsed() < ms)
        done.wait(200);
    return !done.isEmpty();
}

QString TestFaultsStress::pauseAndHold(CopyEngine &engine, QSignalSpy &done, int holdMs)
{
    engine.pause();
    if (!engine.isPaused() && done.isEmpty())
        return QStringLiteral("pause() did not take");
    // Files already past their last checkpoint may still land: let them.
    QTest::qWait(250);
    const qint64 before = engine.progress().filesDone;
    QTest::qWait(holdMs);
    const Progress p = engine.progress();
    if (done.isEmpty() && p.phase == Phase::Copy && p.filesDone != before)
        return QStringLiteral("%1 files completed while the job was paused").arg(p.filesDone - before);
    engine.resume();
    return QString();
}

QString TestFaultsStress::checkFinalFiles(const QByteArray &src, const QByteArray &out, qint64 *count)
{
    *count = 0;
    for (const QByteArray &rel : TestTree::listFiles(out)) {
        if (rel.mid(rel.lastIndexOf('/') + 1).startsWith(".ferry-"))
            return QStringLiteral("a temporary was left: %1").arg(QString::fromUtf8(rel));
        if (!TestTree::sameContent(join(src, rel), join(out, rel)))
            return QStringLiteral("%1 is under its final name but not identical to its source").arg(QString::fromUtf8(rel));
        ++*count;
    }
    return QString();
}

void TestFaultsStress::manySmallFilesWith32Threads()
{
    const QByteArray root = join(TestTree::dirPath(*m_scratch), "small");
    const QByteArray src = join(root, "src");
    const int files = int(TestTree::scaled(4000, 400));
    QVERIFY(TestTree::makeManyFiles(src, files, 100, 300, 5));
    CopyOptions o;
    o.sources = {src};
    o.destination = join(root, "dst");
    o.jobs = 32;
    CopyEngine engine;
    QSignalSpy done(&engine, &CopyEngine::finished);
    engine.start(o);
    QVERIFY2(waitDone(done, timeoutMs(120000)), "the job did not finish: deadlock?");
    const Summary s = done.first().first().value<Summary>();
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.copied, qint64(files));
    FERRY_COMPARE_TREES(src, join(root, "dst/src"));
    QCOMPARE(TestTree::findTemporaries(join(root, "dst")), QList<QByteArray>());
}

void TestFaultsStress::hundredThousandFilesPauseResumeCancel()
{
    const QByteArray root = join(TestTree::dirPath(*m_scratch), "big");
    const QByteArray src = join(root, "src");
    const QByteArray dst = join(root, "dst");
    const QByteArray out = join(dst, "src");
    const int files = int(TestTree::scaled(100000, 5000));
    QElapsedTimer made;
    made.start();
    QVERIFY(TestTree::makeManyFiles(src, files, 1000, 24, 9));
    qInfo("made %d files in %lld ms", files, made.elapsed());
    QRandomGenerator rng(m_seed);

    // First run: paused and resumed a few times, then cancelled, running or paused.
    {
        CopyOptions o;
        o.sources = {src};
        o.destination = dst;
        o.jobs = 1 + int(rng.bounded(16));
        CopyEngine engine;
        QSignalSpy done(&engine, &CopyEngine::finished);
        QElapsedTimer t;
        t.start();
        engine.start(o);
        const int cycles = 2 + int(rng.bounded(3));
        for (int i = 0; i < cycles && done.isEmpty(); ++i) {
            QTest::qWait(int(rng.bounded(1500)));
            const QString error = pauseAndHold(engine, done, 200 + int(rng.bounded(300)));
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        QTest::qWait(int(rng.bounded(3000)));
        const bool pausedCancel = rng.bounded(2) == 1;
        if (pausedCancel)
            engine.pause();
        QElapsedTimer cancelled;
        cancelled.start();
        engine.cancel();
        QVERIFY2(waitDone(done, timeoutMs(30000)), "cancel did not end the job: deadlock?");
        qInfo("jobs %d, %d pauses, cancelled %s after %lld ms; it ended %lld ms later", o.jobs, cycles,
              pausedCancel ? "while paused" : "while running", t.elapsed() - cancelled.elapsed(), cancelled.elapsed());
        const Summary s = done.first().first().value<Summary>();
        QVERIFY(s.cancelled || s.ok());
        qint64 complete = 0;
        const QString error = checkFinalFiles(src, out, &complete);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        qInfo("%lld files were in place after the cancel", complete);
    }
    // Second run: "update" finishes the job, paused and resumed on the way.
    {
        CopyOptions o;
        o.sources = {src};
        o.destination = dst;
        o.conflict = ConflictPolicy::Update;
        o.jobs = 1 + int(rng.bounded(16));
        CopyEngine engine;
        QSignalSpy done(&engine, &CopyEngine::finished);
        engine.start(o);
        for (int i = 0; i < 2 && done.isEmpty(); ++i) {
            QTest::qWait(int(rng.bounded(400)));
            const QString error = pauseAndHold(engine, done, 200);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        QVERIFY2(waitDone(done, timeoutMs(300000)), "the job did not finish: deadlock?");
        const Summary s = done.first().first().value<Summary>();
        QVERIFY2(s.ok(), qPrintable(s.error));
        qint64 complete = 0;
        const QString error = checkFinalFiles(src, out, &complete);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(complete, qint64(files));
    }
}

QTEST_GUILESS_MAIN(TestFaultsStress)
#include "tst_faults_stress.moc"
