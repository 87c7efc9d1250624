#pragma once

#include "CliOptions.h"
#include "CopyEngine.h"
#include "ReportWriter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <cstdio>
#include <memory>
#include <vector>

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
    // The report's rows, written at the end in plan order: a file's last word wins (a copy whose
    // final flush failed is reported failed, once). A status byte a file (0: no row), plus the
    // messages and renamed destinations of the few files that have one.
    std::vector<quint8> m_reportStatus;
    QHash<qint32, QString> m_reportMessage;
    QHash<qint32, QByteArray> m_reportDestination;
    bool m_bar = false;
    bool m_json = false;
    bool m_interrupted = false;
    bool m_barShown = false;
    int m_exitCode = 0;
    QElapsedTimer m_lastBar;
};

} // namespace Ferry
