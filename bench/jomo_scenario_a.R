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
draws <- NULL
for (name in names(out)) {
  a <- out[[name]]
  if (!startsWith(name, "collect") || is.null(dim(a))) next
  dims <- dim(a)
  if (dims[length(dims)] != burn + iters) next
  m <- matrix(a, ncol = dims[length(dims)])
  draws <- rbind(draws, m[, (burn + 1):(burn + iters), drop = FALSE])
}
jomoEss <- apply(draws, 1, ess)
jomoWorst <- min(jomoEss, na.rm = TRUE)
groveEss <- apply(groveDraws, 2, ess)
groveWorst <- min(groveEss, na.rm = TRUE)
jomoPerIter <- seconds / (burn + iters)
grovePerIter <- groveSeconds / (burn + iters)
cat(sprintf("jomo %s: %.3f ms/iteration (%.0f iterations/s); worst ESS %.1f of %d -> %.2f ESS/s\n",
            packageVersion("jomo"), 1e3 * jomoPerIter, 1 / jomoPerIter, jomoWorst, iters,
            jomoWorst / (jomoPerIter * iters)))
cat(sprintf("grove:  %.3f ms/iteration (%.0f iterations/s); worst ESS %.1f of %d -> %.2f ESS/s (%s)\n",
            1e3 * grovePerIter, 1 / grovePerIter, groveWorst, iters,
            groveWorst / (grovePerIter * iters), colnames(groveDraws)[which.min(groveEss)]))
cat(sprintf("ratios grove/jomo: iterations/s %.1fx, worst-parameter ESS/s %.1fx\n",
            jomoPerIter / grovePerIter,
            (groveWorst / (grovePerIter * iters)) / (jomoWorst / (jomoPerIter * iters))))
