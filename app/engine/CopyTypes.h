#pragma once

#include <QByteArray>
#include <QList>
#include <QLocale>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Ferry {

// What to do where a target path already exists.
enum class ConflictPolicy : quint8 {
    Skip,      // leave the existing file, report it skipped
    Overwrite, // replace it atomically
    Update,    // replace it only where the source is newer or differs in size
    Rename,    // write the copy beside it as "name (2).ext"
    Ask,       // ask the front end, file by file (the window's default)
};

// Paths are native byte strings: on Linux a file name is bytes, not text, and a name that is not
// valid UTF-8 must survive a copy unchanged. Convert to QString only to show a path to a person.
struct CopyOptions {
    QList<QByteArray> sources;
    QByteArray destination;
    int jobs = 0; // 0: the engine chooses
    ConflictPolicy conflict = ConflictPolicy::Skip;
    bool verify = false;
    bool move = false;
    bool dryRun = false;
    bool followSymlinks = false;
    bool preserve = true;
    bool fixNames = false; // names the destination cannot store get characters it can
    bool sync = true;
    QList<QByteArray> excludes; // shell globs matched against each name
};

enum class FileStatus : quint8 {
    Pending,
    Copying,
    Copied,
    Skipped,
    Failed,
    VerifiedFailed,
    Moved,
    Cancelled,
};

enum class Phase : quint8 { Idle, Scan, Copy, Flush, Done };

// One change of one plan entry, as batched to the front ends.
struct FileEvent {
    qint32 entry = -1;
    FileStatus status = FileStatus::Pending;
    QByteArray destination; // final target path (differs from the plan's under "rename")
    QString message;
    bool final = true; // false for "copied" under --move: "moved" or "failed" follows
};

struct ActiveFile {
    qint32 entry = -1;
    qint64 bytesDone = 0;
};

struct Progress {
    Phase phase = Phase::Idle;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    qint64 filesDone = 0;
    qint64 filesTotal = 0;
    double bytesPerSecond = 0;
    double secondsLeft = -1; // unknown
    bool paused = false;
    QList<ActiveFile> active; // files being copied now, with their own progress
};

struct Summary {
    qint64 copied = 0;
    qint64 moved = 0;
    qint64 skipped = 0;
    qint64 failed = 0;
    qint64 bytesCopied = 0;
    double seconds = 0;
    bool cancelled = false;
    bool refused = false;    // an up-front check failed: nothing was written
    QString error;           // why it was refused, or what failed for the whole job
    QStringList notes;       // what the destination could not keep, said once for the job
    bool ok() const { return !refused && !cancelled && failed == 0 && error.isEmpty(); }
};

// A conflict that the front end must decide under ConflictPolicy::Ask.
struct ConflictQuestion {
    qint32 entry = -1;
    QByteArray source;
    QByteArray target;
    qint64 sourceSize = 0;
    qint64 targetSize = 0;
    qint64 sourceMtimeMs = 0;
    qint64 targetMtimeMs = 0;
};

enum class ConflictAnswer : quint8 { Overwrite, Skip, Rename, Update };

QString statusName(FileStatus status);
QString phaseName(Phase phase);
bool parseConflictPolicy(const QString &text, ConflictPolicy *policy);
QString conflictPolicyName(ConflictPolicy policy);
// A native path shown to a person (undecodable bytes become replacement characters).
QString displayPath(const QByteArray &path);
// A size for a person: QLocale::formattedDataSize, but "1 byte" where it says "1 bytes".
QString sizeText(const QLocale &locale, qint64 bytes, int precision = 2,
                 QLocale::DataSizeFormats format = QLocale::DataSizeIecFormat);

} // namespace Ferry

Q_DECLARE_METATYPE(Ferry::Progress)
Q_DECLARE_METATYPE(Ferry::Summary)
Q_DECLARE_METATYPE(Ferry::FileEvent)
Q_DECLARE_METATYPE(Ferry::ConflictQuestion)
