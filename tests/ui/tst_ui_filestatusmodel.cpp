// The per-file model: checked by QAbstractItemModelTester through every kind of change, and fed
// a million-row batch with one signal per kind of change.

#include "CopyPlan.h"
#include "FileStatusModel.h"
#include "UiTest.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTableView>

using namespace Ferry;
using State = FileStatusModel::State;
using Filter = FileStatusModel::Filter;

namespace {
CopyPlan makePlan(int files)
{
    CopyPlan plan;
    plan.destination = "/dest";
    PlanDir root;
    root.source = "/src";
    root.target = "/dest/src";
    plan.dirs.push_back(root);
    PlanDir sub;
    sub.source = "/src/sub";
    sub.target = "/dest/src/sub";
    sub.parent = 0;
    plan.dirs.push_back(sub);
    plan.entries.reserve(size_t(files));
    for (int i = 0; i < files; ++i) {
        PlanEntry e;
        e.dir = i % 2;
        e.size = 1000 + i;
        plan.bytesTotal += e.size;
        plan.addEntry(e, "file" + QByteArray::number(i));
    }
    return plan;
}

FileEvent fileEvent(qint32 entry, FileStatus status, const QString &message = QString())
{
    FileEvent e;
    e.entry = entry;
    e.status = status;
    e.message = message;
    return e;
}
} // namespace

class TestFileStatusModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelTesterThroughAJob();
    void filtersFollowTheStates_data();
    void filtersFollowTheStates();
    void failedFirstKeepsTheSelection();
    void renamedFilesSayWhere();
    void namesInNaturalOrder();
    void naturalOrderCost();
    void millionRowBatch();
};

void TestFileStatusModel::initTestCase()
{
    UiTest::init();
}

