// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ImputedVsObservedFigure.h"

#include "core/common/Error.h"
#include "ui/plots/DiagnosticSvgs.h"
#include "ui/plots/PlotExport.h"
#include "ui/plots/QCustomPlotInclude.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace grove {

namespace {

// mice's colours: observed blue, imputed red.
const QColor observedColor(31, 100, 180);
const QColor imputedColor(200, 30, 40);

QVector<double> toQVector(const std::vector<double>& values)
{
    return QVector<double>(values.begin(), values.end());
}

QFont sized(const QFont& base, double points, bool bold = false)
{
    QFont font(base);
    font.setPointSizeF(points);
    font.setBold(bold);
    return font;
}

// Deterministic jitter in [-0.5, 0.5): the strip plot looks the same every time.
double jitter(std::size_t i)
{
    const double golden = 0.6180339887498949;
    return std::fmod(static_cast<double>(i) * golden, 1.0) - 0.5;
}

} // namespace

ImputedVsObservedFigure::ImputedVsObservedFigure(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Variable:"), this));
    m_picker = new QComboBox(this);
    m_picker->setObjectName(QStringLiteral("imputedVariablePicker"));
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    controls->addWidget(m_picker);
    controls->addStretch(1);
    layout->addLayout(controls);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(600, 400);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setAutoAddPlottableToLegend(false);
    layout->addWidget(m_plot, 1);
    connect(m_picker, &QComboBox::currentIndexChanged, this, [this](int row) {
        if (row >= 0 && static_cast<std::size_t>(row) != m_variable)
            setVariable(static_cast<std::size_t>(row));
    });
    redraw();
}

void ImputedVsObservedFigure::setComparison(std::shared_ptr<const ImputedVsObserved> comparison,
                                            std::size_t variable)
{
    m_comparison = std::move(comparison);
    const QSignalBlocker blocker(m_picker);
    m_picker->clear();
    if (m_comparison)
        for (const ImputedVariableComparison& v : m_comparison->variables)
            m_picker->addItem(QString::fromStdString(v.variable.name));
    const std::size_t count = m_comparison ? m_comparison->variables.size() : 0;
    m_variable = count == 0 ? 0 : std::min(variable, count - 1);
    if (count > 0)
        m_picker->setCurrentIndex(static_cast<int>(m_variable));
    redraw();
}

void ImputedVsObservedFigure::setVariable(std::size_t variable)
{
    setComparison(m_comparison, variable);
}

int ImputedVsObservedFigure::panelCount() const
{
    return m_plot->axisRectCount();
}

void ImputedVsObservedFigure::redraw()
{
    m_plot->clearItems();
    m_plot->clearPlottables();
    m_plot->plotLayout()->clear();
    m_title.clear();
    if (!m_comparison || m_comparison->variables.empty()) {
        m_plot->plotLayout()->addElement(
            0, 0, new QCPTextElement(m_plot, tr("No imputed variables"), sized(font(), 10)));
        m_plot->replot();
        return;
    }
    const ImputedVariableComparison& v = m_comparison->variables[m_variable];
    std::size_t missing = 0;
    if (!v.imputed.empty())
        missing = v.imputed.front().size();
    m_title =
        tr("%1 (%2, level %3): %4 observed, %5 imputed in each of %6 datasets%7")
            .arg(QString::fromStdString(v.variable.name))
            .arg(v.variable.categorical ? tr("categorical") : tr("continuous"))
            .arg(v.variable.unitLevel ? 2 : 1)
            .arg(v.observed.size())
            .arg(missing)
            .arg(v.imputed.size())
            .arg(v.variable.unitLevel
                     ? tr(", one row per %1").arg(QString::fromStdString(v.variable.unitVariable))
                     : QString());
    auto* title = new QCPTextElement(m_plot, m_title, sized(font(), 10.5, true));
    m_plot->plotLayout()->addElement(0, 0, title);
    auto* panels = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, panels);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    auto* legend = new QCPTextElement(
        m_plot, tr("blue: observed   red: imputed (one per completed dataset)"), sized(font(), 9));
    legend->setTextColor(QColor(60, 60, 60));
    m_plot->plotLayout()->addElement(2, 0, legend);
    m_plot->plotLayout()->setRowStretchFactor(2, 0.001);
    // One cell per panel: its title above its axis rect.
    auto place = [&](int row, int column, const QString& name) {
        auto* cell = new QCPLayoutGrid;
        panels->addElement(row, column, cell);
        cell->addElement(0, 0, new QCPTextElement(m_plot, name, sized(font(), 9.5, true)));
        auto* rect = new QCPAxisRect(m_plot);
        cell->addElement(1, 0, rect);
        cell->setRowStretchFactor(0, 0.001);
        cell->setRowSpacing(0);
        for (QCPAxis* axis : rect->axes()) {
            axis->setTickLabelFont(sized(font(), 8));
            axis->setLabelFont(sized(font(), 8.5));
        }
        return rect;
    };
    if (v.variable.categorical) {
        drawProportions(v, place(0, 0, tr("Category proportions: observed and per imputation")));
    } else {
        drawDensities(v, place(0, 0, tr("Density: observed and each imputation")));
        drawStrips(v, place(0, 1, tr("Values by imputation (0 = observed)")));
        if (!v.units.empty())
            drawUnits(v, place(1, 0,
                               tr("Per %1: observed mean against mean imputed (red: far outside "
                                  "the observed range)")
                                   .arg(QString::fromStdString(v.variable.unitVariable))));
    }
    m_plot->replot();
}

