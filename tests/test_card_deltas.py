"""Card walls by delta (issue 14 §5): the version bookkeeping in the store, the aggregates without their cards,
and through Socket.IO the `cards` deltas, `cards_since` after missed ones, and its refusals."""

import json
import shutil
import time
from pathlib import Path

import pytest
from helpers import (Wall, add_card, assert_refused, control, facilitate, join, only_aggregate, received,
                     stored_session)

from workshop.card_deltas import without_cards
from workshop.sessions import Workshops, entry_of
from workshop.store import Store
from workshop.words import MOST

PROEF = {"title": "Proefkaarten", "items": [
    {"id": "idee", "label": "Idee", "kind": "text", "max_length": 40, "max_entries": 8},
    {"id": "eens", "label": "Eens?", "kind": "choice", "options": ["Ja", "Nee"]}]}
ACTIVITIES = [{"type": "eigen", "title": "Eén", "view": "lijst", "definition": "{}"},
              {"type": "eigen", "title": "Twee", "view": "lijst", "definition": "{}"}]
FIXTURE = Path(__file__).parent / "fixtures" / "before-designer"


@pytest.fixture
def store(tmp_path):
    with stored_session(tmp_path, ACTIVITIES, "2026-12-01T10:00:00Z") as store:
        yield store


@pytest.fixture
def room(client, sio):
    """An opened own activity with cards: (session, facilitator screen, Anna's phone)."""
    session = client.post("/api/sessions", json={"title": "Delta", "activities": [PROEF]}).get_json()
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    anna, _ = join(sio, session["code"], name="Anna", organisation="Gemeente Venlo")
    return session, screen, anna


def card(phone, text):
    ack = add_card(phone, "idee", text)
    assert ack["ok"], ack
    return ack["entry"]


# --- the store's bookkeeping -----------------------------------------------------------------------------------


def test_every_card_change_counts_in_its_own_activity(store):
    first = store.add_entry("ABCDEF", 1, 7, "idee", "een", "t1", limit=5)
    second = store.add_entry("ABCDEF", 1, 7, "idee", "twee", "t2", limit=5)
    other = store.add_entry("ABCDEF", 2, 7, "idee", "elders", "t3", limit=5)
    assert (first["version"], second["version"], other["version"]) == (1, 2, 1)  # dense per activity
    assert store.update_entry("ABCDEF", first["id"], text="één", edited_at="t4") == 3
    assert store.update_entry("ABCDEF", second["id"], hidden=1) == 4
    assert store.delete_entry("ABCDEF", second["id"]) == 5
    version, changed, deleted = store.card_changes("ABCDEF", 1, 2)
    assert version == 5 and [(e["text"], e["version"]) for e in changed] == [("één", 3)] and deleted == [2]
    assert store.card_changes("ABCDEF", 1, 5) == (5, [], [])
    assert store.card_changes("ABCDEF", 2, 0)[0] == 1
    version, wall = store.card_wall("ABCDEF", 1)
    assert version == 5 and [e["text"] for e in wall] == ["één"]


def test_an_id_given_again_is_no_longer_deleted(store):
    """SQLite gives the largest id again after its row was deleted: the card is new, not gone."""
    entry = store.add_entry("ABCDEF", 1, 7, "idee", "weg", "t1", limit=5)
    store.delete_entry("ABCDEF", entry["id"])
    again = store.add_entry("ABCDEF", 1, 7, "idee", "terug", "t2", limit=5)
    assert again["id"] == entry["id"]
    assert store.card_changes("ABCDEF", 1, 1) == (3, [again], [])


def test_a_renamed_participant_changes_their_cards_a_new_organisation_every_card(store):
    anna = store.add_participant("ABCDEF", "h1", "Anna", "Venlo", "t0")["id"]
    bram = store.add_participant("ABCDEF", "h2", "Bram", "Venlo", "t0")["id"]
    store.add_entry("ABCDEF", 1, anna, "idee", "van Anna", "t1", limit=5)
    store.add_entry("ABCDEF", 1, bram, "idee", "van Bram", "t1", limit=5)
    store.add_entry("ABCDEF", 2, bram, "idee", "ook van Bram", "t1", limit=5)
    assert store.update_participant("ABCDEF", anna, name="Anne") == {1: 3}
    assert [e["text"] for e in store.card_changes("ABCDEF", 1, 2)[1]] == ["van Anna"]
    # Anna spelled Venlo first: her new spelling of the organisation may change how Bram's cards show it.
    assert store.update_participant("ABCDEF", anna, organisation="Gemeente Venlo") == {1: 4, 2: 2}
    assert len(store.card_changes("ABCDEF", 1, 3)[1]) == 2


