#pragma once

#include <QByteArray>
#include <QList>
#include <QtGlobal>

#include <atomic>
#include <functional>
#include <memory>
#include <time.h>

namespace Ferry {

class CopyControl;

namespace fs {

// The one place where the engine touches the file system. The job logic (plan, checks, conflict
// decisions, staging and publishing, flush, --move) calls only this interface; each OS has one
// implementation, chosen by CMake (PosixFileSystem: Linux with its fast paths, and the portable
// POSIX path macOS takes; a Win32 one on Windows). Tests may put their own in front of it to
// inject faults in-process (CopyEngine::setFileSystem).
//
// Names and paths are native bytes (UTF-8 on Windows). Errors are errno values: 0 is success,
// and an implementation maps its own codes onto the nearest errno.

// An open file or folder: a descriptor on POSIX, a HANDLE on Windows.
using Handle = qintptr;
constexpr Handle NoHandle = -1;

enum class Kind : quint8 { File, Folder, Symlink, Fifo, Socket, CharDevice, BlockDevice, Other };

// What holds a path's data, as far as the system can tell: a spinning disk seeks between files
// read at once; solid storage (and most virtual disks) serve many reads at once best.
enum class Medium : quint8 { Unknown, Spinning, Solid };

struct FileInfo {
    Kind kind = Kind::Other;
    quint32 mode = 0;       // permission bits (07777) and, on POSIX, the type bits of st_mode
    qint64 size = 0;
    qint64 allocated = 0;   // bytes its data takes on the disk (below size: it has holes)
    timespec atime{};
    timespec mtime{};
    quint64 device = 0;
    quint64 inode = 0;
    quint32 owner = 0;
    quint32 group = 0;
    bool sizeUnreliable = false; // on a filesystem whose sizes are made up (procfs, sysfs)
};

// What the destination's filesystem is and allows. volume() fills what the system says; probe()
// learns the rest by trying it on a temporary name in the folder (what FUSE filesystems and
// Windows' do not say). Unknown is not zero: -1 where a number is not known.
struct VolumeInfo {
    QByteArray type;          // "ext4", "vfat", "fuse.fusefat", "fuseblk", ...; empty when unknown
    qint64 blockSize = 4096;  // the unit files take room in
    qint64 freeBytes = -1;    // for this user
    qint64 freeInodes = -1;   // files and folders that can still be made
    qint64 maxFileSize = -1;  // no limit known
    bool readOnly = false;
    bool probed = false;
    bool caseInsensitive = false; // "a" and "A" are one name
    bool windowsNames = false;    // refuses < > : " | ? * \, control characters and the like
    qint64 timeGranularityNs = 1; // FAT 2 s, exFAT 10 ms (1 s through FUSE), NTFS 100 ns
    bool keepsModes = true;
    bool keepsLinks = true;
    bool keepsXattrs = true;
    bool asciiNamesOnly = false;   // refuses names with other characters (fusefat)
    bool renameKeepsTimes = true;  // some FUSE drivers set a file's time anew when it is renamed
};

// A new file that no one sees under a final name until publish() (see FileSystem::createStaged).
struct Staged {
    Handle file = NoHandle;
    Handle folder = NoHandle; // borrowed: kept open by the caller until published or discarded
    QByteArray tempName;      // empty while the file has no name at all
    bool published = false;
};

struct DataCopyRequest {
    Handle in = NoHandle;
    Handle out = NoHandle;
    qint64 size = 0;        // bytes to copy, as the source had when it was opened
    bool sparse = false;    // the source has holes worth keeping
    bool tryClone = true;   // a reflink may work here
    bool tryRange = true;   // an in-kernel copy (copy_file_range) may work here
    bool writeBack = false; // start writing to the disk chunk by chunk (large files, when a flush follows)
    bool toEnd = false;     // size is only a hint: copy what reading gives until its end (procfs)
};

struct DataCopyResult {
    bool ok = false;
    bool cancelled = false;
    bool cloned = false;
    bool cloneUnsupported = false; // stop trying reflinks for this job
    bool rangeUnsupported = false; // an in-kernel copy is refused between these two filesystems (EXDEV)
    int err = 0;                   // errno of the failing call
    const char *what = "";         // "read", "write", ... or a sentence; translated by the caller
};

struct ChecksumResult {
    bool ok = false;
    bool cancelled = false;
    int err = 0;
    quint64 hash = 0;
};

// One folder entry as listed: its name and what a look at it said (statError when it failed;
// brokenLink: following links, the entry is a link that leads nowhere).
struct ListedEntry {
    const QByteArray &name;
    const FileInfo &info;
    int statError;
    bool brokenLink;
};

class FileSystem
{
public:
    virtual ~FileSystem() = default;

