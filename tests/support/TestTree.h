#pragma once

// Helpers for tests that build file trees, run ferry-cli as a process and inspect the result.
//
// Paths are raw byte strings (QByteArray), as Linux file names are: a name that is not valid
// UTF-8 must survive unchanged, so nothing here converts a path to QString except for messages.
//
// Environment knobs, read by the tests:
//   FERRY_TEST_SCALE           factor (0 < x <= 1, default 1) for the size of big data sets;
//                              set it to e.g. 0.1 when the binary is built with sanitizers.
//   FERRY_TEST_TIMEOUT_FACTOR  factor (>= 1, default 1) for process time-outs.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <sys/types.h>

#include <initializer_list>
#include <memory>

namespace TestTree {

// ---------------------------------------------------------------------------------------------
// Paths

QByteArray native(const QString &path);                       // QString -> bytes (UTF-8)
QByteArray join(const QByteArray &a, const QByteArray &b);    // a + '/' + b
QByteArray dirPath(const QTemporaryDir &dir);                 // the folder as bytes
QString show(const QByteArray &path);                         // printable, non-UTF-8 bytes as \xNN

// A QTemporaryDir that removes its contents by raw byte names (QDir cannot remove names that are
// not valid UTF-8) and after restoring folder permissions.
class TempDir : public QTemporaryDir
{
public:
    TempDir() = default;
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
};

// ---------------------------------------------------------------------------------------------
// Making trees. Each returns false (after a qWarning with the reason) when it fails.

bool makeDirs(const QByteArray &path, mode_t mode = 0755);
bool writeFile(const QByteArray &path, const QByteArray &content);
// Deterministic pseudo-random content: the same seed and size give the same bytes.
QByteArray randomBytes(qint64 size, quint64 seed);
bool writeRandomFile(const QByteArray &path, qint64 size, quint64 seed);
bool makeSparseFile(const QByteArray &path, qint64 size);
bool makeSymlink(const QByteArray &target, const QByteArray &linkPath);
bool makeHardLink(const QByteArray &existing, const QByteArray &linkPath);
bool makeFifo(const QByteArray &path);
bool makeSocket(const QByteArray &path);
bool makeCharDevice(const QByteArray &path, unsigned major, unsigned minor);
bool setMode(const QByteArray &path, mode_t mode);
// Sets the modification (and access) time without following a symlink.
bool setMtime(const QByteArray &path, qint64 seconds, long nanoseconds = 0);
bool removeTree(const QByteArray &path);

// Writes a deterministic tree: nested folders, an empty folder, files of awkward sizes, modes
// other than the defaults and fixed modification times (with nanoseconds). Two calls with the
// same seed make identical trees. Returns the relative paths of the regular files.
QList<QByteArray> makeSampleTree(const QByteArray &root, quint64 seed);

// `count` files of `size` random bytes spread over folders of at most `perFolder` files.
bool makeManyFiles(const QByteArray &root, int count, int perFolder, qint64 size, quint64 seed);

// ---------------------------------------------------------------------------------------------
// Inspecting

enum class Kind { Missing, File, Dir, Symlink, Fifo, Socket, Device, Other };
const char *kindName(Kind kind);

Kind kind(const QByteArray &path); // lstat: a link is a Symlink
bool exists(const QByteArray &path);
QByteArray readFile(const QByteArray &path, bool *ok = nullptr);
QByteArray readLink(const QByteArray &path);
qint64 fileSize(const QByteArray &path);          // -1 if missing
int fileMode(const QByteArray &path);             // permission bits (07777), -1 if missing
qint64 mtimeNs(const QByteArray &path);           // lstat, nanoseconds since the epoch
quint64 inode(const QByteArray &path);
bool sameContent(const QByteArray &a, const QByteArray &b);
// How much of a file's data lies in extents it shares with another file (a reflink): bytes of
// the extents marked shared, and of all its extents, as the filesystem maps them (FIEMAP).
// False (after a qWarning) when the map cannot be read.
bool sharedBytes(const QByteArray &path, qint64 *shared, qint64 *mapped);

// Relative paths of every entry under root (not root itself), sorted bytewise.
QList<QByteArray> listTree(const QByteArray &root);
// Relative paths of the regular files only.
QList<QByteArray> listFiles(const QByteArray &root);
// Relative paths of entries whose name starts with ".ferry-" (Ferry's temporaries), minus
// the relative paths listed in `except`.
QList<QByteArray> findTemporaries(const QByteArray &root, const QList<QByteArray> &except = {});

// One line per entry under root and root itself: path, kind, size, mode, mtime, link target and
// a checksum of the content. Two equal snapshots mean nothing was written in between.
QStringList snapshot(const QByteArray &root);

struct CompareOptions {
    bool modes = true;   // permission bits of files and folders
    bool mtimes = true;  // modification times of files and folders, to the nanosecond
    bool folderMtimes = true; // with mtimes: folders' times too
    bool rootAttributes = true; // the two roots' own mode and time
    QList<QByteArray> ignoreInActual; // relative paths present only in `actual`, not compared
};
// Compares names (as bytes), kinds, file contents, link targets and optionally modes and times.
// Returns an empty string when the trees are equal, else a description of the differences.
QString compareTrees(const QByteArray &expected, const QByteArray &actual,
                     const CompareOptions &options = CompareOptions());

// ---------------------------------------------------------------------------------------------
// Output formats

// RFC 4180: fields may be quoted, quotes doubled, newlines and commas inside quotes.
QList<QList<QByteArray>> parseCsv(const QByteArray &text, QString *error);
// The rows of a --report CSV (status,size,source,destination,message), header checked and left out.
struct ReportRow {
    QByteArray status;
    qint64 size = -1;
    QByteArray source;
    QByteArray destination;
    QByteArray message;
};

QList<ReportRow> readReport(const QByteArray &path, QString *error);

// One JSON object per non-empty line.
QList<QJsonObject> parseJsonLines(const QByteArray &text, QString *error);

// ---------------------------------------------------------------------------------------------
// Running ferry-cli

void setCliProgram(const QString &path);
QString cliProgram();

double dataScale();                                 // FERRY_TEST_SCALE
qint64 scaled(qint64 value, qint64 minimum);        // value * scale, at least minimum
int timeoutFactor();                                // FERRY_TEST_TIMEOUT_FACTOR
int defaultTimeoutMs();

struct CliCall {
    QList<QByteArray> args;
    QByteArray workingDir;          // empty: inherit
    QStringList env;                // extra KEY=VALUE entries
    bool unprivileged = false;      // run as uid/gid 65534 (needs root and setpriv)
    int timeoutMs = -1;             // -1: defaultTimeoutMs()
};

struct CliRun {
    bool started = false;
    bool finished = false;   // false: it hung and was killed after the time-out
    bool crashed = false;    // ended by a signal
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
    QString describe() const;
};

CliRun runCli(const QStringList &args, int timeoutMs = -1);
CliRun runCli(const QList<QByteArray> &args, int timeoutMs = -1);
CliRun runCli(std::initializer_list<QByteArray> args, int timeoutMs = -1);
CliRun runCliWith(const CliCall &call);

// Starts ferry-cli and returns at once (null if it did not start). The process's pid is
// ferry-cli's own, so signals sent to it reach ferry-cli.
std::unique_ptr<QProcess> startCli(const CliCall &call);
// Waits for a process from startCli, killing it after timeoutMs.
CliRun finishCli(QProcess *process, int timeoutMs);

// Empty when the tests may run ferry-cli as an unprivileged user, else why not.
QString unprivilegedUnavailable();

// The files (not folders) under `root` this process has open, as /proc names them, sorted; with
// withSizes, each followed by its size. A copy being written has no name where the destination
// takes O_TMPFILE ("#123 (deleted)" in its folder): its descriptor is all there is of it, so one
// still open once a job has ended is a temporary left behind.
QStringList openFilesUnder(const QByteArray &root, bool withSizes);

// A new folder on another filesystem than the system's temporary folder (tmpfs at /dev/shm), for
// a --move that must copy, flush, then remove rather than rename; null with *why set when there
// is none.
std::unique_ptr<QTemporaryDir> otherFilesystemDir(QString *why);

// Runs a helper program (mkfs, mount...); returns its exit code, or -1 if it failed to run.
int runTool(const QString &program, const QStringList &args, QByteArray *output = nullptr,
            int timeoutMs = 60000);

// ---------------------------------------------------------------------------------------------
// A small file system image mounted on a loop device, unmounted and removed on destruction.

class LoopMount
{
public:
    LoopMount();
    ~LoopMount();
    LoopMount(const LoopMount &) = delete;
    LoopMount &operator=(const LoopMount &) = delete;

