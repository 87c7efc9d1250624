// The window's queue: jobs added while one runs (by the API and by a drop), one device's jobs in
// turn and in list order, different devices at once, reordering, holding and removing a queued
// job, the speed limit, and one question when closing.

#include "FileStatusModel.h"
#include "JobListView.h"
#include "JobRunner.h"
#include "JobQueue.h"
#include "QueuedJob.h"
#include "RateBox.h"
#include "TestTree.h"
#include "UiTest.h"

#include <QPushButton>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/mount.h>
#include <unistd.h>

using namespace Ferry;
using S = QueuedJob::State;

class TestQueue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void jobsAddedWhileOneRunsWaitTheirTurn();
    void reorderingChangesTheTurn();
    void heldJobLetsTheNextOneGo();
    void removingAQueuedJob();
    void differentDevicesRunTogether();
    void speedLimitHoldsInTheWindow();
    void speedLimitChangesWhileCopying();
    void closingAsksOnceForAllJobs();
    void tableShowsTheSelectedJobInNaturalOrder();

private:
    CopyOptions job(const char *name, qint64 bytes, const QByteArray &dest, quint64 seed);
    bool allFinished(MainWindow *window, int timeoutMs = 60000);

    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_root;
};

void TestQueue::initTestCase()
{
    UiTest::init();
}

void TestQueue::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = TestTree::dirPath(*m_dir);
}

CopyOptions TestQueue::job(const char *name, qint64 bytes, const QByteArray &dest, quint64 seed)
{
    const QByteArray src = TestTree::join(m_root, name);
    TestTree::makeDirs(src);
    TestTree::writeRandomFile(TestTree::join(src, "data"), bytes, seed);
    CopyOptions o;
    o.sources = {src};
    o.destination = dest;
    o.conflict = ConflictPolicy::Overwrite;
    return o;
}

bool TestQueue::allFinished(MainWindow *window, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (window->isRunning() && clock.elapsed() < timeoutMs)
        QTest::qWait(20);
    return !window->isRunning();
}

void TestQueue::jobsAddedWhileOneRunsWaitTheirTurn()
{
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.show();
    const QByteArray dest = TestTree::join(m_root, "dest");
    window.rateBox()->setRate(4 << 20); // each job about half a second
    QueuedJob *a = window.addJob(job("a", 2 << 20, dest, 1));
    QCOMPARE(a->state(), S::Running);
    QueuedJob *b = window.addJob(job("b", 2 << 20, dest, 2));
    QCOMPARE(b->state(), S::Queued);
    // A drop while they run: one more job, into the same place.
    const QByteArray c = TestTree::join(m_root, "c");
    QVERIFY(TestTree::writeRandomFile(TestTree::join(c, "data"), 1 << 20, 3));
    QVERIFY(UiTest::dropPaths(&window, {c}));
    QCOMPARE(window.jobQueue()->size(), 3);
    QueuedJob *dropped = window.jobQueue()->at(2);
    QCOMPARE(dropped->options().destination, dest);
    QCOMPARE(dropped->state(), S::Queued);
    QCOMPARE(window.startButton()->text(), QStringLiteral("Add to &queue"));
    QVERIFY(allFinished(&window));
    for (QueuedJob *j : {a, b, dropped})
        QCOMPARE(j->state(), S::Done);
    // One disk: one after another, in list order.
    QVERIFY(b->startedAt() >= a->finishedAt());
    QVERIFY(dropped->startedAt() >= b->finishedAt());
    for (const char *name : {"a", "b", "c"})
        FERRY_COMPARE_TREES(TestTree::join(m_root, name), TestTree::join(dest, name));
    QCOMPARE(prompted.errors, QStringList());
}

