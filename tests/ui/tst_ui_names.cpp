// Before Start, the window says which files the destination cannot take as they are named (FAT's
// refused characters, two sources landing on one name) and asks: replace the characters, copy the
// others, or do not copy. "Replace characters the destination cannot store" is an option of its
// own, remembered.

#include "UiTest.h"

#include "NameWarning.h"
#include "QueuedJob.h"
#include "TestTree.h"

#include <QCheckBox>

using namespace Ferry;
using TestTree::join;

class TestNames final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void twoSourcesOneNameAskedBeforeStart_data();
    void twoSourcesOneNameAskedBeforeStart();
    void fatNamesReplacedWhenChosen();
    void fixNamesRemembered();

private:
    // Clicks Start and waits for the name check; returns the job queued, or null.
    static QueuedJob *startAndCheck(MainWindow &window);
};

void TestNames::initTestCase()
{
    UiTest::init();
}

void TestNames::init()
{
    QSettings().clear();
}

QueuedJob *TestNames::startAndCheck(MainWindow &window)
{
    QueuedJob *added = nullptr;
    const auto connection = QObject::connect(&window, &MainWindow::jobAdded, &window, [&added](QueuedJob *job) { added = job; });
    QSignalSpy checked(window.nameWarning(), &NameWarning::checked);
    const bool started = window.start() && (added || checked.count() > 0 || checked.wait(30000));
    QObject::disconnect(connection);
    return started ? added : nullptr;
}

void TestNames::twoSourcesOneNameAskedBeforeStart_data()
{
    QTest::addColumn<QString>("answer");
    QTest::newRow("copy the others") << QStringLiteral("Copy the others");
    QTest::newRow("do not copy") << QStringLiteral("Do not copy");
}

void TestNames::twoSourcesOneNameAskedBeforeStart()
{
    QFETCH(QString, answer);
    QTemporaryDir tmp;
    const QByteArray root = TestTree::dirPath(tmp);
    QVERIFY(TestTree::writeFile(join(root, "a/photos/x.jpg"), "from a"));
    QVERIFY(TestTree::writeFile(join(root, "b/photos/x.jpg"), "from b"));
    QVERIFY(TestTree::writeFile(join(root, "b/photos/y.jpg"), "only b"));
    const QByteArray dest = join(root, "dest");
    MainWindow window;
    UiTest::Prompted prompted;
    prompted.choose = answer;
    UiTest::silence(&window, &prompted);
    window.addSources({join(root, "a/photos"), join(root, "b/photos")});
    window.setDestination(dest);
    window.optionsPanel()->setConflictPolicy(ConflictPolicy::Skip);

    QueuedJob *job = startAndCheck(window);
    QCOMPARE(prompted.choices.size(), 1);
    const QString &asked = prompted.choices.first();
    QVERIFY2(asked.contains(QStringLiteral("b/photos/x.jpg")) && asked.contains(QStringLiteral("same target")), qPrintable(asked));
    QVERIFY2(!asked.contains(QStringLiteral("Replace characters")), qPrintable(asked)); // nothing to replace
    if (answer == QLatin1String("Do not copy")) {
        QVERIFY(!job);
        QCOMPARE(TestTree::kind(dest), TestTree::Kind::Missing);
        return;
    }
    QVERIFY(job);
    QSignalSpy done(job, &QueuedJob::finished);
    QVERIFY(UiTest::waitFinished(&done));
    QCOMPARE(TestTree::readFile(join(dest, "photos/x.jpg")), QByteArray("from a"));
    QCOMPARE(TestTree::readFile(join(dest, "photos/y.jpg")), QByteArray("only b"));
}

void TestNames::fatNamesReplacedWhenChosen()
{
    TestTree::LoopMount mount;
    QString why;
    if (!mount.mount(QStringLiteral("fusefat"), 64 * 1024 * 1024, {QStringLiteral("-F"), QStringLiteral("32")}, &why))
        QSKIP(qPrintable(why));
    QTemporaryDir tmp;
    const QByteArray src = join(TestTree::dirPath(tmp), "notes");
    QVERIFY(TestTree::writeFile(join(src, "trip: day 1.txt"), "colon"));
    QVERIFY(TestTree::writeFile(join(src, "plain.txt"), "plain"));
    const QByteArray dest = join(mount.path(), "stick");
    MainWindow window;
    UiTest::Prompted prompted;
    prompted.choose = QStringLiteral("Replace characters and copy");
    UiTest::silence(&window, &prompted);
    window.addSources({src});
    window.setDestination(dest);

    QueuedJob *job = startAndCheck(window);
    QCOMPARE(prompted.choices.size(), 1);
    QVERIFY2(prompted.choices.first().contains(QStringLiteral("trip: day 1.txt"))
                 && prompted.choices.first().contains(QStringLiteral("cannot store this name")),
             qPrintable(prompted.choices.first()));
    QVERIFY(job);
    QVERIFY(job->options().fixNames);
    QSignalSpy done(job, &QueuedJob::finished);
    QVERIFY(UiTest::waitFinished(&done));
    QVERIFY2(UiTest::summaryOf(done).ok(), qPrintable(UiTest::summaryOf(done).error));
    QCOMPARE(TestTree::readFile(join(dest, "notes/trip_ day 1.txt")), QByteArray("colon"));
    QCOMPARE(TestTree::readFile(join(dest, "notes/plain.txt")), QByteArray("plain"));
}

void TestNames::fixNamesRemembered()
{
    {
        MainWindow window;
        QVERIFY(!window.optionsPanel()->fixNamesBox()->isChecked());
        window.optionsPanel()->fixNamesBox()->setChecked(true);
        QSettings settings;
        window.optionsPanel()->save(&settings);
    }
    MainWindow again;
    QVERIFY(again.optionsPanel()->fixNamesBox()->isChecked());
    CopyOptions options;
    again.optionsPanel()->apply(&options);
    QVERIFY(options.fixNames);
}

QTEST_MAIN(TestNames)
#include "tst_ui_names.moc"
