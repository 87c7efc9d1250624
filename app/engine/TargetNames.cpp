#include "TargetNames.h"

#include "ConflictResolver.h"

#include <QHash>

#include <vector>
#include <QString>

namespace Ferry {

namespace {
bool refusedCharacter(char c)
{
    const uchar u = uchar(c);
    return u < 0x20 || c == '<' || c == '>' || c == ':' || c == '"' || c == '\\' || c == '|' || c == '?' || c == '*';
}

// CON, PRN, AUX, NUL, COM1-9, LPT1-9, with or without an extension, in any case.
bool reservedName(const QByteArray &name)
{
    const qsizetype dot = name.indexOf('.');
    const QByteArray stem = (dot < 0 ? name : name.left(dot)).toUpper().trimmed();
    if (stem == "CON" || stem == "PRN" || stem == "AUX" || stem == "NUL")
        return true;
    return stem.size() == 4 && (stem.startsWith("COM") || stem.startsWith("LPT")) && stem.at(3) >= '1'
        && stem.at(3) <= '9';
}

// The length of the valid UTF-8 sequence at name[i], or 0 when the bytes there are not one.
int sequenceLength(const QByteArray &name, qsizetype i)
{
    const uchar c = uchar(name.at(i));
    const int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > name.size())
        return 0;
    for (int k = 1; k < n; ++k) {
        if ((uchar(name.at(i + k)) & 0xC0) != 0x80)
            return 0;
    }
    return n;
}

enum class Claim { File, Folder };
struct Owner {
    Claim claim;
    QByteArray name; // as the first one spelt it
    qint32 dir = -1; // the folder that claimed it (for a folder: itself)
};
} // namespace

QString TargetNames::cannotStore(const QByteArray &name, const fs::VolumeInfo &volume)
{
    if (!volume.windowsNames && !volume.asciiNamesOnly)
        return QString();
    // FAT, exFAT and NTFS keep names as UTF-16: bytes that are no UTF-8 have no name there.
    for (qsizetype i = 0; i < name.size();) {
        const int n = sequenceLength(name, i);
        if (n == 0)
            return tr("the destination's filesystem cannot store this name (it is not valid UTF-8)");
        if (n > 1 && volume.asciiNamesOnly)
            return tr("the destination's filesystem cannot store this name (it takes only ASCII letters)");
        i += n;
    }
    if (!volume.windowsNames)
        return QString();
    for (char c : name) {
        if (refusedCharacter(c))
            return tr("the destination's filesystem cannot store this name (it has '%1')")
                .arg(uchar(c) < 0x20 ? tr("a control character") : QString(QLatin1Char(c)));
    }
    if (name.endsWith('.') || name.endsWith(' '))
        return tr("the destination's filesystem cannot store this name (it ends with a dot or a space)");
    if (reservedName(name))
        return tr("the destination's filesystem cannot store this name (a name Windows reserves)");
    return QString();
}

QByteArray TargetNames::fixed(const QByteArray &name, const fs::VolumeInfo &volume)
{
    if (!volume.windowsNames && !volume.asciiNamesOnly)
        return name;
    QByteArray out;
    for (qsizetype i = 0; i < name.size();) {
        const int n = sequenceLength(name, i);
        if (n == 0 || (n > 1 && volume.asciiNamesOnly)) {
            out.append('_'); // a byte that is no character, or a character the volume refuses
            i += qMax(n, 1);
            continue;
        }
        if (n == 1 && volume.windowsNames && refusedCharacter(name.at(i)))
            out.append('_');
        else
            out.append(name.constData() + i, n);
        i += n;
    }
    if (!volume.windowsNames)
        return out;
    while (!out.isEmpty() && (out.endsWith('.') || out.endsWith(' ')))
        out.chop(1), out.append('_');
    if (reservedName(out)) {
        const qsizetype dot = out.indexOf('.');
        out.insert(dot < 0 ? out.size() : dot, '_');
    }
    return out;
}

QByteArray TargetNames::folded(const QByteArray &name)
{
    for (qsizetype i = 0; i < name.size();) {
        const int n = sequenceLength(name, i);
        if (n == 0)
            return name.toLower(); // not UTF-8: its bytes are its own (ASCII letters folded)
        i += n;
    }
    return QString::fromUtf8(name).toCaseFolded().toUtf8();
}

