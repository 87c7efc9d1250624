// ferry-cli: usage, plain copies, links, attributes, progress output and the report.

#include "CliTest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <sys/stat.h>

using namespace TestTree;
using CliTest::at;

class TestCliBasic final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void helpAndVersion_data();
    void helpAndVersion();
    void badUsage_data();
    void badUsage();

    void copiesSourcesIntoDest();
    void copiesTreeWithAttributes_data();
    void copiesTreeWithAttributes();
    void trailingSlash_data();
    void trailingSlash();
    void mergesIntoExistingFolder();
    void symlinksAreRecreated();
    void followSymlinks();
    void noPreserve();

    void stdoutEmptyWithoutJson_data();
    void stdoutEmptyWithoutJson();
    void progressJson();
    void reportCsv();
    void sizesInWords();
};

void TestCliBasic::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
}

void TestCliBasic::helpAndVersion_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("--help") << QStringLiteral("--help")
                            << QStringList{QStringLiteral("SOURCE"), QStringLiteral("DEST"),
                                           QStringLiteral("--jobs"), QStringLiteral("--conflict"),
                                           QStringLiteral("--verify"), QStringLiteral("--move"),
                                           QStringLiteral("--exclude"), QStringLiteral("--dry-run"),
                                           QStringLiteral("--follow-symlinks"), QStringLiteral("--no-preserve"),
                                           QStringLiteral("--report"), QStringLiteral("--progress"),
                                           QStringLiteral("--no-sync")};
    QTest::newRow("--version") << QStringLiteral("--version")
                               << QStringList{QStringLiteral(FERRY_EXPECTED_VERSION)};
}

void TestCliBasic::helpAndVersion()
{
    QFETCH(QString, option);
    QFETCH(QStringList, mustContain);
    const CliRun run = runCli(QStringList{option}, 20000);
    FERRY_COMPARE_EXIT(run, 0);
    QVERIFY2(!run.out.trimmed().isEmpty(), "nothing printed on stdout");
    const QString out = QString::fromUtf8(run.out);
    for (const QString &word : mustContain)
        QVERIFY2(out.contains(word), qPrintable(QStringLiteral("stdout lacks %1:\n%2").arg(word, out)));
}

void TestCliBasic::badUsage_data()
{
    // SRC, DEST and FILE stand for a source folder, a missing destination and a plain file.
    QTest::addColumn<QStringList>("args");
    const QString src = QStringLiteral("SRC");
    const QString dest = QStringLiteral("DEST");
    QTest::newRow("no arguments") << QStringList{};
    QTest::newRow("source only") << QStringList{src};
    QTest::newRow("-j 0") << QStringList{QStringLiteral("-j"), QStringLiteral("0"), src, dest};
    QTest::newRow("--jobs 0") << QStringList{QStringLiteral("--jobs"), QStringLiteral("0"), src, dest};
    QTest::newRow("-j abc") << QStringList{QStringLiteral("-j"), QStringLiteral("abc"), src, dest};
    QTest::newRow("-j -2") << QStringList{QStringLiteral("-j"), QStringLiteral("-2"), src, dest};
    QTest::newRow("-j 2x") << QStringList{QStringLiteral("-j"), QStringLiteral("2x"), src, dest};
    QTest::newRow("--conflict bogus") << QStringList{QStringLiteral("--conflict"), QStringLiteral("bogus"), src, dest};
    QTest::newRow("--progress bogus") << QStringList{QStringLiteral("--progress"), QStringLiteral("bogus"), src, dest};
    QTest::newRow("unknown long option") << QStringList{QStringLiteral("--frobnicate"), src, dest};
    QTest::newRow("unknown short option") << QStringList{QStringLiteral("-Z"), src, dest};
    QTest::newRow("option value missing") << QStringList{src, dest, QStringLiteral("--conflict")};
    QTest::newRow("dest is a file") << QStringList{src, QStringLiteral("FILE")};
}

