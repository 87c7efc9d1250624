#include "Application.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

// Outside any namespace, as Q_INIT_RESOURCE requires: the resources live in a static library,
// whose initialiser the linker would otherwise drop.
static void initResources()
{
    Q_INIT_RESOURCE(ferry);
}

namespace Ferry {

void initApplication(QCoreApplication *app)
{
    initResources();
    QCoreApplication::setOrganizationName(QStringLiteral("Ferry"));
    QCoreApplication::setApplicationName(QStringLiteral("Ferry"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    installTranslators(app);
}

bool installTranslators(QCoreApplication *app, const QLocale &locale)
{
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    auto *ferry = new QTranslator(app);
    if (ferry->load(locale, QStringLiteral("ferry"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(ferry);
        return true;
    }
    delete ferry;
    return false;
}

QIcon applicationIcon()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/ferry-%1.png").arg(size), QSize(size, size));
    return icon;
}

} // namespace Ferry
