#include "Prompts.h"

#include <QMessageBox>

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
    return p;
}

} // namespace Ferry
