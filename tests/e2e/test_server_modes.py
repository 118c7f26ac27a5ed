"""run.py in each supported async mode (eventlet, gevent, threading): a room answers live, the log stays quiet,
idle and half-sent HTTP connections are closed while websockets stay, and a normal stop leaves one file per session."""

import shutil
import signal
import socket
import sqlite3
import time

import pytest
import socketio

from .support import FACTORS, Api, Server, wait_for

MODES = ("eventlet", "gevent", "threading")
HTTP_TIMEOUT = 1.5  # WORKSHOP_HTTP_TIMEOUT for these servers, so the tests need not wait 20 s


@pytest.fixture(scope="module", params=MODES)
def mode_server(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(f"mode-{request.param}")
    running = Server(base / "sessions", base / "server.log", mode=request.param,
                     env={"WORKSHOP_HTTP_TIMEOUT": str(HTTP_TIMEOUT)})
    running.start()
    yield running
    running.stop()


def connected_client(server) -> socketio.Client:
    client = socketio.Client(reconnection=False)
    client.connect(server.base_url, transports=["websocket"], wait_timeout=10)
    return client


def open_session(server, phones: int):
    """A session with its succesfactoren open, a console that facilitates it, and `phones` joined phones."""
    api = Api(server.base_url)
    session = api.create_session("Modi")
    activity_id = api.activity_id(session)
    console = connected_client(server)
    results = []
    console.on("results", results.append)
    assert console.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)["ok"]
    assert console.call("control", {"action": "open", "activity_id": activity_id}, timeout=5)["ok"]
    clients = []
    for n in range(phones):
        phone = connected_client(server)
        assert phone.call("join", {"code": session["code"], "name": f"Telefoon {n}"}, timeout=5)["ok"]
        clients.append(phone)
    return session, activity_id, console, results, clients


def test_phones_answer_and_the_console_sees_every_answer(mode_server):
    session, activity_id, console, results, phones = open_session(mode_server, phones=10)
    try:
        for n, phone in enumerate(phones):
            for item in FACTORS:
                value = ("groen", "oranje", "rood")[n % 3]
                ack = phone.call("answer", {"activity_id": activity_id, "item": item, "value": value}, timeout=5)
                assert ack["ok"], ack
        latest = wait_for(lambda: results and max(results, key=lambda r: r["seq"])["aggregate"]["respondents"] == 10
                          and max(results, key=lambda r: r["seq"])["aggregate"], message="all ten phones on the console")
        visie = next(i for i in latest["items"] if i["id"] == "visie")
        assert (visie["groen"], visie["oranje"], visie["rood"], visie["total"]) == (4, 3, 3, 10)
    finally:
        for client in (console, *phones):
            client.disconnect()


def test_the_log_has_no_request_lines_warnings_or_tracebacks_nor_keys(mode_server):
    for path in ("/", "/static/css/app.css", "/nergens"):
        with socket.create_connection(("127.0.0.1", mode_server.port), timeout=5) as connection:
            connection.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
            assert connection.recv(100).startswith(b"HTTP/1.")
    keys = used_and_refused_keys(mode_server)
    log = mode_server.log(tail=None)
    assert "Werkatelier draait op" in log or "Werkatelier is running at" in log  # the environment's language
    for noise in ("GET /", "development server", "production", "Traceback", "WARNING", *keys):
        assert noise not in log, (noise, log)


def used_and_refused_keys(server) -> list[str]:
    """A facilitator key and a moderator link's key, each used, refused and revoked over HTTP and Socket.IO."""
    api = Api(server.base_url)
    session = api.create_session("Sleutels")
    path = f"/api/sessions/{session['code']}"
    status, link = api.request("POST", f"{path}/moderators", key=session["facilitator_key"])
    assert status == 201, link
    screens = [connected_client(server) for _ in range(2)]
    try:
        ack = screens[0].call("facilitate", {"code": session["code"], "key": link["key"]}, timeout=5)
        assert ack["role"] == "moderator"
        assert api.request("GET", path, key=link["key"])[0] == 403
        assert api.request("GET", path, key=link["key"][::-1])[0] == 403
        assert api.request("DELETE", f"{path}/moderators/{link['id']}", key=session["facilitator_key"])[0] == 204
        wait_for(lambda: not screens[0].connected, message="the moderator's screen dropped")
        if getattr(screens[0].eio, "ws", None):  # dropped by the server: close its socket (see conftest.py)
            screens[0].eio.ws.shutdown()
        ack = screens[1].call("facilitate", {"code": session["code"], "key": link["key"]}, timeout=5)
        assert ack["reason"] == "revoked"
    finally:
        for screen in screens:
            screen.disconnect()
    return [session["facilitator_key"], link["key"], link["key"][::-1]]


def closed_within(connection: socket.socket, seconds: float) -> float | None:
    """How long until the server closed `connection` (None: still open after `seconds`)."""
    connection.settimeout(seconds)
    began = time.monotonic()
    try:
        while connection.recv(4096):
            pass
    except TimeoutError:
        return None
    except ConnectionResetError:
        pass
    return time.monotonic() - began


def test_half_sent_and_idle_connections_are_closed_by_the_server(mode_server):
    half_sent = socket.create_connection(("127.0.0.1", mode_server.port))
    half_sent.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: hal")  # and then nothing more
    idle = socket.create_connection(("127.0.0.1", mode_server.port))
    idle.sendall(b"GET /static/css/app.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")  # keep-alive, then silence
    with half_sent, idle:
        assert closed_within(half_sent, HTTP_TIMEOUT + 5) is not None, "a half-sent request stayed open"
        assert closed_within(idle, HTTP_TIMEOUT + 5) is not None, "an idle keep-alive connection stayed open"


def test_a_quiet_websocket_outlives_the_http_timeout(mode_server):
    session, _activity_id, console, _results, (phone,) = open_session(mode_server, phones=1)
    try:
        time.sleep(HTTP_TIMEOUT * 2)  # quiet: no event either way, only the socket idle
        assert phone.connected and phone.call("state", {}, timeout=5)["ok"]
        assert console.call("control", {"action": "hide_results", "activity_id": _activity_id}, timeout=5)["ok"]
    finally:
        console.disconnect()
        phone.disconnect()


@pytest.mark.parametrize("mode", MODES)
def test_sigterm_leaves_every_answer_in_the_session_file_alone(mode, tmp_path):
    server = Server(tmp_path / "sessions", tmp_path / "server.log", mode=mode)
    server.start()
    try:
        session, activity_id, console, _results, phones = open_session(server, phones=3)
        for phone in phones:
            assert phone.call("answer", {"activity_id": activity_id, "item": "visie", "value": "rood"}, timeout=5)["ok"]
        for client in (console, *phones):
            client.disconnect()
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=10) == 0
    finally:
        server.stop()
    assert "alle sessies zijn bewaard" in server.log()
    database = server.data_dir / f"{session['code']}.sqlite"
    alone = tmp_path / "alone.sqlite"
    shutil.copyfile(database, alone)  # the .sqlite without its -wal and -shm: what a copy of "the session" is
    with sqlite3.connect(alone) as copy:
        answers = copy.execute("select value from answers where activity_id = ? and item = 'visie'",
                               [activity_id]).fetchall()
    assert answers == [("rood",)] * 3