void TestQueue::reorderingChangesTheTurn()
{
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    const QByteArray dest = TestTree::join(m_root, "dest");
    QueuedJob *a = window.addJob(job("a", 1 << 20, dest, 1));
    a->pause(); // holds the disk while the list is rearranged
    QueuedJob *b = window.addJob(job("b", 1 << 20, dest, 2));
    QueuedJob *c = window.addJob(job("c", 1 << 20, dest, 3));
    // c up, past b: by the list's buttons.
    window.jobList()->select(c);
    QVERIFY(window.jobList()->upButton()->isEnabled());
    window.jobList()->upButton()->click();
    QCOMPARE(window.jobQueue()->at(1), c);
    QCOMPARE(window.jobQueue()->at(2), b);
    QCOMPARE(window.jobList()->selectedJob(), c);
    QVERIFY(!window.jobQueue()->move(0, 5)); // out of range: nothing moves
    a->resume();
    QVERIFY(allFinished(&window));
    QVERIFY(c->startedAt() >= a->finishedAt());
    QVERIFY(b->startedAt() >= c->finishedAt());
}

void TestQueue::heldJobLetsTheNextOneGo()
{
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    const QByteArray dest = TestTree::join(m_root, "dest");
    QueuedJob *a = window.addJob(job("a", 1 << 20, dest, 1));
    a->pause();
    QueuedJob *b = window.addJob(job("b", 1 << 20, dest, 2));
    QueuedJob *c = window.addJob(job("c", 1 << 20, dest, 3));
    window.jobList()->select(b);
    QVERIFY(window.jobList()->holdButton()->isEnabled());
    window.jobList()->holdButton()->click();
    QCOMPARE(b->state(), S::Held);
    QCOMPARE(window.pauseButton()->text(), QStringLiteral("Res&ume"));
    a->resume();
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), S::Done, 30000);
    QCOMPARE(b->state(), S::Held); // passed over, not lost
    QVERIFY(!window.isRunning());
    QVERIFY(!TestTree::exists(TestTree::join(dest, "b")));
    window.togglePause(); // the shown job is b: let it go
    QCOMPARE(window.shownJob(), b);
    QVERIFY(allFinished(&window));
    QCOMPARE(b->state(), S::Done);
    FERRY_COMPARE_TREES(TestTree::join(m_root, "b"), TestTree::join(dest, "b"));
}

void TestQueue::removingAQueuedJob()
{
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    const QByteArray dest = TestTree::join(m_root, "dest");
    QueuedJob *a = window.addJob(job("a", 1 << 20, dest, 1));
    a->pause();
    QueuedJob *b = window.addJob(job("b", 1 << 20, dest, 2));
    QPointer<QueuedJob> gone = b;
    window.jobList()->select(a);
    QVERIFY(!window.jobList()->removeButton()->isEnabled()); // it has started
    QVERIFY(!window.jobQueue()->remove(a));
    window.jobList()->select(b);
    QVERIFY(window.jobList()->removeButton()->isEnabled());
    window.jobList()->removeButton()->click();
    QCOMPARE(window.jobQueue()->size(), 1);
    QTRY_VERIFY(gone.isNull());
    a->resume();
    QVERIFY(allFinished(&window));
    QVERIFY(TestTree::exists(TestTree::join(dest, "a")));
    QVERIFY(!TestTree::exists(TestTree::join(dest, "b")));
}

