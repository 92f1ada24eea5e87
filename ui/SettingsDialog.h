// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QSpinBox;

namespace grove {

/// Settings kept across sessions (QSettings): worker threads and the default seed.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    static int threads();
    static int defaultSeed();

private:
    void save();

    QSpinBox* m_threads = nullptr;
    QSpinBox* m_seed = nullptr;
};

} // namespace grove