void TestCliBasic::badUsage()
{
    QFETCH(QStringList, args);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeFile(join(src, QByteArrayLiteral("a.txt")), QByteArrayLiteral("alpha")));
    QVERIFY(writeFile(at(tmp, "file"), QByteArrayLiteral("I am a file")));
    const QByteArray dest = at(tmp, "dest");
    for (QString &a : args) {
        if (a == QStringLiteral("SRC"))
            a = QString::fromUtf8(src);
        else if (a == QStringLiteral("DEST"))
            a = QString::fromUtf8(dest);
        else if (a == QStringLiteral("FILE"))
            a = QString::fromUtf8(at(tmp, "file"));
    }
    const QStringList before = snapshot(dirPath(tmp));
    const CliRun run = runCli(args, 20000);
    FERRY_COMPARE_EXIT(run, 2);
    QVERIFY2(!run.err.trimmed().isEmpty(), "no message on stderr");
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(snapshot(dirPath(tmp)), before);
}

void TestCliBasic::copiesSourcesIntoDest()
{
    // ferry-cli a/photos b/notes.txt backup -> backup/photos/..., backup/notes.txt
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray photos = at(tmp, "a/photos");
    QVERIFY(writeRandomFile(join(photos, QByteArrayLiteral("one.jpg")), 5000, 1));
    QVERIFY(writeRandomFile(join(photos, QByteArrayLiteral("trip/two.jpg")), 7000, 2));
    QVERIFY(makeDirs(join(photos, QByteArrayLiteral("empty/inner-empty"))));
    const QByteArray notes = at(tmp, "b/notes.txt");
    QVERIFY(writeFile(notes, QByteArrayLiteral("remember the milk\n")));
    const QByteArray backup = at(tmp, "backup/with/parents");

    const CliRun run = runCli({photos, notes, backup});
    FERRY_COMPARE_EXIT(run, 0);
    FERRY_COMPARE_TREES(photos, join(backup, QByteArrayLiteral("photos")));
    QCOMPARE(kind(join(backup, QByteArrayLiteral("notes.txt"))), Kind::File);
    QCOMPARE(readFile(join(backup, QByteArrayLiteral("notes.txt"))), QByteArrayLiteral("remember the milk\n"));
    QCOMPARE(listTree(backup),
             (QList<QByteArray>{"notes.txt", "photos", "photos/empty", "photos/empty/inner-empty",
                                "photos/one.jpg", "photos/trip", "photos/trip/two.jpg"}));
    QCOMPARE(findTemporaries(dirPath(tmp)), QList<QByteArray>());
    // The sources are left as they were.
    QCOMPARE(kind(notes), Kind::File);
    QCOMPARE(kind(join(photos, QByteArrayLiteral("one.jpg"))), Kind::File);
}

void TestCliBasic::copiesTreeWithAttributes_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("default jobs") << QStringList{};
    QTest::newRow("-j 1") << QStringList{QStringLiteral("-j"), QStringLiteral("1")};
    QTest::newRow("-j 2") << QStringList{QStringLiteral("-j"), QStringLiteral("2")};
    QTest::newRow("--jobs 8") << QStringList{QStringLiteral("--jobs"), QStringLiteral("8")};
    QTest::newRow("--no-sync") << QStringList{QStringLiteral("--no-sync")};
    QTest::newRow("--verify") << QStringList{QStringLiteral("--verify")};
}

void TestCliBasic::copiesTreeWithAttributes()
{
    // Contents, empty folders, file and folder modes and times (folders' times too, which are
    // only right if they are set after the folders' contents were written).
    QFETCH(QStringList, options);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(!makeSampleTree(src, 7).isEmpty());
    const QByteArray dest = at(tmp, "dest");
    const CliRun run = runCli(QStringList(options) << CliTest::text(src) << CliTest::text(dest));
    FERRY_COMPARE_EXIT(run, 0);
    FERRY_COMPARE_TREES(src, join(dest, QByteArrayLiteral("src")));
    QCOMPARE(listTree(dest).first(), QByteArrayLiteral("src"));
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());
}

