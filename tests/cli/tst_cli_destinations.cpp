// What a careful copier owes the destination and the people on the machine, through ferry-cli:
// two sources that land on one target are decided by the plan, never by timing; a copy never
// gains a privilege its source did not give (set-user-ID programs copied as root or as another
// user); extended attributes and ACLs come along; files whose sizes lie (procfs, sysfs) are read
// to their end; a read-only destination is refused up front.

#include "CliTest.h"

#include <QStandardPaths>

#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace TestTree;
using CliTest::at;
using CliTest::statusOf;

namespace {
struct Owner {
    uid_t uid = uid_t(-1);
    gid_t gid = gid_t(-1);
    mode_t mode = 0;
};

Owner ownerOf(const QByteArray &path)
{
    struct stat st {};
    if (::lstat(path.constData(), &st) != 0)
        return Owner();
    return Owner{st.st_uid, st.st_gid, mode_t(st.st_mode & 07777)};
}

bool giveTo(const QByteArray &path, uid_t uid, gid_t gid, mode_t mode)
{
    return ::lchown(path.constData(), uid, gid) == 0 && ::chmod(path.constData(), mode) == 0;
}

QByteArray xattr(const QByteArray &path, const char *name)
{
    char value[256];
    const ssize_t n = ::lgetxattr(path.constData(), name, value, sizeof value);
    return n < 0 ? QByteArray() : QByteArray(value, int(n));
}
} // namespace

class TestCliDestinations final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void twoSourcesOneTarget_data();
    void twoSourcesOneTarget();
    void noPrivilegeGained_data();
    void noPrivilegeGained();
    void extendedAttributesAndAcls();
    void sizesThatLie();
    void readOnlyDestinationRefused();
    void noNumberedNameEnds();
};

void TestCliDestinations::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
}

void TestCliDestinations::twoSourcesOneTarget_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("skip") << QStringLiteral("skip") << 1;
    QTest::newRow("overwrite") << QStringLiteral("overwrite") << 1;
    QTest::newRow("update") << QStringLiteral("update") << 1;
    QTest::newRow("rename") << QStringLiteral("rename") << 0;
}

// a/photos and b/photos dropped into one destination: b's x.jpg has a's target. The later one, in
// the order given, is numbered under "rename" and fails otherwise; the result never depends on
// which thread is first (many files, many threads, several runs).
void TestCliDestinations::twoSourcesOneTarget()
{
    QFETCH(QString, policy);
    QFETCH(int, exitCode);
    QTemporaryDir tmp;
    const QByteArray a = at(tmp, "a/photos");
    const QByteArray b = at(tmp, "b/photos");
    for (int i = 0; i < 40; ++i) {
        const QByteArray name = "x" + QByteArray::number(i) + ".jpg";
        QVERIFY(writeFile(join(a, name), "from a " + name));
        QVERIFY(writeFile(join(b, name), "from b " + name));
    }
    QVERIFY(writeFile(join(b, "only-b.jpg"), "only b"));
    for (int round = 0; round < 3; ++round) {
        const QByteArray dest = at(tmp, QByteArray("dst" + QByteArray::number(round)).constData());
        const QByteArray report = at(tmp, "report.csv");
        const CliRun dry = runCli({QByteArrayLiteral("--dry-run"), QByteArrayLiteral("--conflict"), policy.toUtf8(), a, b, dest});
        FERRY_COMPARE_EXIT(dry, exitCode);
        const CliRun run = runCli({QByteArrayLiteral("-j"), QByteArrayLiteral("8"), QByteArrayLiteral("--conflict"),
                                   policy.toUtf8(), QByteArrayLiteral("--report"), report, a, b, dest});
        FERRY_COMPARE_EXIT(run, exitCode);
        QString error;
        const QList<ReportRow> rows = readReport(report, &error);
        QCOMPARE(rows.size(), 81);
        for (int i = 0; i < 40; ++i) {
            const QByteArray name = "x" + QByteArray::number(i) + ".jpg";
            QCOMPARE(readFile(join(dest, "photos/" + name)), "from a " + name);
            const ReportRow *later = CliTest::rowForSource(rows, "b/photos/" + name);
            QVERIFY(later);
            if (policy == QLatin1String("rename")) {
                QCOMPARE(later->status, QByteArray("copied"));
                const QByteArray numbered = "x" + QByteArray::number(i) + " (2).jpg";
                QCOMPARE(later->destination, join(dest, "photos/" + numbered));
                QCOMPARE(readFile(join(dest, "photos/" + numbered)), "from b " + name);
            } else {
                QCOMPARE(later->status, QByteArray("failed"));
                QVERIFY2(later->message.contains("another file of this copy has the same target")
                             && later->message.contains(join(dest, "photos/" + name)),
                         later->message.constData());
                QVERIFY2(dry.out.contains("another file of this copy has the same target") || dry.err.contains("another file of this copy"),
                         dry.out.constData());
            }
        }
        QCOMPARE(statusOf(rows, "b/photos/only-b.jpg"), QByteArray("copied"));
    }
}

