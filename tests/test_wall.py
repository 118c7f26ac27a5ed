"""The card wall on the beamer (issue 14 §1) through the Socket.IO contract: its page counter and pace, the spotlight,
their refusals, who may use them, and the spotlight ending when its card leaves the beamer."""

import pytest
from helpers import assert_refused, control, facilitate, join, wait_for

# An own activity with cards, and a quickscan without any.
PROEF = {"title": "Proefkaarten", "items": [{"id": "idee", "label": "Idee", "kind": "text"}]}


@pytest.fixture
def wall(client, sio):
    """An opened own activity with cards (1) and a quickscan (2): (session, facilitator screen, phone)."""
    reply = client.post("/api/sessions", json={"title": "Muurtest", "activities": [PROEF, "quickscan"]})
    session = reply.get_json()
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, session["code"], name="Anna", organisation="Gemeente Venlo")
    return session, screen, phone


def add(phone, text):
    ack = phone.emit("add_entry", {"activity_id": 1, "item": "idee", "text": text}, callback=True)
    assert ack["ok"], ack
    return ack["entry"]["id"]


def send(screen, action, activity_id=1, **fields):
    return screen.emit("control", {"action": action, "activity_id": activity_id, **fields}, callback=True)


def first(ack):
    return ack["session"]["activities"][0]


def test_a_new_wall_is_on_page_zero_by_hand_without_a_spotlight(wall):
    _, screen, _ = wall
    activity = first(control(screen, "activate", activity_id=1))
    assert activity["wall"] == {"page": 0, "page_seconds": 0} and activity["spotlight"] is None


def test_turning_pages_counts_on_and_back_and_every_screen_hears_it(wall, sio):
    session, screen, _ = wall
    beamer, _ = facilitate(sio, session)
    assert first(control(screen, "turn_page", activity_id=1, step=1))["wall"]["page"] == 1
    assert first(control(screen, "turn_page", activity_id=1, step=1))["wall"]["page"] == 2
    assert first(control(screen, "turn_page", activity_id=1, step=-1))["wall"]["page"] == 1
    wait_for(beamer, "session", lambda s: s["activities"][0]["wall"]["page"] == 1)


@pytest.mark.parametrize("step", [0, 2, -2, True, "1", 1.0, None, [1]])
def test_a_bad_step_is_refused_and_the_page_stays(wall, step):
    _, screen, _ = wall
    assert_refused(send(screen, "turn_page", step=step), "invalid_step")
    assert first(control(screen, "activate", activity_id=1))["wall"]["page"] == 0


@pytest.mark.parametrize("seconds", [0, 5, 30, 120])
def test_the_pace_is_set_to_by_hand_or_5_to_120_seconds(wall, seconds):
    _, screen, _ = wall
    assert first(control(screen, "set_page_seconds", activity_id=1, seconds=seconds))["wall"]["page_seconds"] == seconds


@pytest.mark.parametrize(("seconds", "reason"), [(4, "seconds_out_of_range"), (121, "seconds_out_of_range"),
                                                 (-5, "seconds_out_of_range"), (10.5, "invalid_seconds"),
                                                 ("10", "invalid_seconds"), (True, "invalid_seconds"),
                                                 (None, "invalid_seconds")])
def test_a_bad_pace_is_refused_and_the_pace_stays(wall, seconds, reason):
    _, screen, _ = wall
    control(screen, "set_page_seconds", activity_id=1, seconds=20)
    assert_refused(send(screen, "set_page_seconds", seconds=seconds), reason)
    assert first(control(screen, "activate", activity_id=1))["wall"]["page_seconds"] == 20


def test_an_activity_without_cards_has_no_wall(wall):
    _, screen, _ = wall
    for action, fields in (("turn_page", {"step": 1}), ("set_page_seconds", {"seconds": 10}),
                           ("spotlight", {"entry_id": 1})):
        assert_refused(send(screen, action, activity_id=2, **fields), "no_cards")


