"""Dot voting on cards (issue 14 §3): the limits and the ranking (pure), and `start_voting`, the votes and the
hidden cards through the Socket.IO contract."""

import io

import pytest
from helpers import answer, assert_refused, control, facilitate, join, received, wait_for
from hypothesis import given, settings, strategies as st
from openpyxl import load_workbook

from workshop.errors import WorkshopError
from workshop.kinds import Option, Points
from workshop.kinds.choice import options_from
from workshop.kinds.fields import whole
from workshop.voting import left_out, vote_spec, voted_on

IDEEEN = {"title": "Ideeën", "intro": "", "items": [
    {"id": "idee", "label": "Idee", "kind": "text", "max_entries": 5},
    {"id": "eens", "label": "Eens?", "kind": "choice", "options": ["Ja", "Nee"]}]}
VRAGEN = {"title": "Alleen keuzes", "intro": "", "items": [
    {"id": "eens", "label": "Eens?", "kind": "choice", "options": ["Ja", "Nee"]}]}
DOTS = Points((Option("k1", "Groen dak"), Option("k2", "Deelauto"), Option("k3", "Buurtfeest")), 5, 2)


class Vote:
    participant_id: int
    item = "stippen"

    def __init__(self, participant_id, value):
        self.participant_id, self.value = participant_id, value


# --- pure: the limits and the ranking --------------------------------------------------------------------------


def test_a_vote_within_the_dots_and_the_maximum_per_card_is_stored_in_the_cards_order():
    assert DOTS.validate({"k3": 2, "k1": 1}) == "k1:1,k3:2"
    assert DOTS.validate({"k1": 2, "k2": 2, "k3": 1}) == "k1:2,k2:2,k3:1"


@pytest.mark.parametrize(("value", "reason"), [
    ({"k1": 3}, "too_many_on_one"),
    ({"k1": 2, "k2": 2, "k3": 2}, "invalid_points"),
    ({}, "invalid_points"),
    ({"k9": 1}, "not_an_option"),
    ({"k1": -1}, "invalid_value"),
    ({"k1": True}, "invalid_value"),
    ([1], "invalid_value"),
])
def test_a_vote_over_the_dots_over_the_maximum_or_on_no_card_is_refused(value, reason):
    with pytest.raises(WorkshopError) as refused:
        DOTS.validate(value)
    assert refused.value.reason == reason


def test_the_maximum_per_option_is_read_checked_and_described():
    data = {"kind": "points", "points": 4, "per_option": 2, "options": [{"value": "k1", "label": "x" * 280}]}
    points = Points.from_data(data, "Vraag 1")
    assert (points.points, points.per_option, len(points.options)) == (4, 2, 1)
    assert points.describe()["per_option"] == 2
    assert "per_option" not in Points.from_data({"options": ["A", "B"]}, "Vraag 1").describe()
    for wrong in (0, 5, "2", True):
        with pytest.raises(WorkshopError):
            Points.from_data({**data, "per_option": wrong}, "Vraag 1")
    with pytest.raises(WorkshopError):  # without a maximum per option, an option stays a short label
        options_from({"options": ["x" * 81, "y"]}, "Vraag 1")
    assert whole({"n": 3}, "n", "", 1, 3) == 3


def test_the_ranking_counts_dots_and_a_card_left_out_no_longer_counts():
    votes = [Vote(1, "k1:2,k2:1"), Vote(2, "k2:2,k3:2"), Vote(3, "k3:1")]
    summary = DOTS.summary(votes, {})
    assert summary["totals"] == {"k1": 2, "k2": 3, "k3": 3}
    assert summary["ranking"] == ["k2", "k3", "k1"]  # a tie keeps the cards' order
    without = DOTS.without({"k2"}).summary(votes, {})
    assert without["totals"] == {"k1": 2, "k3": 3}
    assert without["ranking"] == ["k3", "k1"]


def test_the_options_left_out_are_those_no_longer_candidates():
    assert left_out(["k1", "k2", "k3"], {"k1", "k3"}) == "k2"
    assert left_out(["k1", "k2"], {"k1", "k2"}) == ""


