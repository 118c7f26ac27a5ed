"""Markdown tables of a benchmark run, for docs/performance.md:

    python benchmarks/run.py --json figures.json && python benchmarks/tables.py figures.json
"""

import json
import sys

from run import ROWS, ratio


def kind_of(scenario: str) -> str:
    return "storm" if scenario.startswith("join storm") else "rooms" if scenario.startswith("many rooms") else "burst"


def tables(run: dict) -> str:
    lines = [f"Machine: {run['machine']}", ""]
    for figure in run["figures"]:
        app, floor = figure["app"], figure["floor"] or {}
        lines += [f"**[{figure['mode']}] {figure['scenario']}**", "", "| | app | floor | app / floor |",
                  "|---|---:|---:|---:|"]
        for label, key in ROWS[kind_of(figure["scenario"])]:
            if key in app or key in floor:
                shown = ["" if side.get(key) is None else str(side.get(key, "")) for side in (app, floor)]
                lines.append(f"| {label} | {shown[0]} | {shown[1]} | {ratio(app.get(key), floor.get(key))} |")
        for name, result in (("app", app), ("floor", floor)):
            if "error" in result:
                lines.append(f"| {name} failed | {result['error']} | | |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    with open(sys.argv[1]) as source:
        print(tables(json.load(source)))
