// SPDX-License-Identifier: GPL-3.0-or-later
#include "Ar1Chains.h"

#include "ui/plots/ChainColors.h"
#include "ui/plots/DiagnosticsFigure.h"
#include "ui/plots/QCustomPlotInclude.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QThread>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

namespace grove {
namespace {

using Panel = DiagnosticsFigure::Panel;

int plottableCount(const DiagnosticsFigure& figure, Panel panel)
{
    return static_cast<int>(figure.panelRect(panel)->plottables().size());
}

QCPGraph* traceGraph(const DiagnosticsFigure& figure, int chain)
{
    return qobject_cast<QCPGraph*>(figure.panelRect(Panel::Trace)->plottables().at(chain));
}

QCPGraph* densityGraph(const DiagnosticsFigure& figure, int chain)
{
    return qobject_cast<QCPGraph*>(figure.panelRect(Panel::Density)->plottables().at(chain));
}

TEST(DiagnosticsFigure, ThreeChainsFillAllSixPanels)
{
    DiagnosticsFigure figure;
    figure.setChains(test::ar1ChainSet(3, 2000), 0);

    EXPECT_EQ(plottableCount(figure, Panel::Trace), 3);   // one per chain
    EXPECT_EQ(plottableCount(figure, Panel::Density), 3); // one per chain
    EXPECT_EQ(plottableCount(figure, Panel::Acf), 1);     // bars of the joined chains
    EXPECT_EQ(plottableCount(figure, Panel::Pacf), 1);
    EXPECT_EQ(plottableCount(figure, Panel::Mcse), 1);
    EXPECT_EQ(plottableCount(figure, Panel::Bgr), 3); // between, within, ratio
    for (std::size_t p = 0; p < DiagnosticsFigure::panelCount; ++p) {
        const auto panel = static_cast<Panel>(p);
        EXPECT_TRUE(figure.panelMessage(panel).isEmpty())
            << figure.panelMessage(panel).toStdString();
        EXPECT_FALSE(figure.panelTitle(panel).isEmpty());
        for (QCPAbstractPlottable* plottable : figure.panelRect(panel)->plottables()) {
            EXPECT_GT(plottable->interface1D()->dataCount(), 0) << "panel " << p;
        }
        EXPECT_FALSE(figure.panelRect(panel)->axis(QCPAxis::atBottom)->label().isEmpty());
        EXPECT_FALSE(figure.panelRect(panel)->axis(QCPAxis::atLeft)->label().isEmpty());
    }
    // The trace is drawn against the stored iteration numbers, not 0..n-1.
    const QCPGraph* trace = traceGraph(figure, 0);
    EXPECT_DOUBLE_EQ(trace->data()->constBegin()->key, 501.0);
    EXPECT_EQ(trace->dataCount(), 2000);
    EXPECT_EQ(trace->name(), QStringLiteral("chain 0"));
    // The ACF has lags 0..40, the PACF lags 1..40.
    EXPECT_EQ(plottableCount(figure, Panel::Acf), 1);
    EXPECT_EQ(figure.panelRect(Panel::Acf)->plottables().at(0)->interface1D()->dataCount(), 41);
    EXPECT_EQ(figure.panelRect(Panel::Pacf)->plottables().at(0)->interface1D()->dataCount(), 40);
    EXPECT_EQ(figure.parameterPicker()->count(), 3);
}

TEST(DiagnosticsFigure, SummaryLineNamesTheParameterAndItsFigures)
{
    DiagnosticsFigure figure;
    figure.setChains(test::ar1ChainSet(3, 1000), 1);
    const QString summary = figure.summaryText();
    EXPECT_TRUE(summary.startsWith(QStringLiteral("beta_1 (x)"))) << summary.toStdString();
    for (const char* part : {"mean", "sd", "95% interval", "ESS", "R-hat"})
        EXPECT_TRUE(summary.contains(QLatin1String(part))) << part;
}

TEST(DiagnosticsFigure, UncheckingAChainHidesItsTraceAndDensity)
{
    DiagnosticsFigure figure;
    figure.setChains(test::ar1ChainSet(3, 500), 0);
    ASSERT_NE(figure.chainToggle(1), nullptr);
    EXPECT_EQ(figure.chainToggle(3), nullptr);

    figure.chainToggle(1)->setChecked(false);
    EXPECT_FALSE(figure.isChainVisible(1));
    EXPECT_FALSE(traceGraph(figure, 1)->visible());
    EXPECT_FALSE(densityGraph(figure, 1)->visible());
    EXPECT_TRUE(traceGraph(figure, 0)->visible());
    EXPECT_TRUE(traceGraph(figure, 2)->visible());

    // Hidden chains stay hidden when the parameter changes, and come back when re-checked.
    figure.setParameter(2);
    EXPECT_FALSE(traceGraph(figure, 1)->visible());
    figure.setChainVisible(1, true);
    EXPECT_TRUE(figure.chainToggle(1)->isChecked());
    EXPECT_TRUE(traceGraph(figure, 1)->visible());
    EXPECT_TRUE(densityGraph(figure, 1)->visible());
}

TEST(DiagnosticsFigure, PickingAnotherParameterChangesTheSummaryLine)
{
    DiagnosticsFigure figure;
    figure.setChains(test::ar1ChainSet(3, 500), 0);
    const QString before = figure.summaryText();
    const double firstDraw = traceGraph(figure, 0)->data()->constBegin()->value;

    figure.parameterPicker()->setCurrentIndex(2);
    EXPECT_EQ(figure.parameter(), 2u);
    EXPECT_NE(figure.summaryText(), before);
    EXPECT_TRUE(figure.summaryText().startsWith(QStringLiteral("sigma2")));
    EXPECT_NE(traceGraph(figure, 0)->data()->constBegin()->value, firstDraw);
}

TEST(DiagnosticsFigure, SvgExportIsWellFormedWithAPathPerChain)
{
    DiagnosticsFigure figure;
    figure.setChains(test::ar1ChainSet(3, 300), 0);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("figure.svg"));
    ASSERT_TRUE(figure.saveSvg(path, 1200, 900));

    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    QXmlStreamReader xml(svg);
    bool sawSvgRoot = false;
    int shapes = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            if (xml.name() == QLatin1String("svg"))
                sawSvgRoot = true;
            if (xml.name() == QLatin1String("polyline") || xml.name() == QLatin1String("path"))
                ++shapes;
        }
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_TRUE(sawSvgRoot);
    EXPECT_GT(shapes, 6);
    // Every chain's curves are stroked in the chain's colour.
    for (std::size_t c = 0; c < 3; ++c)
        EXPECT_TRUE(svg.contains(chainColor(c).name().toLatin1())) << "chain " << c;
    EXPECT_TRUE(svg.contains("beta_0"));
}

