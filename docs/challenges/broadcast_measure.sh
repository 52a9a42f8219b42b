#!/bin/sh
# Full-length broadcast measurements behind docs/challenges/broadcast.md: parts
# 3a-3c at their own settings, the 3d/3e setting at several relay shapes and batch intervals, then partitions,
# exponential latency and other topologies at the default setting. Usage, from
# the repository root: docs/challenges/broadcast_measure.sh [sim] [bin] [csv]
set -eu
sim=${1:-build/sim/maelstrom-sim}
bin=${2:-build/challenges/broadcast}
csv=${3:-docs/challenges/broadcast-runs.csv}
run="python3 docs/challenges/broadcast_run.py --sim $sim --bin $bin --csv $csv"
setting="--node-count 25 --time-limit 20 --rate 100 --latency 100"

$run --label part-3a -- --node-count 1 --time-limit 20 --rate 10 --seed 1
$run --label part-3b -- --node-count 5 --time-limit 20 --rate 10 --seed 1
$run --label part-3c -- --node-count 5 --time-limit 20 --rate 10 --nemesis partition --seed 1
$run --label direct-0 --env BROADCAST_SHAPE=direct --env BROADCAST_INTERVAL_MS=0 -- $setting --seed 1
for interval in 0 40 80 150 250 400 700; do
    $run --label hub-$interval --env BROADCAST_INTERVAL_MS=$interval -- $setting --seed 1
done
for seed in 2 3; do
    $run --label default -- $setting --seed $seed
done
for seed in 1 2 3; do
    $run --label default-partition -- $setting --nemesis partition --seed $seed
done
$run --label default-exponential -- $setting --latency-dist exponential --seed 1
$run --label default-exponential-partition -- $setting --latency-dist exponential \
    --nemesis partition --seed 2
$run --label default-line -- $setting --topology line --seed 1
$run --label default-tree4 -- $setting --topology tree4 --seed 1
