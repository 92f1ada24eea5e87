// SPDX-License-Identifier: GPL-3.0-or-later
// The dataset viewer and results pane extras: missing-data patterns in the dataset viewer, Dataset
// > View, estimated time left, Popout, imputed values marked, and the model equation as LaTeX.
#include "UiTestSupport.h"

#include "core/data/MissingSummary.h"
#include "ui/DatasetTableModel.h"
#include "ui/DatasetView.h"
#include "ui/MainWindow.h"
#include "ui/MissingPatternPicture.h"
#include "ui/ModelEquation.h"
#include "ui/QuestionPane.h"
#include "ui/ResultsPane.h"
#include "ui/RunProgressPanel.h"
#include "ui/plots/DiagnosticSvgs.h"
#include "ui/plots/DiagnosticsFigure.h"
#include "ui/plots/ImputedVsObservedFigure.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace grove {
namespace {

TEST(DatasetViewer, DatasetViewShowsPatternsAndUnits)
{
    MainWindow window(test::bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    QWidget* viewer = window.viewDataset();
    ASSERT_NE(viewer, nullptr);
    auto* view = viewer->findChild<DatasetView*>();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->dataset()->name(), "tutmiss");
    EXPECT_EQ(view->unitVariable(), QStringLiteral("school"));
    // tutmiss has 5 incomplete variables: pattern columns are those plus Rows and Share.
    EXPECT_EQ(view->patternsTable()->columnCount(), 7);
    EXPECT_GT(view->patternsTable()->rowCount(), 1);
    // 65 schools plus the summary row.
    EXPECT_EQ(view->unitsTable()->rowCount(), 66);
    EXPECT_EQ(view->unitsTable()->horizontalHeaderItem(0)->text(), QStringLiteral("school"));
    // The same patterns as a picture, with the complete cases and complete schools.
    MissingPatternPicture* picture = view->patternPicture();
    ASSERT_NE(picture, nullptr);
    const MissingSummary summary = summarizeMissing(*view->dataset(), "school");
    EXPECT_TRUE(picture->caption().startsWith(
        QStringLiteral("Complete cases: %1 of 4059 rows").arg(summary.completeRowCount())))
        << picture->caption().toStdString();
    EXPECT_TRUE(picture->caption().contains(
        QStringLiteral("complete units: %1 of 65 school").arg(summary.completeUnitCount())));
    MissingPatternPicture drawn; // on its own, at a known size
    drawn.setSummary(summary, view->dataset()->rowCount());
    drawn.resize(500, 400);
    const QImage image = drawn.grab().toImage();
    int red = 0;
    int blue = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            red += c == QColor(215, 80, 80) ? 1 : 0;
            blue += c == QColor(120, 160, 210) ? 1 : 0;
        }
    EXPECT_GT(red, 50) << "missing cells drawn";
    EXPECT_GT(blue, 50) << "observed cells drawn";
    view->setUnitVariable(QString());
    EXPECT_EQ(view->unitsTable()->rowCount(), 0);
    EXPECT_FALSE(picture->caption().contains(QStringLiteral("complete units")));
    viewer->close();
}

TEST(RunProgress, EstimatedTimeLeft)
{
    EXPECT_FALSE(RunProgressPanel::secondsLeft(0, 0.0, 1, 0.1, 100).has_value());
    const auto left = RunProgressPanel::secondsLeft(100, 1.0, 300, 3.0, 1100); // 100 it/s
    ASSERT_TRUE(left.has_value());
    EXPECT_NEAR(*left, 8.0, 1e-9);
    EXPECT_EQ(RunProgressPanel::timeLeftText(7.2), QStringLiteral("about 8 s left"));
    EXPECT_EQ(RunProgressPanel::timeLeftText(185), QStringLiteral("about 3 min left"));
    EXPECT_EQ(RunProgressPanel::timeLeftText(4900), QStringLiteral("about 1 h 22 min left"));

    RunProgressPanel panel;
    panel.reset();
    panel.setProgressAt(0, 50, 1050, 0.5);
    EXPECT_EQ(panel.bar(0)->format(), QStringLiteral("Chain 0: 50 / 1050 iterations"));
    panel.setProgressAt(0, 550, 1050, 1.5);
    EXPECT_EQ(panel.bar(0)->format(),
              QStringLiteral("Chain 0: 550 / 1050 iterations, about 1 s left"));
    panel.setProgressAt(0, 1050, 1050, 2.5);
    EXPECT_EQ(panel.bar(0)->format(), QStringLiteral("Chain 0: 1050 / 1050 iterations, done"));
}

