// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/common/LiveChains.h"

#include <QWidget>

#include <cstdint>
#include <memory>
#include <thread>

class QLabel;
class QPushButton;
class QTimer;

namespace grove {

class DiagnosticsFigure;

/// The six-panel diagnostics of a run while it samples: polls the run's LiveChains about once
/// a second and hands each new snapshot to a DiagnosticsFigure, which computes the panels of
/// the chosen parameter on its own worker thread. The snapshot itself (a copy of every stored
/// draw) is also taken on a worker thread, so the GUI thread never waits for the samplers'
/// lock or copies the draws. A poll finds nothing to do when LiveChains::version() has not
/// changed since the last snapshot, or while the previous snapshot is still being taken.
class LiveDiagnosticsPanel : public QWidget {
    Q_OBJECT
public:
    explicit LiveDiagnosticsPanel(QWidget* parent = nullptr);
    /// Waits for a snapshot still being taken.
    ~LiveDiagnosticsPanel() override;

    /// Follows `live` (null: none) and starts polling; the figure keeps its parameter.
    void setSource(std::shared_ptr<LiveChains> live);
    /// Stops polling after one last snapshot, so the figure shows the run's final draws.
    void finish();
    /// How often the draws are polled (default 1000 ms).
    void setInterval(int milliseconds);
    /// One poll, as the timer does.
    void poll();

    DiagnosticsFigure* figure() const { return m_figure; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* popoutButton() const { return m_popout; }
    /// Snapshots handed to the figure so far in this run.
    int updateCount() const { return m_updates; }
    bool isPolling() const;

    /// The chains of `chains` that have at least one draw, in order (a chain that has not
    /// started yet would leave every panel empty with "chain has no draws").
    static ChainSet withoutEmptyChains(ChainSet chains);

signals:
    /// The figure was given a new snapshot (its panels follow when computed).
    void updated();
    /// Popout was pressed: the owner opens the live figure in a window of its own.
    void popoutRequested();

private:
    void snapshotTaken(std::shared_ptr<const ChainSet> chains, std::uint64_t version);

    std::shared_ptr<LiveChains> m_live;
    DiagnosticsFigure* m_figure = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_popout = nullptr;
    QTimer* m_timer = nullptr;
    std::thread m_worker;
    bool m_busy = false;
    bool m_finishing = false;
    std::uint64_t m_version = 0;
    int m_updates = 0;
    std::size_t m_shownChains = 0;    ///< of the snapshot shown, for the status line
    std::size_t m_shownIteration = 0; ///< the latest stored iteration in it
};

} // namespace grove
