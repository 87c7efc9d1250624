#pragma once

#include "CopyTypes.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace Ferry {

// What a finished job did, and what can be done next: retry the failed files, export the report,
// open the destination.
class SummaryPanel : public QFrame
{
    Q_OBJECT
public:
    struct Counts {
        qint64 copied = 0;
        qint64 skipped = 0;
        qint64 failed = 0;
        qint64 notCopied = 0;
    };

    explicit SummaryPanel(QWidget *parent = nullptr);

    void show(const Summary &summary, const Counts &counts);
    QString text() const;
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *openButton() const { return m_open; }

Q_SIGNALS:
    void retryRequested();
    void exportRequested();
    void openRequested();

private:
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_retry;
    QPushButton *m_export;
    QPushButton *m_open;
};

} // namespace Ferry