def test_the_cards_the_aggregation_sees_follow_every_change_as_a_fresh_read_would(store):
    """`entries_of` reads only what changed since the version it holds: after each change it holds the wall."""
    workshops = Workshops(store)
    anna = store.add_participant("ABCDEF", "h1", "Anna", "Venlo", "t0")["id"]
    first, second, third = (store.add_entry("ABCDEF", 1, anna, "idee", text, "t1", limit=8)["id"]
                            for text in ("een", "twee", "drie"))
    theme, _ = store.add_theme("ABCDEF", 1, "Thema", "t1", limit=50)
    changes = [lambda: store.update_entry("ABCDEF", first, text="één", edited_at="t2"),
               lambda: store.update_entry("ABCDEF", second, hidden=1),
               lambda: store.delete_entry("ABCDEF", third),
               lambda: store.add_entry("ABCDEF", 1, anna, "idee", "vier", "t3", limit=8),  # the id of drie again
               lambda: store.merge_entry("ABCDEF", second, first),
               lambda: store.update_entry("ABCDEF", first, theme_id=theme["id"]),
               lambda: store.delete_theme("ABCDEF", theme["id"]),
               lambda: store.delete_entry("ABCDEF", first),
               lambda: store.add_entry("ABCDEF", 2, anna, "idee", "elders", "t4", limit=8)]
    for change in [lambda: None, *changes]:
        change()
        for activity_id in (1, 2):
            fresh = [entry_of(row) for row in store.entries("ABCDEF", activity_id=activity_id)]
            assert workshops.entries_of("ABCDEF", store.activity("ABCDEF", activity_id)) == fresh


def test_an_old_sessions_cards_get_versions_in_the_order_written(tmp_path):
    code = (FIXTURE / "code.txt").read_text().strip()
    shutil.copy(FIXTURE / "session.sqlite", tmp_path / f"{code}.sqlite")
    workshops = Workshops(Store(tmp_path))
    stored = workshops.store.entries(code)
    assert stored, "the fixture has cards"
    for activity_id in {e["activity_id"] for e in stored}:
        mine = [e for e in stored if e["activity_id"] == activity_id]
        assert [e["version"] for e in mine] == list(range(1, len(mine) + 1))
        wall = workshops.cards_since(code, activity_id, 0)
        assert wall["full"] and wall["to"] == len(mine) and [c["id"] for c in wall["cards"]] == [e["id"] for e in mine]
    workshops.close()


# --- the aggregates without their cards (pure) ----------------------------------------------------------------


def test_without_cards_empties_only_the_lists_of_cards(client, sio):
    session = client.post("/api/sessions", json={"title": "HB", "activities": ["halen_brengen"]}).get_json()
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, session["code"], name="Anna", organisation="Gemeente Roermond")
    assert add_card(phone, "halen", "Woningen")["ok"]
    full = only_aggregate(client, session, "halen_brengen")
    bare = without_cards(full)
    assert bare["items"]["halen"]["cards"] == [] and bare["organisations"][0]["cards"] == {
        "belangen": [], "halen": [], "brengen": []}
    assert {k: v for k, v in bare["organisations"][0].items() if k != "cards"} == \
        {k: v for k, v in full["organisations"][0].items() if k != "cards"}
    assert bare["progress"] == full["progress"] and bare["respondents"] == full["respondents"] == 1
    counted = {"items": {}, "organisations": [{"name": "X", "cards": {"moreel": 3}}]}  # motieven count cards
    assert without_cards(counted) == counted


# --- Socket.IO -------------------------------------------------------------------------------------------------


def test_a_screen_gets_a_delta_for_each_add_edit_hide_and_delete(room, sio):
    session, screen, anna = room
    beamer, ack = facilitate(sio, session)
    assert ack["cards"]["1"] == {"from": 0, "to": 0, "cards": [], "deleted": [], "full": True}
    first = card(anna, "eerste")
    [delta] = received(beamer, "cards")
    assert delta["activity_id"] == 1 and delta["to"] == 1 and [c["text"] for c in delta["cards"]] == ["eerste"]
    assert set(delta["cards"][0]) == {"id", "item", "text", "organisation", "name", "at", "edited", "hidden",
                                      "highlighted", "theme_id", "merged_into", "partner", "version"}
    steps = [("edit_entry", {"id": first["id"], "text": "bijgewerkt"}, anna),
             ("moderate", {"id": first["id"], "hidden": True}, screen),
             ("delete_entry", {"id": first["id"]}, anna)]
    seen = []
    for version, (event, payload, sender) in enumerate(steps, start=2):
        time.sleep(0.1)  # past the coalescing interval: one delta per change
        assert sender.emit(event, payload, callback=True)["ok"]
        [delta] = received(beamer, "cards")
        assert (delta["from"], delta["to"]) == (version - 1, version)
        seen.append(delta)
    assert seen[0]["cards"][0]["text"] == "bijgewerkt" and seen[0]["cards"][0]["edited"] is True
    assert seen[1]["cards"][0]["hidden"] is True
    assert seen[2]["cards"] == [] and seen[2]["deleted"] == [first["id"]]


