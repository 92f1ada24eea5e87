// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/ImputationSpacing.h"

#include "common/Ar1.h"

#include <gtest/gtest.h>

#include <cmath>

namespace grove {
namespace {

// Two chains of 3000 iterations (numbered from 1) of a slow AR(1) parameter (rho 0.98: ACF at
// lag 50 is 0.98^50 = 0.36, below 0.1 from lag log 0.1 / log 0.98 = 114), a fast one (rho 0.5)
// and one held fixed.
ChainSet chains()
{
    ChainSet set;
    set.parameters = {{"omega_u_5", "omega_u_5"}, {"beta_0", "cons"}, {"omega_e_2", "omega_e_2"}};
    for (std::uint64_t c = 0; c < 2; ++c) {
        set.draws.push_back({test::simulateAr1(3000, 0.98, 11 + c),
                             test::simulateAr1(3000, 0.5, 21 + c), std::vector<double>(3000, 1.0)});
        std::vector<long> iterations(3000);
        for (long t = 0; t < 3000; ++t)
            iterations[static_cast<std::size_t>(t)] = t + 1;
        set.iterations.push_back(iterations);
    }
    return set;
}

TEST(ImputationSpacing, FlagsTheSlowParameterAndNamesTheSpacingItNeeds)
{
    const ImputationSpacing spacing = imputationSpacing(chains(), 1000, 50, 10);
    ASSERT_EQ(spacing.rows.size(), 2u) << "the fixed parameter is left out";
    const SpacingRow& slow = spacing.rows[0];
    EXPECT_EQ(slow.parameter, "omega_u_5");
    EXPECT_NEAR(slow.autocorrelation, std::pow(0.98, 50), 0.15);
    EXPECT_TRUE(slow.flagged);
    EXPECT_GT(slow.spacingBelowThreshold, 60.0);
    EXPECT_LT(slow.spacingBelowThreshold, 200.0);
    const SpacingRow& fast = spacing.rows[1];
    EXPECT_FALSE(fast.flagged);
    EXPECT_LT(std::abs(fast.autocorrelation), 0.1);
    EXPECT_LE(fast.spacingBelowThreshold, 5.0);
    EXPECT_TRUE(spacing.flagged());
    const std::string message = spacing.message();
    EXPECT_NE(message.find("omega_u_5"), std::string::npos) << message;
    EXPECT_NE(message.find("imputeevery >= " +
                           std::to_string(static_cast<long>(slow.spacingBelowThreshold))),
              std::string::npos)
        << message;
    const Table table = spacing.table();
    EXPECT_EQ(table.columns[2], "acf_at_imputeevery");
    EXPECT_EQ(std::get<std::string>(table.rows[0][4]), "too close");
}

TEST(ImputationSpacing, QuietWithWideSpacingOrOneChainPerImputation)
{
    // Lag 400: 0.98^400 = 3e-4.
    EXPECT_FALSE(imputationSpacing(chains(), 1000, 400, 10).flagged());
    // Two chains, two imputations: one dataset per chain, nothing to be too close to.
    const ImputationSpacing one = imputationSpacing(chains(), 1000, 50, 2);
    EXPECT_FALSE(one.flagged());
    EXPECT_TRUE(one.message().empty());
    EXPECT_GT(one.rows[0].autocorrelation, 0.1) << "the table still shows the autocorrelation";
}

} // namespace
} // namespace grove