    // -- Looking --
    // dir NoHandle: name is a path. follow: a link at the last step stands for what it points to.
    virtual int stat(Handle dir, const QByteArray &name, bool follow, FileInfo *out) = 0;
    virtual int statOpen(Handle file, FileInfo *out) = 0;
    virtual int readLink(const QByteArray &path, QByteArray *target) = 0;
    // The absolute path with links resolved; empty when it cannot be resolved.
    virtual QByteArray canonicalPath(const QByteArray &path) = 0;
    // Calls `each` for every entry of the folder but "." and "..", in the order the system gives.
    virtual int list(const QByteArray &folder, bool follow,
                     const std::function<void(const ListedEntry &)> &each) = 0;
    virtual int volume(const QByteArray &path, VolumeInfo *out) = 0;
    // Tries what the filesystem of `folder` keeps on a temporary name there, removed again; what
    // cannot be tried (a read-only or unwritable folder) keeps volume()'s answer.
    virtual void probe(const QByteArray &folder, VolumeInfo *info) = 0;
    // What the storage under `path` is (the engine reads a spinning source with fewer threads).
    // Unknown where the system does not say, or says what it cannot know (a virtual disk).
    virtual Medium medium(const QByteArray &path)
    {
        Q_UNUSED(path)
        return Medium::Unknown;
    }

    // -- Opening --
    // A folder, to name entries relative to it. noFollow: a link at its place is refused.
    virtual Handle openFolder(const QByteArray &path, bool noFollow, int *err) = 0;
    virtual Handle openRead(Handle dir, const QByteArray &name, bool follow, int *err) = 0;
    virtual void close(Handle h) = 0;

    // -- Making and removing --
    virtual int makeFolder(Handle dir, const QByteArray &name, quint32 mode) = 0;
    virtual int makeLink(Handle dir, const QByteArray &name, const QByteArray &target) = 0;
    virtual int rename(Handle dir, const QByteArray &from, const QByteArray &to, bool replace) = 0;
    // Moves an entry (a folder with all it holds) to another folder of the same filesystem, at
    // once: replacing what is there, or failing with EEXIST. EXDEV: another filesystem.
    virtual int move(Handle fromDir, const QByteArray &from, Handle toDir, const QByteArray &to, bool replace) = 0;
    virtual int remove(Handle dir, const QByteArray &name) = 0;
    virtual int removeFolder(const QByteArray &path) = 0;

    // -- Writing a file --
    // A new file in dir, nameless where the system allows (Linux O_TMPFILE) and otherwise under a
    // temporary name (TempFiles.h), so that nothing partial is ever seen under a final name.
    virtual int createStaged(Handle dir, quint32 mode, bool readable, Staged *out) = 0;
    // Puts it in place under `name` in its folder: replacing what is there atomically, or failing
    // with EEXIST (and may be called again with another name). Closes the file once in place.
    virtual int publish(Staged *staged, const QByteArray &name, bool replace) = 0;
    // Closes it and removes any temporary name, unless it was published.
    virtual void discard(Staged *staged) = 0;
    // Moves the data, polling control between chunks and adding each chunk to both counters.
    virtual DataCopyResult copyData(const DataCopyRequest &request, CopyControl &control,
                                    std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone) = 0;
    // XXH3-64 of the first `size` bytes. fromCache false: what the disk holds, where the system
    // lets the cache be dropped (after syncData()).
    virtual ChecksumResult checksum(Handle file, qint64 size, bool fromCache, CopyControl &control) = 0;
    virtual int syncData(Handle file) = 0;
    // The staged copy read back as the disk has it: flushed, then through a fresh open of its
    // temporary name where it has one (some FUSE filesystems return stale data through the
    // descriptor that wrote it), else through its own descriptor with the cache dropped.
    virtual ChecksumResult checksumCopy(Staged *staged, qint64 size, CopyControl &control) = 0;
    // mode: nullptr leaves it. Times are access and modification.
    virtual int setAttributes(Handle file, const quint32 *mode, const timespec &atime, const timespec &mtime) = 0;
    virtual int setPathAttributes(Handle dir, const QByteArray &name, const quint32 *mode,
                                  const timespec &atime, const timespec &mtime, bool followLink) = 0;
    // Copies the user.* extended attributes and the POSIX ACLs of a file or folder: an open one,
    // else sourceName in sourceDir (NoHandle: a path), following a link there or not, without
    // opening it (no read permission needed to find it has none); to an open one, else to
    // targetPath. The names the target refuses go into *refused; returns 0, or the errno of a
    // failure to read the source's.
    virtual int copyExtendedAttributes(Handle source, Handle sourceDir, const QByteArray &sourceName, bool followLink,
                                       Handle target, const QByteArray &targetPath, QList<QByteArray> *refused) = 0;
    // What the creation mask takes from new files' modes (POSIX umask; 0 elsewhere).
    virtual quint32 creationMask() = 0;
    // Owners: who new files belong to, and giving one another owner (root, or CAP_CHOWN, may).
    virtual quint32 userId() = 0;
    virtual quint32 groupId() = 0;
    virtual int setOwner(Handle file, quint32 owner, quint32 group) = 0;
    virtual int setPathOwner(Handle dir, const QByteArray &name, quint32 owner, quint32 group, bool followLink) = 0;

