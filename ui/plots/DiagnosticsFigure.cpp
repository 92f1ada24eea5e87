// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/DiagnosticsFigure.h"

#include "ui/plots/BackgroundPriority.h"
#include "ui/plots/ChainColors.h"
#include "ui/plots/PlotExport.h"
#include "ui/plots/QCustomPlotInclude.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace grove {

namespace {

constexpr std::size_t index(DiagnosticsFigure::Panel panel)
{
    return static_cast<std::size_t>(panel);
}

const std::array<const char*, DiagnosticsFigure::panelCount> panelTitles = {
    "Trace",
    "Kernel density",
    "ACF (chains joined)",
    "PACF (chains joined)",
    "MCSE of the mean",
    "Brooks-Gelman-Rubin: between (green), within (blue), ratio (red)",
};

QVector<double> toQVector(const std::vector<double>& values)
{
    return QVector<double>(values.begin(), values.end());
}

// Figures in the summary line: 4 significant digits, and a dash for a figure that is not
// defined (rather than "nan", which reads like a bug to users).
QString figure(double value, int digits = 4)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    return QString::number(value, 'g', digits);
}

QFont sizedFont(const QFont& base, double pointSize, bool bold = false)
{
    QFont font(base);
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

// Symmetric padding of a data range so curves do not touch the frame; a zero-width range
// (a constant chain) gets a unit-width window around its value.
QCPRange padded(double lower, double upper, double fraction = 0.05)
{
    if (!std::isfinite(lower) || !std::isfinite(upper))
        return QCPRange(0.0, 1.0);
    if (upper - lower <= 0.0)
        return QCPRange(lower - 0.5, upper + 0.5);
    const double pad = (upper - lower) * fraction;
    return QCPRange(lower - pad, upper + pad);
}

} // namespace

DiagnosticsFigure::DiagnosticsFigure(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Parameter:"), this));
    m_parameterBox = new QComboBox(this);
    m_parameterBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    controls->addWidget(m_parameterBox);
    controls->addSpacing(16);
    m_chainLayout = new QHBoxLayout;
    controls->addLayout(m_chainLayout);
    controls->addStretch(1);
    layout->addLayout(controls);

    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(640, 480);
    layout->addWidget(m_plot, 1);

    m_readout = new QLabel(this);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readout->setText(tr("Wheel to zoom, drag to pan, double-click to reset."));
    layout->addWidget(m_readout);

    buildPlot();

    connect(m_parameterBox, &QComboBox::currentIndexChanged, this, [this](int row) {
        if (row >= 0 && static_cast<std::size_t>(row) != m_parameter)
            setParameter(static_cast<std::size_t>(row));
    });
    connect(m_plot, &QCustomPlot::mouseMove, this,
            [this](QMouseEvent* event) { showValueAt(event->position()); });
    // A panel the user zoomed or panned keeps its ranges through live updates.
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this](QWheelEvent* event) {
        if (QCPAxisRect* rect = m_plot->axisRectAt(event->position()))
            for (std::size_t p = 0; p < panelCount; ++p)
                if (m_panels[p] == rect)
                    m_userZoomed[p] = true;
    });
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (QCPAxisRect* rect = m_plot->axisRectAt(event->position()))
            for (std::size_t p = 0; p < panelCount; ++p)
                if (m_panels[p] == rect)
                    m_userZoomed[p] = true;
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) {
        m_userZoomed.fill(false);
        refresh();
    });
}

DiagnosticsFigure::~DiagnosticsFigure()
{
    // The worker reads `this` only to post its result; joining here means it never outlives
    // the figure, and Qt drops the posted result together with the object.
    if (m_worker.joinable())
        m_worker.join();
}

