#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace Ferry {

// How the window asks and tells through modal boxes; tests replace these so nothing blocks.
struct Prompts {
    std::function<void(QWidget *parent, const QString &title, const QString &text)> error;
    std::function<bool(QWidget *parent, const QString &title, const QString &text)> confirm;
    // One of several answers, the first the default; returns its index, or -1 when closed.
    std::function<int(QWidget *parent, const QString &title, const QString &text, const QStringList &answers)> choose;
    static Prompts messageBoxes();
};

} // namespace Ferry