void TestCliDestinations::noPrivilegeGained_data()
{
    QTest::addColumn<bool>("asRoot");
    QTest::addColumn<QString>("extra");
    QTest::newRow("root") << true << QString();
    QTest::newRow("root, overwrite") << true << QStringLiteral("--conflict=overwrite");
    QTest::newRow("root, --move") << true << QStringLiteral("--move");
    QTest::newRow("root, --no-preserve") << true << QStringLiteral("--no-preserve");
    QTest::newRow("another user") << false << QString();
    QTest::newRow("another user, update") << false << QStringLiteral("--conflict=update");
    QTest::newRow("another user, rename") << false << QStringLiteral("--conflict=rename");
}

// As root (an administrator copying a user's folder to a backup), owners are kept, as cp -a and
// rsync -a do: a set-user-ID program of nobody's stays nobody's. As another user the copies are
// that user's, and a set-user-ID or set-group-ID bit whose owner or group changed is dropped.
void TestCliDestinations::noPrivilegeGained()
{
    QFETCH(bool, asRoot);
    QFETCH(QString, extra);
    if (::geteuid() != 0)
        QSKIP("needs root to make files of other users");
    const QString unavailable = unprivilegedUnavailable();
    if (!asRoot && !unavailable.isEmpty())
        QSKIP(qPrintable(unavailable));
    QTemporaryDir tmp;
    QVERIFY(::chmod(tmp.path().toLocal8Bit().constData(), 0777) == 0);
    const QByteArray src = at(tmp, "home");
    QVERIFY(writeFile(join(src, "nobody-suid"), "#!/bin/sh\n"));
    QVERIFY(giveTo(join(src, "nobody-suid"), 65534, 65534, 04755));
    QVERIFY(writeFile(join(src, "root-suid"), "#!/bin/sh\n"));
    QVERIFY(giveTo(join(src, "root-suid"), 0, 0, 04755));
    QVERIFY(writeFile(join(src, "root-sgid"), "#!/bin/sh\n"));
    QVERIFY(giveTo(join(src, "root-sgid"), 0, 0, 02755));
    QVERIFY(makeDirs(join(src, "shared")));
    QVERIFY(writeFile(join(src, "shared/file"), "x"));
    QVERIFY(giveTo(join(src, "shared/file"), 65534, 65534, 0644));
    QVERIFY(giveTo(join(src, "shared"), 0, 0, 02775));
    QVERIFY(giveTo(src, 65534, 65534, 0777));
    const QByteArray dest = at(tmp, "backup");
    QVERIFY(makeDirs(dest, 0777));
    if (extra == QLatin1String("--conflict=overwrite") || extra == QLatin1String("--conflict=update")
        || extra == QLatin1String("--conflict=rename")) {
        QVERIFY(writeFile(join(dest, "home/nobody-suid"), "old"));
        QVERIFY(writeFile(join(dest, "home/root-suid"), "old"));
        QVERIFY(setMtime(join(dest, "home/root-suid"), 1000));
        QVERIFY(setMtime(join(dest, "home/nobody-suid"), 1000));
        QVERIFY(::chmod(join(dest, "home").constData(), 0777) == 0);
        QVERIFY(::chmod(join(dest, "home/nobody-suid").constData(), 0666) == 0);
        QVERIFY(::chmod(join(dest, "home/root-suid").constData(), 0666) == 0);
    }
    CliCall call;
    call.unprivileged = !asRoot;
    call.args = {src, dest};
    if (!extra.isEmpty())
        call.args.prepend(extra.toUtf8());
    const CliRun run = runCliWith(call);
    // Another user cannot remove root's files from a --move source: only copying is asked here.
    FERRY_COMPARE_EXIT(run, 0);
    const QByteArray home = join(dest, "home");
    const QByteArray nobodySuid = join(home, extra == QLatin1String("--conflict=rename") ? "nobody-suid (2)" : "nobody-suid");
    const QByteArray rootSuid = join(home, extra == QLatin1String("--conflict=rename") ? "root-suid (2)" : "root-suid");
    const Owner n = ownerOf(nobodySuid);
    const Owner r = ownerOf(rootSuid);
    const Owner g = ownerOf(join(home, "root-sgid"));
    const Owner shared = ownerOf(join(home, "shared"));
    if (extra == QLatin1String("--no-preserve")) {
        for (const Owner &o : {n, r, g, shared})
            QCOMPARE(o.mode & 06000, mode_t(0));
        return;
    }
    if (asRoot) {
        QCOMPARE(n.uid, uid_t(65534));
        QCOMPARE(n.mode, mode_t(04755));
        QCOMPARE(r.uid, uid_t(0));
        QCOMPARE(r.mode, mode_t(04755));
        QCOMPARE(g.mode, mode_t(02755));
        QCOMPARE(shared.mode, mode_t(02775));
        QCOMPARE(ownerOf(join(home, "shared/file")).uid, uid_t(65534));
        QCOMPARE(ownerOf(home).uid, uid_t(65534));
    } else {
        // nobody copying: its own program keeps its bit; root's programs and folder lose theirs.
        QCOMPARE(n.uid, uid_t(65534));
        QCOMPARE(n.mode, mode_t(04755));
        QCOMPARE(r.uid, uid_t(65534));
        QCOMPARE(r.mode, mode_t(0755));
        QCOMPARE(g.mode, mode_t(0755));
        QCOMPARE(shared.uid, uid_t(65534));
        QCOMPARE(shared.mode, mode_t(0775));
    }
}

