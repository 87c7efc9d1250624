// Compiled only by the engine_has_no_widgets test, which expects this to fail: engine code has
// Qt Core and Qt Concurrent on its include path, never Qt Widgets.
#include <QWidget>

int probe()
{
    return sizeof(QWidget);
}
