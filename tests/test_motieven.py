"""Motieven through the API and Socket.IO: create, describe, cards per organisation, scales, moderation,
live results for the facilitator screens and colleagues, and the pages."""


import pytest
from helpers import Wall, add_card, answer, assert_refused, control, facilitate, join, only_aggregate, received, wait_for

from workshop.library import INSTRUMENTS

TITLE = "Motieven van samenwerkingspartners"
MOTIVES = ["instrumenteel", "affectief", "moreel"]


def texts(aggregate, item):
    return [card["text"] for card in aggregate["items"][item]["cards"]]


@pytest.fixture
def motieven(client):
    reply = client.post("/api/sessions", json={"title": "Weer Thuis in de wijk", "activities": ["motieven"]})
    assert reply.status_code == 201
    return reply.get_json()


@pytest.fixture
def room(motieven, sio):
    """The activity opened: (session, facilitator screen, Anna of Gemeente Venlo, Bram of Zorggroep Noord)."""
    screen, _ = facilitate(sio, motieven)
    control(screen, "open", activity_id=1)
    anna, _ = join(sio, motieven["code"], name="Anna", organisation="Gemeente Venlo")
    bram, _ = join(sio, motieven["code"], name="Bram", organisation="Zorggroep Noord")
    return motieven, screen, anna, bram


def test_create_and_describe(client, motieven):
    reply = client.get(f"/api/sessions/{motieven['code']}",
                       headers={"Authorization": f"Bearer {motieven['facilitator_key']}"})
    [activity] = reply.get_json()["activities"]
    assert (activity["type"], activity["title"], activity["state"]) == ("motieven", TITLE, "closed")
    assert activity["view"] == "kolommen" and activity["per_organisation"] is True and activity["show_names"] is False
    assert [v["id"] for v in activity["views"]] == ["kolommen", "organisaties", "vragen", "themas", "woorden"]
    items = {item["id"]: item for item in activity["items"]}
    assert [items[i]["kind"] for i in MOTIVES] == ["text"] * 3
    assert items["moreel"]["help"] == ["Welke normen, waarden of idealen worden door de samenwerkingspartners "
                                       "nagestreefd?"]
    assert (items["bekend"]["kind"], items["bekend"]["low"], items["bekend"]["high"]) == ("scale", 1, 5)
    assert items["vertalen"]["low_label"] == "in zeer geringe mate"


def test_phones_write_edit_and_delete_cards_and_answer_the_scales(room, client):
    session, _, anna, bram = room
    first = add_card(anna, "instrumenteel", "  Minder   wachtlijsten 👍 ")
    assert first == {"ok": True, "entry": {"id": 1, "item": "instrumenteel", "text": "Minder wachtlijsten 👍"}}
    assert add_card(anna, "moreel", "Iedereen verdient een thuis")["ok"]
    assert add_card(bram, "affectief", "Solidair met cliënten")["ok"]
    assert add_card(bram, "moreel", "Deze gaat weer weg")["ok"]
    edited = anna.emit("edit_entry", {"id": 2, "text": "Iedereen verdient een thúis"}, callback=True)
    assert edited == {"ok": True, "entry": {"id": 2, "item": "moreel", "text": "Iedereen verdient een thúis"}}
    assert bram.emit("delete_entry", {"id": 4}, callback=True)["ok"]
    assert answer(anna, "bekend", 2) == {"ok": True, "activity_id": 1, "item": "bekend", "value": "2"}
    assert answer(bram, "bekend", "4")["ok"] and answer(bram, "vertalen", 3)["ok"]
    assert answer(anna, "bekend", 3)["value"] == "3"  # a change of mind replaces the answer

    aggregate = only_aggregate(client, session, "motieven")
    assert aggregate["respondents"] == 2
    assert texts(aggregate, "instrumenteel") == ["Minder wachtlijsten 👍"]
    assert texts(aggregate, "affectief") == ["Solidair met cliënten"]
    [moreel] = aggregate["items"]["moreel"]["cards"]
    assert (moreel["text"], moreel["organisation"], moreel["name"], moreel["edited"]) == \
        ("Iedereen verdient een thúis", "Gemeente Venlo", "Anna", True)
    assert aggregate["items"]["bekend"]["counts"] == [0, 0, 1, 1, 0] and aggregate["items"]["bekend"]["mean"] == 3.5
    assert aggregate["items"]["vertalen"]["n"] == 1
    assert aggregate["organisations"] == [
        {"name": "Gemeente Venlo", "respondents": 1, "cards": {"instrumenteel": 1, "affectief": 0, "moreel": 1}},
        {"name": "Zorggroep Noord", "respondents": 1, "cards": {"instrumenteel": 0, "affectief": 1, "moreel": 0}}]

    state = anna.emit("state", {}, callback=True)
    assert state["answers"] == {"bekend": "3"}
    assert state["entries"] == [{"id": 1, "item": "instrumenteel", "text": "Minder wachtlijsten 👍"},
                                {"id": 2, "item": "moreel", "text": "Iedereen verdient een thúis"}]