def test_a_vote_spec_has_the_cards_as_options_and_a_short_enough_title(app):
    with app.test_request_context():
        spec = vote_spec("T" * 130, [{"value": "k7", "label": "Groen dak"}], 5, 2)
    [item] = spec["items"]
    assert len(spec["title"]) == 120 and spec["title"].endswith("…")
    assert item["options"] == [{"value": "k7", "label": "Groen dak"}]
    assert (item["points"], item["per_option"]) == (5, 2)


# --- Socket.IO: start_voting, votes, hidden cards ---------------------------------------------------------------


@pytest.fixture
def room(client, sio):
    """A session with a card activity (three cards from Anna and Bram) and a choice activity: (session, screen,
    anna, bram, the card ids)."""
    session = client.post("/api/sessions", json={"title": "Stemtest", "activities": [IDEEEN, VRAGEN]}).get_json()
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    anna, _ = join(sio, session["code"], name="Anna", organisation="Gemeente Venlo")
    bram, _ = join(sio, session["code"], name="Bram", organisation="Woonzorg")
    ids = []
    for phone, text in ((anna, "Groen dak"), (anna, "Deelauto"), (bram, "Buurtfeest")):
        ack = phone.emit("add_entry", {"activity_id": 1, "item": "idee", "text": text}, callback=True)
        ids.append(ack["entry"]["id"])
    return session, screen, anna, bram, ids


def start(screen, **fields):
    return screen.emit("control", {"action": "start_voting", "activity_id": 1, "dots": 3, "max_per_card": 2,
                                   **fields}, callback=True)


def test_start_voting_adds_an_open_vote_after_its_source_with_the_visible_cards(room):
    session, screen, anna, _bram, ids = room
    assert screen.emit("moderate", {"id": ids[1], "hidden": True}, callback=True)["ok"]
    ack = start(screen)
    assert ack["ok"], ack
    activities = ack["session"]["activities"]
    assert [a["title"] for a in activities] == ["Ideeën", "Stemmen: Ideeën", "Alleen keuzes"]
    vote = activities[1]
    assert (vote["state"], vote["source_activity"], ack["session"]["current_activity"]) == ("open", 1, vote["id"])
    [item] = vote["items"]
    assert [(o["value"], o["label"]) for o in item["options"]] == [(f"k{ids[0]}", "Groen dak"),
                                                                  (f"k{ids[2]}", "Buurtfeest")]
    assert (item["points"], item["per_option"]) == (3, 2)
    assert activities[0]["state"] == "closed"
    phone_state = anna.emit("state", {}, callback=True)
    assert phone_state["activity"]["id"] == vote["id"]


@pytest.mark.parametrize(("fields", "reason"), [
    ({"dots": 0}, "invalid_dots"), ({"dots": 21}, "invalid_dots"), ({"dots": "3"}, "invalid_dots"),
    ({"dots": True}, "invalid_dots"), ({"max_per_card": 4}, "invalid_max_per_card"),
    ({"max_per_card": 0}, "invalid_max_per_card"), ({"max_per_card": None}, "invalid_max_per_card"),
    ({"activity_id": 2}, "no_cards"), ({"activity_id": 99}, "not_found"), ({"activity_id": "1"}, "not_found"),
    ({"keep_open": "ja"}, "invalid_keep_open"), ({"on": "kaarten"}, "invalid_on"), ({"on": ["themes"]}, "invalid_on"),
    ({"on": "themes"}, "no_themes"),
])
def test_start_voting_refuses_with_a_reason(room, fields, reason):
    _session, screen, *_ = room
    assert_refused(start(screen, **fields), reason)


def test_start_voting_refuses_a_source_without_visible_cards(room):
    _session, screen, _anna, _bram, ids = room
    for entry_id in ids:
        assert screen.emit("moderate", {"id": entry_id, "hidden": True}, callback=True)["ok"]
    assert_refused(start(screen), "no_cards")


def test_a_participant_cannot_start_voting(room):
    _session, _screen, anna, _bram, _ids = room
    ack = anna.emit("control", {"action": "start_voting", "activity_id": 1, "dots": 3, "max_per_card": 2},
                    callback=True)
    assert ack["ok"] is False and ack["reason"] in ("forbidden", "not_facilitator"), ack


