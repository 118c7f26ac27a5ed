"""Changing the agenda of a running session over HTTP: add, reorder, retitle, hide and remove activities; an
activity with answers or cards can only be hidden. The screens and phones hear every change; a restart keeps it."""

import io

import pytest
from helpers import add_card, answer, control, facilitate, join, received, wait_for
from openpyxl import load_workbook
from test_migration import CODE as OLD_CODE
from test_migration import old_session

from workshop.library import INSTRUMENTS, MAX_ACTIVITIES

SUCCES, QUICKSCAN, MOTIEVEN = (INSTRUMENTS[kind].title for kind in ("succesfactoren", "quickscan", "motieven"))


@pytest.fixture
def running(client):
    """A session of succesfactoren (1), quickscan (2) and motieven (3): the 201 reply."""
    reply = client.post("/api/sessions", json={"title": "Lopende sessie",
                                               "activities": ["succesfactoren", "quickscan", "motieven"]})
    assert reply.status_code == 201
    return reply.get_json()


def bearer(session):
    return {"Authorization": f"Bearer {session['facilitator_key']}"}


def agenda(client, session):
    """(id, title, hidden) of each activity, in the session's order."""
    overview = client.get(f"/api/sessions/{session['code']}", headers=bearer(session)).get_json()
    return [(a["id"], a["title"], a["hidden"]) for a in overview["activities"]]


def refused(reply, status, reason):
    assert reply.status_code == status, reply.get_json()
    body = reply.get_json()
    assert body["reason"] == reason and body["error"].strip(), body
    return body["error"]


# --- adding -------------------------------------------------------------------------------------------------


def test_an_instrument_is_added_at_the_end_closed_with_the_next_id(client, running):
    url = f"/api/sessions/{running['code']}/activities"
    reply = client.post(url, json="netwerkleiderschap", headers=bearer(running))
    assert reply.status_code == 201
    added = reply.get_json()
    assert (added["id"], added["type"], added["state"], added["hidden"]) == (4, "netwerkleiderschap", "closed", False)
    assert added["items"] and added["views"]
    reply = client.post(url, json={"instrument": "quickscan", "title": "Nameting", "intro": "Nog een keer."},
                        headers=bearer(running))
    assert reply.status_code == 201 and reply.get_json()["title"] == "Nameting"
    assert reply.get_json()["intro"] == "Nog een keer."
    own = {"title": "Eigen vraag", "items": [{"label": "Tempo", "kind": "scale", "low": 1, "high": 5}]}
    assert client.post(url, json=own, headers=bearer(running)).get_json()["type"] == "eigen"
    assert [a[:2] for a in agenda(client, running)][3:] == [
        (4, INSTRUMENTS["netwerkleiderschap"].title), (5, "Nameting"), (6, "Eigen vraag")]


@pytest.mark.parametrize("body", [None, "onbekend", {"instrument": "nee"}, {"title": "Leeg", "items": []}, [1], 7])
def test_an_unknown_or_broken_activity_is_refused_and_nothing_is_added(client, running, body):
    reply = client.post(f"/api/sessions/{running['code']}/activities", json=body, headers=bearer(running))
    assert reply.status_code == 400
    assert reply.get_json()["reason"] in ("unknown_activity_type", "invalid_definition")
    assert len(agenda(client, running)) == 3


def test_at_most_20_activities_hidden_ones_included(client, running):
    url = f"/api/sessions/{running['code']}/activities"
    for _ in range(MAX_ACTIVITIES - 3):
        assert client.post(url, json="quickscan", headers=bearer(running)).status_code == 201
    client.patch(f"{url}/1", json={"hidden": True}, headers=bearer(running))
    refused(client.post(url, json="quickscan", headers=bearer(running)), 409, "too_many")
    assert len(agenda(client, running)) == MAX_ACTIVITIES


