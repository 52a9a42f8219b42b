#!/bin/sh
# Runs the library-only build of docs/getting-started.md ("Use the library from
# your own project") in a scratch binary dir, then installs it, builds the
# consumer project against it and runs it, with install_test.sh.
# Usage: library_only_test.sh <source dir> <consumer source dir> <work dir>
set -eu
source_dir=$1
consumer_dir=$2
work_dir=$3

rm -rf "$work_dir"
mkdir -p "$work_dir"
cd "$source_dir"
# The documented commands, with -B so that the user's build-lib/ is left alone;
# `cmake --build --preset lib` builds the preset's binary dir, so the scratch
# dir is built directly (the lib build preset adds nothing to that).
cmake --preset lib -B "$work_dir/build-lib" >"$work_dir/configure.log"
cmake --build "$work_dir/build-lib" >"$work_dir/build.log"
compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$work_dir/build-lib/CMakeCache.txt")
exec sh "$(dirname "$0")/install_test.sh" "$work_dir/build-lib" "$consumer_dir" \
    "$work_dir/consumer" "$compiler"
