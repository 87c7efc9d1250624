// I/O faults injected into the real ferry-cli through the preloaded fault library: each fault
// hits one named file (or one folder, or the final flush). Whatever fails, the affected file is
// reported failed with its path and the reason, nothing partial or temporary is left under any
// name, every other file is complete and identical, and the exit status is 1.

#include "FaultTest.h"

#include <QTemporaryDir>

using namespace FaultTest;

namespace {
// The source tree of every case: relative path -> size.
const QList<QPair<QByteArray, qint64>> Files = {
    {"a.bin", 300 * 1024},
    {"b.bin", 3 * 1024 * 1024 + 17},
    {"c.txt", 1000},
    {"empty.txt", 0},
    {"sub/d.bin", 1024 * 1024 + 5},
    {"sub/e.txt", 4321},
};
} // namespace

class TestFaultsIo final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fault_data();
    void fault();
    void flushFails();
    void otherFilesystemAskedOnce();

private:
    QTemporaryDir m_tmp;
    QByteArray m_src;
    int m_case = 0;
};

void TestFaultsIo::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_src = join(TestTree::dirPath(m_tmp), "src");
    quint64 seed = 1;
    for (const auto &f : Files)
        QVERIFY(TestTree::writeRandomFile(join(m_src, f.first), f.second, seed++));
}

void TestFaultsIo::fault_data()
{
    QTest::addColumn<QString>("rules");       // {DST} stands for the destination folder
    QTest::addColumn<QStringList>("victims"); // files that must be reported failed
    QTest::addColumn<QString>("reason");      // text the failure message must contain
    QTest::addColumn<QStringList>("extraArgs");
    QTest::addColumn<bool>("preexisting");    // victims exist in DEST beforehand (old content)
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("jobError");    // for a fault of the whole job: text on stderr

    const QString eio = QStringLiteral("Input/output error");
    const QString enospc = QStringLiteral("No space left on device");
    const QString named = QStringLiteral("open:tmpfile=1:errno=EOPNOTSUPP;"); // no O_TMPFILE: named temporaries
    const QStringList none;
    const QStringList b{QStringLiteral("b.bin")};

    QTest::newRow("read EIO at byte 1 MiB + 1")
        << QStringLiteral("pread:name=b.bin:at=1048577:errno=EIO") << b << eio << none << false << 1 << QString();
    QTest::newRow("read EIO at byte 0")
        << QStringLiteral("pread:name=c.txt:at=0:errno=EIO") << QStringList{QStringLiteral("c.txt")} << eio << none << false << 1 << QString();
    QTest::newRow("write ENOSPC at byte 2000000")
        << QStringLiteral("pwrite:name=b.bin:at=2000000:errno=ENOSPC") << b << enospc << none << false << 1 << QString();
    QTest::newRow("write EIO at byte 4096 in a subfolder")
        << QStringLiteral("pwrite:name=d.bin:at=4096:errno=EIO") << QStringList{QStringLiteral("sub/d.bin")} << eio << none << false << 1 << QString();
    QTest::newRow("write ENOSPC, named temporaries")
        << named + QStringLiteral("pwrite:name=b.bin:at=100000:errno=ENOSPC") << b << enospc << none << false << 1 << QString();
    QTest::newRow("write ENOSPC while replacing an existing file")
        << QStringLiteral("pwrite:name=b.bin:at=65536:errno=ENOSPC") << b << enospc
        << QStringList{QStringLiteral("--conflict"), QStringLiteral("overwrite")} << true << 1 << QString();
    if (!PortableOnly) // the portable path has no copy_file_range
        QTest::newRow("copy_file_range EIO")
            << QStringLiteral("copy_file_range:name=b.bin:errno=EIO") << b << eio << none << false << 1 << QString();
    QTest::newRow("short writes everywhere")
        << QStringLiteral("pwrite:mode=short") << none << QString() << none << false << 0 << QString();
    QTest::newRow("short reads everywhere")
        << QStringLiteral("pread:mode=short") << none << QString() << none << false << 0 << QString();
    QTest::newRow("EINTR on every other read and write")
        << QStringLiteral("pread,pwrite:mode=eintr") << none << QString() << none << false << 0 << QString();
    QTest::newRow("EINTR, named temporaries, --verify")
        << named + QStringLiteral("pread,pwrite:mode=eintr") << none << QString() << QStringList{QStringLiteral("--verify")} << false << 0 << QString();
    QTest::newRow("putting in place fails (linkat)")
        << QStringLiteral("linkat,rename:name=b.bin:errno=EIO") << b << eio << none << false << 1 << QString();
    QTest::newRow("rename fails, named temporaries")
        << named + QStringLiteral("rename,linkat:name=b.bin:errno=EIO") << b << eio << none << false << 1 << QString();
    QTest::newRow("rename fails while replacing an existing file")
        << QStringLiteral("rename:name=b.bin:errno=EIO") << b << eio
        << QStringList{QStringLiteral("--conflict"), QStringLiteral("overwrite")} << true << 1 << QString();
    // What a FAT destination does with a name it cannot store (where no FAT image can be mounted,
    // tst_faults_traps skips its real one). FAT has no O_TMPFILE: named temporaries.
    QTest::newRow("name the filesystem rejects (EINVAL), named temporaries")
        << named + QStringLiteral("linkat,rename:name=c.txt:errno=EINVAL") << QStringList{QStringLiteral("c.txt")}
        << QStringLiteral("Invalid argument") << none << false << 1 << QString();
    QTest::newRow("folder creation fails")
        << QStringLiteral("mkdir:name=sub:errno=EACCES") << QStringList{QStringLiteral("sub/d.bin"), QStringLiteral("sub/e.txt")}
        << QStringLiteral("Permission denied") << none << false << 1 << QString();
    QTest::newRow("source cannot be opened")
        << QStringLiteral("open:name=c.txt:errno=EACCES") << QStringList{QStringLiteral("c.txt")}
        << QStringLiteral("Permission denied") << none << false << 1 << QString();
    QTest::newRow("fdatasync fails under --verify")
        << QStringLiteral("fdatasync:name=b.bin:errno=EIO") << b << eio << QStringList{QStringLiteral("--verify")} << false << 1 << QString();
}

