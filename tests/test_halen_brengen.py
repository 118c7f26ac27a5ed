"""Halen en brengen through HTTP and Socket.IO: cards for one's own organisation, colleagues of the same
organisation see each other's cards live, other organisations and hidden cards stay out, and the matrix
in the results."""


import csv
import io

import pytest
from openpyxl import load_workbook
from helpers import add_card, assert_refused, facilitate, join, only_aggregate, received, wait_for

from workshop.card_deltas import without_cards

ROERMOND = "Gemeente Roermond"


@pytest.fixture
def room(client, sio):
    """An opened halen_brengen activity: (session, facilitator screen)."""
    reply = client.post("/api/sessions", json={"title": "Halen en brengen Noord", "activities": ["halen_brengen"]})
    assert reply.status_code == 201
    session = reply.get_json()
    screen, _ = facilitate(sio, session)
    assert screen.emit("control", {"action": "open", "activity_id": 1}, callback=True)["ok"]
    return session, screen


def answer(phone, value):
    return phone.emit("answer", {"activity_id": 1, "item": "balans", "value": value}, callback=True)


def colleagues_until(phone, predicate, timeout=3.0):
    return wait_for(phone, "colleagues", predicate, timeout)


def texts(entries):
    return sorted(entry["text"] for entry in entries)


