// The bar and its words: the flush shown as bytes still to write and time left, in order; files
// per second beside bytes; a time left fitted on bytes and files.

#include "JobProgress.h"
#include "RateFit.h"
#include "UiTest.h"

#include <QProgressBar>

using namespace Ferry;

class TestProgress final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void flushIsShownInOrder();
    void filesPerSecondBesideBytes();
    void timeLeftFitsBytesAndFiles_data();
    void timeLeftFitsBytesAndFiles();
};

void TestProgress::initTestCase()
{
    UiTest::init();
}

void TestProgress::flushIsShownInOrder()
{
    constexpr qint64 MiB = 1024 * 1024;
    constexpr qint64 Total = 100 * MiB;
    JobProgress progress;
    qint64 dirty = 0;
    progress.setDirtyReader([&dirty] { return dirty; });
    progress.reset();
    Progress p;
    p.bytesTotal = Total;
    p.filesTotal = 10;
    p.phase = Phase::Copy;
    QList<int> bars;
    qint64 ms = 0;
    // The copy: the page cache fills faster than the disk drains it.
    for (int i = 1; i <= 10; ++i) {
        p.bytesDone = i * 10 * MiB;
        p.filesDone = i;
        dirty = i * 6 * MiB;
        progress.update(p, ms += 200);
        bars.append(progress.bar()->value());
        QVERIFY(progress.percent() < 100);
    }
    const int copied = bars.last();
    QVERIFY2(copied < 700, qPrintable(QString::number(copied))); // 60 MiB are not on the disk yet
    // The flush: what is left to write goes down, the bar goes up, and the words say so.
    p.phase = Phase::Flush;
    QStringList said;
    for (qint64 left = 60; left >= 0; left -= 10) {
        dirty = left * MiB;
        progress.update(p, ms += 1000);
        bars.append(progress.bar()->value());
        said.append(progress.speedText());
        QCOMPARE(progress.phaseText(), QStringLiteral("Flushing to disk…"));
        QVERIFY(progress.percent() < 100);
    }
    QVERIFY2(said.first().startsWith(QStringLiteral("60.0 MiB still to write")), qPrintable(said.first()));
    QCOMPARE(said[1], QStringLiteral("50.0 MiB still to write · about 5 s left"));
    QCOMPARE(said[5], QStringLiteral("10.0 MiB still to write · about 1 s left"));
    QVERIFY(bars.last() > copied + 300);
    for (int i = 1; i < bars.size(); ++i)
        QVERIFY2(bars[i] >= bars[i - 1], qPrintable(QStringLiteral("bar went back at step %1").arg(i)));
    p.phase = Phase::Done;
    progress.update(p, ms += 100);
    QCOMPARE(progress.percent(), 100);
    QCOMPARE(progress.bar()->value(), progress.bar()->maximum());
}

void TestProgress::filesPerSecondBesideBytes()
{
    JobProgress progress;
    progress.setDirtyReader([] { return qint64(0); });
    progress.reset();
    Progress p;
    p.phase = Phase::Copy;
    p.filesTotal = 200000;
    p.bytesTotal = 200000LL * 10;
    // 36,000 files a second of 10 bytes each.
    for (int i = 0; i <= 10; ++i) {
        p.filesDone = i * 3600;
        p.bytesDone = p.filesDone * 10;
        progress.update(p, i * 100);
    }
    const QString speed = progress.speedText();
    QVERIFY2(speed.contains(QStringLiteral("36,000 files/s")), qPrintable(speed));
    QVERIFY2(speed.contains(QStringLiteral("352 KiB/s")) || speed.contains(QStringLiteral("351.6 KiB/s")), qPrintable(speed));
    // (200,000 - 36,000) files at 36,000 a second.
    QVERIFY2(speed.endsWith(QStringLiteral("5 s left")), qPrintable(speed));
}

void TestProgress::timeLeftFitsBytesAndFiles_data()
{
    QTest::addColumn<double>("secondsPerMiB");
    QTest::addColumn<double>("secondsPerFile");
    QTest::addColumn<qint64>("bytesLeft");
    QTest::addColumn<qint64>("filesLeft");
    QTest::newRow("tiny files") << 0.0 << 1.0 / 36000 << qint64(0) << qint64(180000);
    QTest::newRow("one huge file") << 0.01 << 0.0 << qint64(4000LL << 20) << qint64(1);
    QTest::newRow("both cost") << 0.01 << 0.001 << qint64(1000LL << 20) << qint64(5000);
}

void TestProgress::timeLeftFitsBytesAndFiles()
{
    QFETCH(double, secondsPerMiB);
    QFETCH(double, secondsPerFile);
    QFETCH(qint64, bytesLeft);
    QFETCH(qint64, filesLeft);
    RateFit fit;
    QCOMPARE(fit.secondsLeft(1, 1), -1.0);
    // Steps of varied sizes: some many small files, some few large ones; time as the costs say.
    double ms = 0;
    qint64 bytes = 0, files = 0;
    fit.add(0, 0, 0);
    for (int i = 0; i < 40; ++i) {
        const qint64 stepFiles = secondsPerFile > 0 ? (i % 2 ? 2000 : 200) : (i % 3 == 0 ? 1 : 0);
        const qint64 stepBytes = secondsPerMiB > 0 ? ((i % 3) + 1) * (10LL << 20) : stepFiles * 100;
        const double dt = secondsPerMiB * double(stepBytes) / (1024.0 * 1024.0) + secondsPerFile * double(stepFiles);
        ms += dt * 1000.0;
        bytes += stepBytes;
        files += stepFiles;
        fit.add(qint64(ms), bytes, files);
    }
    const double expected = secondsPerMiB * double(bytesLeft) / (1024.0 * 1024.0) + secondsPerFile * double(filesLeft);
    const double got = fit.secondsLeft(bytesLeft, filesLeft);
    QVERIFY2(qAbs(got - expected) <= expected * 0.05 + 0.01,
             qPrintable(QStringLiteral("expected %1 s, got %2 s").arg(expected).arg(got)));
}

QTEST_MAIN(TestProgress)
#include "tst_ui_progress.moc"
