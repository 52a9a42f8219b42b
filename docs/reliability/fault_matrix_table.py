#!/usr/bin/env python3
"""Turns the run directories of docs/reliability/fault_matrix.sh into a CSV
(one row per run) and prints a markdown summary (one row per workload and
variant).

    python3 docs/reliability/fault_matrix_table.py OUTDIR [--csv FILE]

"Acknowledged writes lost" is taken from each workload's checker report
(sim/src/checkers), never recomputed from the history:

- broadcast: `:workload :lost-count`, elements that were acknowledged (or
  seen by a read) and are absent from every later read, the final reads
  included.
- g-counter: the acknowledged sum is the low end of `:acceptable` (the sum of
  the `:ok` adds; adds are never negative); an acknowledged add is missing
  when a final read is below that sum, by the difference. The figure is the
  largest shortfall over the final reads.
- kafka: `:unseen :count`, acknowledged sends that no poll ever returned
  (`:lost-write` is the subset lying below an offset some poll did reach).
- txn-rw-register has no final reads, so nothing measures lost writes; the
  figure is the number of anomalies the requested consistency model
  prohibits (`:anomaly-types`), and every anomaly count Elle found goes into
  the CSV.
"""

import argparse
import csv
import json
import sys
from pathlib import Path

WORKLOADS = ["broadcast", "g-counter", "kafka", "txn-rw-register"]
VARIANTS = ["partition", "partition-exponential"]
FIELDS = [
    "workload",
    "variant",
    "seed",
    "valid",
    "exit_code",
    "ops",
    "ok_fraction",
    "acked_writes_lost",
    "loss_detail",
    "partitions_started",
    "partitions_cutting",
    "msgs_per_op_servers",
    "invalid_sections",
    "node_errors",
    "note",
]


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def counter_loss(report):
    acceptable = report.get("acceptable") or []
    reads = report.get("final-reads") or []
    if not acceptable:
        return None, "no acceptable range"
    acked_sum = acceptable[0][0]
    numeric = [v for v in reads if isinstance(v, int)]
    if not numeric:
        return None, f"acknowledged sum {acked_sum}; no final read"
    shortfall = max(max(0, acked_sum - v) for v in numeric)
    detail = f"acknowledged sum {acked_sum}; final reads {reads}; acceptable {acceptable}"
    if report.get("errors"):
        detail += f"; errors {report['errors']}"
    return shortfall, detail


def kafka_loss(report):
    unseen = report.get("unseen", {}).get("count", 0)
    lost_write = report.get("lost-write", {}).get("count", 0)
    detail = f"unseen {unseen}; lost-write {lost_write}"
    bad = report.get("bad-error-types") or []
    if bad:
        detail += f"; bad error types {bad}"
    return unseen, detail


def txn_loss(report):
    counts = report.get("anomaly-counts", {})
    prohibited = report.get("anomaly-types", [])
    figure = sum(counts.get(t, 0) for t in prohibited)
    detail = "prohibited " + (
        ", ".join(f"{t} {counts.get(t, 0)}" for t in prohibited) if prohibited else "none"
    )
    if counts:
        detail += "; all found: " + ", ".join(f"{t} {n}" for t, n in sorted(counts.items()))
    if report.get("errors"):
        detail += f"; analysis errors {sorted(report['errors'])}"
    return figure, detail


def acked_loss(workload, report):
    if workload == "broadcast":
        return report.get("lost-count"), (
            f"lost {report.get('lost-count')}; attempted {report.get('attempt-count')}; "
            f"stable {report.get('stable-count')}; never read {report.get('never-read-count')}"
        )
    if workload == "g-counter":
        return counter_loss(report)
    if workload == "kafka":
        return kafka_loss(report)
    return txn_loss(report)


def partitions(history_path):
    """Partitions the nemesis started, and how many of them cut at least one
    link: with 2 nodes, most grudge kinds leave both nodes on the same side."""
    started = cutting = 0
    for op in load_json(history_path):
        if op.get("process") != "nemesis" or op.get("f") != "start-partition":
            continue
        if op.get("type") == "invoke":
            started += 1
        elif op.get("type") == "info":
            value = op.get("value")
            grudge = value[1] if isinstance(value, list) and len(value) == 2 else None
            if isinstance(grudge, dict) and any(grudge.values()):
                cutting += 1
    return started, cutting


