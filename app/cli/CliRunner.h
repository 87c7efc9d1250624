#pragma once

#include "CliOptions.h"
#include "CopyEngine.h"
#include "ReportWriter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <cstdio>
#include <memory>

namespace Ferry {

// Runs one command: the engine, its progress on the terminal or as JSON lines, the report, and
// the exit status.
class CliRunner : public QObject
{
    Q_OBJECT
public:
    explicit CliRunner(const CliCommand &command, QObject *parent = nullptr);
    void start();
    void interrupt(); // SIGINT or SIGTERM
    int exitCode() const { return m_exitCode; }

Q_SIGNALS:
    void done(int exitCode);

private:
    void onPlanned();
    void onFiles(const QList<Ferry::FileEvent> &events);
    void onProgress(const Ferry::Progress &progress);
    void onFinished(const Ferry::Summary &summary);
    void printBar(const Ferry::Progress &progress, bool last);
    void printJson(const QByteArray &line);
    void writeReport();

    CliCommand m_command;
    CopyEngine m_engine;
    std::unique_ptr<ReportWriter> m_report;
    // The report's rows are written at the end in plan order from the job's own statuses, so a
    // file's last word wins (a copy whose final flush failed is reported failed, once). The job
    // keeps no messages: the few files that have one keep it here.
    QHash<qint32, QString> m_reportMessage;
    bool m_bar = false;
    bool m_json = false;
    bool m_interrupted = false;
    bool m_barShown = false;
    int m_exitCode = 0;
    QElapsedTimer m_lastBar;
};

} // namespace Ferry
