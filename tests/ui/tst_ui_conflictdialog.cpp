// Conflicts under "Ask": the dialog shows both files and is answered through its seam (answer(),
// or its buttons), one file at a time or for all remaining conflicts.

#include "ConflictDialog.h"
#include "CopyPlan.h"
#include "FileStatusModel.h"
#include "TestTree.h"
#include "UiTest.h"

#include "FileTable.h"

#include <QCheckBox>
#include <QStyle>
#include <QTableView>
#include <QPushButton>
#include <QTimer>

using namespace Ferry;
using State = FileStatusModel::State;

class TestConflictDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void dialogShowsBothFiles();
    void applyToAllAnswersTheRest();
    void eachAnswerAppliesToItsFile();
    void probablySameFilesAreSkippedTogether();

private:
    MainWindow *makeWindow(UiTest::Prompted *prompted);

    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_src;
    QByteArray m_dest;
};

void TestConflictDialog::initTestCase()
{
    UiTest::init();
}

// src has 40 files; dest/src already has 5 of them, older and of other sizes.
void TestConflictDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QByteArray root = TestTree::dirPath(*m_dir);
    m_src = TestTree::join(root, "src");
    m_dest = TestTree::join(root, "dest");
    for (int i = 0; i < 40; ++i)
        QVERIFY(TestTree::writeFile(TestTree::join(m_src, "file" + QByteArray::number(i) + ".txt"),
                                    "new content " + QByteArray::number(i)));
    for (int i : {3, 9, 17, 25, 33}) {
        const QByteArray old = TestTree::join(m_dest, "src/file" + QByteArray::number(i) + ".txt");
        QVERIFY(TestTree::writeFile(old, "old"));
        QVERIFY(TestTree::setMtime(old, 1000000000));
    }
}

MainWindow *TestConflictDialog::makeWindow(UiTest::Prompted *prompted)
{
    auto *window = new MainWindow;
    UiTest::silence(window, prompted);
    window->show();
    window->addSources({m_src});
    window->setDestination(m_dest);
    window->optionsPanel()->setConflictPolicy(ConflictPolicy::Ask);
    return window;
}

void TestConflictDialog::dialogShowsBothFiles()
{
    UiTest::Prompted prompted;
    std::unique_ptr<MainWindow> window(makeWindow(&prompted));
    QSignalSpy shown(window.get(), &MainWindow::conflictShown);
    QSignalSpy finished(window.get(), &MainWindow::jobFinished);
    QVERIFY(window->start());
    QVERIFY(shown.wait(20000));
    ConflictDialog *dialog = window->conflictDialog();
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    const ConflictQuestion q = dialog->question();
    QCOMPARE(q.targetSize, 3);
    QVERIFY(q.sourceSize > 3);
    QVERIFY(dialog->sourceText().contains(QLocale().formattedDataSize(q.sourceSize)));
    QVERIFY(dialog->targetText().contains(QLocale().formattedDataSize(3)));
    QVERIFY(dialog->sourceText().contains(QStringLiteral("newer")));
    QVERIFY(!dialog->targetText().contains(QStringLiteral("newer")));
    for (ConflictAnswer a : {ConflictAnswer::Overwrite, ConflictAnswer::Skip, ConflictAnswer::Rename, ConflictAnswer::Update})
        QVERIFY(dialog->button(a)->isVisible());
    // The row waits for the person; the other files were copied meanwhile.
    QCOMPARE(window->model()->state(q.entry), State::Waiting);
    QTRY_COMPARE_WITH_TIMEOUT(window->model()->count(State::Copied), 35, 20000);
    QVERIFY(window->isRunning());

    // Skip this one and the rest: by its buttons this time.
    dialog->findChild<QCheckBox *>()->setChecked(true);
    QTest::mouseClick(dialog->button(ConflictAnswer::Skip), Qt::LeftButton);
    QVERIFY(UiTest::waitFinished(&finished));
    QCOMPARE(shown.count(), 1);
    QCOMPARE(window->model()->count(State::Skipped), 5);
    QCOMPARE(TestTree::readFile(TestTree::join(m_dest, "src/file3.txt")), QByteArray("old"));
}

void TestConflictDialog::applyToAllAnswersTheRest()
{
    UiTest::Prompted prompted;
    std::unique_ptr<MainWindow> window(makeWindow(&prompted));
    int asked = 0;
    connect(window.get(), &MainWindow::conflictShown, this, [&](ConflictDialog *dialog) {
        ++asked;
        dialog->setApplyToAll(true);
        dialog->answer(ConflictAnswer::Overwrite);
    });
    QSignalSpy finished(window.get(), &MainWindow::jobFinished);
    QVERIFY(window->start());
    QVERIFY(UiTest::waitFinished(&finished));
    QCOMPARE(asked, 1);
    QVERIFY(!window->conflictDialog()->isVisible());
    QVERIFY(UiTest::summaryOf(finished).ok());
    QCOMPARE(window->model()->count(State::Copied), 40);
    TestTree::CompareOptions options;
    options.rootAttributes = false; // dest/src was there before the job
    FERRY_COMPARE_TREES_WITH(m_src, TestTree::join(m_dest, "src"), options);
}