void TestFaultsIo::fault()
{
    FAULT_SKIP_IF_SANITIZED();
    QFETCH(QString, rules);
    QFETCH(QStringList, victims);
    QFETCH(QString, reason);
    QFETCH(QStringList, extraArgs);
    QFETCH(bool, preexisting);
    QFETCH(int, exitCode);
    QFETCH(QString, jobError);

    const QByteArray root = join(TestTree::dirPath(m_tmp), "case" + QByteArray::number(++m_case));
    const QByteArray dst = join(root, "dst");
    const QByteArray out = join(dst, "src");
    const QByteArray log = join(root, "faults.log");
    const QByteArray report = join(root, "report.csv");
    QVERIFY(TestTree::makeDirs(root));
    const QByteArray oldContent = "the file that was there before\n";
    if (preexisting) {
        for (const QString &v : std::as_const(victims))
            QVERIFY(TestTree::writeFile(join(out, v.toUtf8()), oldContent));
    }
    rules.replace(QLatin1String("{DST}"), QString::fromUtf8(dst));

    QList<QByteArray> args{"--progress", "json", "--report", report};
    for (const QString &a : std::as_const(extraArgs))
        args << a.toUtf8();
    args << m_src << dst;
    const Run r = runFaulty(args, rules, log, timeoutMs(60000));
    if (!r.finished || r.exitCode != exitCode)
        qWarning().noquote() << r.describe();
    QVERIFY2(r.finished, "ferry-cli did not finish in time");
    QVERIFY2(!r.crashed, "ferry-cli crashed");
    QCOMPARE(r.exitCode, exitCode);

    // The fault really happened.
    bool logged = false;
    const QByteArray faults = TestTree::readFile(log, &logged);
    QVERIFY2(logged && !faults.isEmpty(), "the fault library injected nothing: the test proved nothing");

    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QString jsonError;
    const QList<QJsonObject> events = TestTree::parseJsonLines(r.out, &jsonError);
    QVERIFY2(jsonError.isEmpty(), qPrintable(jsonError));

    for (const auto &f : Files) {
        const QByteArray rel = f.first;
        const QByteArray target = join(out, rel);
        const ReportRow *row = rowFor(rows, "src/" + rel);
        QVERIFY2(row, qPrintable(QStringLiteral("no report row for %1").arg(QString::fromUtf8(rel))));
        if (victims.contains(QString::fromUtf8(rel))) {
            QVERIFY2(row->status == "failed",
                     qPrintable(QStringLiteral("%1 reported '%2' (%3), not failed")
                                    .arg(QString::fromUtf8(rel), QString::fromUtf8(row->status), QString::fromUtf8(row->message))));
            QVERIFY2(QString::fromUtf8(row->message).contains(reason),
                     qPrintable(QStringLiteral("%1's message '%2' does not give the reason '%3'")
                                    .arg(QString::fromUtf8(rel), QString::fromUtf8(row->message), reason)));
            QVERIFY2(r.err.contains("failed '" + join(m_src, rel) + "'"),
                     qPrintable(QStringLiteral("stderr does not name the failed file %1").arg(QString::fromUtf8(rel))));
            bool inJson = false;
            for (const QJsonObject &o : events) {
                if (o.value(QStringLiteral("type")).toString() == QLatin1String("file")
                    && o.value(QStringLiteral("source")).toString().endsWith(QString::fromUtf8("/" + rel))
                    && o.value(QStringLiteral("status")).toString() == QLatin1String("failed"))
                    inJson = true;
            }
            QVERIFY2(inJson, qPrintable(QStringLiteral("no failed JSON event for %1").arg(QString::fromUtf8(rel))));
            if (preexisting) {
                QCOMPARE(TestTree::readFile(target), oldContent); // the old file is untouched
            } else {
                QVERIFY2(!TestTree::exists(target),
                         qPrintable(QStringLiteral("a partial %1 was left under its final name").arg(QString::fromUtf8(rel))));
            }
        } else {
            QVERIFY2(row->status == "copied",
                     qPrintable(QStringLiteral("%1 reported '%2' (%3)").arg(QString::fromUtf8(rel), QString::fromUtf8(row->status), QString::fromUtf8(row->message))));
            QVERIFY2(TestTree::sameContent(join(m_src, rel), target),
                     qPrintable(QStringLiteral("%1 is not identical to its source").arg(QString::fromUtf8(rel))));
        }
    }
    QCOMPARE(TestTree::findTemporaries(dst), QList<QByteArray>());
    // Nothing else: no stray names.
    QList<QByteArray> expected;
    for (const auto &f : Files) {
        if (preexisting || !victims.contains(QString::fromUtf8(f.first)))
            expected << f.first;
    }
    std::sort(expected.begin(), expected.end());
    QCOMPARE(TestTree::listFiles(out), expected);
    if (!jobError.isEmpty())
        QVERIFY2(r.err.contains(jobError.toUtf8()), qPrintable(r.describe()));
}