// Two loop-mounted ext4 images: a job onto each runs at the same time; a second onto the first
// waits for the first.
void TestQueue::differentDevicesRunTogether()
{
    if (::geteuid() != 0)
        QSKIP("needs root to loop-mount two filesystems");
    QList<QByteArray> mounts;
    for (const char *name : {"disk1", "disk2"}) {
        const QByteArray image = TestTree::join(m_root, QByteArray(name) + ".img");
        const QByteArray mount = TestTree::join(m_root, name);
        QVERIFY(TestTree::makeDirs(mount));
        if (QProcess::execute(QStringLiteral("mkfs.ext4"), {QStringLiteral("-q"), QStringLiteral("-F"),
                                                           QString::fromUtf8(image), QStringLiteral("32M")}) != 0)
            QSKIP("mkfs.ext4 could not make an image");
        if (QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("loop"),
                                                       QString::fromUtf8(image), QString::fromUtf8(mount)}) != 0) {
            for (const QByteArray &m : std::as_const(mounts))
                ::umount2(m.constData(), MNT_DETACH);
            QSKIP("loop mounts are not available here");
        }
        mounts.append(mount);
    }
    auto unmount = qScopeGuard([&mounts] {
        for (const QByteArray &m : std::as_const(mounts))
            ::umount2(m.constData(), MNT_DETACH);
    });
    QVERIFY(QueuedJob::deviceOf(mounts[0]) != QueuedJob::deviceOf(mounts[1]));
    QCOMPARE(QueuedJob::deviceOf(TestTree::join(mounts[0], "not/yet")), QueuedJob::deviceOf(mounts[0]));
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.rateBox()->setRate(2 << 20); // about a second a job
    QueuedJob *one = window.addJob(job("one", 2 << 20, TestTree::join(mounts[0], "dest"), 1));
    QueuedJob *two = window.addJob(job("two", 2 << 20, TestTree::join(mounts[0], "dest"), 2));
    QueuedJob *other = window.addJob(job("other", 2 << 20, TestTree::join(mounts[1], "dest"), 3));
    QCOMPARE(one->state(), S::Running);
    QCOMPARE(two->state(), S::Queued);
    QCOMPARE(other->state(), S::Running);
    QVERIFY(allFinished(&window));
    QCOMPARE(prompted.errors, QStringList());
    for (QueuedJob *j : {one, two, other})
        QCOMPARE(j->state(), S::Done);
    // Overlap across devices, none on one device.
    QVERIFY(other->startedAt() < one->finishedAt());
    QVERIFY(one->startedAt() < other->finishedAt());
    QVERIFY(two->startedAt() >= one->finishedAt());
    FERRY_COMPARE_TREES(TestTree::join(m_root, "two"), TestTree::join(mounts[0], "dest/two"));
    FERRY_COMPARE_TREES(TestTree::join(m_root, "other"), TestTree::join(mounts[1], "dest/other"));
}

void TestQueue::speedLimitHoldsInTheWindow()
{
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.show();
    // Chosen in the box beside the bar: remembered for the next window.
    const int index = window.rateBox()->findData(qint64(10 << 20));
    QVERIFY(index >= 0);
    window.rateBox()->setCurrentIndex(index);
    Q_EMIT window.rateBox()->activated(index);
    QCOMPARE(window.rateBox()->rate(), qint64(10 << 20));
    QCOMPARE(QSettings().value(QStringLiteral("job/rateLimit")).toLongLong(), qint64(10 << 20));
    const QByteArray dest = TestTree::join(m_root, "dest");
    CopyOptions options = job("big", 40 << 20, dest, 9);
    options.sync = false; // the flush's time is the disk's, not the limit's
    QueuedJob *j = window.addJob(options);
    QCOMPARE(j->rateLimit(), qint64(10 << 20));
    QVERIFY(allFinished(&window));
    QCOMPARE(j->state(), S::Done);
    const qint64 ms = j->finishedAt() - j->startedAt();
    qInfo("40 MiB at 10 MiB/s in the window: %lld ms", ms);
    QVERIFY2(ms >= 3600 && ms <= 4400, qPrintable(QString::number(ms)));
    MainWindow again;
    QCOMPARE(again.rateBox()->rate(), qint64(10 << 20));
}