def run_row(workload, variant, run_dir):
    seed = run_dir.name.removeprefix("seed-")
    row = {"workload": workload, "variant": variant, "seed": seed}
    exit_file = run_dir / "exit-code.txt"
    row["exit_code"] = exit_file.read_text().strip() if exit_file.exists() else "not run"
    if row["exit_code"] not in ("0", "1", "2", "not run"):
        # 128 + signal: the bench itself died, whatever results.json says.
        row["note"] = f"bench died with exit status {row['exit_code']}"
    store = run_dir / "store" / "latest"
    results_path = store / "results.json"
    if not results_path.exists():
        row["valid"] = "no results"
        return row
    results = load_json(results_path)
    row["valid"] = str(results.get("valid?")).lower()
    row["ops"] = results.get("stats", {}).get("count")
    row["ok_fraction"] = results.get("availability", {}).get("ok-fraction")
    lost, detail = acked_loss(workload, results.get("workload", {}))
    row["acked_writes_lost"] = "unknown" if lost is None else lost
    row["loss_detail"] = detail
    row["partitions_started"], row["partitions_cutting"] = partitions(store / "history.json")
    row["msgs_per_op_servers"] = results.get("net", {}).get("servers", {}).get("msgs-per-op")
    row["invalid_sections"] = " ".join(
        k
        for k, v in results.items()
        if isinstance(v, dict) and "valid?" in v and v["valid?"] is not True
    )
    errors = results.get("node-errors", {}).get("errors", [])
    row["node_errors"] = "; ".join(f"{e.get('node')}: {e.get('error')}" for e in errors)
    return row


def collect(outdir):
    rows = []
    for workload in WORKLOADS:
        for variant in VARIANTS:
            base = outdir / workload / variant
            if not base.is_dir():
                continue
            dirs = sorted(
                (d for d in base.iterdir() if d.is_dir() and d.name.startswith("seed-")),
                key=lambda d: int(d.name.removeprefix("seed-")),
            )
            rows.extend(run_row(workload, variant, d) for d in dirs)
    return rows


def span(values, fmt):
    values = [v for v in values if isinstance(v, (int, float))]
    if not values:
        return "–"
    lo, hi = min(values), max(values)
    return fmt.format(lo) if lo == hi else f"{fmt.format(lo)} – {fmt.format(hi)}"


def summary(rows):
    lines = [
        "| workload | variant | runs | valid runs | acknowledged writes lost (total) "
        "| ok fraction | servers msgs/op | partitions per run (started / cutting a link) |",
        "|---|---|---:|---:|---:|---|---|---|",
    ]
    for workload in WORKLOADS:
        for variant in VARIANTS:
            group = [r for r in rows if r["workload"] == workload and r["variant"] == variant]
            if not group:
                continue
            valid = sum(1 for r in group if r.get("valid") == "true")
            losses = [r.get("acked_writes_lost") for r in group]
            known = [v for v in losses if isinstance(v, int)]
            lost = str(sum(known))
            if len(known) != len(losses):
                lost += f" ({len(losses) - len(known)} runs unknown)"
            if workload == "txn-rw-register":
                lost += " prohibited anomalies"
            lines.append(
                f"| {workload} | {variant} | {len(group)} | {valid} | {lost} "
                f"| {span([r.get('ok_fraction') for r in group], '{:.4f}')} "
                f"| {span([r.get('msgs_per_op_servers') for r in group], '{:.2f}')} "
                f"| {span([r.get('partitions_started') for r in group], '{}')} / "
                f"{span([r.get('partitions_cutting') for r in group], '{}')} |"
            )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="OUTDIR given to fault_matrix.sh")
    parser.add_argument(
        "--csv",
        type=Path,
        default=Path(__file__).resolve().parent / "fault-matrix.csv",
        help="CSV to write (default docs/reliability/fault-matrix.csv)",
    )
    args = parser.parse_args()
    rows = collect(args.outdir)
    if not rows:
        print(f"no runs under {args.outdir}", file=sys.stderr)
        return 2
    with open(args.csv, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    print(summary(rows))
    bad = [
        r
        for r in rows
        if r.get("valid") != "true" or r.get("acked_writes_lost") not in (0, None)
    ]
    for r in bad:
        print(
            f"\n{r['workload']} {r['variant']} seed {r['seed']}: valid {r.get('valid')}, "
            f"exit {r['exit_code']}, invalid sections [{r.get('invalid_sections', '')}], "
            f"{r.get('loss_detail', '')}"
            + (f", {r['note']}" if r.get("note") else "")
            + (f", node errors: {r['node_errors']}" if r.get("node_errors") else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
