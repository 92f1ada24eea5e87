// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace grove {

/// What a working run shows: its stage, one progress bar per chain with the iteration count,
/// and Cancel.
class RunProgressPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunProgressPanel(QWidget* parent = nullptr);

    void reset();
    void setStage(const QString& stage);
    void setProgress(int chain, qlonglong done, qlonglong total);
    int chainCount() const { return static_cast<int>(m_bars.size()); }
    QLabel* stageLabel() const { return m_stage; }
    QPushButton* cancelButton() const { return m_cancel; }

signals:
    void cancelRequested();

private:
    QLabel* m_stage = nullptr;
    QPushButton* m_cancel = nullptr;
    QVBoxLayout* m_barsLayout = nullptr;
    std::vector<QProgressBar*> m_bars;
};

} // namespace grove
