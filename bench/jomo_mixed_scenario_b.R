# SPDX-License-Identifier: GPL-3.0-or-later
# Scenario B's level-1 model in R jomo (jomo1ranmix): normexam continuous; girlmiss, vrb and
# lrtband categorical (jomo takes every categorical variable as nominal); cons as the only
# covariate; a random intercept per school for every response.
# Usage: Rscript jomo_mixed_scenario_b.R data.csv burnin iterations grove_draws.csv grove_seconds
# Prints jomo's time per iteration, both engines' worst ESS over all free parameters (the same
# Geyer estimator for both) and the ratios.
suppressMessages(library(jomo))
script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
source(file.path(dirname(script), "bench_common.R"))
invisible(list2env(peerArguments(commandArgs(TRUE)), environment()))
Y.con <- data.frame(normexam = d$normexam)
Y.cat <- data.frame(girlmiss = d$girlmiss, vrb = d$vrb, lrtband = d$lrtband)
Y.numcat <- c(2, 3, 3)
X <- data.frame(cons = rep(1, nrow(d)))
Z <- data.frame(cons = rep(1, nrow(d)))
set.seed(1)
seconds <- system.time(
  out <- jomo1ranmix.MCMCchain(Y.con = Y.con, Y.cat = Y.cat, Y.numcat = Y.numcat, X = X, Z = Z,
                               clus = d$school, nburn = burn + iters, output = 0)
)[["elapsed"]]
peerReport(jomoDraws(out, burn, iters), seconds, burn, iters, groveDraws, groveSeconds)
