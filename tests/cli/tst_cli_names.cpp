// ferry-cli: file names are bytes. Any script, spaces, newlines, leading dashes, names that are
// not UTF-8 and names of 255 bytes are copied exactly.

#include "CliTest.h"

using namespace TestTree;
using CliTest::at;

namespace {

QList<QByteArray> oddNames()
{
    return {
        QByteArrayLiteral("\xff\xfe.bin"),                          // not UTF-8
        QByteArrayLiteral("caf\xe9 latin1.txt"),                    // Latin-1, not UTF-8
        QByteArray(251, 'n') + QByteArrayLiteral(".txt"),           // 255 bytes
        QString(85, QChar(0x4E2D)).toUtf8(),                        // 255 bytes of Chinese
        QStringLiteral("中文文件名.txt").toUtf8(),
        QStringLiteral("😀 emoji 🚀.txt").toUtf8(),
        QStringLiteral("Ελληνικά και русский.txt").toUtf8(),
        QStringLiteral("עברית ערבي.txt").toUtf8(),
        QByteArrayLiteral("  spaces  around  "),
        QByteArrayLiteral("line\nbreak.txt"),
        QByteArrayLiteral("tab\there.txt"),
        QByteArrayLiteral("-leading-dash.txt"),
        QByteArrayLiteral("--looks-like-an-option"),
        QByteArrayLiteral("quote'and\"double.txt"),
        QByteArrayLiteral("back\\slash*?[glob].txt"),
        QByteArrayLiteral("name (2).txt"),
        QByteArrayLiteral("$HOME and `cmd`.txt"),
        QByteArrayLiteral("trailing.dot."),
        QByteArrayLiteral("\x01\x1f control.bin"),
    };
}

} // namespace

class TestCliNames final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void oddNamesInFolder();
    void oddNameAsSource_data();
    void oddNameAsSource();
    void leadingDashSource_data();
    void leadingDashSource();
    void leadingDashWithoutSeparatorIsAnOption();
};

void TestCliNames::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
}

void TestCliNames::oddNamesInFolder()
{
    // The source is the parent folder, so the names are found by the walk, never typed.
    TempDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    quint64 seed = 1;
    for (const QByteArray &name : oddNames()) {
        QVERIFY2(writeRandomFile(join(src, name), qint64(seed * 97), seed), qPrintable(show(name)));
        // The same names as folders, each holding a file with an odd name too.
        const QByteArray folder = join(src, QByteArrayLiteral("dirs/") + name);
        QVERIFY(writeRandomFile(join(folder, QStringLiteral("内容 ✓.txt").toUtf8()), 10, seed + 1000));
        ++seed;
    }
    QVERIFY(makeSymlink(QByteArrayLiteral("\xff\xfe.bin"), join(src, QByteArrayLiteral("link to \xff"))));
    const QByteArray dest = at(tmp, "dest");
    const QByteArray report = at(tmp, "report.csv");

    const CliRun run = runCli({QByteArrayLiteral("--report"), report, src, dest});
    FERRY_COMPARE_EXIT(run, 0);
    FERRY_COMPARE_TREES(src, join(dest, QByteArrayLiteral("src")));
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());
    QString error;
    const QList<CliTest::ReportRow> rows = CliTest::readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(rows.size() >= 2 * oddNames().size());
}

void TestCliNames::oddNameAsSource_data()
{
    QTest::addColumn<QByteArray>("name");
    for (const QByteArray &name : oddNames())
        QTest::newRow(qPrintable(show(name).left(40))) << name;
}

void TestCliNames::oddNameAsSource()
{
    // The name itself is an argument, passed as raw bytes.
    QFETCH(QByteArray, name);
    TempDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray src = at(tmp, "src");
    const QByteArray file = join(src, name);
    QVERIFY(writeRandomFile(file, 5000, 7));
    // A folder named after it (shortened where the name is already 255 bytes long).
    const QByteArray folderName = name.size() > 240 ? name.left(200) : name + QByteArrayLiteral(" folder");
    const QByteArray folderPath = join(src, folderName);
    QVERIFY(writeRandomFile(join(folderPath, name), 300, 8));
    const QByteArray dest = at(tmp, "dest ") + name.left(100);

    const CliRun run = runCli({file, folderPath, dest});
    FERRY_COMPARE_EXIT(run, 0);
    QCOMPARE(kind(join(dest, name)), Kind::File);
    QVERIFY(sameContent(file, join(dest, name)));
    FERRY_COMPARE_TREES(folderPath, join(dest, folderName));
    QCOMPARE(listTree(dest).size(), 3);
}

void TestCliNames::leadingDashSource_data()
{
    // Arguments are given relative to the working folder, which holds "-x" and "--weird".
    QTest::addColumn<QList<QByteArray>>("args");
    QTest::addColumn<QList<QByteArray>>("expected");
    QTest::newRow("-- -x") << QList<QByteArray>{"--", "-x", "dest"} << QList<QByteArray>{"-x"};
    QTest::newRow("./-x") << QList<QByteArray>{"./-x", "dest"} << QList<QByteArray>{"-x"};
    QTest::newRow("-- --weird") << QList<QByteArray>{"--", "--weird", "dest"} << QList<QByteArray>{"--weird"};
    QTest::newRow("options, then -- -x --weird")
        << QList<QByteArray>{"-j", "2", "--conflict", "overwrite", "--", "-x", "--weird", "dest"}
        << QList<QByteArray>{"--weird", "-x"};
    QTest::newRow("-- with a dash-named dest") << QList<QByteArray>{"--", "-x", "-dest"} << QList<QByteArray>{"-x"};
}

void TestCliNames::leadingDashSource()
{
    QFETCH(QList<QByteArray>, args);
    QFETCH(QList<QByteArray>, expected);
    TempDir tmp;
    QVERIFY(tmp.isValid());
    QVERIFY(writeRandomFile(at(tmp, "-x"), 1234, 1));
    QVERIFY(writeFile(at(tmp, "--weird/inner.txt"), QByteArrayLiteral("inner")));
    CliCall call;
    call.args = args;
    call.workingDir = dirPath(tmp);
    const CliRun run = runCliWith(call);
    FERRY_COMPARE_EXIT(run, 0);
    const QByteArray dest = join(dirPath(tmp), args.last());
    QList<QByteArray> top;
    for (const QByteArray &rel : listTree(dest)) {
        if (!rel.contains('/'))
            top.append(rel);
    }
    QCOMPARE(top, expected);
    for (const QByteArray &name : expected)
        FERRY_COMPARE_TREES(join(dirPath(tmp), name), join(dest, name));
}

void TestCliNames::leadingDashWithoutSeparatorIsAnOption()
{
    // Without "--", "-x" is an (unknown) option: bad usage, nothing written.
    TempDir tmp;
    QVERIFY(tmp.isValid());
    QVERIFY(writeFile(at(tmp, "-x"), QByteArrayLiteral("x")));
    CliCall call;
    call.args = {QByteArrayLiteral("-x"), QByteArrayLiteral("dest")};
    call.workingDir = dirPath(tmp);
    const QStringList before = snapshot(dirPath(tmp));
    const CliRun run = runCliWith(call);
    FERRY_COMPARE_EXIT(run, 2);
    QCOMPARE(snapshot(dirPath(tmp)), before);
}

QTEST_GUILESS_MAIN(TestCliNames)
#include "tst_cli_names.moc"
