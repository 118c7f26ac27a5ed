"""Storage faults: a full disk or a locked database gives a clear Dutch error to the phone and to the
facilitator's screens, loses nothing already stored, and the server carries on once the fault is gone."""

import sqlite3

import pytest
from helpers import add_card, control, facilitate, join, received

from workshop import socketio


@pytest.fixture
def busy_app(make_app):
    return make_app(DB_BUSY_TIMEOUT=0.1)


@pytest.fixture
def room(busy_app):
    """An opened motieven activity: (app, session, facilitator screen, phone, a connect() for more clients)."""
    client = busy_app.test_client()
    session = client.post("/api/sessions", json={"title": "Storingen", "activities": ["motieven"]}).get_json()
    clients = []

    def connect():
        clients.append(socketio.test_client(busy_app))
        return clients[-1]

    screen, _ = facilitate(connect, session)
    control(screen, "open", activity_id=1)
    phone, _ = join(connect, session["code"], name="Anna", organisation="Gemeente Venlo")
    yield busy_app, session, screen, phone, connect
    for test_client in clients:
        test_client.disconnect()


def cards_in(app, session):
    return [e["text"] for e in app.extensions["werkatelier"].workshops.store.entries(session["code"])]


def test_a_full_disk_is_a_clear_error_and_nothing_stored_is_lost(room):
    app, session, screen, phone, connect = room
    store = app.extensions["werkatelier"].workshops.store
    assert add_card(phone, "moreel", "Van voor de storing")["ok"]
    with store._db(session["code"]) as db:  # the disk is full: the database may not grow any more
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
    screen.get_received()
    refused = None
    for n in range(200):  # fill the last free pages with cards
        reply = add_card(phone, ("instrumenteel", "affectief", "moreel")[n % 3], f"{n} " + "x" * 130)
        if reply["ok"] is False and reply["reason"] == "too_many_entries":
            phone, _ = join(connect, session["code"], name=f"Deelnemer {n}", organisation="Gemeente Venlo")
            continue
        if reply["ok"] is False:
            refused = reply
            break
    assert refused is not None, "the database never filled up"
    assert refused["reason"] == "storage_full" and "vol" in refused["error"]
    problems = received(screen, "problem")
    assert problems and problems[0]["reason"] == "storage_full" and "vol" in problems[0]["message"]
    assert "Van voor de storing" in cards_in(app, session)  # what was stored before is still there
    http = app.test_client().get(f"/api/sessions/{session['code']}/results",
                                 headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    assert http.status_code == 200  # reading still works: the server is up

    with store._db(session["code"]) as db:  # room again
        db.execute("PRAGMA max_page_count = 1073741823")
    assert add_card(phone, "moreel", "Na de storing")["ok"]
    assert cards_in(app, session)[-1] == "Na de storing"


def test_a_locked_database_is_a_clear_error_and_the_next_try_works(room, data_dir):
    app, session, screen, phone, _ = room
    blocker = sqlite3.connect(data_dir / f"{session['code']}.sqlite", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another writer holds the database
    try:
        screen.get_received()
        refused = add_card(phone, "moreel", "Tijdens het slot")
        assert refused["ok"] is False and refused["reason"] == "storage_busy" and "bezet" in refused["error"]
        assert received(screen, "problem")[0]["reason"] == "storage_busy"
        reply = app.test_client().post(f"/api/sessions/{session['code']}/duplicate",
                                       headers={"Authorization": f"Bearer {session['facilitator_key']}"})
        assert reply.status_code == 201  # another session is not affected
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert add_card(phone, "moreel", "Na het slot")["ok"]
    assert cards_in(app, session) == ["Na het slot"]
