#include "LauncherProgress.h"

namespace Ferry {

// macOS (the Dock tile) is still to be written; until then the progress shows in the window and
// its title only.
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