void TestCliBasic::trailingSlash_data()
{
    QTest::addColumn<QByteArray>("suffix");
    QTest::newRow("src/") << QByteArrayLiteral("/");
    QTest::newRow("src//") << QByteArrayLiteral("//");
    QTest::newRow("src/.") << QByteArrayLiteral("/.");
}

void TestCliBasic::trailingSlash()
{
    QFETCH(QByteArray, suffix);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "album");
    QVERIFY(writeFile(join(src, QByteArrayLiteral("a.txt")), QByteArrayLiteral("a")));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("sub/b.txt")), QByteArrayLiteral("b")));
    const QByteArray dest = at(tmp, "dest");
    const CliRun run = runCli({src + suffix, dest});
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(listTree(dest), (QList<QByteArray>{"album", "album/a.txt", "album/sub", "album/sub/b.txt"}));
    FERRY_COMPARE_TREES(src, join(dest, QByteArrayLiteral("album")));
}

void TestCliBasic::mergesIntoExistingFolder()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeFile(join(src, QByteArrayLiteral("new.txt")), QByteArrayLiteral("new")));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("sub/new2.txt")), QByteArrayLiteral("new2")));
    const QByteArray dest = at(tmp, "dest");
    QVERIFY(writeFile(join(dest, QByteArrayLiteral("src/old.txt")), QByteArrayLiteral("old")));
    QVERIFY(writeFile(join(dest, QByteArrayLiteral("src/sub/old2.txt")), QByteArrayLiteral("old2")));
    QVERIFY(writeFile(join(dest, QByteArrayLiteral("unrelated.txt")), QByteArrayLiteral("mine")));
    QVERIFY(setMtime(join(dest, QByteArrayLiteral("unrelated.txt")), 1400000000));
    const qint64 unrelatedTime = mtimeNs(join(dest, QByteArrayLiteral("unrelated.txt")));

    const CliRun run = runCli({src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(listTree(dest), (QList<QByteArray>{"src", "src/new.txt", "src/old.txt", "src/sub",
                                                "src/sub/new2.txt", "src/sub/old2.txt", "unrelated.txt"}));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/old.txt"))), QByteArrayLiteral("old"));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/sub/old2.txt"))), QByteArrayLiteral("old2"));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("src/sub/new2.txt"))), QByteArrayLiteral("new2"));
    QCOMPARE(readFile(join(dest, QByteArrayLiteral("unrelated.txt"))), QByteArrayLiteral("mine"));
    QCOMPARE(mtimeNs(join(dest, QByteArrayLiteral("unrelated.txt"))), unrelatedTime);
}

