"""Markdown tables of a benchmark run, for docs/performance.md, the async modes side by side:

    python benchmarks/run.py --json figures.json && python benchmarks/tables.py figures.json
"""

import json
import sys

from run import ROWS, cell, ratio

KINDS = {"join storm": "storm", "many rooms": "rooms", "flood": "flood"}  # by how a scenario's title begins


def kind_of(scenario: str) -> str:
    return next((kind for start, kind in KINDS.items() if scenario.startswith(start)), "burst")


def by_scenario(figures: list) -> dict:
    """Scenario title -> its figures, one per mode, in the order of the run."""
    grouped = {}
    for figure in figures:
        grouped.setdefault(figure["scenario"], []).append(figure)
    return grouped


def table(scenario: str, figures: list) -> list[str]:
    header, rule = ["| |"], ["|---|"]
    for figure in figures:
        names = ("app", "floor", "app / floor") if figure["floor"] is not None else ("app",)
        header += [f" {figure['mode']} {name} |" for name in names]
        rule += ["---:|"] * len(names)
    lines = [f"**{scenario}**", "", "".join(header), "".join(rule)]
    for label, key in ROWS[kind_of(scenario)]:
        sides = [side for figure in figures for side in (figure["app"], figure["floor"]) if side is not None]
        if not any(key in side for side in sides):
            continue
        values = []
        for figure in figures:
            app, floor = figure["app"], figure["floor"]
            values.append(cell(app.get(key)))
            if floor is not None:
                values += [cell(floor.get(key)), ratio(app.get(key), floor.get(key))]
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    for figure in figures:
        for name in ("app", "floor"):
            if "error" in (figure[name] or {}):
                lines.append(f"\n{figure['mode']} {name} failed: {figure[name]['error']}")
    return [*lines, ""]


def tables(run: dict) -> str:
    lines = [f"Machine: {run['machine']}", ""]
    for scenario, figures in by_scenario(run["figures"]).items():
        lines += table(scenario, figures)
    return "\n".join(lines)


if __name__ == "__main__":
    with open(sys.argv[1]) as source:
        print(tables(json.load(source)))
