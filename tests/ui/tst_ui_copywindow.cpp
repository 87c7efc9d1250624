// A whole copy through the window: the table's final states, the files on the disk, the bar,
// the title, the summary, the report, and "Retry failed".

#include "FileStatusModel.h"
#include "JobProgress.h"
#include "SummaryPanel.h"
#include "TestTree.h"
#include "UiTest.h"

#include <QProgressBar>
#include <QPushButton>

using namespace Ferry;
using State = FileStatusModel::State;

class TestCopyWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void copiesATreeThroughTheWindow();
    void failedFilesAreShownAndRetried();
    void progressReachesTheEndOnlyWhenDone();

private:
    QByteArray m_root;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCopyWindow::initTestCase()
{
    UiTest::init();
}

void TestCopyWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = TestTree::dirPath(*m_dir);
}

void TestCopyWindow::copiesATreeThroughTheWindow()
{
    const QByteArray src = TestTree::join(m_root, "src");
    const QByteArray dest = TestTree::join(m_root, "dest");
    const QList<QByteArray> files = TestTree::makeSampleTree(src, 7);
    QVERIFY(!files.isEmpty());
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.show();
    window.addSources({src});
    window.setDestination(dest);
    QVERIFY(window.startButton()->isEnabled());
    QSignalSpy finished(&window, &MainWindow::jobFinished);
    QSignalSpy progressed(window.runner(), &JobRunner::progressed);
    QTest::mouseClick(window.startButton(), Qt::LeftButton);
    QVERIFY(window.isRunning());
    QVERIFY(!window.startButton()->isEnabled());
    QVERIFY(window.cancelButton()->isEnabled());
    QVERIFY(UiTest::waitFinished(&finished));
    const Summary summary = UiTest::summaryOf(finished);
    QVERIFY2(summary.ok(), qPrintable(summary.error));
    QCOMPARE(prompted.errors, QStringList());

    FERRY_COMPARE_TREES(src, TestTree::join(dest, "src"));
    FileStatusModel *model = window.model();
    QCOMPARE(model->rowCount(), int(model->entryCount()));
    QVERIFY(model->rowCount() >= files.size());
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex state = model->index(row, FileStatusModel::StateColumn);
        QCOMPARE(State(state.data(FileStatusModel::StateRole).toInt()), State::Copied);
        QCOMPARE(state.data().toString(), FileStatusModel::stateName(State::Copied));
        QCOMPARE(model->index(row, FileStatusModel::ProgressColumn).data(FileStatusModel::ProgressRole).toDouble(), 1.0);
    }
    QCOMPARE(model->count(State::Copied), model->entryCount());

    // The last progress was the flush's end: the bar is full only now.
    QCOMPARE(window.jobProgress()->percent(), 100);
    QCOMPARE(window.jobProgress()->bar()->value(), window.jobProgress()->bar()->maximum());
    QCOMPARE(window.windowTitle(), QStringLiteral("Done — Ferry"));
    QVERIFY(window.summaryPanel()->isVisible());
    QVERIFY(!window.summaryPanel()->retryButton()->isEnabled());
    QVERIFY(window.startButton()->isEnabled()); // a second job may start
    QVERIFY(!progressed.isEmpty());

    // The report, in the CLI's format.
    const QString report = QString::fromUtf8(TestTree::join(m_root, "report.csv"));
    QString error;
    QVERIFY2(window.exportReport(report, &error), qPrintable(error));
    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QList<QByteArray>> rows = TestTree::parseCsv(file.readAll(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), int(model->entryCount()) + 1);
    QCOMPARE(rows.first(), (QList<QByteArray>{"status", "size", "source", "destination", "message"}));
    for (qsizetype i = 1; i < rows.size(); ++i) {
        QCOMPARE(rows[i][0], QByteArray("copied"));
        QVERIFY(rows[i][2].startsWith(src + '/'));
        QVERIFY(rows[i][3].startsWith(dest + "/src/"));
    }
}

