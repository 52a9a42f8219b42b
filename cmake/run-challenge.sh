#!/usr/bin/env bash
# Runs one Gossip Glomers part against our binary in build/challenges/, with the
# part's published command line, under real Maelstrom when `maelstrom` is on
# PATH and under our bench (build/sim/maelstrom-sim) otherwise.
#   bash cmake/run-challenge.sh PART   e.g. 1, 2, 3a..3e, 4, 5a..5c, 6a..6c, or a
#                                      workload name (kafka, broadcast, ...) for its
#                                      most demanding part
# Extra arguments after PART are appended to the command line.
set -euo pipefail

part=${1:-kafka}
shift || true
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MAELSTROM_BUILD_DIR:-$root/build}

case "$part" in
    kafka) part=5c ;;
    txn-rw-register) part=6c ;;
    g-counter) part=4 ;;
    broadcast) part=3d ;;
    unique-ids) part=2 ;;
    echo) part=1 ;;
esac

case "$part" in
    1) bin=echo; args=(-w echo --node-count 1 --time-limit 10) ;;
    2) bin=unique-ids; args=(-w unique-ids --time-limit 30 --rate 1000 --node-count 3 --availability total --nemesis partition) ;;
    3a) bin=broadcast; args=(-w broadcast --node-count 1 --time-limit 20 --rate 10) ;;
    3b) bin=broadcast; args=(-w broadcast --node-count 5 --time-limit 20 --rate 10) ;;
    3c) bin=broadcast; args=(-w broadcast --node-count 5 --time-limit 20 --rate 10 --nemesis partition) ;;
    3d | 3e) bin=broadcast; args=(-w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100) ;;
    4) bin=g-counter; args=(-w g-counter --node-count 3 --rate 100 --time-limit 20 --nemesis partition) ;;
    5a) bin=kafka; args=(-w kafka --node-count 1 --concurrency 2n --time-limit 20 --rate 1000) ;;
    5b | 5c) bin=kafka; args=(-w kafka --node-count 2 --concurrency 2n --time-limit 20 --rate 1000) ;;
    6a) bin=txn-rw-register; args=(-w txn-rw-register --node-count 1 --time-limit 20 --rate 1000 --concurrency 2n --consistency-models read-uncommitted --availability total) ;;
    6b) bin=txn-rw-register; args=(-w txn-rw-register --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-uncommitted --availability total --nemesis partition) ;;
    6c) bin=txn-rw-register; args=(-w txn-rw-register --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-committed --availability total --nemesis partition) ;;
    *) echo "unknown part '$part' (1, 2, 3a-3e, 4, 5a-5c, 6a-6c)" >&2; exit 2 ;;
esac

# Until a challenge exists, the job falls back to the most advanced one that does.
if [ ! -x "$build/challenges/$bin" ]; then
    for fallback in kafka txn-rw-register g-counter broadcast unique-ids echo; do
        if [ -x "$build/challenges/$fallback" ]; then
            echo "== $build/challenges/$bin does not exist yet; running $fallback instead" >&2
            exec bash "$0" "$fallback" "$@"
        fi
    done
    echo "no challenge binary in $build/challenges: build first (cmake --preset release && cmake --build --preset release)" >&2
    exit 2
fi

cd "$build"
if command -v maelstrom >/dev/null 2>&1; then
    echo "== real Maelstrom: maelstrom test ${args[*]} --bin ./challenges/$bin $*"
    exec maelstrom test "${args[@]}" --bin "./challenges/$bin" "$@"
fi
if [ ! -x "$build/sim/maelstrom-sim" ]; then
    echo "neither real Maelstrom on PATH nor the bench at $build/sim/maelstrom-sim" >&2
    exit 2
fi
echo "== bench: maelstrom-sim test ${args[*]} --bin ./challenges/$bin --targets $part $*"
exec ./sim/maelstrom-sim test "${args[@]}" --bin "./challenges/$bin" --targets "$part" "$@"
