#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Spreads the chains of one grove-run over a Slurm cluster: a job array runs chain k of K in
# task k (grove-run --chains K --chain-index k), and a job that starts when every task has
# succeeded merges the chains (grove-run --merge) into OUT/merged: the same files, bit for bit,
# as one grove-run --chains K on one machine.
#
# Usage: packaging/slurm/submit.sh K OUT [sbatch options --] grove-run arguments...
#   e.g. submit.sh 8 /scratch/run1 --time=02:00:00 -- --dataset tutmiss --template 2LevelImpute \
#        --seed 1 --inputs "{...}" --export stata,spss,r
# The grove-run arguments are those of a single run without --chains, --chain-index and --out.
# GROVE_RUN names the grove-run to use (default: grove-run on PATH).
set -euo pipefail
if [ $# -lt 3 ]; then
    sed -n '3,13p' "$0" >&2
    exit 2
fi
chains=$1
out=$(realpath -m "$2")
shift 2
sbatch_options=()
if [[ " $* " == *" -- "* ]]; then
    while [ "$1" != "--" ]; do
        sbatch_options+=("$1")
        shift
    done
    shift
fi
here=$(dirname "$(realpath "$0")")
mkdir -p "$out"
# The arguments one per line, so inputs with quotes and spaces reach every task unchanged.
printf '%s\n' "$@" >"$out/grove-run.args"
export GROVE_OUT=$out GROVE_CHAINS=$chains GROVE_RUN=${GROVE_RUN:-grove-run}
array=$(sbatch --parsable "${sbatch_options[@]}" --export=ALL --array="0-$((chains - 1))" \
    --job-name=grove-chain --output="$out/chain-%a.log" "$here/grove-chain.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable "${sbatch_options[@]}" --export=ALL --dependency="afterok:$array" \
    --job-name=grove-merge --output="$out/merge.log" "$here/grove-merge.sbatch")
echo "chains: job array $array (0-$((chains - 1))); merge: job ${merge%%;*} -> $out/merged"
