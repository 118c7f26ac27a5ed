"""Werkatelier under load: the app against a bare Flask-SocketIO relay (the floor), in each async mode.

    make bench                      # everything once in three modes, about 25 minutes
    make bench ARGS="--repeat 3"    # the median of three runs of each, as in docs/performance.md
    make bench ARGS="--quick"       # a small smoke run, under a minute per mode
    make bench ARGS="--modes eventlet --sizes 0 --results-on-phones 0 --storm 0 --rooms 0x0"   # the flood alone
    make bench ARGS="--modes eventlet --sizes 0 --storm 0 --rooms 0x0 --flood 0"   # results on every phone alone
    make bench ARGS="--modes eventlet --sizes 0 --results-on-phones 0 --storm 0 --rooms 0x0 --flood 0"  # cards alone

Each scenario gets a fresh server subprocess on loopback per mode; the clients run in this process. Each
table shows the modes side by side. Latencies are in milliseconds, "ratio" is app / floor. See
docs/performance.md for the figures and the machine.
"""

import argparse
import asyncio
import json
import os
import platform
import resource
import statistics
import sys
import time

import psutil

sys.path.insert(0, os.path.dirname(__file__))
import cards  # noqa: E402
import flood  # noqa: E402
import load  # noqa: E402
from servers import ServerProcess  # noqa: E402

ROWS = {  # what each scenario prints: (label, key), in this order
    "burst": [("join ack p50 (ms)", "join_p50"), ("join ack p95 (ms)", "join_p95"),
              ("answer ack p50 (ms)", "ack_p50"), ("answer ack p95 (ms)", "ack_p95"),
              ("tap-to-beamer p50 (ms)", "p50"), ("tap-to-beamer p95 (ms)", "p95"),
              ("tap-to-beamer p99 (ms)", "p99"), ("answers acknowledged", "answers"), ("refused", "refused"),
              ("lost on the beamer", "lost_beamer"), ("lost in export.json", "lost_export"),
              ("beamer updates / s", "beamer_updates_per_s"), ("updates / s on each phone", "phone_updates_per_s"),
              ("phones that got no results", "phones_without_results"),
              ("phones missing an answer at the end", "phones_behind"),
              ("server CPU (% of a core)", "cpu"), ("server peak RSS (MB)", "rss"),
              ("clients' CPU (% of a core)", "client_cpu")],
    "storm": [("scan-to-joined p50 (ms)", "connect_join_p50"), ("scan-to-joined p95 (ms)", "connect_join_p95"),
              ("join ack p95 (ms)", "join_p95"), ("failed", "failed"), ("took (s)", "took_s"),
              ("server CPU (% of a core)", "cpu"), ("server peak RSS (MB)", "rss"),
              ("clients' CPU (% of a core)", "client_cpu")],
}
ROWS["cards"] = [("card ack p95 (ms)", "card_ack_p95"), ("card-to-beamer p50 (ms)", "p50"),
                 ("card-to-beamer p95 (ms)", "p95"), ("card-to-beamer p99 (ms)", "p99"),
                 ("cards acknowledged", "cards"), ("refused", "refused"), ("lost on the beamer", "lost_beamer"),
                 ("lost on the console", "lost_console"), ("lost in export.json", "lost_export"),
                 ("cards_since asked", "asked"), ("beamer bytes / s, first part", "bytes_first"),
                 ("beamer bytes / s, last part", "bytes_last"), ("console bytes / s, first part", "console_bytes_first"),
                 ("console bytes / s, last part", "console_bytes_last"), ("control round trip p50 (ms)", "control_p50"),
                 ("control round trip p95 (ms)", "control_p95"), ("controls", "controls"),
                 ("server CPU (% of a core)", "cpu"), ("server peak RSS (MB)", "rss"),
                 ("clients' CPU (% of a core)", "client_cpu")]
ROWS["rooms"] = [row for row in ROWS["burst"] if row[1] not in ("beamer_updates_per_s", "phone_updates_per_s",
                                                                "phones_without_results", "phones_behind")]
