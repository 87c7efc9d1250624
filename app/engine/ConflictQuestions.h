#pragma once

#include "CopyTypes.h"

#include <QHash>
#include <QList>

#include <atomic>
#include <mutex>

namespace Ferry {

// Conflicts under ConflictPolicy::Ask: the workers post questions and go on with other files; the
// engine's thread takes the questions to the person and hands the answers back, and the answered
// entries are run again with the policy the answer chose. Thread-safe.
class ConflictQuestions
{
public:
    // The policy for this entry: the job's, or the answer given for it.
    ConflictPolicy policyFor(qint32 entry, ConflictPolicy jobPolicy) const;
    void ask(const ConflictQuestion &question);
    QList<ConflictQuestion> takeQuestions();
    void answer(qint32 entry, ConflictAnswer answer);
    QList<qint32> takeAnswered();
    qint64 unanswered() const { return m_unanswered.load(std::memory_order_acquire); }

private:
    // std::mutex rather than QMutex: ThreadSanitizer sees pthread locks, not Qt's futex path.
    mutable std::mutex m_mutex;
    QList<ConflictQuestion> m_questions;
    QHash<qint32, ConflictAnswer> m_answers;
    QList<qint32> m_answered;
    std::atomic<qint64> m_unanswered{0};
};

} // namespace Ferry
