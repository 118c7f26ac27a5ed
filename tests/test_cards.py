"""Free-text cards through the Socket.IO contract: add, edit, delete, limits, moderation, names, export.

A small own activity keeps these tests about the card machinery, not about one instrument.
"""

import time
import unicodedata

import pytest
from helpers import Wall, assert_refused, facilitate, join, received

# An own activity: cards of at most 20 characters, two per person, and a choice.
PROEF = {"title": "Proefkaarten", "intro": "Schrijf op wat je opvalt.", "items": [
    {"id": "idee", "label": "Idee", "kind": "text", "max_length": 20, "max_entries": 2},
    {"id": "eens", "label": "Eens?", "kind": "choice", "options": ["Ja", "Nee"]}]}


@pytest.fixture
def room(client, sio):
    """An opened 'proef' activity: (session, facilitator screen, phone, phone's join ack)."""
    reply = client.post("/api/sessions", json={"title": "Kaartentest", "activities": [PROEF]})
    session = reply.get_json()
    screen, _ = facilitate(sio, session)
    assert screen.emit("control", {"action": "open", "activity_id": 1}, callback=True)["ok"]
    phone, ack = join(sio, session["code"], name="Anna", organisation="Gemeente Venlo")
    return session, screen, phone, ack


def add(phone, text, item="idee"):
    return phone.emit("add_entry", {"activity_id": 1, "item": item, "text": text}, callback=True)


