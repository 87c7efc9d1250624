#pragma once

// Helpers for the window's tests: settings kept away from the person's, message boxes that
// never block, drops sent as a file manager sends them, and waiting for a job's end.

#include "Application.h"
#include "CopyTypes.h"
#include "JobRunner.h"
#include "OptionsPanel.h"
#include "MainWindow.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

namespace UiTest {

// Call first in initTestCase(): settings go to a test location and start empty.
inline void init()
{
    QStandardPaths::setTestModeEnabled(true);
    Ferry::initApplication(QCoreApplication::instance());
    QSettings().clear();
}

// What the window said through its message boxes.
struct Prompted {
    QStringList errors;
    QStringList questions;
    bool answer = true; // the answer to every question
    QStringList choices;        // title, text and answers offered, a line each, of every choice asked
    QString choose;             // the answer to give to a choice (by its words); empty: close it
};

inline void silence(Ferry::MainWindow *window, Prompted *prompted)
{
    Ferry::MainWindow::Prompts p;
    p.error = [prompted](QWidget *, const QString &title, const QString &text) {
        prompted->errors.append(title + QLatin1String(": ") + text);
    };
    p.confirm = [prompted](QWidget *, const QString &title, const QString &) {
        prompted->questions.append(title);
        return prompted->answer;
    };
    p.choose = [prompted](QWidget *, const QString &title, const QString &text, const QStringList &answers) {
        prompted->choices.append(title + QLatin1Char('\n') + text + QLatin1Char('\n') + answers.join(QLatin1Char('|')));
        return int(answers.indexOf(prompted->choose));
    };
    window->setPrompts(p);
}

inline QList<QUrl> fileUrls(const QList<QByteArray> &paths)
{
    QList<QUrl> urls;
    for (const QByteArray &path : paths)
        urls.append(QUrl::fromLocalFile(QString::fromUtf8(path)));
    return urls;
}

// Sends a drag-enter and, if it was accepted, the drop, as a file manager would. Returns whether
// the drop was accepted.
inline bool drop(QWidget *target, QMimeData *mime, bool *enterAccepted = nullptr)
{
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (enterAccepted)
        *enterAccepted = enter.isAccepted();
    if (!enter.isAccepted())
        return false;
    QDropEvent dropped(QPointF(pos), Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropped);
    return dropped.isAccepted();
}

inline bool dropPaths(QWidget *target, const QList<QByteArray> &paths)
{
    QMimeData mime;
    mime.setUrls(fileUrls(paths));
    return drop(target, &mime);
}

// Waits for the window's job to end; returns its summary (check the spy's count first).
inline bool waitFinished(QSignalSpy *spy, int timeoutMs = 60000)
{
    return spy->count() > 0 || spy->wait(timeoutMs);
}

inline Ferry::Summary summaryOf(const QSignalSpy &spy)
{
    return spy.isEmpty() ? Ferry::Summary() : spy.last().first().value<Ferry::Summary>();
}

} // namespace UiTest
