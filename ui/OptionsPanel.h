#pragma once

#include "CopyTypes.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSettings;
class QSpinBox;

namespace Ferry {

// The job's options, remembered between runs: threads, what to do when a name is taken, verify,
// move and the names to leave out.
class OptionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit OptionsPanel(QWidget *parent = nullptr);

    // Fills the options this panel owns; leaves the rest of `options` as it is.
    void apply(CopyOptions *options) const;
    void load(const QSettings &settings);
    void save(QSettings *settings) const;

    ConflictPolicy conflictPolicy() const;
    void setConflictPolicy(ConflictPolicy policy);
    void setJobs(int jobs);
    void setVerify(bool on);
    void setMove(bool on);
    void setExcludes(const QString &patterns);
    // Exclude patterns as typed: separated by commas.
    static QList<QByteArray> parseExcludes(const QString &text);

    QSpinBox *jobsBox() const { return m_jobs; }
    QComboBox *conflictBox() const { return m_conflict; }
    QCheckBox *verifyBox() const { return m_verify; }
    QCheckBox *moveBox() const { return m_move; }
    QLineEdit *excludeEdit() const { return m_exclude; }
    QCheckBox *fixNamesBox() const { return m_fixNames; }

private:
    QSpinBox *m_jobs;
    QComboBox *m_conflict;
    QCheckBox *m_verify;
    QCheckBox *m_move;
    QLineEdit *m_exclude;
    QCheckBox *m_fixNames;
};

} // namespace Ferry
