#pragma once

#include <QIcon>
#include <QLocale>

class QCoreApplication;

namespace Ferry {

// What main() and the tests set up before a window: names (for QSettings), the resources, and
// the translators for the system's language.
void initApplication(QCoreApplication *app);
// Loads Ferry's and Qt's own translations for the locale; returns false if Ferry has none for it
// (then English is shown).
bool installTranslators(QCoreApplication *app, const QLocale &locale = QLocale());
QIcon applicationIcon();

} // namespace Ferry