void TestCliBasic::symlinksAreRecreated()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeFile(join(src, QByteArrayLiteral("target.txt")), QByteArrayLiteral("pointed at")));
    QVERIFY(writeFile(join(src, QByteArrayLiteral("dir/inside.txt")), QByteArrayLiteral("inside")));
    QVERIFY(makeSymlink(QByteArrayLiteral("target.txt"), join(src, QByteArrayLiteral("relative-link"))));
    QVERIFY(makeSymlink(QByteArrayLiteral("../target.txt"), join(src, QByteArrayLiteral("dir/up-link"))));
    QVERIFY(makeSymlink(join(src, QByteArrayLiteral("target.txt")), join(src, QByteArrayLiteral("absolute-link"))));
    QVERIFY(makeSymlink(QByteArrayLiteral("does/not/exist"), join(src, QByteArrayLiteral("dangling-link"))));
    QVERIFY(makeSymlink(QByteArrayLiteral("dir"), join(src, QByteArrayLiteral("dir-link"))));
    QVERIFY(makeSymlink(QByteArrayLiteral("/"), join(src, QByteArrayLiteral("root-link"))));
    const QByteArray dest = at(tmp, "dest");

    const CliRun run = runCli({src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    const QByteArray copy = join(dest, QByteArrayLiteral("src"));
    FERRY_COMPARE_TREES(src, copy);
    QCOMPARE(kind(join(copy, QByteArrayLiteral("dir-link"))), Kind::Symlink);
    QCOMPARE(readLink(join(copy, QByteArrayLiteral("absolute-link"))), join(src, QByteArrayLiteral("target.txt")));
    QCOMPARE(readLink(join(copy, QByteArrayLiteral("dangling-link"))), QByteArrayLiteral("does/not/exist"));
}

void TestCliBasic::followSymlinks()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray outside = at(tmp, "outside");
    QVERIFY(writeRandomFile(join(outside, QByteArrayLiteral("real.bin")), 10000, 3));
    QVERIFY(writeFile(join(outside, QByteArrayLiteral("folder/deep.txt")), QByteArrayLiteral("deep")));
    const QByteArray src = at(tmp, "src");
    QVERIFY(writeFile(join(src, QByteArrayLiteral("plain.txt")), QByteArrayLiteral("plain")));
    QVERIFY(makeSymlink(join(outside, QByteArrayLiteral("real.bin")), join(src, QByteArrayLiteral("file-link"))));
    QVERIFY(makeSymlink(QByteArrayLiteral("../outside/folder"), join(src, QByteArrayLiteral("folder-link"))));
    const QByteArray dest = at(tmp, "dest");

    const CliRun run = runCli({QByteArrayLiteral("--follow-symlinks"), src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    const QByteArray copy = join(dest, QByteArrayLiteral("src"));
    QCOMPARE(kind(join(copy, QByteArrayLiteral("file-link"))), Kind::File);
    QVERIFY(sameContent(join(outside, QByteArrayLiteral("real.bin")), join(copy, QByteArrayLiteral("file-link"))));
    QCOMPARE(kind(join(copy, QByteArrayLiteral("folder-link"))), Kind::Dir);
    QCOMPARE(readFile(join(copy, QByteArrayLiteral("folder-link/deep.txt"))), QByteArrayLiteral("deep"));
    QCOMPARE(readFile(join(copy, QByteArrayLiteral("plain.txt"))), QByteArrayLiteral("plain"));
    // Following never changes the source's links.
    QCOMPARE(kind(join(src, QByteArrayLiteral("file-link"))), Kind::Symlink);
}

void TestCliBasic::noPreserve()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    const QList<QByteArray> files = makeSampleTree(src, 11);
    QVERIFY(!files.isEmpty());
    const QByteArray dest = at(tmp, "dest");
    const qint64 startNs = QDateTime::currentMSecsSinceEpoch() * 1000000LL - 2000000000LL;

    const mode_t oldMask = ::umask(027);
    const CliRun run = runCli({QByteArrayLiteral("--no-preserve"), src, dest});
    ::umask(oldMask);
    FERRY_COMPARE_EXIT(run, 0);
    CompareOptions contentOnly;
    contentOnly.modes = false;
    contentOnly.mtimes = false;
    const QByteArray copy = join(dest, QByteArrayLiteral("src"));
    FERRY_COMPARE_TREES_WITH(src, copy, contentOnly);
    // New files get 0666 minus the umask (027), folders 0777 minus it; times are new.
    for (const QByteArray &rel : listTree(copy)) {
        const QByteArray path = join(copy, rel);
        const int expected = kind(path) == Kind::Dir ? 0750 : 0640;
        QVERIFY2(fileMode(path) == expected,
                 qPrintable(QStringLiteral("%1 has mode 0%2, expected 0%3")
                                .arg(show(rel))
                                .arg(fileMode(path), 0, 8)
                                .arg(expected, 0, 8)));
        QVERIFY2(mtimeNs(path) >= startNs, qPrintable(QStringLiteral("%1 kept an old time").arg(show(rel))));
    }
    QVERIFY(fileMode(copy) == 0750);
    QVERIFY(mtimeNs(copy) >= startNs);
}

void TestCliBasic::stdoutEmptyWithoutJson_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("no --progress") << QStringList{};
    QTest::newRow("--progress none") << QStringList{QStringLiteral("--progress"), QStringLiteral("none")};
    QTest::newRow("--progress auto (no terminal)") << QStringList{QStringLiteral("--progress"), QStringLiteral("auto")};
    QTest::newRow("--progress bar") << QStringList{QStringLiteral("--progress"), QStringLiteral("bar")};
    QTest::newRow("--verify --progress none") << QStringList{QStringLiteral("--verify"), QStringLiteral("--progress"), QStringLiteral("none")};
}

