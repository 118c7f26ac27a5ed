"""Moderator links: the facilitator hands one out, its key runs the room (facilitate, control, moderate) and
nothing else, and a revoked link opens nothing and drops its screens at once. Keys are hashed, compared in
constant time and rate-limited like facilitator keys (that they never reach the log: tests/e2e/test_moderators_browser.py)."""

import base64
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import add_card, assert_refused, control, facilitate, join, received, wait_for

from workshop import socketio
from workshop.sessions import MAX_MODERATOR_LINKS, Workshops
from workshop.store import Store

LIMIT = 3
FIXTURE = Path(__file__).parent / "fixtures" / "before-designer"
MODERATOR_REFUSED = "Dit kan alleen de procesbegeleider die de sessie beheert, niet een moderator."


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def app(make_app):
    return make_app(KEY_GUESS_LIMIT=LIMIT)


@pytest.fixture
def moderator(client, session, auth):
    """A new moderator link of `session`: the 201 reply."""
    reply = client.post(f"/api/sessions/{session['code']}/moderators", headers=auth)
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()


def moderate_screen(sio, session, link):
    """A console opened with the moderator link: the test client and its facilitate ack."""
    screen = sio()
    ack = screen.emit("facilitate", {"code": session["code"], "key": link["key"]}, callback=True)
    assert ack["ok"] is True, ack
    return screen, ack


def at(test_client, address):
    socketio.server.environ[test_client.eio_sid]["REMOTE_ADDR"] = address
    return test_client


# --- making, listing and revoking links -----------------------------------------------------------------------


def test_the_facilitator_makes_a_link_with_a_long_random_key_and_the_console_url(client, session, moderator):
    assert set(moderator) == {"id", "key", "url"} and moderator["id"] == 1
    raw = base64.urlsafe_b64decode(moderator["key"] + "=" * (-len(moderator["key"]) % 4))
    assert len(raw) == 32 and moderator["key"] != session["facilitator_key"]
    assert moderator["url"] == session["facilitator_url"].split("#")[0] + f"#key={moderator['key']}"


def test_the_list_names_active_links_by_id_and_time_never_their_keys(client, session, auth, moderator):
    second = client.post(f"/api/sessions/{session['code']}/moderators", headers=auth).get_json()
    reply = client.get(f"/api/sessions/{session['code']}/moderators", headers=auth)
    assert reply.status_code == 200
    links = reply.get_json()["moderators"]
    assert [link["id"] for link in links] == [moderator["id"], second["id"]]
    assert all(set(link) == {"id", "created_at"} for link in links)
    text = reply.get_data(as_text=True)
    assert moderator["key"] not in text and second["key"] not in text and "hash" not in text
    assert client.delete(f"/api/sessions/{session['code']}/moderators/{moderator['id']}",
                         headers=auth).status_code == 204
    assert [link["id"] for link in client.get(f"/api/sessions/{session['code']}/moderators",
                                              headers=auth).get_json()["moderators"]] == [second["id"]]


@pytest.mark.parametrize("moderator_id", ["2", "0", "99", str(2**63), str(2**70)])
def test_revoking_an_unknown_link_is_a_dutch_404(client, session, auth, moderator, moderator_id):
    reply = client.delete(f"/api/sessions/{session['code']}/moderators/{moderator_id}", headers=auth)
    assert reply.status_code == 404
    assert reply.get_json() == {"error": "Deze moderatorlink bestaat niet (meer).", "reason": "not_found"}


def test_a_link_is_revoked_once_and_its_id_is_never_given_again(client, session, auth, moderator):
    path = f"/api/sessions/{session['code']}/moderators/{moderator['id']}"
    assert client.delete(path, headers=auth).status_code == 204
    assert client.delete(path, headers=auth).status_code == 404
    again = client.post(f"/api/sessions/{session['code']}/moderators", headers=auth).get_json()
    assert again["id"] == moderator["id"] + 1


def test_a_session_holds_a_limited_number_of_links_revoked_ones_included(client, session, auth, moderator):
    path = f"/api/sessions/{session['code']}/moderators"
    assert client.delete(f"{path}/{moderator['id']}", headers=auth).status_code == 204
    for _ in range(MAX_MODERATOR_LINKS - 1):
        assert client.post(path, headers=auth).status_code == 201
    reply = client.post(path, headers=auth)
    assert reply.status_code == 409
    assert reply.get_json() == {"error": f"Deze sessie heeft al {MAX_MODERATOR_LINKS} moderatorlinks, het maximum.",
                                "reason": "too_many_moderators"}


