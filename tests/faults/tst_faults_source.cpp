// Sources and destinations that change underneath ferry-cli while it copies, made to happen at an
// exact moment by the preloaded fault library: a source that grows, shrinks, is rewritten or is
// replaced by another file mid-copy is reported, never copied truncated or mixed; a source that
// vanishes after the scan is reported and the rest go on; a destination removed mid-copy gives
// clear failures and no hang; a file empty at the scan that has data by its turn is copied with
// it; under --move, a source changed after its copy was made is kept, not removed.

#include "FaultTest.h"

#include <QTemporaryDir>

using namespace FaultTest;

class TestFaultsSource final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void changedWhileCopied_data();
    void changedWhileCopied();
    void vanishesBeforeItIsReached();
    void destinationRemovedMidCopy();
    void emptyAtScanFilledBeforeCopy();
    void movedSourceChangedAfterCopy_data();
    void movedSourceChangedAfterCopy();

private:
    // A new folder for one case, and the paths in it every case uses.
    struct Case {
        QByteArray root, src, dst, log, report;
    };
    QTemporaryDir m_tmp;
    int m_case = 0;
    Case newCase();
};

TestFaultsSource::Case TestFaultsSource::newCase()
{
    const QByteArray root = join(TestTree::dirPath(m_tmp), "case" + QByteArray::number(++m_case));
    TestTree::makeDirs(root);
    return {root, join(root, "src"), join(root, "dst"), join(root, "faults.log"), join(root, "report.csv")};
}

void TestFaultsSource::changedWhileCopied_data()
{
    QTest::addColumn<QString>("action");
    QTest::newRow("grows") << QStringLiteral("grow");
    QTest::newRow("shrinks") << QStringLiteral("shrink");
    QTest::newRow("rewritten in place, same size") << QStringLiteral("touch");
    QTest::newRow("replaced by another file") << QStringLiteral("replace");
}

void TestFaultsSource::changedWhileCopied()
{
    FAULT_SKIP_IF_SANITIZED();
    QFETCH(QString, action);
    const auto [root, src, dst, log, report] = newCase();
    QVERIFY(TestTree::writeRandomFile(join(src, "changing.bin"), 3 * 1024 * 1024, 11));
    QVERIFY(TestTree::writeRandomFile(join(src, "steady.bin"), 200 * 1024, 12));
    QVERIFY(TestTree::setMtime(join(src, "changing.bin"), 1500000000, 5));
    const QByteArray original = TestTree::readFile(join(src, "changing.bin"));

    // Halfway through the first read of byte 1 MiB onwards, the file changes.
    const QString rules = QStringLiteral("pread:name=changing.bin:at=1048576:do=%1").arg(action);
    const Run r = runFaulty({"--progress", "json", "--report", report, src, dst}, rules, log, timeoutMs(60000));
    if (!r.finished || r.exitCode != 1)
        qWarning().noquote() << r.describe();
    QVERIFY(r.finished);
    QVERIFY(!TestTree::readFile(log).isEmpty()); // the change happened
    QVERIFY2(TestTree::readFile(join(src, "changing.bin")) != original, "the source did not change");

    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ReportRow *changing = rowFor(rows, "src/changing.bin");
    const ReportRow *steady = rowFor(rows, "src/steady.bin");
    QVERIFY(changing && steady);
    QCOMPARE(steady->status, QByteArray("copied"));
    QVERIFY(TestTree::sameContent(join(src, "steady.bin"), join(dst, "src/steady.bin")));
    QVERIFY2(changing->status == "failed",
             qPrintable(QStringLiteral("a source that was %1 while it was copied was reported '%2' (%3); "
                                       "the copy holds %4 bytes that match neither version reliably")
                            .arg(action, QString::fromUtf8(changing->status), QString::fromUtf8(changing->message))
                            .arg(TestTree::fileSize(join(dst, "src/changing.bin")))));
    QVERIFY2(changing->message.contains("changed") || changing->message.contains("shrank")
                 || changing->message.contains("replaced"),
             changing->message.constData());
    QVERIFY2(!TestTree::exists(join(dst, "src/changing.bin")), "a copy of a changing file was left under its final name");
    QCOMPARE(TestTree::findTemporaries(dst), QList<QByteArray>());
    QCOMPARE(r.exitCode, 1);
}

