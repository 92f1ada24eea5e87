#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Scenario A against R jomo on the same model, data and number of iterations (one chain each).
# Usage: bench/compare_jomo.sh BUILD_DIR [burnin] [iterations]
set -eu
build=${1:?usage: compare_jomo.sh BUILD_DIR [burnin] [iterations]}
burn=${2:-1000}
iters=${3:-5000}
here=$(cd "$(dirname "$0")" && pwd)
csv="$here/../datasets/csv/tutmiss.csv"
draws=$(mktemp /tmp/grove_draws.XXXXXX.csv)
seconds=$("$build/bench/bench_imputation" jomo "$iters" "$burn" "$draws")
echo "grove run: $seconds s for $burn + $iters iterations"
Rscript "$here/jomo_scenario_a.R" "$csv" "$burn" "$iters" "$draws" "$seconds"
rm -f "$draws"
