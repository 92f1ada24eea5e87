#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Pipeline speed: the Stat-JR manual's worked example end to end in Grove (bench_pipeline, 2 threads) and
# in R (jomo + lme4 + mitml, bench/pipeline_r.R), back to back under the same load.
# Usage: bench/compare_pipeline.sh BUILD_DIR [repetitions=5] [threads=2]
set -eu
build=${1:?usage: compare_pipeline.sh BUILD_DIR [repetitions] [threads]}
reps=${2:-5}
threads=${3:-2}
here=$(cd "$(dirname "$0")" && pwd)
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Grove"
"$build/bench/bench_pipeline" "$reps" "$threads" | grep -E "median|thread"
echo "== R"
Rscript "$here/pipeline_r.R" "$here/../datasets/csv/tutmiss.csv" "$reps" | grep -E "^R |median"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
