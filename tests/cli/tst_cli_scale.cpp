// ferry-cli at size: 20,000 small files and a 1 GiB file, with one copy thread and with eight.
// FERRY_TEST_SCALE (0 < x <= 1) shrinks both for slow (sanitized) builds.

#include "CliTest.h"

using namespace TestTree;
using CliTest::at;

class TestCliScale final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void manySmallFiles_data();
    void manySmallFiles();
    void largeFile_data();
    void largeFile();

private:
    // Made once: re-creating big trees right after deleting them is slow on some file systems,
    // and so is deleting tens of thousands of files where the file system discards freed blocks.
    // Where it can, the test works in a loop-mounted image, which goes away in one piece.
    std::unique_ptr<LoopMount> m_mount;
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_base;
    QByteArray m_tree;
    int m_treeFiles = 0;
    QByteArray m_large;
};

void TestCliScale::initTestCase()
{
    QVERIFY2(CliTest::useBuiltCli(), qPrintable(QStringLiteral("no ferry-cli at ") + cliProgram()));
    const qint64 largeSize = scaled(1024LL * 1024 * 1024, 16LL * 1024 * 1024) + 12345;
    m_mount = std::make_unique<LoopMount>();
    QString why;
    if (m_mount->mount(QStringLiteral("ext4"), 3 * largeSize + 1024LL * 1024 * 1024,
                       {QStringLiteral("-q"), QStringLiteral("-F"), QStringLiteral("-m"), QStringLiteral("0"),
                        QStringLiteral("-E"), QStringLiteral("nodiscard")},
                       &why)) {
        m_base = m_mount->path();
    } else {
        qWarning().noquote() << "working in the temporary folder:" << why;
        m_mount.reset();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_base = dirPath(*m_dir);
    }
    m_tree = join(m_base, QByteArrayLiteral("tree"));
    m_treeFiles = int(scaled(20000, 500));
    // Sizes from 0 to a few KiB, 200 files a folder, some folders nested.
    for (int start = 0; start < m_treeFiles; start += 5000) {
        const QByteArray part = join(m_tree, QByteArrayLiteral("part") + QByteArray::number(start / 5000)
                                                 + QByteArrayLiteral("/nested"));
        QVERIFY(makeManyFiles(part, std::min(5000, m_treeFiles - start), 200, (start / 5000) * 1500, quint64(start + 1)));
    }
    QVERIFY(makeDirs(join(m_tree, QByteArrayLiteral("empty/also-empty"))));
    QCOMPARE(listFiles(m_tree).size(), qsizetype(m_treeFiles));

    m_large = join(m_base, QByteArrayLiteral("large/one-gig.bin"));
    QVERIFY(writeRandomFile(m_large, largeSize, 42));
}

void TestCliScale::manySmallFiles_data()
{
    QTest::addColumn<QByteArray>("jobs");
    QTest::newRow("-j 1") << QByteArrayLiteral("1");
    QTest::newRow("-j 8") << QByteArrayLiteral("8");
}

void TestCliScale::manySmallFiles()
{
    QFETCH(QByteArray, jobs);
    const QByteArray dest = join(m_base, QByteArrayLiteral("dest-tree-j") + jobs);
    const QByteArray report = join(m_base, QByteArrayLiteral("report-j") + jobs + ".csv");
    const CliRun run = runCli({QByteArrayLiteral("-j"), jobs, QByteArrayLiteral("--report"), report, m_tree, dest},
                              300000 * timeoutFactor());
    FERRY_COMPARE_EXIT(run, 0);
    FERRY_COMPARE_TREES(m_tree, join(dest, QByteArrayLiteral("tree")));
    QCOMPARE(findTemporaries(dest), QList<QByteArray>());
    QString error;
    const QList<CliTest::ReportRow> rows = CliTest::readReport(report, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), qsizetype(m_treeFiles));
    for (const CliTest::ReportRow &row : rows)
        QCOMPARE(row.status, QByteArrayLiteral("copied"));
}

void TestCliScale::largeFile_data()
{
    QTest::addColumn<QByteArray>("jobs");
    QTest::addColumn<QList<QByteArray>>("options");
    QTest::newRow("-j 1") << QByteArrayLiteral("1") << QList<QByteArray>{};
    QTest::newRow("-j 8 --verify") << QByteArrayLiteral("8") << QList<QByteArray>{QByteArrayLiteral("--verify")};
}

void TestCliScale::largeFile()
{
    QFETCH(QByteArray, jobs);
    QFETCH(QList<QByteArray>, options);
    const QByteArray dest = join(m_base, QByteArrayLiteral("dest-large-j") + jobs);
    const CliRun run = runCli(QList<QByteArray>{QByteArrayLiteral("-j"), jobs} + options
                                  + QList<QByteArray>{m_large, dest},
                              300000 * timeoutFactor());
    FERRY_COMPARE_EXIT(run, 0);
    const QByteArray copy = join(dest, QByteArrayLiteral("one-gig.bin"));
    QCOMPARE(fileSize(copy), fileSize(m_large));
    QVERIFY(sameContent(m_large, copy));
    QCOMPARE(mtimeNs(copy), mtimeNs(m_large));
    QCOMPARE(listTree(dest), QList<QByteArray>{QByteArrayLiteral("one-gig.bin")});
}

QTEST_GUILESS_MAIN(TestCliScale)
#include "tst_cli_scale.moc"
