#include "LauncherProgress.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QGuiApplication>
#include <QVariantMap>

#include <cmath>

namespace Ferry {

namespace {
// Sends an Update signal on the session bus when what it says changes; a desktop with no listener
// simply lets it pass.
class UnityLauncherEntry final : public LauncherProgress
{
public:
    void update(double fraction, int jobs, bool urgent) override
    {
        const bool visible = fraction >= 0 && jobs > 0;
        // Whole per-mille steps: the signal is not worth sending for less.
        const int perMille = visible ? int(std::lround(fraction * 1000)) : -1;
        if (m_sent && perMille == m_perMille && jobs == m_jobs && urgent == m_urgent)
            return;
        m_sent = true;
        m_perMille = perMille;
        m_jobs = jobs;
        m_urgent = urgent;
        QVariantMap properties;
        properties.insert(QStringLiteral("progress"), visible ? perMille / 1000.0 : 0.0);
        properties.insert(QStringLiteral("progress-visible"), visible);
        properties.insert(QStringLiteral("count"), qint64(jobs));
        properties.insert(QStringLiteral("count-visible"), jobs > 1);
        properties.insert(QStringLiteral("urgent"), urgent);
        QDBusMessage message = QDBusMessage::createSignal(QStringLiteral("/com/ferry/LauncherEntry"),
                                                          QStringLiteral("com.canonical.Unity.LauncherEntry"),
                                                          QStringLiteral("Update"));
        message << appUri() << properties;
        QDBusConnection::sessionBus().send(message);
    }

private:
    static QString appUri()
    {
        QString id = QGuiApplication::desktopFileName();
        if (id.isEmpty())
            id = QStringLiteral("ferry");
        return QStringLiteral("application://%1.desktop").arg(id);
    }

    bool m_sent = false;
    int m_perMille = -1;
    int m_jobs = 0;
    bool m_urgent = false;
};
} // namespace

LauncherProgress *LauncherProgress::create()
{
    return new UnityLauncherEntry;
}

} // namespace Ferry
