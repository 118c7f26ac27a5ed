"""Two server processes (run.py, eventlet) sharing one data directory and a Redis message queue: what a
phone does on one process reaches the screens on the other, and the screens end on the complete counts."""

import random
import shutil
import subprocess
import threading
from unittest import mock

import pytest
import socketio

from .support import COLOURS, FACTORS, Api, Recorder, Server, aggregate_counts, counts_of, free_port, wait_for

EVENTS = ("results", "presence", "session", "activity", "deleted")


class QueuedServer(Server):
    """`Server` with `--message-queue`, given through the environment it reads (WORKSHOP_MESSAGE_QUEUE)."""

    def __init__(self, data_dir, log_path, message_queue: str):
        super().__init__(data_dir, log_path)
        self.message_queue = message_queue

    def start(self):
        with mock.patch.dict("os.environ", {"WORKSHOP_MESSAGE_QUEUE": self.message_queue}):
            super().start()


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A redis-server of this module's own on a free port, without persistence; killed at teardown."""
    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is missing: the two-process tests need Debian's redis-server package. "
                    "Run `make test`, which installs it (apt-get install redis-server).", pytrace=False)
    port = free_port()
    log = tmp_path_factory.mktemp("redis") / "redis.log"
    with open(log, "wb") as output:
        process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                    "--appendonly", "no"], stdout=output, stderr=subprocess.STDOUT)
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5, socket_timeout=0.5)

    def answers_ping():
        if process.poll() is not None:
            pytest.fail(f"redis-server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            return client.ping()
        except redis.exceptions.ConnectionError:
            return False

    try:
        wait_for(answers_ping, timeout=10, interval=0.05, message="redis-server to answer PING")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        process.kill()
        process.wait(timeout=5)


@pytest.fixture(scope="module")
def servers(tmp_path_factory, redis_url):
    """Processes A and B: the same data directory, the same message queue, different ports."""
    base = tmp_path_factory.mktemp("two-processes")
    pair = [QueuedServer(base / "sessions", base / f"server-{name}.log", redis_url) for name in "ab"]
    try:
        for server in pair:
            server.start()
        yield pair
    finally:
        for server in pair:
            server.stop()
    for name, server in zip("AB", pair, strict=True):
        output = server.log(tail=None)
        assert "Traceback" not in output, f"server {name} logged an error:\n{output[-6000:]}"


@pytest.fixture
def connect():
    """Factory: a python-socketio client on a server (websocket), recording EVENTS; disconnected at teardown."""
    clients = []

    def make(server):
        client = socketio.Client(reconnection=False)
        client.recorder = recorder = Recorder()
        for name in EVENTS:
            client.on(name, lambda payload, name=name: recorder.add(name, payload))
        clients.append(client)
        client.connect(server.base_url, transports=["websocket"], wait_timeout=10)
        return client

    yield make
    for client in clients:
        client.disconnect()


def facilitator(connect, server, session):
    client = connect(server)
    ack = client.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)
    assert ack["ok"], ack
    return client


def phone(connect, server, session, name, organisation="Gemeente Venlo"):
    client = connect(server)
    joined = client.call("join", {"code": session["code"], "name": name, "organisation": organisation}, timeout=5)
    assert joined["ok"], joined
    return client, joined["participant_id"]


def answer(client, activity_id, item, value):
    ack = client.call("answer", {"activity_id": activity_id, "item": item, "value": value}, timeout=5)
    assert ack == {"ok": True, "activity_id": activity_id, "item": item, "value": value}, ack


def last(recorder, event):
    """The payload of an event that arrived last, or None."""
    payloads = recorder.of(event)
    return payloads[-1] if payloads else None


def newest(recorder, event):
    """The payload with the highest seq: what a screen shows (it drops a snapshot older than one it has)."""
    payloads = recorder.of(event)
    return max(payloads, key=lambda p: p["seq"]) if payloads else None


def test_phones_on_both_processes_reach_the_screens_on_both(servers, connect):
    a, b = servers
    session = Api(a.base_url).create_session("Twee processen")
    activity_id = Api(a.base_url).activity_id(session)
    beamer_a = facilitator(connect, a, session)
    console_b = facilitator(connect, b, session)
    assert beamer_a.call("control", {"action": "open", "activity_id": activity_id}, timeout=5)["ok"]

    phones = [phone(connect, server, session, f"Deelnemer {n}") for n, server in enumerate([b] * 6 + [a] * 3)]
    rng = random.Random(2)
    final, failures, lock = {}, [], threading.Lock()  # (participant_id, item) -> value

    def answering(client, pid):
        try:
            sends = [(item, rng.choice(COLOURS)) for item in rng.sample(FACTORS, 8)]
            sends += [(item, rng.choice(COLOURS)) for item, _ in sends[:2]]  # changes of mind
            for item, value in sends:
                answer(client, activity_id, item, value)
                with lock:
                    final[(pid, item)] = value
        except BaseException as error:  # noqa: BLE001  (reported by the test thread below)
            with lock:
                failures.append(f"phone {pid}: {error!r}")

    threads = [threading.Thread(target=answering, args=p) for p in phones]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert not failures, failures
    expected = counts_of(final)
    assert Api(b.base_url).stored_answers(session, activity_id) == final  # one data directory

    for name, screen in (("the beamer on A", beamer_a), ("the console on B", console_b)):
        wait_for(lambda screen=screen: (r := last(screen.recorder, "results")) and r["activity_id"] == activity_id
                 and aggregate_counts(r["aggregate"]) == expected, timeout=5,
                 message=f"{name} to receive the counts answered on A and B")
        assert last(screen.recorder, "results")["aggregate"]["respondents"] == len(phones)
        wait_for(lambda screen=screen: (p := last(screen.recorder, "presence")) and p["participants"] == len(phones),
                 timeout=5, message=f"{name} to hear of {len(phones)} participants")
    assert aggregate_counts(Api(b.base_url).results(session)[activity_id]) == expected


