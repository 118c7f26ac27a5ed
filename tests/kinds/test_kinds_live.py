"""An own activity with one item of every kind, answered by phones over Socket.IO (the real events): the live
results, the refusals that keep what was saved, and the exports (csv rows, the xlsx sheet)."""

import csv
import io

import openpyxl
from helpers import answer, assert_refused, control, facilitate, join, only_aggregate, wait_for

EVERY_KIND = {"title": "Alles", "items": [
    {"id": "draagvlak", "label": "Draagvlak?", "kind": "stoplicht"},
    {"id": "thema", "label": "Thema's", "kind": "choice", "multiple": True, "options": ["Wonen", "Zorg", "Werk"]},
    {"id": "cijfer", "label": "Cijfer", "kind": "scale", "low": 0, "high": 10, "low_label": "niet", "high_label": "wel"},
    {"id": "idee", "label": "Idee", "kind": "text"},
    {"id": "geld", "label": "Geld", "kind": "points", "points": 10, "options": ["Wonen", "Zorg", "Werk"]}]}


def played(client, sio):
    session = client.post("/api/sessions", json={"title": "Kinds", "activities": [EVERY_KIND]}).get_json()
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    anna, _ = join(sio, session["code"], name="Anna", organisation="Gemeente Venlo")
    bert, _ = join(sio, session["code"], name="Bert", organisation="Zorggroep")
    for phone, answers in ((anna, {"draagvlak": "groen", "thema": ["werk", "wonen"], "cijfer": 8,
                                   "geld": {"wonen": 7, "zorg": 3}}),
                           (bert, {"draagvlak": "rood", "thema": [], "cijfer": "3", "geld": {"werk": 10}})):
        for item, value in answers.items():
            assert answer(phone, item, value)["ok"], (item, value)
    assert anna.emit("add_entry", {"activity_id": 1, "item": "idee", "text": "Samen beginnen"}, callback=True)["ok"]
    return session, screen, anna, bert


def test_every_kind_is_stored_as_documented_and_summarised(client, sio):
    session, screen, anna, bert = played(client, sio)
    ack = answer(anna, "geld", {"wonen": 5, "werk": 5})
    assert ack == {"ok": True, "activity_id": 1, "item": "geld", "value": "wonen:5,werk:5"}
    assert answer(anna, "thema", ["zorg", "wonen"])["value"] == "wonen,zorg"
    results = wait_for(screen, "results", lambda r: r["aggregate"]["items"]["geld"]["totals"]["werk"] == 15)
    items = results[-1]["aggregate"]["items"]
    assert items["geld"]["ranking"] == ["werk", "wonen", "zorg"]
    assert [(o["name"], o["ranking"][0]) for o in items["geld"]["organisations"]] == [
        ("Gemeente Venlo", "wonen"), ("Zorggroep", "werk")]
    assert items["thema"]["counts"] == {"wonen": 1, "zorg": 1, "werk": 0} and items["thema"]["total"] == 2
    assert [o["name"] for o in items["thema"]["organisations"]] == ["Gemeente Venlo", "Zorggroep"]
    assert items["cijfer"]["mean"] == 5.5 and items["idee"]["cards"] == []  # the cards come as `cards` deltas
    [card] = only_aggregate(client, session, "eigen")["items"]["idee"]["cards"]
    assert card["organisation"] == "Gemeente Venlo"
    state = anna.emit("state", {}, callback=True)
    assert state["answers"] == {"draagvlak": "groen", "thema": "wonen,zorg", "cijfer": "8", "geld": "wonen:5,werk:5"}


def test_refused_answers_keep_what_was_saved(client, sio):
    session, screen, anna, bert = played(client, sio)
    assert_refused(answer(anna, "geld", {"wonen": 11}), "invalid_value")
    assert_refused(answer(anna, "geld", {"wonen": 6, "zorg": 6}), "invalid_points")
    assert_refused(answer(anna, "geld", {}), "invalid_points")
    assert_refused(answer(anna, "geld", {"wonen": True}), "invalid_value")
    assert_refused(answer(anna, "thema", "wonen"), "invalid_value")
    assert_refused(answer(anna, "thema", ["wonen", "elders"]), "invalid_value")
    assert_refused(answer(anna, "draagvlak", ["groen"]), "invalid_value")
    assert_refused(answer(anna, "idee", "tekst"), "wrong_kind")
    state = anna.emit("state", {}, callback=True)
    assert state["answers"]["geld"] == "wonen:7,zorg:3" and state["answers"]["thema"] == "wonen,werk"


def test_the_exports_hold_every_kind_with_its_labels(client, sio):
    session, *_ = played(client, sio)
    auth = {"Authorization": f"Bearer {session['facilitator_key']}"}
    text = client.get(f"/api/sessions/{session['code']}/export.csv", headers=auth).get_data().decode("utf-8-sig")
    rows = {(row["vraag"], row["naam"]): row for row in csv.DictReader(io.StringIO(text), delimiter=";")}
    assert [rows["thema", "Anna"][c] for c in ("soort", "antwoord", "antwoord (label)")] == [
        "keuze", "wonen,werk", "Wonen; Werk"]
    assert [rows["thema", "Bert"][c] for c in ("antwoord", "antwoord (label)")] == ["", ""]
    assert [rows["geld", "Anna"][c] for c in ("soort", "antwoord", "antwoord (label)")] == [
        "punten", "wonen:7,zorg:3", "Wonen: 7; Zorg: 3"]
    assert rows["draagvlak", "Bert"]["antwoord (label)"] == "Nee"
    assert rows["cijfer", "Anna"]["antwoord"] == "8" and rows["idee", "Anna"]["soort"] == "kaart"

    book = openpyxl.load_workbook(io.BytesIO(
        client.get(f"/api/sessions/{session['code']}/export.xlsx", headers=auth).get_data()))
    sheet = [[cell for cell in row if cell is not None] for row in book["1 Alles"].iter_rows(values_only=True)]
    assert ["Draagvlak?", "1 / 0 / 0", "0 / 0 / 1"] in sheet  # the heat map per organisation
    assert ["Thema's", 1, 0, 1, 2] in sheet
    assert ["rang", "optie", "punten", "gemiddeld per persoon"] in sheet
    assert [1, "Werk", 10, 5] in sheet and [2, "Wonen", 7, 3.5] in sheet
    assert ["optie", "Gemeente Venlo", "Zorggroep"] in sheet and ["Wonen", 7, 0] in sheet
    assert ["Idee", "Samen beginnen", "Gemeente Venlo", "Anna"] in [row[:4] for row in sheet]


def test_an_own_stoplicht_activity_exports_the_stoplicht_tables(client, sio):
    four = {"title": "Vier", "items": [{"id": f"r{n}", "label": f"R{n}", "kind": "stoplicht"} for n in range(4)]}
    session = client.post("/api/sessions", json={"title": "S", "activities": [four]}).get_json()
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, session["code"], name="Anna", organisation="Venlo")
    assert answer(phone, "r2", "rood")["ok"]
    auth = {"Authorization": f"Bearer {session['facilitator_key']}"}
    book = openpyxl.load_workbook(io.BytesIO(
        client.get(f"/api/sessions/{session['code']}/export.xlsx", headers=auth).get_data()))
    sheet = [[cell for cell in row if cell is not None] for row in book["1 Vier"].iter_rows(values_only=True)]
    assert [1, "R2", 0, 0, 1, 1] in sheet  # the most rood first
    assert ["R2", "0 / 0 / 1"] in sheet
