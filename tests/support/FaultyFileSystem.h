#pragma once

// A file layer for in-process fault tests: it passes every call to the system's own (fs::native())
// and fails or corrupts the calls a test names, for one file name. Each fault it injects is
// counted, so a test can check that the fault it set up did fire.

#include "fs/FileSystem.h"

#include <QByteArray>
#include <QHash>

#include <atomic>
#include <mutex>

class FaultyFileSystem final : public Ferry::fs::FileSystem
{
public:
    enum class Fault {
        None,
        CopyData,  // the data copy of the file fails with the errno
        Corrupt,   // reading the copy back (--verify) sees other bytes than were written
        Publish,   // putting the file in place fails with the errno
        Flush,     // the flush at the end fails with the errno (the name is not used)
    };

    void inject(Fault fault, const QByteArray &name, int err = 0)
    {
        m_fault = fault;
        m_name = name;
        m_err = err;
    }
    int fired() const { return m_fired.load(); }
    // What medium() says for this path (the system's answer for the others).
    void setMedium(const QByteArray &path, Ferry::fs::Medium medium) { m_media.insert(path, medium); }

    using Handle = Ferry::fs::Handle;
    using FileInfo = Ferry::fs::FileInfo;

    int stat(Handle dir, const QByteArray &name, bool follow, FileInfo *out) override { return real().stat(dir, name, follow, out); }
    int statOpen(Handle file, FileInfo *out) override { return real().statOpen(file, out); }
    int readLink(const QByteArray &path, QByteArray *target) override { return real().readLink(path, target); }
    QByteArray canonicalPath(const QByteArray &path) override { return real().canonicalPath(path); }
    int list(const QByteArray &folder, bool follow, const std::function<void(const Ferry::fs::ListedEntry &)> &each) override
    {
        return real().list(folder, follow, each);
    }
    int volume(const QByteArray &path, Ferry::fs::VolumeInfo *out) override { return real().volume(path, out); }
    void probe(const QByteArray &folder, Ferry::fs::VolumeInfo *info) override { real().probe(folder, info); }
    Ferry::fs::Medium medium(const QByteArray &path) override
    {
        const auto it = m_media.constFind(path);
        return it != m_media.constEnd() ? *it : real().medium(path);
    }
    Handle openFolder(const QByteArray &path, bool noFollow, int *err) override { return real().openFolder(path, noFollow, err); }
    Handle openRead(Handle dir, const QByteArray &name, bool follow, int *err) override
    {
        const Handle h = real().openRead(dir, name, follow, err);
        if (h != Ferry::fs::NoHandle && name == m_name)
            remember(h, true);
        return h;
    }
    void close(Handle h) override
    {
        forget(h);
        real().close(h);
    }
    int makeFolder(Handle dir, const QByteArray &name, quint32 mode) override { return real().makeFolder(dir, name, mode); }
    int makeLink(Handle dir, const QByteArray &name, const QByteArray &target) override { return real().makeLink(dir, name, target); }
    int rename(Handle dir, const QByteArray &from, const QByteArray &to, bool replace) override { return real().rename(dir, from, to, replace); }
    int remove(Handle dir, const QByteArray &name) override { return real().remove(dir, name); }
    int move(Handle fromDir, const QByteArray &from, Handle toDir, const QByteArray &to, bool replace) override
    {
        return real().move(fromDir, from, toDir, to, replace);
    }
    int removeFolder(const QByteArray &path) override { return real().removeFolder(path); }
    int createStaged(Handle dir, quint32 mode, bool readable, Ferry::fs::Staged *out) override
    {
        return real().createStaged(dir, mode, readable, out);
    }
    int publish(Ferry::fs::Staged *staged, const QByteArray &name, bool replace) override
    {
        if (m_fault == Fault::Publish && name == m_name)
            return fire(m_err);
        forget(staged->file);
        return real().publish(staged, name, replace);
    }
    void discard(Ferry::fs::Staged *staged) override
    {
        forget(staged->file);
        real().discard(staged);
    }
    Ferry::fs::DataCopyResult copyData(const Ferry::fs::DataCopyRequest &rq, Ferry::CopyControl &control,
                                       std::atomic<qint64> *bytesDone, std::atomic<qint64> *fileDone) override
    {
        if (isNamed(rq.in)) {
            // The copy of the named file: its target is the one to corrupt.
            remember(rq.out, false);
            if (m_fault == Fault::CopyData) {
                Ferry::fs::DataCopyResult r;
                r.err = fire(m_err);
                r.what = "write";
                return r;
            }
        }
        return real().copyData(rq, control, bytesDone, fileDone);
    }
    Ferry::fs::ChecksumResult checksum(Handle file, qint64 size, bool fromCache, Ferry::CopyControl &control) override
    {
        return real().checksum(file, size, fromCache, control);
    }
    Ferry::fs::ChecksumResult checksumCopy(Ferry::fs::Staged *staged, qint64 size, Ferry::CopyControl &control) override
    {
        Ferry::fs::ChecksumResult r = real().checksumCopy(staged, size, control);
        if (m_fault == Fault::Corrupt && isTarget(staged->file) && r.ok) {
            r.hash ^= 1; // as if one bit had not reached the disk
            fire(0);
        }
        return r;
    }
    int syncData(Handle file) override { return real().syncData(file); }
    int setAttributes(Handle file, const quint32 *mode, const timespec &atime, const timespec &mtime) override
    {
        return real().setAttributes(file, mode, atime, mtime);
    }
    int setPathAttributes(Handle dir, const QByteArray &name, const quint32 *mode, const timespec &atime,
                          const timespec &mtime, bool followLink) override
    {
        return real().setPathAttributes(dir, name, mode, atime, mtime, followLink);
    }
    quint32 creationMask() override { return real().creationMask(); }
    int copyExtendedAttributes(Handle source, Handle sourceDir, const QByteArray &sourceName, bool followLink,
                               Handle target, const QByteArray &targetPath, QList<QByteArray> *refused) override
    {
        return real().copyExtendedAttributes(source, sourceDir, sourceName, followLink, target, targetPath, refused);
    }
    quint32 userId() override { return real().userId(); }
    quint32 groupId() override { return real().groupId(); }
    int setOwner(Handle file, quint32 owner, quint32 group) override { return real().setOwner(file, owner, group); }
    int setPathOwner(Handle dir, const QByteArray &name, quint32 owner, quint32 group, bool followLink) override
    {
        return real().setPathOwner(dir, name, owner, group, followLink);
    }
    int flush(const QByteArray &destination, const std::function<void(const WrittenVisitor &)> &forEachWritten) override
    {
        if (m_fault == Fault::Flush)
            return fire(m_err);
        return real().flush(destination, forEachWritten);
    }
    bool processRunning(qint64 pid) override { return real().processRunning(pid); }
    qint64 processId() override { return real().processId(); }

private:
    static Ferry::fs::FileSystem &real() { return Ferry::fs::native(); }
    int fire(int err)
    {
        m_fired.fetch_add(1);
        return err;
    }
    // Open handles of the named file: its source (true) and its copy (false).
    void remember(Handle h, bool source)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_handles.insert(h, source);
    }
    void forget(Handle h)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_handles.remove(h);
    }
    bool isNamed(Handle h)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_handles.value(h, false);
    }
    bool isTarget(Handle h)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const auto it = m_handles.constFind(h);
        return it != m_handles.constEnd() && !it.value();
    }

    Fault m_fault = Fault::None;
    QByteArray m_name;
    QHash<QByteArray, Ferry::fs::Medium> m_media; // set before a job starts, read by it
    int m_err = 0;
    std::atomic<int> m_fired{0};
    std::mutex m_mutex;
    QHash<Handle, bool> m_handles;
};
