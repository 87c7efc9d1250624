#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace Ferry {

// How the window asks and tells through modal boxes; tests replace these so nothing blocks.
struct Prompts {
    std::function<void(QWidget *parent, const QString &title, const QString &text)> error;
    std::function<bool(QWidget *parent, const QString &title, const QString &text)> confirm;
    static Prompts messageBoxes();
};

} // namespace Ferry
