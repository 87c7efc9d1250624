#include "ConflictQuestions.h"

namespace Ferry {

ConflictPolicy ConflictQuestions::policyFor(qint32 entry, ConflictPolicy jobPolicy) const
{
    if (jobPolicy != ConflictPolicy::Ask)
        return jobPolicy;
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_answers.constFind(entry);
    if (it == m_answers.constEnd())
        return ConflictPolicy::Ask;
    switch (it.value()) {
    case ConflictAnswer::Overwrite: return ConflictPolicy::Overwrite;
    case ConflictAnswer::Skip: return ConflictPolicy::Skip;
    case ConflictAnswer::Rename: return ConflictPolicy::Rename;
    case ConflictAnswer::Update: return ConflictPolicy::Update;
    }
    return ConflictPolicy::Skip;
}

void ConflictQuestions::ask(const ConflictQuestion &question)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_questions.append(question);
    m_unanswered.fetch_add(1, std::memory_order_acq_rel);
}

QList<ConflictQuestion> ConflictQuestions::takeQuestions()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    QList<ConflictQuestion> out;
    out.swap(m_questions);
    return out;
}

void ConflictQuestions::answer(qint32 entry, ConflictAnswer a)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_answers.contains(entry))
        return;
    m_answers.insert(entry, a);
    m_answered.append(entry);
    m_unanswered.fetch_sub(1, std::memory_order_acq_rel);
}

QList<qint32> ConflictQuestions::takeAnswered()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    QList<qint32> out;
    out.swap(m_answered);
    return out;
}

} // namespace Ferry