TEST(DiagnosticsFigure, PngExportWritesAnImage)
{
    DiagnosticsFigure figure;
    figure.setChains(test::ar1ChainSet(2, 300), 0);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("figure.png"));
    ASSERT_TRUE(figure.savePng(path, 800, 600));
    const QImage image(path);
    EXPECT_EQ(image.width(), 800);
    EXPECT_EQ(image.height(), 600);
    EXPECT_FALSE(figure.saveSvg(dir.filePath(QStringLiteral("missing/figure.svg")), 800, 600));
}

TEST(DiagnosticsFigure, OneChainShowsWhyThereIsNoBgrPlot)
{
    DiagnosticsFigure figure;
    figure.setChains(test::ar1ChainSet(1, 500), 0);
    EXPECT_TRUE(figure.panelMessage(Panel::Bgr).contains(QStringLiteral("2 chains")))
        << figure.panelMessage(Panel::Bgr).toStdString();
    EXPECT_TRUE(figure.panelMessage(Panel::Trace).isEmpty());
    EXPECT_EQ(plottableCount(figure, Panel::Trace), 1);
    QTemporaryDir dir;
    EXPECT_TRUE(figure.saveSvg(dir.filePath(QStringLiteral("one.svg")), 1200, 900));
}

TEST(DiagnosticsFigure, ConstantChainsDrawWithoutCrashing)
{
    auto chains = test::ar1ChainSet(3, 200);
    for (auto& chain : chains->draws)
        chain[0].assign(200, 0.25);
    DiagnosticsFigure figure;
    figure.setChains(chains, 0);
    EXPECT_FALSE(figure.panelMessage(Panel::Density).isEmpty());
    EXPECT_FALSE(figure.panelMessage(Panel::Acf).isEmpty());
    EXPECT_FALSE(figure.panelMessage(Panel::Bgr).isEmpty());
    QTemporaryDir dir;
    EXPECT_TRUE(figure.saveSvg(dir.filePath(QStringLiteral("constant.svg")), 1200, 900));
    EXPECT_TRUE(figure.savePng(dir.filePath(QStringLiteral("constant.png")), 600, 450));
}