def test_the_session_is_created_and_describes_a_per_organisation_activity(room, client):
    session, _ = room
    reply = client.get(f"/api/sessions/{session['code']}",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    [activity] = reply.get_json()["activities"]
    assert activity["type"] == "halen_brengen" and activity["title"] == "Halen en brengen"
    assert activity["per_organisation"] is True and activity["view"] == "matrix"
    assert [(i["id"], i["kind"]) for i in activity["items"]] == [
        ("belangen", "text"), ("halen", "text"), ("brengen", "text"), ("balans", "scale")]
    assert only_aggregate(client, session, "halen_brengen")["organisations"] == []


def test_the_phone_page_asks_for_the_organisation_and_shows_the_four_questions(room, client):
    session, _ = room
    page = client.get(f"/j/{session['code']}").get_data(as_text=True)
    assert "Voor welke organisatie vul je in?" in page
    assert "Wat wil jouw organisatie daarvoor uit de samenwerking halen?" in page
    assert "Zijn de bijdragen en revenuen van jouw organisatie voldoende in balans?" in page
    beamer = client.get(f"/f/{session['code']}/beamer").get_data(as_text=True)
    assert 'class="hb"' in beamer and "halen_brengen.css" in beamer


def test_cards_without_an_organisation_are_refused_in_dutch_until_one_is_given(room, sio, client):
    session, _ = room
    phone, ack = join(sio, session["code"], name="Anna")
    refused = add_card(phone, "halen", "Snel een woning")
    assert_refused(refused, "no_organisation")
    assert "organisatie" in refused["error"]
    balance = phone.emit("answer", {"activity_id": 1, "item": "balans", "value": 4}, callback=True)
    assert_refused(balance, "no_organisation")  # the balance score is per organisation too
    assert only_aggregate(client, session, "halen_brengen")["organisations"] == []
    assert only_aggregate(client, session, "halen_brengen")["respondents"] == 0
    # Joining again with the token and an organisation (what the phone's organisation form does) lets it in.
    again = phone.emit("join", {"code": session["code"], "token": ack["token"], "organisation": ROERMOND},
                       callback=True)
    assert again["ok"] and again["participant_id"] == ack["participant_id"] and again["organisation"] == ROERMOND
    assert add_card(phone, "halen", "Snel een woning")["ok"]
    [row] = only_aggregate(client, session, "halen_brengen")["organisations"]
    assert row["name"] == ROERMOND and [c["text"] for c in row["cards"]["halen"]] == ["Snel een woning"]


def test_colleagues_of_one_organisation_see_each_others_cards_and_others_do_not(room, sio):
    session, _ = room
    anna, _ = join(sio, session["code"], name="Anna", organisation=ROERMOND)
    bram, _ = join(sio, session["code"], name="Bram", organisation="  gemeente   ROERMOND ")
    cas, _ = join(sio, session["code"], name="Cas", organisation="Woonstichting Noord")
    for phone in (anna, bram, cas):
        phone.get_received()

    entry = add_card(anna, "brengen", "Wooncoaches <b>voor</b> de wijk")["entry"]
    seen = colleagues_until(bram, lambda event: any(e["id"] == entry["id"] for e in event["entries"]))
    assert seen[-1]["activity_id"] == 1 and isinstance(seen[-1]["seq"], int)
    assert seen[-1]["entries"] == [{"id": entry["id"], "item": "brengen", "text": "Wooncoaches <b>voor</b> de wijk"}]
    assert add_card(bram, "halen", "Snel een woning")["ok"]
    seen = colleagues_until(anna, lambda event: "Snel een woning" in texts(event["entries"]))
    # the event carries every visible card of the organisation; a phone leaves out its own ids
    assert texts(seen[-1]["entries"]) == ["Snel een woning", "Wooncoaches <b>voor</b> de wijk"]
    assert add_card(cas, "halen", "Zorg na de verhuizing")["ok"]
    # Cas's organisation hears only its own card; Roermond's phones hear nothing of it.
    seen = colleagues_until(cas, lambda event: texts(event["entries"]) == ["Zorg na de verhuizing"])
    assert all(texts(event["entries"]) == ["Zorg na de verhuizing"] for event in seen)
    for phone in (anna, bram):
        assert all("Zorg na de verhuizing" not in texts(e["entries"]) for e in received(phone, "colleagues", 0.3))

    # The state (after an activity change) and the join ack hold the colleagues' cards, not one's own.
    state = bram.emit("state", {}, callback=True)
    assert texts(state["colleagues"]) == ["Wooncoaches <b>voor</b> de wijk"]
    assert texts(state["entries"]) == ["Snel een woning"]
    _, dewi = join(sio, session["code"], name="Dewi", organisation="GEMEENTE ROERMOND")
    assert texts(dewi["colleagues"]) == ["Snel een woning", "Wooncoaches <b>voor</b> de wijk"]
    assert dewi["entries"] == []
    assert texts(cas.emit("state", {}, callback=True)["colleagues"]) == []
    _, eva = join(sio, session["code"], name="Eva", organisation="Woonstichting Noord")
    assert texts(eva["colleagues"]) == ["Zorg na de verhuizing"]


def test_a_phone_of_another_organisation_gets_no_colleagues_event(room, sio):
    session, _ = room
    anna, _ = join(sio, session["code"], name="Anna", organisation=ROERMOND)
    cas, _ = join(sio, session["code"], name="Cas", organisation="Woonstichting Noord")
    anonymous, _ = join(sio, session["code"])
    bram, _ = join(sio, session["code"], name="Bram", organisation=ROERMOND)
    for phone in (anna, cas, anonymous, bram):
        phone.get_received()
    assert add_card(anna, "belangen", "Minder mensen op de wachtlijst")["ok"]
    colleagues_until(bram, lambda event: len(event["entries"]) == 1)  # the update has gone out
    assert received(cas, "colleagues", timeout=0.3) == []
    assert received(anonymous, "colleagues", timeout=0.1) == []


def test_edits_deletes_and_hidden_cards_reach_the_colleagues(room, sio):
    session, screen = room
    anna, _ = join(sio, session["code"], name="Anna", organisation=ROERMOND)
    bram, _ = join(sio, session["code"], name="Bram", organisation=ROERMOND)
    keep = add_card(anna, "halen", "Snel een woning")["entry"]
    gone = add_card(anna, "brengen", "Geld")["entry"]
    colleagues_until(bram, lambda event: len(event["entries"]) == 2)

    assert anna.emit("edit_entry", {"id": keep["id"], "text": "Snel een passende woning"}, callback=True)["ok"]
    colleagues_until(bram, lambda event: texts(event["entries"]) == ["Geld", "Snel een passende woning"])
    assert anna.emit("delete_entry", {"id": gone["id"]}, callback=True)["ok"]
    colleagues_until(bram, lambda event: texts(event["entries"]) == ["Snel een passende woning"])

    # The facilitator hides a card from the beamer: colleagues no longer get it either.
    assert screen.emit("moderate", {"id": keep["id"], "hidden": True}, callback=True)["ok"]
    colleagues_until(bram, lambda event: event["entries"] == [])
    assert bram.emit("state", {}, callback=True)["colleagues"] == []
    # ...its author still has it, and showing it again brings it back to the colleagues.
    assert texts(anna.emit("state", {}, callback=True)["entries"]) == ["Snel een passende woning"]
    assert screen.emit("moderate", {"id": keep["id"], "hidden": False}, callback=True)["ok"]
    colleagues_until(bram, lambda event: texts(event["entries"]) == ["Snel een passende woning"])


def test_results_hold_the_matrix_per_organisation_with_hidden_cards_flagged(room, sio, client):
    session, screen = room
    phones = {}
    for name, organisation in (("Anna", ROERMOND), ("Bram", "gemeente roermond"), ("Cas", "Woonstichting Noord"),
                               ("Dewi", "GGD Limburg"), ("Eva", "GGD Limburg"), ("Fem", "GGD Limburg")):
        phones[name], _ = join(sio, session["code"], name=name, organisation=organisation)
    assert add_card(phones["Anna"], "belangen", "Minder mensen op de wachtlijst")["ok"]
    hidden = add_card(phones["Bram"], "halen", "Meer geld")["entry"]
    assert add_card(phones["Cas"], "brengen", "Wooncoaches")["ok"]
    for name, value in (("Anna", 4), ("Bram", "2"), ("Cas", 5), ("Dewi", 1), ("Eva", 5), ("Fem", 1)):
        assert answer(phones[name], value)["ok"]
    assert_refused(answer(phones["Anna"], 6), "invalid_value")
    assert screen.emit("moderate", {"id": hidden["id"], "hidden": True}, callback=True)["ok"]

    aggregate = only_aggregate(client, session, "halen_brengen")
    assert aggregate["respondents"] == 6
    rows = {row["name"]: row for row in aggregate["organisations"]}
    assert list(rows) == ["Gemeente Roermond", "GGD Limburg", "Woonstichting Noord"]
    roermond = rows["Gemeente Roermond"]
    assert roermond["respondents"] == 2
    assert [(c["text"], c["hidden"], c["name"]) for c in roermond["cards"]["halen"]] == [("Meer geld", True, "Bram")]
    assert roermond["balans"]["counts"] == [0, 1, 0, 1, 0] and roermond["balans"]["mean"] == 3
    ggd = rows["GGD Limburg"]
    assert ggd["balans"]["n"] == 3 and ggd["balans"]["disagree"] is True
    assert all(ggd["cards"][item] == [] for item in ("belangen", "halen", "brengen"))
    assert rows["Woonstichting Noord"]["balans"]["mean"] == 5

    # The live results reach the facilitator screens with the same matrix, the cards coming as `cards` deltas.
    bare = without_cards(aggregate)["organisations"]
    wait_for(screen, "results", lambda event: event["aggregate"]["organisations"] == bare)


def test_moving_to_another_organisation_updates_both_organisations_and_the_screens(room, sio):
    session, screen = room
    anna, joined = join(sio, session["code"], name="Anna", organisation=ROERMOND)
    bram, _ = join(sio, session["code"], name="Bram", organisation=ROERMOND)
    dirk, _ = join(sio, session["code"], name="Dirk", organisation="Woonstichting Noord")
    assert add_card(anna, "halen", "Snel een woning")["ok"]
    colleagues_until(bram, lambda event: texts(event["entries"]) == ["Snel een woning"])
    dirk.get_received()

    moved = anna.emit("join", {"code": session["code"], "token": joined["token"],
                               "organisation": "woonstichting  noord"}, callback=True)
    assert moved["ok"] and "previous_organisation" not in moved
    colleagues_until(bram, lambda event: event["entries"] == [])  # no longer a colleague's card
    colleagues_until(dirk, lambda event: texts(event["entries"]) == ["Snel een woning"])
    wait_for(screen, "results", lambda event: [row["name"].casefold() for row in
                                                   event["aggregate"]["organisations"]] == ["woonstichting noord"])


# --- reciprocity: a halen card names the organisation it asks from, a brengen card the one it offers to -------


def test_a_card_names_an_organisation_of_the_room_and_the_matrix_pairs_them(room, sio, client):
    session, _ = room
    anna, ack = join(sio, session["code"], name="Anna", organisation=ROERMOND)
    assert ack["partners"] == []  # nobody else in the room yet
    cas, ack = join(sio, session["code"], name="Cas", organisation="Woonstichting Noord")
    assert ack["partners"] == [ROERMOND]  # the own organisation left out
    assert anna.emit("state", {}, callback=True)["partners"] == ["Woonstichting Noord"]

    asked = anna.emit("add_entry", {"activity_id": 1, "item": "halen", "text": "Snel een woning",
                                    "partner": "woonstichting  NOORD"}, callback=True)
    assert asked["ok"] and asked["entry"]["partner"] == "Woonstichting Noord"  # as the results name it
    offered = cas.emit("add_entry", {"activity_id": 1, "item": "brengen", "text": "Twintig woningen per jaar",
                                     "partner": ROERMOND}, callback=True)
    assert offered["ok"]
    lonely = cas.emit("add_entry", {"activity_id": 1, "item": "brengen", "text": "Wooncoaches",
                                    "partner": ROERMOND}, callback=True)["entry"]
    matrix = only_aggregate(client, session, "halen_brengen")["reciprocity"]
    assert matrix["pairs"] == [{"asker": ROERMOND, "giver": "Woonstichting Noord", "asks": [asked["entry"]["id"]],
                                "brings": [offered["entry"]["id"], lonely["id"]], "flag": "matched"}]
    # Editing keeps the partner unless one is sent; "" takes it away.
    assert anna.emit("edit_entry", {"id": asked["entry"]["id"], "text": "Snel een passende woning"},
                     callback=True)["entry"]["partner"] == "Woonstichting Noord"
    cleared = anna.emit("edit_entry", {"id": asked["entry"]["id"], "text": "Snel een passende woning",
                                       "partner": ""}, callback=True)
    assert cleared["ok"] and "partner" not in cleared["entry"]
    matrix = only_aggregate(client, session, "halen_brengen")["reciprocity"]
    assert [p["flag"] for p in matrix["pairs"]] == ["unasked"] and matrix["unnamed"]["halen"] == [asked["entry"]["id"]]
    export = client.get(f"/api/sessions/{session['code']}/export.json",
                        headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()
    assert [e["partner"] for e in export["entries"]] == [None, ROERMOND, ROERMOND]


@pytest.mark.parametrize("payload, reason", [
    ({"item": "halen", "partner": "Provincie Limburg"}, "unknown_partner"),
    ({"item": "halen", "partner": ROERMOND}, "own_organisation"),
    ({"item": "belangen", "partner": "Woonstichting Noord"}, "no_partner"),
    ({"item": "brengen", "partner": "x" * 81}, "too_long"),
    ({"item": "brengen", "partner": {"name": "Woonstichting Noord"}}, "invalid_partner"),
])
def test_a_partner_outside_the_room_is_refused_with_a_clear_message_and_nothing_is_stored(room, sio, client,
                                                                                         payload, reason):
    session, _ = room
    anna, _ = join(sio, session["code"], name="Anna", organisation=ROERMOND)
    join(sio, session["code"], name="Cas", organisation="Woonstichting Noord")
    refused = anna.emit("add_entry", {"activity_id": 1, "text": "Snel een woning", **payload}, callback=True)
    assert_refused(refused, reason)
    assert "organisatie" in refused["error"]
    assert only_aggregate(client, session, "halen_brengen")["organisations"] == []
    kept = add_card(anna, "halen", "Snel een woning")["entry"]
    if reason != "no_partner":  # an edit names a partner of the card's own item: halen here
        assert_refused(anna.emit("edit_entry", {"id": kept["id"], "text": "Ander", "partner": payload["partner"]},
                                 callback=True), reason)
    [row] = only_aggregate(client, session, "halen_brengen")["organisations"]
    assert [(c["text"], c["partner"]) for c in row["cards"]["halen"]] == [("Snel een woning", None)]


def test_an_english_phone_hears_the_refusal_in_english(room, sio):
    session, _ = room
    anna = sio(query_string="lang=en")
    assert anna.emit("join", {"code": session["code"], "organisation": ROERMOND}, callback=True)["ok"]
    refused = anna.emit("add_entry", {"activity_id": 1, "item": "halen", "text": "Snel", "partner": "Nergens"},
                        callback=True)
    assert refused == {"ok": False, "reason": "unknown_partner",
                       "error": "That organisation is not taking part in this session. Choose one from the list."}


def test_an_old_client_that_sends_no_partner_keeps_working(room, sio, client):
    session, _ = room
    anna, _ = join(sio, session["code"], name="Anna", organisation=ROERMOND)
    added = add_card(anna, "halen", "Snel een woning")
    assert added["ok"] and added["entry"] == {"id": added["entry"]["id"], "item": "halen", "text": "Snel een woning"}
    assert anna.emit("edit_entry", {"id": added["entry"]["id"], "text": "Woning"}, callback=True)["ok"]
    matrix = only_aggregate(client, session, "halen_brengen")["reciprocity"]
    assert matrix["pairs"] == [] and matrix["unnamed"]["halen"] == [added["entry"]["id"]]


def test_the_report_and_the_exports_carry_who_asks_what_of_whom(room, sio, client):
    session, _ = room
    auth = {"Authorization": f"Bearer {session['facilitator_key']}"}
    anna, _ = join(sio, session["code"], name="Anna", organisation=ROERMOND)
    cas, _ = join(sio, session["code"], name="Cas", organisation="Woonstichting Noord")
    for phone, item, text, partner in ((anna, "halen", "Snel een <b>woning</b>", "Woonstichting Noord"),
                                       (cas, "brengen", "Twintig woningen per jaar", ROERMOND),
                                       (cas, "halen", "Zorg na de verhuizing", ROERMOND),
                                       (anna, "brengen", "Regie", None)):
        ack = phone.emit("add_entry", {"activity_id": 1, "item": item, "text": text,
                                       **({"partner": partner} if partner else {})}, callback=True)
        assert ack["ok"], ack
    page = client.get(f"/api/sessions/{session['code']}/report.html", headers=auth).get_data(as_text=True)
    matrix = page[page.index('<section class="reciprocity">'):]
    matrix = matrix[:matrix.index("</section>")]
    assert "Wederkerigheid: wie vraagt wat van wie" in matrix
    assert "gevraagd en aangeboden: 1" in matrix and "gevraagd, niemand biedt het aan: 1" in matrix
    assert matrix.count('class="recip-matched"') == 1 and matrix.count('class="recip-unmet"') == 1
    assert "Snel een &lt;b&gt;woning&lt;/b&gt;" in matrix and "Woonstichting Noord biedt aan" in matrix
    assert "Zonder organisatie genoemd: 0 bij halen, 1 bij brengen." in matrix
    assert page.count('<section class="reciprocity">') == 1  # not in the organisations' own sections

    book = load_workbook(io.BytesIO(client.get(f"/api/sessions/{session['code']}/export.xlsx",
                                               headers=auth).get_data()))
    rows = [list(row) for sheet in book for row in sheet.iter_rows(values_only=True)]
    assert [ROERMOND, "Woonstichting Noord", "• Snel een <b>woning</b>", "• Twintig woningen per jaar",
            "gevraagd en aangeboden"] in [row[:5] for row in rows]
    assert ["Woonstichting Noord", ROERMOND, "• Zorg na de verhuizing", None, "gevraagd, niemand biedt het aan"] \
        in [row[:5] for row in rows]
    reader = csv.DictReader(io.StringIO(client.get(f"/api/sessions/{session['code']}/export.csv", headers=auth)
                                        .get_data().decode("utf-8-sig")), delimiter=";")
    assert {row["antwoord"]: row["partner"] for row in reader} == {
        "Snel een <b>woning</b>": "Woonstichting Noord", "Twintig woningen per jaar": ROERMOND,
        "Zorg na de verhuizing": ROERMOND, "Regie": ""}
