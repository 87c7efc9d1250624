#pragma once

#include <QByteArray>

#include <sys/types.h>

namespace Ferry {

// A new file that no one sees under a final name until it is complete. Where the filesystem
// allows (Linux O_TMPFILE: ext4, XFS, btrfs, tmpfs) it has no name at all while it is written,
// so a crash or kill -9 leaves nothing behind; elsewhere it is written under a temporary name
// (TempFiles.h) in the target folder. publish() links or renames it into place.
class StagedFile
{
public:
    StagedFile() = default;
    ~StagedFile() { discard(); }
    StagedFile(const StagedFile &) = delete;
    StagedFile &operator=(const StagedFile &) = delete;

    // In the folder open as dirFd (kept open by the caller until publish() or discard()).
    // Returns false with *err set. readable: open it for reading back, too.
    bool open(int dirFd, mode_t mode, bool readable, int *err);
    int fd() const { return m_fd; }

    // Puts the file in place under `name` in its folder. replace: atomically replace what is there (a link at
    // the target's place is replaced, never written through); otherwise fail with EEXIST when
    // the name exists. May be called again after EEXIST with another name. Closes the file once
    // it is in place; a failed close of a named temporary fails the publish.
    bool publish(const QByteArray &name, bool replace, int *err);

    // Closes it and removes any temporary name, unless it was published.
    void discard();

private:
    int m_fd = -1;
    int m_dirFd = -1;
    QByteArray m_temp; // empty for an anonymous file
    bool m_published = false;
};

// Renames `from` to `to`, both in the folder open as dirFd, failing with EEXIST rather than
// replacing (renameat2 NOREPLACE, else a hard link, else check-then-rename on filesystems with
// neither, such as FAT).
bool renameNoReplace(int dirFd, const char *from, const char *to, int *err);

// Renames `from` to `to` in dirFd: replacing what is there atomically (rename(2)) when `replace`,
// else as renameNoReplace().
bool renameInto(int dirFd, const char *from, const char *to, bool replace, int *err);

} // namespace Ferry