def test_a_removed_activitys_id_is_never_given_again(client, running):
    url = f"/api/sessions/{running['code']}/activities"
    assert client.delete(f"{url}/3", headers=bearer(running)).status_code == 200
    assert client.post(url, json="motieven", headers=bearer(running)).get_json()["id"] == 4


# --- reordering ----------------------------------------------------------------------------------------------


def test_reorder_puts_every_activity_in_the_given_order(client, running):
    reply = client.put(f"/api/sessions/{running['code']}/agenda", json={"order": [3, 1, 2]}, headers=bearer(running))
    assert reply.status_code == 200
    assert [a["id"] for a in reply.get_json()["activities"]] == [3, 1, 2]
    assert [a[0] for a in agenda(client, running)] == [3, 1, 2]


@pytest.mark.parametrize("body", [
    {"order": [1, 2]},  # one missing
    {"order": [1, 2, 2]},  # a duplicate instead
    {"order": [1, 2, 3, 3]},  # a duplicate besides
    {"order": [1, 2, 3, 4]},  # an id the session does not have
    {"order": "1,2,3"}, {"order": {"1": 0}}, {"order": None}, {},  # not a list
    {"order": ["1", "2", "3"]}, {"order": [1.0, 2, 3]}, {"order": [True, 2, 3]},  # not ids
    [1, 2, 3],  # not an object
])
def test_a_malformed_order_is_refused_and_changes_nothing(client, running, body):
    reply = client.put(f"/api/sessions/{running['code']}/agenda", json=body, headers=bearer(running))
    refused(reply, 400, "malformed" if isinstance(body, list) else "invalid_order")
    assert [a[0] for a in agenda(client, running)] == [1, 2, 3]


def test_hidden_activities_are_part_of_the_order(client, running):
    client.patch(f"/api/sessions/{running['code']}/activities/2", json={"hidden": True}, headers=bearer(running))
    url = f"/api/sessions/{running['code']}/agenda"
    refused(client.put(url, json={"order": [3, 1]}, headers=bearer(running)), 400, "invalid_order")
    assert client.put(url, json={"order": [2, 3, 1]}, headers=bearer(running)).status_code == 200


def test_answers_keep_matching_their_wording_after_a_reorder(client, running, sio):
    screen, _ = facilitate(sio, running)
    control(screen, "open", activity_id=2)
    phone, _ = join(sio, running["code"], name="Anna")
    assert answer(phone, "relatie", 8, activity_id=2)["ok"]
    client.put(f"/api/sessions/{running['code']}/agenda", json={"order": [2, 3, 1]}, headers=bearer(running))
    results = client.get(f"/api/sessions/{running['code']}/results", headers=bearer(running)).get_json()
    first = results["activities"][0]
    assert (first["id"], first["type"]) == (2, "quickscan")
    assert first["aggregate"]["items"]["relatie"]["counts"][7] == 1
    exported = client.get(f"/api/sessions/{running['code']}/export.json", headers=bearer(running)).get_json()
    assert [(a["activity_id"], a["item"], a["value"]) for a in exported["answers"]] == [(2, "relatie", "8")]


# --- retitling, hiding, removing --------------------------------------------------------------------------------


def test_an_activity_without_answers_is_retitled_with_a_new_intro(client, running):
    url = f"/api/sessions/{running['code']}/activities/2"
    reply = client.patch(url, json={"title": "  Nulmeting ", "intro": "Hoe staan we ervoor?"}, headers=bearer(running))
    assert reply.status_code == 200
    activity = reply.get_json()["activities"][1]
    assert (activity["title"], activity["intro"]) == ("Nulmeting", "Hoe staan we ervoor?")
    page = client.get(f"/j/{running['code']}").get_data(as_text=True)
    assert "Nulmeting" in page and "Hoe staan we ervoor?" in page


