#include "DestinationField.h"
#include "fs/FileSystem.h"

#include "CopyPlan.h"
#include "LocalPaths.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>


namespace Ferry {

namespace {
// A single local folder, or nothing.
QByteArray droppedFolder(const QMimeData *mime)
{
    const QList<QByteArray> paths = localPathsFromMime(mime);
    if (paths.size() != 1 || pathKind(paths.first()) != PathKind::Folder)
        return QByteArray();
    return paths.first();
}

// The nearest folder of the path that exists (the path itself, or one of its parents).
QByteArray existingAncestor(const QByteArray &path)
{
    QByteArray p = path;
    while (!p.isEmpty() && pathKind(p) == PathKind::Missing && p != "/")
        p = parentPath(p);
    return p;
}
} // namespace

DestinationField::DestinationField(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_note(new QLabel(this))
{
    setAcceptDrops(true);
    // Drops on the field itself come here, not to the line edit's own text drop.
    m_edit->setAcceptDrops(false);
    m_edit->setPlaceholderText(tr("Choose or drop the folder to copy into"));
    m_edit->setAccessibleName(tr("Destination folder"));
    m_edit->setClearButtonEnabled(true);
    m_browse->setAccessibleName(tr("Choose the destination folder"));
    m_note->setObjectName(QStringLiteral("destinationNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    row->addWidget(m_browse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_note);
    setFocusProxy(m_edit);

    connect(m_edit, &QLineEdit::textChanged, this, &DestinationField::changed);
    connect(m_browse, &QPushButton::clicked, this, &DestinationField::browse);
    connect(this, &DestinationField::changed, this, &DestinationField::refresh);
    refresh();
}

QByteArray DestinationField::path() const
{
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty())
        return QByteArray();
    QString expanded = text;
    if (expanded == QLatin1String("~") || expanded.startsWith(QLatin1String("~/")))
        expanded.replace(0, 1, QStandardPaths::writableLocation(QStandardPaths::HomeLocation));
    return normalizePath(fs::pathFromText(expanded));
}

void DestinationField::setPath(const QByteArray &path)
{
    m_edit->setText(displayPath(path));
}

QString DestinationField::problem() const
{
    const QByteArray p = path();
    if (p.isEmpty())
        return tr("Choose the folder to copy into.");
    switch (pathKind(p)) {
    case PathKind::Folder:
        if (!fs::mayWriteIn(p))
            return tr("You cannot write to “%1”.").arg(displayPath(p));
        return QString();
    case PathKind::File:
    case PathKind::Other: return tr("“%1” is not a folder.").arg(displayPath(p));
    case PathKind::Missing: break;
    }
    const QByteArray ancestor = existingAncestor(p);
    if (pathKind(ancestor) != PathKind::Folder)
        return tr("“%1” is not a folder.").arg(displayPath(ancestor));
    if (!fs::mayWriteIn(ancestor))
        return tr("“%1” cannot be created: you cannot write to “%2”.").arg(displayPath(p), displayPath(ancestor));
    return QString();
}

QString DestinationField::note() const
{
    const QString error = problem();
    if (!error.isEmpty())
        return error;
    if (pathKind(path()) == PathKind::Missing)
        return tr("The folder will be created.");
    return QString();
}

QString DestinationField::noteText() const
{
    return m_note->text();
}

void DestinationField::refresh()
{
    const QString text = note();
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

void DestinationField::browse()
{
    QString start = m_edit->text();
    if (start.isEmpty())
        start = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose the destination folder"), start);
    if (!folder.isEmpty())
        m_edit->setText(folder);
}

void DestinationField::dragEnterEvent(QDragEnterEvent *event)
{
    if (droppedFolder(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void DestinationField::dragMoveEvent(QDragMoveEvent *event)
{
    if (droppedFolder(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void DestinationField::dropEvent(QDropEvent *event)
{
    const QByteArray folder = droppedFolder(event->mimeData());
    if (folder.isEmpty()) {
        event->ignore();
        return;
    }
    setPath(folder);
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

} // namespace Ferry
