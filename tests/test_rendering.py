"""Downloads rendered in a child process, through the Flask test client: cancelled when the client has gone,
refused in Dutch past the memory limit, and never leaving a child behind."""

import json
import os
import subprocess
import sys
import time

import psutil
import pytest

from workshop import ROOT


def render_children() -> list[psutil.Process]:
    """The render children of this (the test's) process still running."""
    found = []
    for child in psutil.Process().children():
        try:
            if "workshop.render" in child.cmdline():
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


def no_render_children(timeout=5.0) -> bool:
    deadline = time.monotonic() + timeout
    while render_children():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


class ClientGoneOnceRendering:
    """WSGI middleware standing in for the server: its `werkatelier.client_gone` says the client left as soon as
    a render child runs, and counts how often it was asked."""

    def __init__(self, app):
        self.app = app
        self.asked = 0

    def __call__(self, environ, start_response):
        environ["werkatelier.client_gone"] = self.gone
        return self.app(environ, start_response)

    def gone(self) -> bool:
        self.asked += 1
        return bool(render_children())


def test_a_render_stops_when_the_client_has_gone(app, session, auth):
    middleware = ClientGoneOnceRendering(app.wsgi_app)
    app.wsgi_app = middleware
    began = time.monotonic()
    reply = app.test_client().get(f"/api/sessions/{session['code']}/report.pdf", headers=auth)
    assert reply.status_code == 499 and reply.get_json()["reason"] == "client_gone"
    assert time.monotonic() - began < 5  # a PDF takes longer: it was killed, not waited for
    assert middleware.asked >= 1
    assert no_render_children(timeout=0)  # reaped before the reply


def test_past_the_memory_limit_the_render_is_refused_in_dutch(make_app):
    app = make_app(RENDER_MEMORY_MB=60)  # far less than Python needs to build a workbook
    client = app.test_client()
    session = client.post("/api/sessions", json={"title": "Klein", "activities": ["quickscan"]}).get_json()
    reply = client.get(f"/api/sessions/{session['code']}/export.xlsx",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    assert reply.status_code == 503
    body = reply.get_json()
    assert body["reason"] == "render_too_large" and "geheugengrens" in body["error"] and "60 MB" in body["error"]
    assert no_render_children()


def test_the_child_refuses_an_unknown_session_with_its_reason(tmp_path):
    from workshop.render import REFUSED

    out = tmp_path / "out"
    job = {"data_dir": str(tmp_path / "sessions"), "busy_timeout": 1.0, "code": "ABCDEF", "format": "csv",
           "out": str(out), "include_hidden": False, "links": None, "memory_mb": 1024, "timeout": 30,
           "server_pid": os.getpid()}
    child = subprocess.run([sys.executable, "-m", "workshop.render"], input=json.dumps(job).encode(), cwd=ROOT,
                           timeout=30)
    assert child.returncode == REFUSED
    refusal = json.loads(out.read_text())
    assert refusal["status"] == 404 and refusal["reason"] == "not_found" and "sessiecode" in refusal["error"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_renders_leave_no_child_behind(client, session, auth, fmt):
    assert client.get(f"/api/sessions/{session['code']}/export.{fmt}", headers=auth).status_code == 200
    assert no_render_children(timeout=0)


def test_a_render_slot_is_one_per_session_and_freed_on_every_path():
    from workshop.errors import WorkshopError
    from workshop.rendering import Renders

    slots = Renders()
    with slots.slot("AAAAAA", workers=2):
        with pytest.raises(WorkshopError) as busy:
            with slots.slot("AAAAAA", workers=2):
                pass
        assert (busy.value.status, busy.value.reason) == (429, "render_busy")
        with pytest.raises(RuntimeError), slots.slot("BBBBBB", workers=2):
            raise RuntimeError("the render failed")
        with slots.slot("BBBBBB", workers=2):  # freed after the failure
            with pytest.raises(WorkshopError) as full:
                with slots.slot("CCCCCC", workers=2):
                    pass
            assert (full.value.status, full.value.reason) == (503, "server_busy")
    assert slots.running == set()