@pytest.mark.parametrize("change", [{"title": "Anders"}, {"intro": "Andere uitleg"}])
def test_an_activity_with_answers_or_cards_keeps_its_wording(client, running, sio, change):
    screen, _ = facilitate(sio, running)
    control(screen, "open", activity_id=1)
    control(screen, "open", activity_id=3, keep_open=True)  # both take answers
    phone, _ = join(sio, running["code"], organisation="GGD")
    assert answer(phone, "visie", "groen")["ok"]
    assert add_card(phone, "moreel", "Samen sterker", activity_id=3)["ok"]
    for activity_id in (1, 3):
        url = f"/api/sessions/{running['code']}/activities/{activity_id}"
        message = refused(client.patch(url, json=change, headers=bearer(running)), 409, "has_answers")
        assert "Verberg" in message
    assert [a[1] for a in agenda(client, running)] == [SUCCES, QUICKSCAN, MOTIEVEN]


def first_activity_answered(sio, running, colour):
    """Activity 1 (the succesfactoren) open on a facilitator screen, with one phone's answer to 'visie'."""
    screen, _ = facilitate(sio, running)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, running["code"])
    assert answer(phone, "visie", colour)["ok"]
    return screen, phone


def test_hiding_is_always_allowed_and_takes_the_current_activity_off_the_phones(client, running, sio):
    screen, phone = first_activity_answered(sio, running, "rood")
    url = f"/api/sessions/{running['code']}/activities/1"
    overview = client.patch(url, json={"hidden": True}, headers=bearer(running)).get_json()
    assert overview["current_activity"] is None
    assert (overview["activities"][0]["hidden"], overview["activities"][0]["state"]) == (True, "closed")
    assert received(phone, "activity")[-1] == {"activity": None}
    for action in ("open", "activate"):
        ack = screen.emit("control", {"action": action, "activity_id": 1}, callback=True)
        assert (ack["ok"], ack["reason"]) == (False, "hidden")
    shown = client.patch(url, json={"hidden": False}, headers=bearer(running)).get_json()
    assert shown["activities"][0]["hidden"] is False
    control(screen, "open", activity_id=1)


@pytest.mark.parametrize("body, reason", [
    ({}, "nothing_to_change"), ({"hidden": "ja"}, "invalid_hidden"), ({"hidden": 1}, "invalid_hidden"),
    ({"title": ""}, "invalid_definition"), ({"title": "x" * 121}, "invalid_definition"),
    ({"title": ["a"]}, "invalid_definition"), ({"intro": 5}, "invalid_definition"), ("titel", "malformed"),
])
def test_a_malformed_change_is_refused(client, running, body, reason):
    reply = client.patch(f"/api/sessions/{running['code']}/activities/2", json=body, headers=bearer(running))
    refused(reply, 400, reason)
    assert agenda(client, running)[1] == (2, QUICKSCAN, False)


def test_an_activity_without_answers_is_removed_one_with_answers_is_not(client, running, sio):
    screen, phone = first_activity_answered(sio, running, "groen")
    url = f"/api/sessions/{running['code']}/activities"
    message = refused(client.delete(f"{url}/1", headers=bearer(running)), 409, "has_answers")
    assert "Verberg" in message
    control(screen, "open", activity_id=2)  # the current one
    overview = client.delete(f"{url}/2", headers=bearer(running)).get_json()
    assert overview["current_activity"] is None
    assert [a["id"] for a in overview["activities"]] == [1, 3]
    assert received(phone, "activity")[-1] == {"activity": None}


@pytest.mark.parametrize("method, path", [("PATCH", "/activities/9"), ("DELETE", "/activities/9"),
                                          ("PATCH", "/activities/99999999999999999999999")])
def test_an_unknown_activity_is_a_404(client, running, method, path):
    reply = client.open(f"/api/sessions/{running['code']}{path}", method=method, json={"hidden": True},
                        headers=bearer(running))
    refused(reply, 404, "not_found")


