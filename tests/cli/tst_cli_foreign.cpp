// ferry-cli onto the filesystems of USB sticks and Windows disks, mounted through FUSE as many
// users' systems mount them: FAT32 (fusefat), exFAT (exfat-fuse) and NTFS (ntfs-3g, refusing the
// names Windows cannot use). Each copy is checked after an unmount and a mount, so what is
// compared is what the filesystem kept. Needs root, loop devices and /dev/fuse; skips with the
// reason where one is missing.

#include "CliTest.h"

using namespace TestTree;
using CliTest::at;
using CliTest::statusOf;

namespace {
constexpr qint64 MiB = 1024 * 1024;

struct Expect {
    bool caseInsensitive;
    bool links;
};
} // namespace

class TestCliForeign final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everySourceAccountedFor_data();
    void everySourceAccountedFor();
    void fixNamesWritesEveryFile_data();
    void fixNamesWritesEveryFile();

private:
    static QByteArray makeTree(const QTemporaryDir &tmp);
    static bool mountRow(LoopMount *mount, QString *why);
};

void TestCliForeign::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
}

// A photo library in small: nested folders, names FAT refuses, case twins, odd seconds and
// nanoseconds, a read-only file, a link, an extended attribute.
QByteArray TestCliForeign::makeTree(const QTemporaryDir &tmp)
{
    const QByteArray src = at(tmp, "Photos");
    bool ok = writeRandomFile(join(src, "2024/Summer/IMG_0001.jpg"), 300 * 1024, 1)
        && writeRandomFile(join(src, "2024/Summer/IMG_0002.jpg"), 2 * MiB + 7, 2)
        && writeFile(join(src, "2024/notes: trip.txt"), "colon")
        && writeFile(join(src, "2024/what?.txt"), "question")
        && writeFile(join(src, "Readme.txt"), "mixed case")
        && writeFile(join(src, "README.TXT"), "upper case")
        && writeFile(join(src, "odd-time.txt"), "odd") && setMtime(join(src, "odd-time.txt"), 1500000001, 123456789)
        && writeFile(join(src, "read-only.txt"), "ro") && setMode(join(src, "read-only.txt"), 0444)
        && makeSymlink("Readme.txt", join(src, "link-to-readme"));
    if (!ok)
        return QByteArray();
    return src;
}

bool TestCliForeign::mountRow(LoopMount *mount, QString *why)
{
    QFETCH(QString, fsType);
    QStringList mkfsArgs;
    if (fsType == QLatin1String("fusefat"))
        mkfsArgs = {QStringLiteral("-F"), QStringLiteral("32")};
    else if (fsType == QLatin1String("ntfs-3g"))
        mkfsArgs = {QStringLiteral("-F"), QStringLiteral("-Q")};
    return mount->mount(fsType, 128 * MiB, mkfsArgs, why);
}

void TestCliForeign::everySourceAccountedFor_data()
{
    QTest::addColumn<QString>("fsType");
    QTest::addColumn<bool>("caseInsensitive");
    QTest::addColumn<bool>("links");
    QTest::newRow("FAT32") << QStringLiteral("fusefat") << true << false;
    QTest::newRow("exFAT") << QStringLiteral("exfat-fuse") << true << false;
    QTest::newRow("NTFS") << QStringLiteral("ntfs-3g") << false << true;
}