def test_an_english_session_refuses_and_revokes_in_english(client, auth, session, moderator, sio):
    assert client.patch(f"/api/sessions/{session['code']}", json={"language": "en"}, headers=auth).status_code == 200
    english = {"Accept-Language": "en"}
    reply = client.delete(f"/api/sessions/{session['code']}/moderators/7", headers=auth | english)
    assert reply.get_json()["error"] == "This moderator link does not exist (any more)."
    reply = client.get(f"/api/sessions/{session['code']}", headers=bearer(moderator["key"]) | english)
    assert reply.get_json()["error"] == "Only the facilitator who manages the session can do this, not a moderator."
    screen, _ = moderate_screen(sio, session, moderator)
    assert client.delete(f"/api/sessions/{session['code']}/moderators/{moderator['id']}", headers=auth).status_code \
        == 204
    [revoked] = [packet["args"][0] for packet in screen.queue if packet["name"] == "revoked"]
    assert revoked["message"] == "The facilitator has revoked your moderator link. You can no longer run this session."


def test_an_old_session_gets_moderator_links(tmp_path):
    code = (FIXTURE / "code.txt").read_text().strip()
    shutil.copy(FIXTURE / "session.sqlite", tmp_path / f"{code}.sqlite")
    workshops = Workshops(Store(tmp_path))
    moderator_id, key = workshops.add_moderator(code)
    assert workshops.key_holder(code, key).moderator_id == moderator_id
    workshops.close()


# --- what a moderator key opens, and what not -------------------------------------------------------------------


def test_the_facilitate_ack_says_the_role(sio, session, moderator):
    _, ack = facilitate(sio, session)
    assert ack["role"] == "facilitator"
    _, ack = moderate_screen(sio, session, moderator)
    assert ack["role"] == "moderator" and ack["session"]["code"] == session["code"] and "results" in ack


def test_a_moderator_opens_closes_moves_on_and_moderates(client, sio, session, moderator):
    screen, _ = moderate_screen(sio, session, moderator)
    facilitator, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    assert wait_for(facilitator, "session", lambda s: s["activities"][0]["state"] == "open")
    phone, joined = join(sio, session["code"], name="Anna")
    assert joined["activity"]["id"] == 1
    for action in ("hide_results", "show_results", "show_names", "hide_names"):
        control(screen, action, activity_id=1)
    control(screen, "set_view", activity_id=1, view="bars")
    control(screen, "close", activity_id=1)
    control(screen, "activate", activity_id=1)


def test_a_moderator_runs_the_timer(sio, session, moderator):
    screen, _ = moderate_screen(sio, session, moderator)
    control(screen, "open", activity_id=1)
    ack = control(screen, "start_timer", activity_id=1, seconds=300)
    assert ack["session"]["activities"][0]["timer"]["running"] is True
    ack = control(screen, "pause_timer", activity_id=1)
    assert ack["session"]["activities"][0]["timer"]["running"] is False
    ack = control(screen, "stop_timer", activity_id=1)
    assert ack["session"]["activities"][0]["timer"] is None


def test_a_moderator_hides_and_highlights_cards(client, sio):
    session = client.post("/api/sessions", json={"title": "Kaarten", "activities": ["motieven"]}).get_json()
    link = client.post(f"/api/sessions/{session['code']}/moderators",
                       headers=bearer(session["facilitator_key"])).get_json()
    screen, _ = moderate_screen(sio, session, link)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, session["code"], name="Bram", organisation="GGD")
    card = add_card(phone, "instrumenteel", "Geld voor de wijk")["entry"]
    ack = screen.emit("moderate", {"id": card["id"], "hidden": True, "highlighted": True}, callback=True)
    assert ack["ok"] and ack["entry"]["id"] == card["id"]
    export = client.get(f"/api/sessions/{session['code']}/export.json",
                        headers=bearer(session["facilitator_key"])).get_json()
    assert [(e["hidden"], e["highlighted"]) for e in export["entries"]] == [(True, True)]


