#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Policy: core/ is Qt-free, and nothing in the build refers to ../shared. Fails with a hint.
set -u
root=${1:?usage: check-layering.sh REPO_ROOT}
status=0
qt=$(grep -rlE '#include *[<"](Q[A-Z]|qcustomplot|Qt)' "$root/core" 2>/dev/null)
if [ -n "$qt" ]; then
  echo "core/ must not include Qt headers (move the code to ui/ or adapt through a callback):"
  echo "$qt"
  status=1
fi
shared=$(grep -rlE '\.\./shared|/work/shared' "$root/core" "$root/ui" "$root/app" "$root/tests" \
  "$root/CMakeLists.txt" "$root/packaging" 2>/dev/null | grep -v 'check-layering.sh')
if [ -n "$shared" ]; then
  echo "the project must not refer to ../shared (copy what it needs into the repository):"
  echo "$shared"
  status=1
fi
[ $status -eq 0 ] && echo "layering: 1 passed, 0 failed"
exit $status