void TestConflictDialog::eachAnswerAppliesToItsFile()
{
    UiTest::Prompted prompted;
    std::unique_ptr<MainWindow> window(makeWindow(&prompted));
    QList<ConflictAnswer> answers{ConflictAnswer::Overwrite, ConflictAnswer::Skip, ConflictAnswer::Rename,
                                  ConflictAnswer::Update, ConflictAnswer::Skip};
    QHash<QByteArray, ConflictAnswer> given;
    connect(window.get(), &MainWindow::conflictShown, this, [&](ConflictDialog *dialog) {
        const ConflictAnswer a = answers.takeFirst();
        given.insert(baseName(dialog->question().target), a);
        QVERIFY(!dialog->applyToAll());
        // Answered later, from the event loop, as a person would.
        QTimer::singleShot(10, dialog, [dialog, a] { dialog->answer(a); });
    });
    QSignalSpy finished(window.get(), &MainWindow::jobFinished);
    QVERIFY(window->start());
    QVERIFY(UiTest::waitFinished(&finished));
    QCOMPARE(given.size(), 5);
    QVERIFY(answers.isEmpty());
    for (auto it = given.cbegin(); it != given.cend(); ++it) {
        const QByteArray target = TestTree::join(m_dest, "src/" + it.key());
        const QByteArray source = TestTree::join(m_src, it.key());
        switch (it.value()) {
        case ConflictAnswer::Overwrite:
        case ConflictAnswer::Update: // the source is newer
            QVERIFY(TestTree::sameContent(source, target));
            break;
        case ConflictAnswer::Skip:
            QCOMPARE(TestTree::readFile(target), QByteArray("old"));
            break;
        case ConflictAnswer::Rename: {
            QCOMPARE(TestTree::readFile(target), QByteArray("old"));
            const QByteArray renamed = TestTree::join(m_dest, "src/" + QByteArray(it.key()).replace(".txt", " (2).txt"));
            QVERIFY(TestTree::sameContent(source, renamed));
            break;
        }
        }
    }
    const FileStatusModel *model = window->model();
    QCOMPARE(model->count(State::Skipped), 2);
    QCOMPARE(model->count(State::Copied), 38);
}

// Four more files are already there with the same size and time: the dialog says they are
// probably the same, and one click skips them all; the five that differ are still asked.
void TestConflictDialog::probablySameFilesAreSkippedTogether()
{
    const QList<int> same{1, 5, 12, 20};
    for (int i : same) {
        const QByteArray name = "file" + QByteArray::number(i) + ".txt";
        const QByteArray there = TestTree::join(m_dest, "src/" + name);
        QVERIFY(TestTree::writeFile(there, "new content " + QByteArray::number(i)));
        QVERIFY(TestTree::setMtime(there, 1500000000));
        QVERIFY(TestTree::setMtime(TestTree::join(m_src, name), 1500000000));
    }
    UiTest::Prompted prompted;
    std::unique_ptr<MainWindow> window(makeWindow(&prompted));
    QStringList notes;
    int sameAsked = 0;
    int otherAsked = 0;
    connect(window.get(), &MainWindow::conflictShown, this, [&](ConflictDialog *dialog) {
        const bool probablySame = !dialog->noteText().isEmpty();
        QCOMPARE(dialog->skipSameButton()->isVisibleTo(dialog), probablySame);
        if (probablySame) {
            ++sameAsked;
            notes.append(dialog->noteText());
            QTimer::singleShot(10, dialog, [dialog] { dialog->skipSameButton()->click(); });
        } else {
            ++otherAsked;
            QTimer::singleShot(10, dialog, [dialog] { dialog->answer(ConflictAnswer::Overwrite); });
        }
    });
    QSignalSpy finished(window.get(), &MainWindow::jobFinished);
    QVERIFY(window->start());
    QVERIFY(UiTest::waitFinished(&finished));
    QCOMPARE(sameAsked, 1);
    QCOMPARE(otherAsked, 5);
    QCOMPARE(notes.first(), QStringLiteral("Both have the same size and time: probably the same file."));
    QCOMPARE(window->model()->count(State::Skipped), 4);
    QCOMPARE(window->model()->count(State::Copied), 36);
    QCOMPARE(TestTree::readFile(TestTree::join(m_dest, "src/file3.txt")), QByteArray("new content 3"));
    // The state column shows "Needs your decision" whole, with its icon.
    const QTableView *view = window->fileTable()->view();
    const int needed = view->fontMetrics().horizontalAdvance(FileStatusModel::stateName(State::Waiting))
        + view->style()->pixelMetric(QStyle::PM_SmallIconSize) + 8;
    QVERIFY2(view->columnWidth(FileStatusModel::StateColumn) >= needed,
             qPrintable(QStringLiteral("%1 < %2").arg(view->columnWidth(FileStatusModel::StateColumn)).arg(needed)));
}

QTEST_MAIN(TestConflictDialog)
#include "tst_ui_conflictdialog.moc"
