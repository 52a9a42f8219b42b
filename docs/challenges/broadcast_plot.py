#!/usr/bin/env python3
"""Draws broadcast-frontier.svg: servers msgs-per-op against median and max
stable latency, for our measured runs (broadcast-runs.csv, rows whose label
starts with hub- or direct-) beside the published points
(broadcast-published.csv). The script holds no figures of its own.

Usage, from the repository root: python3 docs/challenges/broadcast_plot.py
"""
import csv
import math
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
PANEL_W, PANEL_H, MARGIN = 420, 320, 60


def load(name):
    with open(HERE / name) as source:
        return list(csv.DictReader(source))


def panel(x0, title, key, ours, published, x_max, y_max):
    parts = []
    def sx(v):
        return round(x0 + MARGIN + v / x_max * (PANEL_W - MARGIN - 20), 1)

    def sy(v):
        return round(PANEL_H - MARGIN + 20 - v / y_max * (PANEL_H - MARGIN - 20), 1)
    left, right = sx(0), sx(x_max)
    top, bottom = sy(y_max), sy(0)
    parts.append(f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" '
                 'fill="none" stroke="#444"/>')
    parts.append(f'<text x="{(left + right) / 2}" y="{top - 8}" text-anchor="middle" '
                 f'font-size="14">{title}</text>')
    for i in range(0, 6):
        xv = x_max * i / 5
        yv = y_max * i / 5
        parts.append(f'<text x="{sx(xv)}" y="{bottom + 16}" text-anchor="middle" '
                     f'font-size="11">{xv:g}</text>')
        parts.append(f'<text x="{left - 6}" y="{sy(yv) + 4}" text-anchor="end" '
                     f'font-size="11">{yv:g}</text>')
        parts.append(f'<line x1="{left}" x2="{right}" y1="{sy(yv)}" y2="{sy(yv)}" '
                     'stroke="#ddd"/>')
    parts.append(f'<text x="{(left + right) / 2}" y="{bottom + 34}" text-anchor="middle" '
                 'font-size="12">servers msgs-per-op</text>')
    parts.append(f'<text x="{left - 42}" y="{(top + bottom) / 2}" font-size="12" '
                 f'transform="rotate(-90 {left - 42} {(top + bottom) / 2})" '
                 'text-anchor="middle">latency ms</text>')
    ordered = sorted(ours, key=lambda r: float(r["servers_msgs_per_op"]))
    path = " ".join(f'{sx(float(r["servers_msgs_per_op"]))},{sy(float(r[key]))}' for r in ordered)
    parts.append(f'<polyline points="{path}" fill="none" stroke="#1f77b4"/>')
    for r in ordered:
        x, y = sx(float(r["servers_msgs_per_op"])), sy(float(r[key]))
        parts.append(f'<circle cx="{x}" cy="{y}" r="4" fill="#1f77b4"/>')
        parts.append(f'<text x="{x + 5}" y="{y - 5}" font-size="9" fill="#1f77b4">'
                     f'{r["label"]}</text>')
    for r in published:
        x, y = sx(float(r["servers_msgs_per_op"])), sy(float(r[key]))
        parts.append(f'<path d="M{x - 5},{y - 5} L{x + 5},{y + 5} M{x - 5},{y + 5} '
                     f'L{x + 5},{y - 5}" stroke="#d62728" stroke-width="2"/>')
        parts.append(f'<text x="{x + 6}" y="{y + 12}" font-size="9" fill="#d62728">'
                     f'{r["label"]}</text>')
    return parts


def main():
    ours = [r for r in load("broadcast-runs.csv")
            if r["label"].startswith(("hub-", "direct-")) and r["median_ms"]]
    published = load("broadcast-published.csv")
    everything = ours + published
    # Axis ends rounded up so that the five grid steps are round numbers.
    x_max = math.ceil(max(float(r["servers_msgs_per_op"]) for r in everything) * 1.05 / 5) * 5
    y_max = math.ceil(max(float(r["max_ms"]) for r in everything) * 1.05 / 250) * 250
    width = 2 * PANEL_W + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{PANEL_H + 50}" '
             'font-family="sans-serif">',
             f'<rect width="{width}" height="{PANEL_H + 50}" fill="white"/>']
    parts += panel(0, "median stable latency", "median_ms", ours, published, x_max, y_max)
    parts += panel(PANEL_W + 20, "max stable latency", "max_ms", ours, published, x_max, y_max)
    parts.append(f'<text x="10" y="{PANEL_H + 42}" font-size="11">blue dots: measured here '
                 '(25 nodes, --latency 100, --rate 100, --time-limit 20); red crosses: '
                 'published points</text>')
    parts.append("</svg>")
    (HERE / "broadcast-frontier.svg").write_text("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
