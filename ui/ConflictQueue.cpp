#include "ConflictQueue.h"

#include "ConflictDialog.h"
#include "JobRunner.h"
#include "QueuedJob.h"

#include <QTimer>

namespace Ferry {

ConflictQueue::ConflictQueue(ConflictDialog *dialog, QObject *parent)
    : QObject(parent)
    , m_dialog(dialog)
{
    connect(dialog, &ConflictDialog::answered, this, &ConflictQueue::onAnswered);
    connect(dialog, &ConflictDialog::skipSameChosen, this, [this] {
        if (m_asking)
            m_skipSame.insert(m_asking);
    });
}

bool ConflictQueue::probablySame(const ConflictQuestion &q)
{
    return q.sourceSize == q.targetSize && q.sourceMtimeMs == q.targetMtimeMs;
}

void ConflictQueue::ask(QueuedJob *job, const ConflictQuestion &question)
{
    if (m_skipSame.contains(job) && probablySame(question)) {
        // Answered after this signal returns: the engine is still handing out its questions.
        QPointer<QueuedJob> guard(job);
        QTimer::singleShot(0, this, [guard, question] {
            if (guard && guard->isStarted())
                guard->runner()->answerConflict(question.entry, ConflictAnswer::Skip, false);
        });
        return;
    }
    m_pending.append(Pending{job, question});
    if (!m_asking)
        showNext();
}

void ConflictQueue::forget(QueuedJob *job)
{
    m_skipSame.remove(job);
    m_pending.erase(std::remove_if(m_pending.begin(), m_pending.end(),
                                   [job](const Pending &p) { return p.job == job || !p.job; }),
                    m_pending.end());
    if (m_asking == job) {
        m_asking = nullptr;
        m_dialog->hide();
        showNext();
    }
}

void ConflictQueue::showNext()
{
    while (!m_pending.isEmpty() && !m_asking) {
        const Pending next = m_pending.takeFirst();
        if (!next.job)
            continue;
        m_asking = next.job;
        m_dialog->ask(next.question);
        Q_EMIT shown(next.job, m_dialog);
    }
}

void ConflictQueue::onAnswered(qint32 entry, ConflictAnswer answer, bool applyToAll)
{
    QPointer<QueuedJob> job = m_asking;
    m_asking = nullptr;
    if (job)
        job->runner()->answerConflict(entry, answer, applyToAll);
    if (job && m_skipSame.contains(job)) {
        // The questions already waiting that the choice covers.
        for (qsizetype i = m_pending.size() - 1; i >= 0; --i) {
            const Pending &p = m_pending[i];
            if (p.job == job && probablySame(p.question)) {
                job->runner()->answerConflict(p.question.entry, ConflictAnswer::Skip, false);
                m_pending.removeAt(i);
            }
        }
    }
    // The runner may have asked again while answering: that showed the dialog already.
    if (!m_asking)
        showNext();
}

} // namespace Ferry