FLOOD_PHASES = ("quiet", "malformed", "refused")  # see benchmarks/flood.py
ROWS["flood"] = [
    *((f"{phase}: {label}", f"{phase}_{key}") for phase in FLOOD_PHASES for label, key in
      (("control ack p50 (ms)", "p50"), ("control ack p95 (ms)", "p95"), ("control ack p99 (ms)", "p99"),
       ("control acks lost", "lost"), ("of toggles", "toggles"), ("log growth (bytes)", "log_bytes"),
       ("hostile frames sent", "sent"), ("hostile kept sending (s)", "sending_s"),
       ("server busy with them (s)", "busy_s"), ("closed by the server", "closed"), ("refusals received", "replies"))),
    ("server CPU (% of a core)", "cpu"), ("server peak RSS (MB)", "rss"), ("clients' CPU (% of a core)", "client_cpu")]


def scenarios(options):
    """(title, kind of rows, run(server) coroutine factory, also on the floor?)"""
    for phones in options.sizes:
        yield (f"room burst: {phones} phones x 12 answers in {options.duration:g} s", "burst",
               lambda server, n=phones: load.room_burst(server.base_url, n, options.duration), True)
    for phones in options.results_on_phones:
        yield (f"room burst, results on every phone too: {phones} phones x 12 answers in {options.duration:g} s",
               "burst", lambda server, n=phones: load.room_burst(server.base_url, n, options.duration,
                                                                 results_on_phones=True), True)
    if options.storm:
        yield (f"join storm: {options.storm} phones within {options.storm_within:g} s", "storm",
               lambda server: load.join_storm(server.base_url, options.storm, options.storm_within), True)
    rooms, per_room = options.rooms
    if rooms:
        yield (f"many rooms: {rooms} sessions x {per_room} phones, 12 answers in {options.duration:g} s", "rooms",
               lambda server: load.many_rooms(server.base_url, rooms, per_room, options.duration), True)
    for phones, per_phone in options.cards:
        yield (f"card burst: {phones} phones x {per_phone} cards in {options.cards_duration:g} s", "cards",
               lambda server, n=phones, k=per_phone: cards.card_burst(server.base_url, n, k, options.cards_duration),
               True)
    if options.flood:
        yield (f"flood: control toggles while one connection sends {options.flood} hostile frames", "flood",
               lambda server: flood.flood(server, options.flood, options.flood_seconds), True)


def measure(kind: str, mode: str, run) -> dict:
    clients = psutil.Process()
    try:
        with ServerProcess(kind, mode) as server:
            cpu, client_cpu, started = server.cpu_seconds(), cpu_seconds(clients), time.perf_counter()
            try:
                result = asyncio.run(run(server))
            except Exception as error:  # noqa: BLE001  (a collapsed server is a result too)
                return {"error": f"{type(error).__name__}: {error}"}
            seconds = time.perf_counter() - started
            result["cpu"] = round(100 * (server.cpu_seconds() - cpu) / seconds)
            result["rss"] = round(server.peak_rss / 2**20)
            result["client_cpu"] = round(100 * (cpu_seconds(clients) - client_cpu) / seconds)
            return result
    except RuntimeError as error:  # the server did not start, e.g. in a mode this version of it lacks
        lines = str(error).strip().splitlines()
        return {"error": f"{lines[0]} {lines[-1]}"}


