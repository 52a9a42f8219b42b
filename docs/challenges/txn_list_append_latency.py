#!/usr/bin/env python3
"""Latency quantiles of a Maelstrom run's :ok operations, from its history.edn.

Usage: python3 txn_list_append_latency.py store/latest/history.edn

A client process has one operation outstanding at a time, so each completion
is paired with its process's last invocation. Prints the number of :ok
operations and the 0.5 / 0.95 / 0.99 / max latencies in milliseconds.
"""
import re
import sys

FIELD = {name: re.compile(r":%s (\S+?)[,}]" % name) for name in ("type", "process", "time")}


def fields(line):
    found = {name: pattern.search(line) for name, pattern in FIELD.items()}
    if not all(found.values()):
        return None
    return {name: match.group(1) for name, match in found.items()}


def main(path):
    invoked = {}
    latencies = []
    with open(path) as history:
        for line in history:
            event = fields(line)
            if event is None or event["process"] == ":nemesis":
                continue
            time = int(event["time"])
            if event["type"] == ":invoke":
                invoked[event["process"]] = time
            elif event["process"] in invoked:
                start = invoked.pop(event["process"])
                if event["type"] == ":ok":
                    latencies.append((time - start) / 1e6)
    latencies.sort()

    def quantile(q):
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))]

    print("ok %d, latency ms 0.5 / 0.95 / 0.99 / max: %.1f / %.1f / %.1f / %.1f"
          % (len(latencies), quantile(0.5), quantile(0.95), quantile(0.99), latencies[-1]))


if __name__ == "__main__":
    main(sys.argv[1])
