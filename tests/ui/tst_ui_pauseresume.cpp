// Pause and resume from the window: nothing moves while paused, and the job then completes.

#include "FileStatusModel.h"
#include "JobProgress.h"
#include "TestTree.h"
#include "UiTest.h"

#include <QElapsedTimer>
#include <QPushButton>

#include <climits>
#include <cstdlib>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Ferry;
using State = FileStatusModel::State;

namespace {
QStringList sizes(const QByteArray &root)
{
    QStringList out;
    for (const QByteArray &file : TestTree::listFiles(root))
        out.append(QString::fromUtf8(file) + QLatin1Char(' ') + QString::number(TestTree::fileSize(TestTree::join(root, file))));
    return out;
}

// The copies this process has open under root, with their sizes (see TestTree::openFilesUnder).
QStringList openCopies(const QByteArray &root)
{
    return TestTree::openFilesUnder(root, true);
}
} // namespace

class TestPauseResume final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pausedFromTheStart();
    void pausedInTheMiddle();

private:
    QTemporaryDir m_dir;
    QByteArray m_src;
};

void TestPauseResume::initTestCase()
{
    UiTest::init();
    QVERIFY(m_dir.isValid());
    m_src = TestTree::join(TestTree::dirPath(m_dir), "src");
    QVERIFY(TestTree::makeManyFiles(m_src, int(TestTree::scaled(6000, 500)), 200, 2048, 11));
    // One large file, so that a pause may land in the middle of it.
    QVERIFY(TestTree::writeRandomFile(TestTree::join(m_src, "large.bin"), 96 * 1024 * 1024, 5));
}

void TestPauseResume::pausedFromTheStart()
{
    const QByteArray dest = TestTree::join(TestTree::dirPath(m_dir), "dest1");
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.show();
    window.addSources({m_src});
    window.setDestination(dest);
    QSignalSpy finished(&window, &MainWindow::jobFinished);
    QVERIFY(window.start());
    QTest::mouseClick(window.pauseButton(), Qt::LeftButton);
    QVERIFY(window.runner()->isPaused());
    QCOMPARE(window.pauseButton()->text().remove(QLatin1Char('&')), QStringLiteral("Resume"));
    QTest::qWait(1500);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(window.jobProgress()->phaseText(), QStringLiteral("Paused"));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Paused")));
    const FileStatusModel *model = window.model();
    QCOMPARE(model->count(State::Copied), 0);
    QCOMPARE(TestTree::listFiles(dest), QList<QByteArray>());
    QCOMPARE(openCopies(dest), QStringList()); // nor is one begun without a name

    QTest::mouseClick(window.pauseButton(), Qt::LeftButton);
    QVERIFY(!window.runner()->isPaused());
    QCOMPARE(window.pauseButton()->text().remove(QLatin1Char('&')), QStringLiteral("Pause"));
    QVERIFY(UiTest::waitFinished(&finished, 120000));
    QVERIFY(UiTest::summaryOf(finished).ok());
    QCOMPARE(model->count(State::Copied), model->entryCount());
    FERRY_COMPARE_TREES(m_src, TestTree::join(dest, "src"));
}

void TestPauseResume::pausedInTheMiddle()
{
    const QByteArray dest = TestTree::join(TestTree::dirPath(m_dir), "dest2");
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.show();
    window.addSources({m_src});
    window.setDestination(dest);
    QSignalSpy finished(&window, &MainWindow::jobFinished);
    QSignalSpy files(window.runner(), &JobRunner::filesUpdated);
    window.runner()->setBatchInterval(50);
    QVERIFY(window.start());
    QVERIFY(files.wait(20000));
    if (finished.count() > 0)
        QSKIP("the copy ended before it could be paused: this machine is too fast for the test");
    window.togglePause();
    QVERIFY(window.runner()->isPaused());
    // Within a second, everything stops, even inside the large file.
    QTest::qWait(1000);
    const qint64 copied = window.model()->count(State::Copied);
    const QStringList onDisk = sizes(TestTree::join(dest, "src"));
    const QStringList writing = openCopies(dest);
    QTest::qWait(1200);
    QCOMPARE(window.model()->count(State::Copied), copied);
    QCOMPARE(sizes(TestTree::join(dest, "src")), onDisk); // named temporaries included: none grows
    QCOMPARE(openCopies(dest), writing);                  // nor does a copy that has no name
    QCOMPARE(finished.count(), 0);
    QVERIFY(copied < window.model()->entryCount());

    window.togglePause();
    QVERIFY(UiTest::waitFinished(&finished, 120000));
    QVERIFY(UiTest::summaryOf(finished).ok());
    QCOMPARE(window.model()->count(State::Copied), window.model()->entryCount());
    FERRY_COMPARE_TREES(m_src, TestTree::join(dest, "src"));
}

QTEST_MAIN(TestPauseResume)
#include "tst_ui_pauseresume.moc"
