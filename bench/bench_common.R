# SPDX-License-Identifier: GPL-3.0-or-later
# What the R peers of Grove's benchmarks share: the argument list of a peer comparison, the
# worked example's imputation model as jomo takes it, the ESS estimator both engines' draws are
# summarised with, and the report of a jomo comparison. Sourced by jomo_scenario_a.R,
# jomo_mixed_scenario_b.R, jomo_lmer_scenario_e.R and pipeline_r.R.

# The arguments of a comparison: data.csv burnin iterations grove_draws.csv grove_seconds, as
# d (the data), burn, iters, groveDraws (a column a parameter) and groveSeconds.
peerArguments <- function(args) {
  list(d = read.csv(args[1]), burn = as.integer(args[2]), iters = as.integer(args[3]),
       groveDraws = as.matrix(read.csv(args[4], check.names = FALSE)),
       groveSeconds = as.numeric(args[5]))
}

# The seeds' worked example on tutmiss in jomo's terms: normexam, standlrtmiss (Normal) and
# girlmiss (Binary) at level 1 with cons + vrband dummies (jomo has one X for all level-1
# responses), schgendmiss (3 categories) at level 2 with cons. Clusters: d$school.
tutmissJomoModel <- function(d) {
  list(Y = data.frame(normexam = d$normexam, standlrtmiss = d$standlrtmiss,
                      girlmiss = factor(d$girlmiss)),
       Y2 = data.frame(schgendmiss = factor(d$schgendmiss)),
       X = data.frame(cons = 1, vrband_1 = as.numeric(d$vrband == 1),
                      vrband_2 = as.numeric(d$vrband == 2)),
       X2 = data.frame(cons = rep(1, nrow(d))))
}

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

# jomo's post-burn-in draws (a row a parameter) from a jomo*.MCMCchain result.
jomoDraws <- function(out, burn, iters) {
  draws <- NULL
  for (name in names(out)) {
    a <- out[[name]]
    if (!startsWith(name, "collect") || is.null(dim(a))) next
    dims <- dim(a)
    if (dims[length(dims)] != burn + iters) next
    m <- matrix(a, ncol = dims[length(dims)])
    draws <- rbind(draws, m[, (burn + 1):(burn + iters), drop = FALSE])
  }
  draws
}

# Prints both engines' time per iteration and worst ESS over every free parameter (fixed
# elements have no spread: NA) and the ratios.
peerReport <- function(draws, seconds, burn, iters, groveDraws, groveSeconds) {
  jomoEss <- apply(draws, 1, ess)
  jomoWorst <- min(jomoEss, na.rm = TRUE)
  groveEss <- apply(groveDraws, 2, ess)
  groveWorst <- min(groveEss, na.rm = TRUE)
  jomoPerIter <- seconds / (burn + iters)
  grovePerIter <- groveSeconds / (burn + iters)
  cat(sprintf("jomo %s: %.3f ms/iteration (%.0f iterations/s); worst ESS %.1f of %d -> %.3f ESS/s\n",
              packageVersion("jomo"), 1e3 * jomoPerIter, 1 / jomoPerIter, jomoWorst, iters,
              jomoWorst / (jomoPerIter * iters)))
  cat(sprintf("grove:  %.3f ms/iteration (%.0f iterations/s); worst ESS %.1f of %d -> %.2f ESS/s (%s)\n",
              1e3 * grovePerIter, 1 / grovePerIter, groveWorst, iters,
              groveWorst / (grovePerIter * iters), colnames(groveDraws)[which.min(groveEss)]))
  cat(sprintf("ratios grove/jomo: iterations/s %.1fx, worst-parameter ESS/s %.1fx\n",
              jomoPerIter / grovePerIter,
              (groveWorst / (grovePerIter * iters)) / (jomoWorst / (jomoPerIter * iters))))
}