TEST(ModelEquation, WorkedExampleAsLatex)
{
    DatasetLibrary library = test::bundledLibrary();
    const std::shared_ptr<const Dataset> tutmiss = library.get("tutmiss");
    const Answers answers = parseInputString(test::workedExample);
    const std::string latex = modelEquationLatex("2LevelImpute", answers, tutmiss.get());
    EXPECT_EQ(
        latex,
        "\\begin{aligned}\n"
        "\\mathrm{normexam}_{ij} &\\sim \\mathrm{N}(\\mu_{ij}, \\sigma^2_{e})\\\\\n"
        "\\mu_{ij} &= \\beta_{0}\\mathrm{cons}_{ij} + \\beta_{1}\\mathrm{standlrtmiss}_{ij} + "
        "\\beta_{2}\\mathrm{girlmiss}_{ij} + \\beta_{3}\\mathrm{schgendmiss\\_0}_{ij} + "
        "\\beta_{4}\\mathrm{schgendmiss\\_1}_{ij} + u_{j}\\\\\n"
        "u_{j} &\\sim \\mathrm{N}(0, \\sigma^2_{u})\n"
        "\\end{aligned}");
    Answers slopes = answers;
    slopes.set("MOIdist", "Binomial");
    slopes.set("y", "girlmiss");
    slopes.set("x", "cons,standlrtmiss");
    slopes.set("MOIslope", "Yes");
    slopes.set("xslope", "standlrtmiss");
    const std::string logit = modelEquationLatex("2LevelImpute", slopes, tutmiss.get());
    EXPECT_NE(logit.find("\\mathrm{logit}(\\pi_{ij}) &= "), std::string::npos) << logit;
    EXPECT_NE(logit.find("u_{0j} + u_{1j}\\mathrm{standlrtmiss}_{ij}"), std::string::npos) << logit;
    EXPECT_NE(logit.find("\\Omega_{u}"), std::string::npos) << logit;
    EXPECT_EQ(modelEquationLatex("2LevelImpute", Answers{{"numlevs", "Yes"}}, tutmiss.get()), "");
    const std::string onePass = modelEquationLatex("2LevelMissingOnePass",
                                                   Answers{{"y", "normexam"},
                                                           {"D", "Normal"},
                                                           {"L2int", "Yes"},
                                                           {"xvars", "cons,standlrt*girl,avslrt^2"},
                                                           {"x2vars", "cons"}},
                                                   tutmiss.get());
    EXPECT_NE(onePass.find("\\beta_{1}\\mathrm{standlrt}_{ij} \\mathrm{girl}_{ij}"),
              std::string::npos)
        << onePass;
    EXPECT_NE(onePass.find("\\mathrm{avslrt}_{ij}^{2}"), std::string::npos) << onePass;
    EXPECT_NE(onePass.find("u_{j} &\\sim"), std::string::npos) << onePass;
}

TEST(ModelEquation, NLevelImputeHasOneRandomTermPerClassification)
{
    DatasetLibrary library = test::bundledLibrary();
    const std::shared_ptr<const Dataset> tutmiss = library.get("tutmiss");
    Answers answers{{"numclass", "2"},     {"classid_1", "school"}, {"classid_2", "schav"},
                    {"MOIclass_1", "Yes"}, {"MOIclass_2", "Yes"},   {"MOIdist", "Normal"},
                    {"MOIslope", "No"},    {"y", "normexam"},       {"x", "cons,standlrt"}};
    EXPECT_EQ(
        modelEquationLatex("NLevelImpute", answers, tutmiss.get()),
        "\\begin{aligned}\n"
        "\\mathrm{normexam}_{i} &\\sim \\mathrm{N}(\\mu_{i}, \\sigma^2_{e})\\\\\n"
        "\\mu_{i} &= \\beta_{0}\\mathrm{cons}_{i} + \\beta_{1}\\mathrm{standlrt}_{i} + "
        "u^{(2)}_{\\mathrm{school}(i)} + u^{(3)}_{\\mathrm{schav}(i)}\\\\\n"
        "u^{(2)}_{\\mathrm{school}(i)} &\\sim \\mathrm{N}(0, \\sigma^2_{\\mathrm{school}})\\\\\n"
        "u^{(3)}_{\\mathrm{schav}(i)} &\\sim \\mathrm{N}(0, \\sigma^2_{\\mathrm{schav}})\n"
        "\\end{aligned}");
    // Only the classifications in the MOI; random slopes at the first of them.
    answers.set("MOIclass_1", "No");
    answers.set("MOIslope", "Yes");
    answers.set("xslope", "standlrt");
    const std::string slopes = modelEquationLatex("NLevelImpute", answers, tutmiss.get());
    EXPECT_EQ(slopes.find("school"), std::string::npos) << slopes;
    EXPECT_NE(slopes.find("u^{(3)}_{0,\\mathrm{schav}(i)} + "
                          "u^{(3)}_{1,\\mathrm{schav}(i)}\\mathrm{standlrt}_{i}"),
              std::string::npos)
        << slopes;
    EXPECT_NE(slopes.find("\\Omega_{\\mathrm{schav}}"), std::string::npos) << slopes;
    answers.set("MOIdist", "Multivariate Normal");
    answers.set("y", "normexam,standlrt");
    answers.set("x", "cons");
    const std::string multivariate = modelEquationLatex("NLevelImpute", answers, tutmiss.get());
    EXPECT_NE(multivariate.find("(u^{(3)}_{1,\\mathrm{schav}(i)}, u^{(3)}_{2,\\mathrm{schav}(i)})"
                                "^{\\top} &\\sim \\mathrm{N}_{2}(\\mathbf{0}, "
                                "\\Omega_{\\mathrm{schav}})"),
              std::string::npos)
        << multivariate;
}

