#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Policy: core/ is Qt-free and knows nothing of ui/ or app/; each core area includes only the
# areas below it in `order`; nothing in the build refers to ../shared. Fails with a hint.
set -u
root=${1:?usage: check-layering.sh REPO_ROOT}
status=0
qt=$(grep -rlE '#include *[<"](Q[A-Z]|qcustomplot|Qt)' "$root/core" 2>/dev/null)
if [ -n "$qt" ]; then
  echo "core/ must not include Qt headers (move the code to ui/ or adapt through a callback):"
  echo "$qt"
  status=1
fi
upward=$(grep -rlE '#include *"(ui|app)/' "$root/core" 2>/dev/null)
if [ -n "$upward" ]; then
  echo "core/ must not include ui/ or app/ headers (move the shared code into core):"
  echo "$upward"
  status=1
fi

# The core areas from the bottom up: an area may include only areas listed before it. Every
# folder of core/ must be listed, so that a new area gets a place in the order.
order=(common math random diag data io spec model mcmc moi onepass pool run)
declare -A rank
for i in "${!order[@]}"; do rank[${order[$i]}]=$i; done
for dir in "$root"/core/*/; do
  area=$(basename "$dir")
  if [ -z "${rank[$area]+set}" ]; then
    echo "core/$area is not in the layering order of tests/policy/check-layering.sh: add it"
    status=1
    continue
  fi
  while IFS=: read -r file included; do
    [ -n "$file" ] || continue
    if [ -z "${rank[$included]+set}" ] || [ "${rank[$included]}" -ge "${rank[$area]}" ]; then
      if [ "$included" != "$area" ]; then
        echo "${file#"$root"/} includes core/$included, which is not below core/$area" \
          "(order: ${order[*]})"
        status=1
      fi
    fi
  done < <(grep -rHoE '#include *"core/[a-z]+/' "$dir" | sed -E 's|#include *"core/([a-z]+)/|\1|')
done

shared=$(grep -rlE '\.\./shared|/work/shared' "$root/core" "$root/ui" "$root/app" "$root/tests" \
  "$root/CMakeLists.txt" "$root/packaging" 2>/dev/null | grep -v 'check-layering.sh')
if [ -n "$shared" ]; then
  echo "the project must not refer to ../shared (copy what it needs into the repository):"
  echo "$shared"
  status=1
fi
[ $status -eq 0 ] && echo "layering: 1 passed, 0 failed"
exit $status
