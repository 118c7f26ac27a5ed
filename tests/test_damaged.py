"""A damaged session file: a clear Dutch refusal everywhere, logged once, the file left byte for byte as it was,
and every other session working as before."""

import logging
import os
import time

import pytest
from helpers import answer, assert_refused, control, facilitate, join

from workshop.retention import sweep

SESSION = {"title": "Gezond", "activities": ["succesfactoren"]}
KEY = {"Authorization": "Bearer nietdesleutel"}


def truncated_in_the_middle(path):
    """A real session's file cut off halfway, at a page boundary."""
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.truncate(size // 4096 // 2 * 4096)


@pytest.fixture
def damaged(make_app, data_dir):
    """Three damaged sessions and a sound one, after a restart: (app, sound session, {code: file bytes})."""
    first = make_app()
    client = first.test_client()
    sound = client.post("/api/sessions", json=SESSION).get_json()
    victim = client.post("/api/sessions", json={**SESSION, "title": "Wordt afgekapt " + "x" * 100}).get_json()
    workshops = first.extensions["werkatelier"].workshops
    for n in range(300):  # enough participants for a file of several pages
        workshops.join(victim["code"], name=f"Deelnemer {n} " + "y" * 40)
    workshops.close()
    truncated_in_the_middle(data_dir / f"{victim['code']}.sqlite")
    (data_dir / "LEEG22.sqlite").write_bytes(b"")
    (data_dir / "RUIS33.sqlite").write_bytes(os.urandom(8192))
    files = {code: (data_dir / f"{code}.sqlite").read_bytes() for code in (victim["code"], "LEEG22", "RUIS33")}
    assert len(files[victim["code"]]) > 4096
    return make_app(), sound, files


def assert_untouched(data_dir, files):
    for code, content in files.items():
        assert (data_dir / f"{code}.sqlite").read_bytes() == content
        assert not (data_dir / f"{code}.sqlite-wal").exists() and not (data_dir / f"{code}.sqlite-shm").exists()


def test_the_api_and_the_pages_say_the_session_is_damaged(damaged, data_dir, caplog):
    app, _, files = damaged
    client = app.test_client()
    for code in files:
        for _ in range(2):
            reply = client.get(f"/api/sessions/{code}", headers=KEY)
            assert reply.status_code == 503
            assert reply.get_json() == {"error": reply.get_json()["error"], "reason": "session_damaged"}
            assert "beschadigd" in reply.get_json()["error"]
            for page in (f"/j/{code}", f"/f/{code}", f"/f/{code}/beamer"):
                reply = client.get(page)
                assert reply.status_code == 503 and "beschadigd" in reply.get_data(as_text=True)
    assert_untouched(data_dir, files)
    logged = [record for record in caplog.records if "damaged" in record.getMessage()]
    assert sorted(record.getMessage().split()[1] for record in logged) == sorted(files)  # once per session
    assert not any(record.exc_info for record in caplog.records if record.levelno >= logging.ERROR)


def test_phones_and_screens_get_a_clear_ack(damaged, data_dir, sio):
    _, _, files = damaged
    for code in files:
        assert_refused(sio().emit("join", {"code": code, "name": "Anna"}, callback=True), "session_damaged")
        assert_refused(sio().emit("facilitate", {"code": code, "key": "x"}, callback=True), "session_damaged")
    assert_untouched(data_dir, files)


def test_other_sessions_keep_working(damaged, sio):
    app, sound, files = damaged
    assert app.test_client().get(f"/j/{next(iter(files))}").status_code == 503
    screen, _ = facilitate(sio, sound)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, sound["code"], name="Bas")
    assert answer(phone, "visie", "groen")["ok"]
    assert app.test_client().get(f"/api/sessions/{sound['code']}",
                                 headers={"Authorization": f"Bearer {sound['facilitator_key']}"}).status_code == 200


def test_the_retention_sweep_leaves_damaged_files_alone(damaged, data_dir):
    app, sound, files = damaged
    state = app.extensions["werkatelier"]
    assert sweep(state.workshops, state.live, days=1, now=time.time() + 2 * 86400) == [sound["code"]]
    assert_untouched(data_dir, files)