void TestCliDestinations::extendedAttributesAndAcls()
{
    QTemporaryDir tmp;
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeFile(join(src, "tagged.txt"), "data"));
    QVERIFY(writeFile(join(src, "empty-tagged"), ""));
    if (::lsetxattr(join(src, "tagged.txt").constData(), "user.color", "blue", 4, 0) != 0)
        QSKIP("this filesystem keeps no user extended attributes");
    QVERIFY(::lsetxattr(join(src, "empty-tagged").constData(), "user.tag", "t", 1, 0) == 0);
    QVERIFY(::lsetxattr(src.constData(), "user.folder", "f", 1, 0) == 0);
    const bool acls = !QStandardPaths::findExecutable(QStringLiteral("setfacl")).isEmpty()
        && runTool(QStringLiteral("setfacl"), {QStringLiteral("-m"), QStringLiteral("u:65534:r"), QString::fromUtf8(join(src, "tagged.txt"))}) == 0;

    const CliRun run = runCli({src, at(tmp, "dst")});
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(xattr(at(tmp, "dst/src/tagged.txt"), "user.color"), QByteArray("blue"));
    QCOMPARE(xattr(at(tmp, "dst/src/empty-tagged"), "user.tag"), QByteArray("t"));
    QCOMPARE(xattr(at(tmp, "dst/src"), "user.folder"), QByteArray("f"));
    if (acls) {
        QCOMPARE(xattr(at(tmp, "dst/src/tagged.txt"), "system.posix_acl_access"),
                 xattr(join(src, "tagged.txt"), "system.posix_acl_access"));
    }
    const CliRun plain = runCli({QByteArrayLiteral("--no-preserve"), src, at(tmp, "plain")});
    FERRY_COMPARE_EXIT(plain, 0);
    QCOMPARE(xattr(at(tmp, "plain/src/tagged.txt"), "user.color"), QByteArray());

    // A destination that keeps none: said once for the job, and the files are copied.
    LoopMount mount;
    QString why;
    if (!mount.mount(QStringLiteral("fusefat"), 64 * 1024 * 1024, {QStringLiteral("-F"), QStringLiteral("32")}, &why))
        QSKIP(qPrintable(why));
    const CliRun fat = runCli({src, join(mount.path(), "dst")});
    FERRY_COMPARE_EXIT(fat, 0);
    QCOMPARE(fat.err.count("extended attributes"), 1);
    QVERIFY2(fat.err.contains("user.color"), fat.err.constData());
    QCOMPARE(readFile(join(mount.path(), "dst/src/tagged.txt")), QByteArray("data"));
}