void ImputedVsObservedFigure::drawDensities(const ImputedVariableComparison& v, QCPAxisRect* rect)
{
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    x->setLabel(QString::fromStdString(v.variable.name));
    y->setLabel(tr("density"));
    double top = 0.0;
    for (const std::vector<double>& density : v.imputedDensity) {
        if (density.empty())
            continue;
        QCPGraph* graph = m_plot->addGraph(x, y);
        QColor color = imputedColor;
        color.setAlpha(170);
        graph->setPen(QPen(color, 1.2));
        graph->setData(toQVector(v.grid), toQVector(density), true);
        top = std::max(top, *std::max_element(density.begin(), density.end()));
    }
    if (!v.observedDensity.empty()) {
        QCPGraph* graph = m_plot->addGraph(x, y);
        graph->setPen(QPen(observedColor, 2.4));
        graph->setData(toQVector(v.grid), toQVector(v.observedDensity), true);
        top = std::max(top, *std::max_element(v.observedDensity.begin(), v.observedDensity.end()));
    }
    if (!v.grid.empty())
        x->setRange(v.grid.front(), v.grid.back());
    y->setRange(0.0, top > 0.0 ? top * 1.05 : 1.0);
}

void ImputedVsObservedFigure::drawStrips(const ImputedVariableComparison& v, QCPAxisRect* rect)
{
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    x->setLabel(tr("imputation"));
    y->setLabel(QString::fromStdString(v.variable.name));
    double low = INFINITY;
    double high = -INFINITY;
    const auto strip = [&](const std::vector<double>& values, double at, const QColor& color) {
        QVector<double> keys;
        QVector<double> points;
        for (std::size_t i = 0; i < values.size(); ++i) {
            keys << at + 0.5 * jitter(i);
            points << values[i];
            low = std::min(low, values[i]);
            high = std::max(high, values[i]);
        }
        QCPGraph* graph = m_plot->addGraph(x, y);
        graph->setLineStyle(QCPGraph::lsNone);
        QColor fill = color;
        fill.setAlpha(110);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, fill, 3.5));
        graph->setData(keys, points);
    };
    strip(v.observed, 0.0, observedColor);
    for (std::size_t m = 0; m < v.imputed.size(); ++m)
        strip(v.imputed[m], static_cast<double>(m + 1), imputedColor);
    x->setRange(-0.6, static_cast<double>(v.imputed.size()) + 0.6);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    x->setTicker(ticker);
    if (std::isfinite(low) && std::isfinite(high)) {
        const double pad = high > low ? 0.05 * (high - low) : 0.5;
        y->setRange(low - pad, high + pad);
    }
}