// The final flush fails: the copies are in place with the right bytes, but nothing says they are
// on the disk, so each is reported failed with the reason, once (one report row a file).
void TestFaultsIo::flushFails()
{
    FAULT_SKIP_IF_SANITIZED();
    const QByteArray root = join(TestTree::dirPath(m_tmp), "case" + QByteArray::number(++m_case));
    const QByteArray dst = join(root, "dst");
    const QByteArray log = join(root, "faults.log");
    const QByteArray report = join(root, "report.csv");
    QVERIFY(TestTree::makeDirs(root));
    const Run r = runFaulty({"--progress", "json", "--report", report, m_src, dst}, FlushCall + QStringLiteral(":errno=EIO"),
                            log, timeoutMs(60000));
    QVERIFY2(r.finished && !r.crashed, qPrintable(r.describe()));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(!TestTree::readFile(log).isEmpty(), "the fault library injected nothing");
    const QByteArray why = "flushing '" + dst + "' to disk failed: Input/output error";
    QVERIFY2(r.err.contains(why), qPrintable(r.describe()));
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), Files.size());
    QString jsonError;
    const QList<QJsonObject> events = TestTree::parseJsonLines(r.out, &jsonError);
    QVERIFY2(jsonError.isEmpty(), qPrintable(jsonError));
    for (const auto &f : Files) {
        const ReportRow *row = rowFor(rows, "src/" + f.first);
        QVERIFY2(row, f.first.constData());
        QCOMPARE(row->status, QByteArray("failed"));
        QCOMPARE(row->message, why);
        QVERIFY2(r.err.contains("failed '" + join(m_src, f.first) + "'"), f.first.constData());
        bool inJson = false;
        for (const QJsonObject &o : events) {
            inJson = inJson
                || (o.value(QStringLiteral("source")).toString().endsWith(QString::fromUtf8("/" + f.first))
                    && o.value(QStringLiteral("status")).toString() == QLatin1String("failed"));
        }
        QVERIFY2(inJson, f.first.constData());
        // The bytes are there all the same; only their durability is unknown.
        QVERIFY(TestTree::sameContent(join(m_src, f.first), join(join(dst, "src"), f.first)));
    }
}

// Between two filesystems the kernel refuses an in-kernel copy (EXDEV), file after file, and every
// small file would pay one wasted call: the first refusal is remembered for the rest of the job.
void TestFaultsIo::otherFilesystemAskedOnce()
{
    FAULT_SKIP_IF_SANITIZED();
    if (PortableOnly)
        QSKIP("the portable path has no copy_file_range");
    const QByteArray root = join(TestTree::dirPath(m_tmp), "case" + QByteArray::number(++m_case));
    const QByteArray dst = join(root, "dst");
    const QByteArray log = join(root, "faults.log");
    QVERIFY(TestTree::makeDirs(root));
    // A rule for each file by name (the library logs only named faults); one thread, so that no
    // second file asks before the first refusal is known.
    QString rules = QStringLiteral("ficlone:errno=EOPNOTSUPP");
    for (const auto &f : Files)
        rules += QStringLiteral(";copy_file_range:errno=EXDEV:name=") + QString::fromUtf8(f.first.mid(f.first.lastIndexOf('/') + 1));
    const Run r = runWithFaults({"--progress", "none", "-j", "1", m_src, dst}, rules, log, timeoutMs(60000));
    QVERIFY2(r.finished && !r.crashed, qPrintable(r.describe()));
    QCOMPARE(r.exitCode, 0);
    for (const auto &f : Files)
        QVERIFY2(TestTree::sameContent(join(m_src, f.first), join(join(dst, "src"), f.first)), f.first.constData());
    QCOMPARE(TestTree::readFile(log).count("copy_file_range"), 1);
}

QTEST_GUILESS_MAIN(TestFaultsIo)
#include "tst_faults_io.moc"