TEST(ModelEquation, ShownForTheCurrentAnswersAndCopyable)
{
    MainWindow window(test::bundledLibrary());
    window.setInteractive(false);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    EXPECT_TRUE(window.modelBox()->toPlainText().startsWith(QStringLiteral("%")));
    window.questionPane()->setAnswers(parseInputString(test::workedExample));
    EXPECT_TRUE(window.modelBox()->toPlainText().startsWith(QStringLiteral("\\begin{aligned}")));
    window.findChild<QPushButton*>(QStringLiteral("copyModelEquation"))->click();
    EXPECT_EQ(QApplication::clipboard()->text(), window.modelEquation());
}

class ShortRun : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        window = new MainWindow(test::bundledLibrary());
        window->setInteractive(false);
        ASSERT_TRUE(window->useDataset(QStringLiteral("tutmiss")));
        window->questionPane()->setAnswers(test::shortRunAnswers());
        window->runTemplate();
        ASSERT_TRUE(test::waitUntil([] { return !window->isRunning(); }));
    }
    static void TearDownTestSuite()
    {
        delete window;
        window = nullptr;
    }
    static MainWindow* window;
};

MainWindow* ShortRun::window = nullptr;

TEST_F(ShortRun, ImputedValuesAreMarked)
{
    ResultsPane& pane = *window->resultsPane();
    ASSERT_TRUE(pane.showOutput(QStringLiteral("Imputation_Model_impute_datafile_chain0_iter50")))
        << pane.outputNames().join(QStringLiteral(", ")).toStdString();
    DatasetView& view = *pane.datasetView();
    const DatasetTableModel& model = *view.model();
    // Every missing cell of the imputed responses is filled and marked: 400 + 435 + 496.
    EXPECT_EQ(model.imputedCount(), 400u + 435u + 496u);
    const auto original = view.original();
    ASSERT_NE(original, nullptr);
    const auto column = static_cast<int>(*view.dataset()->indexOf("standlrtmiss"));
    const Column& before = original->column("standlrtmiss");
    for (std::size_t row = 0; row < before.size(); ++row) {
        EXPECT_EQ(model.isImputed(static_cast<int>(row), column), before.isMissing(row)) << row;
        if (before.isMissing(row)) {
            const QModelIndex index = model.index(static_cast<int>(row), column);
            EXPECT_EQ(model.data(index, Qt::BackgroundRole).value<QBrush>().color(),
                      DatasetTableModel::imputedBackground());
            EXPECT_TRUE(
                model.data(index, Qt::ToolTipRole).toString().contains(QStringLiteral("imputed")));
            break;
        }
    }
    // The level-2 dataset: one row per school, schgendmiss imputed for the schools where it was
    // missing in every row.
    ASSERT_TRUE(pane.showOutput(QStringLiteral("Imputation_Model_impute_L2Data_chain0_iter50")));
    const MissingSummary summary = summarizeMissing(*original, "school");
    std::size_t schoolsAllMissing = 0;
    for (const VariableMissing& variable : summary.variables)
        if (variable.name == "schgendmiss")
            schoolsAllMissing = variable.unitsAllMissing;
    EXPECT_GT(schoolsAllMissing, 0u);
    EXPECT_EQ(view.model()->imputedCount(), schoolsAllMissing);
}