def test_votes_over_the_dots_over_the_maximum_and_on_a_hidden_card_are_refused(room, client):
    session, screen, anna, bram, ids = room
    vote = start(screen)["session"]["current_activity"]
    one, two, three = (f"k{i}" for i in ids)
    assert_refused(answer(anna, "stippen", {one: 2, two: 2}, vote), "invalid_points")
    assert_refused(answer(anna, "stippen", {one: 3}, vote), "too_many_on_one")
    assert answer(anna, "stippen", {one: 2, two: 1}, vote)["ok"]
    assert answer(bram, "stippen", {two: 2, three: 1}, vote)["ok"]
    wait_for(screen, "results", lambda r: r["activity_id"] == vote and r["aggregate"]["respondents"] == 2)
    received(screen, "session", timeout=0.1)
    assert screen.emit("moderate", {"id": ids[1], "hidden": True}, callback=True)["ok"]
    # the console hears the vote without the hidden card, the phones that the activity changed
    wait_for(screen, "session", lambda s: len(next(a for a in s["activities"] if a["id"] == vote)["items"][0]
                                                 ["options"]) == 2)
    assert_refused(answer(anna, "stippen", {two: 1}, vote), "not_an_option")
    results = client.get(f"/api/sessions/{session['code']}/results",
                         headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()
    summary = next(a for a in results["activities"] if a["id"] == vote)["aggregate"]["items"]["stippen"]
    assert summary["totals"] == {one: 2, three: 1}  # Anna's and Bram's dots on the hidden card no longer count
    assert summary["ranking"] == [one, three]
    assert screen.emit("moderate", {"id": ids[1], "hidden": False}, callback=True)["ok"]
    assert answer(anna, "stippen", {two: 1}, vote)["ok"]  # shown again: it takes dots again


def test_a_hidden_card_changes_the_votes_revision_so_phones_draw_it_again(room):
    _session, screen, anna, _bram, ids = room
    start(screen)
    before = anna.emit("state", {}, callback=True)["activity"]["revision"]
    received(anna, "activity", timeout=0.1)
    assert screen.emit("moderate", {"id": ids[0], "hidden": True}, callback=True)["ok"]
    assert received(anna, "activity")
    assert anna.emit("state", {}, callback=True)["activity"]["revision"] != before


def test_the_vote_is_exported_and_in_the_report_as_actiepunten(room, client):
    session, screen, anna, _bram, ids = room
    vote = start(screen)["session"]["current_activity"]
    assert answer(anna, "stippen", {f"k{ids[2]}": 2}, vote)["ok"]
    headers = {"Authorization": f"Bearer {session['facilitator_key']}"}
    exported = client.get(f"/api/sessions/{session['code']}/export.json", headers=headers).get_json()
    assert any(a["activity_id"] == vote and a["value"] == f"k{ids[2]}:2" for a in exported["answers"])
    report = client.get(f"/api/sessions/{session['code']}/report.html", headers=headers).get_data(as_text=True)
    [part] = [section for section in report.split("<section class=\"activity ")
              if section.startswith(f'activity-eigen" id="activiteit-{vote}"')]
    assert "Stemmen: Ideeën" in part and "Actiepunten" in part
    assert part.index("Buurtfeest") < part.index("Groen dak")


def test_a_moderator_may_start_voting(room, client, sio):
    session, *_ = room
    link = client.post(f"/api/sessions/{session['code']}/moderators",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()
    screen = sio()
    assert screen.emit("facilitate", {"code": session["code"], "key": link["key"]}, callback=True)["role"] \
        == "moderator"
    assert start(screen)["ok"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["k1", "k2", "k3", "k4"]), st.integers(-2, 7), max_size=4))
def test_every_vote_accepted_keeps_within_the_dots_and_the_maximum_and_reads_back(value):
    try:
        stored = DOTS.validate(value)
    except WorkshopError:
        return
    spread = DOTS.spread(stored)
    assert spread == {key: n for key, n in value.items() if n}
    assert 1 <= sum(spread.values()) <= 5 and max(spread.values()) <= 2 and set(spread) <= {"k1", "k2", "k3"}


