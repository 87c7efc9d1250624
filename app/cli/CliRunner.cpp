#include "CliRunner.h"

#include "CopyPlan.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <unistd.h>

namespace Ferry {

namespace {
void err(const QString &text)
{
    const QByteArray bytes = QByteArrayLiteral("ferry-cli: ") + text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

QString size(qint64 bytes)
{
    return sizeText(QLocale::c(), bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString duration(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("--:--");
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

CliRunner::CliRunner(const CliCommand &command, QObject *parent)
    : QObject(parent)
    , m_command(command)
{
    switch (command.progress) {
    case ProgressMode::Auto: m_bar = ::isatty(STDERR_FILENO) && !command.options.dryRun; break;
    case ProgressMode::Bar: m_bar = true; break;
    case ProgressMode::Json: m_json = true; break;
    case ProgressMode::None: break;
    }
    connect(&m_engine, &CopyEngine::planned, this, &CliRunner::onPlanned);
    connect(&m_engine, &CopyEngine::filesUpdated, this, &CliRunner::onFiles);
    connect(&m_engine, &CopyEngine::progressed, this, &CliRunner::onProgress);
    connect(&m_engine, &CopyEngine::finished, this, &CliRunner::onFinished);
}

void CliRunner::start()
{
    m_engine.setRateLimit(m_command.rateLimit);
    m_engine.start(m_command.options);
}

void CliRunner::interrupt()
{
    if (m_interrupted)
        return;
    m_interrupted = true;
    m_engine.cancel();
}

void CliRunner::onPlanned()
{
    if (m_command.reportPath.isEmpty() || m_command.options.dryRun)
        return;
    m_report = std::make_unique<ReportWriter>(QString::fromUtf8(m_command.reportPath));
    QString error;
    if (!m_report->open(&error)) {
        err(error);
        m_report.reset();
    }
}

void CliRunner::writeReport()
{
    const CopyPlan *plan = m_engine.plan();
    if (!plan)
        return;
    m_report->addAll(*plan, [this](qint32 entry) {
        return ReportRow{m_engine.status(entry), m_engine.targetPath(entry), m_reportMessage.value(entry)};
    });
}

void CliRunner::onFiles(const QList<FileEvent> &events)
{
    const CopyPlan *plan = m_engine.plan();
    for (const FileEvent &e : events) {
        if (!e.final || e.status == FileStatus::Cancelled)
            continue;
        const PlanEntry &entry = plan->entries[size_t(e.entry)];
        if (m_report) {
            if (!e.message.isEmpty())
                m_reportMessage.insert(e.entry, e.message);
            else
                m_reportMessage.remove(e.entry);
        }
        const bool failed = e.status == FileStatus::Failed || e.status == FileStatus::VerifiedFailed;
        // Most files need no words: their paths are made only to be printed.
        if (!m_command.options.dryRun && !m_json && !failed && entry.kind != EntryKind::Special)
            continue;
        const QByteArray source = plan->sourcePath(e.entry);
        const QByteArray target = e.destination.isEmpty() ? plan->targetPath(e.entry) : e.destination;
        if (m_command.options.dryRun) {
            QByteArray action;
            switch (e.status) {
            case FileStatus::Copied: action = "copy"; break;
            case FileStatus::Skipped: action = "skip"; break;
            case FileStatus::Pending: action = "ask"; break;
            default: action = "refuse"; break;
            }
            QByteArray line = action + '\t' + source + " -> " + target;
            if (!e.message.isEmpty() && e.status != FileStatus::Copied)
                line += " (" + e.message.toUtf8() + ')';
            line += '\n';
            std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
            continue;
        }
        if (failed)
            err(QStringLiteral("%1 '%2': %3").arg(statusName(e.status), displayPath(source), e.message));
        else if (entry.kind == EntryKind::Special)
            err(QStringLiteral("warning: '%1' is %2").arg(displayPath(source), e.message));
        if (m_json) {
            QJsonObject o;
            o.insert(QStringLiteral("type"), QStringLiteral("file"));
            o.insert(QStringLiteral("source"), displayPath(source));
            o.insert(QStringLiteral("destination"), displayPath(target));
            o.insert(QStringLiteral("status"), statusName(e.status));
            o.insert(QStringLiteral("message"), e.message);
            o.insert(QStringLiteral("size"), entry.size);
            printJson(QJsonDocument(o).toJson(QJsonDocument::Compact));
        }
    }
    if (m_command.options.dryRun)
        std::fflush(stdout);
}

void CliRunner::onProgress(const Progress &p)
{
    if (m_json) {
        QJsonObject o;
        o.insert(QStringLiteral("type"), QStringLiteral("progress"));
        o.insert(QStringLiteral("phase"), phaseName(p.phase));
        o.insert(QStringLiteral("bytes_done"), p.bytesDone);
        o.insert(QStringLiteral("bytes_total"), p.bytesTotal);
        o.insert(QStringLiteral("files_done"), p.filesDone);
        o.insert(QStringLiteral("files_total"), p.filesTotal);
        o.insert(QStringLiteral("bytes_per_second"), qint64(p.bytesPerSecond));
        o.insert(QStringLiteral("seconds_left"), p.secondsLeft < 0 ? QJsonValue() : QJsonValue(qint64(p.secondsLeft + 0.5)));
        o.insert(QStringLiteral("paused"), p.paused);
        printJson(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    if (m_bar && p.phase != Phase::Done)
        printBar(p, false);
}

void CliRunner::printJson(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void CliRunner::printBar(const Progress &p, bool last)
{
    const int width = 30;
    const double fraction = p.bytesTotal > 0 ? double(p.bytesDone) / double(p.bytesTotal)
                                             : (p.filesTotal > 0 ? double(p.filesDone) / double(p.filesTotal) : 0.0);
    // The bar reaches its end only when the data is on the disk.
    const bool complete = p.phase == Phase::Done;
    int filled = int(fraction * width);
    if (!complete)
        filled = qMin(filled, width - 1);
    QString phase;
    if (p.phase == Phase::Scan)
        phase = QStringLiteral("scanning ");
    else if (p.phase == Phase::Flush)
        phase = QStringLiteral("flushing to disk ");
    else if (p.paused)
        phase = QStringLiteral("paused ");
    const QString line = QStringLiteral("\r[%1%2] %3%  %4 / %5  %6/s  %7 left  %8/%9 files %10\x1b[K")
        .arg(QString(filled, QLatin1Char('#')), QString(width - filled, QLatin1Char('.')))
        .arg(complete ? 100 : qMin(99, int(fraction * 100)))
        .arg(size(p.bytesDone), size(p.bytesTotal), size(qint64(p.bytesPerSecond)), duration(p.secondsLeft))
        .arg(p.filesDone).arg(p.filesTotal).arg(phase);
    const QByteArray bytes = line.toUtf8() + (last ? "\n" : "");
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
    m_barShown = true;
}

void CliRunner::onFinished(const Summary &s)
{
    if (m_bar && m_barShown && !s.refused)
        printBar(m_engine.progress(), true);
    if (s.refused) {
        err(s.error);
        m_exitCode = 2;
    } else {
        if (!s.error.isEmpty())
            err(s.error);
        for (const QString &note : s.notes)
            err(QStringLiteral("note: ") + note);
        if (m_report) {
            writeReport();
            QString error;
            if (!m_report->close(&error))
                err(error);
            m_report.reset();
        }
        if (s.cancelled || m_interrupted) {
            err(QStringLiteral("cancelled: %1 copied, %2 skipped, %3 failed").arg(s.copied + s.moved).arg(s.skipped).arg(s.failed));
            m_exitCode = 130;
        } else if (s.failed > 0 || !s.error.isEmpty()) {
            err(QStringLiteral("%1 of %2 files failed").arg(s.failed).arg(s.copied + s.moved + s.skipped + s.failed));
            m_exitCode = 1;
        } else {
            m_exitCode = 0;
        }
        if (m_bar && !s.cancelled)
            err(QStringLiteral("%1 copied, %2 skipped, %3 failed; %4 in %5 s")
                    .arg(s.copied + s.moved).arg(s.skipped).arg(s.failed).arg(size(s.bytesCopied))
                    .arg(s.seconds, 0, 'f', 1));
    }
    Q_EMIT done(m_exitCode);
}

} // namespace Ferry
