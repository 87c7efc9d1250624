#pragma once

namespace Ferry {

// Progress shown outside the window, where the desktop shows it: the launcher or task manager
// entry on Linux (the com.canonical.Unity.LauncherEntry D-Bus signal, which KDE Plasma's task
// manager and GNOME's docks read), the taskbar button on Windows (ITaskbarList3). One
// implementation is compiled per platform; where there is none yet, updates do nothing.
class LauncherProgress
{
public:
    virtual ~LauncherProgress() = default;
    // fraction 0-1 of the active jobs, or -1 for none (the bar is hidden); jobs: how many are
    // active (the count shown on the entry); urgent: a question waits or something failed.
    virtual void update(double fraction, int jobs, bool urgent) = 0;

    static LauncherProgress *create();
};

} // namespace Ferry
