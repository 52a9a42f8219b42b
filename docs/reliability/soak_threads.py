#!/usr/bin/env python3
"""Relates each node's final RSS (resources.csv) to its handler threads (the
last `maelstrom-stats` line in node-logs/<node>.log): prints both per node
and the least-squares line RSS = a + b * threads with its correlation.

usage: soak_threads.py STORE_DIR
"""
import csv
import json
import os
import sys


def main():
    store = sys.argv[1]
    last_rss = {}
    with open(os.path.join(store, "resources.csv"), newline="") as fh:
        for row in csv.DictReader(fh):
            if row["rss_kib"]:
                last_rss[row["node"]] = int(row["rss_kib"])
    points = []
    for node in sorted(last_rss, key=lambda n: (len(n), n)):
        threads = [json.loads(line[len("maelstrom-stats "):])["handler_threads"]
                   for line in open(os.path.join(store, "node-logs", node + ".log"))
                   if line.startswith("maelstrom-stats ")]
        if not threads:
            continue
        print(f"{node}: rss {last_rss[node]} KiB, handler threads last {threads[-1]}, "
              f"max {max(threads)}")
        points.append((threads[-1], last_rss[node]))
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    syy = sum((y - my) ** 2 for _, y in points)
    sxy = sum((x - mx) * (y - my) for x, y in points)
    if sxx == 0 or syy == 0:
        print(f"no fit: every node ended with the same thread count or RSS ({n} nodes)")
        return
    b = sxy / sxx
    print(f"RSS = {my - b * mx:.0f} KiB + {b:.1f} KiB per live handler thread, "
          f"r = {sxy / (sxx * syy) ** 0.5:.3f} over {n} nodes")


if __name__ == "__main__":
    main()