def test_a_later_round_without_cards_is_paged_but_has_no_spotlight(wall, client):
    """The comparison of a round (view `vergelijking`) pages on the beamer: the facilitator turns its pages."""
    session, screen, _ = wall
    added = client.post(f"/api/sessions/{session['code']}/activities", json={"round_of": 2},
                        headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()
    assert "vergelijking" in [view["id"] for view in added["views"]]
    later = lambda ack: next(a for a in ack["session"]["activities"] if a["id"] == added["id"])  # noqa: E731
    assert later(control(screen, "turn_page", activity_id=added["id"], step=1))["wall"]["page"] == 1
    assert later(control(screen, "set_page_seconds", activity_id=added["id"], seconds=20))["wall"] == {
        "page": 1, "page_seconds": 20}
    assert_refused(send(screen, "spotlight", activity_id=added["id"], entry_id=1), "no_cards")
    # the first round has no comparison: nothing of it pages, as before
    assert_refused(send(screen, "turn_page", activity_id=2, step=1), "no_cards")


def test_a_quickscan_in_a_network_is_paged_for_its_trend(client, sio):
    """The quickscan of a session that follows another has the view `verloop`, which pages: turn_page works."""
    sessions = [client.post("/api/sessions", json={"title": title, "activities": ["quickscan"]}).get_json()
                for title in ("Nulmeting", "Vervolgmeting")]
    earlier, later = sessions
    screen, _ = facilitate(sio, later)
    assert_refused(send(screen, "turn_page", step=1), "no_cards")  # no network yet: nothing of it pages
    reply = client.put(f"/api/sessions/{later['code']}/follows", json={"code": earlier["code"],
                       "key": earlier["facilitator_key"]}, headers={"Authorization": f"Bearer {later['facilitator_key']}"})
    assert reply.status_code == 200, reply.get_json()
    activity = first(control(screen, "turn_page", activity_id=1, step=-1))
    assert "verloop" in [view["id"] for view in activity["views"]] and activity["wall"]["page"] == -1
    assert_refused(send(screen, "spotlight", entry_id=1), "no_cards")


def test_the_spotlight_shows_one_card_and_is_taken_away(wall):
    _, screen, phone = wall
    entry_id = add(phone, "Samen leren")
    assert first(control(screen, "spotlight", activity_id=1, entry_id=entry_id))["spotlight"] == entry_id
    assert first(control(screen, "clear_spotlight", activity_id=1))["spotlight"] is None


@pytest.mark.parametrize("entry_id", [999, 0, -1, "1", True, None, 2**63])
def test_an_unknown_card_cannot_be_in_the_spotlight(wall, entry_id):
    _, screen, phone = wall
    add(phone, "Samen leren")
    assert_refused(send(screen, "spotlight", entry_id=entry_id), "not_found")


def test_a_card_of_another_activity_cannot_be_in_the_spotlight(client, sio):
    session = client.post("/api/sessions", json={"title": "Twee", "activities": [PROEF, PROEF]}).get_json()
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, session["code"], name="Anna")
    entry_id = add(phone, "In de eerste")
    assert_refused(send(screen, "spotlight", activity_id=2, entry_id=entry_id), "not_found")


def test_a_hidden_card_cannot_be_in_the_spotlight(wall):
    _, screen, phone = wall
    entry_id = add(phone, "Verborgen")
    assert screen.emit("moderate", {"id": entry_id, "hidden": True}, callback=True)["ok"]
    assert_refused(send(screen, "spotlight", entry_id=entry_id), "hidden_entry")
    assert first(control(screen, "activate", activity_id=1))["spotlight"] is None


def test_hiding_the_card_in_the_spotlight_ends_it_for_every_screen(wall):
    _, screen, phone = wall
    entry_id, other = add(phone, "In beeld"), add(phone, "Andere")
    control(screen, "spotlight", activity_id=1, entry_id=entry_id)
    assert screen.emit("moderate", {"id": other, "hidden": True}, callback=True)["ok"]
    assert first(control(screen, "activate", activity_id=1))["spotlight"] == entry_id  # another card: stays
    screen.get_received()
    assert screen.emit("moderate", {"id": entry_id, "hidden": True}, callback=True)["ok"]
    wait_for(screen, "session", lambda s: s["activities"][0]["spotlight"] is None)


def test_deleting_the_card_in_the_spotlight_ends_it(wall):
    _, screen, phone = wall
    entry_id = add(phone, "Weg ermee")
    control(screen, "spotlight", activity_id=1, entry_id=entry_id)
    screen.get_received()
    assert phone.emit("delete_entry", {"id": entry_id}, callback=True)["ok"]
    wait_for(screen, "session", lambda s: s["activities"][0]["spotlight"] is None)


def test_a_moderator_runs_the_wall_and_a_participant_cannot(wall, client, sio):
    session, _, phone = wall
    entry_id = add(phone, "Van de moderator")
    link = client.post(f"/api/sessions/{session['code']}/moderators",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()
    moderator = sio()
    assert moderator.emit("facilitate", {"code": session["code"], "key": link["key"]}, callback=True)["ok"]
    assert first(control(moderator, "turn_page", activity_id=1, step=1))["wall"]["page"] == 1
    assert first(control(moderator, "set_page_seconds", activity_id=1, seconds=15))["wall"]["page_seconds"] == 15
    assert first(control(moderator, "spotlight", activity_id=1, entry_id=entry_id))["spotlight"] == entry_id
    assert first(control(moderator, "clear_spotlight", activity_id=1))["spotlight"] is None
    for action, fields in (("turn_page", {"step": 1}), ("set_page_seconds", {"seconds": 10}),
                           ("spotlight", {"entry_id": entry_id}), ("clear_spotlight", {})):
        assert_refused(send(phone, action, **fields), "forbidden")


def test_the_wall_survives_a_restart(make_app, data_dir):
    app = make_app()
    session = app.test_client().post("/api/sessions", json={"title": "Blijft", "activities": [PROEF]}).get_json()
    workshops = app.extensions["werkatelier"].workshops
    workshops.control(session["code"], "set_page_seconds", 1, {"seconds": 45})
    workshops.control(session["code"], "turn_page", 1, {"step": -1})
    workshops.close()
    again = make_app().extensions["werkatelier"].workshops
    assert again.overview(session["code"])["activities"][0]["wall"] == {"page": -1, "page_seconds": 45}