void DiagnosticsFigure::buildPlot()
{
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true); // dragging 30,000-point traces stays fluid
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->plotLayout()->clear(); // drops the default axis rect and legend
    m_plot->plotLayout()->setRowSpacing(0);

    const QFont base = font();
    m_summary = new QCPTextElement(m_plot, QString(), sizedFont(base, 10.5, true));
    m_plot->plotLayout()->addElement(0, 0, m_summary);

    // The chain legend sits in its own row between the summary and the panels, so it never
    // covers data (inside the trace panel it hid the first iterations).
    // It is centred between two empty stretching cells, so its entries stay together.
    auto* legendRow = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, legendRow);
    m_legend = new QCPLegend;
    legendRow->addElement(0, 0, new QCPLayoutElement(m_plot));
    legendRow->addElement(0, 1, m_legend);
    legendRow->addElement(0, 2, new QCPLayoutElement(m_plot));
    legendRow->setColumnStretchFactor(0, 1.0);
    legendRow->setColumnStretchFactor(1, 0.001);
    legendRow->setColumnStretchFactor(2, 1.0);
    m_legend->setLayer(QStringLiteral("legend"));
    m_legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_legend->setBorderPen(Qt::NoPen);
    m_legend->setBrush(Qt::NoBrush);
    m_legend->setFont(sizedFont(base, 9));
    m_legend->setIconSize(24, 10);
    m_legend->setMargins(QMargins(4, 0, 4, 0));
    m_legend->setColumnSpacing(16);

    auto* panels = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(2, 0, panels);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->plotLayout()->setRowStretchFactor(2, 1.0);
    panels->setRowSpacing(0);
    panels->setColumnSpacing(12);

    // Panels in a column share their left and right margins so their frames line up.
    std::array<QCPMarginGroup*, 2> columnGroups = {new QCPMarginGroup(m_plot),
                                                   new QCPMarginGroup(m_plot)};
    for (std::size_t p = 0; p < panelCount; ++p) {
        const int row = static_cast<int>(p / 2) * 2;
        const int column = static_cast<int>(p % 2);
        m_titles[p] = new QCPTextElement(m_plot, tr(panelTitles[p]), sizedFont(base, 9.5, true));
        m_titles[p]->setMargins(QMargins(0, row == 0 ? 2 : 8, 0, 0));
        panels->addElement(row, column, m_titles[p]);
        auto* rect = new QCPAxisRect(m_plot);
        panels->addElement(row + 1, column, rect);
        panels->setRowStretchFactor(row, 0.001);
        panels->setRowStretchFactor(row + 1, 1.0);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight,
                             columnGroups[static_cast<std::size_t>(column)]);
        rect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
        rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
        for (QCPAxis* axis : rect->axes()) {
            axis->setTickLabelFont(sizedFont(base, 8));
            axis->setLabelFont(sizedFont(base, 8.5));
            axis->setLabelPadding(2);
            axis->ticker()->setTickCount(5);
        }
        rect->axis(QCPAxis::atLeft)->grid()->setSubGridVisible(false);
        m_panels[p] = rect;

        auto* message = new QCPItemText(m_plot);
        message->setClipAxisRect(rect);
        message->position->setType(QCPItemPosition::ptAxisRectRatio);
        message->position->setAxisRect(rect);
        message->position->setCoords(0.5, 0.5);
        message->setPositionAlignment(Qt::AlignCenter);
        message->setFont(sizedFont(base, 9.5));
        message->setColor(QColor(90, 90, 90));
        message->setVisible(false);
        m_messages[p] = message;
    }

    auto axisOf = [this](Panel panel, QCPAxis::AxisType type) {
        return m_panels[index(panel)]->axis(type);
    };
    axisOf(Panel::Trace, QCPAxis::atBottom)->setLabel(tr("iteration"));
    axisOf(Panel::Trace, QCPAxis::atLeft)->setLabel(tr("value"));
    axisOf(Panel::Density, QCPAxis::atBottom)->setLabel(tr("value"));
    axisOf(Panel::Density, QCPAxis::atLeft)->setLabel(tr("density"));
    axisOf(Panel::Acf, QCPAxis::atBottom)->setLabel(tr("lag"));
    axisOf(Panel::Acf, QCPAxis::atLeft)->setLabel(tr("ACF"));
    axisOf(Panel::Pacf, QCPAxis::atBottom)->setLabel(tr("lag"));
    axisOf(Panel::Pacf, QCPAxis::atLeft)->setLabel(tr("PACF"));
    axisOf(Panel::Mcse, QCPAxis::atBottom)->setLabel(tr("iteration"));
    axisOf(Panel::Mcse, QCPAxis::atLeft)->setLabel(tr("MCSE"));
    axisOf(Panel::Bgr, QCPAxis::atBottom)->setLabel(tr("iteration"));
    axisOf(Panel::Bgr, QCPAxis::atLeft)->setLabel(tr("BGR"));

    const QColor barColor(60, 90, 150);
    auto makeBars = [&](Panel panel) {
        auto* bars = new QCPBars(axisOf(panel, QCPAxis::atBottom), axisOf(panel, QCPAxis::atLeft));
        bars->setWidth(0.45);
        bars->setPen(QPen(barColor));
        bars->setBrush(barColor);
        return bars;
    };
    m_acfBars = makeBars(Panel::Acf);
    m_pacfBars = makeBars(Panel::Pacf);
    QPen bandPen(QColor(40, 40, 200), 1.0, Qt::DashLine);
    for (std::size_t b = 0; b < m_bandLines.size(); ++b) {
        const Panel panel = b < 2 ? Panel::Acf : Panel::Pacf;
        auto* line = new QCPItemStraightLine(m_plot);
        line->setClipAxisRect(m_panels[index(panel)]);
        line->point1->setAxes(axisOf(panel, QCPAxis::atBottom), axisOf(panel, QCPAxis::atLeft));
        line->point2->setAxes(axisOf(panel, QCPAxis::atBottom), axisOf(panel, QCPAxis::atLeft));
        line->setPen(bandPen);
        m_bandLines[b] = line;
    }

    m_mcseGraph = m_plot->addGraph(axisOf(Panel::Mcse, QCPAxis::atBottom),
                                   axisOf(Panel::Mcse, QCPAxis::atLeft));
    m_mcseGraph->setPen(QPen(QColor(30, 30, 30), 1.5));

    auto bgrGraph = [&](const QColor& color) {
        QCPGraph* graph = m_plot->addGraph(axisOf(Panel::Bgr, QCPAxis::atBottom),
                                           axisOf(Panel::Bgr, QCPAxis::atLeft));
        graph->setPen(QPen(color, 1.5));
        return graph;
    };
    m_bgrBetween = bgrGraph(QColor(0, 150, 0));
    m_bgrWithin = bgrGraph(QColor(0, 70, 220));
    m_bgrRatio = bgrGraph(QColor(220, 0, 0));
    m_bgrOne = new QCPItemStraightLine(m_plot);
    m_bgrOne->setClipAxisRect(m_panels[index(Panel::Bgr)]);
    m_bgrOne->point1->setAxes(axisOf(Panel::Bgr, QCPAxis::atBottom),
                              axisOf(Panel::Bgr, QCPAxis::atLeft));
    m_bgrOne->point2->setAxes(axisOf(Panel::Bgr, QCPAxis::atBottom),
                              axisOf(Panel::Bgr, QCPAxis::atLeft));
    m_bgrOne->point1->setCoords(0.0, 1.0);
    m_bgrOne->point2->setCoords(1.0, 1.0);
    m_bgrOne->setPen(QPen(QColor(150, 150, 150), 1.0));

    clearFigure();
}

