#!/usr/bin/env python3
"""Runs the broadcast node once under maelstrom-sim and appends one CSV row of
measured figures: verdict, lost values, servers msgs-per-op, stable latencies,
and the node-to-node traffic split by kind (read from the run's net journal).

Example, from the repository root after building into build/:
  docs/challenges/broadcast_run.py --csv docs/challenges/broadcast-runs.csv \
      --label hub-80 --env BROADCAST_INTERVAL_MS=80 -- \
      --node-count 25 --time-limit 20 --rate 100 --latency 100 --seed 1
"""
import argparse
import collections
import csv
import json
import os
import pathlib
import shlex
import subprocess
import sys
import tempfile

FIELDS = ["label", "valid", "lost", "attempts", "servers_msgs_per_op", "median_ms", "max_ms",
          "relay_msgs", "batch_msgs", "ack_only_msgs", "resent_values", "command"]


def traffic(journal_path):
    """Counts node-to-node gossip sends by kind and values carried twice to the same node."""
    kinds = collections.Counter()
    copies = collections.Counter()
    with open(journal_path) as journal:
        for line in journal:
            event = json.loads(line)
            if event.get("type") != "send":
                continue
            body = event["message"].get("body", {})
            if body.get("type") != "gossip":
                continue
            if body.get("relay"):
                kinds["relay"] += 1
            elif body.get("items"):
                kinds["batch"] += 1
            else:
                kinds["ack"] += 1
            for item in body.get("items", []):
                copies[(event["message"]["dest"], item["origin"], item["seq"])] += 1
    resent = sum(count - 1 for count in copies.values() if count > 1)
    return kinds, resent


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sim", default="build/sim/maelstrom-sim")
    parser.add_argument("--bin", default="build/challenges/broadcast")
    parser.add_argument("--csv", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the node")
    parser.add_argument("sim_args", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    sim_args = [a for a in args.sim_args if a != "--"]

    env = dict(os.environ)
    for setting in args.env:
        name, _, value = setting.partition("=")
        env[name] = value
    with tempfile.TemporaryDirectory() as store:
        command = [args.sim, "test", "-w", "broadcast", "--bin", args.bin, "--store", store]
        subprocess.run(command + sim_args, env=env, stdout=subprocess.DEVNULL, check=False)
        run_dir = pathlib.Path(store) / "broadcast" / "latest"
        results = json.loads((run_dir / "results.json").read_text())
        kinds, resent = traffic(run_dir / "net-journal.jsonl")

    workload = results["workload"]
    latencies = workload.get("stable-latencies", {})
    shown = " ".join(args.env + ["maelstrom-sim", "test", "-w", "broadcast", "--bin",
                                 "build/challenges/broadcast"] + sim_args)
    row = {
        "label": args.label,
        "valid": results.get("valid?"),
        "lost": workload.get("lost-count"),
        "attempts": workload.get("attempt-count"),
        "servers_msgs_per_op": round(results["net"]["servers"].get("msgs-per-op", 0.0), 3),
        "median_ms": latencies.get("0.5"),
        "max_ms": latencies.get("1"),
        "relay_msgs": kinds["relay"],
        "batch_msgs": kinds["batch"],
        "ack_only_msgs": kinds["ack"],
        "resent_values": resent,
        "command": shown,
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
