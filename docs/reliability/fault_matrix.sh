#!/usr/bin/env bash
# Fault matrix: runs broadcast, g-counter, kafka and txn-rw-register under the
# bench with network partitions, once with each part's published command line
# plus `--nemesis partition`, and once more with exponentially distributed
# message latency on top, for every seed. Runs go one at a time, so that the
# nodes of one run never compete with another run for the CPU.
#
#   bash docs/reliability/fault_matrix.sh OUTDIR
#
# Environment:
#   BUILD_DIR   build tree holding sim/maelstrom-sim and challenges/ (default build)
#   SEEDS       seeds to run (default "1 2 3 4 5 6 7 8 9 10")
#   WORKLOADS   subset of "broadcast g-counter kafka txn-rw-register" (default all)
#   TIME_LIMIT  --time-limit of every run (default 20, the published value)
#   LATENCY     mean latency in ms of the exponential variant (default 100); the
#               bench, like Maelstrom, cannot draw exponential latencies around
#               a mean of 0, which is every published line's default here
#
# Each run gets OUTDIR/<workload>/<variant>/seed-<S>/ as its working directory
# (the bench writes store/ there), with command.txt, stdout.txt, stderr.txt and
# exit-code.txt beside it. A run whose exit-code.txt exists is not run again, so
# an interrupted matrix can be resumed. docs/reliability/fault_matrix_table.py
# turns OUTDIR into the CSV and the summary table.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: bash docs/reliability/fault_matrix.sh OUTDIR" >&2
    exit 2
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
build=$(cd "${BUILD_DIR:-build}" && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
seeds=${SEEDS:-"1 2 3 4 5 6 7 8 9 10"}
workloads=${WORKLOADS:-"broadcast g-counter kafka txn-rw-register"}
time_limit=${TIME_LIMIT:-20}
latency=${LATENCY:-100}

sim="$build/sim/maelstrom-sim"
if [ ! -x "$sim" ]; then
    echo "no bench at $sim: build first, or set BUILD_DIR" >&2
    exit 2
fi

# The part each line comes from: 3c, 4, 5b/5c and 6c.
published_args() {
    case "$1" in
        broadcast) echo "-w broadcast --node-count 5 --time-limit $time_limit --rate 10 --nemesis partition" ;;
        g-counter) echo "-w g-counter --node-count 3 --rate 100 --time-limit $time_limit --nemesis partition" ;;
        kafka) echo "-w kafka --node-count 2 --concurrency 2n --time-limit $time_limit --rate 1000 --nemesis partition" ;;
        txn-rw-register)
            echo "-w txn-rw-register --node-count 2 --concurrency 2n --time-limit $time_limit --rate 1000" \
                "--consistency-models read-committed --availability total --nemesis partition"
            ;;
        *)
            echo "unknown workload '$1'" >&2
            return 1
            ;;
    esac
}

for workload in $workloads; do
    bin="$build/challenges/$workload"
    if [ ! -x "$bin" ]; then
        echo "no challenge binary at $bin" >&2
        exit 2
    fi
    base=$(published_args "$workload")
    for variant in partition partition-exponential; do
        extra=""
        if [ "$variant" = partition-exponential ]; then
            extra="--latency $latency --latency-dist exponential"
        fi
        for seed in $seeds; do
            dir="$out/$workload/$variant/seed-$seed"
            if [ -f "$dir/exit-code.txt" ]; then
                echo "== $workload $variant seed $seed: done before (exit $(cat "$dir/exit-code.txt")), skipped"
                continue
            fi
            rm -rf "$dir"
            mkdir -p "$dir"
            # Word splitting of $base and $extra is intended: they hold options only.
            # shellcheck disable=SC2206
            cmd=("$sim" test --bin "$bin" $base $extra --seed "$seed")
            printf '%q ' "${cmd[@]}" >"$dir/command.txt"
            echo >>"$dir/command.txt"
            echo "== $workload $variant seed $seed ($(date -u +%H:%M:%S) UTC)"
            rc=0
            (cd "$dir" && "${cmd[@]}" >stdout.txt 2>stderr.txt) || rc=$?
            echo "$rc" >"$dir/exit-code.txt"
            echo "   exit $rc, $(tail -n 1 "$dir/stdout.txt")"
        done
    done
done
