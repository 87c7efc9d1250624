#pragma once

#include "fs/FileSystem.h"

namespace Ferry::fs {

// POSIX: Linux with its own calls where there are (O_TMPFILE, copy_file_range, FICLONE, syncfs,
// renameat2, O_PATH; see Platform.h), and the portable POSIX path that macOS and the BSDs take.
class PosixFileSystem final : public FileSystem
{
public:
    int stat(Handle dir, const QByteArray &name, bool follow, FileInfo *out) override;
    int statOpen(Handle file, FileInfo *out) override;
    int readLink(const QByteArray &path, QByteArray *target) override;
    QByteArray canonicalPath(const QByteArray &path) override;
    int list(const QByteArray &folder, bool follow, const std::function<void(const ListedEntry &)> &each) override;
    int volume(const QByteArray &path, VolumeInfo *out) override;
    void probe(const QByteArray &folder, VolumeInfo *info) override;
    Medium medium(const QByteArray &path) override;

    Handle openFolder(const QByteArray &path, bool noFollow, int *err) override;
    Handle openRead(Handle dir, const QByteArray &name, bool follow, int *err) override;
    void close(Handle h) override;

    int makeFolder(Handle dir, const QByteArray &name, quint32 mode) override;
    int makeLink(Handle dir, const QByteArray &name, const QByteArray &target) override;
    int rename(Handle dir, const QByteArray &from, const QByteArray &to, bool replace) override;
    int move(Handle fromDir, const QByteArray &from, Handle toDir, const QByteArray &to, bool replace) override;
    int remove(Handle dir, const QByteArray &name) override;
    int removeFolder(const QByteArray &path) override;

    int createStaged(Handle dir, quint32 mode, bool readable, Staged *out) override;
    int publish(Staged *staged, const QByteArray &name, bool replace) override;
    void discard(Staged *staged) override;
    DataCopyResult copyData(const DataCopyRequest &request, CopyControl &control,
                            std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone) override;
    ChecksumResult checksum(Handle file, qint64 size, bool fromCache, CopyControl &control) override;
    int syncData(Handle file) override;
    ChecksumResult checksumCopy(Staged *staged, qint64 size, CopyControl &control) override;
    int setAttributes(Handle file, const quint32 *mode, const timespec &atime, const timespec &mtime) override;
    int setPathAttributes(Handle dir, const QByteArray &name, const quint32 *mode, const timespec &atime,
                          const timespec &mtime, bool followLink) override;
    int copyExtendedAttributes(Handle source, Handle sourceDir, const QByteArray &sourceName, bool followLink,
                               Handle target, const QByteArray &targetPath, QList<QByteArray> *refused) override;
    quint32 creationMask() override;
    quint32 userId() override;
    quint32 groupId() override;
    int setOwner(Handle file, quint32 owner, quint32 group) override;
    int setPathOwner(Handle dir, const QByteArray &name, quint32 owner, quint32 group, bool followLink) override;

    int flush(const QByteArray &destination,
              const std::function<void(const WrittenVisitor &)> &forEachWritten) override;

    bool processRunning(qint64 pid) override;
    qint64 processId() override;
};

// The portable read/write loop over [from, to), also the fallback of the Linux paths.
// toEnd: `to` is only a hint; the loop copies until reading says the end. writeBack: see
// DataCopyRequest.
DataCopyResult readWriteLoop(int in, int out, qint64 from, qint64 to, CopyControl &control,
                             std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone, bool toEnd = false,
                             bool writeBack = false);

// Renames `from` to `to` in dirFd: replacing what is there atomically (rename(2)) when `replace`;
// else failing with EEXIST rather than replacing (renameat2 NOREPLACE, else a hard link, else
// check-then-rename on filesystems with neither, such as FAT). Returns 0 or the errno.
int renameInFolder(int dirFd, const char *from, const char *to, bool replace);
// The same between two folders of one filesystem (EXDEV otherwise).
int renameBetween(int fromDir, const char *from, int toDir, const char *to, bool replace);

} // namespace Ferry::fs
