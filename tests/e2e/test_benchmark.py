"""The benchmark keeps working: its quick run against the real app and the floor relay loses nothing
and prints every figure (the figures themselves are judged in docs/performance.md, not here)."""

import json
import subprocess
import sys

import pytest

from .support import ROOT

FLOOD_FRAMES = 1000  # each flood of the quick run


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    """The quick benchmark in eventlet: (its output, the --json file)."""
    figures_file = tmp_path_factory.mktemp("benchmark") / "figures.json"
    run = subprocess.run([sys.executable, "benchmarks/run.py", "--quick", "--modes", "eventlet",
                          "--json", str(figures_file)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout, figures_file


def test_the_quick_benchmark_runs_every_scenario_and_loses_nothing(quick_run):
    output, figures_file = quick_run
    assert "tap-to-beamer p95 (ms)" in output and "scan-to-joined p95 (ms)" in output
    figures = json.loads(figures_file.read_text())["figures"]
    assert [f["scenario"].split(":")[0] for f in figures] == [
        "room burst", "room burst, results on every phone too", "join storm", "many rooms", "card burst", "flood"]
    for figure in figures[:-2]:
        for side in ("app", "floor"):
            result = figure[side]
            assert "error" not in result, (figure["scenario"], side, result)
            if "answers" in result:
                phones = 15 if figure["scenario"].startswith("many rooms") else 20
                assert result["answers"] == phones * 12 and result["refused"] == 0
                assert result["lost_beamer"] == 0 and result["p95"] is not None
            else:
                assert result["failed"] == 0 and result["connect_join_p95"] is not None
            if side == "app" and "lost_export" in result:
                assert result["lost_export"] == 0
    for side in ("app", "floor"):  # every phone got the released results, up to the last answer
        on_phones = figures[1][side]
        assert on_phones["phone_updates_per_s"] > 0, (side, on_phones)
        assert on_phones["phones_without_results"] == 0 and on_phones["phones_behind"] == 0, (side, on_phones)


def figure(quick_run, index, *rows) -> dict:
    """The quick run's figure `index`, whose `rows` are in the output and whose app and floor ran without an error."""
    output, figures_file = quick_run
    assert all(row in output for row in rows), rows
    found = json.loads(figures_file.read_text())["figures"][index]
    for side in ("app", "floor"):
        assert "error" not in found[side], (side, found[side])
    return found


def test_the_card_burst_loses_no_card_and_measures_the_screens(quick_run):
    burst = figure(quick_run, -2, "card-to-beamer p95 (ms)", "beamer bytes / s, last part")
    for side in ("app", "floor"):
        result = burst[side]
        assert result["cards"] == 20 * 3 and result["refused"] == 0, (side, result)
        assert result["lost_beamer"] == result["lost_console"] == 0 and result["p95"] is not None, (side, result)
        assert result["bytes_first"] > 0 and result["bytes_last"] > 0 and result["controls"] > 0, (side, result)
    assert burst["app"]["lost_export"] == 0


def test_the_flood_gets_every_control_ack_through_and_accounts_for_the_hostile_client(quick_run):
    flood = figure(quick_run, -1, "malformed: control ack p95 (ms)", "refused: closed by the server")
    for side in ("app", "floor"):
        result = flood[side]
        for phase in ("quiet", "malformed", "refused"):
            assert result[f"{phase}_toggles"] >= 5 and result[f"{phase}_lost"] == 0, (side, phase, result)
            assert result[f"{phase}_p95"] is not None and result[f"{phase}_log_bytes"] >= 0
        for phase in ("malformed", "refused"):  # it sent them all, or the server cut it off
            assert 0 < result[f"{phase}_sent"] <= FLOOD_FRAMES, (side, phase, result)
            assert result[f"{phase}_sent"] == FLOOD_FRAMES or result[f"{phase}_closed"] == "yes", (side, phase)
        assert result["quiet_log_bytes"] == 0  # toggling the results writes nothing to the log
        assert result["refused_replies"] <= result["refused_sent"]


def test_the_tables_show_the_modes_side_by_side(quick_run):
    _output, figures_file = quick_run
    tables = subprocess.run([sys.executable, "benchmarks/tables.py", str(figures_file)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert tables.returncode == 0, tables.stderr
    assert "| | eventlet app | eventlet floor | eventlet app / floor |" in tables.stdout
    assert "| malformed: control acks lost | 0 | 0 |" in tables.stdout
