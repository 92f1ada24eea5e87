# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 5 "Speed", the R peer of bench_pipeline: the seeds' worked example on tutmiss with
# jomo (imputation: 1000 burn-in iterations, then an imputation every 50, 4 imputations), lme4
# (the model of interest normexam ~ standlrtmiss + girlmiss + schgendmiss + (1 | school) on
# every completed dataset and on the complete cases) and mitml (Rubin's rules, with the
# variance components). The imputation model is the worked example's as far as jomo allows:
# normexam, standlrtmiss (Normal) and girlmiss (Binary) at level 1, schgendmiss (3 categories)
# at level 2; jomo takes one covariate matrix for all level-1 responses, so every level-1
# response gets cons + vrband dummies (Grove gives vrband to standlrtmiss only). One chain
# (jomo has no parallel chains); Grove runs 2 chains of 1150 iterations on 2 threads.
# Usage: Rscript pipeline_r.R tutmiss.csv [repetitions=5]
suppressMessages({
  library(jomo)
  library(lme4)
  library(mitml)
})
script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
source(file.path(dirname(script), "bench_common.R"))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
repetitions <- if (length(args) > 1) as.integer(args[2]) else 5L

model <- tutmissJomoModel(d)
formula <- normexam ~ standlrtmiss + girlmiss + factor(schgendmiss) + (1 | school)

pipeline <- function(seed) {
  set.seed(seed)
  times <- c(impute = 0, fits = 0, complete = 0, pool = 0)
  times["impute"] <- system.time(
    imputed <- jomo(Y = model$Y, Y2 = model$Y2, X = model$X, X2 = model$X2, clus = d$school,
                    nburn = 1000, nbetween = 50, nimp = 4, output = 0)
  )[["elapsed"]]
  times["fits"] <- system.time({
    imputations <- jomo2mitml.list(imputed)
    fits <- with(imputations, lmer(normexam ~ standlrtmiss + girlmiss + factor(schgendmiss) +
                                     (1 | clus)))
  })[["elapsed"]]
  times["complete"] <- system.time(
    complete <- lmer(formula, data = d[complete.cases(d[, c("normexam", "standlrtmiss",
                                                             "girlmiss", "schgendmiss")]), ])
  )[["elapsed"]]
  times["pool"] <- system.time(
    pooled <- testEstimates(fits, extra.pars = TRUE)
  )[["elapsed"]]
  list(times = times, pooled = pooled)
}

runs <- lapply(seq_len(repetitions), function(r) pipeline(r))
times <- do.call(rbind, lapply(runs, `[[`, "times"))
total <- rowSums(times)
cat(sprintf("R %s, jomo %s, lme4 %s, mitml %s; %d runs\n", getRversion(), packageVersion("jomo"),
            packageVersion("lme4"), packageVersion("mitml"), repetitions))
cat(sprintf("%-52s median %.3f s  (min %.3f, max %.3f)\n",
            "R pipeline (jomo + 4 lmer + complete cases + mitml):", median(total), min(total),
            max(total)))
for (phase in colnames(times))
  cat(sprintf("  %-10s median %.3f s\n", phase, median(times[, phase])))
cat("\nPooled estimates of the last run (mitml):\n")
print(runs[[repetitions]]$pooled)
