#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Scenario B's level-1 model (normexam Normal, girlmiss Binary, vrb and lrtband categorical,
# random intercepts by school) against R jomo1ranmix on the same data and number of iterations
# (one chain each). jomo has no ordinal responses, so it takes vrb as nominal.
# Usage: bench/compare_jomo_mixed.sh BUILD_DIR [burnin] [iterations]
set -eu
build=${1:?usage: compare_jomo_mixed.sh BUILD_DIR [burnin] [iterations]}
burn=${2:-1000}
iters=${3:-5000}
here=$(cd "$(dirname "$0")" && pwd)
draws=$(mktemp /tmp/grove_draws.XXXXXX.csv)
data=$(mktemp /tmp/grove_data.XXXXXX.csv)
seconds=$("$build/bench/bench_imputation" mixed "$iters" "$burn" "$draws" "$data")
echo "grove run: $seconds s for $burn + $iters iterations"
Rscript "$here/jomo_mixed_scenario_b.R" "$data" "$burn" "$iters" "$draws" "$seconds"
rm -f "$draws" "$data"
