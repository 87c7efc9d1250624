#pragma once

#include "CopyTypes.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;

namespace Ferry {

// Asks what to do with a file whose name is taken at the destination, showing both files. It is
// not modal: the job copies other files meanwhile, and the window's Pause and Cancel still work.
// answer() is what the buttons call; tests call it too (the seam), or click the buttons.
class ConflictDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConflictDialog(QWidget *parent = nullptr);

    void ask(const ConflictQuestion &question);
    const ConflictQuestion &question() const { return m_question; }
    bool applyToAll() const;
    void setApplyToAll(bool on);
    QPushButton *button(ConflictAnswer answer) const;
    QString sourceText() const;
    QString targetText() const;
    // Shown when both files have the same size and time: "probably the same file".
    QString noteText() const;
    QPushButton *skipSameButton() const { return m_skipSame; }

public Q_SLOTS:
    void answer(Ferry::ConflictAnswer answer);

Q_SIGNALS:
    // "Skip all such files": comes just before answered(..., Skip, false).
    void skipSameChosen();
    void answered(qint32 entry, Ferry::ConflictAnswer answer, bool applyToAll);

protected:
    void reject() override;

private:
    QString describe(qint64 size, qint64 mtimeMs, bool newer) const;

    ConflictQuestion m_question;
    QLabel *m_heading;
    QLabel *m_source;
    QLabel *m_target;
    QLabel *m_note;
    QPushButton *m_skipSame;
    QCheckBox *m_applyToAll;
    QPushButton *m_overwrite;
    QPushButton *m_skip;
    QPushButton *m_rename;
    QPushButton *m_update;
};

} // namespace Ferry
