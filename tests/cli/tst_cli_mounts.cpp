// ferry-cli on small loop-mounted file systems: the free-space and free-inode checks, FAT32's
// 4 GiB limit, and reflinks on XFS and btrfs. Needs root and loop devices; each
// test skips with the reason when it cannot mount.

#include "CliTest.h"

#include <QRegularExpression>

#include <unistd.h>

using namespace TestTree;
using CliTest::at;

namespace {

constexpr qint64 MiB = 1024 * 1024;

// True if `text` states `bytes` in some common way: the exact number, or its size in MiB/MB/KiB
// (integer part, any decimals).
bool mentionsAmount(const QString &text, qint64 bytes)
{
    if (text.contains(QString::number(bytes)))
        return true;
    const struct {
        double unit;
        const char *suffix;
    } units[] = {{double(MiB), "(MiB|M|MB)"}, {1e6, "(MB|M)"}, {1024.0, "(KiB|K|kB|KB)"}, {1000.0, "(kB|KB|K)"}};
    for (const auto &u : units) {
        const qint64 whole = qint64(double(bytes) / u.unit);
        for (const qint64 n : {whole, whole + 1}) { // rounded either way
            const QRegularExpression re(QStringLiteral("(^|[^0-9.])%1([.,][0-9]+)?\\s*%2")
                                            .arg(n)
                                            .arg(QLatin1String(u.suffix)));
            if (re.match(text).hasMatch())
                return true;
        }
    }
    return false;
}

} // namespace

class TestCliMounts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void notEnoughSpaceRefused();
    void fat32FileTooBigRefused();
    void tooFewInodesRefused();
    void reflinkWhereTheFilesystemHasIt_data();
    void reflinkWhereTheFilesystemHasIt();
};

void TestCliMounts::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
}

void TestCliMounts::notEnoughSpaceRefused()
{
    LoopMount mount;
    QString why;
    if (!mount.mount(QStringLiteral("ext4"), 8 * MiB, {QStringLiteral("-q"), QStringLiteral("-F"), QStringLiteral("-m"), QStringLiteral("0")}, &why))
        QSKIP(qPrintable(why));
    const qint64 freeBytes = mount.freeBytes();
    QVERIFY(freeBytes > 0 && freeBytes < 8 * MiB);

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    for (int i = 0; i < 4; ++i)
        QVERIFY(writeRandomFile(join(src, QByteArrayLiteral("part") + QByteArray::number(i)), 5 * MiB, quint64(i)));
    const qint64 needed = 20 * MiB;
    const QByteArray dest = join(mount.path(), QByteArrayLiteral("backup"));
    const QStringList before = snapshot(mount.path());

    const CliRun run = runCli({src, dest});
    FERRY_COMPARE_EXIT(run, 2);
    QCOMPARE(snapshot(mount.path()), before);
    QCOMPARE(kind(dest), Kind::Missing);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(mentionsAmount(err, needed), qPrintable(QStringLiteral("stderr does not state the %1 bytes needed:\n%2").arg(needed).arg(err)));
    QVERIFY2(mentionsAmount(err, freeBytes), qPrintable(QStringLiteral("stderr does not state the %1 bytes free:\n%2").arg(freeBytes).arg(err)));
}

void TestCliMounts::fat32FileTooBigRefused()
{
    // FAT32 holds files of at most 4 GiB - 1 byte. The image has room for the data, so only the
    // size limit stands in the way.
    // The kernel's vfat where there is one, else FAT32 through FUSE (which reports no size at
    // all: the limit must come from the filesystem's type).
    LoopMount mount;
    QString why;
    QString fuseWhy;
    if (!mount.mount(QStringLiteral("vfat"), 6LL * 1024 * MiB, {QStringLiteral("-F"), QStringLiteral("32")}, &why)
        && !mount.mount(QStringLiteral("fusefat"), 6LL * 1024 * MiB, {QStringLiteral("-F"), QStringLiteral("32")}, &fuseWhy))
        QSKIP(qPrintable(why + QStringLiteral("; ") + fuseWhy));
    QVERIFY2(mount.freeBytes() > 4LL * 1024 * MiB + 10 * MiB || mount.freeBytes() == 0, "the FAT32 image is too small");

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeFile(join(src, QByteArrayLiteral("small.txt")), QByteArrayLiteral("small")));
    QVERIFY(makeSparseFile(join(src, QByteArrayLiteral("huge.iso")), 4LL * 1024 * MiB)); // 4 GiB exactly
    const QByteArray dest = join(mount.path(), QByteArrayLiteral("backup"));
    const QStringList before = snapshot(mount.path());

    const CliRun run = runCli({src, dest});
    FERRY_COMPARE_EXIT(run, 2);
    QVERIFY2(run.err.contains("huge.iso"), run.err.constData());
    QCOMPARE(snapshot(mount.path()), before);
    QCOMPARE(kind(dest), Kind::Missing);
}

