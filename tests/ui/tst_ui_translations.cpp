// English and Simplified Chinese: the translation is complete, and it is used.

#include "Application.h"
#include "Preflight.h"
#include "CommandLine.h"
#include "UiTest.h"

#include <QFile>
#include <QPushButton>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Ferry;

class TestTranslations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyStringIsTranslated();
    void chineseIsUsedForAChineseLocale();
};

void TestTranslations::initTestCase()
{
    UiTest::init();
}

void TestTranslations::everyStringIsTranslated()
{
    QFile ts(QStringLiteral(FERRY_TS_PATH));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    int messages = 0;
    QString source;
    QStringList missing;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            if (type == QLatin1String("obsolete") || type == QLatin1String("vanished"))
                continue;
            ++messages;
            const bool numerus = xml.attributes().hasAttribute(QLatin1String("numerus"));
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == QLatin1String("unfinished") || (text.trimmed().isEmpty() && !numerus))
                missing.append(source);
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY(messages > 100);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
}

void TestTranslations::chineseIsUsedForAChineseLocale()
{
    QVERIFY(installTranslators(QCoreApplication::instance(), QLocale(QLocale::Chinese, QLocale::China)));
    MainWindow window;
    QVERIFY(window.startButton()->text().contains(QStringLiteral("开始")));
    QVERIFY(guiHelpText().contains(QStringLiteral("用法")));
    // The engine's messages reach the window translated, too.
    Ferry::CopyOptions options;
    options.sources = {QByteArrayLiteral("/nonexistent-ferry-source")};
    options.destination = QByteArrayLiteral("/tmp");
    const QString refusal = Ferry::Preflight::checkPaths(options);
    QVERIFY2(refusal.contains(QStringLiteral("不存在")), qPrintable(refusal));
    QVERIFY(!installTranslators(QCoreApplication::instance(), QLocale(QLocale::Esperanto)));
}

QTEST_MAIN(TestTranslations)
#include "tst_ui_translations.moc"