void TestCliBasic::stdoutEmptyWithoutJson()
{
    QFETCH(QStringList, options);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    QVERIFY(!makeSampleTree(src, 3).isEmpty());
    const QByteArray dest = at(tmp, "dest");
    const CliRun run = runCli(QStringList(options) << CliTest::text(src) << CliTest::text(dest));
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(run.out, QByteArray());
    FERRY_COMPARE_TREES(src, join(dest, QByteArrayLiteral("src")));
}

void TestCliBasic::progressJson()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    const QList<QByteArray> files = makeSampleTree(src, 5);
    QVERIFY(!files.isEmpty());
    qint64 totalBytes = 0;
    for (const QByteArray &rel : files)
        totalBytes += fileSize(join(src, rel));
    const QByteArray dest = at(tmp, "dest");

    const CliRun run = runCli({QByteArrayLiteral("--progress"), QByteArrayLiteral("json"), src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    QString error;
    const QList<QJsonObject> objects = parseJsonLines(run.out, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!objects.isEmpty());

    const QSet<QString> phases{QStringLiteral("scan"), QStringLiteral("copy"), QStringLiteral("flush"),
                               QStringLiteral("done")};
    const QStringList progressKeys{QStringLiteral("phase"), QStringLiteral("bytes_done"),
                                   QStringLiteral("bytes_total"), QStringLiteral("files_done"),
                                   QStringLiteral("files_total"), QStringLiteral("bytes_per_second")};
    QList<QJsonObject> progress;
    QList<QJsonObject> fileEvents;
    for (const QJsonObject &o : objects) {
        QVERIFY2(o.value(QStringLiteral("type")).isString(), "an object without a string \"type\"");
        const QString type = o.value(QStringLiteral("type")).toString();
        if (type == QStringLiteral("progress")) {
            for (const QString &key : progressKeys)
                QVERIFY2(o.contains(key), qPrintable(QStringLiteral("progress object without %1").arg(key)));
            QVERIFY2(phases.contains(o.value(QStringLiteral("phase")).toString()),
                     qPrintable(o.value(QStringLiteral("phase")).toString()));
            for (const QString &key : progressKeys.mid(1))
                QVERIFY2(o.value(key).isDouble(), qPrintable(key + QStringLiteral(" is not a number")));
            QVERIFY(o.value(QStringLiteral("bytes_done")).toDouble() <= o.value(QStringLiteral("bytes_total")).toDouble());
            progress.append(o);
        } else if (type == QStringLiteral("file")) {
            for (const char *key : {"source", "destination", "status", "message"})
                QVERIFY2(o.contains(QLatin1String(key)), key);
            fileEvents.append(o);
        }
    }
    QVERIFY(!progress.isEmpty());
    const QJsonObject last = progress.last();
    QCOMPARE(last.value(QStringLiteral("phase")).toString(), QStringLiteral("done"));
    QCOMPARE(qint64(last.value(QStringLiteral("bytes_total")).toDouble()), totalBytes);
    QCOMPARE(qint64(last.value(QStringLiteral("bytes_done")).toDouble()), totalBytes);
    QCOMPARE(qint64(last.value(QStringLiteral("files_total")).toDouble()), qint64(files.size()));
    QCOMPARE(qint64(last.value(QStringLiteral("files_done")).toDouble()), qint64(files.size()));
    // Progress only grows.
    for (qsizetype i = 1; i < progress.size(); ++i) {
        QVERIFY(progress.at(i).value(QStringLiteral("bytes_done")).toDouble()
                >= progress.at(i - 1).value(QStringLiteral("bytes_done")).toDouble());
        QVERIFY(progress.at(i).value(QStringLiteral("files_done")).toDouble()
                >= progress.at(i - 1).value(QStringLiteral("files_done")).toDouble());
    }

    QCOMPARE(fileEvents.size(), files.size());
    for (const QByteArray &rel : files) {
        const QJsonObject e = CliTest::fileEventFor(fileEvents, QString::fromUtf8(rel));
        QVERIFY2(!e.isEmpty(), qPrintable(QStringLiteral("no file event for ") + show(rel)));
        QCOMPARE(e.value(QStringLiteral("status")).toString(), QStringLiteral("copied"));
        QVERIFY2(e.value(QStringLiteral("destination")).toString().endsWith(QStringLiteral("dest/src/") + QString::fromUtf8(rel)),
                 qPrintable(e.value(QStringLiteral("destination")).toString()));
    }
    FERRY_COMPARE_TREES(src, join(dest, QByteArrayLiteral("src")));
}

void TestCliBasic::reportCsv()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    const QList<QByteArray> names{QByteArrayLiteral("plain.txt"), QByteArrayLiteral("comma, here.txt"),
                                  QByteArrayLiteral("say \"cheese\".txt"), QByteArrayLiteral("two\nlines.txt"),
                                  QByteArrayLiteral("sub/nested.bin")};
    quint64 seed = 100;
    for (const QByteArray &n : names) {
        QVERIFY(writeRandomFile(join(src, n), qint64(seed * 10), seed));
        ++seed;
    }
    const QByteArray dest = at(tmp, "dest");
    const QByteArray report = at(tmp, "report.csv");

    const CliRun run = runCli({QByteArrayLiteral("--report"), report, src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    QVERIFY(readFile(report).startsWith("status,size,source,destination,message"));
    QString error;
    const QList<CliTest::ReportRow> rows = CliTest::readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), names.size());
    for (const QByteArray &n : names) {
        const CliTest::ReportRow *row = CliTest::rowForSource(rows, n);
        QVERIFY2(row, qPrintable(QStringLiteral("no row for ") + show(n)));
        QCOMPARE(row->status, QByteArrayLiteral("copied"));
        QCOMPARE(row->size, fileSize(join(src, n)));
        QVERIFY2(row->destination.endsWith(QByteArray("dest/src/" + n)), row->destination.constData());
    }
    FERRY_COMPARE_TREES(src, join(dest, QByteArrayLiteral("src")));
}

void TestCliBasic::sizesInWords()
{
    // The summary counts bytes as a person says them: "1 byte", "2 bytes".
    for (const QByteArray &data : {QByteArrayLiteral("x"), QByteArrayLiteral("xy")}) {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QByteArray src = at(tmp, "src");
        QVERIFY(writeFile(join(src, QByteArrayLiteral("a")), data));
        const CliRun run = runCli({QByteArrayLiteral("--progress"), QByteArrayLiteral("bar"), src, at(tmp, "dest")});
        FERRY_COMPARE_EXIT(run, 0);
        const QString want = data.size() == 1 ? QStringLiteral("; 1 byte in ") : QStringLiteral("; 2 bytes in ");
        QVERIFY2(QString::fromUtf8(run.err).contains(want), run.err.constData());
    }
}

QTEST_GUILESS_MAIN(TestCliBasic)
#include "tst_cli_basic.moc"
