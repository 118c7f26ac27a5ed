"""The Socket.IO contract: join, answer, facilitate, control, state, live results, and a server restart."""

import time
from collections import Counter
from unittest.mock import ANY

import pytest
from helpers import answer, assert_refused, control, facilitate, join, received, wait_for

from workshop import socketio

FACTOR_IDS = ["visie", "durf", "interdependentie", "domeinconsensus", "elkaar-kennen", "onderhandelingsvermogen",
              "middelen", "structuur", "methodisch", "vertrouwen", "klimaat", "evalueren"]
COLOURS = ("groen", "oranje", "rood")
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
def other_code(code):
    return "".join(CODE_ALPHABET[(CODE_ALPHABET.index(c) + 1) % len(CODE_ALPHABET)] for c in code)


def store_of(app):
    return app.extensions["werkatelier"].workshops.store


def create(client, *kinds, title="Werkatelier wijkaanpak"):
    reply = client.post("/api/sessions", json={"title": title, "activities": list(kinds) or ["succesfactoren"]})
    assert reply.status_code == 201
    return reply.get_json()


def overview(client, session):
    reply = client.get(f"/api/sessions/{session['code']}",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    assert reply.status_code == 200
    return reply.get_json()


def exported_answers(client, session):
    reply = client.get(f"/api/sessions/{session['code']}/export.json",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    assert reply.status_code == 200
    return reply.get_json()["answers"]


def counts(aggregate, item):
    row = next(i for i in aggregate["items"] if i["id"] == item)
    return {colour: row[colour] for colour in COLOURS}


@pytest.fixture
def opened(session, sio):
    """The session with its activity opened by a facilitator screen: (session, screen)."""
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    return session, screen


# --- join ------------------------------------------------------------------------------------------------------


def test_join_acknowledges_with_token_participant_and_what_to_show(session, sio):
    _, ack = join(sio, session["code"], name="  Anna   de\tVries ", organisation="Gemeente\x00 Roermond")
    assert set(ack) == {"ok", "token", "participant_id", "name", "organisation", "session", "activity", "answers",
                        "entries", "colleagues", "phone_results", "partners"}
    assert isinstance(ack["token"], str) and len(ack["token"]) >= 24
    assert ack["participant_id"] == 1
    assert ack["name"] == "Anna de Vries"  # trimmed, inner spacing collapsed
    assert ack["organisation"] == "Gemeente Roermond"  # control characters removed
    assert ack["session"] == {"code": session["code"], "title": "Werkatelier wijkaanpak"}
    assert ack["activity"] is None  # the facilitator has not put anything on the phones yet
    assert ack["answers"] == {}


def test_join_is_anonymous_when_name_and_organisation_are_left_out(session, sio):
    _, first = join(sio, session["code"])
    _, second = join(sio, session["code"].lower())
    assert (first["name"], first["organisation"]) == ("", "")
    assert second["participant_id"] == first["participant_id"] + 1
    assert first["token"] != second["token"]


def test_join_shows_the_current_activity(opened, sio):
    session, _ = opened
    _, ack = join(sio, session["code"], name="Anna")
    assert ack["activity"] == {"id": 1, "type": "succesfactoren", "title": "Kritische succesfactoren",
                               "state": "open", "revision": ANY, "timer": None,
                               "results_released": False}


@pytest.mark.parametrize("code", ["ZZZZZZ", "", "../..", None, 123, ["ABCDEF"]])
def test_join_with_a_wrong_code_is_not_found(session, sio, app, code):
    if code == "ZZZZZZ":
        code = other_code(session["code"])
    phone = sio()
    assert_refused(phone.emit("join", {"code": code, "name": "Anna"}, callback=True), "not_found")
    assert store_of(app).participant_count(session["code"]) == 0


@pytest.mark.parametrize("payload", ["ABCDEF", ["ABCDEF"], 42, None, True])
def test_join_with_a_non_object_payload_is_malformed(session, sio, payload):
    phone = sio()
    assert_refused(phone.emit("join", payload, callback=True), "malformed")


def test_join_without_payload_is_malformed(session, sio):
    assert_refused(sio().emit("join", callback=True), "malformed")


@pytest.mark.parametrize("fields, reason", [
    ({"name": "x" * 61}, "too_long"),
    ({"organisation": "x" * 81}, "too_long"),
    ({"name": 42}, "invalid_name"),
    ({"organisation": ["Gemeente"]}, "invalid_organisation"),
])
def test_join_with_bad_name_or_organisation_is_refused(session, sio, app, fields, reason):
    phone = sio()
    assert_refused(phone.emit("join", {"code": session["code"], **fields}, callback=True), reason)
    assert store_of(app).participant_count(session["code"]) == 0
    # refused joins leave the connection unjoined
    assert_refused(answer(phone, "visie", "groen"), "not_joined")


def test_longest_allowed_name_and_organisation(session, sio):
    _, ack = join(sio, session["code"], name="n" * 60, organisation="o" * 80)
    assert (ack["name"], ack["organisation"]) == ("n" * 60, "o" * 80)


def test_rejoin_with_token_after_a_reload_gets_the_same_participant_and_answers(opened, sio, app):
    session, _ = opened
    phone, first = join(sio, session["code"], name="Anna", organisation="Gemeente Roermond")
    assert answer(phone, "visie", "groen")["ok"]
    assert answer(phone, "durf", "rood")["ok"]
    phone.disconnect()  # the phone reloads the page: a new connection

    _, again = join(sio, session["code"], token=first["token"])
    assert again["participant_id"] == first["participant_id"]
    assert again["token"] == first["token"]
    assert (again["name"], again["organisation"]) == ("Anna", "Gemeente Roermond")
    assert again["activity"]["id"] == 1
    assert again["answers"] == {"visie": "groen", "durf": "rood"}
    assert store_of(app).participant_count(session["code"]) == 1


def test_rejoin_with_token_and_a_new_name_renames_the_participant(session, sio, client):
    _, first = join(sio, session["code"], name="Anna", organisation="Gemeente Roermond")
    _, again = join(sio, session["code"], token=first["token"], name="Anna B.", organisation="Gemeente Venlo")
    assert again["participant_id"] == first["participant_id"]
    assert (again["name"], again["organisation"]) == ("Anna B.", "Gemeente Venlo")
    export = client.get(f"/api/sessions/{session['code']}/export.json",
                        headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()
    assert [(p["name"], p["organisation"]) for p in export["participants"]] == [("Anna B.", "Gemeente Venlo")]


def test_rejoin_with_an_unknown_token_creates_a_new_participant(session, sio):
    _, first = join(sio, session["code"], name="Anna")
    _, other = join(sio, session["code"], token="verzonnen-token", name="Bas")
    assert other["participant_id"] != first["participant_id"]
    assert other["token"] != "verzonnen-token"


def test_rejoin_with_a_token_from_another_session_creates_a_new_participant(client, session, sio, app):
    other = create(client, title="Andere sessie")
    _, in_other = join(sio, other["code"], name="Bas")  # participant 1 of the other session
    _, anna = join(sio, session["code"], name="Anna")  # participant 1 of this session

    _, ack = join(sio, other["code"], token=anna["token"])
    assert ack["participant_id"] == in_other["participant_id"] + 1  # new, not Bas
    assert ack["token"] != anna["token"]
    assert ack["name"] == ""  # Anna's name did not travel along
    assert store_of(app).participant_count(other["code"]) == 2
    assert store_of(app).participant_count(session["code"]) == 1


# --- answer ----------------------------------------------------------------------------------------------------


def test_answer_before_join_is_refused(session, sio, app):
    assert_refused(answer(sio(), "visie", "groen"), "not_joined")
    assert store_of(app).answers(session["code"]) == []


def test_answer_while_the_activity_is_closed_is_refused(session, sio, app):
    phone, _ = join(sio, session["code"], name="Anna")
    assert_refused(answer(phone, "visie", "groen"), "closed")
    assert store_of(app).answers(session["code"]) == []


def test_answer_after_the_facilitator_opened_the_activity(opened, sio, app, client):
    session, _ = opened
    phone, joined = join(sio, session["code"], name="Anna")
    ack = answer(phone, "visie", "groen")
    assert ack == {"ok": True, "activity_id": 1, "item": "visie", "value": "groen"}
    [row] = exported_answers(client, session)
    assert (row["activity_id"], row["participant_id"], row["item"], row["value"]) == \
        (1, joined["participant_id"], "visie", "groen")


@pytest.mark.parametrize("payload, reason", [
    ({"activity_id": 1, "item": "visie", "value": "paars"}, "invalid_value"),
    ({"activity_id": 1, "item": "visie", "value": 5}, "invalid_value"),
    ({"activity_id": 1, "item": "visie", "value": None}, "invalid_value"),
    ({"activity_id": 1, "item": "visie", "value": "Groen"}, "invalid_value"),
    ({"activity_id": 1, "item": "visie", "value": ["groen"]}, "invalid_value"),
    ({"activity_id": 1, "item": "visie"}, "invalid_value"),
    ({"activity_id": 1, "item": "bestaat-niet", "value": "groen"}, "unknown_item"),
    ({"activity_id": 1, "item": None, "value": "groen"}, "unknown_item"),
    ({"activity_id": 1, "item": 1, "value": "groen"}, "unknown_item"),
    ({"activity_id": 1, "item": {"id": "visie"}, "value": "groen"}, "unknown_item"),
    ({"activity_id": "1", "item": "visie", "value": "groen"}, "invalid_activity"),
    ({"activity_id": True, "item": "visie", "value": "groen"}, "invalid_activity"),
    ({"activity_id": None, "item": "visie", "value": "groen"}, "invalid_activity"),
    ({"activity_id": 1.0, "item": "visie", "value": "groen"}, "invalid_activity"),
    ({"item": "visie", "value": "groen"}, "invalid_activity"),
    ({"activity_id": 99, "item": "visie", "value": "groen"}, "not_found"),
    ({"activity_id": 0, "item": "visie", "value": "groen"}, "not_found"),
    ({"activity_id": -1, "item": "visie", "value": "groen"}, "not_found"),
], ids=["paars", "number-value", "none-value", "capital-value", "list-value", "no-value", "unknown-item",
        "none-item", "number-item", "dict-item", "string-activity", "true-activity", "none-activity",
        "float-activity", "no-activity", "unknown-activity", "activity-0", "activity-minus-1"])
def test_bad_answers_are_refused_and_nothing_is_stored(opened, sio, app, client, payload, reason):
    session, _ = opened
    phone, _ = join(sio, session["code"], name="Anna")
    assert_refused(phone.emit("answer", payload, callback=True), reason)
    assert store_of(app).answers(session["code"]) == []
    assert exported_answers(client, session) == []


@pytest.mark.parametrize("payload", ["groen", ["visie", "groen"], 1, None])
def test_answer_with_a_non_object_payload_is_malformed(opened, sio, app, payload):
    session, _ = opened
    phone, _ = join(sio, session["code"])
    assert_refused(phone.emit("answer", payload, callback=True), "malformed")
    assert store_of(app).answers(session["code"]) == []


def test_changing_an_answer_replaces_it(opened, sio, app, client):
    session, _ = opened
    phone, joined = join(sio, session["code"], name="Anna")
    for value in ("groen", "oranje", "rood"):
        assert answer(phone, "visie", value)["ok"]
    rows = store_of(app).answers(session["code"])
    assert [(r["participant_id"], r["item"], r["value"]) for r in rows] == [(joined["participant_id"], "visie", "rood")]
    assert [(a["item"], a["value"]) for a in exported_answers(client, session)] == [("visie", "rood")]
    results = client.get(f"/api/sessions/{session['code']}/results",
                         headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()
    assert counts(results["activities"][0]["aggregate"], "visie") == {"groen": 0, "oranje": 0, "rood": 1}


def test_answers_are_refused_after_close_and_kept(opened, sio, app):
    session, screen = opened
    phone, _ = join(sio, session["code"])
    assert answer(phone, "visie", "groen")["ok"]
    control(screen, "close", activity_id=1)
    assert_refused(answer(phone, "visie", "rood"), "closed")
    assert [(r["item"], r["value"]) for r in store_of(app).answers(session["code"])] == [("visie", "groen")]


def test_a_facilitator_screen_cannot_answer(opened, app):
    session, screen = opened
    assert_refused(answer(screen, "visie", "groen"), "forbidden")
    assert store_of(app).answers(session["code"]) == []


# --- facilitate, results and presence --------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["verkeerd", "", None, 12345, ["sleutel"]])
def test_facilitate_with_a_wrong_key_is_forbidden_and_hears_nothing(opened, sio, key):
    session, screen = opened
    intruder = sio()
    assert_refused(intruder.emit("facilitate", {"code": session["code"], "key": key}, callback=True), "forbidden")
    phone, _ = join(sio, session["code"], name="Anna")
    assert answer(phone, "visie", "groen")["ok"]
    # the real screen hears the result, so it has been sent by now
    wait_for(screen, "results", lambda r: r["aggregate"]["respondents"] == 1)
    assert intruder.get_received() == []
    # and the refused screen cannot steer the session either
    assert_refused(intruder.emit("control", {"action": "close", "activity_id": 1}, callback=True), "not_joined")


def test_facilitate_with_a_participant_token_is_forbidden(session, sio):
    _, joined = join(sio, session["code"])
    screen = sio()
    ack = screen.emit("facilitate", {"code": session["code"], "key": joined["token"]}, callback=True)
    assert_refused(ack, "forbidden")


def test_facilitate_with_an_unknown_code_is_not_found(session, sio):
    ack = sio().emit("facilitate", {"code": other_code(session["code"]), "key": session["facilitator_key"]},
                     callback=True)
    assert_refused(ack, "not_found")


def test_facilitate_acknowledges_with_overview_and_results(session, sio):
    screen = sio()
    ack = screen.emit("facilitate", {"code": session["code"].lower(), "key": session["facilitator_key"]},
                      callback=True)
    assert ack["ok"] is True
    assert set(ack) == {"ok", "role", "session", "results", "cards", "labels"} and ack["role"] == "facilitator"
    assert ack["session"]["code"] == session["code"]
    assert [a["state"] for a in ack["session"]["activities"]] == ["closed"]
    assert set(ack["results"]) == {"1"}
    assert ack["results"]["1"]["respondents"] == 0
    assert [i["id"] for i in ack["results"]["1"]["items"]] == FACTOR_IDS


def test_facilitate_ack_includes_answers_given_earlier(opened, sio):
    session, _ = opened
    phone, _ = join(sio, session["code"])
    assert answer(phone, "durf", "oranje")["ok"]
    _, ack = facilitate(sio, session)
    assert ack["session"]["participants"] == 1
    assert counts(ack["results"]["1"], "durf") == {"groen": 0, "oranje": 1, "rood": 0}


def test_results_event_follows_an_answer(opened, sio):
    session, screen = opened
    screen.get_received()
    phone, _ = join(sio, session["code"], organisation="Gemeente Roermond")
    assert answer(phone, "visie", "rood")["ok"]
    events = wait_for(screen, "results", lambda r: r["aggregate"]["respondents"] == 1)
    last = events[-1]
    assert set(last) == {"activity_id", "aggregate", "seq", "labels"}
    assert last["labels"] == {"Gemeente Roermond": "Ge\u00admeen\u00adte Roer\u00admond"}  # for display only
    assert last["activity_id"] == 1
    assert isinstance(last["seq"], int) and last["seq"] > 0
    assert counts(last["aggregate"], "visie") == {"groen": 0, "oranje": 0, "rood": 1}
    assert last["aggregate"]["priority"][0] == "visie"
    assert [o["name"] for o in last["aggregate"]["organisations"]] == ["Gemeente Roermond"]
    # a phone does not get the facilitator's results
    assert received(phone, "results", timeout=0.1) == []


def test_presence_event_follows_a_join(session, sio):
    screen, _ = facilitate(sio, session)
    join(sio, session["code"], name="Anna")
    events = wait_for(screen, "presence", lambda p: p["participants"] == 1)
    assert set(events[-1]) == {"participants", "connected", "seq"}  # counts, no names
    join(sio, session["code"], name="Bas")
    wait_for(screen, "presence", lambda p: p["participants"] == 2)


def test_screens_of_another_session_hear_nothing(opened, sio, client):
    session, _ = opened
    other = create(client, title="Andere sessie")
    other_screen, _ = facilitate(sio, other)
    phone, _ = join(sio, session["code"])
    assert answer(phone, "visie", "groen")["ok"]
    assert received(other_screen, "results", timeout=0.2) == []


def test_a_burst_of_answers_is_coalesced_into_few_results_events(opened, sio):
    session, screen = opened
    phones = [join(sio, session["code"], name=f"Deelnemer {n}", organisation=f"Organisatie {n % 2}")[0]
              for n in range(5)]
    screen.get_received()
    expected = {item: Counter() for item in FACTOR_IDS}
    sent = 0
    for n, phone in enumerate(phones):
        for i, item in enumerate(FACTOR_IDS[:6]):
            value = COLOURS[(n * i + n) % 3]
            assert answer(phone, item, value)["ok"]
            expected[item][value] += 1
            sent += 1
    assert sent == 30

    def final(r):
        return all(counts(r["aggregate"], item) == {c: expected[item][c] for c in COLOURS} for item in FACTOR_IDS)

    events = wait_for(screen, "results", final)
    time.sleep(0.1)  # nothing more is pending: late events would still be counted below
    events += received(screen, "results", timeout=0.05)
    assert 1 <= len(events) < 30
    assert final(events[-1])
    assert events[-1]["aggregate"]["respondents"] == 5
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


# --- control ---------------------------------------------------------------------------------------------------


def activity_of(ack, activity_id=1):
    return next(a for a in ack["session"]["activities"] if a["id"] == activity_id)


def test_open_and_close(session, sio, client):
    screen, _ = facilitate(sio, session)
    ack = control(screen, "open", activity_id=1)
    assert activity_of(ack)["state"] == "open"
    assert ack["session"]["current_activity"] == 1
    assert overview(client, session)["activities"][0]["state"] == "open"
    ack = control(screen, "close", activity_id=1)
    assert activity_of(ack)["state"] == "closed"
    assert ack["session"]["current_activity"] == 1  # closed, but still on the phones
    assert overview(client, session)["activities"][0]["state"] == "closed"


def test_show_and_hide_results(session, sio, client):
    screen, _ = facilitate(sio, session)
    assert overview(client, session)["activities"][0]["show_results"] is True
    assert activity_of(control(screen, "hide_results", activity_id=1))["show_results"] is False
    assert overview(client, session)["activities"][0]["show_results"] is False
    assert activity_of(control(screen, "show_results", activity_id=1))["show_results"] is True
    assert overview(client, session)["activities"][0]["show_results"] is True


@pytest.mark.parametrize("view", ["bars", "priority", "heatmap"])
def test_set_view(session, sio, client, view):
    screen, _ = facilitate(sio, session)
    assert activity_of(control(screen, "set_view", activity_id=1, view=view))["view"] == view
    assert overview(client, session)["activities"][0]["view"] == view


@pytest.mark.parametrize("view", ["taart", "", None, "default"])
def test_set_view_to_an_unknown_view_is_refused(session, sio, client, view):
    screen, _ = facilitate(sio, session)
    control(screen, "set_view", activity_id=1, view="heatmap")
    ack = screen.emit("control", {"action": "set_view", "activity_id": 1, "view": view}, callback=True)
    assert_refused(ack, "unknown_view")
    assert overview(client, session)["activities"][0]["view"] == "heatmap"


def test_activate_puts_an_activity_on_the_phones_without_opening_it(client, sio):
    session = create(client, "succesfactoren", "succesfactoren")
    screen, _ = facilitate(sio, session)
    ack = control(screen, "activate", activity_id=2)
    assert ack["session"]["current_activity"] == 2
    assert [a["state"] for a in ack["session"]["activities"]] == ["closed", "closed"]
    _, joined = join(sio, session["code"])
    assert joined["activity"]["id"] == 2 and joined["activity"]["state"] == "closed"


def test_next_walks_through_the_activities_and_stops_at_the_last(client, sio):
    session = create(client, "succesfactoren", "succesfactoren")
    screen, _ = facilitate(sio, session)
    ack = control(screen, "next")
    assert ack["session"]["current_activity"] == 1
    assert [a["state"] for a in ack["session"]["activities"]] == ["open", "closed"]
    ack = control(screen, "next")
    assert ack["session"]["current_activity"] == 2
    assert [a["state"] for a in ack["session"]["activities"]] == ["closed", "open"]
    before = overview(client, session)
    assert_refused(screen.emit("control", {"action": "next"}, callback=True), "no_next")
    assert overview(client, session) == before


def test_previous_goes_back_past_hidden_activities_and_stops_at_the_first(client, sio):
    session = create(client, "succesfactoren", "quickscan", "motieven")
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=3)
    key = {"Authorization": f"Bearer {session['facilitator_key']}"}
    assert client.patch(f"/api/sessions/{session['code']}/activities/2", json={"hidden": True},
                        headers=key).status_code == 200
    phone, _ = join(sio, session["code"])
    ack = control(screen, "previous")
    assert ack["session"]["current_activity"] == 1
    assert [a["state"] for a in ack["session"]["activities"]] == ["open", "closed", "closed"]
    assert received(phone, "activity")[-1]["activity"]["id"] == 1
    before = overview(client, session)
    assert_refused(screen.emit("control", {"action": "previous"}, callback=True), "no_previous")
    assert overview(client, session) == before


def test_opening_an_activity_closes_the_open_one_unless_kept_open(client, sio):
    session = create(client, "succesfactoren", "quickscan", "motieven")
    screen, _ = facilitate(sio, session)
    states = lambda ack: [a["state"] for a in ack["session"]["activities"]]  # noqa: E731
    control(screen, "open", activity_id=2)
    assert states(control(screen, "open", activity_id=1)) == ["open", "closed", "closed"]
    ack = control(screen, "open", activity_id=3, keep_open=True)
    assert states(ack) == ["open", "closed", "open"] and ack["session"]["current_activity"] == 3
    ack = control(screen, "previous", keep_open=True)  # the current one closes, the one kept open stays open
    assert states(ack) == ["open", "open", "closed"] and ack["session"]["current_activity"] == 2
    ack = control(screen, "next")  # by default every other open activity closes
    assert states(ack) == ["closed", "closed", "open"] and ack["session"]["current_activity"] == 3
    phone, joined = join(sio, session["code"])
    assert joined["activity"]["id"] == 3
    assert_refused(phone.emit("answer", {"activity_id": 2, "item": "ambitie", "value": 7}, callback=True), "closed")


def test_next_at_the_only_activity_is_refused(opened, sio, client):
    session, screen = opened
    before = overview(client, session)
    assert_refused(screen.emit("control", {"action": "next"}, callback=True), "no_next")
    assert overview(client, session) == before


@pytest.mark.parametrize("payload, reason", [
    ({"action": "delete", "activity_id": 1}, "unknown_action"),
    ({"action": "previous"}, "no_previous"),
    ({"action": "open", "activity_id": 1, "keep_open": "true"}, "invalid_keep_open"),
    ({"action": "next", "keep_open": None}, "invalid_keep_open"),
    ({"action": "OPEN", "activity_id": 1}, "unknown_action"),
    ({"activity_id": 1}, "unknown_action"),
    ({"action": ["open"], "activity_id": 1}, "unknown_action"),
    ({"action": "open", "activity_id": 99}, "not_found"),
    ({"action": "open"}, "not_found"),
    ({"action": "open", "activity_id": True}, "not_found"),
    ({"action": "open", "activity_id": "1"}, "not_found"),
])
def test_bad_control_is_refused_and_changes_nothing(session, sio, client, payload, reason):
    screen, _ = facilitate(sio, session)
    before = overview(client, session)
    assert_refused(screen.emit("control", payload, callback=True), reason)
    assert overview(client, session) == before


def test_control_with_a_non_object_payload_is_malformed(session, sio):
    screen, _ = facilitate(sio, session)
    assert_refused(screen.emit("control", "open", callback=True), "malformed")


@pytest.mark.parametrize("action", ["open", "close", "hide_results", "set_view", "activate", "next", "previous"])
def test_a_participant_cannot_control(session, sio, client, action):
    phone, _ = join(sio, session["code"])
    before = overview(client, session)
    ack = phone.emit("control", {"action": action, "activity_id": 1, "view": "heatmap"}, callback=True)
    assert_refused(ack, "forbidden")
    assert overview(client, session) == before
    assert received(phone, "activity", timeout=0.05) == []


def test_control_before_facilitate_is_refused(session, sio, client):
    before = overview(client, session)
    assert_refused(sio().emit("control", {"action": "open", "activity_id": 1}, callback=True), "not_joined")
    assert overview(client, session) == before


def test_screens_hear_every_control_and_phones_every_one_that_changes_what_they_show(session, sio):
    screen, _ = facilitate(sio, session)
    beamer, _ = facilitate(sio, session)
    phones = [join(sio, session["code"])[0] for _ in range(2)]
    steps = [  # action, its fields, the state after it, whether the phones are told
        ("open", {}, "open", True),
        ("hide_results", {}, "open", False),
        ("show_results", {}, "open", False),
        ("set_view", {"view": "priority"}, "open", False),
        ("show_names", {}, "open", False),
        ("close", {}, "closed", True),
        ("activate", {}, "closed", True),
        ("open", {}, "open", True),
    ]
    for action, extra, state, told in steps:
        control(screen, action, activity_id=1, **extra)
        [pushed] = received(beamer, "session")
        assert pushed["activities"][0]["state"] == state, action
        expected = {"activity": {"id": 1, "type": "succesfactoren", "title": "Kritische succesfactoren",
                                 "state": state, "revision": ANY, "timer": None,
                                 "results_released": False}}
        for phone in phones:
            assert received(phone, "activity", timeout=2.0 if told else 0.2) == ([expected] if told else []), action
    control(screen, "close", activity_id=1)
    for phone in phones:
        assert received(phone, "activity")[-1]["activity"]["state"] == "closed"


def test_phones_of_another_session_hear_no_control(opened, sio, client):
    _, screen = opened
    other = create(client, title="Andere sessie")
    phone, _ = join(sio, other["code"])
    control(screen, "close", activity_id=1)
    assert received(phone, "activity", timeout=0.1) == []


# --- state -----------------------------------------------------------------------------------------------------


def test_state_returns_the_current_activity_and_own_answers(client, sio):
    session = create(client, "succesfactoren", "succesfactoren")
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    anna, _ = join(sio, session["code"], name="Anna")
    bas, _ = join(sio, session["code"], name="Bas")
    assert answer(anna, "visie", "groen")["ok"]
    assert answer(anna, "klimaat", "oranje")["ok"]
    assert answer(bas, "visie", "rood")["ok"]

    state = anna.emit("state", {}, callback=True)
    assert state["ok"] is True
    assert state["session"] == {"code": session["code"], "title": "Werkatelier wijkaanpak"}
    assert state["activity"] == {"id": 1, "type": "succesfactoren", "title": "Kritische succesfactoren",
                                 "state": "open", "revision": ANY, "timer": None,
                                 "results_released": False}
    assert state["answers"] == {"visie": "groen", "klimaat": "oranje"}
    assert bas.emit("state", {}, callback=True)["answers"] == {"visie": "rood"}

    control(screen, "next")  # activity 2 on the phones: nothing answered there yet
    state = anna.emit("state", {}, callback=True)
    assert state["activity"]["id"] == 2 and state["activity"]["state"] == "open"
    assert state["answers"] == {}
    assert answer(anna, "visie", "rood", activity_id=2)["ok"]
    assert anna.emit("state", {}, callback=True)["answers"] == {"visie": "rood"}


def test_state_before_join_and_from_a_screen_is_refused(opened, sio):
    _, screen = opened
    assert_refused(sio().emit("state", {}, callback=True), "not_joined")
    assert_refused(screen.emit("state", {}, callback=True), "forbidden")


# --- restart ---------------------------------------------------------------------------------------------------


def test_everything_survives_a_server_restart(make_app):
    first = make_app()
    http = first.test_client()
    session = create(http, "succesfactoren", "succesfactoren")
    connections = []

    def connect(app):
        test_client = socketio.test_client(app)
        connections.append(test_client)
        return test_client

    try:
        screen = connect(first)
        assert screen.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]},
                           callback=True)["ok"]
        control(screen, "open", activity_id=1)
        phone = connect(first)
        joined = phone.emit("join", {"code": session["code"], "name": "Zoë 👩‍⚕️",
                                     "organisation": "Gemeente Súdwest-Fryslân"}, callback=True)
        assert joined["ok"]
        assert answer(phone, "visie", "groen")["ok"]
        assert answer(phone, "durf", "rood")["ok"]
        assert answer(phone, "durf", "oranje")["ok"]
        time.sleep(0.05)  # let the pending result snapshot go out before the "server" stops
        for test_client in connections:
            test_client.disconnect()

        second = make_app()  # the restart: a new app on the same data directory
        http = second.test_client()
        auth = {"Authorization": f"Bearer {session['facilitator_key']}"}
        restored = http.get(f"/api/sessions/{session['code']}", headers=auth)
        assert restored.status_code == 200  # the facilitator key still works
        restored = restored.get_json()
        assert restored["title"] == "Werkatelier wijkaanpak"
        assert restored["participants"] == 1
        assert restored["current_activity"] == 1
        assert [a["state"] for a in restored["activities"]] == ["open", "closed"]
        export = http.get(f"/api/sessions/{session['code']}/export.json", headers=auth).get_json()
        assert [(p["name"], p["organisation"]) for p in export["participants"]] == \
            [("Zoë 👩‍⚕️", "Gemeente Súdwest-Fryslân")]
        assert sorted((a["item"], a["value"]) for a in export["answers"]) == [("durf", "oranje"), ("visie", "groen")]

        phone = connect(second)
        again = phone.emit("join", {"code": session["code"], "token": joined["token"]}, callback=True)
        assert again["ok"]
        assert again["participant_id"] == joined["participant_id"]
        assert again["name"] == "Zoë 👩‍⚕️"
        assert again["answers"] == {"visie": "groen", "durf": "oranje"}

        screen = connect(second)
        ack = screen.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, callback=True)
        assert ack["ok"]
        assert counts(ack["results"]["1"], "durf") == {"groen": 0, "oranje": 1, "rood": 0}
        assert answer(phone, "klimaat", "rood")["ok"]  # answering goes on where it stopped
        wait_for(screen, "results", lambda r: counts(r["aggregate"], "klimaat")["rood"] == 1)
        control(screen, "next")
        assert received(phone, "activity") == [{"activity": {"id": 2, "type": "succesfactoren",
                                                             "title": "Kritische succesfactoren", "state": "open",
                                                             "revision": ANY, "timer": None,
                                                             "results_released": False}}]
    finally:
        for test_client in connections:
            if test_client.is_connected():
                test_client.disconnect()
