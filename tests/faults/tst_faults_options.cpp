// ferry-cli's options when one file goes wrong, through the preloaded fault library: the writes of
// one file fail (with -j 1, --verify, --conflict overwrite, --move), or its copy is corrupted on its
// way to the disk so that --verify has a mismatch to find.

#include "FaultTest.h"

#include <QJsonObject>
#include <QTemporaryDir>

using namespace FaultTest;

namespace {
QJsonObject fileEvent(const QList<QJsonObject> &events, const QString &rel)
{
    for (const QJsonObject &o : events) {
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("file")
            && o.value(QStringLiteral("source")).toString().endsWith(QLatin1Char('/') + rel))
            return o;
    }
    return QJsonObject();
}

QByteArray statusOf(const QList<ReportRow> &rows, const QByteArray &rel)
{
    const ReportRow *row = rowFor(rows, rel);
    return row ? row->status : QByteArrayLiteral("(no row)");
}

// The lines of the fault log, each "OP name=... offset=N ...".
QList<QByteArray> faultLines(const QByteArray &log)
{
    QList<QByteArray> lines = TestTree::readFile(log).split('\n');
    lines.removeAll(QByteArray());
    return lines;
}

// The offsets at which two files of the same size differ.
QList<qint64> differences(const QByteArray &a, const QByteArray &b)
{
    const QByteArray x = TestTree::readFile(a);
    const QByteArray y = TestTree::readFile(b);
    QList<qint64> out;
    if (x.size() != y.size())
        return {-1};
    for (qsizetype i = 0; i < x.size(); ++i) {
        if (x[i] != y[i])
            out.append(i);
    }
    return out;
}
} // namespace

class TestFaultsOptions final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writeFailsOneFile_data();
    void writeFailsOneFile();
    void moveKeepsFailedSource();
    void corruptCopy_data();
    void corruptCopy();
};

void TestFaultsOptions::writeFailsOneFile_data()
{
    QTest::addColumn<QString>("errnoName");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QList<QByteArray>>("options");
    QTest::newRow("ENOSPC") << QStringLiteral("ENOSPC") << QByteArrayLiteral("No space left on device")
                            << QList<QByteArray>{};
    QTest::newRow("ENOSPC -j 1") << QStringLiteral("ENOSPC") << QByteArrayLiteral("No space left on device")
                                 << QList<QByteArray>{"-j", "1"};
    QTest::newRow("ENOSPC --verify") << QStringLiteral("ENOSPC") << QByteArrayLiteral("No space left on device")
                                     << QList<QByteArray>{"--verify"};
    QTest::newRow("ENOSPC overwrite") << QStringLiteral("ENOSPC") << QByteArrayLiteral("No space left on device")
                                      << QList<QByteArray>{"--conflict", "overwrite"};
    QTest::newRow("EIO") << QStringLiteral("EIO") << QByteArrayLiteral("Input/output error") << QList<QByteArray>{};
}

