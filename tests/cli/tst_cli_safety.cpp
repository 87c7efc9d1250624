// ferry-cli: refusals up front, failures of single files, special files and link loops.

#include "CliTest.h"


#include <unistd.h>

using namespace TestTree;
using CliTest::at;

class TestCliSafety final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void refusedUpFront_data();
    void refusedUpFront();
    void fileOntoItself_data();
    void fileOntoItself();
    void specialFilesSkipped_data();
    void specialFilesSkipped();
    void symlinkLoops_data();
    void symlinkLoops();
    void unreadableFileFails();
};

void TestCliSafety::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
}

void TestCliSafety::refusedUpFront_data()
{
    // Relative to the test folder, which holds src/ (with sub/), other/, file.txt and
    // link-to-src -> src. "named" is the part of the offending path stderr must show.
    QTest::addColumn<QList<QByteArray>>("args");
    QTest::addColumn<QByteArray>("named");
    QTest::newRow("missing source") << QList<QByteArray>{"other", "missing-source", "dest"}
                                    << QByteArrayLiteral("missing-source");
    QTest::newRow("missing source, last") << QList<QByteArray>{"other", "src", "no/such/thing", "dest"}
                                          << QByteArrayLiteral("no/such/thing");
    QTest::newRow("dest equal to source") << QList<QByteArray>{"src", "src"} << QByteArrayLiteral("src");
    QTest::newRow("dest equal to source, slash") << QList<QByteArray>{"src", "src/"} << QByteArrayLiteral("src");
    QTest::newRow("dest equal to source, ./") << QList<QByteArray>{"./src", "src/."} << QByteArrayLiteral("src");
    QTest::newRow("dest inside source") << QList<QByteArray>{"src", "src/sub"} << QByteArrayLiteral("src");
    QTest::newRow("dest inside source, new") << QList<QByteArray>{"src", "src/new/deeper"} << QByteArrayLiteral("src");
    QTest::newRow("dest inside second source") << QList<QByteArray>{"other", "src", "src/sub/new"}
                                               << QByteArrayLiteral("src");
    QTest::newRow("dest inside source, via ..") << QList<QByteArray>{"src", "other/../src/new"}
                                                << QByteArrayLiteral("src");
    QTest::newRow("dest is a link to source") << QList<QByteArray>{"src", "link-to-src"} << QByteArrayLiteral("src");
    QTest::newRow("dest inside source via link") << QList<QByteArray>{"src", "link-to-src/new"}
                                                 << QByteArrayLiteral("src");
    QTest::newRow("source equal to dest, file") << QList<QByteArray>{"file.txt", "file.txt"}
                                                << QByteArrayLiteral("file.txt");
    QTest::newRow("dest is a file") << QList<QByteArray>{"src", "file.txt"} << QByteArrayLiteral("file.txt");
}

void TestCliSafety::refusedUpFront()
{
    QFETCH(QList<QByteArray>, args);
    QFETCH(QByteArray, named);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QVERIFY(writeRandomFile(at(tmp, "src/a.bin"), 5000, 1));
    QVERIFY(writeRandomFile(at(tmp, "src/sub/b.bin"), 5000, 2));
    QVERIFY(writeRandomFile(at(tmp, "other/c.bin"), 5000, 3));
    QVERIFY(writeFile(at(tmp, "file.txt"), QByteArrayLiteral("a file")));
    QVERIFY(makeSymlink(QByteArrayLiteral("src"), at(tmp, "link-to-src")));
    const QStringList before = snapshot(dirPath(tmp));
    QTemporaryDir reportDir;
    QVERIFY(reportDir.isValid());
    const QByteArray report = at(reportDir, "report.csv");

    CliCall call;
    call.args = QList<QByteArray>{QByteArrayLiteral("--report"), report} + args;
    call.workingDir = dirPath(tmp);
    const CliRun run = runCliWith(call);
    FERRY_COMPARE_EXIT(run, 2);
    QVERIFY2(run.err.contains(named), qPrintable(QStringLiteral("stderr does not name %1:\n%2")
                                                     .arg(show(named), QString::fromUtf8(run.err))));
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(snapshot(dirPath(tmp)), before);
    QVERIFY2(!exists(report), "a report was written on exit 2");
}

void TestCliSafety::fileOntoItself_data()
{
    QTest::addColumn<QByteArray>("policy");
    QTest::newRow("skip") << QByteArrayLiteral("skip");
    QTest::newRow("overwrite") << QByteArrayLiteral("overwrite");
    QTest::newRow("update") << QByteArrayLiteral("update");
}