def test_next_skips_hidden_activities(client, running, sio):
    screen, _ = facilitate(sio, running)
    client.patch(f"/api/sessions/{running['code']}/activities/2", json={"hidden": True}, headers=bearer(running))
    assert control(screen, "next")["session"]["current_activity"] == 1
    assert control(screen, "next")["session"]["current_activity"] == 3
    client.patch(f"/api/sessions/{running['code']}/activities/1", json={"hidden": True}, headers=bearer(running))
    ack = screen.emit("control", {"action": "next"}, callback=True)
    assert (ack["ok"], ack["reason"]) == (False, "no_next")


# --- who may, who hears, what is kept ----------------------------------------------------------------------------

CHANGES = [("POST", "/activities", "quickscan"), ("PUT", "/agenda", {"order": [1, 2, 3]}),
           ("PATCH", "/activities/2", {"title": "Nieuw"}), ("DELETE", "/activities/2", None)]


@pytest.mark.parametrize("method, path, body", CHANGES)
def test_every_change_needs_the_facilitator_key(client, running, sio, method, path, body):
    _, joined = join(sio, running["code"])
    url = f"/api/sessions/{running['code']}{path}"
    other = client.post("/api/sessions", json={"title": "Andere", "activities": ["quickscan"]}).get_json()
    for headers, status, reason in (({}, 401, "unauthorised"),
                                    ({"Authorization": "Bearer fout"}, 403, "forbidden"),
                                    ({"Authorization": f"Bearer {joined['token']}"}, 403, "forbidden"),
                                    (bearer(other), 403, "forbidden"),
                                    ({"Authorization": f"Basic {running['facilitator_key']}"}, 401, "unauthorised")):
        refused(client.open(url, method=method, json=body, headers=headers), status, reason)
    assert agenda(client, running) == [(1, SUCCES, False), (2, QUICKSCAN, False), (3, MOTIEVEN, False)]
    assert client.open(url, method=method, json=body, headers=bearer(running)).status_code in (200, 201)


def test_wrong_keys_count_towards_the_key_limit(make_app):
    app = make_app(KEY_GUESS_LIMIT=2)
    client = app.test_client()
    session = client.post("/api/sessions", json={"title": "S", "activities": ["quickscan"]}).get_json()
    url = f"/api/sessions/{session['code']}/agenda"
    for _ in range(2):
        assert client.put(url, json={"order": [1]}, headers={"Authorization": "Bearer fout"}).status_code == 403
    refused(client.put(url, json={"order": [1]}, headers=bearer(session)), 429, "rate_limited")


@pytest.mark.parametrize("method, path, body", CHANGES)
def test_a_change_reaches_every_console_and_beamer(client, running, sio, method, path, body):
    console, _ = facilitate(sio, running)
    beamer, _ = facilitate(sio, running)
    phone, _ = join(sio, running["code"])
    reply = client.open(f"/api/sessions/{running['code']}{path}", method=method, json=body, headers=bearer(running))
    assert reply.status_code in (200, 201)
    expected = agenda(client, running)
    for screen in (console, beamer):
        sessions = received(screen, "session")
        assert [(a["id"], a["title"], a["hidden"]) for a in sessions[-1]["activities"]] == expected
        assert sessions[-1]["seq"] > 0
    assert received(phone, "activity", timeout=0.2) == []  # nothing on the phones changed


def test_a_retitled_current_activity_reaches_the_phones(client, running, sio):
    screen, _ = facilitate(sio, running)
    control(screen, "open", activity_id=2)
    phone, joined = join(sio, running["code"])
    client.patch(f"/api/sessions/{running['code']}/activities/2", json={"title": "Nulmeting"},
                 headers=bearer(running))
    [change] = received(phone, "activity")
    assert change["activity"]["title"] == "Nulmeting"
    assert change["activity"]["revision"] != joined["activity"]["revision"]
    assert phone.emit("state", {}, callback=True)["activity"]["title"] == "Nulmeting"


def test_a_phone_hears_an_added_activity_once_it_is_opened(client, running, sio):
    screen, _ = facilitate(sio, running)
    phone, _ = join(sio, running["code"])
    added = client.post(f"/api/sessions/{running['code']}/activities", json="halen_brengen",
                        headers=bearer(running)).get_json()
    control(screen, "open", activity_id=added["id"])
    wait_for(phone, "activity", lambda a: a["activity"] and a["activity"]["id"] == added["id"])
    page = client.get(f"/j/{running['code']}").get_data(as_text=True)
    assert f'data-activity-id="{added["id"]}"' in page