void DiagnosticsFigure::setChains(std::shared_ptr<const ChainSet> chains, std::size_t parameter)
{
    ++m_generation;
    m_pendingLive.reset();
    m_chains = std::move(chains);
    {
        // Refilling the picker must not trigger a redraw per item.
        const QSignalBlocker blocker(m_parameterBox);
        m_parameterBox->clear();
        if (m_chains)
            for (const ParameterInfo& info : m_chains->parameters)
                m_parameterBox->addItem(QString::fromStdString(info.name));
    }
    if (!m_chains || m_chains->parameterCount() == 0) {
        m_parameter = 0;
        clearFigure();
        return;
    }
    m_parameter = std::min(parameter, m_chains->parameterCount() - 1);
    {
        const QSignalBlocker blocker(m_parameterBox);
        m_parameterBox->setCurrentIndex(static_cast<int>(m_parameter));
    }
    rebuildChainControls(m_chains->chainCount());
    m_userZoomed.fill(false);
    refresh();
}

void DiagnosticsFigure::setLiveChains(std::shared_ptr<const ChainSet> chains)
{
    const bool sameParameters = m_chains && chains &&
                                m_chains->parameterCount() == chains->parameterCount() &&
                                m_chains->chainCount() == chains->chainCount();
    if (!sameParameters) {
        setChains(std::move(chains), m_parameter);
        return;
    }
    m_chains = std::move(chains);
    if (m_workerBusy) {
        m_pendingLive = m_chains; // coalesce: only the newest snapshot is computed next
        return;
    }
    startLiveWorker(m_chains);
}

