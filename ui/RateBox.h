#pragma once

#include <QComboBox>

namespace Ferry {

// A speed limit to choose: Unlimited, 100, 50, 10 or 1 MB/s, or one typed in ("Other…", read as
// ferry-cli's --limit-rate reads it: 500k, 10M). The value is in bytes per second, 0 for none.
class RateBox : public QComboBox
{
    Q_OBJECT
public:
    explicit RateBox(QWidget *parent = nullptr);

    qint64 rate() const { return m_rate; }
    void setRate(qint64 bytesPerSecond);
    static QString rateName(qint64 bytesPerSecond);

Q_SIGNALS:
    void rateChosen(qint64 bytesPerSecond);

private:
    void onActivated(int index);

    qint64 m_rate = 0;
};

} // namespace Ferry
