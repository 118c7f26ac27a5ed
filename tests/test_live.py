"""Coalescing on its own: the first change goes out at once, a burst becomes one snapshot per interval,
and every snapshot carries a larger seq than the one before."""

import threading
import time

from workshop.live import LiveResults

INTERVAL = 0.3


class FakeSocketIO:
    """The part of Flask-SocketIO that LiveResults uses, with real threads and a record of the emits."""

    def __init__(self):
        self.emitted = []  # (seconds since start, event, payload)
        self.started = time.monotonic()

    def start_background_task(self, target, *args):
        threading.Thread(target=target, args=args, daemon=True).start()

    def sleep(self, seconds):
        time.sleep(seconds)

    def emit(self, event, payload, to):
        self.emitted.append((time.monotonic() - self.started, event, payload))


class FakeWorkshops:
    """Results that are simply how many answers were given so far."""

    def __init__(self):
        self.answers = 0
        self.store = self

    def exists(self, _code):
        return True

    def live_results(self, _code, activity_id):
        return {"activity_id": activity_id, "aggregate": {"answers": self.answers}, "labels": {}}

    def phone_results(self, _code):
        return None  # no results released to the phones


def answered(workshops, live):
    workshops.answers += 1
    live.changed("ABCDEF", 1)


def test_a_burst_is_sent_at_once_then_once_per_interval_and_ends_complete():
    socketio, workshops = FakeSocketIO(), FakeWorkshops()
    live = LiveResults(socketio, workshops, INTERVAL)
    answered(workshops, live)
    time.sleep(0.1)
    assert [(e, p["aggregate"]) for _t, e, p in socketio.emitted] == [("results", {"answers": 1})]
    assert socketio.emitted[0][0] < 0.1  # the first change did not wait for the interval
    for _ in range(49):  # a burst within the same interval
        answered(workshops, live)
    time.sleep(0.1)
    assert len(socketio.emitted) == 1  # nothing more until the interval is over
    time.sleep(INTERVAL)
    assert len(socketio.emitted) == 2 and socketio.emitted[1][2]["aggregate"] == {"answers": 50}
    assert socketio.emitted[1][0] >= INTERVAL
    time.sleep(INTERVAL + 0.1)  # quiet: the sender stops, nothing is sent twice
    assert len(socketio.emitted) == 2
    answered(workshops, live)  # the next change after a quiet interval goes out at once again
    time.sleep(0.1)
    assert len(socketio.emitted) == 3 and socketio.emitted[2][2]["aggregate"] == {"answers": 51}
    seqs = [p["seq"] for _t, _e, p in socketio.emitted]
    assert seqs == sorted(set(seqs))


def test_seq_is_strictly_increasing_and_follows_the_clock_so_processes_compare():
    first, second = (LiveResults(FakeSocketIO(), FakeWorkshops(), INTERVAL) for _ in range(2))
    numbers = [first.next_seq() for _ in range(1000)]
    assert numbers == sorted(set(numbers))
    time.sleep(0.002)
    assert second.next_seq() > numbers[-1]  # another process, later: a larger number
    assert abs(first.next_seq() - time.time_ns() // 1000) < 1_000_000  # microseconds of the clock