void ImputedVsObservedFigure::drawProportions(const ImputedVariableComparison& v, QCPAxisRect* rect)
{
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    x->setLabel(tr("category of %1").arg(QString::fromStdString(v.variable.name)));
    y->setLabel(tr("proportion"));
    const std::size_t sources = v.imputed.size() + 1;
    const double width = 0.8 / static_cast<double>(sources);
    QVector<double> ticks;
    QVector<QString> labels;
    for (std::size_t s = 0; s < sources; ++s) {
        auto* bars = new QCPBars(x, y);
        bars->setWidth(width * 0.9);
        const QColor color = s == 0 ? observedColor : imputedColor;
        QColor fill = color;
        fill.setAlpha(s == 0 ? 220 : 120);
        bars->setBrush(fill);
        bars->setPen(QPen(color));
        QVector<double> keys;
        QVector<double> values;
        for (std::size_t k = 0; k < v.categories.size(); ++k) {
            keys << static_cast<double>(k) - 0.4 + (static_cast<double>(s) + 0.5) * width;
            values << (s == 0 ? v.observedShare[k] : v.imputedShare[s - 1][k]);
        }
        bars->setData(keys, values, true);
    }
    for (std::size_t k = 0; k < v.categories.size(); ++k) {
        ticks << static_cast<double>(k);
        labels << QString::number(v.categories[k]);
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->setTicks(ticks, labels);
    x->setTicker(ticker);
    x->setRange(-0.6, static_cast<double>(v.categories.size()) - 0.4);
    y->setRange(0.0, 1.0);
}

void ImputedVsObservedFigure::drawUnits(const ImputedVariableComparison& v, QCPAxisRect* rect)
{
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    x->setLabel(tr("observed mean in the unit"));
    y->setLabel(tr("mean of the imputed values"));
    QVector<double> keys[2];
    QVector<double> values[2];
    double low = INFINITY;
    double high = -INFINITY;
    for (const UnitImputedVsObserved& unit : v.units) {
        if (!std::isfinite(unit.observedMean) || !std::isfinite(unit.imputedMean))
            continue;
        const int group = unit.flagged ? 1 : 0;
        keys[group] << unit.observedMean;
        values[group] << unit.imputedMean;
        low = std::min({low, unit.observedMean, unit.imputedMean});
        high = std::max({high, unit.observedMean, unit.imputedMean});
    }
    for (int group = 0; group < 2; ++group) {
        QCPGraph* graph = m_plot->addGraph(x, y);
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc,
                                               group == 1 ? imputedColor : QColor(90, 90, 90),
                                               group == 1 ? 7.0 : 5.0));
        graph->setData(keys[group], values[group]);
    }
    auto* diagonal = new QCPItemStraightLine(m_plot);
    diagonal->setClipAxisRect(rect);
    diagonal->point1->setAxes(x, y);
    diagonal->point2->setAxes(x, y);
    diagonal->point1->setCoords(0.0, 0.0);
    diagonal->point2->setCoords(1.0, 1.0);
    diagonal->setPen(QPen(QColor(150, 150, 150), 1.0, Qt::DashLine));
    if (std::isfinite(low) && std::isfinite(high)) {
        const double pad = high > low ? 0.05 * (high - low) : 0.5;
        x->setRange(low - pad, high + pad);
        y->setRange(low - pad, high + pad);
    }
}

bool ImputedVsObservedFigure::saveSvg(const QString& path, int width, int height)
{
    return savePlotSvg(*m_plot, path, width, height, m_title, tr("Grove imputed vs observed"));
}

bool ImputedVsObservedFigure::savePng(const QString& path, int width, int height)
{
    return savePlotPng(*m_plot, path, width, height);
}

void writeImputedVsObservedSvg(const std::shared_ptr<const ImputedVsObserved>& comparison,
                               const std::string& outputName, std::size_t variable,
                               const std::string& folder)
{
    if (!comparison || variable >= comparison->variables.size())
        return;
    ImputedVsObservedFigure figure;
    figure.resize(1200, 800);
    figure.setComparison(comparison, variable);
    const std::filesystem::path path =
        std::filesystem::path(folder) /
        diagnosticSvgFileName(outputName, comparison->variables[variable].variable.name);
    if (!figure.saveSvg(QString::fromStdString(path.string()), 1200, 800))
        throw Error("cannot write the figure " + path.string());
}

} // namespace grove
