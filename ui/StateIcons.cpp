#include "StateIcons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace Ferry {

namespace {
// A round badge with a sign, drawn rather than shipped so it is sharp at any scale and reads on
// light and dark backgrounds alike (saturated fill, white sign, no outline colour from the palette).
QPixmap drawBadge(FileStatusModel::State state, int size)
{
    using State = FileStatusModel::State;
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    const QRectF disc(s * 0.06, s * 0.06, s * 0.88, s * 0.88);
    QColor fill;
    switch (state) {
    case State::Pending:
    case State::Cancelled: fill = QColor(0x8a, 0x8f, 0x98); break;
    case State::Copying: fill = QColor(0x1e, 0x78, 0xd7); break;
    case State::Waiting: fill = QColor(0xe0, 0x8a, 0x00); break;
    case State::Copied:
    case State::Moved: fill = QColor(0x1f, 0x9d, 0x55); break;
    case State::Skipped: fill = QColor(0x6b, 0x72, 0x80); break;
    case State::Failed:
    case State::VerifyFailed: fill = QColor(0xd9, 0x30, 0x25); break;
    }
    QPen sign(Qt::white, qMax(1.5, s * 0.12), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    if (state == State::Pending || state == State::Cancelled) {
        p.setPen(QPen(fill, qMax(1.2, s * 0.1)));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(disc.adjusted(s * 0.05, s * 0.05, -s * 0.05, -s * 0.05));
        if (state == State::Cancelled)
            p.drawLine(QPointF(s * 0.3, s * 0.7), QPointF(s * 0.7, s * 0.3));
        return pixmap;
    }
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawEllipse(disc);
    p.setPen(sign);
    p.setBrush(Qt::NoBrush);
    QPainterPath path;
    switch (state) {
    case State::Copied:
        path.moveTo(s * 0.28, s * 0.52);
        path.lineTo(s * 0.44, s * 0.68);
        path.lineTo(s * 0.72, s * 0.34);
        break;
    case State::Copying:
    case State::Moved:
        path.moveTo(s * 0.28, s * 0.5);
        path.lineTo(s * 0.70, s * 0.5);
        path.moveTo(s * 0.52, s * 0.32);
        path.lineTo(s * 0.70, s * 0.5);
        path.lineTo(s * 0.52, s * 0.68);
        break;
    case State::Skipped:
        path.moveTo(s * 0.3, s * 0.5);
        path.lineTo(s * 0.7, s * 0.5);
        break;
    case State::Failed:
    case State::VerifyFailed:
        path.moveTo(s * 0.34, s * 0.34);
        path.lineTo(s * 0.66, s * 0.66);
        path.moveTo(s * 0.66, s * 0.34);
        path.lineTo(s * 0.34, s * 0.66);
        break;
    case State::Waiting:
        path.moveTo(s * 0.5, s * 0.28);
        path.lineTo(s * 0.5, s * 0.56);
        path.moveTo(s * 0.5, s * 0.72);
        path.lineTo(s * 0.5, s * 0.73);
        break;
    case State::Pending:
    case State::Cancelled: break;
    }
    p.drawPath(path);
    return pixmap;
}
} // namespace

QIcon makeStateIcon(FileStatusModel::State state)
{
    QIcon icon;
    for (int size : {16, 24, 32, 48})
        icon.addPixmap(drawBadge(state, size));
    return icon;
}

} // namespace Ferry
