// `ferry [SOURCE... DEST] [--start]`: parsed into the window, and the built ferry run as a process.

#include "CommandLine.h"
#include "DestinationField.h"
#include "SourceList.h"
#include "TestTree.h"
#include "UiTest.h"

#include <QProcess>

using namespace Ferry;

namespace {
struct Run {
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runFerry(const QStringList &args, const QByteArray &home, int timeoutMs = 120000)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // The program's settings go to a scratch home, not the person's.
    env.insert(QStringLiteral("HOME"), QString::fromUtf8(home));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QString::fromUtf8(home) + QStringLiteral("/.config"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(FERRY_GUI_PATH), args);
    Run run;
    if (!process.waitForStarted())
        return run;
    run.finished = process.waitForFinished(timeoutMs);
    if (!run.finished)
        process.kill();
    process.waitForFinished();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}
} // namespace

class TestCommandLine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parses_data();
    void parses();
    void argumentsFillTheWindow();
    void versionAndHelp();
    void startsAndQuitsWhenDone();
    void badArgumentIsReported();
    void missingSourceIsRefused();

private:
    QTemporaryDir m_dir;
    QByteArray m_root;
};

void TestCommandLine::initTestCase()
{
    UiTest::init();
    QVERIFY(m_dir.isValid());
    m_root = TestTree::dirPath(m_dir);
}

void TestCommandLine::parses_data()
{
    QTest::addColumn<QList<QByteArray>>("args");
    QTest::addColumn<QList<QByteArray>>("sources");
    QTest::addColumn<QByteArray>("destination");
    QTest::addColumn<bool>("start");
    QTest::addColumn<bool>("error");
    using L = QList<QByteArray>;
    QTest::newRow("nothing") << L{} << L{} << QByteArray() << false << false;
    QTest::newRow("one source") << L{"a", "d"} << L{"a"} << QByteArray("d") << false << false;
    QTest::newRow("many and start") << L{"--start", "a", "b", "d"} << L{"a", "b"} << QByteArray("d") << true << false;
    QTest::newRow("start last") << L{"a", "d", "--start"} << L{"a"} << QByteArray("d") << true << false;
    QTest::newRow("dash names") << L{"--", "-a", "--start"} << L{"-a"} << QByteArray("--start") << false << false;
    QTest::newRow("not utf-8") << L{"caf\xe9", "d"} << L{"caf\xe9"} << QByteArray("d") << false << false;
    QTest::newRow("unknown option") << L{"--bogus", "a", "d"} << L{"a"} << QByteArray("d") << false << true;
    QTest::newRow("one path: a source") << L{"a"} << L{"a"} << QByteArray() << false << false;
    QTest::newRow("one path and start") << L{"a", "--start"} << L{"a"} << QByteArray() << true << true;
    QTest::newRow("file URLs") << L{"file:///tmp/My%20Photos", "file://localhost/tmp/caf%E9"} << L{"/tmp/My Photos"}
                               << QByteArray("/tmp/caf\xe9") << false << false;
    QTest::newRow("start alone") << L{"--start"} << L{} << QByteArray() << true << true;
    QTest::newRow("new window") << L{"a", "d", "--new-window", "--start"} << L{"a"} << QByteArray("d") << true << false;
}

void TestCommandLine::parses()
{
    QFETCH(QList<QByteArray>, args);
    QFETCH(QList<QByteArray>, sources);
    QFETCH(QByteArray, destination);
    QFETCH(bool, start);
    QFETCH(bool, error);
    const GuiCommand c = parseGuiCommandLine(args);
    QCOMPARE(c.sources, sources);
    QCOMPARE(c.destination, destination);
    QCOMPARE(c.start, start);
    QCOMPARE(!c.error.isEmpty(), error);
    QCOMPARE(c.newWindow, args.contains("--new-window"));
}

void TestCommandLine::argumentsFillTheWindow()
{
    const QByteArray a = TestTree::join(m_root, "fill/a");
    QVERIFY(TestTree::makeDirs(a));
    const GuiCommand c = parseGuiCommandLine({a, a + "/", TestTree::join(m_root, "fill/out")});
    MainWindow window;
    window.addSources(c.sources);
    window.setDestination(c.destination);
    QCOMPARE(window.sourceList()->paths(), QList<QByteArray>{a});
    QCOMPARE(window.destinationField()->path(), TestTree::join(m_root, "fill/out"));
    QVERIFY(window.canStart());
}

void TestCommandLine::versionAndHelp()
{
    const Run version = runFerry({QStringLiteral("--version")}, m_root);
    QVERIFY(version.finished);
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out, QByteArray("ferry " FERRY_EXPECTED_VERSION "\n"));
    const Run help = runFerry({QStringLiteral("--help")}, m_root);
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.startsWith("Usage: ferry"));
    QVERIFY(help.out.contains("--start"));
}

void TestCommandLine::startsAndQuitsWhenDone()
{
    const QByteArray src = TestTree::join(m_root, "run/src");
    const QByteArray dest = TestTree::join(m_root, "run/dest");
    TestTree::makeSampleTree(src, 17);
    const QByteArray single = TestTree::join(m_root, "run/single.txt");
    QVERIFY(TestTree::writeFile(single, "one file"));
    const Run run = runFerry({QString::fromUtf8(src), QString::fromUtf8(single), QString::fromUtf8(dest),
                              QStringLiteral("--start"), QStringLiteral("--quit-when-done")},
                             m_root);
    QVERIFY2(run.finished, run.err.constData());
    QCOMPARE(run.exitCode, 0);
    FERRY_COMPARE_TREES(src, TestTree::join(dest, "src"));
    QCOMPARE(TestTree::readFile(TestTree::join(dest, "single.txt")), QByteArray("one file"));
}

void TestCommandLine::badArgumentIsReported()
{
    // In the window (the status area), not a crash...
    const GuiCommand c = parseGuiCommandLine({"--frobnicate", "a", "b"});
    MainWindow window;
    window.showStatus(c.error);
    QVERIFY(window.statusText().contains(QStringLiteral("--frobnicate")));
    // ...and the program says so and stops when told to run unattended.
    const Run run = runFerry({QStringLiteral("--frobnicate"), QStringLiteral("--quit-when-done")}, m_root);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("--frobnicate"));
}

void TestCommandLine::missingSourceIsRefused()
{
    const QByteArray missing = TestTree::join(m_root, "no-such-source");
    const Run run = runFerry({QString::fromUtf8(missing), QString::fromUtf8(TestTree::join(m_root, "out2")),
                              QStringLiteral("--start"), QStringLiteral("--quit-when-done")},
                             m_root);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(missing), run.err.constData());
    QVERIFY(!TestTree::exists(TestTree::join(m_root, "out2")));
}

QTEST_MAIN(TestCommandLine)
#include "tst_ui_commandline.moc"
