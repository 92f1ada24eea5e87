#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up Grove if needed (Debian packages, build) and runs the tests.
#   ./test.sh                the clang-format check and the whole test suite (CTest)
#   ./test.sh --quick        the unit tests only (ctest -L unit)
#   ./test.sh --sanitize     as ./test.sh, then the sanitizer stages (packaging/sanitize):
#                            ASan+UBSan in build-asan/, TSan in build-tsan/, and each fuzz
#                            harness for $GROVE_FUZZ_SECONDS (default 30) under ASan+UBSan
#                            (tests/fuzz/run.sh). CI=true implies it (--no-sanitize: off again).
#   ./test.sh CTEST_ARGS...  only CTest with these arguments, e.g. -L unit or -R Dataset
# Prints each stage's time and a summary; exits non-zero if any stage failed.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
build=${GROVE_BUILD_DIR:-"$root/build"}

quick=0
sanitize=0
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --sanitize) sanitize=2 ;;
    --no-sanitize) sanitize=-1 ;;
    *) break ;;
  esac
  shift
done
# Under CI the sanitizer stages run too, unless only some tests were asked for.
if [ "$sanitize" -eq 0 ] && [ "${CI:-}" = true ] && [ $# -eq 0 ] && [ $quick -eq 0 ]; then
  sanitize=1
fi

summary=()
failed=0
# stage NAME COMMAND...: runs COMMAND, timing it; exit 77 means skipped.
stage() {
  local name=$1 start status=0 result
  shift
  start=$(date +%s)
  echo "test.sh: == $name" >&2
  "$@" || status=$?
  local secs=$(( $(date +%s) - start ))
  case $status in
    0) result=passed ;;
    77) result=skipped ;;
    *) result="FAILED ($status)"; failed=1 ;;
  esac
  summary+=("$(printf '%-10s %-12s %4d s' "$name" "$result" "$secs")")
  echo "test.sh: == $name $result in $secs s" >&2
  return 0
}
finish() {
  echo "test.sh: summary" >&2
  printf 'test.sh:   %s\n' "${summary[@]}" >&2
  exit $failed
}

stage deps "$root/packaging/install-deps"
[ $failed -eq 0 ] || finish
if [ $# -eq 0 ] && [ $quick -eq 0 ]; then
  stage format "$root/tests/policy/check-format.sh" "$root"
fi
stage build "$root/packaging/build"
[ $failed -eq 0 ] || finish   # without a build nothing else can run

if [ $quick -eq 1 ]; then
  stage tests bash -c 'cd "$1" && shift && ctest --output-on-failure -j"$(nproc)" -L unit "$@"' _ "$build" "$@"
else
  stage tests bash -c 'cd "$1" && shift && ctest --output-on-failure -j"$(nproc)" "$@"' _ "$build" "$@"
fi
if [ $sanitize -gt 0 ]; then
  stage asan "$root/packaging/sanitize" asan
  stage tsan "$root/packaging/sanitize" tsan
  stage fuzz "$root/tests/fuzz/run.sh" "${GROVE_FUZZ_SECONDS:-30}"
fi
finish