void DiagnosticsFigure::startLiveWorker(std::shared_ptr<const ChainSet> chains)
{
    if (m_worker.joinable())
        m_worker.join(); // the previous worker has posted its result and is returning
    m_workerBusy = true;
    const std::size_t parameter = m_parameter;
    const std::uint64_t generation = m_generation;
    m_worker = std::thread([this, chains = std::move(chains), parameter, generation] {
        // Live updates come while samplers fill every core: compute only on idle CPU time.
        useBackgroundPriority();
        std::shared_ptr<ParameterDiagnostics> result;
        try {
            result = std::make_shared<ParameterDiagnostics>(
                ParameterDiagnostics::compute(*chains, parameter));
        } catch (const std::exception&) {
            result.reset(); // a malformed snapshot: keep showing the last good figure
        }
        QMetaObject::invokeMethod(
            this, [this, result, generation] { finishLiveWorker(result, generation); },
            Qt::QueuedConnection);
    });
}

void DiagnosticsFigure::finishLiveWorker(std::shared_ptr<ParameterDiagnostics> result,
                                         std::uint64_t generation)
{
    m_workerBusy = false;
    if (result && generation == m_generation) {
        m_diagnostics = std::move(*result);
        redraw();
    }
    if (m_pendingLive) {
        std::shared_ptr<const ChainSet> next = std::move(m_pendingLive);
        m_pendingLive.reset();
        if (next == m_chains)
            startLiveWorker(std::move(next));
    }
}

void DiagnosticsFigure::showComputed(std::shared_ptr<const ChainSet> chains, std::size_t parameter,
                                     ParameterDiagnostics diagnostics)
{
    m_precomputed = std::move(diagnostics);
    if (chains != m_chains)
        setChains(std::move(chains), parameter);
    else
        setParameter(parameter);
    m_precomputed.reset(); // unused when the parameter was out of range
}

void DiagnosticsFigure::setParameter(std::size_t parameter)
{
    if (!m_chains || parameter >= m_chains->parameterCount())
        return;
    ++m_generation;
    m_parameter = parameter;
    if (m_parameterBox->currentIndex() != static_cast<int>(parameter)) {
        const QSignalBlocker blocker(m_parameterBox);
        m_parameterBox->setCurrentIndex(static_cast<int>(parameter));
    }
    m_userZoomed.fill(false);
    refresh();
}