def cpu_seconds(process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def median_of(results: list[dict]) -> dict:
    """Each figure's median over repeated runs (the lower one of an even count); a failed run is reported instead."""
    failed = [result for result in results if "error" in result]
    if failed:
        return failed[0]
    return {key: None if None in values else statistics.median_low(values)  # an observed value, its type kept
            for key in results[0] for values in [[result[key] for result in results]]}


def ratio(app, floor):
    if isinstance(app, int | float) and isinstance(floor, int | float) and floor > 0:
        return f"{app / floor:.1f}x"
    return ""


def cell(value) -> str:
    return "" if value is None else str(value)


def show(title: str, rows, runs: list):
    """One table: a row per figure, for each mode (`runs`: [(mode, app, floor or None)]) app, floor and ratio."""
    columns = [("app", "floor", "ratio") if floor is not None else ("app",) for _mode, _app, floor in runs]
    print(f"\n{title}\n  {'':<40}" + "".join(f"{mode:>{11 * len(names)}}" for (mode, *_), names in zip(runs, columns,
                                                                                                    strict=True)))
    print(f"  {'':<40}" + "".join(f"{name:>11}" for names in columns for name in names))
    for label, key in rows:
        if not any(key in side for _mode, app, floor in runs for side in (app, floor or {})):
            continue
        values = []
        for _mode, app, floor in runs:
            values.append(cell(app.get(key)))
            if floor is not None:
                values += [cell(floor.get(key)), ratio(app.get(key), floor.get(key))]
        print(f"  {label:<40}" + "".join(f"{value:>11}" for value in values))
    for mode, app, floor in runs:
        for name, result in (("app", app), ("floor", floor or {})):
            if "error" in result:
                print(f"  [{mode}] {name} failed: {result['error']}")
    sys.stdout.flush()


def machine() -> str:
    return (f"{platform.node()}: {psutil.cpu_count()} cores ({platform.processor() or platform.machine()}), "
            f"{round(psutil.virtual_memory().total / 2**30)} GiB, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modes", default="eventlet,gevent,threading", help="async modes, comma separated")
    parser.add_argument("--sizes", default="100,300,1000", help="phones per room burst, comma separated")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds in which the phones answer")
    parser.add_argument("--results-on-phones", default="300,1000",
                        help="phones per room burst where the results are released to the phones too (each phone "
                             "counts its phone_results), comma separated (0: skip)")
    parser.add_argument("--storm", type=int, default=500, help="phones in the join storm (0: skip)")
    parser.add_argument("--storm-within", type=float, default=10.0, help="seconds the join storm lasts")
    parser.add_argument("--rooms", default="50x20", help="sessions x phones for the many-rooms scenario (0x0: skip)")
    parser.add_argument("--flood", type=int, default=20000,
                        help="hostile frames in each flood while the facilitator toggles the results (0: skip)")
    parser.add_argument("--flood-seconds", type=float, default=5.0,
                        help="seconds each phase of the flood scenario lasts at least")
    parser.add_argument("--cards", default="300x5,1000x3",
                        help="phones x cards each for the card bursts, comma separated (0x0: skip)")
    parser.add_argument("--cards-duration", type=float, default=60.0, help="seconds in which the cards are written")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each scenario; the median is shown")
    parser.add_argument("--quick", action="store_true", help="a small smoke run: 20 phones, 3 s, floods of 1000 frames")
    parser.add_argument("--json", help="also write every figure to this file")
    options = parser.parse_args()
    if options.quick:
        options.sizes, options.duration, options.results_on_phones = "20", 3.0, "20"
        options.storm, options.storm_within, options.rooms = 30, 2.0, "3x5"
        options.flood, options.flood_seconds = 1000, 1.0
        options.cards, options.cards_duration = "20x3", 3.0
    options.modes = options.modes.split(",")
    options.sizes = [int(n) for n in options.sizes.split(",") if int(n)]
    options.results_on_phones = [int(n) for n in options.results_on_phones.split(",") if int(n)]
    options.rooms = tuple(int(n) for n in options.rooms.split("x"))
    options.cards = [(phones, per_phone) for phones, per_phone in
                     (tuple(int(n) for n in size.split("x")) for size in options.cards.split(",")) if phones]
    return options


def main():
    options = parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # a socket per client, here and in the servers
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    print(f"Werkatelier benchmark on {machine()}\ncolumns per async mode: app, floor (bare relay), ratio app/floor")
    figures = []
    for title, rows, run, on_floor in scenarios(options):
        runs = []
        for mode in options.modes:
            app = median_of([measure("app", mode, run) for _ in range(options.repeat)])
            floor = median_of([measure("floor", mode, run) for _ in range(options.repeat)]) if on_floor else None
            runs.append((mode, app, floor))
            figures.append({"mode": mode, "scenario": title, "app": app, "floor": floor})
        show(title + (f" (median of {options.repeat} runs)" if options.repeat > 1 else ""), ROWS[rows], runs)
    if options.json:
        with open(options.json, "w") as out:
            json.dump({"machine": machine(), "figures": figures}, out, indent=1)


if __name__ == "__main__":
    main()
