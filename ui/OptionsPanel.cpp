#include "OptionsPanel.h"

#include "CopyEngine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>

namespace Ferry {

namespace {
const QString JobsKey = QStringLiteral("options/threads");
const QString ConflictKey = QStringLiteral("options/conflict");
const QString VerifyKey = QStringLiteral("options/verify");
const QString MoveKey = QStringLiteral("options/move");
const QString ExcludeKey = QStringLiteral("options/exclude");
const QString FixNamesKey = QStringLiteral("options/fixNames");
} // namespace

OptionsPanel::OptionsPanel(QWidget *parent)
    : QWidget(parent)
    , m_jobs(new QSpinBox(this))
    , m_conflict(new QComboBox(this))
    , m_verify(new QCheckBox(tr("&Verify copies"), this))
    , m_move(new QCheckBox(tr("&Move (remove the sources)"), this))
    , m_exclude(new QLineEdit(this))
    , m_fixNames(new QCheckBox(tr("&Replace characters the destination cannot store"), this))
{
    m_fixNames->setToolTip(tr("On FAT, exFAT and NTFS disks: write a name with : ? * < > | \" or \\ (or a trailing dot, "
                              "or CON, NUL...) with '_' in their place instead of leaving the file out"));
    m_fixNames->setAccessibleName(tr("Replace characters the destination cannot store"));
    m_jobs->setRange(0, 64);
    m_jobs->setSpecialValueText(tr("Automatic (%1)").arg(CopyEngine::defaultJobs()));
    m_jobs->setAccessibleName(tr("Threads"));
    m_jobs->setToolTip(tr("How many files are copied at once"));
    m_conflict->addItem(tr("Ask me"), int(ConflictPolicy::Ask));
    m_conflict->addItem(tr("Skip"), int(ConflictPolicy::Skip));
    m_conflict->addItem(tr("Overwrite"), int(ConflictPolicy::Overwrite));
    m_conflict->addItem(tr("Overwrite if newer"), int(ConflictPolicy::Update));
    m_conflict->addItem(tr("Rename"), int(ConflictPolicy::Rename));
    m_conflict->setAccessibleName(tr("When a file exists"));
    m_verify->setToolTip(tr("Read every copy back from the disk and compare it with its source"));
    m_verify->setAccessibleName(tr("Verify copies"));
    m_move->setToolTip(tr("Remove each source file once its copy is safely on the disk"));
    m_move->setAccessibleName(tr("Move instead of copy"));
    m_exclude->setPlaceholderText(tr("e.g. *.tmp, .git, node_modules"));
    m_exclude->setAccessibleName(tr("Exclude patterns"));
    m_exclude->setToolTip(tr("Names to leave out, separated by commas; * and ? match any text"));

    auto *jobsLabel = new QLabel(tr("&Threads:"), this);
    jobsLabel->setBuddy(m_jobs);
    auto *conflictLabel = new QLabel(tr("&When a file exists:"), this);
    conflictLabel->setBuddy(m_conflict);
    auto *excludeLabel = new QLabel(tr("E&xclude:"), this);
    excludeLabel->setBuddy(m_exclude);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(jobsLabel, 0, 0);
    grid->addWidget(m_jobs, 0, 1);
    grid->addWidget(conflictLabel, 0, 2);
    grid->addWidget(m_conflict, 0, 3);
    grid->addWidget(m_verify, 0, 4);
    grid->addWidget(m_move, 0, 5);
    grid->addWidget(excludeLabel, 1, 0);
    grid->addWidget(m_exclude, 1, 1, 1, 3);
    grid->addWidget(m_fixNames, 1, 4, 1, 2);
    grid->setColumnStretch(6, 1);
    setTabOrder(m_jobs, m_conflict);
    setTabOrder(m_conflict, m_verify);
    setTabOrder(m_verify, m_move);
    setTabOrder(m_move, m_exclude);
    setTabOrder(m_exclude, m_fixNames);
}

QList<QByteArray> OptionsPanel::parseExcludes(const QString &text)
{
    QList<QByteArray> out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString pattern = part.trimmed();
        if (!pattern.isEmpty())
            out.append(pattern.toUtf8());
    }
    return out;
}

void OptionsPanel::apply(CopyOptions *options) const
{
    options->jobs = m_jobs->value();
    options->conflict = conflictPolicy();
    options->verify = m_verify->isChecked();
    options->move = m_move->isChecked();
    options->excludes = parseExcludes(m_exclude->text());
    options->fixNames = m_fixNames->isChecked();
}

ConflictPolicy OptionsPanel::conflictPolicy() const
{
    return ConflictPolicy(m_conflict->currentData().toInt());
}

void OptionsPanel::setConflictPolicy(ConflictPolicy policy)
{
    const int index = m_conflict->findData(int(policy));
    if (index >= 0)
        m_conflict->setCurrentIndex(index);
}

void OptionsPanel::setJobs(int jobs)
{
    m_jobs->setValue(jobs);
}

void OptionsPanel::setVerify(bool on)
{
    m_verify->setChecked(on);
}

void OptionsPanel::setMove(bool on)
{
    m_move->setChecked(on);
}

void OptionsPanel::setExcludes(const QString &patterns)
{
    m_exclude->setText(patterns);
}

void OptionsPanel::load(const QSettings &settings)
{
    m_jobs->setValue(settings.value(JobsKey, 0).toInt());
    ConflictPolicy policy = ConflictPolicy::Ask;
    if (!parseConflictPolicy(settings.value(ConflictKey).toString(), &policy))
        policy = ConflictPolicy::Ask;
    setConflictPolicy(policy);
    m_verify->setChecked(settings.value(VerifyKey, false).toBool());
    m_move->setChecked(settings.value(MoveKey, false).toBool());
    m_exclude->setText(settings.value(ExcludeKey).toString());
    m_fixNames->setChecked(settings.value(FixNamesKey, false).toBool());
}

void OptionsPanel::save(QSettings *settings) const
{
    settings->setValue(JobsKey, m_jobs->value());
    settings->setValue(ConflictKey, conflictPolicyName(conflictPolicy()));
    settings->setValue(VerifyKey, m_verify->isChecked());
    settings->setValue(MoveKey, m_move->isChecked());
    settings->setValue(ExcludeKey, m_exclude->text());
    settings->setValue(FixNamesKey, m_fixNames->isChecked());
}

} // namespace Ferry