void TestFaultsSource::vanishesBeforeItIsReached()
{
    FAULT_SKIP_IF_SANITIZED();
    const auto [root, src, dst, log, report] = newCase();
    for (int i = 0; i < 20; ++i)
        QVERIFY(TestTree::writeRandomFile(join(src, "f" + QByteArray::number(i) + ".bin"), 5000 + i, quint64(i)));
    QVERIFY(TestTree::writeRandomFile(join(src, "gone.bin"), 7777, 99));
    // After the scan, when the copy's folder is made, gone.bin disappears.
    const QString rules = QStringLiteral("mkdir:name=src:do=unlink:path=%1").arg(QString::fromUtf8(join(src, "gone.bin")));
    const Run r = runFaulty({"--progress", "none", "--report", report, src, dst}, rules, log, timeoutMs(60000));
    if (!r.finished || r.exitCode != 1)
        qWarning().noquote() << r.describe();
    QVERIFY(!TestTree::readFile(log).isEmpty());
    QCOMPARE(r.exitCode, 1);
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ReportRow *gone = rowFor(rows, "src/gone.bin");
    QVERIFY(gone);
    QCOMPARE(gone->status, QByteArray("failed"));
    QVERIFY2(gone->message.contains("No such file"), gone->message.constData());
    QVERIFY(r.err.contains("gone.bin"));
    for (int i = 0; i < 20; ++i) {
        const QByteArray rel = "f" + QByteArray::number(i) + ".bin";
        QVERIFY(TestTree::sameContent(join(src, rel), join(dst, "src/" + rel)));
    }
    QVERIFY(!TestTree::exists(join(dst, "src/gone.bin")));
    QCOMPARE(TestTree::findTemporaries(dst), QList<QByteArray>());
}

void TestFaultsSource::destinationRemovedMidCopy()
{
    FAULT_SKIP_IF_SANITIZED();
    const auto [root, src, dst, log, report] = newCase();
    const int files = 200;
    for (int i = 0; i < files; ++i) {
        const QByteArray rel = "d" + QByteArray::number(i % 4) + "/f" + QByteArray::number(i) + ".bin";
        QVERIFY(TestTree::writeRandomFile(join(src, rel), 64 * 1024, quint64(i)));
    }
    // While f50.bin is read, the whole destination folder is removed.
    const QString rules = QStringLiteral("pread:name=f50.bin:do=rmtree:path=%1").arg(QString::fromUtf8(dst));
    const Run r = runFaulty({"-j", "2", "--progress", "none", "--report", report, src, dst}, rules, log, timeoutMs(60000));
    if (!r.finished || r.exitCode != 1)
        qWarning().noquote() << r.describe();
    QVERIFY2(r.finished, "ferry-cli hung after its destination was removed");
    QVERIFY(!r.crashed);
    QVERIFY(!TestTree::readFile(log).isEmpty());
    QCOMPARE(r.exitCode, 1);
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), files); // every file is accounted for
    int failed = 0;
    for (const ReportRow &row : rows) {
        if (row.status == "failed") {
            ++failed;
            QVERIFY2(!row.message.isEmpty(), row.source.constData());
            QVERIFY2(r.err.contains(row.source), row.source.constData());
        } else {
            QVERIFY2(row.status == "copied", row.status.constData());
        }
    }
    QVERIFY2(failed > 0, "nothing was reported failed after the destination was removed");
    // Nothing was re-created where the destination was, and nothing partial is anywhere.
    if (TestTree::exists(dst)) {
        QCOMPARE(TestTree::findTemporaries(dst), QList<QByteArray>());
        for (const QByteArray &rel : TestTree::listFiles(dst))
            QVERIFY(TestTree::sameContent(join(src, rel.mid(4)), join(dst, rel)));
    }
}

