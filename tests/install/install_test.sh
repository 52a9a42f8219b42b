#!/bin/sh
# Installs the current build into a fresh prefix, builds the consumer project
# against it with find_package(maelstrom), and runs it on one echo request.
# Usage: install_test.sh <build dir> <consumer source dir> <work dir> <compiler> [<flags>]
# (flags: the sanitizer options the library was built with, if any)
set -eu
build_dir=$1
consumer_dir=$2
work_dir=$3
compiler=$4
flags=${5:-}

rm -rf "$work_dir"
mkdir -p "$work_dir"
cmake --install "$build_dir" --prefix "$work_dir/prefix" >"$work_dir/install.log"
cmake -S "$consumer_dir" -B "$work_dir/build" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" \
    -DCMAKE_PREFIX_PATH="$work_dir/prefix" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" >"$work_dir/configure.log"
cmake --build "$work_dir/build" >"$work_dir/build.log"

init='{"src":"c0","dest":"n0","body":{"type":"init","msg_id":1,"node_id":"n0","node_ids":["n0"]}}'
echo_request='{"src":"c1","dest":"n0","body":{"type":"echo","msg_id":2,"echo":"installed"}}'
output=$(printf '%s\n%s\n' "$init" "$echo_request" | "$work_dir/build/consumer" 2>/dev/null)
expected='{"src":"n0","dest":"c1","body":{"type":"echo_ok","echo":"installed","in_reply_to":2}}'
case "$output" in
    *"$expected"*) echo "consumer answered: $expected" ;;
    *) echo "unexpected consumer output: $output" >&2; exit 1 ;;
esac
