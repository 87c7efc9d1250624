// window-bench: the Ferry window under load, for bench/run.
//
//   window-bench copy SOURCE DEST      copies SOURCE into DEST through the window, as Start does
//   window-bench rows [N]              feeds the window's table N rows (default 1,000,000) in
//                                      batches, as a job of N files would
//
// Run it offscreen (QT_QPA_PLATFORM=offscreen). It prints one JSON object: the job's time, the
// longest stall of the event loop (the longest gap between ticks of a 1 ms timer), how many
// gaps were over 100 ms, and the process's peak memory (VmHWM). Exit status 0 if the job went
// through, 1 if not, 2 on bad usage.

#include "Application.h"
#include "CopyPlan.h"
#include "FileStatusModel.h"
#include "MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>
#include <cstring>

using namespace Ferry;

namespace {

// Ticks every millisecond; a gap between two ticks is time the event loop could not react in.
class StallMeter
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop()
    {
        tick();
        m_timer.stop();
    }
    double maxStallMs() const { return double(m_max) / 1e6; }
    qint64 over(qint64 ms) const { return ms == 100 ? m_over100 : m_over16; }
    qint64 ticks() const { return m_ticks; }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        const qint64 gap = now - m_last;
        m_last = now;
        ++m_ticks;
        m_max = qMax(m_max, gap);
        if (gap > 100'000'000)
            ++m_over100;
        if (gap > 16'000'000)
            ++m_over16;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_max = 0;
    qint64 m_over100 = 0;
    qint64 m_over16 = 0;
    qint64 m_ticks = 0;
};

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // KiB on Linux
}

void print(const QJsonObject &result)
{
    const QByteArray text = QJsonDocument(result).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
}

QJsonObject measures(const StallMeter &meter)
{
    QJsonObject o;
    o[QStringLiteral("max_stall_ms")] = meter.maxStallMs();
    o[QStringLiteral("stalls_over_16ms")] = double(meter.over(16));
    o[QStringLiteral("stalls_over_100ms")] = double(meter.over(100));
    o[QStringLiteral("ticks")] = double(meter.ticks());
    o[QStringLiteral("peak_rss_mb")] = peakRssMb();
    return o;
}

MainWindow::Prompts quietPrompts()
{
    MainWindow::Prompts p;
    p.error = [](QWidget *, const QString &title, const QString &text) {
        std::fprintf(stderr, "window-bench: %s: %s\n", qPrintable(title), qPrintable(text));
    };
    p.confirm = [](QWidget *, const QString &, const QString &) { return true; };
    return p;
}

// After the job, the loop runs this much longer, so that work the end of a job sets off (the
// table's last repaint, the summary) is measured too.
constexpr int SettleMs = 300;

int runCopy(const QByteArray &source, const QByteArray &dest)
{
    MainWindow window;
    window.setPrompts(quietPrompts());
    window.resize(1000, 700);
    window.show();
    window.addSources({source});
    window.setDestination(dest);

    StallMeter meter;
    QElapsedTimer job;
    double jobSeconds = -1;
    Summary summary;
    bool started = false;
    QObject::connect(&window, &MainWindow::jobFinished, [&](const Summary &s) {
        jobSeconds = double(job.nsecsElapsed()) / 1e9;
        summary = s;
        QTimer::singleShot(SettleMs, qApp, &QCoreApplication::quit);
    });
    // Let the window show itself first; then press Start.
    QTimer::singleShot(200, [&] {
        meter.start();
        job.start();
        started = window.start();
        if (!started)
            QCoreApplication::quit();
    });
    QCoreApplication::exec();
    meter.stop();

    QJsonObject o = measures(meter);
    o[QStringLiteral("mode")] = QStringLiteral("copy");
    o[QStringLiteral("seconds")] = jobSeconds;
    o[QStringLiteral("files")] = double(window.model()->entryCount());
    o[QStringLiteral("ok")] = started && summary.ok();
    if (!summary.error.isEmpty())
        o[QStringLiteral("error")] = summary.error;
    print(o);
    return started && summary.ok() ? 0 : 1;
}