void TestFaultsSource::emptyAtScanFilledBeforeCopy()
{
    FAULT_SKIP_IF_SANITIZED();
    const auto [root, src, dst, log, report] = newCase();
    QVERIFY(TestTree::writeFile(join(src, "notes.txt"), QByteArray()));
    QVERIFY(TestTree::writeFile(join(src, "still-empty.txt"), QByteArray()));
    QVERIFY(TestTree::setMtime(join(src, "still-empty.txt"), 1400000000, 77));
    // After the scan (which saw both empty), when the copy's folder is made, notes.txt gets data.
    const QString rules = QStringLiteral("mkdir:name=src:do=grow:path=%1").arg(QString::fromUtf8(join(src, "notes.txt")));
    const Run r = runFaulty({"--progress", "none", src, dst}, rules, log, timeoutMs(60000));
    if (!r.finished || r.exitCode != 0)
        qWarning().noquote() << r.describe();
    QVERIFY(!TestTree::readFile(log).isEmpty());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(TestTree::fileSize(join(src, "notes.txt")), qint64(65536));
    QVERIFY2(TestTree::sameContent(join(src, "notes.txt"), join(dst, "src/notes.txt")),
             "a file that had data by the time it was copied was copied as the scan saw it, empty");
    FERRY_COMPARE_TREES(src, join(dst, "src"));
}

void TestFaultsSource::movedSourceChangedAfterCopy_data()
{
    QTest::addColumn<QString>("action");
    QTest::newRow("rewritten in place") << QStringLiteral("touch");
    QTest::newRow("grown") << QStringLiteral("grow");
    QTest::newRow("replaced by another file") << QStringLiteral("replace");
}

void TestFaultsSource::movedSourceChangedAfterCopy()
{
    FAULT_SKIP_IF_SANITIZED();
    QFETCH(QString, action);
    const auto [root, src, unused, log, report] = newCase();
    // On another filesystem: a move there copies, flushes, then removes (on one it renames).
    QString why;
    const auto other = TestTree::otherFilesystemDir(&why);
    if (!other)
        QSKIP(qPrintable(why));
    const QByteArray dst = join(TestTree::dirPath(*other), "dst");
    QVERIFY(TestTree::writeRandomFile(join(src, "draft.txt"), 5000, 21));
    QVERIFY(TestTree::writeRandomFile(join(src, "done.txt"), 3000, 22));
    QVERIFY(TestTree::setMtime(join(src, "draft.txt"), 1500000000, 5));
    const QByteArray copied = TestTree::readFile(join(src, "draft.txt"));
    const QByteArray done = TestTree::readFile(join(src, "done.txt"));
    // Every copy is made; while they are flushed, before any source is removed, draft.txt changes.
    const QString rules = QStringLiteral("%1:do=%2:path=%3").arg(FlushCall, action, QString::fromUtf8(join(src, "draft.txt")));
    const Run r = runFaulty({"--move", "--progress", "none", "--report", report, src, dst}, rules, log, timeoutMs(60000));
    if (!r.finished || r.exitCode != 1)
        qWarning().noquote() << r.describe();
    QVERIFY(!TestTree::readFile(log).isEmpty());
    const QByteArray changed = TestTree::readFile(join(src, "draft.txt"));
    QVERIFY2(!changed.isEmpty() && changed != copied,
             "the source was removed although it changed after it was copied: its new content is lost");
    QCOMPARE(TestTree::readFile(join(dst, "src/draft.txt")), copied);
    QCOMPARE(TestTree::readFile(join(dst, "src/done.txt")), done);
    QVERIFY2(!TestTree::exists(join(src, "done.txt")), "an unchanged source was not moved");
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ReportRow *draft = rowFor(rows, "src/draft.txt");
    const ReportRow *moved = rowFor(rows, "src/done.txt");
    QVERIFY(draft && moved);
    QCOMPARE(moved->status, QByteArray("moved"));
    QCOMPARE(draft->status, QByteArray("failed"));
    QVERIFY2(draft->message.contains("changed after it was copied"), draft->message.constData());
    QVERIFY(r.err.contains("draft.txt"));
    QCOMPARE(r.exitCode, 1);
}

QTEST_GUILESS_MAIN(TestFaultsSource)
#include "tst_faults_source.moc"
