#include "ConflictResolver.h"

#include "ConflictQuestions.h"
#include "SystemError.h"
#include "TargetFolders.h"

#include <cerrno>

namespace Ferry {

namespace {
qint64 msecs(const timespec &t)
{
    return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}
} // namespace

QByteArray numberedName(const QByteArray &name, int n)
{
    qsizetype dot = name.lastIndexOf('.');
    if (dot <= 0)
        dot = name.size();
    QByteArray stem = name.left(dot);
    const QByteArray ext = name.mid(dot);
    const QByteArray tag = " (" + QByteArray::number(n) + ')';
    const qsizetype room = 255 - tag.size() - ext.size();
    if (stem.size() > room) {
        qsizetype cut = qMax<qsizetype>(room, 1);
        while (cut > 1 && (uchar(stem.at(cut)) & 0xC0) == 0x80)
            --cut;
        stem.truncate(cut);
    }
    return stem + tag + ext;
}

ConflictResolver::ConflictResolver(const CopyOptions &options, const CopyPlan &plan, TargetFolders &folders,
                                   ConflictQuestions &questions, fs::FileSystem &fs)
    : m_options(options)
    , m_plan(plan)
    , m_folders(folders)
    , m_questions(questions)
    , m_fs(fs)
{
}

bool ConflictResolver::sameLink(qint32 entry, const fs::FileInfo &target, const QByteArray &targetPath)
{
    QByteArray there;
    return m_plan.entries[size_t(entry)].kind == EntryKind::Symlink && target.kind == fs::Kind::Symlink
        && m_fs.readLink(targetPath, &there) == 0 && there == m_plan.linkTarget(entry);
}

ConflictResolver::Target ConflictResolver::decide(qint32 entry, ConflictPolicy policy, bool dryRun, bool recheck)
{
    const PlanEntry &e = m_plan.entries[size_t(entry)];
    const PlanDir &dir = m_plan.dirs[size_t(e.dir)];
    Target t;
    t.name = m_plan.targetName(entry);
    if (!m_folders.usable(e.dir)) {
        t.decision = Decision::Fail;
        t.message = m_folders.error(e.dir);
        return t;
    }
    // In a folder this job made, nothing is there to meet: skip the look. Should a file appear
    // meanwhile, putting the copy in place fails with EEXIST and the policy decides then.
    if (m_folders.created(e.dir) && !dryRun && !recheck) {
        t.unchecked = true;
        return t;
    }
    const TargetFolders::Handle folder = m_folders.handle(e.dir, TargetFolders::TargetSide);
    fs::FileInfo st;
    int err = folder.error();
    if (err == 0)
        err = m_fs.stat(folder.get(), t.name, false, &st);
    if (err != 0) {
        if (err == ENOENT) // nothing there (in a dry run, maybe not even the folder)
            return t;
        t.decision = Decision::Fail;
        t.message = tr("cannot check the destination: %1").arg(errnoText(err));
        return t;
    }
    if (st.kind == fs::Kind::Folder && policy != ConflictPolicy::Rename && policy != ConflictPolicy::Skip) {
        t.decision = Decision::Fail;
        t.message = tr("a folder with this name is at the destination");
        return t;
    }
    switch (policy) {
    case ConflictPolicy::Skip:
        t.decision = Decision::Skip;
        t.message = tr("already exists");
        return t;
    case ConflictPolicy::Overwrite:
        t.decision = Decision::Replace;
        return t;
    case ConflictPolicy::Update:
        if (upToDate(e, st, m_plan.volume.timeGranularityNs) || sameLink(entry, st, joinPath(dir.target, t.name))) {
            t.decision = Decision::Skip;
            t.message = tr("up to date");
        } else {
            t.decision = Decision::Replace;
        }
        return t;
    case ConflictPolicy::Rename:
        for (int n = 2; n < 100000; ++n) {
            const QByteArray candidate = numberedName(m_plan.targetName(entry), n);
            fs::FileInfo there;
            const int looked = m_fs.stat(folder.get(), candidate, false, &there);
            if (looked == ENOENT) {
                t.name = candidate;
                return t;
            }
            if (looked != 0) { // a name too long for a number, say: no numbered name will do
                t.decision = Decision::Fail;
                t.message = tr("no numbered name can be made for it: %1").arg(errnoText(looked));
                return t;
            }
        }
        t.decision = Decision::Fail;
        t.message = tr("no numbered name is free for it");
        return t;
    case ConflictPolicy::Ask: {
        t.decision = Decision::Ask;
        ConflictQuestion q;
        q.entry = entry;
        q.source = joinPath(dir.source, m_plan.name(entry));
        q.target = joinPath(dir.target, t.name);
        q.sourceSize = e.size;
        q.targetSize = st.size;
        q.sourceMtimeMs = msecs(e.mtime());
        q.targetMtimeMs = msecs(st.mtime);
        if (!dryRun)
            m_questions.ask(q);
        t.message = tr("exists; waiting for a decision");
        return t;
    }
    }
    return t;
}

int ConflictResolver::commit(qint32 entry, Target *target, const Publish &publish)
{
    int err = publish(target->name, target->decision == Decision::Replace);
    if (err == 0)
        return 0;
    if (err == EEXIST && target->unchecked) {
        // Something appeared in a folder this job made: the policy decides, without asking.
        const ConflictPolicy policy = m_options.conflict == ConflictPolicy::Ask ? ConflictPolicy::Skip : m_options.conflict;
        *target = decide(entry, policy, false, true);
        if (target->decision == Decision::Skip || target->decision == Decision::Fail)
            return EEXIST;
        err = publish(target->name, target->decision == Decision::Replace);
        if (err == 0)
            return 0;
    }
    // Someone made the name while we copied: only "rename" looks for another.
    if (target->decision == Decision::Replace || err != EEXIST || m_options.conflict != ConflictPolicy::Rename)
        return err;
    const QByteArray &name = m_plan.targetName(entry);
    for (int n = 2; n < 100000; ++n) {
        target->name = numberedName(name, n);
        err = publish(target->name, false);
        if (err != EEXIST)
            return err;
    }
    return err;
}

} // namespace Ferry
