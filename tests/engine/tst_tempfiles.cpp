#include "TempFiles.h"

#include "TestTree.h"

#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

using namespace Ferry;

class TestTempFiles final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesAreShortAndRecognised();
    void userNamesAreNotTemporaries_data();
    void userNamesAreNotTemporaries();
    void removesOnlyDeadWritersTemporaries();
};

void TestTempFiles::namesAreShortAndRecognised()
{
    const QByteArray a = makeTempName();
    const QByteArray b = makeTempName();
    QVERIFY(a != b);
    QVERIFY(a.size() <= 36);
    QVERIFY(a.startsWith(".ferry-"));
    QVERIFY(isTempName(a.constData()));
}

void TestTempFiles::userNamesAreNotTemporaries_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("plain") << QByteArray("notes.txt");
    QTest::newRow("prefix only") << QByteArray(".ferry-notes.txt");
    QTest::newRow("part file") << QByteArray("x.part");
    QTest::newRow("no random") << QByteArray(".ferry-1a2b-.part");
    QTest::newRow("short random") << QByteArray(".ferry-1a2b-0123.part");
    QTest::newRow("upper hex") << QByteArray(".ferry-1A2B-0123456789ABCDEF.part");
    QTest::newRow("extra suffix") << QByteArray(".ferry-1a2b-0123456789abcdef.part.bak");
}

void TestTempFiles::userNamesAreNotTemporaries()
{
    QFETCH(QByteArray, name);
    QVERIFY(!isTempName(name.constData()));
}

void TestTempFiles::removesOnlyDeadWritersTemporaries()
{
    QTemporaryDir dir;
    const QByteArray root = TestTree::dirPath(dir);
    // A child that exits at once gives a pid that no longer runs.
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    QVERIFY(child > 0);
    ::waitpid(child, nullptr, 0);
    const QByteArray dead = ".ferry-" + QByteArray::number(child, 16) + "-0123456789abcdef.part";
    const QByteArray alive = ".ferry-" + QByteArray::number(qlonglong(::getppid()), 16) + "-0123456789abcdef.part";
    const QByteArray user = QByteArrayLiteral(".ferry-notes.txt");
    for (const QByteArray &name : {dead, alive, user})
        QVERIFY(TestTree::writeFile(TestTree::join(root, name), "x"));
    QCOMPARE(removeStaleTemps(root), 1);
    QVERIFY(!TestTree::exists(TestTree::join(root, dead)));
    QVERIFY(TestTree::exists(TestTree::join(root, alive)));
    QVERIFY(TestTree::exists(TestTree::join(root, user)));
}

QTEST_GUILESS_MAIN(TestTempFiles)
#include "tst_tempfiles.moc"
