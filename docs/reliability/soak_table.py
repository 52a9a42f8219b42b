#!/usr/bin/env python3
"""Summarises a maelstrom-sim resources.csv for the Soak section of
docs/reliability.md: RSS across nodes at given times, descriptors first and
last, pending RPCs over the run.

usage: soak_table.py store/latest/resources.csv [seconds ...]   (default 60 300 600)
"""
import csv
import statistics
import sys
from collections import defaultdict


def spread(values):
    values = sorted(values)
    return values[0], values[len(values) // 2], values[-1]


def main():
    path = sys.argv[1]
    times = [float(t) for t in sys.argv[2:]] or [60.0, 300.0, 600.0]
    by_node = defaultdict(list)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            by_node[row["node"]].append(row)

    def known(rows, field):
        return [(float(r["time_s"]), int(r[field])) for r in rows if r[field] != ""]

    print(f"nodes: {len(by_node)}, samples: {sum(len(r) for r in by_node.values())}")
    print("| time | RSS min / median / max (KiB) |")
    print("|---|---|")
    for t in times:
        at = []
        for rows in by_node.values():
            before = [v for s, v in known(rows, "rss_kib") if s <= t]
            if before:
                at.append(before[-1])
        if at:
            lo, mid, hi = spread(at)
            print(f"| {t:.0f} s | {lo} / {mid} / {hi} |")
    firsts = [known(r, "fds")[0][1] for r in by_node.values() if known(r, "fds")]
    lasts = [known(r, "fds")[-1][1] for r in by_node.values() if known(r, "fds")]
    print("fds first min/median/max: %s / %s / %s" % spread(firsts))
    print("fds last  min/median/max: %s / %s / %s" % spread(lasts))
    growth = [known(r, "fds")[-1][1] - known(r, "fds")[0][1] for r in by_node.values() if known(r, "fds")]
    print("fds last - first, max over nodes: %d" % max(growth))
    pending = [known(r, "pending_rpcs") for r in by_node.values()]
    pending = [p for p in pending if p]
    if pending:
        print("pending_rpcs max over run: %d" % max(v for p in pending for _, v in p))
        print("pending_rpcs last min/median/max: %s / %s / %s" % spread([p[-1][1] for p in pending]))
        print("pending_rpcs mean over all samples: %.3f"
              % statistics.mean(v for p in pending for _, v in p))
    else:
        print("pending_rpcs: not reported (MAELSTROM_STATS_INTERVAL_MS unset)")


if __name__ == "__main__":
    main()
