#include "LauncherProgress.h"

namespace Ferry {

// Windows (the taskbar button, ITaskbarList3) and macOS (the Dock tile) are still to be written;
// until then the progress shows in the window and its title only.
namespace {
class NoLauncherProgress final : public LauncherProgress
{
public:
    void update(double, int, bool) override {}
};
} // namespace

LauncherProgress *LauncherProgress::create()
{
    return new NoLauncherProgress;
}

} // namespace Ferry