TEST_F(ShortRun, PopoutOpensOutputsInTheirOwnWindows)
{
    ResultsPane& pane = *window->resultsPane();
    ASSERT_TRUE(pane.showOutput(QStringLiteral("ResultsTable:Imputation")));
    EXPECT_TRUE(pane.popoutButton()->isEnabled());
    pane.popoutButton()->click();
    ASSERT_EQ(pane.popouts().size(), 1);
    QWidget* table = pane.popouts().front();
    EXPECT_TRUE(table->isWindow());
    EXPECT_TRUE(table->windowTitle().contains(QStringLiteral("ResultsTable:Imputation")));
    auto* view = table->findChild<QTableView*>(QStringLiteral("resultsTable"));
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->model()->rowCount(), 7);

    QWidget* chains = pane.popout(QStringLiteral("Imputation_Model_out"));
    ASSERT_NE(chains, nullptr);
    auto* figure = chains->findChild<DiagnosticsFigure*>();
    ASSERT_NE(figure, nullptr);
    EXPECT_FALSE(figure->summaryText().isEmpty());
    QWidget* data = pane.popout(QStringLiteral("Imputation_Model_impute_datafile_chain0_iter50"));
    ASSERT_NE(data, nullptr);
    ASSERT_NE(data->findChild<DatasetView*>(), nullptr);
    EXPECT_GT(data->findChild<DatasetView*>()->model()->imputedCount(), 0u);
    EXPECT_EQ(pane.popouts().size(), 3);
    table->close();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // WA_DeleteOnClose
    EXPECT_EQ(pane.popouts().size(), 2);
    EXPECT_EQ(pane.popout(QStringLiteral("no such output")), nullptr);
}

TEST_F(ShortRun, DownloadWritesEveryOutputAndTheSvgsWithProgress)
{
    ResultsPane& pane = *window->resultsPane();
    QTemporaryDir dir;
    int calls = 0;
    int lastDone = 0;
    int lastTotal = 0;
    const QString problem = pane.downloadTo(dir.path(), [&](int done, int total) {
        ++calls;
        EXPECT_GE(done, lastDone);
        lastDone = done;
        lastTotal = total;
        return true;
    });
    EXPECT_TRUE(problem.isEmpty()) << problem.toStdString();
    EXPECT_EQ(lastDone, lastTotal);
    EXPECT_EQ(calls, lastTotal); // one call per SVG, and one at the end
    const QDir folder(dir.path());
    EXPECT_TRUE(folder.exists(QStringLiteral("ResultsTable_Imputation.csv")));
    EXPECT_TRUE(
        folder.exists(QStringLiteral("Imputation_Model_impute_datafile_chain0_iter50.dta")));
    EXPECT_TRUE(folder.exists(QStringLiteral("ModelEquation.txt")));
    for (const char* stacked :
         {"Imputation_Model_mi_flong.dta", "Imputation_Model_mi_import.do",
          "Imputation_Model_stacked.sav", "Imputation_Model_long.csv", "Imputation_Model_mids.R"})
        EXPECT_TRUE(folder.exists(QString::fromLatin1(stacked))) << stacked;
    EXPECT_TRUE(
        folder.exists(QString::fromStdString(diagnosticSvgFileName("CombinedResults", "beta_0"))));
    const RunOutput* imputation = pane.result()->find("Imputation_Model_out");
    ASSERT_NE(imputation, nullptr);
    const std::size_t moiParameters =
        pane.result()->find("CombinedResults")->chains->parameterCount();
    // Plus one imputed-versus-observed figure per imputed variable (standlrtmiss, girlmiss,
    // schgendmiss; normexam has nothing missing).
    EXPECT_EQ(static_cast<std::size_t>(lastTotal),
              1 + moiParameters + imputation->chains->parameterCount() + 3);
    for (const char* variable : {"standlrtmiss", "girlmiss", "schgendmiss"})
        EXPECT_TRUE(folder.exists(QString::fromStdString(
            diagnosticSvgFileName("Imputation_Model_ImputedVsObserved", variable))))
            << variable;
    EXPECT_EQ(folder.entryList({QStringLiteral("*.svg")}, QDir::Files).size(), lastTotal - 1);

    QTemporaryDir cancelled;
    const QString stopped = pane.downloadTo(cancelled.path(), [](int, int) { return false; });
    EXPECT_TRUE(stopped.contains(QStringLiteral("cancelled"))) << stopped.toStdString();
    EXPECT_TRUE(QDir(cancelled.path()).entryList({QStringLiteral("*.svg")}, QDir::Files).isEmpty());
}

