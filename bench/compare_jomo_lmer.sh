#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Scenario E: Grove's one-pass sampler against R's jomo.lmer on the Stat-JR manual's interaction model,
# same data, same number of iterations, one chain each, run back to back.
# Usage: bench/compare_jomo_lmer.sh BUILD_DIR [burnin] [iterations] [tutmiss|sim]
# (sim: simulated N = 20,000 rows in J = 5,000 clusters, y ~ x1 * x2 + (1 | cluster))
# Needs: apt-get install r-base-core r-cran-jomo r-cran-lme4
set -eu
build=${1:?usage: compare_jomo_lmer.sh BUILD_DIR [burnin] [iterations]}
burn=${2:-500}
iters=${3:-2000}
scenario=${4:-tutmiss}
here=$(cd "$(dirname "$0")" && pwd)
csv="$here/../datasets/csv/tutmiss.csv"
draws=$(mktemp /tmp/grove_onepass_draws.XXXXXX.csv)
sim=$(mktemp /tmp/grove_onepass_sim.XXXXXX.csv)
trap 'rm -f "$draws" "$sim"' EXIT
echo "scenario $scenario; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$scenario" = sim ]; then
  seconds=$("$build/bench/bench_onepass" draws "$iters" "$burn" "$draws" "$sim")
  csv=$sim
else
  seconds=$("$build/bench/bench_onepass" draws "$iters" "$burn" "$draws")
fi
echo "grove one-pass: $seconds s for $burn + $iters iterations (1 chain, 1 thread)"
Rscript "$here/jomo_lmer_scenario_e.R" "$csv" "$burn" "$iters" "$draws" "$seconds" "$scenario"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