def cards(client, session):
    reply = client.get(f"/api/sessions/{session['code']}/results",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    return reply.get_json()["activities"][0]["aggregate"]["items"]["idee"]["cards"]


def export(client, session):
    return client.get(f"/api/sessions/{session['code']}/export.json",
                      headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()


def test_a_card_is_stored_cleaned_and_acknowledged(room, client):
    session, _, phone, _ = room
    ack = add(phone, "  Meer\tvertrouwen\x07 ")
    assert ack == {"ok": True, "entry": {"id": 1, "item": "idee", "text": "Meer vertrouwen"}}
    [card] = cards(client, session)
    assert card["text"] == "Meer vertrouwen" and card["organisation"] == "Gemeente Venlo" and card["name"] == "Anna"
    assert card["hidden"] is False and card["highlighted"] is False and card["edited"] is False


def test_html_is_stored_as_plain_text_and_emoji_and_diacritics_survive_to_the_export(room, client):
    session, _, phone, _ = room
    decomposed = unicodedata.normalize("NFD", "Café 👩‍⚕️ ë")  # as some phone keyboards send it
    assert add(phone, decomposed)["entry"]["text"] == "Café 👩‍⚕️ ë"
    assert add(phone, "<b>x</b>&amp;")["ok"]
    assert [c["text"] for c in cards(client, session)] == ["Café 👩‍⚕️ ë", "<b>x</b>&amp;"]
    assert [e["text"] for e in export(client, session)["entries"]] == ["Café 👩‍⚕️ ë", "<b>x</b>&amp;"]


@pytest.mark.parametrize("text, reason", [("", "empty_text"), ("   ", "empty_text"), (None, "invalid_text"),
                                          (42, "invalid_text"), (["x"], "invalid_text"), ("x" * 21, "too_long")])
def test_bad_cards_are_refused_in_dutch_and_nothing_is_stored(room, client, text, reason):
    session, _, phone, _ = room
    assert_refused(add(phone, text), reason)
    assert cards(client, session) == []


def test_the_length_limit_counts_characters_not_bytes(room):
    _, _, phone, _ = room
    assert add(phone, "é" * 20)["ok"]
    assert_refused(add(phone, "é" * 21), "too_long")


def test_the_number_of_cards_per_item_is_limited_and_deleting_makes_room(room, client):
    session, _, phone, _ = room
    first = add(phone, "een")["entry"]
    assert add(phone, "twee")["ok"]
    refused = add(phone, "drie")
    assert_refused(refused, "too_many_entries")
    assert "2" in refused["error"]
    assert phone.emit("delete_entry", {"id": first["id"]}, callback=True)["ok"]
    assert add(phone, "drie")["ok"]
    assert [c["text"] for c in cards(client, session)] == ["twee", "drie"]


def test_each_participant_has_their_own_limit(room, sio):
    session, _, phone, _ = room
    other, _ = join(sio, session["code"])
    for text in ("een", "twee"):
        assert add(phone, text)["ok"] and add(other, text)["ok"]


def test_a_participant_edits_their_card(room, client):
    session, _, phone, _ = room
    entry = add(phone, "eerst")["entry"]
    ack = phone.emit("edit_entry", {"id": entry["id"], "text": " later "}, callback=True)
    assert ack == {"ok": True, "entry": {"id": entry["id"], "item": "idee", "text": "later"}}
    [card] = cards(client, session)
    assert card["text"] == "later" and card["edited"] is True


def test_a_participant_cannot_edit_or_delete_someone_elses_card(room, sio, client):
    session, _, phone, _ = room
    entry = add(phone, "van Anna")["entry"]
    other, _ = join(sio, session["code"])
    assert_refused(other.emit("edit_entry", {"id": entry["id"], "text": "gekaapt"}, callback=True), "forbidden")
    assert_refused(other.emit("delete_entry", {"id": entry["id"]}, callback=True), "forbidden")
    assert [c["text"] for c in cards(client, session)] == ["van Anna"]


@pytest.mark.parametrize("entry_id", [999, None, "1", True, 1.5])
def test_editing_or_deleting_an_unknown_card_is_not_found(room, entry_id):
    _, _, phone, _ = room
    add(phone, "er is er een")
    assert_refused(phone.emit("edit_entry", {"id": entry_id, "text": "x"}, callback=True), "not_found")
    assert_refused(phone.emit("delete_entry", {"id": entry_id}, callback=True), "not_found")


def test_a_bad_edit_keeps_the_card_as_it_was(room, client):
    session, _, phone, _ = room
    entry = add(phone, "goed")["entry"]
    assert_refused(phone.emit("edit_entry", {"id": entry["id"], "text": "x" * 50}, callback=True), "too_long")
    assert_refused(phone.emit("edit_entry", {"id": entry["id"], "text": ""}, callback=True), "empty_text")
    assert [c["text"] for c in cards(client, session)] == ["goed"]


def test_after_close_cards_cannot_be_added_edited_or_deleted_and_are_kept(room, client):
    session, screen, phone, _ = room
    entry = add(phone, "blijft")["entry"]
    assert screen.emit("control", {"action": "close", "activity_id": 1}, callback=True)["ok"]
    assert_refused(add(phone, "te laat"), "closed")
    assert_refused(phone.emit("edit_entry", {"id": entry["id"], "text": "anders"}, callback=True), "closed")
    assert_refused(phone.emit("delete_entry", {"id": entry["id"]}, callback=True), "closed")
    assert [c["text"] for c in cards(client, session)] == ["blijft"]


def test_cards_and_choices_each_need_their_own_event(room):
    _, _, phone, _ = room
    assert_refused(add(phone, "ja", item="eens"), "wrong_kind")
    assert_refused(phone.emit("answer", {"activity_id": 1, "item": "idee", "value": "ja"}, callback=True),
                   "wrong_kind")
    assert_refused(add(phone, "x", item="bestaat-niet"), "unknown_item")


def test_a_facilitator_screen_cannot_write_cards_and_a_phone_cannot_moderate(room):
    _, screen, phone, _ = room
    entry = add(phone, "kaart")["entry"]
    assert_refused(screen.emit("add_entry", {"activity_id": 1, "item": "idee", "text": "x"}, callback=True),
                   "forbidden")
    assert_refused(phone.emit("moderate", {"id": entry["id"], "hidden": True}, callback=True), "forbidden")


def test_own_cards_come_back_with_the_state_after_a_reload(room, sio):
    session, _, phone, ack = room
    add(phone, "een")
    again, rejoined = join(sio, session["code"], token=ack["token"])
    assert rejoined["entries"] == [{"id": 1, "item": "idee", "text": "een"}]
    state = again.emit("state", {}, callback=True)
    assert state["entries"] == [{"id": 1, "item": "idee", "text": "een"}] and state["colleagues"] == []


def test_the_facilitator_hides_and_highlights_a_card(room, client):
    session, screen, phone, _ = room
    entry = add(phone, "scherp")["entry"]
    ack = screen.emit("moderate", {"id": entry["id"], "hidden": True}, callback=True)
    assert ack == {"ok": True, "entry": {"id": entry["id"], "item": "idee", "text": "scherp"}}
    assert screen.emit("moderate", {"id": entry["id"], "highlighted": True}, callback=True)["ok"]
    [card] = cards(client, session)
    assert card["hidden"] is True and card["highlighted"] is True
    [exported] = export(client, session)["entries"]
    assert exported["hidden"] is True and exported["text"] == "scherp"  # hidden stays in the export
    assert screen.emit("moderate", {"id": entry["id"], "hidden": False}, callback=True)["ok"]
    assert cards(client, session)[0]["hidden"] is False


@pytest.mark.parametrize("payload, reason", [({"id": 1}, "invalid_moderation"),
                                             ({"id": 1, "hidden": "ja"}, "invalid_moderation"),
                                             ({"id": 1, "highlighted": 1}, "invalid_moderation"),
                                             ({"id": 77, "hidden": True}, "not_found")])
def test_bad_moderation_is_refused(room, client, payload, reason):
    session, screen, phone, _ = room
    add(phone, "kaart")
    assert_refused(screen.emit("moderate", payload, callback=True), reason)
    assert cards(client, session)[0]["hidden"] is False


def test_screens_get_a_card_delta_for_every_card_change(room, sio):
    session, screen, phone, _ = room
    _, ack = facilitate(sio, session)
    wall = Wall(screen, ack)
    screen.get_received()
    entry = add(phone, "nieuw")["entry"]

    def latest_cards():
        time.sleep(0.1)  # past the coalescing interval
        wall.catch_up()
        return list(wall.cards.values())

    assert [c["text"] for c in latest_cards()] == ["nieuw"]
    phone.emit("edit_entry", {"id": entry["id"], "text": "bijgewerkt"}, callback=True)
    assert [c["text"] for c in latest_cards()] == ["bijgewerkt"]
    screen.emit("moderate", {"id": entry["id"], "highlighted": True}, callback=True)
    assert latest_cards()[0]["highlighted"] is True
    phone.emit("delete_entry", {"id": entry["id"]}, callback=True)
    assert latest_cards() == []


def test_names_on_the_beamer_are_off_by_default_and_toggle_for_every_screen(room, client):
    session, screen, _, _ = room
    assert screen.emit("state", {}, callback=True)["ok"] is False  # screens have no phone state
    overview = client.get(f"/api/sessions/{session['code']}",
                          headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()
    assert overview["activities"][0]["show_names"] is False
    screen.get_received()
    ack = screen.emit("control", {"action": "show_names", "activity_id": 1}, callback=True)
    assert ack["session"]["activities"][0]["show_names"] is True
    assert received(screen, "session")[-1]["activities"][0]["show_names"] is True
    ack = screen.emit("control", {"action": "hide_names", "activity_id": 1}, callback=True)
    assert ack["session"]["activities"][0]["show_names"] is False


def test_cards_survive_a_server_restart(make_app, data_dir):
    from workshop import socketio

    first = make_app()
    session = first.test_client().post("/api/sessions", json={"title": "Herstart", "activities": [PROEF]}).get_json()
    screen = socketio.test_client(first)
    screen.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, callback=True)
    screen.emit("control", {"action": "open", "activity_id": 1}, callback=True)
    phone = socketio.test_client(first)
    joined = phone.emit("join", {"code": session["code"]}, callback=True)
    entry = add(phone, "bewaard ✓")["entry"]
    screen.emit("moderate", {"id": entry["id"], "hidden": True}, callback=True)
    time.sleep(0.05)
    phone.disconnect()
    screen.disconnect()

    second = make_app()
    phone = socketio.test_client(second)
    again = phone.emit("join", {"code": session["code"], "token": joined["token"]}, callback=True)
    assert again["entries"] == [{"id": entry["id"], "item": "idee", "text": "bewaard ✓"}]
    assert phone.emit("edit_entry", {"id": entry["id"], "text": "na herstart"}, callback=True)["ok"]
    [card] = cards(second.test_client(), session)
    assert card["text"] == "na herstart" and card["hidden"] is True
    phone.disconnect()
