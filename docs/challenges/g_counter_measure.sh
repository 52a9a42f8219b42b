#!/bin/sh
# Full-length g-counter measurements behind docs/challenges/g-counter.md: the
# challenge 4 command line at ten seeds, then five seeds with gossip turned off
# (seq-kv alone). Usage, from the repository root:
#   docs/challenges/g_counter_measure.sh [sim] [bin] [csv]
set -eu
sim=${1:-build/sim/maelstrom-sim}
bin=${2:-build/challenges/g-counter}
csv=${3:-docs/challenges/g-counter-runs.csv}
for seed in 1 2 3 4 5 6 7 8 9 10; do
    python3 docs/challenges/g_counter_run.py --sim "$sim" --bin "$bin" --csv "$csv" --seed $seed
done
for seed in 11 12 13 14 15; do
    GCOUNTER_GOSSIP_MS=0 python3 docs/challenges/g_counter_run.py --sim "$sim" --bin "$bin" \
        --csv "$csv" --seed $seed --label seq-kv-only
done
