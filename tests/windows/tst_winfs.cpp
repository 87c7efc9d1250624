// The Win32 file layer by itself: what Windows does differently from POSIX and the engine relies on.
#include "CopyControl.h"
#include "TempFiles.h"
#include "fs/FileSystem.h"

#include <QTemporaryDir>
#include <QTest>

#include <windows.h>

using namespace Ferry;

namespace {
fs::FileSystem &fsys()
{
    return fs::native();
}

QByteArray enginePath(const QString &path)
{
    return fs::pathFromText(path);
}

std::wstring wide(const QByteArray &utf8)
{
    return QString::fromUtf8(utf8).toStdWString();
}

// Writes `content` to a new file through the Win32 API directly (not the layer under test).
bool writeFile(const QByteArray &path, const QByteArray &content)
{
    std::wstring w = L"\\\\?\\" + wide(path);
    for (wchar_t &c : w) {
        if (c == L'/')
            c = L'\\';
    }
    const HANDLE h = ::CreateFileW(w.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, 0, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return false;
    DWORD put = 0;
    const bool ok = ::WriteFile(h, content.constData(), DWORD(content.size()), &put, nullptr) && put == DWORD(content.size());
    ::CloseHandle(h);
    return ok;
}

QByteArray readFile(const QByteArray &path)
{
    int err = 0;
    const fs::Handle h = fsys().openRead(fs::NoHandle, path, true, &err);
    if (h == fs::NoHandle)
        return QByteArray("<cannot open>");
    QByteArray out(1 << 20, Qt::Uninitialized);
    DWORD got = 0;
    ::ReadFile(reinterpret_cast<HANDLE>(h), out.data(), DWORD(out.size()), &got, nullptr);
    fsys().close(h);
    out.truncate(int(got));
    return out;
}

DWORD attributes(const QByteArray &path)
{
    std::wstring w = L"\\\\?\\" + wide(path);
    for (wchar_t &c : w) {
        if (c == L'/')
            c = L'\\';
    }
    return ::GetFileAttributesW(w.c_str());
}

// A staged file in `folder` holding `content` (copied from a source file through copyData).
struct Stage
{
    fs::UniqueHandle dir;
    fs::StagedFile file{fsys()};
    bool ok = false;
    Stage(const QByteArray &folder, const QByteArray &source, qint64 size)
    {
        int err = 0;
        dir.reset(fsys(), fsys().openFolder(folder, true, &err));
        if (!dir.valid() || file.open(dir.get(), 0644, true) != 0)
            return;
        fs::UniqueHandle in(fsys(), fsys().openRead(fs::NoHandle, source, true, &err));
        CopyControl control;
        std::atomic<qint64> bytes{0}, fileBytes{0};
        fs::DataCopyRequest request;
        request.in = in.get();
        request.out = file.handle();
        request.size = size;
        ok = in.valid() && fsys().copyData(request, control, &bytes, &fileBytes).ok && bytes == size;
    }
};
} // namespace

class TestWinFs : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QByteArray m_root;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_root = enginePath(m_tmp.path());
    }

    void paths()
    {
        QCOMPARE(fs::rootLength("C:/x"), qsizetype(3));
        QCOMPARE(fs::rootLength("C:"), qsizetype(2));
        QCOMPARE(fs::rootLength("//server/share/x"), qsizetype(15));
        QCOMPARE(fs::rootLength("/x"), qsizetype(1));
        QCOMPARE(fs::rootLength("x/y"), qsizetype(0));
        QCOMPARE(fs::pathFromText(QStringLiteral("C:\\Users\\a")), QByteArray("C:/Users/a"));
        QCOMPARE(fs::pathFromText(QStringLiteral("\\\\?\\C:\\a")), QByteArray("C:/a"));
        QCOMPARE(fs::pathFromText(QStringLiteral("\\\\?\\UNC\\srv\\share\\a")), QByteArray("//srv/share/a"));
    }

    // A new file never replaces one that is there: ERROR_ALREADY_EXISTS is a conflict.
    void publishWithoutReplace()
    {
        const QByteArray dir = m_root + "/publish";
        QCOMPARE(fsys().makeFolder(fs::NoHandle, dir, 0755), 0);
        QVERIFY(writeFile(dir + "/existing.txt", "old"));
        QVERIFY(writeFile(m_root + "/new-source", "new content"));
        Stage s(dir, m_root + "/new-source", 11);
        QVERIFY(s.ok);
        QCOMPARE(s.file.publish("existing.txt", false), EEXIST);
        QCOMPARE(readFile(dir + "/existing.txt"), QByteArray("old"));
        QCOMPARE(s.file.publish("other.txt", false), 0);
        QCOMPARE(readFile(dir + "/other.txt"), QByteArray("new content"));
        // The temporary was hidden; the copy is not.
        QVERIFY(!(attributes(dir + "/other.txt") & FILE_ATTRIBUTE_HIDDEN));
        int entries = 0;
        QCOMPARE(fsys().list(dir, false, [&](const fs::ListedEntry &) { ++entries; }), 0);
        QCOMPARE(entries, 2); // no temporary left
    }

    // --conflict overwrite onto a read-only file replaces it on purpose.
    void replaceReadOnly()
    {
        const QByteArray dir = m_root + "/readonly";
        QCOMPARE(fsys().makeFolder(fs::NoHandle, dir, 0755), 0);
        QVERIFY(writeFile(dir + "/locked.txt", "old"));
        const quint32 readOnly = 0444;
        QCOMPARE(fsys().setPathAttributes(fs::NoHandle, dir + "/locked.txt", &readOnly, {1, 0}, {1, 0}, true), 0);
        QVERIFY(attributes(dir + "/locked.txt") & FILE_ATTRIBUTE_READONLY);
        fs::FileInfo info;
        QCOMPARE(fsys().stat(fs::NoHandle, dir + "/locked.txt", false, &info), 0);
        QCOMPARE(info.mode & 0222, 0u);
        QVERIFY(writeFile(m_root + "/ro-source", "replacement"));
        Stage s(dir, m_root + "/ro-source", 11);
        QVERIFY(s.ok);
        QCOMPARE(s.file.publish("locked.txt", true), 0);
        QCOMPARE(readFile(dir + "/locked.txt"), QByteArray("replacement"));
    }

    // \\?\ paths: deeper and longer than MAX_PATH.
    void longPaths()
    {
        QByteArray dir = m_root + "/long";
        QCOMPARE(fsys().makeFolder(fs::NoHandle, dir, 0755), 0);
        for (int i = 0; i < 8; ++i) {
            dir += '/' + QByteArray(50, char('a' + i));
            QCOMPARE(fsys().makeFolder(fs::NoHandle, dir, 0755), 0);
        }
        QVERIFY(dir.size() > 400);
        QVERIFY(writeFile(m_root + "/long-source", "deep"));
        Stage s(dir, m_root + "/long-source", 4);
        QVERIFY(s.ok);
        QCOMPARE(s.file.publish("file.txt", false), 0);
        fs::FileInfo info;
        QCOMPARE(fsys().stat(fs::NoHandle, dir + "/file.txt", false, &info), 0);
        QCOMPARE(info.size, qint64(4));
        QCOMPARE(readFile(dir + "/file.txt"), QByteArray("deep"));
    }

    // Names beyond the Basic Multilingual Plane (UTF-16 surrogate pairs) come back as they went in.
    void surrogatePairs()
    {
        const QByteArray dir = m_root + "/names";
        QCOMPARE(fsys().makeFolder(fs::NoHandle, dir, 0755), 0);
        const QByteArray name = "\xf0\x9f\x98\x80 \xf0\x9d\x84\x9e \xe6\x97\x85.txt"; // grinning face, G clef, 旅
        QVERIFY(writeFile(m_root + "/names-source", "x"));
        Stage s(dir, m_root + "/names-source", 1);
        QVERIFY(s.ok);
        QCOMPARE(s.file.publish(name, false), 0);
        QList<QByteArray> listed;
        QCOMPARE(fsys().list(dir, false, [&](const fs::ListedEntry &e) { listed.append(e.name); }), 0);
        QCOMPARE(listed, QList<QByteArray>{name});
    }

    // Times to the 100 ns, also before 1970.
    void times()
    {
        QVERIFY(writeFile(m_root + "/timed", "t"));
        const timespec access{1234567890, 123456700};
        const timespec modified{-86400 * 365, 987654300};
        QCOMPARE(fsys().setPathAttributes(fs::NoHandle, m_root + "/timed", nullptr, access, modified, true), 0);
        fs::FileInfo info;
        QCOMPARE(fsys().stat(fs::NoHandle, m_root + "/timed", true, &info), 0);
        QCOMPARE(qint64(info.mtime.tv_sec), qint64(modified.tv_sec));
        QCOMPARE(qint64(info.mtime.tv_nsec), qint64(modified.tv_nsec));
    }

    // Temporaries of a run that is gone are removed; those of a live run are not.
    void staleTemporaries()
    {
        const QByteArray dir = m_root + "/stale";
        QCOMPARE(fsys().makeFolder(fs::NoHandle, dir, 0755), 0);
        const QByteArray dead = ".ferry-7ffffff0-0123456789abcdef.part";
        const QByteArray mine = makeTempName();
        QVERIFY(writeFile(dir + '/' + dead, "left over"));
        QVERIFY(writeFile(dir + '/' + mine, "in use"));
        QVERIFY(!fsys().processRunning(0x7ffffff0));
        QVERIFY(fsys().processRunning(fsys().processId()));
        removeStaleTemps(fsys(), dir);
        fs::FileInfo info;
        QCOMPARE(fsys().stat(fs::NoHandle, dir + '/' + dead, false, &info), ENOENT);
        QCOMPARE(fsys().stat(fs::NoHandle, dir + '/' + mine, false, &info), 0);
    }

    void volume()
    {
        fs::VolumeInfo v;
        QCOMPARE(fsys().volume(m_root, &v), 0);
        QVERIFY(!v.type.isEmpty());
        QVERIFY(v.freeBytes > 0);
        QVERIFY(v.windowsNames);
        fsys().probe(m_root, &v);
        QVERIFY(v.probed);
        QVERIFY(v.caseInsensitive);
        QVERIFY2(v.timeGranularityNs >= 100, QByteArray::number(v.timeGranularityNs).constData());
    }
};

QTEST_GUILESS_MAIN(TestWinFs)
#include "tst_winfs.moc"
