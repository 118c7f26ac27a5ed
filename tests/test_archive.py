"""The session archive through the API: duplicate, delete for real, download tokens, and retention."""

import os
import time

import pytest
from helpers import add_card, answer, control, facilitate, join, received

from workshop.retention import expired, sweep
from workshop.store import Store

KINDS = ["succesfactoren", "motieven"]


@pytest.fixture
def full(client, sio):
    """A session with two activities, a phone that answered and wrote a card, and a facilitator screen."""
    session = client.post("/api/sessions", json={"title": "Wijkaanpak Noord", "activities": KINDS}).get_json()
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, session["code"], name="Zoë", organisation="Gemeente Venlo")
    assert answer(phone, "visie", "rood")["ok"]
    control(screen, "next")
    assert add_card(phone, "moreel", "Iedereen een thuis", activity_id=2)["ok"]
    return session, screen, phone


def bearer(session):
    return {"Authorization": f"Bearer {session['facilitator_key']}"}


def test_duplicate_makes_a_new_session_with_the_same_activities_and_no_answers(full, client):
    session, _, _ = full
    reply = client.post(f"/api/sessions/{session['code']}/duplicate", headers=bearer(session))
    assert reply.status_code == 201
    copy = reply.get_json()
    assert copy["code"] != session["code"] and copy["facilitator_key"] != session["facilitator_key"]
    assert copy["facilitator_url"].endswith(f"/f/{copy['code']}#key={copy['facilitator_key']}")
    overview = client.get(f"/api/sessions/{copy['code']}", headers=bearer(copy)).get_json()
    assert overview["title"] == "Wijkaanpak Noord" and overview["participants"] == 0
    assert [a["type"] for a in overview["activities"]] == KINDS
    assert all(a["state"] == "closed" for a in overview["activities"]) and overview["current_activity"] is None
    export = client.get(f"/api/sessions/{copy['code']}/export.json", headers=bearer(copy)).get_json()
    assert export["answers"] == [] and export["entries"] == []
    # The original's key does not open the copy.
    assert client.get(f"/api/sessions/{copy['code']}", headers=bearer(session)).status_code == 403


def test_delete_removes_the_data_for_real_and_every_url_of_the_code_is_404(full, client, data_dir, sio):
    session, screen, phone = full
    code = session["code"]
    assert (data_dir / f"{code}.sqlite").exists()
    screen.get_received()
    phone.get_received()
    assert client.delete(f"/api/sessions/{code}", headers=bearer(session)).status_code == 204
    assert not list(data_dir.glob(f"{code}*"))  # the database and its -wal/-shm files are gone
    message = "Deze sessie is verwijderd door de procesbegeleider."
    assert received(screen, "deleted") == [{"message": message}]
    assert received(phone, "deleted") == [{"message": message}]
    for url in (f"/j/{code}", f"/f/{code}", f"/f/{code}/beamer", f"/qr/{code}.svg", f"/api/sessions/{code}",
                f"/api/sessions/{code}/results", f"/api/sessions/{code}/export.json"):
        assert client.get(url, headers=bearer(session)).status_code == 404, url
    assert client.delete(f"/api/sessions/{code}", headers=bearer(session)).status_code == 404
    assert client.post(f"/api/sessions/{code}/duplicate", headers=bearer(session)).status_code == 404
    # Phones and screens that were connected get a Dutch 'not found' for anything they send now.
    refused = answer(phone, "durf", "groen")
    assert refused["ok"] is False and refused["reason"] == "not_found"
    again = sio().emit("join", {"code": code}, callback=True)
    assert again["ok"] is False and again["reason"] == "not_found"
    assert not list(data_dir.glob(f"{code}*"))  # nothing came back


@pytest.mark.parametrize("headers, status", [({}, 401), ({"Authorization": "Bearer verkeerd"}, 403)])
def test_delete_needs_the_facilitator_key(full, client, data_dir, headers, status):
    session, _, _ = full
    reply = client.delete(f"/api/sessions/{session['code']}", headers=headers)
    assert reply.status_code == status and reply.get_json()["error"]
    assert (data_dir / f"{session['code']}.sqlite").exists()


