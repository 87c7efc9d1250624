// The exclusion patterns (--exclude) match as fnmatch(3) with no flags does, on every system.
#include "Glob.h"

#include <QRandomGenerator>
#include <QTest>

#ifndef Q_OS_WIN
#include <fnmatch.h>
#endif

using Ferry::globMatch;

class TestGlob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cases_data()
    {
        QTest::addColumn<QByteArray>("pattern");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("match");
        QTest::newRow("literal") << QByteArray("a.txt") << QByteArray("a.txt") << true;
        QTest::newRow("literal other") << QByteArray("a.txt") << QByteArray("b.txt") << false;
        QTest::newRow("star suffix") << QByteArray("*.tmp") << QByteArray("x.tmp") << true;
        QTest::newRow("star suffix no") << QByteArray("*.tmp") << QByteArray("x.tmp2") << false;
        QTest::newRow("star empty") << QByteArray("*") << QByteArray("") << true;
        QTest::newRow("star dot") << QByteArray("*") << QByteArray(".hidden") << true;
        QTest::newRow("stars") << QByteArray("a*b*c") << QByteArray("aXXbYbZc") << true;
        QTest::newRow("stars no") << QByteArray("a*b*c") << QByteArray("aXXbYbZ") << false;
        QTest::newRow("question") << QByteArray("?.o") << QByteArray("a.o") << true;
        QTest::newRow("question two") << QByteArray("?.o") << QByteArray("ab.o") << false;
        QTest::newRow("question utf8") << QByteArray("caf?") << QByteArray("caf\xc3\xa9") << true;
        QTest::newRow("set") << QByteArray("[abc].c") << QByteArray("b.c") << true;
        QTest::newRow("set no") << QByteArray("[abc].c") << QByteArray("d.c") << false;
        QTest::newRow("range") << QByteArray("file[0-9]") << QByteArray("file7") << true;
        QTest::newRow("negated !") << QByteArray("[!0-9]*") << QByteArray("x1") << true;
        QTest::newRow("negated ^") << QByteArray("[^0-9]*") << QByteArray("1x") << false;
        QTest::newRow("bracket first ]") << QByteArray("[]a]") << QByteArray("]") << true;
        QTest::newRow("unclosed bracket") << QByteArray("a[b") << QByteArray("a[b") << true;
        QTest::newRow("escape") << QByteArray("\\*") << QByteArray("*") << true;
        QTest::newRow("escape no") << QByteArray("\\*") << QByteArray("x") << false;
        QTest::newRow("slash") << QByteArray("a*b") << QByteArray("a/b") << true;
        QTest::newRow("not utf8") << QByteArray("?x") << QByteArray("\xffx") << true;
        // A pattern that escapes each byte of a UTF-8 name is not UTF-8 itself: bytes then.
        QTest::newRow("escaped bytes") << QByteArray("\\\xce\\\x97") << QByteArray("\xce\x97") << true;
        QTest::newRow("one character") << QByteArray("?") << QByteArray("\xce\x97") << true;
        // Overlong, surrogate and out-of-range sequences are not characters: bytes, as fnmatch.
        QTest::newRow("overlong") << QByteArray("\x07") << QByteArray("\xc0\x87") << false;
        QTest::newRow("overlong one byte each") << QByteArray("??") << QByteArray("\xc0\x87") << true;
        QTest::newRow("overlong slash") << QByteArray("?") << QByteArray("\xe0\x80\xaf") << false;
        QTest::newRow("surrogate") << QByteArray("?") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("beyond U+10FFFF") << QByteArray("?") << QByteArray("\xf4\x90\x80\x80") << false;
        QTest::newRow("U+10FFFF") << QByteArray("?") << QByteArray("\xf4\x8f\xbf\xbf") << true;
    }
    void cases()
    {
        QFETCH(QByteArray, pattern);
        QFETCH(QByteArray, name);
        QFETCH(bool, match);
        QCOMPARE(globMatch(pattern, name), match);
    }

#ifndef Q_OS_WIN
    // Random patterns and names over a small alphabet, against the C library's own fnmatch.
    void sameAsFnmatch()
    {
        const char alphabet[] = "ab*?[]!-\\.";
        const char names[] = "ab.-]!";
        QRandomGenerator rng(7);
        int matches = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray pattern, name;
            for (int k = int(rng.bounded(7)); k > 0; --k)
                pattern += alphabet[rng.bounded(int(sizeof alphabet - 1))];
            for (int k = int(rng.bounded(7)); k > 0; --k)
                name += names[rng.bounded(int(sizeof names - 1))];
            const bool want = ::fnmatch(pattern.constData(), name.constData(), 0) == 0;
            if (want)
                ++matches;
            if (globMatch(pattern, name) != want)
                QFAIL(qPrintable(QStringLiteral("pattern '%1' name '%2': fnmatch says %3")
                                     .arg(QString::fromLatin1(pattern), QString::fromLatin1(name))
                                     .arg(want)));
        }
        QVERIFY(matches > 100); // the comparison saw both answers
    }
#endif
};

QTEST_GUILESS_MAIN(TestGlob)
#include "tst_glob.moc"
