// Start stays disabled until the job can start, and the window says why next to the field.

#include "DestinationField.h"
#include "OptionsPanel.h"
#include "SourceList.h"
#include "TestTree.h"
#include "UiTest.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>

using namespace Ferry;

class TestStartState final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void startNeedsSourcesAndDestination();
    void problemsAreShownNextToTheFields();
    void missingSourceKeepsStartDisabled();
    void destinationThatIsAFileIsRefused();
    void newDestinationFolderIsAllowed();
    void optionsAndDestinationAreRemembered();
    void everyControlHasAnAccessibleName();

private:
    QTemporaryDir m_dir;
    QByteArray m_root;
};

void TestStartState::initTestCase()
{
    UiTest::init();
    QVERIFY(m_dir.isValid());
    m_root = TestTree::dirPath(m_dir);
    QVERIFY(TestTree::makeDirs(TestTree::join(m_root, "src")));
    QVERIFY(TestTree::makeDirs(TestTree::join(m_root, "dest")));
    QVERIFY(TestTree::writeFile(TestTree::join(m_root, "src/a.txt"), "a"));
    QVERIFY(TestTree::writeFile(TestTree::join(m_root, "plain-file"), "x"));
}

void TestStartState::init()
{
    QSettings().clear();
}

void TestStartState::startNeedsSourcesAndDestination()
{
    MainWindow window;
    window.show();
    QVERIFY(!window.startButton()->isEnabled());
    QVERIFY(!window.pauseButton()->isEnabled());
    QVERIFY(!window.cancelButton()->isEnabled());
    window.addSources({TestTree::join(m_root, "src")});
    QVERIFY(!window.startButton()->isEnabled());
    window.destinationField()->lineEdit()->setText(QString::fromUtf8(TestTree::join(m_root, "dest")));
    QVERIFY(window.startButton()->isEnabled());
    window.sourceList()->listWidget()->selectAll();
    QTest::mouseClick(window.sourceList()->removeButton(), Qt::LeftButton);
    QCOMPARE(window.sourceList()->paths().size(), 0);
    QVERIFY(!window.startButton()->isEnabled());
    QVERIFY(!window.start());
}

void TestStartState::problemsAreShownNextToTheFields()
{
    MainWindow window;
    window.show();
    auto *sourceNote = window.findChild<QLabel *>(QStringLiteral("sourceProblem"));
    auto *destinationNote = window.findChild<QLabel *>(QStringLiteral("destinationNote"));
    QVERIFY(sourceNote);
    QVERIFY(destinationNote);
    QVERIFY(sourceNote->isVisible());
    QVERIFY(destinationNote->isVisible());
    QVERIFY(!sourceNote->text().isEmpty());
    window.addSources({TestTree::join(m_root, "src")});
    QVERIFY(!sourceNote->isVisible());
    window.setDestination(TestTree::join(m_root, "dest"));
    QVERIFY(!destinationNote->isVisible());
    QCOMPARE(window.destinationField()->problem(), QString());
}

void TestStartState::missingSourceKeepsStartDisabled()
{
    MainWindow window;
    window.show();
    const QByteArray missing = TestTree::join(m_root, "no-such-folder");
    window.addSources({TestTree::join(m_root, "src"), missing});
    window.setDestination(TestTree::join(m_root, "dest"));
    QVERIFY(!window.startButton()->isEnabled());
    QVERIFY(window.sourceList()->problem().contains(QString::fromUtf8(missing)));
    QVERIFY(!window.start());
    QVERIFY(window.statusText().contains(QString::fromUtf8(missing)));
    window.sourceList()->listWidget()->setCurrentRow(1);
    window.sourceList()->removeSelected();
    QVERIFY(window.startButton()->isEnabled());
}

void TestStartState::destinationThatIsAFileIsRefused()
{
    MainWindow window;
    window.show();
    window.addSources({TestTree::join(m_root, "src")});
    const QByteArray file = TestTree::join(m_root, "plain-file");
    window.setDestination(file);
    QVERIFY(!window.startButton()->isEnabled());
    QVERIFY(window.destinationField()->noteText().contains(QString::fromUtf8(file)));
    window.setDestination(TestTree::join(file, "below"));
    QVERIFY(!window.startButton()->isEnabled());
}

void TestStartState::newDestinationFolderIsAllowed()
{
    MainWindow window;
    window.show();
    window.addSources({TestTree::join(m_root, "src")});
    window.setDestination(TestTree::join(m_root, "new/deeper"));
    QVERIFY(window.startButton()->isEnabled());
    QVERIFY(!window.destinationField()->noteText().isEmpty()); // "will be created"
}

void TestStartState::optionsAndDestinationAreRemembered()
{
    const QByteArray dest = TestTree::join(m_root, "dest");
    {
        MainWindow window;
        window.show();
        QCOMPARE(window.optionsPanel()->conflictPolicy(), ConflictPolicy::Ask); // the window's default
        window.setDestination(dest);
        window.optionsPanel()->setJobs(3);
        window.optionsPanel()->setConflictPolicy(ConflictPolicy::Rename);
        window.optionsPanel()->setVerify(true);
        window.optionsPanel()->setExcludes(QStringLiteral("*.tmp, .git"));
        window.close();
    }
    MainWindow again;
    QCOMPARE(again.destinationField()->path(), dest);
    QCOMPARE(again.optionsPanel()->jobsBox()->value(), 3);
    QCOMPARE(again.optionsPanel()->conflictPolicy(), ConflictPolicy::Rename);
    QVERIFY(again.optionsPanel()->verifyBox()->isChecked());
    QVERIFY(!again.optionsPanel()->moveBox()->isChecked());
    CopyOptions options;
    again.optionsPanel()->apply(&options);
    QCOMPARE(options.excludes, (QList<QByteArray>{"*.tmp", ".git"}));
    QCOMPARE(options.jobs, 3);
}

void TestStartState::everyControlHasAnAccessibleName()
{
    MainWindow window;
    window.show();
    const QList<QWidget *> widgets = window.findChildren<QWidget *>();
    int checked = 0;
    for (QWidget *w : widgets) {
        if (!w->isVisible() || qobject_cast<QHeaderView *>(w))
            continue;
        if (qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w)
            || qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QAbstractItemView *>(w)) {
            if (qobject_cast<QLineEdit *>(w) && qobject_cast<QAbstractSpinBox *>(w->parentWidget()))
                continue; // a spin box's own edit
            QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
            QVERIFY2(w->focusPolicy() & Qt::TabFocus, qPrintable(w->accessibleName()));
            ++checked;
        }
    }
    QVERIFY(checked >= 15);
}

QTEST_MAIN(TestStartState)
#include "tst_ui_startstate.moc"
