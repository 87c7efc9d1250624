#include "SourceList.h"
#include "CopyTypes.h"
#include "fs/FileSystem.h"

#include "LocalPaths.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileIconProvider>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace Ferry {

namespace {
constexpr int PathRole = Qt::UserRole + 1;
} // namespace

SourceList::SourceList(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_addFolder(new QPushButton(tr("Add &folder…"), this))
    , m_addFiles(new QPushButton(tr("Add f&iles…"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_problem(new QLabel(this))
{
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setUniformItemSizes(true);
    m_list->setAccessibleName(tr("Sources"));
    m_list->setAccessibleDescription(tr("Files and folders to copy"));
    m_list->setToolTip(tr("Drop files or folders here to add them"));
    // A few rows: the file table below needs the room more.
    m_list->setMinimumHeight(fontMetrics().height() * 3 + 8);
    m_list->setMaximumHeight(fontMetrics().height() * 6 + 8);
    m_addFolder->setAccessibleName(tr("Add a folder to copy"));
    m_addFiles->setAccessibleName(tr("Add files to copy"));
    m_remove->setAccessibleName(tr("Remove the selected sources"));
    m_problem->setObjectName(QStringLiteral("sourceProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);

    auto *remove = new QAction(this);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(remove);
    connect(remove, &QAction::triggered, this, &SourceList::removeSelected);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_addFolder);
    buttons->addWidget(m_addFiles);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_problem);

    connect(m_addFolder, &QPushButton::clicked, this, &SourceList::addFolder);
    connect(m_addFiles, &QPushButton::clicked, this, &SourceList::addFiles);
    connect(m_remove, &QPushButton::clicked, this, &SourceList::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &SourceList::updateButtons);
    connect(this, &SourceList::changed, this, &SourceList::refresh);
    refresh();
}

QList<QByteArray> SourceList::paths() const
{
    QList<QByteArray> out;
    out.reserve(m_list->count());
    for (int i = 0; i < m_list->count(); ++i)
        out.append(m_list->item(i)->data(PathRole).toByteArray());
    return out;
}

int SourceList::addPaths(const QList<QByteArray> &paths)
{
    QList<QByteArray> listed = this->paths();
    static const QFileIconProvider icons;
    int added = 0;
    for (const QByteArray &given : paths) {
        const QByteArray path = normalizePath(given);
        if (path.isEmpty() || listed.contains(path))
            continue;
        listed.append(path);
        auto *item = new QListWidgetItem(displayPath(path), m_list);
        item->setData(PathRole, path);
        item->setIcon(icons.icon(pathKind(path) == PathKind::Folder ? QFileIconProvider::Folder : QFileIconProvider::File));
        ++added;
    }
    if (added > 0)
        Q_EMIT changed();
    return added;
}

void SourceList::clear()
{
    m_list->clear();
    Q_EMIT changed();
}

QString SourceList::problem() const
{
    if (m_list->count() == 0)
        return tr("Add the files or folders to copy, or drop them onto this window.");
    for (const QByteArray &path : paths()) {
        if (pathKind(path) == PathKind::Missing)
            return tr("“%1” does not exist.").arg(displayPath(path));
    }
    return QString();
}

void SourceList::refresh()
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const bool missing = pathKind(item->data(PathRole).toByteArray()) == PathKind::Missing;
        item->setToolTip(missing ? tr("This path does not exist") : QString());
        if (missing)
            item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    }
    const QString text = problem();
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
    updateButtons();
}

void SourceList::addFolder()
{
    const QString start = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add a folder to copy"), start);
    if (!folder.isEmpty())
        addPaths({fs::pathFromText(folder)});
}

void SourceList::addFiles()
{
    const QString start = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add files to copy"), start);
    QList<QByteArray> paths;
    for (const QString &file : files)
        paths.append(fs::pathFromText(file));
    addPaths(paths);
}

void SourceList::removeSelected()
{
    const QList<QListWidgetItem *> selected = m_list->selectedItems();
    if (selected.isEmpty())
        return;
    qDeleteAll(selected);
    Q_EMIT changed();
}

void SourceList::updateButtons()
{
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
}

} // namespace Ferry
