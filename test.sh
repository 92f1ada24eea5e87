#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up Grove if needed (Debian packages, build) and runs the whole test suite with CTest.
# Extra arguments go to ctest, e.g. ./test.sh -L unit  or  ./test.sh -R Dataset.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
"$root/packaging/install-deps"
"$root/packaging/build"
build=${GROVE_BUILD_DIR:-"$root/build"}
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
