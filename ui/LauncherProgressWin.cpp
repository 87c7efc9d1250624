#include "LauncherProgress.h"

#include <QApplication>
#include <QWidget>

#include <windows.h>
#include <shobjidl.h>

namespace Ferry {

// Windows: the progress on the window's taskbar button (ITaskbarList3), red while a question
// waits or something failed. The count of jobs has no place there; the title has it.
namespace {
class TaskbarProgress final : public LauncherProgress
{
public:
    ~TaskbarProgress() override
    {
        if (m_taskbar)
            m_taskbar->Release();
    }

    void update(double fraction, int jobs, bool urgent) override
    {
        Q_UNUSED(jobs);
        if (!m_taskbar && !m_unavailable) {
            // Qt has initialised COM on this thread for its own use.
            void *taskbar = nullptr;
            if (FAILED(::CoCreateInstance(CLSID_TaskbarList, nullptr, CLSCTX_INPROC_SERVER, IID_ITaskbarList3, &taskbar))
                || FAILED(static_cast<ITaskbarList3 *>(taskbar)->HrInit())) {
                if (taskbar)
                    static_cast<ITaskbarList3 *>(taskbar)->Release();
                m_unavailable = true; // no taskbar (a server core, some shells)
                return;
            }
            m_taskbar = static_cast<ITaskbarList3 *>(taskbar);
        }
        const HWND window = mainWindow();
        if (!m_taskbar || !window)
            return;
        if (fraction < 0) {
            m_taskbar->SetProgressState(window, TBPF_NOPROGRESS);
            return;
        }
        m_taskbar->SetProgressState(window, urgent ? TBPF_ERROR : TBPF_NORMAL);
        m_taskbar->SetProgressValue(window, ULONGLONG(qBound(0.0, fraction, 1.0) * 1000), 1000);
    }

private:
    static HWND mainWindow()
    {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (w->isVisible() && !w->parentWidget() && w->windowType() == Qt::Window)
                return reinterpret_cast<HWND>(w->winId());
        }
        return nullptr;
    }

    ITaskbarList3 *m_taskbar = nullptr;
    bool m_unavailable = false;
};
} // namespace

LauncherProgress *LauncherProgress::create()
{
    return new TaskbarProgress;
}

} // namespace Ferry