void TestCliSafety::fileOntoItself()
{
    // `ferry-cli dir/f.bin elsewhere/g.txt dir`: the target of f.bin is the source itself.
    // Whatever the outcome (skipped or refused), the file must survive intact.
    QFETCH(QByteArray, policy);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray file = at(tmp, "dir/f.bin");
    QVERIFY(writeRandomFile(file, 300000, 1));
    const QByteArray content = readFile(file);
    const QByteArray other = at(tmp, "elsewhere/g.txt");
    QVERIFY(writeFile(other, QByteArrayLiteral("g")));
    const CliRun run = runCli({QByteArrayLiteral("--conflict"), policy, file, other, at(tmp, "dir")});
    QVERIFY2(run.finished && !run.crashed, qPrintable(run.describe()));
    QVERIFY2(run.exitCode == 0 || run.exitCode == 2, qPrintable(run.describe()));
    QCOMPARE(readFile(file), content);
    // Refused: nothing written. Otherwise the other source was copied beside it.
    QList<QByteArray> expected{"dir", "dir/f.bin", "elsewhere", "elsewhere/g.txt"};
    if (run.exitCode == 0)
        expected.insert(2, QByteArrayLiteral("dir/g.txt"));
    QCOMPARE(listTree(dirPath(tmp)), expected);
}

void TestCliSafety::specialFilesSkipped_data()
{
    QTest::addColumn<bool>("follow");
    QTest::newRow("links kept") << false;
    QTest::newRow("--follow-symlinks") << true;
}

void TestCliSafety::specialFilesSkipped()
{
    // Nobody ever writes to the FIFO: opening it would block for good.
    QFETCH(bool, follow);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeRandomFile(join(src, QByteArrayLiteral("regular.bin")), 20000, 1));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("sub/also.txt")), QByteArrayLiteral("also")));
    QVERIFY(makeFifo(join(src, QByteArrayLiteral("the-fifo"))));
    QVERIFY(makeFifo(join(src, QByteArrayLiteral("sub/deep-fifo"))));
    QVERIFY(makeSocket(join(src, QByteArrayLiteral("the-socket"))));
    QList<QByteArray> specials{"the-fifo", "sub/deep-fifo", "the-socket"};
    if (::geteuid() == 0) {
        QVERIFY(makeCharDevice(join(src, QByteArrayLiteral("the-device")), 1, 3)); // like /dev/null
        specials << QByteArrayLiteral("the-device");
    } else {
        qWarning("not root: no device node in the source");
    }
    if (follow) {
        QVERIFY(makeSymlink(QByteArrayLiteral("the-fifo"), join(src, QByteArrayLiteral("link-to-fifo"))));
        specials << QByteArrayLiteral("link-to-fifo");
    }
    const QByteArray dest = at(tmp, "dest");
    QList<QByteArray> args{src, dest};
    if (follow)
        args.prepend(QByteArrayLiteral("--follow-symlinks"));

    const CliRun run = runCli(args, 20000 * timeoutFactor());
    FERRY_COMPARE_EXIT(run, 0);
    for (const QByteArray &rel : specials) {
        const QByteArray name = rel.mid(rel.lastIndexOf('/') + 1);
        QVERIFY2(run.err.contains(name), qPrintable(QStringLiteral("stderr does not name %1:\n%2")
                                                        .arg(show(name), QString::fromUtf8(run.err))));
        QCOMPARE(kind(join(dest, QByteArray("src/" + rel))), Kind::Missing);
    }
    QVERIFY(sameContent(join(src, QByteArrayLiteral("regular.bin")), join(dest, QByteArrayLiteral("src/regular.bin"))));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/sub/also.txt"))), QByteArrayLiteral("also"));
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());
}

void TestCliSafety::symlinkLoops_data()
{
    // Links under src/ (name -> target); "name" is what stderr must mention.
    QTest::addColumn<QList<QByteArray>>("links");
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("link to an ancestor") << QList<QByteArray>{"sub/loop", ".."} << QByteArrayLiteral("loop");
    QTest::newRow("link to the source root") << QList<QByteArray>{"sub/deeper/rootloop", "../.."}
                                             << QByteArrayLiteral("rootloop");
    QTest::newRow("link to itself") << QList<QByteArray>{"self", "self"} << QByteArrayLiteral("self");
    QTest::newRow("two links in a ring") << QList<QByteArray>{"ping", "pong", "pong", "ping"}
                                         << QByteArrayLiteral("ping");
    QTest::newRow("two folders linking each other")
        << QList<QByteArray>{"a/to-b", "../b", "b/to-a", "../a"} << QByteArrayLiteral("to-");
}

