#include "NameWarning.h"

#include <QLocale>
#include <QWidget>
#include <QtConcurrent>

namespace Ferry {

namespace {
constexpr int Listed = 8; // problems named in the message; the rest are counted
} // namespace

NameWarning::NameWarning(QWidget *window, const Prompts *prompts)
    : QObject(window)
    , m_window(window)
    , m_prompts(prompts)
{
    connect(&m_watcher, &QFutureWatcher<NameCheck>::finished, this, &NameWarning::onChecked);
}

void NameWarning::check(const CopyOptions &options, std::function<void(const CopyOptions &)> proceed)
{
    if (m_watcher.isRunning() || !NameCheck::worthChecking(options)) {
        proceed(options);
        return;
    }
    m_options = options;
    m_proceed = std::move(proceed);
    m_watcher.setFuture(QtConcurrent::run([options] { return NameCheck::run(options); }));
}

void NameWarning::onChecked()
{
    const NameCheck result = m_watcher.result();
    const auto proceed = std::exchange(m_proceed, {});
    // Nothing to say, or a refusal the job itself will report: on as asked.
    if (result.problems.isEmpty() || !result.refusal.isEmpty()) {
        proceed(m_options);
        Q_EMIT checked();
        return;
    }
    QStringList lines;
    for (qsizetype i = 0; i < result.problems.size() && i < Listed; ++i)
        lines.append(QStringLiteral("• %1: %2").arg(displayPath(result.problems[i].source), result.problems[i].why));
    if (result.problems.size() > Listed)
        lines.append(tr("… and %1 more").arg(QLocale().toString(result.problems.size() - Listed)));
    const QString text = tr("These files cannot be copied to “%1” under their names (%2 in all):")
                             .arg(displayPath(m_options.destination), QLocale().toString(result.problems.size()))
        + QStringLiteral("\n\n") + lines.join(QLatin1Char('\n'));
    QStringList answers;
    const bool offerFix = result.fixable > 0 && !m_options.fixNames;
    if (offerFix)
        answers.append(tr("Replace characters and copy"));
    answers.append(tr("Copy the others"));
    answers.append(tr("Do not copy"));
    const int chosen = m_prompts->choose ? m_prompts->choose(m_window, tr("Names this destination cannot take"), text, answers)
                                         : int(answers.size() - 2); // nobody to ask: the others are copied
    if (offerFix && chosen == 0) {
        CopyOptions fixing = m_options;
        fixing.fixNames = true;
        proceed(fixing);
    } else if (chosen >= 0 && chosen == answers.size() - 2) {
        proceed(m_options);
    }
    Q_EMIT checked();
}

} // namespace Ferry
