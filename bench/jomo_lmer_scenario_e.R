# SPDX-License-Identifier: GPL-3.0-or-later
# Scenario E of BENCH.md in R: jomo.lmer (substantive-model-compatible imputation, jomo 2.7) on
# the seeds' one-pass interaction model, normexam ~ standlrtmiss * girlmiss + (1 | school) on
# tutmiss, with standlrtmiss (Normal) and girlmiss (binary) imputed with a school effect.
# With a sixth argument `sim`, the data are bench_onepass's simulated N = 20,000 rows in J = 5,000
# clusters and the model y ~ x1 * x2 + (1 | cluster) (x1 Normal, x2 binary, both incomplete).
# Usage: Rscript jomo_lmer_scenario_e.R data.csv burnin iterations grove_draws.csv grove_seconds [sim]
# Prints jomo.lmer's time per iteration, both engines' ESS of every MOI parameter (the same
# Geyer estimator for both, on the draws after burn-in of one chain), the worst one and the ratios.
suppressMessages(library(jomo))
args <- commandArgs(TRUE)
script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
source(file.path(dirname(script), "bench_common.R"))
# d, burn, iters, groveDraws and groveSeconds from the command line (bench_common.R)
invisible(list2env(peerArguments(args), environment()))

if (length(args) >= 6 && args[6] == "sim") {
  data <- data.frame(y = d$y, x1 = d$x1, x2 = factor(d$x2), cluster = d$cluster)
  model <- y ~ x1 * x2 + (1 | cluster)
} else {
  data <- data.frame(normexam = d$normexam, standlrtmiss = d$standlrtmiss,
                     girlmiss = factor(d$girlmiss), school = d$school)
  model <- normexam ~ standlrtmiss * girlmiss + (1 | school)
}
set.seed(1)
seconds <- system.time(
  out <- suppressMessages(jomo.lmer.MCMCchain(model, data = data, nburn = burn + iters, output = 0))
)[["elapsed"]]
keep <- (burn + 1):(burn + iters)
beta <- matrix(out$collectbetaY, nrow = dim(out$collectbetaY)[2])
jomoDraws <- cbind(t(beta[, keep, drop = FALSE]), as.numeric(out$collectcovuY)[keep],
                   as.numeric(out$collectvarY)[keep])
colnames(jomoDraws) <- c("beta_0", "beta_1", "beta_2", "beta_3", "omega_uint_0", "sigma2")

jomoPerIter <- seconds / (burn + iters)
grovePerIter <- groveSeconds / (burn + iters)
cat(sprintf("%-14s %11s %11s %9s %11s %11s %9s\n", "parameter", "jomo mean", "grove mean",
            "jomo ESS", "jomo ESS/s", "grove ESS", "grove ESS/s"))
jomoEss <- apply(jomoDraws, 2, ess)
groveEss <- apply(groveDraws[, colnames(jomoDraws), drop = FALSE], 2, ess)
for (p in colnames(jomoDraws))
  cat(sprintf("%-14s %11.5f %11.5f %9.1f %11.2f %11.1f %9.1f\n", p, mean(jomoDraws[, p]),
              mean(groveDraws[, p]), jomoEss[p], jomoEss[p] / (jomoPerIter * iters), groveEss[p],
              groveEss[p] / (grovePerIter * iters)))
jomoWorst <- min(jomoEss, na.rm = TRUE); groveWorst <- min(groveEss, na.rm = TRUE)
cat(sprintf("jomo.lmer %s: %.3f ms/iteration (%.0f iterations/s); worst MOI ESS %.1f of %d (%s) -> %.2f ESS/s\n",
            packageVersion("jomo"), 1e3 * jomoPerIter, 1 / jomoPerIter, jomoWorst, iters,
            names(jomoEss)[which.min(jomoEss)], jomoWorst / (jomoPerIter * iters)))
cat(sprintf("grove:    %.3f ms/iteration (%.0f iterations/s); worst MOI ESS %.1f of %d (%s) -> %.2f ESS/s\n",
            1e3 * grovePerIter, 1 / grovePerIter, groveWorst, iters,
            names(groveEss)[which.min(groveEss)], groveWorst / (grovePerIter * iters)))
cat(sprintf("ratios grove/jomo.lmer per chain: iterations/s %.1fx, worst-MOI-parameter ESS/s %.1fx\n",
            jomoPerIter / grovePerIter,
            (groveWorst / (grovePerIter * iters)) / (jomoWorst / (jomoPerIter * iters))))