TEST_F(ShortRun, ExportWritesOnlyTheChosenPackagesStack)
{
    ResultsPane& pane = *window->resultsPane();
    QTemporaryDir dir;
    EXPECT_TRUE(pane.exportTo(dir.path(), {ExportFormat::R}).isEmpty());
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files),
              (QStringList{QStringLiteral("Imputation_Model_L2Data_long.csv"),
                           QStringLiteral("Imputation_Model_L2Data_mids.R"),
                           QStringLiteral("Imputation_Model_long.csv"),
                           QStringLiteral("Imputation_Model_mids.R")}));
    auto* menu = window->findChild<QMenu*>(QStringLiteral("exportMenu"));
    ASSERT_NE(menu, nullptr);
    EXPECT_EQ(menu->actions().size(), 3);
}

TEST_F(ShortRun, TheModelEquationIsAnOutput)
{
    ResultsPane& pane = *window->resultsPane();
    ASSERT_TRUE(pane.showOutput(QStringLiteral("ModelEquation")));
    const auto* text = pane.findChild<QPlainTextEdit*>(QStringLiteral("resultsText"));
    ASSERT_NE(text, nullptr);
    EXPECT_TRUE(text->toPlainText().contains(QStringLiteral("\\mathrm{schgendmiss\\_1}_{ij}")));
}

TEST_F(ShortRun, ConvergenceBannerSaysWhatToDo)
{
    ResultsPane& pane = *window->resultsPane();
    // 50 iterations before the first imputation: the summary flags parameters.
    EXPECT_FALSE(pane.convergenceBanner()->isHidden());
    EXPECT_TRUE(pane.convergenceBanner()->text().contains(QStringLiteral("parameters flagged")))
        << pane.convergenceBanner()->text().toStdString();
    EXPECT_TRUE(pane.showOutput(QStringLiteral("Imputation_Model_Convergence")));
    EXPECT_TRUE(pane.showOutput(QStringLiteral("MethodsText")));
    const auto* text = pane.findChild<QPlainTextEdit*>(QStringLiteral("resultsText"));
    ASSERT_NE(text, nullptr);
    EXPECT_TRUE(text->toPlainText().contains(QStringLiteral("Rubin 1987")));
}

TEST_F(ShortRun, ImputedVersusObservedFigureOpensForEveryVariable)
{
    ResultsPane& pane = *window->resultsPane();
    ASSERT_TRUE(pane.showOutput(QStringLiteral("Imputation_Model_ImputedVsObserved")));
    auto* figure =
        pane.findChild<ImputedVsObservedFigure*>(QStringLiteral("imputedVsObservedFigure"));
    ASSERT_NE(figure, nullptr);
    ASSERT_EQ(figure->variablePicker()->count(), 3);
    // standlrtmiss: densities, strips and the per-school view.
    EXPECT_TRUE(
        figure->titleText().startsWith(QStringLiteral("standlrtmiss (continuous, level 1)")))
        << figure->titleText().toStdString();
    EXPECT_EQ(figure->panelCount(), 3);
    figure->setVariable(1); // girlmiss: proportions
    EXPECT_EQ(figure->panelCount(), 1);
    figure->setVariable(2); // schgendmiss: one row per school
    EXPECT_TRUE(figure->titleText().contains(QStringLiteral("level 2")));
    EXPECT_TRUE(figure->titleText().contains(QStringLiteral("one row per school")));
    QTemporaryDir dir;
    const QString svg = dir.filePath(QStringLiteral("f.svg"));
    const QString png = dir.filePath(QStringLiteral("f.png"));
    EXPECT_TRUE(figure->saveSvg(svg));
    EXPECT_TRUE(figure->savePng(png));
    EXPECT_GT(QFileInfo(svg).size(), 1000);
    EXPECT_FALSE(QImage(png).isNull());
    // The popout shows the same figure.
    QWidget* popped = pane.popout(QStringLiteral("Imputation_Model_ImputedVsObserved"));
    ASSERT_NE(popped, nullptr);
    EXPECT_NE(popped->findChild<ImputedVsObservedFigure*>(), nullptr);
    popped->close();
}

} // namespace
} // namespace grove