    // fsType a kernel filesystem ("ext4", "xfs", "vfat", ...) mounted with mount -o loop, or a
    // FUSE one as users' systems mount USB sticks: "fusefat" (FAT32), "exfat-fuse" (exFAT) or
    // "ntfs-3g" (NTFS, refusing names Windows cannot use). mkfsArgs go to mkfs before the image
    // path. Returns false with *why set when it cannot (not root, no tools, no loop device or
    // /dev/fuse, mount refused).
    bool mount(const QString &fsType, qint64 sizeBytes, const QStringList &mkfsArgs, QString *why);
    // Unmounts (waiting for a FUSE driver to finish writing) and mounts the image again, so that
    // what is read is what the filesystem kept, not what a cache remembers.
    bool remount(QString *why);
    QByteArray path() const;  // the mount point
    qint64 freeBytes() const; // for an unprivileged writer (f_bavail)
    qint64 freeInodes() const;

private:
    bool mountImage(QString *why);
    void unmount();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_type;
    QString m_loopDevice; // exfat-fuse mounts a block device
    bool m_mounted = false;
};

} // namespace TestTree

// Compares a CliRun's exit code, printing its output first when it differs or it hung.
#define FERRY_COMPARE_EXIT(run, code)                                                            \
    do {                                                                                         \
        if (!(run).finished || (run).exitCode != (code))                                         \
            qWarning().noquote() << (run).describe();                                            \
        QVERIFY2((run).finished, "ferry-cli did not finish in time");                            \
        QVERIFY2(!(run).crashed, "ferry-cli was ended by a signal");                             \
        QCOMPARE((run).exitCode, (code));                                                        \
    } while (false)

// Fails with the differences unless the trees are equal.
#define FERRY_COMPARE_TREES_WITH(expected, actual, options)                                      \
    do {                                                                                         \
        const QString ferryTreeDiff_ = TestTree::compareTrees((expected), (actual), (options));  \
        QVERIFY2(ferryTreeDiff_.isEmpty(), qPrintable(ferryTreeDiff_));                          \
    } while (false)
#define FERRY_COMPARE_TREES(expected, actual)                                                    \
    FERRY_COMPARE_TREES_WITH(expected, actual, TestTree::CompareOptions())