def test_a_restarted_server_keeps_the_new_agenda(make_app):
    client = make_app().test_client()
    session = client.post("/api/sessions", json={"title": "S", "activities": ["quickscan", "motieven"]}).get_json()
    client.post(f"/api/sessions/{session['code']}/activities", json="succesfactoren", headers=bearer(session))
    client.put(f"/api/sessions/{session['code']}/agenda", json={"order": [3, 2, 1]}, headers=bearer(session))
    client.patch(f"/api/sessions/{session['code']}/activities/2", json={"title": "Motieven", "hidden": True},
                 headers=bearer(session))
    before = agenda(client, session)
    restarted = make_app().test_client()
    assert agenda(restarted, session) == before == [(3, SUCCES, False), (2, "Motieven", True), (1, QUICKSCAN, False)]


def test_duplicate_copies_the_visible_activities_only(client, running):
    client.patch(f"/api/sessions/{running['code']}/activities/2", json={"hidden": True}, headers=bearer(running))
    copy = client.post(f"/api/sessions/{running['code']}/duplicate", headers=bearer(running)).get_json()
    assert [title for _, title, _ in agenda(client, copy)] == [SUCCES, MOTIEVEN]


def test_a_hidden_activity_with_answers_stays_in_the_export_and_leaves_the_report(client, running, sio):
    screen, _ = facilitate(sio, running)
    control(screen, "open", activity_id=2)
    phone, _ = join(sio, running["code"])
    assert answer(phone, "relatie", 8, activity_id=2)["ok"]
    client.patch(f"/api/sessions/{running['code']}/activities/2", json={"title": "x"}, headers=bearer(running))
    client.patch(f"/api/sessions/{running['code']}/activities/2", json={"hidden": True}, headers=bearer(running))
    url = f"/api/sessions/{running['code']}"
    exported = client.get(f"{url}/export.json", headers=bearer(running)).get_json()
    assert [(a["id"], a["hidden"]) for a in exported["session"]["activities"]] == [(1, False), (2, True), (3, False)]
    assert [(a["activity_id"], a["value"]) for a in exported["answers"]] == [(2, "8")]
    book = load_workbook(io.BytesIO(client.get(f"{url}/export.xlsx", headers=bearer(running)).data))
    rows = [[cell.value for cell in row] for row in book["Sessie"].iter_rows()]
    header = next(row for row in rows if row[0] == "nr")
    table = [dict(zip(header, row, strict=True)) for row in rows[rows.index(header) + 1:] if row[0]]
    assert [(row["activiteit"], row["verborgen"]) for row in table] == [(SUCCES, "nee"), (QUICKSCAN, "ja"),
                                                                        (MOTIEVEN, "nee")]
    assert book.sheetnames[2].startswith("2 ")  # its own sheet, as before
    report = client.get(f"{url}/report.html", headers=bearer(running)).get_data(as_text=True)
    assert 'id="activiteit-2"' not in report and "1 activiteit die de procesbegeleider" in report
    report = client.get(f"{url}/report.html?verborgen=1", headers=bearer(running)).get_data(as_text=True)
    assert 'id="activiteit-2"' in report and 'mark-hidden">verborgen' in report


def test_a_session_from_before_gets_hidden_off_and_new_ids_after_its_own(tmp_path):
    """Migration m004 on a database written before the designer (tests/fixtures/before-designer)."""
    workshops = old_session(tmp_path)
    before = workshops.overview(OLD_CODE)["activities"]
    assert not any(activity["hidden"] for activity in before)
    added = workshops.add_activity(OLD_CODE, "quickscan")
    assert added["id"] == max(activity["id"] for activity in before) + 1
    workshops.close()
