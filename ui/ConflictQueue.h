#pragma once

#include "CopyTypes.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace Ferry {

class ConflictDialog;
class QueuedJob;

// The questions of every job, asked one at a time in the one conflict dialog, each answer sent
// back to the job that asked. Where the person chose to skip files that are probably the same
// (same size and time), such questions of that job are answered without asking.
class ConflictQueue : public QObject
{
    Q_OBJECT
public:
    ConflictQueue(ConflictDialog *dialog, QObject *parent = nullptr);

    void ask(QueuedJob *job, const ConflictQuestion &question);
    // The job ended or went away: its questions are dropped.
    void forget(QueuedJob *job);
    QueuedJob *askingJob() const { return m_asking; }
    static bool probablySame(const ConflictQuestion &question);

Q_SIGNALS:
    void shown(Ferry::QueuedJob *job, Ferry::ConflictDialog *dialog);

private:
    struct Pending {
        QPointer<QueuedJob> job;
        ConflictQuestion question;
    };
    void onAnswered(qint32 entry, ConflictAnswer answer, bool applyToAll);
    void showNext();

    ConflictDialog *m_dialog;
    QList<Pending> m_pending;
    QPointer<QueuedJob> m_asking;
    QSet<QueuedJob *> m_skipSame;
};

} // namespace Ferry