void TargetNames::resolve(CopyPlan *plan, const CopyOptions &options)
{
    const fs::VolumeInfo &volume = plan->volume;
    const bool insensitive = volume.caseInsensitive;
    auto key = [insensitive](const QByteArray &path) { return insensitive ? folded(path) : path; };
    QHash<QByteArray, Owner> taken;
    // The folders whose files may meet another's: those sharing a target with another folder of
    // the copy, and the destination itself (files named on the command line land there beside
    // the folders). In any other folder the names are its own listing's, distinct: a plain copy
    // of a million files looks at none of them here. A case-insensitive destination, or names
    // changed to fit it, can make any two meet.
    const bool checkAll = insensitive || (options.fixNames && (volume.windowsNames || volume.asciiNamesOnly));
    std::vector<char> check(plan->dirs.size(), checkAll ? 1 : 0);

    // Folders: a name the destination refuses is fixed (and the folders below follow), or the
    // folder cannot be made and everything in it fails with the reason.
    for (size_t i = 0; i < plan->dirs.size(); ++i) {
        PlanDir &d = plan->dirs[i];
        if (d.container) {
            check[i] = 1;
            continue;
        }
        const PlanDir *parent = d.parent >= 0 ? &plan->dirs[size_t(d.parent)] : nullptr;
        const QByteArray name = baseName(d.target);
        QByteArray stored = name;
        const QString why = cannotStore(name, volume);
        if (!why.isEmpty()) {
            if (options.fixNames)
                stored = fixed(name, volume);
            else
                d.error = tr("'%1': %2").arg(displayPath(d.source), why);
        }
        if (parent) {
            d.target = joinPath(parent->target, stored);
            if (d.error.isEmpty() && !parent->error.isEmpty())
                d.error = parent->error;
        } else {
            d.target = joinPath(parentPath(d.target), stored);
        }
        // Two folders with one target are merged, as cp does; a file there already claims it.
        const auto it = taken.constFind(key(d.target));
        if (it == taken.constEnd()) {
            taken.insert(key(d.target), Owner{Claim::Folder, name, qint32(i)});
        } else {
            check[i] = 1;
            check[size_t(it->dir)] = 1;
        }
    }

    // Names that need no change claim their targets first, so that a fixed name ("a?.txt" as
    // "a_.txt") never takes the place of a file that has that name already.
    std::vector<qint32> fixedLater;
    auto claim = [&](qint32 index) {
        PlanEntry &e = plan->entries[size_t(index)];
        const PlanDir &d = plan->dirs[size_t(e.dir)];
        const QByteArray name = plan->targetName(index);
        const QByteArray path = joinPath(d.target, name);
        const auto it = taken.constFind(key(path));
        if (it == taken.constEnd()) {
            taken.insert(key(path), Owner{Claim::File, name, e.dir});
            return;
        }
        if (options.conflict == ConflictPolicy::Rename && it->claim == Claim::File) {
            for (int n = 2;; ++n) {
                const QByteArray candidate = numberedName(name, n);
                if (!taken.contains(key(joinPath(d.target, candidate)))) {
                    plan->targetNames.insert(index, candidate);
                    taken.insert(key(joinPath(d.target, candidate)), Owner{Claim::File, candidate, e.dir});
                    return;
                }
            }
        }
        e.kind = EntryKind::Error;
        plan->targetNames.remove(index);
        plan->errors[index] = it->name != name
            ? tr("another file of this copy has the same name on this case-insensitive destination: %1")
                  .arg(displayPath(it->name))
            : tr("another file of this copy has the same target: %1").arg(displayPath(path));
    };
    for (qint32 index = 0; index < qint32(plan->entries.size()); ++index) {
        PlanEntry &e = plan->entries[size_t(index)];
        const PlanDir &d = plan->dirs[size_t(e.dir)];
        if (e.kind == EntryKind::Error || e.kind == EntryKind::Special)
            continue;
        if (!d.error.isEmpty()) {
            e.kind = EntryKind::Error;
            plan->errors[index] = d.error;
            continue;
        }
        if (e.kind == EntryKind::Symlink && volume.probed && !volume.keepsLinks) {
            e.kind = EntryKind::Error;
            plan->errors[index] = tr("the destination's filesystem cannot store symbolic links");
            continue;
        }
        const QByteArray name = plan->name(index);
        const QString why = cannotStore(name, volume);
        if (why.isEmpty()) {
            if (check[size_t(e.dir)])
                claim(index);
        } else if (!options.fixNames) {
            e.kind = EntryKind::Error;
            plan->errors[index] = why;
        } else {
            plan->targetNames.insert(index, fixed(name, volume));
            fixedLater.push_back(index);
        }
    }
    for (qint32 index : fixedLater)
        claim(index);
    plan->bytesTotal = 0;
    for (const PlanEntry &e : plan->entries) {
        if (e.kind == EntryKind::File)
            plan->bytesTotal += e.size;
    }
}

} // namespace Ferry
