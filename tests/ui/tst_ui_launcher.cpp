// The launcher entry's progress: com.canonical.Unity.LauncherEntry Update signals, captured on a
// private session bus (a dbus-daemon started by the test), while the window copies.

#include "JobQueue.h"
#include "QueuedJob.h"
#include "RateBox.h"
#include "TestTree.h"
#include "UiTest.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Ferry;

class Catcher : public QObject
{
    Q_OBJECT
public:
    struct Update {
        QString app;
        QVariantMap properties;
    };
    QList<Update> updates;

public Q_SLOTS:
    void onUpdate(const QDBusMessage &message)
    {
        const QList<QVariant> args = message.arguments();
        if (args.size() == 2)
            updates.append(Update{args[0].toString(), qdbus_cast<QVariantMap>(args[1])});
    }
};

class TestLauncher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void progressReachesTheLauncher();

private:
    QProcess m_bus;
    QString m_address;
};

void TestLauncher::initTestCase()
{
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    if (daemon.isEmpty())
        QSKIP("dbus-daemon is not installed: the launcher signal cannot be captured");
    m_bus.start(daemon, {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
    QVERIFY(m_bus.waitForStarted());
    QVERIFY(m_bus.waitForReadyRead(10000));
    m_address = QString::fromUtf8(m_bus.readLine()).trimmed();
    QVERIFY2(m_address.startsWith(QStringLiteral("unix:")), qPrintable(m_address));
    // Before anything in this process opens the session bus: the window sends on this one.
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
    UiTest::init();
}

void TestLauncher::cleanupTestCase()
{
    if (m_bus.state() != QProcess::NotRunning) {
        m_bus.terminate();
        m_bus.waitForFinished(5000);
    }
}

void TestLauncher::progressReachesTheLauncher()
{
    QDBusConnection watcher = QDBusConnection::connectToBus(m_address, QStringLiteral("watcher"));
    QVERIFY2(watcher.isConnected(), qPrintable(watcher.lastError().message()));
    Catcher catcher;
    QVERIFY(watcher.connect(QString(), QString(), QStringLiteral("com.canonical.Unity.LauncherEntry"),
                            QStringLiteral("Update"), &catcher, SLOT(onUpdate(QDBusMessage))));
    QTemporaryDir dir;
    const QByteArray root = TestTree::dirPath(dir);
    const QByteArray src = TestTree::join(root, "src");
    QVERIFY(TestTree::writeRandomFile(TestTree::join(src, "data"), 4 << 20, 1));
    MainWindow window;
    UiTest::Prompted prompted;
    UiTest::silence(&window, &prompted);
    window.rateBox()->setRate(4 << 20); // about a second, so the bar is seen moving
    CopyOptions options;
    options.sources = {src};
    options.destination = TestTree::join(root, "dest");
    QueuedJob *job = window.addJob(options);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), QueuedJob::State::Done, 30000);
    // The last word says no job is running: the bar goes away.
    QTRY_VERIFY_WITH_TIMEOUT(!catcher.updates.isEmpty()
                                 && !catcher.updates.last().properties.value(QStringLiteral("progress-visible")).toBool(),
                             5000);
    QVERIFY(catcher.updates.size() >= 3);
    QVERIFY(catcher.updates.first().app.startsWith(QStringLiteral("application://")));
    QVERIFY(catcher.updates.first().app.endsWith(QStringLiteral(".desktop")));
    double last = -1;
    int visible = 0;
    for (const Catcher::Update &u : std::as_const(catcher.updates)) {
        if (!u.properties.value(QStringLiteral("progress-visible")).toBool())
            continue;
        ++visible;
        const double progress = u.properties.value(QStringLiteral("progress")).toDouble();
        QVERIFY2(progress >= last && progress <= 1.0, qPrintable(QString::number(progress)));
        last = progress;
        QCOMPARE(u.properties.value(QStringLiteral("count")).toLongLong(), 1);
        QCOMPARE(u.properties.value(QStringLiteral("urgent")).toBool(), false);
    }
    QVERIFY2(visible >= 2, qPrintable(QString::number(visible)));
    QVERIFY(last > 0.5);
    QCOMPARE(catcher.updates.last().properties.value(QStringLiteral("count")).toLongLong(), 0);
}

QTEST_MAIN(TestLauncher)
#include "tst_ui_launcher.moc"
