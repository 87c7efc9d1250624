// Up-front refusals: a message box (through the seam) that names the path, the same text in the
// window's status area, and nothing written.

#include "JobProgress.h"
#include "TestTree.h"
#include "UiTest.h"

#include <QPushButton>

using namespace Ferry;

class TestRefusal final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void destinationInsideSource();
    void sourceGoneBeforeStart();

private:
    QTemporaryDir m_dir;
    QByteArray m_root;
};

void TestRefusal::initTestCase()
{
    UiTest::init();
    QVERIFY(m_dir.isValid());
    m_root = TestTree::dirPath(m_dir);
}

void TestRefusal::destinationInsideSource()
{
    const QByteArray src = TestTree::join(m_root, "src");
    TestTree::makeSampleTree(src, 5);
    const QByteArray dest = TestTree::join(src, "inside");
    const QStringList before = TestTree::snapshot(src);
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.show();
    window.addSources({src});
    window.setDestination(dest);
    QSignalSpy finished(&window, &MainWindow::jobFinished);
    QVERIFY(window.start());
    QVERIFY(UiTest::waitFinished(&finished));
    QVERIFY(UiTest::summaryOf(finished).refused);
    QCOMPARE(prompted.errors.size(), 1);
    QVERIFY2(prompted.errors.first().contains(QString::fromUtf8(dest)) || prompted.errors.first().contains(QString::fromUtf8(src)),
             qPrintable(prompted.errors.first()));
    QCOMPARE(window.statusText(), UiTest::summaryOf(finished).error);
    QCOMPARE(TestTree::snapshot(src), before);
    QVERIFY(!window.isRunning());
    QVERIFY(window.startButton()->isEnabled());
    QCOMPARE(window.jobProgress()->percent(), -1);
}

void TestRefusal::sourceGoneBeforeStart()
{
    const QByteArray src = TestTree::join(m_root, "gone");
    QVERIFY(TestTree::makeDirs(src));
    const QByteArray dest = TestTree::join(m_root, "dest");
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.addSources({src});
    window.setDestination(dest);
    QVERIFY(window.canStart());
    QVERIFY(TestTree::removeTree(src));
    // The window looks again at Start and says what is wrong without starting.
    QVERIFY(!window.start());
    QVERIFY(window.statusText().contains(QString::fromUtf8(src)));
    QVERIFY(!TestTree::exists(dest));
}

QTEST_MAIN(TestRefusal)
#include "tst_ui_refusal.moc"