    // -- Done means on the disk --
    // Flushes what was written under destination. Where the system has no call for a whole
    // filesystem, forEachWritten is called to list every file and folder written, to flush each.
    using WrittenVisitor = std::function<void(const QByteArray &path, bool folder)>;
    virtual int flush(const QByteArray &destination,
                      const std::function<void(const WrittenVisitor &)> &forEachWritten) = 0;

    // -- Temporaries of other runs --
    // True while the process that made a temporary (its id is in the name) still runs.
    virtual bool processRunning(qint64 pid) = 0;
    virtual qint64 processId() = 0;
};

// This OS's implementation.
FileSystem &native();

// Hands memory freed by other threads back to the system (after the scan's listing threads).
void giveBackMemory();
// Asks the allocator to keep few per-thread pools: memory one thread frees is then there for the
// others, rather than each pool growing on its own. Called once, before a job's threads start.
void shareMemoryPools();

// Paths in the engine use '/' between names on every system. The length of the part of `path`
// that names a root ("/" on POSIX; "C:/", "//server/share/" or "/" on Windows), 0 for a relative
// path: what no parent is taken of and no trailing slash is stripped from.
qsizetype rootLength(const QByteArray &path);

// A path as a person gave it (a command line, a file dialog, a drop) in the engine's form:
// UTF-8 with '/' between names (Windows: backslashes turned, the \\?\ prefix taken off).
QByteArray pathFromText(const QString &text);

// Whether this user may make entries in the folder (for a warning before a job starts; the job
// itself finds out by doing).
bool mayWriteIn(const QByteArray &folder);

// Owns a Handle and closes it through its file system.
class UniqueHandle
{
public:
    UniqueHandle() = default;
    UniqueHandle(FileSystem &fs, Handle h) : m_fs(&fs), m_h(h) {}
    ~UniqueHandle() { reset(); }
    UniqueHandle(const UniqueHandle &) = delete;
    UniqueHandle &operator=(const UniqueHandle &) = delete;
    Handle get() const { return m_h; }
    bool valid() const { return m_h != NoHandle; }
    void reset()
    {
        if (m_fs && m_h != NoHandle)
            m_fs->close(m_h);
        m_h = NoHandle;
    }
    void reset(FileSystem &fs, Handle h)
    {
        reset();
        m_fs = &fs;
        m_h = h;
    }
private:
    FileSystem *m_fs = nullptr;
    Handle m_h = NoHandle;
};

// A staged file that is discarded unless it was published.
class StagedFile
{
public:
    explicit StagedFile(FileSystem &fs) : m_fs(fs) {}
    ~StagedFile() { discard(); }
    StagedFile(const StagedFile &) = delete;
    StagedFile &operator=(const StagedFile &) = delete;
    int open(Handle dir, quint32 mode, bool readable) { return m_fs.createStaged(dir, mode, readable, &m_s); }
    Handle handle() const { return m_s.file; }
    ChecksumResult checksum(qint64 size, CopyControl &control) { return m_fs.checksumCopy(&m_s, size, control); }
    int publish(const QByteArray &name, bool replace) { return m_fs.publish(&m_s, name, replace); }
    void discard() { m_fs.discard(&m_s); }
private:
    FileSystem &m_fs;
    Staged m_s;
};

} // namespace fs
} // namespace Ferry
