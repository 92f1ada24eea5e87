// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/pool/CompleteDataDf.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace grove {

/// Settings kept across sessions (QSettings): worker threads, the default seed, the
/// complete-data df of pooled coefficients and one chain per imputation.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    static int threads();
    static int defaultSeed();
    /// The rule for the complete-data df of pooled coefficients (default between-within).
    static CompleteDataDf completeDataDf();
    /// One imputation chain per imputation (default off: one per core, as in Stat-JR).
    static bool chainPerImputation();

private:
    void save();

    QSpinBox* m_threads = nullptr;
    QSpinBox* m_seed = nullptr;
    QComboBox* m_dfRule = nullptr;
    QDoubleSpinBox* m_dfValue = nullptr;
    QCheckBox* m_chainPerImputation = nullptr;
};

} // namespace grove
