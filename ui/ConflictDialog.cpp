#include "ConflictDialog.h"
#include "fs/FileSystem.h"

#include "CopyPlan.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Ferry {

ConflictDialog::ConflictDialog(QWidget *parent)
    : QDialog(parent)
    , m_heading(new QLabel(this))
    , m_source(new QLabel(this))
    , m_target(new QLabel(this))
    , m_note(new QLabel(this))
    , m_skipSame(new QPushButton(tr("S&kip all such files"), this))
    , m_applyToAll(new QCheckBox(tr("&Apply to all remaining conflicts"), this))
    , m_overwrite(new QPushButton(tr("&Overwrite"), this))
    , m_skip(new QPushButton(tr("&Skip"), this))
    , m_rename(new QPushButton(tr("&Rename"), this))
    , m_update(new QPushButton(tr("Overwrite if &newer"), this))
{
    setWindowTitle(tr("File already exists"));
    setModal(false);
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QLabel *label : {m_source, m_target}) {
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("sameNote"));
    m_skipSame->setToolTip(tr("Skip this file and every other one of this job whose copy has the same size and time"));
    m_skipSame->setAccessibleName(tr("Skip all files that are probably the same"));
    m_rename->setToolTip(tr("Copy under a new name, such as “name (2).ext”"));
    m_update->setToolTip(tr("Overwrite only if the file being copied is newer or differs in size"));
    m_overwrite->setAccessibleName(tr("Overwrite the existing file"));
    m_skip->setAccessibleName(tr("Skip this file"));
    m_rename->setAccessibleName(tr("Copy under a new name"));
    m_update->setAccessibleName(tr("Overwrite if newer"));
    m_applyToAll->setAccessibleName(tr("Apply to all remaining conflicts"));

    auto *form = new QFormLayout;
    form->addRow(tr("Copying:"), m_source);
    form->addRow(tr("Existing:"), m_target);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_overwrite, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_update, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_rename, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_skip, QDialogButtonBox::RejectRole);
    buttons->addButton(m_skipSame, QDialogButtonBox::RejectRole);
    m_skip->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxQuestion, nullptr, this).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    top->addWidget(icon);
    auto *text = new QVBoxLayout;
    text->addWidget(m_heading);
    text->addLayout(form);
    text->addWidget(m_note);
    top->addLayout(text, 1);
    layout->addLayout(top);
    layout->addWidget(m_applyToAll);
    layout->addWidget(buttons);

    connect(m_overwrite, &QPushButton::clicked, this, [this] { answer(ConflictAnswer::Overwrite); });
    connect(m_skip, &QPushButton::clicked, this, [this] { answer(ConflictAnswer::Skip); });
    connect(m_rename, &QPushButton::clicked, this, [this] { answer(ConflictAnswer::Rename); });
    connect(m_update, &QPushButton::clicked, this, [this] { answer(ConflictAnswer::Update); });
    connect(m_skipSame, &QPushButton::clicked, this, [this] {
        m_applyToAll->setChecked(false);
        Q_EMIT skipSameChosen();
        answer(ConflictAnswer::Skip);
    });
    setMinimumWidth(460);
}

void ConflictDialog::ask(const ConflictQuestion &question)
{
    m_question = question;
    m_heading->setText(tr("“%1” already exists in “%2”. What should be done with it?")
                           .arg(displayPath(baseName(question.target)),
                                displayPath(parentPath(question.target))));
    m_source->setText(describe(question.sourceSize, question.sourceMtimeMs, question.sourceMtimeMs > question.targetMtimeMs));
    m_target->setText(describe(question.targetSize, question.targetMtimeMs, question.targetMtimeMs > question.sourceMtimeMs));
    m_source->setToolTip(displayPath(question.source));
    m_target->setToolTip(displayPath(question.target));
    const bool same = question.sourceSize == question.targetSize && question.sourceMtimeMs == question.targetMtimeMs;
    m_note->setText(same ? tr("Both have the same size and time: probably the same file.") : QString());
    m_note->setVisible(same);
    m_skipSame->setVisible(same);
    m_skip->setFocus();
    show();
    raise();
    activateWindow();
}

QString ConflictDialog::describe(qint64 size, qint64 mtimeMs, bool newer) const
{
    const QLocale locale;
    const QString when = locale.toString(QDateTime::fromMSecsSinceEpoch(mtimeMs), QLocale::ShortFormat);
    const QString text = tr("%1, modified %2").arg(sizeText(locale, size), when);
    return newer ? tr("%1 (newer)").arg(text) : text;
}

QString ConflictDialog::sourceText() const
{
    return m_source->text();
}

QString ConflictDialog::noteText() const
{
    return m_note->text();
}

QString ConflictDialog::targetText() const
{
    return m_target->text();
}

bool ConflictDialog::applyToAll() const
{
    return m_applyToAll->isChecked();
}

void ConflictDialog::setApplyToAll(bool on)
{
    m_applyToAll->setChecked(on);
}

QPushButton *ConflictDialog::button(ConflictAnswer answer) const
{
    switch (answer) {
    case ConflictAnswer::Overwrite: return m_overwrite;
    case ConflictAnswer::Skip: return m_skip;
    case ConflictAnswer::Rename: return m_rename;
    case ConflictAnswer::Update: return m_update;
    }
    return nullptr;
}

void ConflictDialog::answer(ConflictAnswer answer)
{
    const qint32 entry = m_question.entry;
    const bool all = m_applyToAll->isChecked();
    m_applyToAll->setChecked(false);
    hide();
    // The next question may come while this signal is handled: it shows the dialog again.
    Q_EMIT answered(entry, answer, all);
}

// Escape or the window's close button: leave the existing file alone.
void ConflictDialog::reject()
{
    answer(ConflictAnswer::Skip);
}

} // namespace Ferry
