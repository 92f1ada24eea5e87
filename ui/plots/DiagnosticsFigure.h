// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "ui/plots/ParameterDiagnostics.h"

#include <QString>
#include <QWidget>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QMouseEvent;
class QCustomPlot;
class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPLegend;
class QCPTextElement;

namespace grove {

/// The six-panel MCMC diagnostics of one parameter, as Stat-JR draws them for its `*.svg`
/// outputs: trace per chain (top left), kernel density per chain (top right), ACF and PACF of
/// the joined chains (middle), MCSE of the mean against iterations (bottom left) and the
/// Brooks-Gelman-Rubin plot (bottom right), under a summary line (name, term, mean, sd, 95%
/// interval, ESS, R-hat).
///
/// Above the plot: a parameter picker and one checkbox per chain (hides the chain in the trace
/// and density panels). Every panel zooms (wheel) and pans (drag); a label under the plot shows
/// the panel and the coordinates under the cursor. A panel that cannot be drawn (one chain for
/// BGR, a constant chain for the density...) shows the reason as centred text instead.
class DiagnosticsFigure : public QWidget {
    Q_OBJECT

public:
    /// The six panels, in reading order.
    enum class Panel { Trace = 0, Density, Acf, Pacf, Mcse, Bgr };
    static constexpr std::size_t panelCount = 6;

    explicit DiagnosticsFigure(QWidget* parent = nullptr);
    ~DiagnosticsFigure() override;

    /// Shows parameter `parameter` of `chains` (clamped to the last parameter), refilling the
    /// parameter picker and the chain toggles. A null or empty chain set clears the figure.
    void setChains(std::shared_ptr<const ChainSet> chains, std::size_t parameter = 0);

    /// Live update while a run samples: takes the grown chain set (a new immutable snapshot per
    /// call) and redraws only the current parameter, keeping the picker, the chain toggles
    /// (unless the number of chains or parameters changed, which redraws synchronously) and the
    /// zoom of panels the user has zoomed.
    ///
    /// The diagnostics are computed on a worker thread, because for 3 chains of 10,000 draws
    /// core/diag needs ~0.2 s (mostly ESS/R-hat and BGR), too long for the GUI thread. The call
    /// returns at once; the figure is redrawn (rpQueuedReplot) when the result arrives. Calls
    /// made while a computation runs are coalesced: only the newest snapshot is computed next.
    /// Throttling is the caller's job.
    void setLiveChains(std::shared_ptr<const ChainSet> chains);
    /// True while a live update is being computed or is queued.
    bool isUpdating() const { return m_workerBusy; }

    /// Shows parameter `parameter` of `chains` with diagnostics computed elsewhere
    /// (ParameterDiagnostics::compute on a worker thread), so drawing many figures can overlap
    /// with computing the next ones.
    void showComputed(std::shared_ptr<const ChainSet> chains, std::size_t parameter,
                      ParameterDiagnostics diagnostics);

    /// Switches to another parameter of the current chain set (as the picker does).
    void setParameter(std::size_t parameter);
    /// The parameter shown.
    std::size_t parameter() const { return m_parameter; }

    /// Shows or hides chain `chain` in the trace and density panels (as its checkbox does).
    void setChainVisible(std::size_t chain, bool visible);
    bool isChainVisible(std::size_t chain) const;

    /// Writes the figure as SVG of width x height pixels, atomically (temporary name, then
    /// rename). False (and no file) when the file cannot be written.
    bool saveSvg(const QString& path, int width = 1200, int height = 900);
    /// Writes the figure as PNG, atomically. False (and no file) when it cannot be written.
    bool savePng(const QString& path, int width = 1200, int height = 900);

    /// The summary line above the panels.
    QString summaryText() const { return m_summaryText; }
    /// The reason a panel is empty, or "" when it is drawn.
    QString panelMessage(Panel panel) const;
    /// The title of a panel.
    QString panelTitle(Panel panel) const;
    /// The plot and one panel's axis rect (for tests and for callers adding decorations).
    QCustomPlot* plot() const { return m_plot; }
    QCPAxisRect* panelRect(Panel panel) const;
    /// The parameter picker, the chain toggles and the cursor read-out (for tests).
    QComboBox* parameterPicker() const { return m_parameterBox; }
    QCheckBox* chainToggle(std::size_t chain) const;
    QLabel* readout() const { return m_readout; }
    /// The data drawn for the current parameter (empty before setChains).
    const ParameterDiagnostics& diagnostics() const { return m_diagnostics; }

    /// Updates the read-out for a position in plot coordinates (what a mouse move does).
    void showValueAt(const QPointF& position);

private:
    void buildPlot();
    void rebuildChainControls(std::size_t chainCount);
    void rebuildChainGraphs(std::size_t chainCount);
    void refresh();
    void redraw();
    void startLiveWorker(std::shared_ptr<const ChainSet> chains);
    void finishLiveWorker(std::shared_ptr<ParameterDiagnostics> result, std::uint64_t generation);
    void drawTrace();
    void drawDensity();
    void drawAutocorrelation();
    void drawMcse();
    void drawBgr();
    void setPanelMessage(Panel panel, const std::string& reason);
    void applyChainVisibility();
    void clearFigure();

    std::shared_ptr<const ChainSet> m_chains;
    std::size_t m_parameter = 0;
    ParameterDiagnostics m_diagnostics;
    std::optional<ParameterDiagnostics> m_precomputed; ///< showComputed's, for the next refresh
    QString m_summaryText;
    std::vector<bool> m_chainVisible;

    // Live updates: one worker at a time, the newest waiting snapshot, and a generation that
    // setChains/setParameter bump so a late result for an old view is dropped.
    std::thread m_worker;
    bool m_workerBusy = false;
    std::shared_ptr<const ChainSet> m_pendingLive;
    std::uint64_t m_generation = 0;

    QComboBox* m_parameterBox = nullptr;
    QHBoxLayout* m_chainLayout = nullptr;
    std::vector<QCheckBox*> m_chainToggles;
    QCustomPlot* m_plot = nullptr;
    QLabel* m_readout = nullptr;

    QCPTextElement* m_summary = nullptr;
    QCPLegend* m_legend = nullptr;
    std::array<QCPAxisRect*, panelCount> m_panels{};
    std::array<QCPTextElement*, panelCount> m_titles{};
    std::array<QCPItemText*, panelCount> m_messages{};
    std::array<bool, panelCount> m_userZoomed{};
    std::vector<QCPGraph*> m_traceGraphs;
    std::vector<QCPGraph*> m_densityGraphs;
    QCPBars* m_acfBars = nullptr;
    QCPBars* m_pacfBars = nullptr;
    std::array<QCPItemStraightLine*, 4> m_bandLines{}; ///< ACF +, ACF -, PACF +, PACF -
    QCPGraph* m_mcseGraph = nullptr;
    QCPGraph* m_bgrBetween = nullptr;
    QCPGraph* m_bgrWithin = nullptr;
    QCPGraph* m_bgrRatio = nullptr;
    QCPItemStraightLine* m_bgrOne = nullptr;
};

} // namespace grove
