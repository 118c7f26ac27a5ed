"""The benchmark keeps working: its quick run against the real app and the floor relay loses nothing
and prints every figure (the figures themselves are judged in docs/performance.md, not here)."""

import json
import subprocess
import sys

from .support import ROOT


def test_the_quick_benchmark_runs_every_scenario_and_loses_nothing(tmp_path):
    figures_file = tmp_path / "figures.json"
    run = subprocess.run([sys.executable, "benchmarks/run.py", "--quick", "--modes", "eventlet",
                          "--json", str(figures_file)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "tap-to-beamer p95 (ms)" in run.stdout and "scan-to-joined p95 (ms)" in run.stdout
    figures = json.loads(figures_file.read_text())["figures"]
    assert [f["scenario"].split(":")[0] for f in figures] == [
        "room burst", "room burst, results on every phone too", "join storm", "many rooms"]
    for figure in figures:
        for side in ("app", "floor"):
            result = figure[side]
            if result is None:  # results on every phone: the app only
                continue
            assert "error" not in result, (figure["scenario"], side, result)
            if "answers" in result:
                phones = 15 if figure["scenario"].startswith("many rooms") else 20
                assert result["answers"] == phones * 12 and result["refused"] == 0
                assert result["lost_beamer"] == 0 and result["p95"] is not None
            else:
                assert result["failed"] == 0 and result["connect_join_p95"] is not None
            if side == "app" and "lost_export" in result:
                assert result["lost_export"] == 0
    watched = figures[1]["app"]
    assert watched["watcher_updates_per_s"] > 0  # the extra screens really got the results
