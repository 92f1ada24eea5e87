// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/ImputedVsObserved.h"

#include <QString>
#include <QWidget>

#include <cstddef>
#include <memory>

class QComboBox;
class QCustomPlot;
class QCPAxisRect;

namespace grove {

/// Imputed against observed values of one imputed variable (van Buuren 2018, 6.6; mice's
/// densityplot and stripplot): a continuous variable as the observed density (blue) with one
/// density per completed dataset (red) and a strip plot of the values by imputation (0 =
/// observed); a categorical one as category proportions, observed and per imputation. A
/// level-1 variable with units adds their observed mean against the mean of the values imputed
/// in them, units far outside their observed range in red. A picker above chooses the variable.
class ImputedVsObservedFigure : public QWidget {
    Q_OBJECT

public:
    explicit ImputedVsObservedFigure(QWidget* parent = nullptr);

    /// Shows variable `variable` (clamped) of `comparison`; null clears the figure.
    void setComparison(std::shared_ptr<const ImputedVsObserved> comparison,
                       std::size_t variable = 0);
    void setVariable(std::size_t variable);
    std::size_t variable() const { return m_variable; }

    /// Writes the figure as SVG / PNG, atomically; false (and no file) on failure.
    bool saveSvg(const QString& path, int width = 1200, int height = 800);
    bool savePng(const QString& path, int width = 1200, int height = 800);

    /// The title line above the panels (variable, level, observed and missing counts).
    QString titleText() const { return m_title; }
    /// Panels drawn for the current variable (2 or 3 for continuous, 1 for categorical).
    int panelCount() const;
    QCustomPlot* plot() const { return m_plot; }
    QComboBox* variablePicker() const { return m_picker; }

private:
    void redraw();
    void drawDensities(const ImputedVariableComparison& v, QCPAxisRect* rect);
    void drawStrips(const ImputedVariableComparison& v, QCPAxisRect* rect);
    void drawProportions(const ImputedVariableComparison& v, QCPAxisRect* rect);
    void drawUnits(const ImputedVariableComparison& v, QCPAxisRect* rect);

    std::shared_ptr<const ImputedVsObserved> m_comparison;
    std::size_t m_variable = 0;
    QString m_title;
    QComboBox* m_picker = nullptr;
    QCustomPlot* m_plot = nullptr;
};

/// Writes the figure of variable `variable` of `comparison` into `folder` as
/// `<outputName>_<variable name>.svg` (diagnosticSvgFileName), 1200 x 800. Needs a
/// QApplication. @throws grove::Error naming a file that could not be written.
void writeImputedVsObservedSvg(const std::shared_ptr<const ImputedVsObserved>& comparison,
                               const std::string& outputName, std::size_t variable,
                               const std::string& folder);

} // namespace grove
