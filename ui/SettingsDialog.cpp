// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/SettingsDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
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

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Worker threads:"), m_threads);
    form->addRow(tr("Default seed:"), m_seed);
    form->addRow(buttons);
}

void SettingsDialog::save()
{
    QSettings settings;
    settings.setValue(QStringLiteral("run/threads"), m_threads->value());
    settings.setValue(QStringLiteral("run/seed"), m_seed->value());
}

} // namespace grove