// A plan of N files in folders of 1,000, as a walk would make it; only the model reads it.
CopyPlan makePlan(int files)
{
    CopyPlan plan;
    plan.destination = "/nonexistent/dest";
    PlanDir root;
    root.source = "/nonexistent/src";
    root.target = "/nonexistent/dest/src";
    plan.dirs.push_back(root);
    const int folders = qMax(1, files / 1000);
    for (int d = 0; d < folders; ++d) {
        PlanDir dir;
        dir.source = root.source + "/d" + QByteArray::number(d);
        dir.target = root.target + "/d" + QByteArray::number(d);
        dir.parent = 0;
        plan.dirs.push_back(dir);
    }
    plan.entries.reserve(size_t(files));
    for (int i = 0; i < files; ++i) {
        PlanEntry e;
        e.dir = 1 + i % folders;
        e.size = (i * 7919) % 16384;
        plan.bytesTotal += e.size;
        plan.addEntry(e, "file-" + QByteArray::number(i) + ".dat");
    }
    return plan;
}

int runRows(int rows, int batch, int intervalMs)
{
    MainWindow window;
    window.setPrompts(quietPrompts());
    window.resize(1000, 700);
    window.show();
    FileStatusModel *model = window.model();

    StallMeter meter;
    QElapsedTimer job;
    double rssBeforeMb = 0;
    CopyPlan plan;
    int next = 0;
    QTimer feeder;
    feeder.setInterval(intervalMs);
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        // One engine batch: the files finished since the last one (one in a thousand failed),
        // then the progress, with the files being copied now.
        QList<FileEvent> events;
        const int end = qMin(rows, next + batch);
        events.reserve(end - next);
        for (int i = next; i < end; ++i) {
            FileEvent e;
            e.entry = i;
            e.status = i % 1000 == 999 ? FileStatus::Failed : FileStatus::Copied;
            if (e.status == FileStatus::Failed)
                e.message = QStringLiteral("Permission denied");
            events.append(e);
        }
        next = end;
        model->applyEvents(events);
        QList<ActiveFile> active;
        for (int i = next; i < qMin(rows, next + 8); ++i)
            active.append(ActiveFile{i, 100});
        model->setActive(active);
        if (next < rows)
            return;
        feeder.stop();
        // The end of the job, and a person looking at the failed ones and back at all.
        model->finishJob();
        model->setFilter(FileStatusModel::Filter::Failed);
        model->setFilter(FileStatusModel::Filter::All);
        model->setFailedFirst(true);
        QTimer::singleShot(SettleMs, qApp, &QCoreApplication::quit);
    });
    QTimer::singleShot(200, [&] {
        rssBeforeMb = peakRssMb();
        plan = makePlan(rows); // the engine's walk; here on the window's thread, so neither timed nor a stall
        meter.start();
        job.start();
        model->setPlan(&plan);
        feeder.start();
    });
    QCoreApplication::exec();
    meter.stop();
    const double seconds = double(job.nsecsElapsed()) / 1e9;

    QJsonObject o = measures(meter);
    o[QStringLiteral("mode")] = QStringLiteral("rows");
    o[QStringLiteral("rows")] = double(model->rowCount());
    o[QStringLiteral("batch")] = batch;
    o[QStringLiteral("interval_ms")] = intervalMs;
    o[QStringLiteral("seconds")] = seconds;
    o[QStringLiteral("rss_before_mb")] = rssBeforeMb;
    const bool ok = model->rowCount() == rows && model->count(FileStatusModel::State::Failed) == rows / 1000;
    o[QStringLiteral("ok")] = ok;
    model->clear(); // before the plan goes
    print(o);
    return ok ? 0 : 1;
}

int usage()
{
    std::fprintf(stderr,
                 "usage: window-bench copy SOURCE DEST\n"
                 "       window-bench rows [N] [--batch B] [--interval MS]\n"
                 "Run with QT_QPA_PLATFORM=offscreen. Prints one JSON object.\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    initApplication(&app);
    // Settings of its own, away from the person's and the tests'.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(QStringLiteral("Ferry window bench"));
    QSettings().clear();

    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.size() == 3 && args[0] == QLatin1String("copy"))
        return runCopy(QFile::encodeName(args[1]), QFile::encodeName(args[2]));
    if (!args.isEmpty() && args[0] == QLatin1String("rows")) {
        int rows = 1000000;
        int batch = 10000;
        int interval = 50;
        for (qsizetype i = 1; i < args.size(); ++i) {
            bool ok = true;
            if (args[i] == QLatin1String("--batch") && i + 1 < args.size())
                batch = args[++i].toInt(&ok);
            else if (args[i] == QLatin1String("--interval") && i + 1 < args.size())
                interval = args[++i].toInt(&ok);
            else
                rows = args[i].toInt(&ok);
            if (!ok || rows <= 0 || batch <= 0 || interval < 0)
                return usage();
        }
        return runRows(rows, batch, interval);
    }
    return usage();
}
