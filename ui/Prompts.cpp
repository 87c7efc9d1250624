#include "Prompts.h"

#include <QMessageBox>
#include <QPushButton>

namespace Ferry {

Prompts Prompts::messageBoxes()
{
    Prompts p;
    p.error = [](QWidget *parent, const QString &title, const QString &text) {
        QMessageBox::warning(parent, title, text);
    };
    p.confirm = [](QWidget *parent, const QString &title, const QString &text) {
        return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes;
    };
    p.choose = [](QWidget *parent, const QString &title, const QString &text, const QStringList &answers) {
        QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::NoButton, parent);
        QList<QAbstractButton *> buttons;
        for (const QString &answer : answers)
            buttons.append(box.addButton(answer, buttons.isEmpty() ? QMessageBox::AcceptRole : QMessageBox::ActionRole));
        if (!buttons.isEmpty())
            box.setDefaultButton(qobject_cast<QPushButton *>(buttons.first()));
        box.exec();
        return int(buttons.indexOf(box.clickedButton()));
    };
    return p;
}

} // namespace Ferry
