// The speed limit of CopyControl: over all threads together, within 10% over any 2 seconds.

#include "CopyControl.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace Ferry;

class TestRateLimit final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void holdsOverThreadsAndWindows();
    void chunksShrinkUnderALimit();
    void cancelEndsAWait();
    void noLimitNoWait();
};

void TestRateLimit::holdsOverThreadsAndWindows()
{
    CopyControl control;
    constexpr qint64 Rate = 4 * 1024 * 1024;
    control.setRateLimit(Rate);
    const qint64 chunk = control.chunkSize(8 * 1024 * 1024);
    std::mutex mutex;
    std::vector<std::pair<qint64, qint64>> samples; // (ms, bytes so far)
    qint64 total = 0;
    QElapsedTimer clock;
    clock.start();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            while (clock.elapsed() < 6000) {
                control.throttle(chunk);
                std::lock_guard<std::mutex> lock(mutex);
                total += chunk;
                samples.emplace_back(clock.elapsed(), total);
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    QVERIFY(samples.size() > 40); // ten chunks a second
    // Every 2-second window from 0.5 s on: the bytes in it within 10% of 2 s worth.
    int windows = 0;
    for (qint64 from = 500; from + 2000 <= samples.back().first; from += 250) {
        qint64 before = 0, after = 0;
        for (const auto &s : samples) {
            if (s.first <= from)
                before = s.second;
            if (s.first <= from + 2000)
                after = s.second;
        }
        const double rate = double(after - before) / 2.0;
        QVERIFY2(rate >= Rate * 0.9 && rate <= Rate * 1.1,
                 qPrintable(QStringLiteral("%1 B/s from %2 ms").arg(rate).arg(from)));
        ++windows;
    }
    QVERIFY(windows >= 10);
}

void TestRateLimit::chunksShrinkUnderALimit()
{
    CopyControl control;
    QCOMPARE(control.chunkSize(8 << 20), qint64(8 << 20));
    control.setRateLimit(10 << 20);
    QCOMPARE(control.chunkSize(8 << 20), qint64(1 << 20));
    control.setRateLimit(1000);
    QCOMPARE(control.chunkSize(8 << 20), qint64(16 * 1024));
    control.setRateLimit(0);
    QCOMPARE(control.chunkSize(1 << 20), qint64(1 << 20));
}

void TestRateLimit::cancelEndsAWait()
{
    CopyControl control;
    control.setRateLimit(1024);
    QElapsedTimer clock;
    clock.start();
    std::thread canceller([&control] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        control.cancel();
    });
    control.throttle(1024 * 1024); // 1000 s' worth
    canceller.join();
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(control.isCancelled());
}

void TestRateLimit::noLimitNoWait()
{
    CopyControl control;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 1000; ++i)
        control.throttle(1 << 30);
    QVERIFY(clock.elapsed() < 1000);
}

QTEST_GUILESS_MAIN(TestRateLimit)
#include "tst_ratelimit.moc"