void TestCliForeign::everySourceAccountedFor()
{
    QFETCH(bool, caseInsensitive);
    QFETCH(bool, links);
    LoopMount mount;
    QString why;
    if (!mountRow(&mount, &why))
        QSKIP(qPrintable(why));
    QTemporaryDir tmp;
    const QByteArray src = makeTree(tmp);
    QVERIFY(!src.isEmpty());
    const QByteArray dest = join(mount.path(), "stick");
    const QByteArray report = at(tmp, "report.csv");

    const CliRun run = runCli({QByteArrayLiteral("--verify"), QByteArrayLiteral("--report"), report, src, dest});
    FERRY_COMPARE_EXIT(run, 1);
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), 9);
    // Every file is copied or failed with a reason; none "differs" because of the filesystem.
    for (const ReportRow &row : rows) {
        QVERIFY2(row.status == "copied" || (row.status == "failed" && !row.message.isEmpty()),
                 qPrintable(QStringLiteral("%1: %2 %3").arg(show(row.source), QString::fromUtf8(row.status), QString::fromUtf8(row.message))));
    }
    for (const char *refused : {"2024/notes: trip.txt", "2024/what?.txt"}) {
        const ReportRow *row = CliTest::rowForSource(rows, refused);
        QVERIFY(row);
        QCOMPARE(row->status, QByteArray("failed"));
        QVERIFY2(row->message.contains("cannot store this name"), row->message.constData());
    }
    // The twins: on a case-insensitive filesystem the later one fails and says why, never by chance.
    QCOMPARE(statusOf(rows, "README.TXT"), QByteArray("copied"));
    if (caseInsensitive) {
        const ReportRow *twin = CliTest::rowForSource(rows, "Readme.txt");
        QCOMPARE(twin->status, QByteArray("failed"));
        QVERIFY2(twin->message.contains("case-insensitive") && twin->message.contains("README.TXT"), twin->message.constData());
    } else {
        QCOMPARE(statusOf(rows, "Readme.txt"), QByteArray("copied"));
    }
    QCOMPARE(statusOf(rows, "link-to-readme"), QByteArray(links ? "copied" : "failed"));
    QVERIFY2(!run.err.contains("mode"), run.err.constData()); // modes are not reported lost

    QVERIFY2(mount.remount(&why), qPrintable(why));
    for (const ReportRow &row : rows) {
        if (row.status == "copied" && !row.source.endsWith("link-to-readme"))
            QVERIFY2(sameContent(row.source, row.destination), row.destination.constData());
    }
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());

    // Again with --conflict update: nothing is copied, whatever the filesystem's clock rounds.
    const QByteArray again = at(tmp, "again.csv");
    const CliRun rerun = runCli({QByteArrayLiteral("--conflict"), QByteArrayLiteral("update"),
                                 QByteArrayLiteral("--report"), again, src, dest});
    FERRY_COMPARE_EXIT(rerun, 1);
    const QList<ReportRow> second = readReport(again, &error);
    QCOMPARE(second.size(), 9);
    for (const ReportRow &row : second)
        QVERIFY2(row.status != "copied", qPrintable(QStringLiteral("copied again: ") + show(row.source)));
}

void TestCliForeign::fixNamesWritesEveryFile_data()
{
    everySourceAccountedFor_data();
}

void TestCliForeign::fixNamesWritesEveryFile()
{
    QFETCH(bool, caseInsensitive);
    QFETCH(bool, links);
    LoopMount mount;
    QString why;
    if (!mountRow(&mount, &why))
        QSKIP(qPrintable(why));
    QTemporaryDir tmp;
    const QByteArray src = makeTree(tmp);
    QVERIFY(!src.isEmpty());
    const QByteArray dest = join(mount.path(), "stick");
    const QByteArray report = at(tmp, "report.csv");

    // The dry run lists what the copy will do, names included, and writes nothing.
    const QStringList before = snapshot(mount.path());
    const CliRun dry = runCli({QByteArrayLiteral("--dry-run"), QByteArrayLiteral("--fix-names"),
                               QByteArrayLiteral("--conflict"), QByteArrayLiteral("rename"), src, dest});
    FERRY_COMPARE_EXIT(dry, links ? 0 : 1);
    QVERIFY2(dry.out.contains("notes_ trip.txt"), dry.out.constData());
    QCOMPARE(snapshot(mount.path()), before);

    const CliRun run = runCli({QByteArrayLiteral("--fix-names"), QByteArrayLiteral("--conflict"),
                               QByteArrayLiteral("rename"), QByteArrayLiteral("--report"), report, src, dest});
    FERRY_COMPARE_EXIT(run, links ? 0 : 1);
    QString error;
    const QList<ReportRow> rows = readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ReportRow *colon = CliTest::rowForSource(rows, "2024/notes: trip.txt");
    QVERIFY(colon);
    QCOMPARE(colon->destination, join(dest, "Photos/2024/notes_ trip.txt"));
    QCOMPARE(CliTest::rowForSource(rows, "2024/what?.txt")->destination, join(dest, "Photos/2024/what_.txt"));
    const ReportRow *twin = CliTest::rowForSource(rows, "Readme.txt");
    QCOMPARE(twin->status, QByteArray("copied"));
    QCOMPARE(twin->destination, join(dest, caseInsensitive ? "Photos/Readme (2).txt" : "Photos/Readme.txt"));

    QVERIFY2(mount.remount(&why), qPrintable(why));
    for (const ReportRow &row : rows) {
        if (row.status == "copied" && !row.source.endsWith("link-to-readme"))
            QVERIFY2(sameContent(row.source, row.destination), row.destination.constData());
    }
    QCOMPARE(readFile(join(dest, "Photos/README.TXT")), QByteArray("upper case"));
}

QTEST_GUILESS_MAIN(TestCliForeign)
#include "tst_cli_foreign.moc"
