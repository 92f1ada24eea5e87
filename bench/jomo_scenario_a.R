# SPDX-License-Identifier: GPL-3.0-or-later
# Scenario A in R jomo, on the model Grove's `bench_imputation jomo` runs: normexam,
# standlrtmiss (Normal) and girlmiss (Binary) at level 1 with cons + vrband dummies (jomo has
# one X for all level-1 responses), schgendmiss (3 categories) at level 2 with cons; school.
# Usage: Rscript jomo_scenario_a.R tutmiss.csv burnin iterations grove_draws.csv grove_seconds
# Prints jomo's time per iteration, both engines' worst ESS over all free parameters (the same
# Geyer estimator for both) and the ratios.
suppressMessages(library(jomo))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
burn <- as.integer(args[2]); iters <- as.integer(args[3])
groveDraws <- as.matrix(read.csv(args[4], check.names = FALSE))
groveSeconds <- as.numeric(args[5])

# Geyer initial monotone sequence ESS, as core/mcmc/ParameterSummary.cpp computes it.
ess <- function(x) {
  n <- length(x); v <- var(x)
  if (!(v > 0)) return(NA)
  x <- x - mean(x)
  acf <- function(k) sum(x[(k + 1):n] * x[1:(n - k)]) / n / (v * (n - 1) / n)
  tau <- -1; prev <- Inf
  for (k in seq(0, n - 2, by = 2)) {
    pair <- acf(k) + acf(k + 1)
    if (pair <= 0) break
    pair <- min(pair, prev); prev <- pair
    tau <- tau + 2 * pair
  }
  n / max(tau, 1 / log10(n + 10))
}

Y <- data.frame(normexam = d$normexam, standlrtmiss = d$standlrtmiss,
                girlmiss = factor(d$girlmiss))
Y2 <- data.frame(schgendmiss = factor(d$schgendmiss))
X <- data.frame(cons = 1, vrband_1 = as.numeric(d$vrband == 1), vrband_2 = as.numeric(d$vrband == 2))
X2 <- data.frame(cons = rep(1, nrow(d)))
set.seed(1)
seconds <- system.time(
  out <- jomo.MCMCchain(Y = Y, Y2 = Y2, X = X, X2 = X2, clus = d$school, nburn = burn + iters,
                        output = 0)
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