// The limits apply to a job already copying: its own (the box beside the bar) and the one for all
// jobs (beside the list), the lower of the two.
void TestQueue::speedLimitChangesWhileCopying()
{
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.show();
    window.rateBox()->setRate(2 << 20);
    QueuedJob *j = window.addJob(job("big", 20 << 20, TestTree::join(m_root, "dest"), 4)); // 10 s at 2 MiB/s
    QCOMPARE(j->runner()->rateLimit(), qint64(2 << 20));
    QTRY_VERIFY_WITH_TIMEOUT(j->progress().bytesDone > 0, 10000);
    // All jobs at most 1 MiB/s: lower than the job's own.
    RateBox *global = window.jobList()->globalRateBox();
    int index = global->findData(qint64(1 << 20));
    global->setCurrentIndex(index);
    Q_EMIT global->activated(index);
    QCOMPARE(j->runner()->rateLimit(), qint64(1 << 20));
    // The job's own to unlimited, then the global one too: it finishes at once.
    index = window.rateBox()->findData(qint64(0));
    window.rateBox()->setCurrentIndex(index);
    Q_EMIT window.rateBox()->activated(index);
    QCOMPARE(j->rateLimit(), qint64(0));
    QCOMPARE(j->runner()->rateLimit(), qint64(1 << 20));
    index = global->findData(qint64(0));
    global->setCurrentIndex(index);
    Q_EMIT global->activated(index);
    QCOMPARE(j->runner()->rateLimit(), qint64(0));
    QVERIFY(allFinished(&window, 5000));
    const qint64 ms = j->finishedAt() - j->startedAt();
    QVERIFY2(ms < 5000, qPrintable(QString::number(ms)));
    QCOMPARE(j->state(), S::Done);
    QCOMPARE(QSettings().value(QStringLiteral("queue/rateLimit")).toLongLong(), qint64(0));
}

void TestQueue::closingAsksOnceForAllJobs()
{
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.show();
    const QByteArray dest = TestTree::join(m_root, "dest");
    QueuedJob *a = window.addJob(job("a", 1 << 20, dest, 1));
    a->pause();
    QueuedJob *b = window.addJob(job("b", 1 << 20, dest, 2));
    QueuedJob *c = window.addJob(job("c", 1 << 20, dest, 3));
    c->pause(); // on hold: it counts, it would be lost
    QCOMPARE(c->state(), S::Held);
    prompted.answer = false;
    QVERIFY(!window.close());
    QCOMPARE(prompted.questions, QStringList{QStringLiteral("Cancel 3 jobs and quit?")});
    QCOMPARE(a->state(), S::Paused);
    prompted.answer = true;
    prompted.questions.clear();
    window.close();
    QCOMPARE(prompted.questions.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 30000);
    for (QueuedJob *j : {a, b, c})
        QCOMPARE(j->state(), S::Cancelled);
    QVERIFY(!TestTree::exists(TestTree::join(dest, "b")));
}

void TestQueue::tableShowsTheSelectedJobInNaturalOrder()
{
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    const QByteArray src = TestTree::join(m_root, "photos");
    for (const char *name : {"part-10.bin", "part-2.bin", "part-1.bin", "part-100.bin"})
        QVERIFY(TestTree::writeFile(TestTree::join(src, name), name));
    CopyOptions o;
    o.sources = {src};
    o.destination = TestTree::join(m_root, "dest");
    QueuedJob *photos = window.addJob(o);
    QueuedJob *other = window.addJob(job("other", 1000, o.destination, 1));
    QVERIFY(allFinished(&window));
    QCOMPARE(window.shownJob(), other);
    QCOMPARE(window.model()->rowCount(), 1);
    window.jobList()->select(photos);
    QCOMPARE(window.shownJob(), photos);
    QCOMPARE(window.model(), photos->model());
    QStringList names;
    for (int row = 0; row < window.model()->rowCount(); ++row)
        names.append(window.model()->index(row, FileStatusModel::NameColumn).data().toString());
    QCOMPARE(names, (QStringList{QStringLiteral("part-1.bin"), QStringLiteral("part-2.bin"), QStringLiteral("part-10.bin"),
                                 QStringLiteral("part-100.bin")}));
}

QTEST_MAIN(TestQueue)
#include "tst_ui_queue.moc"
