"""Downloads of big sessions on the real server (run.py, eventlet): rendered in a child process with a time limit,
one per session, while the room goes on. Sessions of 3,000 cards are built through the use cases before the
server starts (tests/big_session.py)."""

import json
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from .support import Server, wait_for

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from big_session import build  # noqa: E402

RENDER_TIMEOUT = 20  # seconds: the 3,000-card PDF takes about a minute here, two workbooks at once a few seconds each
# (more on a machine shared with other jobs: 10 s was too tight there)


@pytest.fixture(scope="module")
def sessions(tmp_path_factory):
    """Three sessions in the server's data directory: two of 3,000 cards (A, B) and a small one (C)."""
    data_dir = tmp_path_factory.mktemp("render-server") / "sessions"
    return {"A": build(data_dir), "B": build(data_dir), "C": build(data_dir, cards=30), "data_dir": data_dir}


@pytest.fixture(scope="module")
def server(sessions):
    """The real server on the sessions' data directory, with a short render time limit and two render workers."""
    running = Server(sessions["data_dir"], sessions["data_dir"].parent / "server.log")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("WORKSHOP_RENDER_TIMEOUT", str(RENDER_TIMEOUT))
        env.setenv("WORKSHOP_RENDER_WORKERS", "2")
        running.start()
    try:
        yield running
    finally:
        running.stop()
    output = running.log(tail=None)
    assert "Traceback" not in output, f"the server logged an error:\n{output[-6000:]}"


def fetch(server, session, path) -> tuple[int | None, bytes, float]:
    """GET a download with the facilitator key: (status, body, seconds it took); status None if the connection
    broke."""
    request = urllib.request.Request(f"{server.base_url}/api/sessions/{session['code']}/{path}",
                                     headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    began = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=RENDER_TIMEOUT + 20) as reply:
            return reply.status, reply.read(), time.monotonic() - began
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read(), time.monotonic() - began
    except OSError as error:
        return None, str(error).encode(), time.monotonic() - began


class Download(threading.Thread):
    """A download running in the background; `result` is fetch's answer once it is done."""

    def __init__(self, server, session, path):
        super().__init__(daemon=True)
        self.args_ = (server, session, path)
        self.result = None

    def run(self):
        self.result = fetch(*self.args_)

    def outcome(self):
        self.join(timeout=RENDER_TIMEOUT + 25)
        assert self.result is not None, "the download did not finish"
        return self.result


def renders(server) -> list[psutil.Process]:
    """The server's render children that are running."""
    found = []
    for child in psutil.Process(server.process.pid).children():
        try:
            if "workshop.render" in child.cmdline() and child.status() != psutil.STATUS_ZOMBIE:
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


def ended(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def facilitator(sio_client, session):
    client = sio_client()
    ack = client.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)
    assert ack["ok"], ack
    return client


def round_trip(console) -> float:
    began = time.monotonic()
    ack = console.call("control", {"action": "hide_results", "activity_id": 1}, timeout=10)
    assert ack["ok"], ack
    return time.monotonic() - began


def test_while_the_report_and_a_workbook_render_the_room_goes_on(server, sessions, sio_client):
    console = facilitator(sio_client, sessions["A"])
    before = psutil.Process(server.process.pid).memory_info().rss
    pdf = Download(server, sessions["A"], "report.pdf")
    xlsx = Download(server, sessions["B"], "export.xlsx")
    pdf.start()
    xlsx.start()
    trips, server_rss, child_rss = [], before, 0
    deadline = time.monotonic() + RENDER_TIMEOUT - 1
    while time.monotonic() < deadline:  # while the PDF renders (it takes longer than the time limit)
        trips.append(round_trip(console))
        server_rss = max(server_rss, psutil.Process(server.process.pid).memory_info().rss)
        for child in renders(server):
            try:
                child_rss = max(child_rss, child.memory_info().rss)
            except psutil.NoSuchProcess:
                pass
        time.sleep(0.1)
    status, workbook, took = xlsx.outcome()
    assert status == 200 and workbook.startswith(b"PK"), workbook[:200]
    print(f"\ncontrol round trips while rendering: {len(trips)}, max {max(trips) * 1000:.0f} ms, "
          f"median {sorted(trips)[len(trips) // 2] * 1000:.0f} ms; workbook {took:.1f} s; "
          f"server RSS {before >> 20} -> {server_rss >> 20} MB, render child up to {child_rss >> 20} MB")
    assert max(trips) < 1.0
    assert server_rss - before < 50 * 2**20 < child_rss  # the render's memory is the child's, not the server's
    pdf.outcome()


def test_the_time_limit_stops_the_render_and_leaves_no_child(server, sessions):
    status, body, took = fetch(server, sessions["A"], "report.pdf")
    refusal = json.loads(body)
    assert status == 503 and refusal["reason"] == "render_timeout", refusal
    assert f"langer dan {RENDER_TIMEOUT} seconden" in refusal["error"]
    assert RENDER_TIMEOUT <= took < RENDER_TIMEOUT + 5
    assert not renders(server)


def test_one_render_per_session_and_at_most_two_at_once(server, sessions):
    first = Download(server, sessions["A"], "export.xlsx")
    first.start()
    wait_for(lambda: renders(server), timeout=5, message="the workbook of A to render")
    status, body, _ = fetch(server, sessions["A"], "export.csv")  # the same session: wait for the first
    refusal = json.loads(body)
    assert status == 429 and refusal["reason"] == "render_busy" and "Wacht" in refusal["error"], refusal
    second = Download(server, sessions["B"], "export.xlsx")
    second.start()
    wait_for(lambda: len(renders(server)) == 2, timeout=5, message="the workbooks of A and B to render")
    status, body, _ = fetch(server, sessions["C"], "export.csv")  # a third session: the server is busy
    refusal = json.loads(body)
    assert status == 503 and refusal["reason"] == "server_busy", refusal
    assert first.outcome()[0] == 200 and second.outcome()[0] == 200
    status, body, _ = fetch(server, sessions["A"], "export.csv")  # the slots are free again
    assert status == 200 and body.decode("utf-8-sig").count("\n") == 3000 + 2 * 200 + 1
    assert not renders(server)


def test_a_client_that_leaves_stops_its_render_at_once(server, sessions):
    """run.py tells the app when the client closed its connection (`werkatelier.client_gone`)."""
    import socket

    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection:
        connection.sendall(f"GET /api/sessions/{sessions['A']['code']}/report.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           f"Authorization: Bearer {sessions['A']['facilitator_key']}\r\n\r\n".encode())
        child = wait_for(lambda: renders(server), timeout=5, message="the report to render")[0]
    left = time.monotonic()  # the client hung up; the PDF would take about a minute
    wait_for(lambda: ended(child), timeout=3, message="the render to stop after its client left")
    print(f"\nrender stopped {time.monotonic() - left:.2f} s after its client left")
    assert not renders(server)


def test_a_render_ends_with_the_server(tmp_path):
    """A render never outlives the server: when the server is killed (SIGKILL), its render child ends too."""
    session = build(tmp_path / "sessions", cards=30)
    running = Server(tmp_path / "sessions", tmp_path / "server.log")
    running.start()
    try:
        pdf = Download(running, session, "report.pdf")
        pdf.start()
        child = wait_for(lambda: renders(running), timeout=5, message="the report to render")[0]
        running.restart()  # SIGKILL, then a new server
        wait_for(lambda: ended(child), timeout=5, message="the orphaned render to end")
        assert pdf.outcome()[0] is None  # the connection broke with the server
    finally:
        running.stop()
