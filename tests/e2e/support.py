"""Helpers of the end-to-end tests: the server subprocess, a REST client, event recording, polling."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
START_TIMEOUT = 20.0

# The succesfactoren items in worksheet order (workshop/activities/succesfactoren.py).
FACTORS = ("visie", "durf", "interdependentie", "domeinconsensus", "elkaar-kennen", "onderhandelingsvermogen",
           "middelen", "structuur", "methodisch", "vertrouwen", "klimaat", "evalueren")
COLOURS = ("groen", "oranje", "rood")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`python run.py --port PORT --async-mode MODE` (eventlet unless told) on a data directory of its own;
    `env` adds environment variables, `limits` (e.g. {resource.RLIMIT_NOFILE: (256, 256)}) sets resource limits."""

    def __init__(self, data_dir: Path, log_path: Path, mode: str = "eventlet", env: dict | None = None,
                 limits: dict | None = None):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        self.log_path = log_path
        self.mode = mode
        self.env = env or {}
        self.limits = limits or {}
        self.process: subprocess.Popen | None = None
        self._log = None

    def start(self):
        env = {**os.environ, "WORKSHOP_DATA_DIR": str(self.data_dir), "PYTHONUNBUFFERED": "1", **self.env}
        env.pop("WORKSHOP_PUBLIC_URL", None)
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "run.py", "--port", str(self.port), "--async-mode", self.mode],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=self._set_limits)
        self._wait_until_ready()

    def _set_limits(self):
        import resource

        for limit, value in self.limits.items():
            resource.setrlimit(limit, value)

    def _wait_until_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._close_log()
                pytest.fail(f"the server exited with {self.process.returncode} while starting:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.base_url + "/", timeout=1) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.05)
        self.stop()
        pytest.fail(f"the server did not answer GET / within {START_TIMEOUT} s:\n{self.log()}")

    def restart(self):
        """Kill the server the hard way (SIGKILL: a crash, a pulled plug) and start it again."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._close_log()
        self.start()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._close_log()

    def _close_log(self):
        if self._log:
            self._log.close()
            self._log = None

    def log(self, tail: int | None = 4000) -> str:
        """The server's output (the last `tail` characters; None: all of it)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return text[-tail:] if tail else text


@dataclass
class Api:
    """A tiny JSON client for the REST API."""

    base_url: str

    def request(self, method: str, path: str, body=None, key: str | None = None):
        """Returns (status, parsed JSON body)."""
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=10) as reply:
                body = reply.read()
                return reply.status, json.loads(body) if body else None  # 204 has no body
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read() or b"null")

    def create_session(self, title="Werkatelier e2e", activities=("succesfactoren",)) -> dict:
        status, body = self.request("POST", "/api/sessions", {"title": title, "activities": list(activities)})
        assert status == 201, body
        return body

    def get(self, path: str, key: str) -> dict:
        status, body = self.request("GET", path, key=key)
        assert status == 200, (path, status, body)
        return body

    def get_bytes(self, path: str, key: str) -> bytes:
        """A download (xlsx, pdf) as its bytes."""
        req = urllib.request.Request(self.base_url + path, headers={"Authorization": f"Bearer {key}"})
        with urllib.request.urlopen(req, timeout=60) as reply:
            return reply.read()

    def activity_id(self, session: dict) -> int:
        """The id of the session's (only) succesfactoren activity."""
        overview = self.get(f"/api/sessions/{session['code']}", session["facilitator_key"])
        return overview["activities"][0]["id"]

    def results(self, session: dict) -> dict:
        """Activity id -> aggregate, from GET /api/sessions/CODE/results."""
        body = self.get(f"/api/sessions/{session['code']}/results", session["facilitator_key"])
        return {a["id"]: a["aggregate"] for a in body["activities"]}

    def stored_answers(self, session: dict, activity_id: int) -> dict:
        """(participant_id, item) -> value of one activity, from export.json."""
        export = self.get(f"/api/sessions/{session['code']}/export.json", session["facilitator_key"])
        return {(a["participant_id"], a["item"]): a["value"] for a in export["answers"]
                if a["activity_id"] == activity_id}


@dataclass
class Recorder:
    """Collects the server->client events of one socketio.Client, thread-safely."""

    events: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name, payload):
        with self.lock:
            self.events.setdefault(name, []).append(payload)

    def of(self, name) -> list:
        with self.lock:
            return list(self.events.get(name, []))


def wait_for(condition, timeout=5.0, interval=0.02, message="condition"):
    """Poll `condition()` until it returns something truthy, and return that; fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {message}")
        time.sleep(interval)


def facilitator(sio_client, session):
    """A script's facilitator connection on `session` (the `sio_client` fixture's client, facilitating)."""
    screen = sio_client()
    assert screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=10)["ok"]
    return screen


def control(screen, action, **fields) -> dict:
    """A `control` of a script's facilitator connection that must succeed: its ack."""
    ack = screen.call("control", {"action": action, **fields}, timeout=10)
    assert ack["ok"], ack
    return ack


def counts_of(answers: dict) -> dict:
    """(participant_id, item) -> value  =>  item -> {groen, oranje, rood, total}, for every factor."""
    counts = {item: {c: 0 for c in COLOURS} for item in FACTORS}
    for (_pid, item), value in answers.items():
        counts[item][value] += 1
    return {item: {**c, "total": sum(c.values())} for item, c in counts.items()}


def aggregate_counts(aggregate: dict) -> dict:
    """The same shape, read from a server aggregate."""
    return {i["id"]: {k: i[k] for k in (*COLOURS, "total")} for i in aggregate["items"]}