def forbidden_requests(session, moderator):
    code = session["code"]
    return [("DELETE", f"/api/sessions/{code}", None), ("POST", f"/api/sessions/{code}/duplicate", None),
            ("GET", f"/api/sessions/{code}", None), ("GET", f"/api/sessions/{code}/results", None),
            ("PATCH", f"/api/sessions/{code}", {"language": "en"}),
            ("POST", f"/api/sessions/{code}/download-token", None),
            ("GET", f"/api/sessions/{code}/export.json", None), ("GET", f"/api/sessions/{code}/export.csv", None),
            ("GET", f"/api/sessions/{code}/export.xlsx", None), ("GET", f"/api/sessions/{code}/report.html", None),
            ("GET", f"/api/sessions/{code}/report.pdf", None),
            ("POST", f"/api/sessions/{code}/activities", "quickscan"),
            ("PUT", f"/api/sessions/{code}/agenda", {"order": [1]}),
            ("PATCH", f"/api/sessions/{code}/activities/1", {"hidden": True}),
            ("DELETE", f"/api/sessions/{code}/activities/1", None),
            ("POST", f"/api/sessions/{code}/moderators", None), ("GET", f"/api/sessions/{code}/moderators", None),
            ("DELETE", f"/api/sessions/{code}/moderators/{moderator['id']}", None),
            ("PUT", f"/api/sessions/{code}/follows", {"code": code, "key": "x"}),
            ("DELETE", f"/api/sessions/{code}/follows", None), ("PATCH", f"/api/sessions/{code}/network", {"name": "N"}),
            ("GET", f"/api/sessions/{code}/trend", None)]