void TestCopyWindow::failedFilesAreShownAndRetried()
{
    // A folder where a file should go makes that file fail; the others go on.
    const QByteArray src = TestTree::join(m_root, "src");
    const QByteArray dest = TestTree::join(m_root, "dest");
    for (int i = 0; i < 30; ++i)
        QVERIFY(TestTree::writeFile(TestTree::join(src, "f" + QByteArray::number(i)), QByteArray(100 + i, 'x')));
    QVERIFY(TestTree::makeDirs(TestTree::join(dest, "src/f7")));
    QVERIFY(TestTree::makeDirs(TestTree::join(dest, "src/f21")));
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.show();
    window.addSources({src});
    window.setDestination(dest);
    window.optionsPanel()->setConflictPolicy(ConflictPolicy::Overwrite);
    QSignalSpy finished(&window, &MainWindow::jobFinished);
    QVERIFY(window.start());
    QVERIFY(UiTest::waitFinished(&finished));
    QCOMPARE(UiTest::summaryOf(finished).failed, 2);
    FileStatusModel *model = window.model();
    QCOMPARE(model->count(State::Failed), 2);
    QCOMPARE(model->count(State::Copied), 28);
    QVERIFY(window.summaryPanel()->retryButton()->isEnabled());
    QVERIFY(window.summaryPanel()->text().contains(QStringLiteral("2 failed")));

    // Failed rows first, on request.
    window.model()->setFailedFirst(true);
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(State(model->index(row, 0).data(FileStatusModel::StateRole).toInt()), State::Failed);
        QVERIFY(!model->index(row, FileStatusModel::MessageColumn).data().toString().isEmpty());
    }
    QStringList failedNames{model->index(0, FileStatusModel::NameColumn).data().toString(),
                            model->index(1, FileStatusModel::NameColumn).data().toString()};
    failedNames.sort();
    QCOMPARE(failedNames, (QStringList{QStringLiteral("f21"), QStringLiteral("f7")}));
    // Only the failed ones.
    model->setFilter(FileStatusModel::Filter::Failed);
    QCOMPARE(model->rowCount(), 2);
    model->setFilter(FileStatusModel::Filter::Done);
    QCOMPARE(model->rowCount(), 28);

    // The way is clear now: retry copies just those two.
    QVERIFY(TestTree::removeTree(TestTree::join(dest, "src/f7")));
    QVERIFY(TestTree::removeTree(TestTree::join(dest, "src/f21")));
    finished.clear();
    QTest::mouseClick(window.summaryPanel()->retryButton(), Qt::LeftButton);
    QVERIFY(window.isRunning());
    QVERIFY(UiTest::waitFinished(&finished));
    const Summary retried = UiTest::summaryOf(finished);
    QCOMPARE(retried.copied, 2);
    QCOMPARE(retried.failed, 0);
    QCOMPARE(model->count(State::Failed), 0);
    QCOMPARE(model->count(State::Copied), 30);
    QCOMPARE(model->rowCount(), 30); // the Done filter took them in
    TestTree::CompareOptions options;
    options.rootAttributes = false; // dest/src was there before the job
    FERRY_COMPARE_TREES_WITH(src, TestTree::join(dest, "src"), options);
    QVERIFY(window.summaryPanel()->text().contains(QStringLiteral("30 copied")));
}

void TestCopyWindow::progressReachesTheEndOnlyWhenDone()
{
    const QByteArray src = TestTree::join(m_root, "src");
    QVERIFY(TestTree::makeManyFiles(src, 300, 50, 4096, 3));
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.addSources({src});
    window.setDestination(TestTree::join(m_root, "dest"));
    QList<std::pair<Phase, int>> seen;
    connect(window.runner(), &JobRunner::progressed, &window, [&](const Progress &p) {
        seen.append({p.phase, window.jobProgress()->percent()});
    });
    QSignalSpy finished(&window, &MainWindow::jobFinished);
    QVERIFY(window.start());
    QVERIFY(UiTest::waitFinished(&finished));
    QVERIFY(!seen.isEmpty());
    for (const auto &s : std::as_const(seen)) {
        if (s.first != Phase::Done)
            QVERIFY2(s.second < 100, qPrintable(QString::number(s.second)));
    }
    QCOMPARE(seen.last().first, Phase::Done);
    QCOMPARE(seen.last().second, 100);
}

QTEST_MAIN(TestCopyWindow)
#include "tst_ui_copywindow.moc"