void TestCliMounts::tooFewInodesRefused()
{
    // The free-space check counts bytes, and inodes too: this image has plenty of bytes but only
    // ~290 inodes, so 450 small files are refused up front instead of failing half-way.
    LoopMount mount;
    QString why;
    if (!mount.mount(QStringLiteral("ext4"), 16 * MiB,
                     {QStringLiteral("-q"), QStringLiteral("-F"), QStringLiteral("-m"), QStringLiteral("0"),
                      QStringLiteral("-N"), QStringLiteral("300")},
                     &why))
        QSKIP(qPrintable(why));
    QVERIFY2(mount.freeInodes() < 400, qPrintable(QStringLiteral("%1 free inodes").arg(mount.freeInodes())));

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(makeManyFiles(src, 450, 150, 1024, 5));
    const QByteArray dest = join(mount.path(), QByteArrayLiteral("backup"));
    const QStringList before = snapshot(mount.path());

    const CliRun run = runCli({src, dest});
    FERRY_COMPARE_EXIT(run, 2);
    QVERIFY2(run.err.contains("inodes"), run.err.constData());
    QVERIFY2(run.err.contains(QByteArray::number(mount.freeInodes())), run.err.constData());
    QCOMPARE(snapshot(mount.path()), before);
    QCOMPARE(kind(dest), Kind::Missing);
}

void TestCliMounts::reflinkWhereTheFilesystemHasIt_data()
{
    QTest::addColumn<QString>("fsType");
    QTest::newRow("xfs") << QStringLiteral("xfs");
    QTest::newRow("btrfs") << QStringLiteral("btrfs");
}

void TestCliMounts::reflinkWhereTheFilesystemHasIt()
{
    // Within one XFS or btrfs filesystem a copy can share the source's blocks (a reflink): the
    // copy takes no room for its data and the filesystem marks its extents shared.
    QFETCH(QString, fsType);
#ifdef FERRY_PORTABLE_ONLY
    QSKIP("the portable path copies bytes: it has no reflink call");
#endif
    LoopMount mount;
    QString why;
    if (!mount.mount(fsType, 400 * MiB, {QStringLiteral("-q"), QStringLiteral("-f")}, &why))
        QSKIP(qPrintable(why));
    constexpr qint64 Size = 64 * MiB;
    const QByteArray src = join(mount.path(), QByteArrayLiteral("src"));
    QVERIFY(writeRandomFile(join(src, QByteArrayLiteral("big.bin")), Size, 7));
    QVERIFY(writeRandomFile(join(src, QByteArrayLiteral("sub/part.bin")), 3 * MiB + 5, 8));
    ::sync();
    const qint64 freeBefore = mount.freeBytes();
    const QByteArray dest = join(mount.path(), QByteArrayLiteral("dst"));

    const CliRun run = runCli({src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    ::sync();
    const QByteArray copy = join(dest, QByteArrayLiteral("src/big.bin"));
    QVERIFY(sameContent(join(src, QByteArrayLiteral("big.bin")), copy));
    QVERIFY(sameContent(join(src, QByteArrayLiteral("sub/part.bin")), join(dest, QByteArrayLiteral("src/sub/part.bin"))));
    qint64 shared = 0;
    qint64 mapped = 0;
    QVERIFY(sharedBytes(copy, &shared, &mapped));
    QVERIFY2(mapped >= Size && shared == mapped,
             qPrintable(QStringLiteral("%1 of the copy's %2 mapped bytes are shared").arg(shared).arg(mapped)));
    const qint64 used = freeBefore - mount.freeBytes();
    QVERIFY2(used < Size / 4, qPrintable(QStringLiteral("the copy took %1 bytes of free space").arg(used)));
}

QTEST_GUILESS_MAIN(TestCliMounts)
#include "tst_cli_mounts.moc"
