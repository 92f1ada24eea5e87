// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/SettingsDialog.h"

#include "core/common/Error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QSettings>
#include <QSpinBox>
#include <QThread>

namespace grove {

int SettingsDialog::threads()
{
    return QSettings().value(QStringLiteral("run/threads"), QThread::idealThreadCount()).toInt();
}

int SettingsDialog::defaultSeed()
{
    return QSettings().value(QStringLiteral("run/seed"), 1).toInt();
}

CompleteDataDf SettingsDialog::completeDataDf()
{
    const QString text =
        QSettings()
            .value(QStringLiteral("pool/completeDataDf"), QStringLiteral("between-within"))
            .toString();
    try {
        return parseCompleteDataDf(text.toStdString());
    } catch (const Error&) {
        return {}; // a hand-edited settings file: fall back to the default rule
    }
}

bool SettingsDialog::chainPerImputation()
{
    return QSettings().value(QStringLiteral("run/chainPerImputation"), false).toBool();
}

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    m_threads = new QSpinBox(this);
    m_threads->setRange(1, 256);
    m_threads->setValue(threads());
    m_threads->setToolTip(tr("Chains run in parallel, one per thread, up to the number of "
                             "imputations. Results do not depend on this number."));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 2147483647);
    m_seed->setValue(defaultSeed());
    m_seed->setToolTip(tr("The random-number seed of runs whose inputs do not set one."));

    const CompleteDataDf df = completeDataDf();
    m_dfRule = new QComboBox(this);
    m_dfRule->setObjectName(QStringLiteral("completeDataDfRule"));
    m_dfRule->addItem(tr("Between-within rule"), QStringLiteral("between-within"));
    m_dfRule->addItem(tr("Infinite (Rubin 1987, mitml's default)"), QStringLiteral("inf"));
    m_dfRule->addItem(tr("This number:"), QStringLiteral("number"));
    m_dfRule->setCurrentIndex(static_cast<int>(df.rule));
    m_dfRule->setToolTip(
        tr("Complete-data degrees of freedom of each pooled coefficient (Barnard & Rubin 1999; "
           "the D1 test uses the same, Reiter 2007). Between-within: N - J - p1 for variables "
           "that vary within level-2 units, J - p2 - 1 for the intercept and variables constant "
           "within units, N - p for one level."));
    m_dfValue = new QDoubleSpinBox(this);
    m_dfValue->setObjectName(QStringLiteral("completeDataDfValue"));
    m_dfValue->setRange(1.0, 1e9);
    m_dfValue->setDecimals(1);
    m_dfValue->setValue(df.rule == CompleteDataDf::Rule::Fixed ? df.value : 100.0);
    m_dfValue->setEnabled(df.rule == CompleteDataDf::Rule::Fixed);
    connect(m_dfRule, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_dfValue->setEnabled(index == static_cast<int>(CompleteDataDf::Rule::Fixed));
    });
    m_chainPerImputation = new QCheckBox(tr("One chain per imputation"), this);
    m_chainPerImputation->setObjectName(QStringLiteral("chainPerImputation"));
    m_chainPerImputation->setChecked(chainPerImputation());
    m_chainPerImputation->setToolTip(
        tr("Every imputation from its own chain, burnt in to imputefirst: independent "
           "imputations whatever the mixing, at the cost of one burn-in per imputation. "
           "Otherwise one chain per core gives an imputation every imputeevery iterations. "
           "Results do not depend on the number of threads either way."));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Worker threads:"), m_threads);
    form->addRow(tr("Default seed:"), m_seed);
    auto* dfRow = new QHBoxLayout;
    dfRow->addWidget(m_dfRule, 1);
    dfRow->addWidget(m_dfValue);
    form->addRow(tr("Complete-data df:"), dfRow);
    form->addRow(QString(), m_chainPerImputation);
    form->addRow(buttons);
}

void SettingsDialog::save()
{
    QSettings settings;
    settings.setValue(QStringLiteral("run/threads"), m_threads->value());
    settings.setValue(QStringLiteral("run/seed"), m_seed->value());
    CompleteDataDf df;
    df.rule = static_cast<CompleteDataDf::Rule>(m_dfRule->currentIndex());
    df.value = m_dfValue->value();
    settings.setValue(QStringLiteral("pool/completeDataDf"), QString::fromStdString(df.text()));
    settings.setValue(QStringLiteral("run/chainPerImputation"), m_chainPerImputation->isChecked());
}

} // namespace grove
