#!/usr/bin/env python3
"""Separates data growth from leaks in a maelstrom-sim run: per node, the RSS
growth between two times (least-squares slope of resources.csv) divided by
the number of acknowledged operations of one :f completed in that window
(history.json), i.e. bytes of resident memory per stored item.

usage: soak_growth.py STORE_DIR [f] [from_s] [to_s]   (default: send 60 600)
"""
import csv
import json
import os
import sys
from collections import defaultdict


def slope(points):
    n = len(points)
    mx = sum(t for t, _ in points) / n
    my = sum(v for _, v in points) / n
    sxx = sum((t - mx) ** 2 for t, _ in points)
    return sum((t - mx) * (v - my) for t, v in points) / sxx


def main():
    store = sys.argv[1]
    f = sys.argv[2] if len(sys.argv) > 2 else "send"
    t0 = float(sys.argv[3]) if len(sys.argv) > 3 else 60.0
    t1 = float(sys.argv[4]) if len(sys.argv) > 4 else 600.0
    rss = defaultdict(list)
    with open(os.path.join(store, "resources.csv"), newline="") as fh:
        for row in csv.DictReader(fh):
            t = float(row["time_s"])
            if t0 <= t <= t1 and row["rss_kib"]:
                rss[row["node"]].append((t, int(row["rss_kib"]) * 1024))
    with open(os.path.join(store, "history.json")) as fh:
        history = json.load(fh)
    acked = sum(1 for op in history
                if op.get("f") == f and op.get("type") == "ok" and t0 <= op["time"] / 1e9 <= t1)
    per_s = acked / (t1 - t0)
    print(f"acknowledged {f} in [{t0:.0f} s, {t1:.0f} s]: {acked} ({per_s:.1f}/s)")
    for node, points in sorted(rss.items()):
        s = slope(points)
        print(f"{node}: RSS slope {s / 1024:.1f} KiB/s, "
              f"{s / per_s:.1f} bytes per acknowledged {f}" if per_s else f"{node}: no {f}")


if __name__ == "__main__":
    main()
