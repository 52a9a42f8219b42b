#!/bin/sh
# Builds the subdirectory consumer (which compiles libmaelstrom from source via
# add_subdirectory) and runs it on one echo request.
# Usage: subdirectory_test.sh <source dir> <consumer source dir> <work dir> <compiler> [<flags>]
set -eu
source_dir=$1
consumer_dir=$2
work_dir=$3
compiler=$4
flags=${5:-}

rm -rf "$work_dir"
cmake -S "$consumer_dir" -B "$work_dir" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" \
    -DMAELSTROM_SOURCE_DIR="$source_dir" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" >"$work_dir.configure.log"
cmake --build "$work_dir" --target consumer -j2 >"$work_dir.build.log"

init='{"src":"c0","dest":"n0","body":{"type":"init","msg_id":1,"node_id":"n0","node_ids":["n0"]}}'
echo_request='{"src":"c1","dest":"n0","body":{"type":"echo","msg_id":2,"echo":"vendored"}}'
output=$(printf '%s\n%s\n' "$init" "$echo_request" | "$work_dir/consumer" 2>/dev/null)
expected='{"src":"n0","dest":"c1","body":{"type":"echo_ok","echo":"vendored","in_reply_to":2}}'
case "$output" in
    *"$expected"*) echo "consumer answered: $expected" ;;
    *) echo "unexpected consumer output: $output" >&2; exit 1 ;;
esac