void TestFileStatusModel::modelTesterThroughAJob()
{
    const CopyPlan plan = makePlan(500);
    FileStatusModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan(&plan);
    QCOMPARE(model.rowCount(), 500);
    QCOMPARE(model.columnCount(), int(FileStatusModel::ColumnCount));
    QCOMPARE(model.index(1, FileStatusModel::NameColumn).data().toString(), QStringLiteral("file1"));
    QCOMPARE(model.index(1, FileStatusModel::FolderColumn).data().toString(), QStringLiteral("/src/sub"));
    QCOMPARE(model.index(1, FileStatusModel::SizeColumn).data().toString(), QLocale().formattedDataSize(1001));
    {
        // One byte is "1 byte", not QLocale's "1 bytes".
        CopyPlan tiny = makePlan(2);
        tiny.entries[0].size = 1;
        FileStatusModel one;
        one.setPlan(&tiny);
        QCOMPARE(one.index(0, FileStatusModel::SizeColumn).data().toString(), QStringLiteral("1 byte"));
        QCOMPARE(one.index(1, FileStatusModel::SizeColumn).data().toString(), QLocale().formattedDataSize(1001));
    }

    for (Filter filter : {Filter::All, Filter::InProgress, Filter::Done, Filter::Failed, Filter::Skipped}) {
        model.setFilter(filter);
        model.setFailedFirst(filter == Filter::All);
        for (int batch = 0; batch < 5; ++batch) {
            QList<FileEvent> events;
            for (int i = batch * 20; i < batch * 20 + 20; ++i) {
                const FileStatus status = i % 7 == 0 ? FileStatus::Failed
                    : i % 5 == 0                     ? FileStatus::Skipped
                                                     : FileStatus::Copied;
                events.append(fileEvent(i + int(filter) * 100, status, status == FileStatus::Failed ? QStringLiteral("boom") : QString()));
            }
            model.applyEvents(events);
            model.setActive({ActiveFile{qint32(400 + batch), 500}});
            model.setWaiting(450 + batch);
        }
        model.setFailedFirst(false);
    }
    model.setFilter(Filter::InProgress);
    model.resetEntries(model.entriesIn(State::Failed));
    model.finishJob();
    QCOMPARE(model.rowCount(), 0);
    model.setFilter(Filter::All);
    QCOMPARE(model.count(State::Cancelled), 500 - model.count(State::Copied) - model.count(State::Skipped));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestFileStatusModel::filtersFollowTheStates_data()
{
    QTest::addColumn<Filter>("filter");
    QTest::addColumn<int>("rowsBefore");
    QTest::addColumn<int>("rowsAfter");
    QTest::addColumn<int>("inserts");
    QTest::addColumn<int>("removes");
    // 100 files; a batch: 0-29 copied, 30-39 failed, 40-44 skipped.
    QTest::newRow("all") << Filter::All << 100 << 100 << 0 << 0;
    QTest::newRow("in progress") << Filter::InProgress << 100 << 55 << 0 << 1;
    QTest::newRow("done") << Filter::Done << 0 << 30 << 1 << 0;
    QTest::newRow("failed") << Filter::Failed << 0 << 10 << 1 << 0;
    QTest::newRow("skipped") << Filter::Skipped << 0 << 5 << 1 << 0;
}

void TestFileStatusModel::filtersFollowTheStates()
{
    QFETCH(Filter, filter);
    const CopyPlan plan = makePlan(100);
    FileStatusModel model;
    model.setPlan(&plan);
    model.setFilter(filter);
    QFETCH(int, rowsBefore);
    QCOMPARE(model.rowCount(), rowsBefore);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QList<FileEvent> events;
    for (int i = 0; i < 45; ++i)
        events.append(fileEvent(i, i < 30 ? FileStatus::Copied : i < 40 ? FileStatus::Failed : FileStatus::Skipped));
    model.applyEvents(events);
    QFETCH(int, rowsAfter);
    QFETCH(int, inserts);
    QFETCH(int, removes);
    QCOMPARE(model.rowCount(), rowsAfter);
    QCOMPARE(inserted.count(), inserts);
    QCOMPARE(removed.count(), removes);
    QCOMPARE(reset.count(), 0);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(FileStatusModel::matches(filter, State(model.index(row, 0).data(FileStatusModel::StateRole).toInt())));
}

void TestFileStatusModel::failedFirstKeepsTheSelection()
{
    const CopyPlan plan = makePlan(100);
    FileStatusModel model;
    model.setPlan(&plan);
    QTableView view;
    view.setModel(&model);
    view.selectRow(50);
    QCOMPARE(view.currentIndex().row(), 50);
    model.setFailedFirst(true);
    model.applyEvents({fileEvent(70, FileStatus::Failed), fileEvent(80, FileStatus::VerifiedFailed), fileEvent(50, FileStatus::Copied)});
    QCOMPARE(model.index(0, 0).data(FileStatusModel::EntryRole).toInt(), 70);
    QCOMPARE(model.index(1, 0).data(FileStatusModel::EntryRole).toInt(), 80);
    QCOMPARE(model.index(2, 0).data(FileStatusModel::EntryRole).toInt(), 0);
    // Entry 50 moved down by two rows, and the selection went with it.
    QCOMPARE(view.currentIndex().row(), 52);
    QCOMPARE(view.currentIndex().data(FileStatusModel::EntryRole).toInt(), 50);
    model.setFailedFirst(false);
    QCOMPARE(view.currentIndex().row(), 50);
}

void TestFileStatusModel::renamedFilesSayWhere()
{
    const CopyPlan plan = makePlan(3);
    FileStatusModel model;
    model.setPlan(&plan);
    FileEvent e = fileEvent(2, FileStatus::Copied);
    e.destination = "/dest/src/file2 (2)";
    model.applyEvents({e, fileEvent(1, FileStatus::Failed, QStringLiteral("disk full"))});
    QCOMPARE(model.destination(2), QByteArray("/dest/src/file2 (2)"));
    QCOMPARE(model.destination(0), QByteArray("/dest/src/file0"));
    QVERIFY(model.index(2, FileStatusModel::MessageColumn).data().toString().contains(QStringLiteral("file2 (2)")));
    QCOMPARE(model.index(1, FileStatusModel::MessageColumn).data().toString(), QStringLiteral("disk full"));
    QCOMPARE(model.index(0, FileStatusModel::MessageColumn).data().toString(), QString());
}

// Names as a file manager sorts them: f2 before f10, within each folder; changes still reach the
// right rows, with failed files first too.
void TestFileStatusModel::namesInNaturalOrder()
{
    CopyPlan plan;
    plan.destination = "/dest";
    for (const char *folder : {"/src", "/src/sub"}) {
        PlanDir d;
        d.source = folder;
        d.target = QByteArray("/dest") + folder;
        plan.dirs.push_back(d);
    }
    // As planned: byte order, folder by folder.
    const QList<std::pair<int, QByteArray>> planned{{0, "IMG_1.jpg"}, {0, "IMG_10.jpg"}, {0, "IMG_2.jpg"},
                                                    {0, "img_3.jpg"}, {1, "f1"}, {1, "f10"}, {1, "f9"}};
    for (const auto &p : planned) {
        PlanEntry e;
        e.dir = p.first;
        e.size = 10;
        plan.addEntry(e, p.second);
    }
    FileStatusModel model;
    model.setPlan(&plan);
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names.append(model.index(row, FileStatusModel::NameColumn).data().toString());
    QCOMPARE(names, (QStringList{QStringLiteral("IMG_1.jpg"), QStringLiteral("IMG_2.jpg"), QStringLiteral("img_3.jpg"),
                                 QStringLiteral("IMG_10.jpg"), QStringLiteral("f1"), QStringLiteral("f9"),
                                 QStringLiteral("f10")}));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyEvents({fileEvent(1, FileStatus::Copied)}); // IMG_10.jpg, on row 3
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 3);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 3);
    model.setFailedFirst(true);
    model.applyEvents({fileEvent(5, FileStatus::Failed)}); // f10
    QCOMPARE(model.index(0, FileStatusModel::NameColumn).data().toString(), QStringLiteral("f10"));
    QCOMPARE(model.index(4, FileStatusModel::NameColumn).data().toString(), QStringLiteral("IMG_10.jpg"));
    changed.clear();
    model.applyEvents({fileEvent(6, FileStatus::Copied)}); // f9: the last row now
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 6);
    QCOMPARE(model.index(6, FileStatusModel::StateColumn).data(FileStatusModel::StateRole).toInt(),
             int(FileStatusModel::State::Copied));
}