def test_refusals_are_dutch(room, sio):
    session, _, anna, bram = room
    limit = INSTRUMENTS["motieven"].item("affectief").kind.max_entries
    for n in range(limit):
        assert add_card(anna, "affectief", f"Motief {n + 1}")["ok"]
    assert_refused(add_card(anna, "affectief", "Eén te veel"), "too_many_entries")
    assert_refused(add_card(anna, "moreel", "x" * (INSTRUMENTS["motieven"].item("moreel").kind.max_length + 1)), "too_long")
    assert_refused(add_card(anna, "moreel", "   "), "empty_text")
    assert_refused(add_card(anna, "bekend", "Een kaart bij een schaal"), "wrong_kind")
    assert_refused(answer(anna, "moreel", 3), "wrong_kind")
    assert_refused(answer(anna, "vertalen", 6), "invalid_value")
    assert_refused(answer(anna, "vertalen", "veel"), "invalid_value")
    assert_refused(add_card(anna, "financieel", "Geld"), "unknown_item")
    assert_refused(bram.emit("edit_entry", {"id": 1, "text": "Van mij"}, callback=True), "forbidden")
    # The motives are the organisation's: without one, a phone is asked for it first.
    nobody, _ = join(sio, session["code"], name="Zonder")
    assert_refused(add_card(nobody, "moreel", "Iets"), "no_organisation")


def test_the_facilitator_screen_gets_live_results_and_moderates(room, client, sio):
    session, screen, anna, bram = room
    beamer, ack = facilitate(sio, session)  # follows the cards, while `screen` follows the aggregates
    wall = Wall(beamer, ack)
    received(screen, "results", timeout=0.05)  # forget earlier snapshots
    assert add_card(anna, "instrumenteel", "Kosten beheersen")["ok"]
    assert add_card(bram, "moreel", "Niemand tussen wal en schip")["ok"]
    assert answer(bram, "vertalen", 5)["ok"]

    def complete(event):  # the cards come as `cards` deltas, the rest with the aggregate
        aggregate = event["aggregate"]
        return event["activity_id"] == 1 and aggregate["items"]["vertalen"]["n"] == 1 and aggregate["respondents"] == 2

    events = wait_for(screen, "results", complete)
    assert all(isinstance(event["seq"], int) for event in events)
    wall.catch_up(wait_for(beamer, "cards", lambda delta: delta["to"] == 2))
    assert wall.texts("moreel") == ["Niemand tussen wal en schip"] and wall.texts("instrumenteel") == ["Kosten beheersen"]

    moderated = screen.emit("moderate", {"id": 2, "hidden": True}, callback=True)
    assert moderated == {"ok": True, "entry": {"id": 2, "item": "moreel", "text": "Niemand tussen wal en schip"}}
    assert screen.emit("moderate", {"id": 1, "highlighted": True}, callback=True)["ok"]
    wall.catch_up(wait_for(beamer, "cards", lambda delta: delta["to"] == 4))
    assert wall.cards[2]["hidden"] is True and wall.cards[1]["highlighted"] is True
    aggregate = only_aggregate(client, session, "motieven")
    [hidden] = aggregate["items"]["moreel"]["cards"]
    assert hidden["hidden"] is True  # kept for the console and the export, left out by the beamer
    assert aggregate["items"]["instrumenteel"]["cards"][0]["highlighted"] is True
    zorggroep = next(o for o in aggregate["organisations"] if o["name"] == "Zorggroep Noord")
    assert zorggroep["cards"]["moreel"] == 0
    assert_refused(anna.emit("moderate", {"id": 1, "hidden": True}, callback=True), "forbidden")