def test_every_api_endpoint_refuses_a_moderator_key_with_403_and_changes_nothing(app, client, session, auth,
                                                                                 moderator):
    requests = forbidden_requests(session, moderator)
    session_rules = {rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/sessions/<code>")}
    assert len(requests) == sum(len(r.methods - {"HEAD", "OPTIONS"}) for r in app.url_map.iter_rules()
                                if r.rule in session_rules)  # every endpoint of a session, each method
    before = client.get(f"/api/sessions/{session['code']}", headers=auth).get_json()
    for n, (method, path, body) in enumerate(requests * 2):  # twice: a right key is no guess, never rate-limited
        reply = client.open(path, method=method, json=body, headers=bearer(moderator["key"]))
        assert reply.status_code == 403, (n, method, path, reply.status_code)
        assert reply.get_json() == {"error": MODERATOR_REFUSED, "reason": "forbidden"}
    assert client.get(f"/api/sessions/{session['code']}", headers=auth).get_json() == before
    assert [link["id"] for link in client.get(f"/api/sessions/{session['code']}/moderators",
                                              headers=auth).get_json()["moderators"]] == [moderator["id"]]


def test_a_moderator_key_of_one_session_opens_no_other(client, sio, moderator):
    other = client.post("/api/sessions", json={"title": "Ander", "activities": ["quickscan"]}).get_json()
    assert_refused(sio().emit("facilitate", {"code": other["code"], "key": moderator["key"]}, callback=True),
                   "forbidden")


# --- revoking ---------------------------------------------------------------------------------------------------


def test_revoking_drops_the_moderators_screens_at_once_and_says_why(client, sio, session, auth, moderator):
    screen, _ = moderate_screen(sio, session, moderator)
    beamer, _ = moderate_screen(sio, session, moderator)
    facilitator, _ = facilitate(sio, session)
    other = client.post(f"/api/sessions/{session['code']}/moderators", headers=auth).get_json()
    colleague, _ = moderate_screen(sio, session, other)
    assert client.delete(f"/api/sessions/{session['code']}/moderators/{moderator['id']}",
                         headers=auth).status_code == 204
    for dropped in (screen, beamer):
        # the test client refuses get_received() once disconnected: read what it got before
        [revoked] = [packet["args"][0] for packet in dropped.queue if packet["name"] == "revoked"]
        assert revoked == {"message": "De procesbegeleider heeft je moderatorlink ingetrokken. Je kunt deze sessie "
                                      "niet meer leiden."}
        assert not dropped.is_connected()
    assert facilitator.is_connected() and colleague.is_connected()
    clients = client.application.extensions["werkatelier"].clients.values()
    assert sorted(c.moderator_id for c in clients if c.moderator_id) == [other["id"]]  # forgotten on disconnect
    assert not received(facilitator, "revoked", timeout=0.1) and not received(colleague, "revoked", timeout=0.1)
    control(colleague, "open", activity_id=1)  # the other link still works
    control(facilitator, "close", activity_id=1)


def test_a_revoked_key_opens_nothing_anywhere(client, sio, session, auth, moderator):
    assert client.delete(f"/api/sessions/{session['code']}/moderators/{moderator['id']}",
                         headers=auth).status_code == 204
    ack = sio().emit("facilitate", {"code": session["code"], "key": moderator["key"]}, callback=True)
    assert_refused(ack, "revoked")
    assert "ingetrokken" in ack["error"]
    for method, path, body in forbidden_requests(session, moderator):
        reply = client.open(path, method=method, json=body, headers=bearer(moderator["key"]))
        assert reply.status_code in (403, 429), (method, path)


def test_a_screen_that_missed_the_revocation_is_refused_at_its_next_event(client, sio, session, auth, moderator,
                                                                         monkeypatch):
    """As a screen on another server process (a message queue) would be: the link is checked at every event."""
    screen, _ = moderate_screen(sio, session, moderator)
    live = client.application.extensions["werkatelier"].live
    monkeypatch.setattr(live, "moderator_revoked", lambda code, moderator_id: None)  # nobody is told or dropped
    assert client.delete(f"/api/sessions/{session['code']}/moderators/{moderator['id']}",
                         headers=auth).status_code == 204
    assert screen.is_connected()
    assert_refused(screen.emit("control", {"action": "open", "activity_id": 1}, callback=True), "revoked")
    assert_refused(screen.emit("moderate", {"id": 1, "hidden": True}, callback=True), "revoked")
    overview = client.get(f"/api/sessions/{session['code']}", headers=auth).get_json()
    assert overview["activities"][0]["state"] == "closed"


# --- keys: hashed, constant time, rate-limited, never logged ------------------------------------------------------


def test_moderator_keys_are_stored_only_as_hashes(client, session, auth, data_dir):
    keys = [client.post(f"/api/sessions/{session['code']}/moderators", headers=auth).get_json()["key"]
            for _ in range(3)]
    client.application.extensions["werkatelier"].workshops.store.close()  # checkpoint the journal
    for path in data_dir.glob(f"{session['code']}.sqlite*"):
        content = path.read_bytes()
        assert not any(key.encode() in content for key in keys)
    with sqlite3.connect(data_dir / f"{session['code']}.sqlite") as db:
        hashes = [row[0] for row in db.execute("select key_hash from moderators order by id")]
    assert len(hashes) == 3 and all(len(h) == 64 and int(h, 16) >= 0 for h in hashes)


def test_a_key_is_compared_with_every_hash_in_constant_time(app, client, session, auth, sio, key_comparisons):
    """Whichever key is given (the facilitator's, a moderator's, a wrong one), its digest is compared with
    hmac.compare_digest against each of the session's hashes: no early exit that times which one matched."""
    for _ in range(3):
        client.post(f"/api/sessions/{session['code']}/moderators", headers=auth)
    last = client.post(f"/api/sessions/{session['code']}/moderators", headers=auth).get_json()
    calls = key_comparisons
    for key in (session["facilitator_key"], last["key"], last["key"][:-1], "x" * 500):
        calls.clear()
        sio().emit("facilitate", {"code": session["code"], "key": key}, callback=True)
        assert len(calls) == 5, key
        assert all(len(a) == len(b) == 64 for a, b in calls)


def test_wrong_moderator_keys_count_towards_the_key_limit(client, sio, session, moderator):
    screen = at(sio(), "10.0.0.7")
    right = moderator["key"]
    wrong = [right[:-1] + last for last in "0123456789AB" if last != right[-1]][:LIMIT]  # never the right one
    assert len(wrong) == LIMIT
    for key in wrong:
        assert_refused(screen.emit("facilitate", {"code": session["code"], "key": key}, callback=True), "forbidden")
    assert_refused(screen.emit("facilitate", {"code": session["code"], "key": moderator["key"]}, callback=True),
                   "rate_limited")
    elsewhere = at(sio(), "10.0.0.8")
    assert elsewhere.emit("facilitate", {"code": session["code"], "key": moderator["key"]}, callback=True)["ok"]


def test_a_revoked_key_counts_as_a_wrong_one(client, sio, session, auth, moderator):
    assert client.delete(f"/api/sessions/{session['code']}/moderators/{moderator['id']}",
                         headers=auth).status_code == 204
    screen = at(sio(), "10.0.0.9")
    for _ in range(LIMIT):
        assert_refused(screen.emit("facilitate", {"code": session["code"], "key": moderator["key"]}, callback=True),
                       "revoked")
    assert_refused(screen.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]},
                               callback=True), "rate_limited")
