// SPDX-License-Identifier: GPL-3.0-or-later
#include "Ar1Chains.h"

#include "ui/plots/ChainSummaryTableModel.h"

#include <gtest/gtest.h>

namespace grove {
namespace {

TEST(ChainSummaryTableModel, OneRowPerParameterWithTheTableColumns)
{
    ChainSummaryTableModel model;
    model.setChains(*test::ar1ChainSet(3, 1000, 0.3));
    ASSERT_EQ(model.rowCount(), 3);
    ASSERT_EQ(model.columnCount(), 9);
    QStringList headers;
    for (int c = 0; c < model.columnCount(); ++c)
        headers << model.headerData(c, Qt::Horizontal).toString();
    EXPECT_EQ(headers, (QStringList{"parameter", "term", "mean", "sd", "2.5%", "97.5%", "ESS",
                                    "R-hat", "flag"}));
    EXPECT_EQ(model.data(model.index(1, ChainSummaryTableModel::Parameter)).toString(), "beta_1");
    EXPECT_EQ(model.data(model.index(1, ChainSummaryTableModel::Term)).toString(), "x");
    const double mean =
        model.data(model.index(1, ChainSummaryTableModel::Mean)).toString().toDouble();
    EXPECT_NEAR(mean, -0.5, 0.02);
    // Well-mixed chains: nothing flagged, no highlight.
    for (int r = 0; r < model.rowCount(); ++r) {
        EXPECT_FALSE(model.isFlagged(r));
        EXPECT_FALSE(model.data(model.index(r, 0), Qt::BackgroundRole).isValid());
    }
}

TEST(ChainSummaryTableModel, HighlightsLowEssAndHighRhat)
{
    auto chains = test::ar1ChainSet(3, 300, 0.3);
    // Parameter 0: very sticky chains (ESS far below 100). Parameter 2: chains that disagree.
    for (std::size_t c = 0; c < 3; ++c) {
        chains->draws[c][0] = test::ar1Chain(300, 0.995, 77 + c);
        for (double& x : chains->draws[c][2])
            x += 5.0 * static_cast<double>(c);
    }
    ChainSummaryTableModel model;
    model.setChains(*chains);
    EXPECT_TRUE(model.isFlagged(0));
    EXPECT_TRUE(model.flagText(0).contains("ESS < 100"));
    EXPECT_TRUE(model.data(model.index(0, 0), Qt::BackgroundRole).isValid());
    EXPECT_FALSE(model.isFlagged(1));
    EXPECT_TRUE(model.isFlagged(2));
    EXPECT_TRUE(model.flagText(2).contains("R-hat > 1.1"));
    EXPECT_EQ(model.data(model.index(2, ChainSummaryTableModel::Flag)).toString(),
              model.flagText(2));
    EXPECT_TRUE(model.data(model.index(2, 3), Qt::ToolTipRole).toString().contains("R-hat"));
}

} // namespace
} // namespace grove