def test_a_burst_of_cards_is_coalesced_and_the_results_stay_small(room, sio):
    session, screen, anna = room
    beamer, ack = facilitate(sio, session)
    wall = Wall(beamer, ack)
    bram, _ = join(sio, session["code"], name="Bram")
    for n in range(8):
        card(anna, f"Anna {n}")
        card(bram, f"Bram {n}")
    time.sleep(0.2)
    deltas = received(beamer, "cards")
    assert len(deltas) < 16  # coalesced
    wall.catch_up(deltas)
    assert len(wall.cards) == 16 and wall.asked == 0
    results = received(screen, "results")[-1]  # `screen` follows the aggregates, `beamer` the cards
    assert results["aggregate"]["items"]["idee"]["cards"] == [] and results["aggregate"]["respondents"] == 2
    without_words = lambda aggregate: {k: v for k, v in aggregate.items() if k != "words"}  # noqa: E731 (bounded: MOST)
    few = len(json.dumps(without_words(results["aggregate"])))
    carla, _ = join(sio, session["code"], name="Carla")
    for n in range(8):  # a fuller wall, by someone who has written nothing yet
        card(carla, f"een veel langere kaart, nummer {n}")
    time.sleep(0.2)
    more = received(screen, "results")[-1]["aggregate"]
    assert more["respondents"] == 3 and len(json.dumps(without_words(more))) - few < 60  # a count more, no card
    assert len(more["words"]["idee"]) <= MOST


def test_a_screen_that_missed_deltas_recovers_the_exact_wall(room, sio, client):
    session, screen, anna = room
    beamer, ack = facilitate(sio, session)
    wall = Wall(beamer, ack)
    kept = card(anna, "blijft")
    gone = card(anna, "gaat weg")
    time.sleep(0.2)
    wall.catch_up()  # up to date
    assert wall.texts() == ["blijft", "gaat weg"]
    # The next changes reach the screen, but it misses them (a dropped message).
    assert anna.emit("edit_entry", {"id": kept["id"], "text": "blijft, bijgewerkt"}, callback=True)["ok"]
    assert screen.emit("moderate", {"id": kept["id"], "highlighted": True}, callback=True)["ok"]
    assert anna.emit("delete_entry", {"id": gone["id"]}, callback=True)["ok"]
    time.sleep(0.2)
    assert received(beamer, "cards")  # sent, and dropped here
    card(anna, "nieuw")
    time.sleep(0.2)
    wall.catch_up()  # this delta starts after what the screen has: it asks `cards_since`
    assert wall.asked == 1
    _, fresh = facilitate(sio, session)
    assert wall.version == fresh["cards"]["1"]["to"] == 6
    assert wall.without_versions() == [{k: v for k, v in c.items() if k != "version"} for c in fresh["cards"]["1"]["cards"]]
    assert wall.without_versions() == only_aggregate(client, session, "eigen")["items"]["idee"]["cards"]
    assert [(c["text"], c["highlighted"]) for c in wall.cards.values()] == [("blijft, bijgewerkt", True), ("nieuw", False)]


def test_cards_since_answers_what_changed_or_the_whole_wall(room, sio):
    session, screen, anna = room
    for text in ("een", "twee", "drie"):
        card(anna, text)
    since = screen.emit("cards_since", {"activity_id": 1, "version": 2}, callback=True)
    assert since["ok"] and (since["from"], since["to"], since["full"]) == (2, 3, False)
    assert [c["text"] for c in since["cards"]] == ["drie"]
    whole = screen.emit("cards_since", {"activity_id": 1, "version": 0}, callback=True)
    assert whole["full"] and [c["text"] for c in whole["cards"]] == ["een", "twee", "drie"]
    ahead = screen.emit("cards_since", {"activity_id": 1, "version": 99}, callback=True)  # never reached: all
    assert ahead["full"] and ahead["to"] == 3


@pytest.mark.parametrize("payload, reason", [
    ({"activity_id": 1, "version": -1}, "invalid_version"), ({"activity_id": 1, "version": "3"}, "invalid_version"),
    ({"activity_id": 1, "version": True}, "invalid_version"), ({"activity_id": 1, "version": 2.5}, "invalid_version"),
    ({"activity_id": 1, "version": 2**64}, "invalid_version"), ({"activity_id": 1}, "invalid_version"),
    ({"activity_id": 9, "version": 0}, "not_found"), ({"activity_id": "1", "version": 0}, "not_found"),
    ({"version": 0}, "not_found")])
def test_hostile_cards_since_is_refused(room, payload, reason):
    _, screen, anna = room
    card(anna, "bewaard")
    assert_refused(screen.emit("cards_since", payload, callback=True), reason)
    assert screen.emit("cards_since", {"activity_id": 1, "version": 0}, callback=True)["cards"][0]["text"] == "bewaard"


def test_a_renamed_participant_reaches_the_wall(room, sio):
    session, screen, _ = room
    beamer, ack = facilitate(sio, session)
    wall = Wall(beamer, ack)
    phone, joined = join(sio, session["code"], name="Cas", organisation="GGD")
    card(phone, "van Cas")
    time.sleep(0.2)
    wall.catch_up()
    join(sio, session["code"], token=joined["token"], name="Cas de Vries")
    time.sleep(0.2)
    wall.catch_up()
    assert [c["name"] for c in wall.cards.values()] == ["Cas de Vries"] and wall.asked == 0
