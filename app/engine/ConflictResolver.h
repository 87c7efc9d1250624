#pragma once

#include <QCoreApplication>

#include "CopyPlan.h"
#include "CopyTypes.h"
#include "fs/FileSystem.h"

#include <functional>

namespace Ferry {

class ConflictQuestions;
class TargetFolders;

// Decides what becomes of one entry at its target: write it, replace what is there, skip it,
// fail it, or ask; and, once the copy is complete, puts it in place under that decision, taking
// the next numbered name under "rename" when the chosen one was taken meanwhile.
class ConflictResolver
{
    Q_DECLARE_TR_FUNCTIONS(Ferry::CopyJob)
public:
    enum class Decision { Write, Replace, Skip, Fail, Ask };
    struct Target {
        Decision decision = Decision::Write;
        QByteArray name; // in the entry's target folder: its own name, or a "rename" one
        QString message;
        bool unchecked = false; // not looked at: the folder is new (see decide())
    };

    ConflictResolver(const CopyOptions &options, const CopyPlan &plan, TargetFolders &folders,
                     ConflictQuestions &questions, fs::FileSystem &fs);

    // dryRun: nothing is asked, only described. recheck: look even in a folder this job made.
    Target decide(qint32 entry, ConflictPolicy policy, bool dryRun, bool recheck = false);

    // Puts a finished copy in place per the decision through publish(name, replace), which returns
    // 0 or an errno. Returns 0, or the errno of the last attempt (EEXIST: the name was taken and
    // the policy keeps what is there).
    using Publish = std::function<int(const QByteArray &name, bool replace)>;
    int commit(qint32 entry, Target *target, const Publish &publish);

private:
    // Under "update": a link that already says what the source link says is up to date.
    bool sameLink(qint32 entry, const fs::FileInfo &target, const QByteArray &targetPath);

    const CopyOptions &m_options;
    const CopyPlan &m_plan;
    TargetFolders &m_folders;
    ConflictQuestions &m_questions;
    fs::FileSystem &m_fs;
};

// "name.ext" -> "name (n).ext"; a leading dot is part of the name. The result stays within the
// 255-byte limit by shortening the stem, never in the middle of a UTF-8 sequence.
QByteArray numberedName(const QByteArray &name, int n);

} // namespace Ferry
