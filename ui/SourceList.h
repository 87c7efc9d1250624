#pragma once

#include <QByteArray>
#include <QList>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace Ferry {

// The files and folders to copy, with Add folder, Add files and Remove. The same path is never
// listed twice. Paths are kept as native bytes; the list shows them decoded.
class SourceList : public QWidget
{
    Q_OBJECT
public:
    explicit SourceList(QWidget *parent = nullptr);

    QList<QByteArray> paths() const;
    // Adds the paths not listed yet; returns how many were added.
    int addPaths(const QList<QByteArray> &paths);
    void clear();
    // Why the list can't be copied as it is (empty, or a path is gone); empty when it can.
    QString problem() const;
    void refresh(); // looks at the disk again

    QListWidget *listWidget() const { return m_list; }
    QPushButton *addFolderButton() const { return m_addFolder; }
    QPushButton *addFilesButton() const { return m_addFiles; }
    QPushButton *removeButton() const { return m_remove; }

public Q_SLOTS:
    void addFolder();
    void addFiles();
    void removeSelected();

Q_SIGNALS:
    void changed();

private:
    void updateButtons();

    QListWidget *m_list;
    QPushButton *m_addFolder;
    QPushButton *m_addFiles;
    QPushButton *m_remove;
    QLabel *m_problem;
};

} // namespace Ferry
