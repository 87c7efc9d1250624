// --move within one filesystem renames: a folder whose target is not there goes over whole, and
// where folders merge each entry is renamed, the conflict policy deciding for names that exist.
// A rename keeps the file itself (its inode), which a copy never does; across filesystems a move
// stays copy, flush, then remove. Killed mid-move, every file is at exactly one of its two places.

#include "CliTest.h"

#include <QRandomGenerator>

#include <signal.h>
#include <sys/stat.h>

using namespace TestTree;
using CliTest::at;
using CliTest::statusOf;

namespace {
quint64 inodeOf(const QByteArray &path)
{
    struct stat st {};
    return ::lstat(path.constData(), &st) == 0 ? quint64(st.st_ino) : 0;
}
} // namespace

class TestCliMove final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void wholeFolderIsRenamed();
    void mergingFoldersRenamesEachEntry_data();
    void mergingFoldersRenamesEachEntry();
    void acrossFilesystemsCopies();
    void linkToFolderMovesWhatItHolds();
    void mountInsideIsCopiedNotRenamed();
    void killedMidMoveLosesNothing();
};

void TestCliMove::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
}

void TestCliMove::wholeFolderIsRenamed()
{
    QTemporaryDir tmp;
    const QByteArray src = at(tmp, "album");
    QVERIFY(makeDirs(src));
    QVERIFY(makeSparseFile(join(src, "video.bin"), 1024LL * 1024 * 1024)); // no room needed to move it
    QVERIFY(makeManyFiles(join(src, "photos"), 500, 100, 100, 3));
    QVERIFY(makeSymlink("video.bin", join(src, "link")));
    const QStringList before = snapshot(src);
    const quint64 video = inodeOf(join(src, "video.bin"));
    const QByteArray dest = at(tmp, "library");
    const QByteArray report = at(tmp, "report.csv");

    const CliRun run = runCli({QByteArrayLiteral("--move"), QByteArrayLiteral("--report"), report, src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(kind(src), Kind::Missing);
    QCOMPARE(inodeOf(join(dest, "album/video.bin")), video);
    QCOMPARE(snapshot(join(dest, "album")), before);
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QCOMPARE(rows.size(), 502);
    for (const ReportRow &row : rows)
        QCOMPARE(row.status, QByteArray("moved"));
}

void TestCliMove::mergingFoldersRenamesEachEntry_data()
{
    QTest::addColumn<QString>("policy");
    QTest::newRow("skip") << QStringLiteral("skip");
    QTest::newRow("overwrite") << QStringLiteral("overwrite");
    QTest::newRow("rename") << QStringLiteral("rename");
}

void TestCliMove::mergingFoldersRenamesEachEntry()
{
    QFETCH(QString, policy);
    QTemporaryDir tmp;
    const QByteArray src = at(tmp, "album");
    QVERIFY(writeFile(join(src, "new.jpg"), "new"));
    QVERIFY(writeFile(join(src, "both.jpg"), "from the source"));
    QVERIFY(writeFile(join(src, "sub/deep.jpg"), "deep"));
    const QByteArray dest = at(tmp, "library");
    QVERIFY(writeFile(join(dest, "album/both.jpg"), "already there"));
    QVERIFY(writeFile(join(dest, "album/kept.jpg"), "kept"));
    const quint64 fresh = inodeOf(join(src, "new.jpg"));
    const quint64 both = inodeOf(join(src, "both.jpg"));
    const QByteArray report = at(tmp, "report.csv");

    const CliRun run = runCli({QByteArrayLiteral("--move"), QByteArrayLiteral("--conflict"), policy.toUtf8(),
                               QByteArrayLiteral("--report"), report, src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    const QByteArray album = join(dest, "album");
    QCOMPARE(inodeOf(join(album, "new.jpg")), fresh);
    QCOMPARE(readFile(join(album, "sub/deep.jpg")), QByteArray("deep"));
    QCOMPARE(readFile(join(album, "kept.jpg")), QByteArray("kept"));
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    if (policy == QLatin1String("skip")) {
        QCOMPARE(readFile(join(album, "both.jpg")), QByteArray("already there"));
        QCOMPARE(readFile(join(src, "both.jpg")), QByteArray("from the source")); // skipped: kept
        QCOMPARE(statusOf(rows, "both.jpg"), QByteArray("skipped"));
    } else if (policy == QLatin1String("overwrite")) {
        QCOMPARE(inodeOf(join(album, "both.jpg")), both);
        QCOMPARE(kind(src), Kind::Missing);
    } else {
        QCOMPARE(readFile(join(album, "both.jpg")), QByteArray("already there"));
        QCOMPARE(inodeOf(join(album, "both (2).jpg")), both);
        QCOMPARE(kind(src), Kind::Missing);
    }
    QCOMPARE(statusOf(rows, "new.jpg"), QByteArray("moved"));
}

void TestCliMove::acrossFilesystemsCopies()
{
    LoopMount mount;
    QString why;
    if (!mount.mount(QStringLiteral("ext4"), 32 * 1024 * 1024, {QStringLiteral("-q"), QStringLiteral("-F")}, &why))
        QSKIP(qPrintable(why));
    QTemporaryDir tmp;
    const QByteArray src = at(tmp, "album");
    QVERIFY(writeRandomFile(join(src, "a.bin"), 200000, 4));
    const QByteArray copyOfSource = at(tmp, "expected");
    QVERIFY(writeRandomFile(join(copyOfSource, "a.bin"), 200000, 4));
    const CliRun run = runCli({QByteArrayLiteral("--move"), src, mount.path()});
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(kind(src), Kind::Missing);
    QVERIFY(sameContent(join(copyOfSource, "a.bin"), join(mount.path(), "album/a.bin")));
}

// A link to a folder named with a trailing slash stands for the folder: its files are moved, the
// link is not renamed in their place (which would leave them where they were).
void TestCliMove::linkToFolderMovesWhatItHolds()
{
    QTemporaryDir tmp;
    const QByteArray real = at(tmp, "real");
    QVERIFY(writeFile(join(real, "a.txt"), "a"));
    QVERIFY(writeFile(join(real, "sub/b.txt"), "b"));
    QVERIFY(makeSymlink("real", at(tmp, "link")));
    const QByteArray dest = at(tmp, "dest");
    const CliRun run = runCli({QByteArrayLiteral("--move"), at(tmp, "link") + '/', dest});
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(kind(join(dest, "link")), Kind::Dir);
    QCOMPARE(readFile(join(dest, "link/a.txt")), QByteArray("a"));
    QCOMPARE(readFile(join(dest, "link/sub/b.txt")), QByteArray("b"));
    QCOMPARE(kind(join(real, "a.txt")), Kind::Missing);
    QCOMPARE(kind(at(tmp, "link")), Kind::Symlink);
}

// A filesystem mounted inside the folder moved stays mounted where it is: its files are copied
// over and removed, not carried along by renaming the folder above them.
void TestCliMove::mountInsideIsCopiedNotRenamed()
{
    QTemporaryDir tmp;
    const QByteArray src = at(tmp, "album");
    QVERIFY(writeFile(join(src, "top.txt"), "top"));
    LoopMount mount;
    QString why;
    if (!mount.mount(QStringLiteral("ext4"), 16 * 1024 * 1024, {QStringLiteral("-q"), QStringLiteral("-F")}, &why))
        QSKIP(qPrintable(why));
    // The mount point is made a folder of the album by a bind mount of the image's root there.
    QVERIFY(makeDirs(join(src, "card")));
    if (runTool(QStringLiteral("mount"), {QStringLiteral("--bind"), QString::fromUtf8(mount.path()), QString::fromUtf8(join(src, "card"))}) != 0)
        QSKIP("bind mount refused");
    QVERIFY(writeFile(join(src, "card/on-card.txt"), "card"));
    const CliRun run = runCli({QByteArrayLiteral("--move"), src, at(tmp, "dest")});
    const bool stillMounted = runTool(QStringLiteral("mountpoint"), {QStringLiteral("-q"), QString::fromUtf8(join(src, "card"))}) == 0;
    runTool(QStringLiteral("umount"), {QString::fromUtf8(join(src, "card"))});
    runTool(QStringLiteral("umount"), {QString::fromUtf8(at(tmp, "dest/album/card"))}); // were it carried along
    FERRY_COMPARE_EXIT(run, 0);
    QVERIFY(stillMounted);
    QCOMPARE(readFile(at(tmp, "dest/album/top.txt")), QByteArray("top"));
    QCOMPARE(readFile(at(tmp, "dest/album/card/on-card.txt")), QByteArray("card"));
    QCOMPARE(kind(join(mount.path(), "on-card.txt")), Kind::Missing); // moved off the card
}

// Merging into a folder that exists makes the move go entry by entry; a kill at any moment leaves
// each file in the source or in the destination, whole, never in neither.
void TestCliMove::killedMidMoveLosesNothing()
{
    const quint64 seed = QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    for (int trial = 0; trial < 6; ++trial) {
        QTemporaryDir tmp;
        const QByteArray src = at(tmp, "album");
        const int files = int(scaled(3000, 300));
        QVERIFY(makeManyFiles(src, files, 300, 50, quint64(trial)));
        const QList<QByteArray> names = listFiles(src);
        QHash<QByteArray, QByteArray> content;
        for (const QByteArray &rel : names)
            content.insert(rel, readFile(join(src, rel)));
        const QByteArray dest = at(tmp, "library");
        QVERIFY(makeDirs(join(dest, "album")));
        CliCall call;
        call.args = {QByteArrayLiteral("--move"), src, dest};
        auto process = startCli(call);
        QVERIFY(process);
        QThread::msleep(random.bounded(20, 400));
        ::kill(pid_t(process->processId()), SIGKILL);
        process->waitForFinished(10000);
        for (const QByteArray &rel : names) {
            const bool there = kind(join(join(dest, "album"), rel)) == Kind::File;
            const bool here = kind(join(src, rel)) == Kind::File;
            QVERIFY2(there != here, qPrintable(QStringLiteral("seed %1 trial %2: %3 is in %4").arg(seed).arg(trial)
                                                   .arg(show(rel), there ? QStringLiteral("both places") : QStringLiteral("neither place"))));
            QCOMPARE(readFile(there ? join(join(dest, "album"), rel) : join(src, rel)), content.value(rel));
        }
    }
}

QTEST_GUILESS_MAIN(TestCliMove)
#include "tst_cli_move.moc"
