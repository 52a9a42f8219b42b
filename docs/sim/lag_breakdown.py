#!/usr/bin/env python3
"""Splits the bench's late deliveries into the bench's own work and the kernel's
interrupt handling, from a CPU profile of the event loop taken during the run.

The bench's :delivery-lag-own-us counts the loop thread's CPU time. A kernel
built without CONFIG_IRQ_TIME_ACCOUNTING charges interrupt and softirq handling
to whichever thread it interrupted, so that figure also holds time the CPU
spent on the kernel's own work. A profile tells them apart: each sample of the
loop records where it was, and a sample taken inside an interrupt or softirq
handler is the machine's time, not the bench's. A sample stands for one period
of the loop's time on a CPU; a stretch in which the host did not run the
virtual CPU yields no samples, although the thread's CPU clock may count it.

usage:
  perf record -e cpu-clock -c 100000 -g -k CLOCK_MONOTONIC --no-inherit -o perf.data -- \\
      maelstrom-sim test ...
  perf script -i perf.data -F tid,time,ip,sym > perf.txt
  lag_breakdown.py STORE_RUN_DIR perf.txt [--min-lag-us 500] [--period-us 100]

STORE_RUN_DIR is the run's store directory (results.json, net-journal.jsonl).
Prints, for every delivery late by at least --min-lag-us, its lag, the loop's
samples in bench code and in interrupt handling between its due moment and its
delivery, and the bench's own share bounded from above (the lag, or
(bench samples + 1) x period if less); then the largest such bound.
"""
import argparse
import bisect
import json
import re
import sys
from collections import Counter
from pathlib import Path

# Frames that mean the sampled code ran in interrupt or softirq context.
INTERRUPT_FRAMES = re.compile(
    r"\b(asm_sysvec_\w+|asm_common_interrupt|handle_softirqs|__do_softirq|"
    r"__irq_exit_rcu|irq_exit_rcu|sysvec_\w+|common_interrupt|asm_exc_nmi)\b")


def read_samples(path):
    """Yields (tid, monotonic seconds, in_interrupt) per sample of perf script output."""
    tid = when = None
    interrupt = False
    header = re.compile(r"^\s*(\d+)\s+(\d+\.\d+):\s*$")
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                if tid is not None:
                    yield tid, when, interrupt
                tid = None
                continue
            m = header.match(line)
            if m:  # a sample's first line; its call chain follows, indented by a tab
                if tid is not None:
                    yield tid, when, interrupt
                tid, when, interrupt = int(m.group(1)), float(m.group(2)), False
            elif tid is not None and INTERRUPT_FRAMES.search(line):
                interrupt = True
    if tid is not None:
        yield tid, when, interrupt


def late_deliveries(run_dir, min_lag_ns):
    with open(run_dir / "net-journal.jsonl") as f:
        for line in f:
            event = json.loads(line)
            if event["type"] == "recv" and event["time"] - event["due"] >= min_lag_ns:
                yield event


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("perf_script", type=Path)
    parser.add_argument("--min-lag-us", type=int, default=500)
    parser.add_argument("--period-us", type=int, default=100)
    args = parser.parse_args()

    results = json.loads((args.run_dir / "results.json").read_text())
    origin_ns = results["bench"]["monotonic-origin-ns"]
    samples = list(read_samples(args.perf_script))
    if not samples:
        sys.exit("no samples in " + str(args.perf_script))
    loop_tid = Counter(tid for tid, _, _ in samples).most_common(1)[0][0]
    loop = sorted((int(when * 1e9) - origin_ns, interrupt)
                  for tid, when, interrupt in samples if tid == loop_tid)
    times = [t for t, _ in loop]
    in_interrupt = sum(1 for _, i in loop if i)
    print(f"loop thread {loop_tid}: {len(loop)} samples, {in_interrupt} in interrupt handling")

    worst = 0
    rows = 0
    print("delivery  time_s  lag_us  bench_samples  interrupt_samples  own_at_most_us")
    for event in late_deliveries(args.run_dir, args.min_lag_us * 1000):
        lo = bisect.bisect_right(times, event["due"])
        hi = bisect.bisect_right(times, event["time"])
        window = loop[lo:hi]
        interrupt = sum(1 for _, i in window if i)
        bench = len(window) - interrupt
        lag_us = (event["time"] - event["due"]) // 1000
        bound = min(lag_us, (bench + 1) * args.period_us)
        worst = max(worst, bound)
        rows += 1
        print(f"{event['id']}  {event['time'] / 1e9:.6f}  {lag_us}  {bench}  {interrupt}  {bound}")
    print(f"late by {args.min_lag_us} us or more: {rows}; of those, the bench's own share is at most"
          f" {worst} us (every other delivery was late by less than {args.min_lag_us} us in all)")


if __name__ == "__main__":
    main()
