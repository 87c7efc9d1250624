#include "RateBox.h"

#include "RateLimit.h"

#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>

namespace Ferry {

namespace {
constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 Presets[] = {0, 100 * MiB, 50 * MiB, 10 * MiB, 1 * MiB};
constexpr qint64 Other = -1;
} // namespace

RateBox::RateBox(QWidget *parent)
    : QComboBox(parent)
{
    for (const qint64 rate : Presets)
        addItem(rateName(rate), rate);
    addItem(tr("Other…"), Other);
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setToolTip(tr("Copy at most this fast"));
    connect(this, &QComboBox::activated, this, &RateBox::onActivated);
}

QString RateBox::rateName(qint64 bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return tr("Unlimited");
    // In the units the speeds are shown in (KiB, MiB), whole where the limit is.
    qint64 unit = 1;
    while (unit < (qint64(1) << 40) && bytesPerSecond >= unit * 1024)
        unit *= 1024;
    const int precision = bytesPerSecond % unit == 0 ? 0 : 1;
    return tr("%1/s").arg(QLocale().formattedDataSize(bytesPerSecond, precision));
}

void RateBox::setRate(qint64 bytesPerSecond)
{
    m_rate = qMax<qint64>(0, bytesPerSecond);
    int index = findData(m_rate);
    if (index < 0) {
        // A typed-in value gets an item of its own, before "Other…".
        insertItem(count() - 1, rateName(m_rate), m_rate);
        index = findData(m_rate);
    }
    setCurrentIndex(index);
}

void RateBox::onActivated(int index)
{
    qint64 rate = itemData(index).toLongLong();
    if (rate == Other) {
        bool ok = false;
        const QString text = QInputDialog::getText(this, tr("Speed limit"),
                                                   tr("Bytes per second (k, M and G multiply by 1024; 0 for none):"),
                                                   QLineEdit::Normal, QString::fromLatin1(rateText(m_rate)), &ok);
        QString why;
        if (!ok || !parseRate(text.toUtf8(), &rate, &why)) {
            if (ok)
                QMessageBox::warning(this, tr("Speed limit"), why);
            setRate(m_rate); // back to what it was
            return;
        }
    }
    setRate(rate);
    Q_EMIT rateChosen(m_rate);
}

} // namespace Ferry