def test_a_control_on_one_process_reaches_phones_and_screens_on_the_other(servers, connect):
    a, b = servers
    session = Api(a.base_url).create_session("Bediening", activities=("succesfactoren", "quickscan"))
    first, second = (x["id"] for x in Api(a.base_url).get(f"/api/sessions/{session['code']}",
                                                          session["facilitator_key"])["activities"])
    console_a = facilitator(connect, a, session)
    beamer_b = facilitator(connect, b, session)
    phone_b, _ = phone(connect, b, session, "Anne")

    def phone_sees(activity_id, state):
        return lambda: (e := last(phone_b.recorder, "activity")) and e["activity"] \
            and (e["activity"]["id"], e["activity"]["state"]) == (activity_id, state)

    def beamer_sees(activity_id, state):
        def check():
            event = last(beamer_b.recorder, "session")
            if not event or event["current_activity"] != activity_id:
                return False
            return {x["id"]: x["state"] for x in event["activities"]}[activity_id] == state
        return check

    for action, activity_id, state in (("open", first, "open"), ("close", first, "closed"), ("next", second, "open")):
        body = {"action": action, "activity_id": first} if action != "next" else {"action": action}
        ack = console_a.call("control", body, timeout=5)
        assert ack["ok"], ack
        wait_for(phone_sees(activity_id, state), message=f"the phone on B to hear `{action}` sent on A")
        wait_for(beamer_sees(activity_id, state), message=f"the beamer on B to hear `{action}` sent on A")
        assert last(beamer_b.recorder, "session")["seq"] == ack["session"]["seq"]
    # The phone on B gets its state for the new activity from B, read from the shared data.
    state = phone_b.call("state", {}, timeout=5)
    assert state["ok"] and state["activity"]["id"] == second and state["activity"]["state"] == "open", state


def test_the_newest_snapshot_of_either_process_has_the_final_counts(servers, connect):
    a, b = servers
    session = Api(a.base_url).create_session("Volgnummers")
    activity_id = Api(a.base_url).activity_id(session)
    beamer = facilitator(connect, a, session)
    for _ in range(10):  # a console reloaded a few times: with a counter per process, A's numbers run ahead
        facilitator(connect, a, session).disconnect()
    assert beamer.call("control", {"action": "open", "activity_id": activity_id}, timeout=5)["ok"]
    phone_a, pid_a = phone(connect, a, session, "Op A")
    phone_b, pid_b = phone(connect, b, session, "Op B")

    # Answers alternately on A and B, in quick succession.
    final = {}
    for n, item in enumerate(FACTORS):
        for client, pid in ((phone_a, pid_a), (phone_b, pid_b)):
            value = COLOURS[(n + pid) % len(COLOURS)]
            answer(client, activity_id, item, value)
            final[(pid, item)] = value
    wait_for(lambda: (r := last(beamer.recorder, "results")) and aggregate_counts(r["aggregate"]) == counts_of(final),
             message="the burst to settle")
    # Then one change of mind on B: its snapshot comes after every snapshot of A and must win.
    value = next(c for c in COLOURS if c != final[(pid_b, "visie")])
    answer(phone_b, activity_id, "visie", value)
    final[(pid_b, "visie")] = value
    expected = counts_of(final)
    wait_for(lambda: (r := last(beamer.recorder, "results")) and aggregate_counts(r["aggregate"]) == expected,
             message="the beamer to receive the last answer")

    snapshots = [r for r in beamer.recorder.of("results") if r["activity_id"] == activity_id]
    seqs = [r["seq"] for r in snapshots]
    assert len(set(seqs)) == len(seqs), f"two snapshots with one seq: {seqs}"
    shown = newest(beamer.recorder, "results")
    assert aggregate_counts(shown["aggregate"]) == expected, \
        f"the snapshot with the highest seq is not the final one: seqs in arrival order {seqs}"
    assert shown is snapshots[-1]
    assert newest(beamer.recorder, "presence")["participants"] == 2
