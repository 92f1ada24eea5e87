#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The same as submit.sh on one machine (or over ssh hosts) with GNU parallel: K grove-run
# processes, one chain each, then the merge into OUT/merged.
#
# Usage: packaging/slurm/parallel.sh K OUT grove-run arguments...
#   (the arguments of a single run without --chains, --chain-index and --out)
# GROVE_JOBS sets how many chains run at once (default: one per core); GROVE_RUN names the
# grove-run to use. Extra GNU parallel options (e.g. --sshloginfile hosts) go in
# GROVE_PARALLEL_OPTIONS.
set -euo pipefail
if [ $# -lt 3 ]; then
    sed -n '3,10p' "$0" >&2
    exit 2
fi
chains=$1
out=$2
shift 2
grove_run=${GROVE_RUN:-grove-run}
exports=()
for ((i = 1; i <= $#; i++)); do
    case ${!i} in
    --export) j=$((i + 1)); exports=(--export "${!j}") ;;
    --export=*) exports=("${!i}") ;;
    esac
done
mkdir -p "$out"
# -q: every argument reaches grove-run as it is, quotes and spaces included.
# shellcheck disable=SC2086
seq 0 $((chains - 1)) | parallel --halt now,fail=1 -j "${GROVE_JOBS:-100%}" \
    ${GROVE_PARALLEL_OPTIONS:-} -q "$grove_run" "$@" --threads 1 --chains "$chains" \
    --chain-index {} --out "$out/chain{}"
folders=()
for ((k = 0; k < chains; k++)); do folders+=("$out/chain$k"); done
"$grove_run" --merge "${folders[@]}" "${exports[@]}" --out "$out/merged"
