#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Policy: every C++ file (.cpp, .h) follows .clang-format. Checks the files git tracks (every
# .cpp/.h under the source folders outside git), with clang-format 14, the version the tree is
# formatted with; other versions format a few constructs differently, so they are not used.
# Exit 0 when all are formatted, 1 with the list and the command that fixes them, 77 (skipped)
# when clang-format 14 is not installed.
# Usage: check-format.sh REPO_ROOT [--fix]
set -u
root=${1:?usage: check-format.sh REPO_ROOT [--fix]}
fix=${2:-}
cd "$root" || exit 2

cf=
for c in "${CLANG_FORMAT:-}" clang-format-14 clang-format; do
  [ -n "$c" ] && command -v "$c" >/dev/null 2>&1 || continue
  if "$c" --version 2>/dev/null | grep -q 'version 14\.'; then
    cf=$c
    break
  fi
done
if [ -z "$cf" ]; then
  echo "format: skipped (clang-format 14 not installed; packaging/install-deps installs it)"
  exit 77
fi

if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -- '*.cpp' '*.h' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
else
  mapfile -t files < <(find app bench core tests tools ui -name '*.cpp' -o -name '*.h' 2>/dev/null | sort)
fi

if [ "$fix" = --fix ]; then
  "$cf" -i --style=file "${files[@]}"
  echo "format: reformatted ${#files[@]} files"
  exit 0
fi

# One clang-format process for all files; it names each file with a difference in its
# "file:line:col: error: code should be clang-formatted" lines.
out=$("$cf" --style=file --dry-run -Werror --ferror-limit=1 "${files[@]}" 2>&1)
rc=$?
mapfile -t bad < <(sed -nE 's/^(.+):[0-9]+:[0-9]+: error: code should be clang-formatted.*/\1/p' <<<"$out" | sort -u)
if [ $rc -ne 0 ] && [ ${#bad[@]} -eq 0 ]; then
  echo "format: $cf failed:"
  echo "$out" | head -20
  exit 1
fi
if [ ${#bad[@]} -gt 0 ]; then
  echo "format: ${#bad[@]} of ${#files[@]} C++ files do not follow .clang-format:"
  printf '  %s\n' "${bad[@]}"
  echo "fix them with:  $cf -i --style=file <files>   (or tests/policy/check-format.sh . --fix)"
  exit 1
fi
echo "format: ${#files[@]} C++ files formatted, 0 failed"
