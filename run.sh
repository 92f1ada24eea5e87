#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up Grove (Debian packages, build) and runs it. With a display it opens the GUI with the
# tutmiss dataset; without one it runs the seeds' 2LevelImpute worked example through grove-run
# and writes every output to out/worked-example.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
"$root/packaging/install-deps"
"$root/packaging/build"
build=${GROVE_BUILD_DIR:-"$root/build"}

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$build/app/grove" --dataset tutmiss "$@"
fi

echo "run.sh: no display; running the seeds' 2LevelImpute worked example with grove-run" >&2
exec "$root/packaging/worked-example" "$build/app/grove-run" "$root/out/worked-example"