def test_a_download_token_opens_downloads_of_its_own_session_only(full, client):
    session, _, _ = full
    reply = client.post(f"/api/sessions/{session['code']}/download-token", headers=bearer(session))
    assert reply.status_code == 200
    token = reply.get_json()["token"]
    assert reply.get_json()["expires_in"] == 300
    assert client.get(f"/api/sessions/{session['code']}/export.json?t={token}").status_code == 200
    # Not a key: it opens no other endpoint, and no other session.
    assert client.get(f"/api/sessions/{session['code']}?t={token}").status_code == 401
    other = client.post("/api/sessions", json={"title": "Ander", "activities": ["quickscan"]}).get_json()
    refused = client.get(f"/api/sessions/{other['code']}/export.json?t={token}")
    assert refused.status_code == 403 and "downloadlink" in refused.get_json()["error"]
    assert client.get(f"/api/sessions/{session['code']}/export.json?t=rommel").status_code == 403
    assert client.post(f"/api/sessions/{session['code']}/download-token").status_code == 401


def test_an_old_download_token_has_expired(full, client, monkeypatch):
    session, _, _ = full
    token = client.post(f"/api/sessions/{session['code']}/download-token", headers=bearer(session)).get_json()["token"]
    later = time.time() + 301
    monkeypatch.setattr(time, "time", lambda: later)
    reply = client.get(f"/api/sessions/{session['code']}/export.json?t={token}")
    assert reply.status_code == 403 and "verlopen" in reply.get_json()["error"]


def test_retention_deletes_only_sessions_untouched_for_longer_than_the_setting(app, client, data_dir):
    state = app.extensions["werkatelier"]
    old = client.post("/api/sessions", json={"title": "Oud", "activities": ["quickscan"]}).get_json()["code"]
    recent = client.post("/api/sessions", json={"title": "Recent", "activities": ["quickscan"]}).get_json()["code"]
    now = time.time()
    for path in data_dir.glob(f"{old}.sqlite*"):
        os.utime(path, (now - 31 * 86400, now - 31 * 86400))
    assert expired(state.workshops.store, 30, now) == [old]
    assert sweep(state.workshops, state.live, 30, now) == [old]
    assert not list(data_dir.glob(f"{old}*")) and (data_dir / f"{recent}.sqlite").exists()
    assert sweep(state.workshops, state.live, 30, now) == []


def test_a_sweep_skips_a_session_deleted_meanwhile_and_goes_on(app, client, data_dir, monkeypatch):
    state = app.extensions["werkatelier"]
    codes = [client.post("/api/sessions", json={"title": t, "activities": ["quickscan"]}).get_json()["code"]
             for t in ("Eerste", "Tweede")]
    now = time.time()
    monkeypatch.setattr("workshop.retention.expired", lambda *_: codes)
    Store(data_dir).delete(codes[0])  # another process (its facilitator or its sweep) was first
    assert sweep(state.workshops, state.live, 30, now) == [codes[1]]
    assert not list(data_dir.glob("*.sqlite"))


def test_retention_is_off_by_default_and_runs_by_itself_when_set(make_app, data_dir):
    assert make_app().config["RETENTION_DAYS"] is None
    first = make_app()
    code = first.test_client().post("/api/sessions", json={"title": "Oud", "activities": ["quickscan"]}).get_json()[
        "code"]
    first.extensions["werkatelier"].workshops.store.close()
    long_ago = time.time() - 10 * 86400
    for path in data_dir.glob(f"{code}.sqlite*"):
        os.utime(path, (long_ago, long_ago))
    make_app(RETENTION_DAYS=7)  # its background task sweeps at start
    deadline = time.monotonic() + 3
    while list(data_dir.glob(f"{code}*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not list(data_dir.glob(f"{code}*"))
