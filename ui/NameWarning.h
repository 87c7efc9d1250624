#pragma once

#include "CopyTypes.h"
#include "NameCheck.h"
#include "Prompts.h"

#include <QFutureWatcher>
#include <QObject>

#include <functional>

class QWidget;

namespace Ferry {

// Before a job is queued: where the destination cannot take some of its names (FAT, exFAT, NTFS,
// a case-insensitive disk) or two of its files would land on one name, says so and asks what to
// do: write those names with '_' for what the disk refuses, copy the others, or not copy now.
// The scan runs off the window's thread; a job with nothing to say is queued at once.
class NameWarning : public QObject
{
    Q_OBJECT
public:
    NameWarning(QWidget *window, const Prompts *prompts);

    // Calls proceed(options) now, later, or never (the person chose not to copy), with
    // options.fixNames set when the person chose to replace characters.
    void check(const CopyOptions &options, std::function<void(const CopyOptions &)> proceed);
    bool isChecking() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    void checked(); // a check ended (whatever was chosen)

private:
    void onChecked();

    QWidget *m_window;
    const Prompts *m_prompts;
    QFutureWatcher<NameCheck> m_watcher;
    CopyOptions m_options;
    std::function<void(const CopyOptions &)> m_proceed;
};

} // namespace Ferry
