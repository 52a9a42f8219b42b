#!/usr/bin/env python3
"""Runs the g-counter node once under maelstrom-sim (challenge 4 setting by
default) and appends one CSV row: verdict, final reads, acceptable range,
servers msgs-per-op, and read lag.

Read lag of an :ok read invoked at time t with value v: how long before t the
counter (sum of :ok adds, by completion time) first exceeded v; 0 when v
already covers every add completed before t. It measures how far behind a
node's answer is; lag is reported separately for reads invoked while a
partition was active and for reads invoked within 2 s after a heal.

Example, from the repository root after building into build/:
  docs/challenges/g_counter_run.py --csv docs/challenges/g-counter-runs.csv --seed 1
"""
import argparse
import bisect
import csv
import json
import os
import pathlib
import subprocess
import sys
import tempfile

FIELDS = ["label", "seed", "valid", "final_reads", "acceptable", "servers_msgs_per_op", "lag_p50_ms",
          "lag_p99_ms", "lag_max_ms", "lag_max_partitioned_ms", "lag_max_after_heal_ms",
          "command"]


def quantile(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))]


def read_lags(history):
    add_done = []  # (completion time ns, delta) of :ok adds
    invoke_time = {}
    reads = []  # (invoke time ns, value)
    windows = []  # partitions as [start, end)
    heals = []
    for op in history:
        if op.get("process") == "nemesis":
            if op["type"] == "info" and op["f"] == "start-partition":
                windows.append([op["time"], None])
            if op["type"] == "info" and op["f"] == "stop-partition":
                heals.append(op["time"])
                if windows and windows[-1][1] is None:
                    windows[-1][1] = op["time"]
            continue
        if op["type"] == "invoke":
            invoke_time[op["process"]] = (op["time"], op.get("value"))
        elif op["type"] == "ok":
            started, value = invoke_time.get(op["process"], (op["time"], None))
            if op["f"] == "add":
                add_done.append((op["time"], value))
            elif op["f"] == "read":
                reads.append((started, op["value"]))
    add_done.sort()
    times = [t for t, _ in add_done]
    prefix = []
    total = 0
    for _, delta in add_done:
        total += delta
        prefix.append(total)
    lags, partitioned, after_heal = [], [], []
    for started, value in reads:
        done_before = bisect.bisect_left(times, started)
        # First add whose completion made the counter exceed the read value.
        first_above = bisect.bisect_right(prefix, value)
        lag_ms = 0.0
        if first_above < done_before:
            lag_ms = (started - times[first_above]) / 1e6
        lag_ms = round(lag_ms, 1)
        lags.append(lag_ms)
        if any(start <= started and (end is None or started < end) for start, end in windows):
            partitioned.append(lag_ms)
        if any(0 <= started - heal < 2e9 for heal in heals):
            after_heal.append(lag_ms)
    return lags, partitioned, after_heal


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sim", default="build/sim/maelstrom-sim")
    parser.add_argument("--bin", default="build/challenges/g-counter")
    parser.add_argument("--csv", required=True)
    parser.add_argument("--seed", required=True)
    parser.add_argument("--label", default="default")
    parser.add_argument("--time-limit", default="20")
    args = parser.parse_args()
    sim_args = ["--node-count", "3", "--rate", "100", "--time-limit", args.time_limit,
                "--nemesis", "partition", "--seed", args.seed]
    with tempfile.TemporaryDirectory() as store:
        command = [args.sim, "test", "-w", "g-counter", "--bin", args.bin, "--store", store]
        subprocess.run(command + sim_args, stdout=subprocess.DEVNULL, check=False)
        run_dir = pathlib.Path(store) / "g-counter" / "latest"
        results = json.loads((run_dir / "results.json").read_text())
        history = json.loads((run_dir / "history.json").read_text())
    lags, partitioned, after_heal = read_lags(history)
    workload = results["workload"]
    prefix = ["GCOUNTER_GOSSIP_MS=" + os.environ["GCOUNTER_GOSSIP_MS"]] \
        if "GCOUNTER_GOSSIP_MS" in os.environ else []
    row = {
        "label": args.label,
        "seed": args.seed,
        "valid": results.get("valid?"),
        "final_reads": " ".join(str(v) for v in workload.get("final-reads", [])),
        "acceptable": " ".join(f"{lo}-{hi}" for lo, hi in workload.get("acceptable", [])),
        "servers_msgs_per_op": round(results["net"]["servers"].get("msgs-per-op", 0.0), 3),
        "lag_p50_ms": quantile(lags, 0.5),
        "lag_p99_ms": quantile(lags, 0.99),
        "lag_max_ms": max(lags, default=None),
        "lag_max_partitioned_ms": max(partitioned, default=None),
        "lag_max_after_heal_ms": max(after_heal, default=None),
        "command": " ".join(prefix + ["maelstrom-sim", "test", "-w", "g-counter", "--bin",
                             "build/challenges/g-counter"] + sim_args),
    }
    path = pathlib.Path(args.csv)
    new_file = not path.exists()
    with open(path, "a", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=FIELDS)
        if new_file:
            writer.writeheader()
        writer.writerow(row)
    print(", ".join(f"{k}={row[k]}" for k in FIELDS if k != "command"), file=sys.stderr)


if __name__ == "__main__":
    main()
