#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# R reads grove-run's stacked exports of the worked example as a user would: the Stata flong
# .dta and the SPSS .sav with haven, the .R script builds the mids and mitml.list, and mice pools
# the same fit from the .dta and from the .csv. Exit 77 (skipped) without R, mice, mitml, haven.
# Usage: exports-in-r.sh GROVE_RUN
set -eu
grove_run=$1
command -v Rscript >/dev/null 2>&1 || { echo "Rscript not installed: skipped"; exit 77; }
Rscript -e 'for (p in c("mice", "mitml", "haven")) if (!requireNamespace(p, quietly = TRUE)) quit(status = 77)' ||
    { echo "R lacks mice, mitml or haven: skipped"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
GROVE_HISTORY_FILE="$out/history.tsv" "$grove_run" --dataset tutmiss --template 2LevelImpute \
    --seed 1 --chains 2 --export stata,spss,r --out "$out/run" --inputs "{'numlevs': 'Yes', 'L2ID': 'school', 'MOIlevel': '2 levels', 'MOIdist': 'Normal', 'MOIslope': 'No', 'y': 'normexam', 'x': 'cons,standlrtmiss,girlmiss,schgendmiss:cat', 'yimp1': 'normexam,standlrtmiss,girlmiss', 'bin1_1': 'Normal', 'bin1_2': 'Normal', 'bin1_3': 'Binary', 'ximp1_0': 'cons', 'ximp1_1': 'cons,vrband:cat', 'ximp1_2': 'cons', 'want2': 'Yes', 'yimp2': 'schgendmiss', 'bin2_1': 'Unordered', 'ncatsschgendmiss': '3', 'ximp2_0_0': 'cons', 'ximp2_0_1': 'cons', 'condmarg': 'Yes', 'numimpute': '4', 'imputefirst': '1000', 'imputeevery': '50', 'burnin': '100', 'iterations': '250'}" \
    >/dev/null 2>"$out/stderr" || { cat "$out/stderr"; exit 1; }
cd "$out" # the .R script must find its .csv from another folder
Rscript - "$out/run" <<'RCODE'
suppressPackageStartupMessages({ library(mice); library(mitml); library(haven) })
dir <- commandArgs(TRUE)[1]
check <- function(ok, what) if (!isTRUE(ok)) { cat("FAILED:", what, "\n"); quit(status = 1) }
# The .R script as a user runs it: imp (mids) and implist (mitml.list).
source(file.path(dir, "Imputation_Model_mids.R"), chdir = TRUE)
check(is.mids(imp) && imp$m == 4, "the script builds a mids with 4 imputations")
check(inherits(implist, "mitml.list") && length(implist) == 4, "and a mitml.list of 4")
long <- read.csv(file.path(dir, "Imputation_Model_long.csv"), check.names = FALSE)
# Stata flong: m = 0 is the data with missing values, 1..4 the completed datasets.
flong <- as.data.frame(zap_labels(read_dta(file.path(dir, "Imputation_Model_mi_flong.dta"))))
check(nrow(flong) == 5 * 4059 && all(table(flong$`_mi_m`) == 4059), "flong has 5 x 4059 rows")
check(all(flong$`_mi_id` == long$.id), "_mi_id is the row")
check(sum(is.na(flong$standlrtmiss[flong$`_mi_m` == 0])) > 0, "m = 0 keeps the missing values")
check(!anyNA(flong$standlrtmiss[flong$`_mi_m` > 0]), "m > 0 is complete")
check(all(flong$`_mi_miss`[flong$`_mi_m` == 0] ==
          !complete.cases(flong[flong$`_mi_m` == 0, c("normexam", "standlrtmiss", "girlmiss", "schgendmiss")])),
      "_mi_miss marks the incomplete rows of m = 0")
check(all(is.na(flong$`_mi_miss`[flong$`_mi_m` > 0])), "_mi_miss is missing in m > 0")
vars <- setdiff(names(long), c(".imp", ".id"))
check(isTRUE(all.equal(flong[vars], long[vars], check.attributes = FALSE, tolerance = 0)),
      "the .dta and the .csv hold the same values")
# SPSS: Imputation_ and the labels.
sav <- read_sav(file.path(dir, "Imputation_Model_stacked.sav"))
check(all(table(sav$Imputation_) == 4059), "the .sav stacks 5 x 4059 rows by Imputation_")
check(isTRUE(all.equal(as.data.frame(zap_labels(sav))[vars], long[vars], check.attributes = FALSE,
                       tolerance = 0)), "the .sav holds the same values")
# The same fit pooled from the mids built from the .dta and from the script's mids.
fromDta <- as.mids(transform(flong, .imp = `_mi_m`, .id = `_mi_id`)[c(".imp", ".id", vars)])
a <- summary(pool(with(imp, lm(normexam ~ standlrtmiss + girlmiss))))
b <- summary(pool(with(fromDta, lm(normexam ~ standlrtmiss + girlmiss))))
check(isTRUE(all.equal(a$estimate, b$estimate)) && isTRUE(all.equal(a$std.error, b$std.error)),
      "mice pools the same fit from the .dta and the .csv")
te <- testEstimates(with(implist, lm(normexam ~ standlrtmiss + girlmiss)))
check(isTRUE(all.equal(unname(te$estimates[, 1]), a$estimate)), "mitml agrees with mice")
l2 <- read.csv(file.path(dir, "Imputation_Model_L2Data_long.csv"))
check(nrow(l2) == 5 * 65 && anyNA(l2$schgendmiss[l2$.imp == 0]) && !anyNA(l2$schgendmiss[l2$.imp > 0]),
      "the L2Data export stacks 5 x 65 schools, missing only in m = 0")
print(a[, c("term", "estimate", "std.error", "df")])
cat("R read every export\n")
RCODE
