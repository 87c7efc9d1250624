#include "SummaryPanel.h"

#include "FileStatusModel.h"
#include "JobProgress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace Ferry {

SummaryPanel::SummaryPanel(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry f&ailed"), this))
    , m_export(new QPushButton(tr("&Export report…"), this))
    , m_open(new QPushButton(tr("&Open destination"), this))
{
    setFrameShape(QFrame::StyledPanel);
    m_text->setObjectName(QStringLiteral("summaryText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setAccessibleName(tr("Retry the failed files"));
    m_export->setAccessibleName(tr("Export the report as CSV"));
    m_open->setAccessibleName(tr("Open the destination folder"));

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    layout->addWidget(m_export);
    layout->addWidget(m_open);
    connect(m_retry, &QPushButton::clicked, this, &SummaryPanel::retryRequested);
    connect(m_export, &QPushButton::clicked, this, &SummaryPanel::exportRequested);
    connect(m_open, &QPushButton::clicked, this, &SummaryPanel::openRequested);
}

void SummaryPanel::show(const Summary &summary, const Counts &counts)
{
    const QLocale locale;
    QStringList parts;
    parts << tr("%1 copied").arg(locale.toString(counts.copied))
          << tr("%1 skipped").arg(locale.toString(counts.skipped))
          << tr("%1 failed").arg(locale.toString(counts.failed));
    if (counts.notCopied > 0)
        parts << tr("%1 not copied").arg(locale.toString(counts.notCopied));
    const double seconds = qMax(summary.seconds, 0.001);
    parts << tr("%1 in %2").arg(sizeText(locale, summary.bytesCopied), JobProgress::duration(summary.seconds))
          << tr("%1/s on average").arg(locale.formattedDataSize(qint64(double(summary.bytesCopied) / seconds), 1));
    QString text = parts.join(QStringLiteral(" · "));
    FileStatusModel::State state = FileStatusModel::State::Copied;
    if (summary.cancelled) {
        text = tr("Cancelled. Files already copied are kept.") + QLatin1Char('\n') + text;
        state = FileStatusModel::State::Cancelled;
    } else if (counts.failed > 0 || !summary.error.isEmpty()) {
        state = FileStatusModel::State::Failed;
    }
    if (!summary.error.isEmpty())
        text += QLatin1Char('\n') + summary.error;
    m_text->setText(text);
    m_icon->setPixmap(FileStatusModel::stateIcon(state).pixmap(32, 32));
    m_retry->setEnabled(counts.failed > 0);
    QFrame::show();
}

QString SummaryPanel::text() const
{
    return m_text->text();
}

} // namespace Ferry