def test_views_and_names_can_be_switched(room):
    _, screen, _, _ = room
    for view in ("organisaties", "vragen", "kolommen"):
        [activity] = control(screen, "set_view", activity_id=1, view=view)["session"]["activities"]
        assert activity["view"] == view
    assert_refused(screen.emit("control", {"action": "set_view", "activity_id": 1, "view": "heatmap"},
                               callback=True), "unknown_view")
    [activity] = control(screen, "show_names", activity_id=1)["session"]["activities"]
    assert activity["show_names"] is True


def test_colleagues_of_one_organisation_see_each_others_visible_cards(room, sio):
    session, screen, anna, _ = room
    colleague, ack = join(sio, session["code"], name="Cor", organisation=" gemeente  venlo")
    assert ack["colleagues"] == []
    assert add_card(anna, "moreel", "Een thuis voor iedereen")["ok"]
    events = wait_for(colleague, "colleagues", lambda event: event["entries"])
    assert events[-1]["entries"] == [{"id": 1, "item": "moreel", "text": "Een thuis voor iedereen"}]
    assert colleague.emit("state", {}, callback=True)["colleagues"] == events[-1]["entries"]
    assert screen.emit("moderate", {"id": 1, "hidden": True}, callback=True)["ok"]
    wait_for(colleague, "colleagues", lambda event: event["entries"] == [])
    assert colleague.emit("state", {}, callback=True)["colleagues"] == []


def test_after_closing_the_cards_and_answers_stay_but_cannot_change(room, client):
    session, screen, anna, _ = room
    assert add_card(anna, "moreel", "Blijft staan")["ok"] and answer(anna, "bekend", 4)["ok"]
    control(screen, "close", activity_id=1)
    assert_refused(add_card(anna, "moreel", "Te laat"), "closed")
    assert_refused(anna.emit("edit_entry", {"id": 1, "text": "Anders"}, callback=True), "closed")
    assert_refused(answer(anna, "bekend", 1), "closed")
    aggregate = only_aggregate(client, session, "motieven")
    assert texts(aggregate, "moreel") == ["Blijft staan"] and aggregate["items"]["bekend"]["counts"][3] == 1


def test_the_pages_carry_the_worksheet_and_the_beamer_columns(client, motieven):
    phone = client.get(f"/j/{motieven['code']}").get_data(as_text=True)
    assert "Welke doelen, belangen of eigen strategische keuzes van de samenwerkingspartners spelen een rol?" in phone
    assert phone.count('data-kind="text"') == 3 and phone.count('data-kind="scale"') == 2
    assert "1 = in zeer geringe mate" in phone and "5 = in zeer grote mate" in phone
    assert "Voor welke organisatie vul je in?" in phone  # the organisation comes first
    assert phone.count('data-max="140"') == 3 and "Je kunt hier tot 5 kaarten kwijt, elk tot 140 tekens." in phone
    beamer = client.get(f"/f/{motieven['code']}/beamer").get_data(as_text=True)
    for item in MOTIVES:
        assert f'class="mv-column mv-{item}" data-item="{item}"' in beamer
    assert beamer.count('class="mv-scale"') == 2 and "css/activities/motieven.css" in beamer
    assert "Instrumentele motieven" in beamer and "Zijn de motieven op tafel?" in beamer