// The writes of b.bin fail half-way: it is reported failed with the reason everywhere, nothing of
// it is left (an older b.bin in the way survives), and the other files are copied.
void TestFaultsOptions::writeFailsOneFile()
{
    FAULT_SKIP_IF_NO_PRELOAD();
    QFETCH(QString, errnoName);
    QFETCH(QByteArray, reason);
    QFETCH(QList<QByteArray>, options);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    const qint64 size = 3 * 1024 * 1024;
    QVERIFY(TestTree::writeRandomFile(join(src, "a.bin"), 100000, 1));
    QVERIFY(TestTree::writeRandomFile(join(src, "b.bin"), size, 2));
    QVERIFY(TestTree::writeRandomFile(join(src, "sub/c.bin"), 100000, 3));
    const QByteArray dest = join(root, "dest");
    const bool overwrite = options.contains(QByteArrayLiteral("overwrite"));
    if (overwrite)
        QVERIFY(TestTree::writeFile(join(dest, "src/b.bin"), QByteArrayLiteral("previous b")));
    const QByteArray report = join(root, "report.csv");
    const QByteArray log = join(root, "faults.log");

    const QString rules = QStringLiteral("pwrite:name=b.bin:at=%1:errno=%2").arg(size / 2).arg(errnoName);
    const Run run = runFaulty(options + QList<QByteArray>{"--report", report, "--progress", "json", src, dest},
                              rules, log, timeoutMs(60000));
    QVERIFY2(run.finished && !run.crashed, qPrintable(run.describe()));
    QCOMPARE(run.exitCode, 1);

    // The fault fired, on the write that reached the middle of b.bin.
    const QList<QByteArray> faults = faultLines(log);
    QVERIFY2(!faults.isEmpty(), "the fault library injected nothing: the test proved nothing");
    QVERIFY2(faults.first().startsWith("pwrite ") && faults.first().contains(" offset=" + QByteArray::number(size / 2) + ' '),
             faults.first().constData());

    QVERIFY2(run.err.contains("failed '" + join(src, "b.bin") + "'"), run.err.constData());
    QVERIFY2(run.err.contains(reason), run.err.constData());
    QVERIFY(TestTree::sameContent(join(src, "a.bin"), join(dest, "src/a.bin")));
    QVERIFY(TestTree::sameContent(join(src, "sub/c.bin"), join(dest, "src/sub/c.bin")));
    if (overwrite)
        QCOMPARE(TestTree::readFile(join(dest, "src/b.bin")), QByteArrayLiteral("previous b"));
    else
        QCOMPARE(TestTree::kind(join(dest, "src/b.bin")), TestTree::Kind::Missing);
    QCOMPARE(TestTree::findTemporaries(dest), QList<QByteArray>());

    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), 3);
    const ReportRow *row = rowFor(rows, "src/b.bin");
    QVERIFY(row);
    QCOMPARE(row->status, QByteArrayLiteral("failed"));
    QVERIFY2(row->message.contains(reason), row->message.constData());
    QCOMPARE(statusOf(rows, "src/a.bin"), QByteArrayLiteral("copied"));
    QCOMPARE(statusOf(rows, "src/sub/c.bin"), QByteArrayLiteral("copied"));

    const QList<QJsonObject> events = TestTree::parseJsonLines(run.out, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject event = fileEvent(events, QStringLiteral("src/b.bin"));
    QCOMPARE(event.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QVERIFY(event.value(QStringLiteral("message")).toString().contains(QString::fromUtf8(reason)));
}

// --move: a file whose copy failed keeps its source; the others are moved.
void TestFaultsOptions::moveKeepsFailedSource()
{
    FAULT_SKIP_IF_NO_PRELOAD();
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::writeRandomFile(join(src, "a.bin"), 10000, 1));
    QVERIFY(TestTree::writeRandomFile(join(src, "sub/bad.bin"), 300000, 2));
    QVERIFY(TestTree::writeRandomFile(join(src, "other/c.bin"), 10000, 3));
    const QByteArray badBefore = TestTree::readFile(join(src, "sub/bad.bin"));
    // On another filesystem: a move there copies, flushes, then removes (on one it renames).
    QString why;
    const auto other = TestTree::otherFilesystemDir(&why);
    if (!other)
        QSKIP(qPrintable(why));
    const QByteArray dest = join(TestTree::dirPath(*other), "dest");
    const QByteArray report = join(root, "report.csv");
    const QByteArray log = join(root, "faults.log");

    const Run run = runFaulty({"--move", "--report", report, src, dest}, QStringLiteral("pwrite:name=bad.bin:at=150000:errno=EIO"),
                              log, timeoutMs(60000));
    QVERIFY2(run.finished && !run.crashed, qPrintable(run.describe()));
    QCOMPARE(run.exitCode, 1);
    const QList<QByteArray> faults = faultLines(log);
    QVERIFY2(!faults.isEmpty(), "the fault library injected nothing: the test proved nothing");
    QVERIFY2(faults.first().startsWith("pwrite "), faults.first().constData());

    QVERIFY2(run.err.contains("bad.bin"), run.err.constData());
    QCOMPARE(TestTree::listTree(src), (QList<QByteArray>{"sub", "sub/bad.bin"}));
    QCOMPARE(TestTree::readFile(join(src, "sub/bad.bin")), badBefore);
    QCOMPARE(TestTree::kind(join(dest, "src/sub/bad.bin")), TestTree::Kind::Missing);
    QCOMPARE(TestTree::kind(join(dest, "src/a.bin")), TestTree::Kind::File);
    QCOMPARE(TestTree::kind(join(dest, "src/other/c.bin")), TestTree::Kind::File);
    QCOMPARE(TestTree::findTemporaries(dest), QList<QByteArray>());
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(statusOf(rows, "src/sub/bad.bin"), QByteArrayLiteral("failed"));
    QCOMPARE(statusOf(rows, "src/a.bin"), QByteArrayLiteral("moved"));
}