// procfs says 0 bytes for a file that reads as more, sysfs a page for a few bytes: both are
// copied whole, as cp does.
void TestCliDestinations::sizesThatLie()
{
    QTemporaryDir tmp;
    QList<QByteArray> sources = {QByteArrayLiteral("/proc/cpuinfo"), QByteArrayLiteral("/proc/version")};
    for (const char *candidate : {"/sys/devices/system/cpu/online", "/sys/kernel/mm/transparent_hugepage/enabled"}) {
        if (QFileInfo::exists(QString::fromLatin1(candidate))) {
            sources.append(candidate);
            break;
        }
    }
    for (const QByteArray &s : sources) {
        if (!QFileInfo(QString::fromUtf8(s)).isReadable())
            QSKIP(qPrintable(QStringLiteral("%1 cannot be read here").arg(QString::fromUtf8(s))));
    }
    const QByteArray dest = at(tmp, "dst");
    QList<QByteArray> args = sources;
    args << QByteArrayLiteral("--verify") << dest;
    const CliRun run = runCli(args);
    FERRY_COMPARE_EXIT(run, 0);
    for (const QByteArray &s : sources) {
        QFile source(QString::fromUtf8(s));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray content = source.readAll();
        QVERIFY(!content.isEmpty());
        QCOMPARE(readFile(join(dest, s.mid(s.lastIndexOf('/') + 1))), content);
    }
}

void TestCliDestinations::readOnlyDestinationRefused()
{
    LoopMount mount;
    QString why;
    if (!mount.mount(QStringLiteral("ext4"), 16 * 1024 * 1024, {QStringLiteral("-q"), QStringLiteral("-F")}, &why))
        QSKIP(qPrintable(why));
    QVERIFY(makeDirs(join(mount.path(), "backup")));
    QCOMPARE(runTool(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), QString::fromUtf8(mount.path())}), 0);
    QTemporaryDir tmp;
    const QByteArray src = at(tmp, "src");
    for (int i = 0; i < 20; ++i)
        QVERIFY(writeFile(join(src, "f" + QByteArray::number(i)), "x"));
    const CliRun run = runCli({src, join(mount.path(), "backup")});
    FERRY_COMPARE_EXIT(run, 2);
    QCOMPARE(run.err.count('\n'), 1); // one refusal, not one failure a file
    QVERIFY2(run.err.contains("read-only") && run.err.contains(join(mount.path(), "backup")), run.err.constData());
}

// Under "rename", a name so long that no number fits it fails, and says so; the job ends.
void TestCliDestinations::noNumberedNameEnds()
{
    QTemporaryDir tmp;
    const QByteArray name = "x." + QByteArray(252, 'e'); // 254 bytes, nearly all extension
    QVERIFY(writeFile(join(at(tmp, "src"), name), "new"));
    QVERIFY(writeFile(join(at(tmp, "dest/src"), name), "old"));
    const CliRun run = runCli({QByteArrayLiteral("--conflict"), QByteArrayLiteral("rename"), at(tmp, "src"), at(tmp, "dest")}, 60000);
    FERRY_COMPARE_EXIT(run, 1);
    QVERIFY2(run.err.contains("numbered name"), run.err.constData());
    QCOMPARE(readFile(join(at(tmp, "dest/src"), name)), QByteArray("old"));
}

QTEST_GUILESS_MAIN(TestCliDestinations)
#include "tst_cli_destinations.moc"
