#pragma once

#include <QByteArray>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Ferry {

// Where to copy to: a field, a Browse button, and a line under them that says what is wrong with
// the choice (or that the folder will be made). A folder dropped onto it becomes the destination.
class DestinationField : public QWidget
{
    Q_OBJECT
public:
    explicit DestinationField(QWidget *parent = nullptr);

    QByteArray path() const;
    void setPath(const QByteArray &path);
    // Why the job can't go there; empty when it can.
    QString problem() const;
    void refresh();

    QLineEdit *lineEdit() const { return m_edit; }
    QPushButton *browseButton() const { return m_browse; }
    QString noteText() const;

public Q_SLOTS:
    void browse();

Q_SIGNALS:
    void changed();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QString note() const;

    QLineEdit *m_edit;
    QPushButton *m_browse;
    QLabel *m_note;
};

} // namespace Ferry
