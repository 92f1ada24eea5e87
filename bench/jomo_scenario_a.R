# SPDX-License-Identifier: GPL-3.0-or-later
# Scenario A in R jomo, on the model Grove's `bench_imputation jomo` runs: the worked example
# as jomo takes it (tutmissJomoModel in bench_common.R).
# Usage: Rscript jomo_scenario_a.R tutmiss.csv burnin iterations grove_draws.csv grove_seconds
# Prints jomo's time per iteration, both engines' worst ESS over all free parameters (the same
# Geyer estimator for both) and the ratios.
suppressMessages(library(jomo))
script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
source(file.path(dirname(script), "bench_common.R"))
# d, burn, iters, groveDraws and groveSeconds from the command line (bench_common.R)
invisible(list2env(peerArguments(commandArgs(TRUE)), environment()))
model <- tutmissJomoModel(d)
set.seed(1)
seconds <- system.time(
  out <- jomo.MCMCchain(Y = model$Y, Y2 = model$Y2, X = model$X, X2 = model$X2, clus = d$school,
                        nburn = burn + iters, output = 0)
)[["elapsed"]]
peerReport(jomoDraws(out, burn, iters), seconds, burn, iters, groveDraws, groveSeconds)