void TestCliSafety::symlinkLoops()
{
    QFETCH(QList<QByteArray>, links);
    QFETCH(QByteArray, name);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeFile(join(src, QByteArrayLiteral("top.txt")), QByteArrayLiteral("top")));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("sub/deeper/leaf.txt")), QByteArrayLiteral("leaf")));
    QVERIFY(makeDirs(join(src, QByteArrayLiteral("a"))));
    QVERIFY(makeDirs(join(src, QByteArrayLiteral("b"))));
    for (qsizetype i = 0; i + 1 < links.size(); i += 2)
        QVERIFY(makeSymlink(links.at(i + 1), join(src, links.at(i))));
    const QByteArray dest = at(tmp, "dest");

    const CliRun run = runCli({QByteArrayLiteral("--follow-symlinks"), src, dest}, 30000 * timeoutFactor());
    QVERIFY2(run.finished, qPrintable(run.describe()));
    QVERIFY2(!run.crashed, qPrintable(run.describe()));
    // A loop is either skipped with a warning (0) or fails that entry (1); never bad usage.
    QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(name), qPrintable(QStringLiteral("stderr does not name %1:\n%2")
                                                    .arg(show(name), QString::fromUtf8(run.err))));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/top.txt"))), QByteArrayLiteral("top"));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/sub/deeper/leaf.txt"))), QByteArrayLiteral("leaf"));
    // Bounded: no endless nesting of copies.
    const QList<QByteArray> copied = listTree(dest);
    for (const QByteArray &rel : copied)
        QVERIFY2(rel.count('/') < 12, qPrintable(QStringLiteral("nesting too deep: ") + show(rel)));
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());
}

void TestCliSafety::unreadableFileFails()
{
    const QString why = unprivilegedUnavailable();
    if (!why.isEmpty())
        QSKIP(qPrintable(why));
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QVERIFY(setMode(dirPath(tmp), 0755));
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeRandomFile(join(src, QByteArrayLiteral("a.bin")), 30000, 1));
    QVERIFY(writeRandomFile(join(src, QByteArrayLiteral("secret.bin")), 30000, 2));
    QVERIFY(writeRandomFile(join(src, QByteArrayLiteral("sub/c.bin")), 30000, 3));
    for (const char *rel : {"a.bin", "secret.bin", "sub/c.bin"})
        QVERIFY(setMode(join(src, QByteArray(rel)), 0644));
    QVERIFY(setMode(join(src, QByteArrayLiteral("secret.bin")), 0000));
    const QByteArray out = at(tmp, "out");
    QVERIFY(makeDirs(out, 0777));
    QVERIFY(setMode(out, 0777));
    const QByteArray dest = join(out, QByteArrayLiteral("dest"));
    const QByteArray report = join(out, QByteArrayLiteral("report.csv"));

    CliCall call;
    call.args = {QByteArrayLiteral("--report"), report, src, dest};
    call.unprivileged = true;
    const CliRun run = runCliWith(call);
    FERRY_COMPARE_EXIT(run, 1);
    QVERIFY2(run.err.contains("secret.bin"), run.err.constData());
    QVERIFY2(run.err.contains("Permission denied"), run.err.constData());
    QVERIFY(sameContent(join(src, QByteArrayLiteral("a.bin")), join(dest, QByteArrayLiteral("src/a.bin"))));
    QVERIFY(sameContent(join(src, QByteArrayLiteral("sub/c.bin")), join(dest, QByteArrayLiteral("src/sub/c.bin"))));
    QCOMPARE(kind(join(dest, QByteArrayLiteral("src/secret.bin"))), Kind::Missing);
    QCOMPARE(findTemporaries(out), QList<QByteArray>());
    QString error;
    const QList<CliTest::ReportRow> rows = CliTest::readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const CliTest::ReportRow *row = CliTest::rowForSource(rows, QByteArrayLiteral("src/secret.bin"));
    QVERIFY(row);
    QCOMPARE(row->status, QByteArrayLiteral("failed"));
    QVERIFY2(row->message.contains("Permission denied"), row->message.constData());
    QCOMPARE(CliTest::statusOf(rows, QByteArrayLiteral("src/a.bin")), QByteArrayLiteral("copied"));
}

QTEST_GUILESS_MAIN(TestCliSafety)
#include "tst_cli_safety.moc"