void TestFaultsOptions::corruptCopy_data()
{
    QTest::addColumn<QList<QByteArray>>("options");
    QTest::addColumn<QString>("rules");
    QTest::addColumn<bool>("plainCopy"); // through pread/pwrite only, no copy_file_range
    const QString throughWrite = QStringLiteral("pwrite:name=bad.bin:mode=corrupt:at=100000");
    QTest::newRow("--verify") << QList<QByteArray>{"--verify"} << throughWrite << true;
    QTest::newRow("--verify --move") << QList<QByteArray>{"--verify", "--move"} << throughWrite << true;
    QTest::newRow("--verify, named temporaries")
        << QList<QByteArray>{"--verify"} << QStringLiteral("open:tmpfile=1:errno=EOPNOTSUPP;") + throughWrite << true;
    if (!PortableOnly) // the portable path has no copy_file_range
        QTest::newRow("--verify, copy_file_range")
            << QList<QByteArray>{"--verify"}
            << QStringLiteral("copy_file_range:name=bad.bin:mode=corrupt:at=100000;ficlone:errno=EOPNOTSUPP") << false;
    // Without --verify nothing reads the copy back: the corruption goes unseen, which shows that
    // the fault really changes what reaches the disk.
    QTest::newRow("no --verify") << QList<QByteArray>{} << throughWrite << true;
}

// One byte of bad.bin's copy is stored inverted. Under --verify the read-back finds it: the file is
// reported verified-failed, keeps its source and leaves no corrupt copy under its final name; the
// others are copied (or moved).
void TestFaultsOptions::corruptCopy()
{
    FAULT_SKIP_IF_NO_PRELOAD();
    QFETCH(QList<QByteArray>, options);
    QFETCH(QString, rules);
    QFETCH(bool, plainCopy);
    const bool verify = options.contains("--verify");
    const bool move = options.contains("--move");
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray root = TestTree::dirPath(tmp);
    const QByteArray src = join(root, "src");
    QVERIFY(TestTree::writeRandomFile(join(src, "good.bin"), 200000, 1));
    QVERIFY(TestTree::writeRandomFile(join(src, "sub/bad.bin"), 200000, 2));
    const QByteArray badBefore = TestTree::readFile(join(src, "sub/bad.bin"));
    const QByteArray goodBefore = TestTree::readFile(join(src, "good.bin"));
    // Moves go to another filesystem, where they are copies first (on one they are renames).
    QString why;
    const auto other = move ? TestTree::otherFilesystemDir(&why) : nullptr;
    if (move && !other)
        QSKIP(qPrintable(why));
    const QByteArray dest = move ? join(TestTree::dirPath(*other), "dest") : join(root, "dest");
    const QByteArray report = join(root, "report.csv");
    const QByteArray log = join(root, "faults.log");

    const QList<QByteArray> args = options + QList<QByteArray>{"--report", report, src, dest};
    const Run run = plainCopy ? runFaulty(args, rules, log, timeoutMs(60000))
                              : runWithFaults(args, rules, log, timeoutMs(60000));
    QVERIFY2(run.finished && !run.crashed, qPrintable(run.describe()));

    // The fault fired once, at byte 100000 of the copy.
    QList<QByteArray> faults = faultLines(log);
    faults.removeIf([](const QByteArray &line) { return line.startsWith("open "); });
    QCOMPARE(faults.size(), 1);
    QVERIFY2(faults.first().startsWith(plainCopy ? "pwrite " : "copy_file_range "), faults.first().constData());
    QVERIFY2(faults.first().contains(" offset=100000 "), faults.first().constData());

    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(statusOf(rows, "src/good.bin"), move ? QByteArrayLiteral("moved") : QByteArrayLiteral("copied"));
    QCOMPARE(TestTree::readFile(join(dest, "src/good.bin")), goodBefore);
    const QByteArray badCopy = join(dest, "src/sub/bad.bin");
    if (!verify) {
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(statusOf(rows, "src/sub/bad.bin"), QByteArrayLiteral("copied"));
        QCOMPARE(differences(join(src, "sub/bad.bin"), badCopy), QList<qint64>{100000});
        return;
    }
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("bad.bin"), run.err.constData());
    QCOMPARE(statusOf(rows, "src/sub/bad.bin"), QByteArrayLiteral("verified-failed"));
    QCOMPARE(TestTree::readFile(join(src, "sub/bad.bin")), badBefore);
    QVERIFY2(TestTree::kind(badCopy) == TestTree::Kind::Missing || TestTree::readFile(badCopy) == badBefore,
             "a copy that failed verification is under its final name");
    QCOMPARE(TestTree::findTemporaries(dest), QList<QByteArray>());
    if (move)
        QCOMPARE(TestTree::listTree(src), (QList<QByteArray>{"sub", "sub/bad.bin"}));
}

QTEST_GUILESS_MAIN(TestFaultsOptions)
#include "tst_faults_options.moc"