void DiagnosticsFigure::rebuildChainControls(std::size_t chainCount)
{
    if (m_chainToggles.size() != chainCount) {
        for (QCheckBox* box : m_chainToggles)
            delete box;
        m_chainToggles.clear();
        m_chainVisible.assign(chainCount, true);
        for (std::size_t c = 0; c < chainCount; ++c) {
            auto* box = new QCheckBox(tr("chain %1").arg(c), this);
            box->setChecked(true);
            QPalette palette = box->palette();
            palette.setColor(QPalette::WindowText, chainColor(c));
            box->setPalette(palette);
            connect(box, &QCheckBox::toggled, this,
                    [this, c](bool checked) { setChainVisible(c, checked); });
            m_chainLayout->addWidget(box);
            m_chainToggles.push_back(box);
        }
    }
    rebuildChainGraphs(chainCount);
}

void DiagnosticsFigure::rebuildChainGraphs(std::size_t chainCount)
{
    if (m_traceGraphs.size() == chainCount)
        return;
    for (QCPGraph* graph : m_traceGraphs)
        m_plot->removeGraph(graph);
    for (QCPGraph* graph : m_densityGraphs)
        m_plot->removeGraph(graph);
    m_traceGraphs.clear();
    m_densityGraphs.clear();
    m_legend->clearItems();
    QCPAxisRect* trace = m_panels[index(Panel::Trace)];
    QCPAxisRect* density = m_panels[index(Panel::Density)];
    for (std::size_t c = 0; c < chainCount; ++c) {
        QColor color = chainColor(c);
        // Overlapping traces stay distinguishable when each is slightly transparent.
        color.setAlpha(chainCount > 1 ? 190 : 255);
        QCPGraph* traceGraph =
            m_plot->addGraph(trace->axis(QCPAxis::atBottom), trace->axis(QCPAxis::atLeft));
        traceGraph->setPen(QPen(color, 1.0));
        traceGraph->setName(tr("chain %1").arg(c));
        traceGraph->addToLegend(m_legend);
        m_traceGraphs.push_back(traceGraph);
        QCPGraph* densityGraph =
            m_plot->addGraph(density->axis(QCPAxis::atBottom), density->axis(QCPAxis::atLeft));
        densityGraph->setPen(QPen(chainColor(c), 1.5));
        densityGraph->setName(tr("chain %1").arg(c));
        m_densityGraphs.push_back(densityGraph);
    }
    m_legend->setVisible(chainCount > 0);
}