def test_the_xlsx_names_the_vote_with_its_dots_and_ranks_the_cards(room, client):
    session, screen, anna, bram, ids = room
    vote = start(screen)["session"]["current_activity"]
    assert answer(anna, "stippen", {f"k{ids[1]}": 2, f"k{ids[0]}": 1}, vote)["ok"]
    assert answer(bram, "stippen", {f"k{ids[1]}": 1}, vote)["ok"]
    reply = client.get(f"/api/sessions/{session['code']}/export.xlsx",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    cells = [row for sheet in load_workbook(io.BytesIO(reply.data)).worksheets
             for row in sheet.iter_rows(values_only=True)]
    caption = "Actiepunten: stemmen met stippen (3 stippen per persoon, hoogstens 2 op één kaart, 2 personen)"
    start_row = next(n for n, row in enumerate(cells) if row[0] == caption)
    assert cells[start_row + 1][:3] == ("rang", "kaart", "stippen")
    assert [row[:3] for row in cells[start_row + 2:start_row + 5]] == [
        (1, "Deelauto", 3), (2, "Groen dak", 1), (3, "Buurtfeest", 0)]


def test_a_card_hidden_from_a_vote_not_on_the_phones_leaves_the_phones_alone(room):
    _session, screen, anna, _bram, ids = room
    vote = start(screen)["session"]["current_activity"]
    control(screen, "open", activity_id=2)  # the choices are on the phones now, the vote closed
    received(anna, "activity", timeout=0.2)
    received(screen, "session", timeout=0.1)
    assert screen.emit("moderate", {"id": ids[0], "hidden": True}, callback=True)["ok"]
    wait_for(screen, "session", lambda s: len(next(a for a in s["activities"] if a["id"] == vote)["items"][0]
                                                 ["options"]) == 2)
    assert not received(anna, "activity", timeout=0.3)


def test_a_vote_is_on_themes_when_its_options_are_themes():
    assert voted_on(["k1", "k2"]) == "cards" and voted_on(["t3"]) == "themes" and voted_on([]) == "cards"


def theme(screen, **message):
    ack = screen.emit("theme", message, callback=True)
    assert ack["ok"], ack
    return ack


def test_a_vote_on_themes_has_the_themes_as_options_and_a_deleted_theme_leaves_it(room, client):
    session, screen, anna, _bram, ids = room
    money = theme(screen, action="create", activity_id=1, name="Geld")["theme"]["id"]
    green = theme(screen, action="create", activity_id=1, name="Groen")["theme"]["id"]
    theme(screen, action="assign", entry_id=ids[0], theme_id=green)
    ack = start(screen, on="themes")
    assert ack["ok"], ack
    vote = next(a for a in ack["session"]["activities"] if a["id"] == ack["session"]["current_activity"])
    [item] = vote["items"]
    assert [(o["value"], o["label"]) for o in item["options"]] == [(f"t{money}", "Geld"), (f"t{green}", "Groen")]
    assert "thema" in item["question"] and vote["source_activity"] == 1
    assert answer(anna, "stippen", {f"t{money}": 1, f"t{green}": 2}, vote["id"])["ok"]
    theme(screen, action="delete", theme_id=money)
    options = lambda s: [o["value"] for a in s["activities"] if a["id"] == vote["id"]  # noqa: E731
                         for o in a["items"][0]["options"]]
    wait_for(screen, "session", lambda s: options(s) == [f"t{green}"])
    assert_refused(answer(anna, "stippen", {f"t{money}": 1}, vote["id"]), "not_an_option")
    results = client.get(f"/api/sessions/{session['code']}/results",
                         headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()
    summary = next(a for a in results["activities"] if a["id"] == vote["id"])["aggregate"]["items"]["stippen"]
    assert summary["totals"] == {f"t{green}": 2}  # the dot on the deleted theme no longer counts


def test_a_card_merged_into_another_is_no_option_of_a_vote_on_cards(room):
    _session, screen, anna, _bram, ids = room
    theme(screen, action="merge", entry_id=ids[2], into=ids[0])
    vote = start(screen)["session"]
    [item] = next(a for a in vote["activities"] if a["id"] == vote["current_activity"])["items"]
    assert [o["value"] for o in item["options"]] == [f"k{ids[0]}", f"k{ids[1]}"]
    assert_refused(answer(anna, "stippen", {f"k{ids[2]}": 1}, vote["current_activity"]), "not_an_option")
