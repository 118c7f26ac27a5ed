"""One live flush at N participants, measured in one process (no server, no sockets): after one more answer, the
beamer's `results` snapshot and, with the results released, the phones' `phone_results`, as `LiveResults` sends
them (its background tasks run here one after the other, as they follow each other on a server).

    PYTHONPATH=. .venv/bin/python benchmarks/flush.py [--participants 1000] [--runs 15]

Prints the median and the spread of the runs in ms. A micro-measure: the machine's other work shows in it."""

import argparse
import random
import statistics
import tempfile
import time

from workshop import create_app
from workshop.live import PHONE_RESULTS, LiveResults

COLOURS = ("groen", "oranje", "rood")
ORGANISATIONS = [f"Organisatie {n}" for n in range(1, 21)]


class QuietSocketIO:
    """What LiveResults needs of Flask-SocketIO: tasks are run by the measurement itself, emits only counted."""

    def __init__(self):
        self.emitted = []

    def start_background_task(self, target, *args):
        pass

    def sleep(self, seconds):
        pass

    def emit(self, event, payload, to):
        self.emitted.append(event)


def room(workshops, participants: int) -> tuple[str, list[int], list[str]]:
    """A session with the succesfactoren open and released, every participant having answered every factor."""
    code, _key = workshops.create("Flush", ["succesfactoren"])
    workshops.control(code, "open", 1)
    workshops.control(code, "release_results", 1)
    items = [item.id for item in workshops.definitions(code)[1].items]
    people = []
    for person in range(participants):
        pid = workshops.join(code, f"Deelnemer {person}", ORGANISATIONS[person % len(ORGANISATIONS)])["participant_id"]
        people.append(pid)
        for item in items:
            workshops.answer(code, pid, 1, item, random.choice(COLOURS))
    return code, people, items


def one_flush(workshops, live, code, people, items) -> float:
    """Seconds from one more answer's change to both snapshots made and sent."""
    workshops.answer(code, random.choice(people), 1, random.choice(items), random.choice(COLOURS))
    started = time.perf_counter()
    live.changed(code, 1)
    live.flush(code, 1)
    live.flush(code, (PHONE_RESULTS, 1))
    return time.perf_counter() - started


def one_aggregate(workshops, code) -> float:
    """Seconds to read the activity's aggregate once (what each flush costs at least)."""
    started = time.perf_counter()
    workshops.results(code, 1)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app({"DATA_DIR": data_dir, "ASYNC_MODE": "threading"})
        workshops = app.extensions["werkatelier"].workshops
        with app.test_request_context():
            code, people, items = room(workshops, options.participants)
            socketio = QuietSocketIO()
            live = LiveResults(socketio, workshops, interval=0.15)
            one_flush(workshops, live, code, people, items)  # warm: caches, the database's pages
            took, alone = [], []
            for _ in range(options.runs):
                took.append(one_flush(workshops, live, code, people, items) * 1000)
                alone.append(one_aggregate(workshops, code) * 1000)
        workshops.close()
    assert socketio.emitted.count("results") == socketio.emitted.count("phone_results") == options.runs + 1
    took.sort()
    print(f"one flush at {options.participants} participants, {options.runs} runs: median {statistics.median(took):.1f} "
          f"ms (min {took[0]:.1f}, max {took[-1]:.1f}); one aggregate alone, measured between them: median "
          f"{statistics.median(alone):.1f} ms; flush / aggregate {statistics.median(took) / statistics.median(alone):.2f}")


if __name__ == "__main__":
    main()