// The largest plan sorted by name (NaturalOrder's limit): what it costs when the plan arrives.
void TestFileStatusModel::naturalOrderCost()
{
    CopyPlan plan;
    PlanDir d;
    d.source = "/src";
    d.target = "/dest/src";
    plan.dirs.push_back(d);
    QList<QByteArray> names;
    for (int i = 0; i < 40000; ++i)
        names.append("photo " + QByteArray::number(i) + ".jpg");
    std::sort(names.begin(), names.end());
    for (const QByteArray &name : names) {
        PlanEntry e;
        e.dir = 0;
        plan.addEntry(e, name);
    }
    FileStatusModel model;
    QElapsedTimer clock;
    clock.start();
    model.setPlan(&plan);
    const qint64 ms = clock.elapsed();
    qInfo("40,000 names put in natural order in %lld ms", ms);
    QCOMPARE(model.index(2, FileStatusModel::NameColumn).data().toString(), QStringLiteral("photo 2.jpg"));
    QCOMPARE(model.index(39999, FileStatusModel::NameColumn).data().toString(), QStringLiteral("photo 39999.jpg"));
    QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));
}

void TestFileStatusModel::millionRowBatch()
{
    constexpr int Rows = 1000000;
    const CopyPlan plan = makePlan(Rows);
    FileStatusModel model;
    QTableView view;
    view.setModel(&model);
    view.resize(800, 600);
    view.show();
    QElapsedTimer clock;
    clock.start();
    model.setPlan(&plan);
    QCOMPARE(model.rowCount(), Rows);
    QList<FileEvent> events;
    events.reserve(Rows);
    for (int i = 0; i < Rows; ++i)
        events.append(fileEvent(i, i % 1000 == 0 ? FileStatus::Failed : FileStatus::Copied));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.applyEvents(events);
    // One full-range signal for the whole batch.
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), Rows - 1);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.count(State::Copied), Rows - Rows / 1000);
    model.setFilter(Filter::Failed);
    QCOMPARE(model.rowCount(), Rows / 1000);
    model.setFilter(Filter::All);
    model.setFailedFirst(true);
    QCOMPARE(State(model.index(Rows / 1000 - 1, 0).data(FileStatusModel::StateRole).toInt()), State::Failed);
    view.scrollToBottom();
    QCoreApplication::processEvents();
    const qint64 ms = clock.elapsed();
    qInfo("a million rows: planned, one batch applied, filtered twice and shown in %lld ms", ms);
    QVERIFY2(ms < 20000, qPrintable(QString::number(ms)));
}

QTEST_MAIN(TestFileStatusModel)
#include "tst_ui_filestatusmodel.moc"