void DiagnosticsFigure::setChainVisible(std::size_t chain, bool visible)
{
    if (chain >= m_chainVisible.size())
        return;
    m_chainVisible[chain] = visible;
    if (chain < m_chainToggles.size() && m_chainToggles[chain]->isChecked() != visible) {
        const QSignalBlocker blocker(m_chainToggles[chain]);
        m_chainToggles[chain]->setChecked(visible);
    }
    applyChainVisibility();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool DiagnosticsFigure::isChainVisible(std::size_t chain) const
{
    return chain < m_chainVisible.size() && m_chainVisible[chain];
}

void DiagnosticsFigure::applyChainVisibility()
{
    for (std::size_t c = 0; c < m_traceGraphs.size(); ++c) {
        const bool visible = isChainVisible(c);
        m_traceGraphs[c]->setVisible(visible);
        m_densityGraphs[c]->setVisible(visible);
        // A hidden chain's legend entry is greyed, so the legend still explains the colours.
        if (QCPAbstractLegendItem* item = m_legend->itemWithPlottable(m_traceGraphs[c]))
            item->setTextColor(visible ? QColor(Qt::black) : QColor(160, 160, 160));
    }
}

void DiagnosticsFigure::clearFigure()
{
    m_diagnostics = ParameterDiagnostics{};
    m_summaryText = tr("No chains to show");
    m_summary->setText(m_summaryText);
    rebuildChainControls(0);
    m_acfBars->data()->clear();
    m_pacfBars->data()->clear();
    for (QCPItemStraightLine* line : m_bandLines)
        line->setVisible(false);
    m_mcseGraph->data()->clear();
    m_bgrBetween->data()->clear();
    m_bgrWithin->data()->clear();
    m_bgrRatio->data()->clear();
    m_bgrOne->setVisible(false);
    for (std::size_t p = 0; p < panelCount; ++p)
        setPanelMessage(static_cast<Panel>(p), "no chains");
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void DiagnosticsFigure::refresh()
{
    if (!m_chains || m_parameter >= m_chains->parameterCount()) {
        clearFigure();
        return;
    }
    if (m_precomputed) {
        m_diagnostics = std::move(*m_precomputed);
        m_precomputed.reset();
    } else {
        m_diagnostics = ParameterDiagnostics::compute(*m_chains, m_parameter);
    }
    redraw();
}

void DiagnosticsFigure::redraw()
{
    rebuildChainGraphs(m_diagnostics.chains.size());

    const ChainTableRow& row = m_diagnostics.summary;
    const ParameterInfo& info = m_diagnostics.parameter;
    QString text = QString::fromStdString(info.name);
    if (!info.term.empty() && info.term != info.name)
        text += tr(" (%1)").arg(QString::fromStdString(info.term));
    text += tr("   mean %1   sd %2   95% interval [%3, %4]   ESS %5   R-hat %6")
                .arg(figure(row.mean), figure(row.sd), figure(row.lower95), figure(row.upper95),
                     figure(std::round(row.ess), 6), figure(row.rhat));
    if (!row.note.empty())
        text += QStringLiteral("   (%1)").arg(QString::fromStdString(row.note));
    m_summaryText = text;
    m_summary->setText(text);

    drawTrace();
    drawDensity();
    drawAutocorrelation();
    drawMcse();
    drawBgr();
    applyChainVisibility();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void DiagnosticsFigure::setPanelMessage(Panel panel, const std::string& reason)
{
    QCPItemText* message = m_messages[index(panel)];
    message->setText(QString::fromStdString(reason));
    message->setVisible(!reason.empty());
}

void DiagnosticsFigure::drawTrace()
{
    const ParameterDiagnostics& d = m_diagnostics;
    double xMin = INFINITY, xMax = -INFINITY, yMin = INFINITY, yMax = -INFINITY;
    for (std::size_t c = 0; c < d.chains.size(); ++c) {
        m_traceGraphs[c]->setData(toQVector(d.traceX[c]), toQVector(d.chains[c]), true);
        // A line needs two points: the first draws of a live run are shown as dots.
        m_traceGraphs[c]->setScatterStyle(d.chains[c].size() < 50
                                              ? QCPScatterStyle(QCPScatterStyle::ssDisc, 5)
                                              : QCPScatterStyle(QCPScatterStyle::ssNone));
        if (!d.traceX[c].empty()) {
            xMin = std::min(xMin, d.traceX[c].front());
            xMax = std::max(xMax, d.traceX[c].back());
        }
        for (double y : d.chains[c])
            if (std::isfinite(y)) {
                yMin = std::min(yMin, y);
                yMax = std::max(yMax, y);
            }
    }
    setPanelMessage(Panel::Trace, d.traceEmptyReason);
    if (!m_userZoomed[index(Panel::Trace)]) {
        QCPAxisRect* rect = m_panels[index(Panel::Trace)];
        rect->axis(QCPAxis::atBottom)->setRange(padded(xMin, xMax, 0.0));
        rect->axis(QCPAxis::atLeft)->setRange(padded(yMin, yMax));
    }
}

void DiagnosticsFigure::drawDensity()
{
    const KernelDensityResult& kde = m_diagnostics.density;
    const QVector<double> grid = toQVector(kde.grid);
    double yMax = 0.0;
    for (std::size_t c = 0; c < m_densityGraphs.size(); ++c) {
        if (c < kde.densities.size() && !kde.densities[c].empty()) {
            m_densityGraphs[c]->setData(grid, toQVector(kde.densities[c]), true);
            for (double y : kde.densities[c])
                if (std::isfinite(y))
                    yMax = std::max(yMax, y);
        } else {
            m_densityGraphs[c]->data()->clear();
        }
    }
    setPanelMessage(Panel::Density, kde.emptyReason);
    if (!m_userZoomed[index(Panel::Density)]) {
        QCPAxisRect* rect = m_panels[index(Panel::Density)];
        if (!kde.grid.empty())
            rect->axis(QCPAxis::atBottom)->setRange(kde.grid.front(), kde.grid.back());
        else // no density: still show this parameter's values, not the previous one's
            rect->axis(QCPAxis::atBottom)
                ->setRange(m_panels[index(Panel::Trace)]->axis(QCPAxis::atLeft)->range());
        rect->axis(QCPAxis::atLeft)->setRange(0.0, yMax > 0.0 ? yMax * 1.08 : 1.0);
    }
}

void DiagnosticsFigure::drawAutocorrelation()
{
    const AutocorrelationResult& result = m_diagnostics.autocorrelation;
    const bool empty = !result.emptyReason.empty() || result.acf.empty();
    // ACF from lag 0 (which is 1 by definition, a visual scale); PACF from lag 1, as R draws
    // them, since the PACF's lag 0 is only a convention.
    QVector<double> lags, acf, pacfLags, pacf;
    for (std::size_t k = 0; k < result.acf.size(); ++k) {
        lags.push_back(static_cast<double>(k));
        acf.push_back(result.acf[k]);
    }
    for (std::size_t k = 1; k < result.pacf.size(); ++k) {
        pacfLags.push_back(static_cast<double>(k));
        pacf.push_back(result.pacf[k]);
    }
    m_acfBars->setData(lags, acf, true);
    m_pacfBars->setData(pacfLags, pacf, true);
    const double band = result.significanceBand;
    const std::array<double, 4> levels = {band, -band, band, -band};
    for (std::size_t b = 0; b < m_bandLines.size(); ++b) {
        m_bandLines[b]->point1->setCoords(0.0, levels[b]);
        m_bandLines[b]->point2->setCoords(1.0, levels[b]);
        m_bandLines[b]->setVisible(!empty && std::isfinite(band));
    }
    setPanelMessage(Panel::Acf, result.emptyReason);
    setPanelMessage(Panel::Pacf, result.emptyReason);
    const double maxLag = result.acf.empty() ? 40.0 : static_cast<double>(result.acf.size() - 1);
    auto rangeOf = [&](Panel panel, const QVector<double>& values) {
        if (m_userZoomed[index(panel)])
            return;
        double low = std::isfinite(band) ? -band : 0.0;
        double high = std::isfinite(band) ? band : 0.0;
        for (double v : values)
            if (std::isfinite(v)) {
                low = std::min(low, v);
                high = std::max(high, v);
            }
        QCPAxisRect* rect = m_panels[index(panel)];
        rect->axis(QCPAxis::atBottom)->setRange(-0.8, maxLag + 0.8);
        rect->axis(QCPAxis::atLeft)->setRange(padded(std::min(low, -0.1), std::max(high, 0.1)));
    };
    rangeOf(Panel::Acf, acf);
    rangeOf(Panel::Pacf, pacf);
}

void DiagnosticsFigure::drawMcse()
{
    const McseCurve& curve = m_diagnostics.mcse;
    m_mcseGraph->setData(toQVector(curve.iterations), toQVector(curve.mcse), true);
    setPanelMessage(Panel::Mcse, curve.emptyReason);
    if (m_userZoomed[index(Panel::Mcse)])
        return;
    if (curve.iterations.empty()) {
        m_panels[index(Panel::Mcse)]
            ->axis(QCPAxis::atBottom)
            ->setRange(m_panels[index(Panel::Trace)]->axis(QCPAxis::atBottom)->range());
        return;
    }
    double high = 0.0;
    for (double v : curve.mcse)
        if (std::isfinite(v))
            high = std::max(high, v);
    QCPAxisRect* rect = m_panels[index(Panel::Mcse)];
    rect->axis(QCPAxis::atBottom)
        ->setRange(padded(curve.iterations.front(), curve.iterations.back(), 0.02));
    rect->axis(QCPAxis::atLeft)->setRange(0.0, high > 0.0 ? high * 1.08 : 1.0);
}

void DiagnosticsFigure::drawBgr()
{
    const BrooksGelmanRubinResult& bgr = m_diagnostics.bgr;
    const QVector<double> t = toQVector(bgr.iterations);
    m_bgrBetween->setData(t, toQVector(bgr.betweenScaled), true);
    m_bgrWithin->setData(t, toQVector(bgr.withinScaled), true);
    m_bgrRatio->setData(t, toQVector(bgr.ratio), true);
    const bool empty = !bgr.emptyReason.empty() || bgr.iterations.empty();
    m_bgrOne->setVisible(!empty);
    setPanelMessage(Panel::Bgr, bgr.emptyReason);
    if (m_userZoomed[index(Panel::Bgr)])
        return;
    QCPAxisRect* rect = m_panels[index(Panel::Bgr)];
    if (empty) {
        // An empty panel still shows this parameter's iterations, not the previous one's.
        rect->axis(QCPAxis::atBottom)
            ->setRange(m_panels[index(Panel::Trace)]->axis(QCPAxis::atBottom)->range());
        rect->axis(QCPAxis::atLeft)->setRange(0.0, 1.2);
        return;
    }
    double high = 1.0;
    for (const auto* series : {&bgr.betweenScaled, &bgr.withinScaled, &bgr.ratio})
        for (double v : *series)
            if (std::isfinite(v))
                high = std::max(high, v);
    rect->axis(QCPAxis::atBottom)
        ->setRange(padded(bgr.iterations.front(), bgr.iterations.back(), 0.02));
    rect->axis(QCPAxis::atLeft)->setRange(0.0, high * 1.08);
}

QString DiagnosticsFigure::panelMessage(Panel panel) const
{
    const QCPItemText* message = m_messages[index(panel)];
    return message->visible() ? message->text() : QString();
}

QString DiagnosticsFigure::panelTitle(Panel panel) const
{
    return m_titles[index(panel)]->text();
}

QCPAxisRect* DiagnosticsFigure::panelRect(Panel panel) const
{
    return m_panels[index(panel)];
}

QCheckBox* DiagnosticsFigure::chainToggle(std::size_t chain) const
{
    return chain < m_chainToggles.size() ? m_chainToggles[chain] : nullptr;
}

void DiagnosticsFigure::showValueAt(const QPointF& position)
{
    for (std::size_t p = 0; p < panelCount; ++p) {
        QCPAxisRect* rect = m_panels[p];
        if (!rect->rect().contains(position.toPoint()))
            continue;
        const double x = rect->axis(QCPAxis::atBottom)->pixelToCoord(position.x());
        const double y = rect->axis(QCPAxis::atLeft)->pixelToCoord(position.y());
        const auto panel = static_cast<Panel>(p);
        QString xText;
        if (panel == Panel::Acf || panel == Panel::Pacf)
            xText = tr("lag %1").arg(std::max(0L, std::lround(x)));
        else if (panel == Panel::Density)
            xText = tr("x = %1").arg(figure(x, 5));
        else
            xText = tr("iteration %1").arg(std::lround(x));
        m_readout->setText(
            tr("%1: %2, y = %3")
                .arg(m_titles[p]->text().section(QLatin1Char(':'), 0, 0), xText, figure(y, 5)));
        return;
    }
    m_readout->clear();
}

bool DiagnosticsFigure::saveSvg(const QString& path, int width, int height)
{
    return savePlotSvg(*m_plot, path, width, height, m_summaryText, tr("Grove MCMC diagnostics"));
}

bool DiagnosticsFigure::savePng(const QString& path, int width, int height)
{
    return savePlotPng(*m_plot, path, width, height);
}

} // namespace grove