TEST(DiagnosticsFigure, LengthOneAndEmptyChainsDrawWithoutCrashing)
{
    DiagnosticsFigure figure;
    figure.setChains(test::ar1ChainSet(3, 1), 0);
    EXPECT_FALSE(figure.panelMessage(Panel::Bgr).isEmpty());
    QTemporaryDir dir;
    EXPECT_TRUE(figure.saveSvg(dir.filePath(QStringLiteral("one-draw.svg")), 1200, 900));

    figure.setChains(test::ar1ChainSet(3, 0), 0);
    EXPECT_FALSE(figure.panelMessage(Panel::Trace).isEmpty());
    EXPECT_TRUE(figure.saveSvg(dir.filePath(QStringLiteral("no-draws.svg")), 1200, 900));

    figure.setChains(nullptr, 0);
    EXPECT_EQ(figure.parameterPicker()->count(), 0);
    EXPECT_EQ(plottableCount(figure, Panel::Trace), 0);
    EXPECT_TRUE(figure.saveSvg(dir.filePath(QStringLiteral("nothing.svg")), 1200, 900));
}

// Live updates are computed on a worker thread and applied from the event loop.
bool waitForLiveUpdate(const DiagnosticsFigure& figure)
{
    QElapsedTimer timer;
    timer.start();
    while (figure.isUpdating() && timer.elapsed() < 30000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(1);
    }
    return !figure.isUpdating();
}

TEST(DiagnosticsFigure, LiveUpdateRedrawsTheCurrentParameterWithMoreDraws)
{
    DiagnosticsFigure figure;
    figure.setChains(test::ar1ChainSet(3, 100), 1);
    figure.chainToggle(2)->setChecked(false);
    figure.setLiveChains(test::ar1ChainSet(3, 300));
    figure.setLiveChains(test::ar1ChainSet(3, 400)); // coalesced behind the first
    ASSERT_TRUE(waitForLiveUpdate(figure));
    EXPECT_EQ(figure.parameter(), 1u);
    EXPECT_EQ(traceGraph(figure, 0)->dataCount(), 400);
    EXPECT_FALSE(traceGraph(figure, 2)->visible()); // toggles survive live updates
    EXPECT_TRUE(figure.summaryText().startsWith(QStringLiteral("beta_1")));

    // A chain set with a different number of chains rebuilds the toggles and graphs.
    figure.setLiveChains(test::ar1ChainSet(2, 400));
    EXPECT_EQ(plottableCount(figure, Panel::Trace), 2);
    EXPECT_EQ(figure.chainToggle(2), nullptr);
}

TEST(DiagnosticsFigure, ALiveResultForAnEarlierViewIsDropped)
{
    DiagnosticsFigure figure;
    figure.setChains(test::ar1ChainSet(3, 100), 0);
    figure.setLiveChains(test::ar1ChainSet(3, 2000));
    figure.setParameter(2); // the user switches while the worker computes parameter 0
    ASSERT_TRUE(waitForLiveUpdate(figure));
    EXPECT_TRUE(figure.summaryText().startsWith(QStringLiteral("sigma2")));
    EXPECT_EQ(traceGraph(figure, 0)->dataCount(), 2000);
}

TEST(DiagnosticsFigure, DestroyingTheFigureDuringALiveUpdateIsSafe)
{
    auto figure = std::make_unique<DiagnosticsFigure>();
    figure->setChains(test::ar1ChainSet(3, 100), 0);
    figure->setLiveChains(test::ar1ChainSet(3, 3000));
    figure.reset(); // joins the worker; its posted result is dropped with the object
    QCoreApplication::processEvents();
    SUCCEED();
}

TEST(DiagnosticsFigure, ReadoutNamesThePanelUnderTheCursor)
{
    DiagnosticsFigure figure;
    figure.resize(1200, 900);
    figure.setChains(test::ar1ChainSet(3, 500), 0);
    figure.show(); // lays the plot widget out (offscreen)
    QCoreApplication::processEvents();
    figure.plot()->replot(QCustomPlot::rpImmediateRefresh); // lays the panels out
    const QRect trace = figure.panelRect(Panel::Trace)->rect();
    ASSERT_FALSE(trace.isEmpty());
    figure.showValueAt(QPointF(trace.center()));
    EXPECT_TRUE(figure.readout()->text().startsWith(QStringLiteral("Trace: iteration")))
        << figure.readout()->text().toStdString();
    const QRect acf = figure.panelRect(Panel::Acf)->rect();
    figure.showValueAt(QPointF(acf.center()));
    EXPECT_TRUE(figure.readout()->text().contains(QStringLiteral("lag")));
    figure.showValueAt(QPointF(-10.0, -10.0));
    EXPECT_TRUE(figure.readout()->text().isEmpty());
}

TEST(DiagnosticsFigure, PanelsZoomAndPan)
{
    DiagnosticsFigure figure;
    EXPECT_TRUE(figure.plot()->interactions().testFlag(QCP::iRangeDrag));
    EXPECT_TRUE(figure.plot()->interactions().testFlag(QCP::iRangeZoom));
}

} // namespace
} // namespace grove
