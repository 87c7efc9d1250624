// Dropping files and folders onto the window and onto the destination field.

#include "DestinationField.h"
#include "FileTable.h"
#include "SourceList.h"
#include "TestTree.h"
#include "UiTest.h"
#include "QueuedJob.h"
#include "JobQueue.h"

#include <QLineEdit>
#include <QListWidget>
#include <QTableView>

using namespace Ferry;

class TestDropping final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void foldersDroppedOnTheWindowBecomeSources();
    void duplicatesAreIgnored();
    void folderDroppedOnTheDestinationSetsIt();
    void onlyOneFolderSetsTheDestination();
    void nonLocalDropsAreRefused_data();
    void nonLocalDropsAreRefused();
    void dropsWhileCopyingQueueAJob();

private:
    QTemporaryDir m_dir;
    QByteArray m_a;
    QByteArray m_b;
    QByteArray m_file;
};

void TestDropping::initTestCase()
{
    UiTest::init();
    QVERIFY(m_dir.isValid());
    const QByteArray root = TestTree::dirPath(m_dir);
    m_a = TestTree::join(root, "alpha");
    m_b = TestTree::join(root, "beta ünïcode");
    m_file = TestTree::join(root, "file.txt");
    QVERIFY(TestTree::makeDirs(m_a));
    QVERIFY(TestTree::makeDirs(m_b));
    QVERIFY(TestTree::writeFile(m_file, "hello"));
}

void TestDropping::init()
{
    QSettings().clear();
}

void TestDropping::foldersDroppedOnTheWindowBecomeSources()
{
    MainWindow window;
    window.show();
    // Anywhere on the window: here, over the file table.
    QVERIFY(UiTest::dropPaths(window.fileTable()->view(), {m_a, m_b, m_file}));
    QCOMPARE(window.sourceList()->paths(), (QList<QByteArray>{m_a, m_b, m_file}));
    QCOMPARE(window.sourceList()->listWidget()->count(), 3);
    QCOMPARE(window.sourceList()->listWidget()->item(1)->text(), QString::fromUtf8(m_b));
}

void TestDropping::duplicatesAreIgnored()
{
    MainWindow window;
    window.show();
    QVERIFY(UiTest::dropPaths(&window, {m_a}));
    QVERIFY(UiTest::dropPaths(&window, {m_a, m_b}));
    QVERIFY(UiTest::dropPaths(&window, {m_a + '/', m_b}));
    QCOMPARE(window.sourceList()->paths(), (QList<QByteArray>{m_a, m_b}));
}

void TestDropping::folderDroppedOnTheDestinationSetsIt()
{
    MainWindow window;
    window.show();
    // On the line edit itself: the field takes it (the edit must not insert the path as text).
    QVERIFY(UiTest::dropPaths(window.destinationField()->lineEdit(), {m_b}));
    QCOMPARE(window.destinationField()->path(), m_b);
    QCOMPARE(window.destinationField()->lineEdit()->text(), QString::fromUtf8(m_b));
    QVERIFY(window.sourceList()->paths().isEmpty());
    QVERIFY(UiTest::dropPaths(window.destinationField(), {m_a}));
    QCOMPARE(window.destinationField()->path(), m_a);
}

// A file, or two folders, are not a destination: the field passes them on to the window, which
// takes them as sources, as it does anywhere else.
void TestDropping::onlyOneFolderSetsTheDestination()
{
    MainWindow window;
    window.show();
    window.setDestination(m_a);
    QMimeData mime;
    mime.setUrls(UiTest::fileUrls({m_file}));
    QVERIFY(UiTest::drop(window.destinationField(), &mime));
    QCOMPARE(window.destinationField()->path(), m_a);
    QCOMPARE(window.sourceList()->paths(), QList<QByteArray>{m_file});
    mime.setUrls(UiTest::fileUrls({m_a, m_b}));
    QVERIFY(UiTest::drop(window.destinationField()->lineEdit(), &mime));
    QCOMPARE(window.destinationField()->path(), m_a);
    QCOMPARE(window.sourceList()->paths(), (QList<QByteArray>{m_file, m_a, m_b}));
}

void TestDropping::nonLocalDropsAreRefused_data()
{
    QTest::addColumn<QList<QUrl>>("urls");
    QTest::addColumn<QString>("text");
    QTest::newRow("web address") << QList<QUrl>{QUrl(QStringLiteral("https://example.org/file.zip"))} << QString();
    QTest::newRow("local and remote") << QList<QUrl>{QUrl::fromLocalFile(QString::fromUtf8(m_a)),
                                                    QUrl(QStringLiteral("sftp://host/data"))} << QString();
    QTest::newRow("plain text") << QList<QUrl>{} << QString::fromUtf8(m_a);
}

void TestDropping::nonLocalDropsAreRefused()
{
    QFETCH(QList<QUrl>, urls);
    QFETCH(QString, text);
    MainWindow window;
    window.show();
    window.setDestination(m_b);
    QMimeData mime;
    if (!urls.isEmpty())
        mime.setUrls(urls);
    if (!text.isEmpty())
        mime.setText(text);
    bool entered = true;
    QVERIFY(!UiTest::drop(&window, &mime, &entered));
    QVERIFY(!entered);
    QVERIFY(!UiTest::drop(window.destinationField(), &mime));
    QCOMPARE(window.sourceList()->paths(), QList<QByteArray>());
    QCOMPARE(window.destinationField()->path(), m_b);
}

// While a job runs, a drop is a new job into the same destination with the same options: it waits
// its turn (the same disk) and then copies; the form is left as it was.
void TestDropping::dropsWhileCopyingQueueAJob()
{
    QTemporaryDir out;
    const QByteArray dest = TestTree::join(TestTree::dirPath(out), "dest");
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.show();
    window.addSources({m_a});
    window.setDestination(dest);
    window.optionsPanel()->setVerify(true);
    QSignalSpy finished(&window, &MainWindow::jobFinished);
    window.runner()->pause(); // nothing is running yet: no effect
    QVERIFY(window.start());
    QueuedJob *first = window.shownJob();
    QVERIFY(first);
    first->pause(); // hold it while the drop comes
    QVERIFY(UiTest::dropPaths(&window, {m_b}));
    QCOMPARE(window.sourceList()->paths(), QList<QByteArray>{m_a});
    QCOMPARE(window.jobQueue()->size(), 2);
    QueuedJob *second = window.jobQueue()->at(1);
    QCOMPARE(window.shownJob(), second);
    QCOMPARE(second->options().sources, QList<QByteArray>{m_b});
    QCOMPARE(second->options().destination, dest);
    QVERIFY(second->options().verify);
    QCOMPARE(second->state(), QueuedJob::State::Queued); // the same disk: after the first
    first->resume();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
    QVERIFY(!window.isRunning());
    QCOMPARE(first->state(), QueuedJob::State::Done);
    QCOMPARE(second->state(), QueuedJob::State::Done);
    QVERIFY(second->startedAt() >= first->finishedAt());
    QCOMPARE(TestTree::kind(TestTree::join(dest, "alpha")), TestTree::Kind::Dir);
    QCOMPARE(TestTree::kind(TestTree::join(dest, "beta ünïcode")), TestTree::Kind::Dir);
    QCOMPARE(prompted.errors, QStringList());
}

QTEST_MAIN(TestDropping)
#include "tst_ui_dropping.moc"
