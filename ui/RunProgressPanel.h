// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace grove {

/// What a working run shows: its stage, one progress bar per chain with the iteration count
/// and an estimated time left, Cancel, and a button that shows the live diagnostics.
class RunProgressPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunProgressPanel(QWidget* parent = nullptr);

    /// Clears the bars and restarts the clock the estimates are measured with.
    void reset();
    void setStage(const QString& stage);
    /// A chain's progress now (on the panel's clock, started by reset()).
    void setProgress(int chain, qlonglong done, qlonglong total);
    /// A chain's progress at `seconds` after reset(); setProgress uses the real clock.
    void setProgressAt(int chain, qlonglong done, qlonglong total, double seconds);
    int chainCount() const { return static_cast<int>(m_bars.size()); }
    QProgressBar* bar(int chain) const;
    QLabel* stageLabel() const { return m_stage; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* liveButton() const { return m_live; }

    /// Seconds left for a chain that was at `firstDone` iterations at `firstSeconds` and is at
    /// `done` of `total` at `seconds`, at the rate it has kept since; nothing while there is
    /// too little to go on (under half a second or under two iterations since the first report).
    static std::optional<double> secondsLeft(qlonglong firstDone, double firstSeconds,
                                             qlonglong done, double seconds, qlonglong total);
    /// "about 5 s left", "about 3 min left", "about 1 h 20 min left".
    static QString timeLeftText(double seconds);

signals:
    void cancelRequested();
    void liveRequested();

private:
    struct ChainClock {
        qlonglong firstDone = -1;
        double firstSeconds = 0.0;
    };

    QLabel* m_stage = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_live = nullptr;
    QVBoxLayout* m_barsLayout = nullptr;
    std::vector<QProgressBar*> m_bars;
    std::vector<ChainClock> m_clocks;
    QElapsedTimer m_clock;
};

} // namespace grove
