"""Coalescing on its own: the first change goes out at once, a burst becomes one snapshot per interval,
and every snapshot carries a larger seq than the one before."""

import threading
import time

from workshop.live import PHONE_RESULTS, LiveResults

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
    """Results that are simply how many answers were given so far, released to the phones or not."""

    def __init__(self, released=False):
        self.answers = 0
        self.reads = 0  # aggregates read
        self.released = released
        self.store = self

    def exists(self, _code):
        return True

    def results(self, _code, activity_id):
        self.reads += 1
        return {str(activity_id): {"answers": self.answers}}

    def live_results(self, _code, activity_id, aggregate):
        return {"activity_id": activity_id, "aggregate": aggregate, "labels": {}}

    def phone_results(self, _code, aggregate_of):
        return {"activity_id": 1, "aggregate": aggregate_of(1)} if self.released else None


class UnstartedSocketIO(FakeSocketIO):
    """Background tasks are not started: the test calls `flush` itself, in the order a server runs them."""

    def start_background_task(self, target, *args):
        pass


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


def test_one_flush_reads_the_aggregate_once_for_the_beamer_and_the_phones():
    socketio, workshops = UnstartedSocketIO(), FakeWorkshops(released=True)
    live = LiveResults(socketio, workshops, INTERVAL)
    answered(workshops, live)
    live.flush("ABCDEF", 1)
    live.flush("ABCDEF", (PHONE_RESULTS, 1))
    (_t, beamer, on_beamer), (_t, phones, on_phones) = socketio.emitted
    assert (beamer, phones) == ("results", "phone_results")
    assert on_phones["aggregate"] == on_beamer["aggregate"] == {"answers": 1}
    assert on_phones["seq"] == on_beamer["seq"]  # the seq of when it was read
    assert workshops.reads == 1


def test_without_a_recent_beamer_snapshot_the_phones_read_the_aggregate_themselves():
    socketio, workshops = UnstartedSocketIO(), FakeWorkshops(released=True)
    live = LiveResults(socketio, workshops, interval=0)  # a snapshot of the beamer is never recent enough
    answered(workshops, live)
    live.flush("ABCDEF", 1)
    answered(workshops, live)
    live.flush("ABCDEF", (PHONE_RESULTS, 1))
    assert socketio.emitted[-1][2]["aggregate"] == {"answers": 2} and workshops.reads == 2


def test_under_a_stream_of_answers_the_phones_use_the_beamers_aggregate_and_end_with_every_answer():
    socketio, workshops = FakeSocketIO(), FakeWorkshops(released=True)
    live = LiveResults(socketio, workshops, interval=0.05, phone_interval=0.2)
    for _ in range(150):  # about 1.5 s of answers, every phone snapshot some answers behind the beamer's
        answered(workshops, live)
        time.sleep(0.01)
    time.sleep(1.0)  # quiet: both senders stop
    on_phones = [p for _t, e, p in socketio.emitted if e == "phone_results"]
    on_beamer = [p for _t, e, p in socketio.emitted if e == "results"]
    assert on_phones[-1]["aggregate"] == on_beamer[-1]["aggregate"] == {"answers": 150}
    assert workshops.reads < len(on_beamer) + len(on_phones)  # phone snapshots made from the beamer's reads
    seqs = [p["seq"] for p in on_phones]
    assert seqs == sorted(seqs)
