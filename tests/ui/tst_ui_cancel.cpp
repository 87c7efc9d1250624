// Cancel asks first; then the job stops, temporaries are removed and finished files are kept.

#include "CopyPlan.h"
#include "FileStatusModel.h"
#include "JobProgress.h"
#include "SummaryPanel.h"
#include "TestTree.h"
#include "UiTest.h"

#include <QPushButton>

#include <climits>
#include <cstdlib>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Ferry;
using State = FileStatusModel::State;

namespace {
QStringList openFilesUnder(const QByteArray &root)
{
    return TestTree::openFilesUnder(root, false);
}
} // namespace

class TestCancel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void declinedCancelGoesOn();
    void cancelKeepsFinishedFiles();

private:
    QTemporaryDir m_dir;
    QByteArray m_src;
};

void TestCancel::initTestCase()
{
    UiTest::init();
    QVERIFY(m_dir.isValid());
    m_src = TestTree::join(TestTree::dirPath(m_dir), "src");
    QVERIFY(TestTree::makeManyFiles(m_src, int(TestTree::scaled(4000, 400)), 100, 1024, 21));
    QVERIFY(TestTree::writeRandomFile(TestTree::join(m_src, "large.bin"), 64 * 1024 * 1024, 2));
}

void TestCancel::declinedCancelGoesOn()
{
    const QByteArray dest = TestTree::join(TestTree::dirPath(m_dir), "dest1");
    MainWindow window;
    UiTest::Prompted prompted;
    prompted.answer = false;
    UiTest::silence(&window, &prompted);
    window.show();
    window.addSources({m_src});
    window.setDestination(dest);
    QSignalSpy finished(&window, &MainWindow::jobFinished);
    QVERIFY(window.start());
    window.runner()->pause(); // hold it still while we ask
    QTest::mouseClick(window.cancelButton(), Qt::LeftButton);
    QCOMPARE(prompted.questions.size(), 1);
    QVERIFY(window.isRunning());
    window.runner()->resume();
    QVERIFY(UiTest::waitFinished(&finished, 120000));
    QVERIFY(!UiTest::summaryOf(finished).cancelled);
    FERRY_COMPARE_TREES(m_src, TestTree::join(dest, "src"));
}

void TestCancel::cancelKeepsFinishedFiles()
{
    const QByteArray dest = TestTree::join(TestTree::dirPath(m_dir), "dest2");
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.show();
    window.addSources({m_src});
    window.setDestination(dest);
    window.optionsPanel()->setJobs(2);
    QSignalSpy finished(&window, &MainWindow::jobFinished);
    QSignalSpy files(window.runner(), &JobRunner::filesUpdated);
    window.runner()->setBatchInterval(50);
    QVERIFY(window.start());
    QVERIFY(files.wait(20000));
    if (finished.count() > 0)
        QSKIP("the copy ended before it could be cancelled: this machine is too fast for the test");
    QTest::mouseClick(window.cancelButton(), Qt::LeftButton);
    QCOMPARE(prompted.questions.size(), 1);
    QVERIFY(UiTest::waitFinished(&finished, 60000));
    const Summary summary = UiTest::summaryOf(finished);
    QVERIFY(summary.cancelled);
    QVERIFY(!window.isRunning());
    QCOMPARE(window.jobProgress()->phaseText(), QStringLiteral("Cancelled"));
    QVERIFY(window.summaryPanel()->isVisible());

    // No temporaries, named or nameless; every file the table calls copied is there, whole; the
    // rest are not.
    const QByteArray target = TestTree::join(dest, "src");
    QCOMPARE(TestTree::findTemporaries(dest), QList<QByteArray>());
    QCOMPARE(openFilesUnder(dest), QStringList());
    const FileStatusModel *model = window.model();
    QVERIFY(model->count(State::Cancelled) > 0);
    QCOMPARE(model->count(State::Pending), 0);
    const CopyPlan *plan = model->plan();
    qint64 kept = 0;
    for (qint32 i = 0; i < qint32(model->entryCount()); ++i) {
        const QByteArray copy = model->destination(i);
        if (model->state(i) == State::Copied) {
            QVERIFY2(TestTree::sameContent(plan->sourcePath(i), copy), copy.constData());
            ++kept;
        } else {
            QCOMPARE(model->state(i), State::Cancelled);
            QVERIFY2(!TestTree::exists(copy), copy.constData());
        }
    }
    QCOMPARE(kept, summary.copied);
    QCOMPARE(qint64(TestTree::listFiles(target).size()), kept);
}

QTEST_MAIN(TestCancel)
#include "tst_ui_cancel.moc"
