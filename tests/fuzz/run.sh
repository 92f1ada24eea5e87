#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer harnesses with Clang, AddressSanitizer and UndefinedBehaviorSanitizer (in
# build-fuzz/, or $GROVE_FUZZ_BUILD_DIR) and runs each for SECONDS (default 60) from its seed
# corpus in tests/fuzz/corpus/<harness>/ (new inputs go to a scratch copy, not the repository).
#   tests/fuzz/run.sh [SECONDS] [HARNESS...]     harnesses: csv stat_file input_string answers
# A crash, leak, hang (> 10 s on one input) or failed property stops with the input saved as
# build-fuzz/artifacts/<harness>-crash-*; make it a regression test. Exits non-zero then.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(csv stat_file input_string answers)
build=${GROVE_FUZZ_BUILD_DIR:-"$root/build-fuzz"}

CXX=clang++-14 CC=clang-14 cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DGROVE_SANITIZE=address,undefined -DGROVE_BUILD_FUZZ=ON \
  -DGROVE_BUILD_GUI=OFF -DGROVE_BUILD_TESTS=OFF -DGROVE_BUILD_BENCH=OFF >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$build/artifacts"
status=0
for h in "${harnesses[@]}"; do
  scratch=$(mktemp -d)
  cp -r "$root/tests/fuzz/corpus/$h/." "$scratch/"
  log="$build/artifacts/$h.log"
  if "$build/tests/fuzz/fuzz_$h" "$scratch" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$build/artifacts/$h-" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz: $h: $runs executions in ${seconds} s, no crash, leak or hang"
  else
    echo "fuzz: $h: FAILED (see $log and $build/artifacts/$h-*)" >&2
    tail -30 "$log" >&2
    status=1
  fi
  rm -rf "$scratch"
done
exit $status
