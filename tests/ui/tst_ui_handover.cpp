// One window: a second `ferry` hands its job to the window already running and exits 0; with
// --new-window, or when the running window does not answer within a second, it opens its own.
// Real ferry processes, offscreen, with a runtime folder of their own.

#include "TestTree.h"
#include "WindowLink.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocalServer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestHandOver final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void secondProcessHandsOver();
    void newWindowOptsOut();
    void silentWindowIsNotWaitedFor();

private:
    std::unique_ptr<QProcess> startFerry(const QStringList &args);
    bool waitForWindow(int timeoutMs = 20000);
    bool waitForCopy(const QByteArray &src, const QByteArray &copy, int timeoutMs = 30000);
    QByteArray makeSource(const char *name, quint64 seed);

    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_root;
    QByteArray m_runtime;
    QList<QProcess *> m_started;
};

void TestHandOver::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(FERRY_GUI_PATH)).isExecutable(), FERRY_GUI_PATH);
}

void TestHandOver::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = TestTree::dirPath(*m_dir);
    m_runtime = TestTree::join(m_root, "runtime");
    QVERIFY(TestTree::makeDirs(m_runtime, 0700));
    // This process computes the same socket name as the ferry processes it starts.
    qputenv("XDG_RUNTIME_DIR", m_runtime);
}

void TestHandOver::cleanup()
{
    for (QProcess *p : std::as_const(m_started)) {
        p->kill();
        p->waitForFinished(5000);
        delete p;
    }
    m_started.clear();
}

std::unique_ptr<QProcess> TestHandOver::startFerry(const QStringList &args)
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), QString::fromUtf8(m_runtime));
    env.insert(QStringLiteral("HOME"), QString::fromUtf8(m_root));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QString::fromUtf8(m_root) + QStringLiteral("/.config"));
    process->setProcessEnvironment(env);
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start(QStringLiteral(FERRY_GUI_PATH), args);
    if (!process->waitForStarted())
        return nullptr;
    return process;
}

bool TestHandOver::waitForWindow(int timeoutMs)
{
    const QString name = Ferry::WindowLink::serverName();
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (QFileInfo::exists(name))
            return true;
        QTest::qWait(50);
    }
    return false;
}

bool TestHandOver::waitForCopy(const QByteArray &src, const QByteArray &copy, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (TestTree::compareTrees(src, copy).isEmpty())
            return true;
        QTest::qWait(100);
    }
    return false;
}

QByteArray TestHandOver::makeSource(const char *name, quint64 seed)
{
    const QByteArray src = TestTree::join(m_root, name);
    TestTree::makeSampleTree(src, seed);
    return src;
}

void TestHandOver::secondProcessHandsOver()
{
    const QByteArray one = makeSource("one", 1);
    const QByteArray two = makeSource("two", 2);
    const QByteArray dest = TestTree::join(m_root, "dest");
    std::unique_ptr<QProcess> first = startFerry({QStringLiteral("--start"), QString::fromUtf8(one), QString::fromUtf8(dest)});
    QVERIFY(first);
    QVERIFY2(waitForWindow(), "the first window never listened");
    QVERIFY(waitForCopy(one, TestTree::join(dest, "one")));

    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QProcess> second = startFerry({QString::fromUtf8(two), QString::fromUtf8(dest), QStringLiteral("--start")});
    QVERIFY(second);
    QVERIFY2(second->waitForFinished(10000), "the second ferry did not exit");
    qInfo("the second ferry handed over and exited in %lld ms", clock.elapsed());
    QCOMPARE(second->exitStatus(), QProcess::NormalExit);
    QCOMPARE(second->exitCode(), 0);
    QVERIFY2(waitForCopy(two, TestTree::join(dest, "two")), "the first window did not copy the job handed to it");
    QCOMPARE(first->state(), QProcess::Running);
    m_started.append(first.release());
}

void TestHandOver::newWindowOptsOut()
{
    const QByteArray one = makeSource("one", 3);
    const QByteArray dest = TestTree::join(m_root, "dest");
    std::unique_ptr<QProcess> first = startFerry({});
    QVERIFY(first);
    QVERIFY(waitForWindow());
    std::unique_ptr<QProcess> second = startFerry({QStringLiteral("--new-window"), QStringLiteral("--start"),
                                                   QString::fromUtf8(one), QString::fromUtf8(dest)});
    QVERIFY(second);
    // Its own window copies the job, and stays open.
    QVERIFY(waitForCopy(one, TestTree::join(dest, "one")));
    QCOMPARE(second->state(), QProcess::Running);
    QCOMPARE(first->state(), QProcess::Running);
    m_started.append(first.release());
    m_started.append(second.release());
}

void TestHandOver::silentWindowIsNotWaitedFor()
{
    // Something listens where the window would, and never answers.
    QLocalServer silent;
    QVERIFY2(silent.listen(Ferry::WindowLink::serverName()), qPrintable(silent.errorString()));
    const QByteArray one = makeSource("one", 4);
    const QByteArray dest = TestTree::join(m_root, "dest");
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QProcess> ferry = startFerry({QStringLiteral("--start"), QString::fromUtf8(one), QString::fromUtf8(dest)});
    QVERIFY(ferry);
    // It gave up on the silent one and copied in a window of its own.
    QVERIFY(waitForCopy(one, TestTree::join(dest, "one")));
    qInfo("copied by its own window %lld ms after it started", clock.elapsed());
    QCOMPARE(ferry->state(), QProcess::Running);
    // And it is the window now: a third hands over to it.
    const QByteArray two = makeSource("two", 5);
    std::unique_ptr<QProcess> third = startFerry({QStringLiteral("--start"), QString::fromUtf8(two), QString::fromUtf8(dest)});
    QVERIFY(third);
    QVERIFY(third->waitForFinished(10000));
    QCOMPARE(third->exitCode(), 0);
    QVERIFY(waitForCopy(two, TestTree::join(dest, "two")));
    m_started.append(ferry.release());
}

QTEST_GUILESS_MAIN(TestHandOver)
#include "tst_ui_handover.moc"
