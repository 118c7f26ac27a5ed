"""The exports, parsed back: a session with all five activity types played through Socket.IO, then export.csv
(csv module), export.xlsx (openpyxl) and export.json (json module) compared with the answers and cards given."""

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from helpers import add_card, facilitate, join

from workshop.exports import xlsx_bytes

TYPES = ["succesfactoren", "quickscan", "motieven", "halen_brengen", "netwerkleiderschap"]
SF, QS, MO, HB, NL = range(1, 6)  # activity ids, in the session's order
FORMULA = '=HYPERLINK("http://x")'
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The columns of the csv and the raw sheet of a Dutch session, as they have always been; since issue 14 a card's
# theme and the card it was merged into at the end.
COLUMNS = ("activiteit", "activiteit (titel)", "vraag", "vraag (label)", "soort", "antwoord", "antwoord (label)",
           "deelnemer", "naam", "organisatie", "tijd", "gewijzigd", "verborgen", "uitgelicht", "thema",
           "samengevoegd met", "partner")
CHOICE_LABELS = {"groen": "Ja", "oranje": "Twijfelachtig", "rood": "Nee", "ja": "Ja", "deels": "Deels", "nee": "Nee"}


class Played:
    """A session played through: what every phone answered and wrote, as the exports should hold it."""

    def __init__(self, client, sio, activities=TYPES, language="nl"):
        reply = client.post("/api/sessions", json={"title": "Werkatelier Súdwest-Fryslân", "activities": activities,
                                                   "language": language})
        assert reply.status_code == 201
        self.session = reply.get_json()
        self.code = self.session["code"]
        self.auth = {"Authorization": f"Bearer {self.session['facilitator_key']}"}
        self.screen, _ = facilitate(sio, self.session)
        self.people = {}  # participant id -> (name, organisation)
        self.answers = {}  # (activity, item, participant) -> value as stored
        self.cards = {}  # card id -> {activity, item, participant, text, hidden, highlighted, edited}
        self.sio = sio

    def phone(self, name="", organisation=""):
        phone, ack = join(self.sio, self.code, name=name, organisation=organisation)
        self.people[ack["participant_id"]] = (name, organisation)
        return phone, ack["participant_id"]

    def open(self, activity):
        assert self.screen.emit("control", {"action": "open", "activity_id": activity}, callback=True)["ok"]

    def answer(self, person, activity, item, value):
        phone, pid = person
        ack = phone.emit("answer", {"activity_id": activity, "item": item, "value": value}, callback=True)
        assert ack["ok"] is True, ack
        self.answers[activity, item, pid] = str(value)

    def card(self, person, activity, item, text):
        phone, pid = person
        ack = add_card(phone, item, text, activity_id=activity)
        assert ack["ok"] is True, ack
        self.cards[ack["entry"]["id"]] = {"activity": activity, "item": item, "participant": pid, "text": text,
                                          "hidden": False, "highlighted": False, "edited": False}
        return ack["entry"]["id"]

    def moderate(self, card_id, **flags):
        assert self.screen.emit("moderate", {"id": card_id, **flags}, callback=True)["ok"]
        self.cards[card_id].update(flags)

    def edit(self, person, card_id, text):
        assert person[0].emit("edit_entry", {"id": card_id, "text": text}, callback=True)["ok"]
        self.cards[card_id].update(text=text, edited=True)

    def get(self, client, fmt, **query):
        return client.get(f"/api/sessions/{self.code}/export.{fmt}", headers=self.auth, query_string=query)


@pytest.fixture
def played(client, sio):
    room = Played(client, sio)
    zoe = room.phone("Zoë 👩‍⚕️", "Gemeente Súdwest-Fryslân")
    anne = room.phone("Anne de Vries", "GGD Fryslân")
    bram = room.phone("Bram")  # no organisation: the per-organisation activities refuse him
    henk = room.phone("@Henk", "Woonstichting ‘Thús’")

    room.open(SF)
    room.answer(zoe, SF, "visie", "groen")
    room.answer(zoe, SF, "visie", "rood")  # a changed answer replaces the first
    room.answer(anne, SF, "visie", "oranje")
    for person in (zoe, anne, bram):
        room.answer(person, SF, "vertrouwen", "rood")
    room.answer(henk, SF, "vertrouwen", "groen")
    room.answer(bram, SF, "klimaat", "groen")

    room.open(QS)
    for person, grade in ((zoe, 3), (anne, 9), (bram, 5)):
        room.answer(person, QS, "ambitie", grade)
    room.answer(zoe, QS, "belangen", 7)
    room.answer(henk, QS, "belangen", "8")

    room.open(MO)
    room.highlighted = room.card(zoe, MO, "instrumenteel", "Minder wachtlijsten 👍")
    room.formula = room.card(anne, MO, "affectief", FORMULA)
    room.hidden = room.card(henk, MO, "moreel", "Iedereen verdient een thuis; ook wie ‘lastig’ is")
    room.answer(zoe, MO, "bekend", 4)
    room.answer(anne, MO, "vertalen", 2)
    room.moderate(room.hidden, hidden=True)
    room.moderate(room.highlighted, highlighted=True)

    room.open(HB)
    room.card(zoe, HB, "belangen", "Minder mensen op de wachtlijst")
    room.edited = room.card(zoe, HB, "brengen", "Begeleding")
    room.edit(zoe, room.edited, "Begeleiding na de verhuizing")
    room.card(anne, HB, "halen", "-Snel een woning voor cliënten")
    room.answer(zoe, HB, "balans", 4)
    room.answer(anne, HB, "balans", 2)

    room.open(NL)
    room.answer(zoe, NL, "strateeg-belegd", "ja")
    room.answer(bram, NL, "strateeg-belegd", "deels")
    room.answer(anne, NL, "verkenner-belegd", "nee")
    room.answer(zoe, NL, "balans", "deels")
    room.card(zoe, NL, "strateeg-namen", "Gemeente Venlo, GGD")
    room.card(bram, NL, "strateeg-namen", "gemeente venlo")
    room.card(anne, NL, "procesmanager-bijdrage", "Ik zit de overleggen voor")
    room.people_by_name = {name: pid for pid, (name, _) in room.people.items()}
    return room


def unformula(text):
    """A csv cell as typed: without the ' the export puts before a text that starts like a formula."""
    return text[1:] if re.match(r"'[=+\-@]", text) else text


def check_rows(room, rows):
    """Rows of the csv or the raw sheet (as dicts of COLUMNS, texts) hold every answer and card exactly once."""
    answers = [r for r in rows if r["soort"] in ("keuze", "schaal")]
    cards = [r for r in rows if r["soort"] == "kaart"]
    assert len(rows) == len(answers) + len(cards)
    assert {(int(r["activiteit"]), r["vraag"], int(r["deelnemer"])): r["antwoord"] for r in answers} == room.answers
    assert len(answers) == len(room.answers)  # each exactly once
    expected_cards = sorted((c["activity"], c["item"], c["participant"], c["text"], c["hidden"], c["highlighted"],
                             c["edited"]) for c in room.cards.values())
    exported_cards = sorted((int(r["activiteit"]), r["vraag"], int(r["deelnemer"]), unformula(r["antwoord"]),
                             r["verborgen"] == "ja", r["uitgelicht"] == "ja", bool(r["gewijzigd"])) for r in cards)
    assert exported_cards == expected_cards
    for row in rows:
        name, organisation = room.people[int(row["deelnemer"])]
        assert (unformula(row["naam"]), row["organisatie"]) == (name, organisation)
        # the time as the clock in the room showed it (Dutch time), not UTC
        moment = datetime.strptime(row["tijd"], "%d-%m-%Y %H:%M:%S").replace(tzinfo=ZoneInfo("Europe/Amsterdam"))
        assert abs(moment - datetime.now(UTC)) < timedelta(minutes=10)
        assert row["activiteit (titel)"] and row["vraag (label)"]
        if row["soort"] == "keuze":
            assert row["antwoord (label)"] == CHOICE_LABELS[row["antwoord"]]
        if row["soort"] != "kaart":
            assert (row["verborgen"], row["uitgelicht"], row["gewijzigd"]) == ("nee", "nee", "")
    return answers, cards


# --- csv --------------------------------------------------------------------------------------------------------


def test_the_csv_holds_every_answer_and_card_once_with_names_and_organisations(played, client):
    reply = played.get(client, "csv")
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert reply.headers["Content-Disposition"] == f'attachment; filename="werkatelier-{played.code}.csv"'
    data = reply.get_data()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads it as UTF-8
    [header, *lines] = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(header) == COLUMNS
    rows = [dict(zip(header, line, strict=True)) for line in lines]
    answers, cards = check_rows(played, rows)
    assert len(rows) == len(played.answers) + len(played.cards) == 29
    # what people typed never becomes a formula: a leading ' for = + - @
    [formula] = [r for r in cards if FORMULA in r["antwoord"]]
    assert formula["antwoord"] == "'" + FORMULA
    assert {r["naam"] for r in rows if "Henk" in r["naam"]} == {"'@Henk"}
    assert "'-Snel een woning voor cliënten" in {r["antwoord"] for r in cards}
    assert not [cell for row in lines for cell in row if cell and cell[0] in "=+-@"]
    # hidden cards stay in, marked; choices carry their label; the rows follow the activities' order
    [hidden] = [r for r in cards if r["verborgen"] == "ja"]
    assert hidden["antwoord"] == played.cards[played.hidden]["text"] and hidden["vraag"] == "moreel"
    visie = {r["deelnemer"]: (r["antwoord"], r["antwoord (label)"]) for r in answers if r["vraag"] == "visie"}
    assert visie == {str(played.people_by_name["Zoë 👩‍⚕️"]): ("rood", "Nee"),
                     str(played.people_by_name["Anne de Vries"]): ("oranje", "Twijfelachtig")}
    assert [int(r["activiteit"]) for r in rows] == sorted(int(r["activiteit"]) for r in rows)
    assert {r["organisatie"] for r in rows if r["deelnemer"] == str(played.people_by_name["Bram"])} == {""}


# --- xlsx -------------------------------------------------------------------------------------------------------


def workbook(room, client):
    reply = room.get(client, "xlsx")
    assert reply.status_code == 200
    assert reply.mimetype == XLSX
    assert reply.headers["Content-Disposition"] == f'attachment; filename="werkatelier-{room.code}.xlsx"'
    return openpyxl.load_workbook(io.BytesIO(reply.get_data()))


def sheet_rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def table_after(sheet, first_header):
    """The rows of the table whose header row starts with `first_header`, as dicts, up to the blank row."""
    rows = sheet_rows(sheet)
    start = next(n for n, row in enumerate(rows) if row[0] == first_header)
    header = [cell for cell in rows[start] if cell is not None]
    table = []
    for row in rows[start + 1:]:
        if all(cell is None for cell in row):
            break
        table.append(dict(zip(header, row, strict=False)))
    return table


def test_the_workbook_has_the_session_a_sheet_per_activity_and_every_answer(played, client):
    book = workbook(played, client)
    assert book.sheetnames[0] == "Sessie" and book.sheetnames[-1] == "Alle antwoorden"
    activity_sheets = book.sheetnames[1:-1]
    assert activity_sheets == ["1 Kritische succesfactoren", "2 Quick scan samenwerking",
                               "3 Motieven van samenwerkingspa…", "4 Halen en brengen", "5 Netwerkleiderschap"]
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in book.sheetnames)

    session = sheet_rows(book["Sessie"])
    assert session[0][0] == "Werkatelier Súdwest-Fryslân"
    facts = {row[0]: row[1] for row in session[1:5]}
    assert facts["Code"] == played.code and facts["Deelnemers"] == 4 and facts["Activiteiten"] == 5
    assert re.fullmatch(r"\d\d-\d\d-\d{4}", facts["Datum"])
    assert [row["werkblad"] for row in table_after(book["Sessie"], "nr")] == activity_sheets

    raw = book["Alle antwoorden"]
    assert raw.freeze_panes == "A2" and all(cell.font.bold for cell in raw[1])
    [header, *lines] = sheet_rows(raw)
    assert tuple(header) == COLUMNS
    rows = [{k: "" if v is None else str(v) for k, v in zip(header, line, strict=True)} for line in lines]
    check_rows(played, rows)
    assert len(rows) == 29
    # scale answers are numbers, texts are stored as they were typed, never as formulas
    assert {type(line[5]) for line in lines if line[4] == "schaal"} == {int}
    [formula] = [cell for row in raw.iter_rows(min_row=2) for cell in row if cell.value == FORMULA]
    assert formula.data_type == "s" and formula.quotePrefix
    assert not [cell.coordinate for sheet in book for row in sheet.iter_rows() for cell in row
                if cell.data_type == "f"]


def test_the_succesfactoren_sheet_lists_the_most_red_factor_first_and_the_heat_map(played, client):
    sheet = workbook(played, client)["1 Kritische succesfactoren"]
    assert sheet["A1"].value == "Kritische succesfactoren" and sheet.freeze_panes == "A2"
    priority = table_after(sheet, "prioriteit")
    assert len(priority) == 12
    assert [(row["factor"], row["rood (nee)"], row["oranje (twijfelachtig)"], row["groen (ja)"])
            for row in priority[:2]] == [("Vertrouwen", 3, 0, 1), ("(Overeenstemming over) visie en doelen", 1, 1, 0)]
    assert [row["prioriteit"] for row in priority] == list(range(1, 13))
    heat = table_after(sheet, "factor")
    assert list(heat[0]) == ["factor", "Gemeente Súdwest-Fryslân", "GGD Fryslân", "Woonstichting ‘Thús’",
                             "Zonder organisatie"]
    assert heat[0]["factor"] == "aantal personen"
    vertrouwen = next(row for row in heat if row["factor"] == "Vertrouwen")
    assert vertrouwen == {"factor": "Vertrouwen", "GGD Fryslân": "0 / 0 / 1", "Gemeente Súdwest-Fryslân": "0 / 0 / 1",
                          "Woonstichting ‘Thús’": "1 / 0 / 0", "Zonder organisatie": "0 / 0 / 1"}


def test_the_activity_sheets_show_what_the_beamer_showed(played, client):
    book = workbook(played, client)
    grades = table_after(book["2 Quick scan samenwerking"], "vraag")
    ambitie = grades[0]
    assert (ambitie["vraag"], ambitie["aantal"], ambitie["gemiddelde"], ambitie["mediaan"]) == ("Ambitie", 3, 5.67, 5)
    assert ambitie["verschil van inzicht"] == "ja" and grades[1]["verschil van inzicht"] == "nee"
    assert [ambitie[str(grade)] for grade in (3, 5, 9)] == [1, 1, 1]

    motives = table_after(book["3 Motieven van samenwerkingspa…"], "vraag")
    hidden = next(row for row in motives if row["tekst"] == played.cards[played.hidden]["text"])
    assert (hidden["verborgen"], hidden["organisatie"], hidden["naam"]) == ("ja", "Woonstichting ‘Thús’", "@Henk")
    assert {row["tekst"]: row["uitgelicht"] for row in motives}["Minder wachtlijsten 👍"] == "ja"
    per_org = table_after(book["3 Motieven van samenwerkingspa…"], "organisatie")
    assert {row["organisatie"]: row["Morele motieven"] for row in per_org}["Woonstichting ‘Thús’"] == 0  # hidden

    matrix = table_after(book["4 Halen en brengen"], "organisatie")
    zoe = next(row for row in matrix if row["organisatie"] == "Gemeente Súdwest-Fryslân")
    assert zoe["Brengen"] == "• Begeleiding na de verhuizing" and zoe["balans"] == 4

    sheet = book["5 Netwerkleiderschap"]
    roles = table_after(sheet, "rol")
    assert [(r["rol"], r["kwadrant"], r["Ja"], r["Deels"], r["Nee"]) for r in roles[:2]] == [
        ("Strateeg", "Richten × Verduurzamen", 1, 1, 0), ("Verkenner", "Richten × Vernieuwen", 0, 0, 1)]
    names = [row for row in sheet_rows(sheet) if row[0] == "Strateeg" and row[2] in (1, 2)]
    assert [row[1:3] for row in names] == [["Gemeente Venlo", 2], ["GGD", 1]]


def test_an_english_session_exports_in_english_with_its_no_organisation_last(client, sio):
    room = Played(client, sio, activities=["succesfactoren", "quickscan"], language="en")
    zoe = room.phone("Zoë", "Gemeente Venlo")
    bram = room.phone("Bram")  # no organisation
    room.open(SF)
    room.answer(zoe, SF, "visie", "rood")
    room.answer(bram, SF, "visie", "groen")
    room.open(QS)
    room.answer(zoe, QS, "ambitie", 7)
    room.answer(bram, QS, "ambitie", 4)

    book = workbook(room, client)
    assert book.sheetnames[0] == "Session" and book.sheetnames[-1] == "All answers"
    session = sheet_rows(book["Session"])
    assert [row[0] for row in session[1:5]] == ["Date", "Code", "Participants", "Activities"]
    assert list(table_after(book["Session"], "no.")[0]) == ["no.", "activity", "type", "people", "worksheet", "hidden"]
    [header, *lines] = sheet_rows(book["All answers"])
    assert header == ["activity", "activity (title)", "question", "question (label)", "type", "answer",
                      "answer (label)", "participant", "name", "organisation", "time", "edited", "hidden",
                      "highlighted", "theme", "merged into", "partner"]
    assert {line[4] for line in lines} == {"choice", "scale"} and {line[12] for line in lines} == {"no"}
    assert {line[6] for line in lines if line[4] == "choice"} == {"Yes", "No"}

    lights = book[book.sheetnames[1]]
    priority = table_after(lights, "priority")
    assert list(priority[0]) == ["priority", "factor", "groen (yes)", "oranje (doubtful)", "rood (no)", "total"]
    heat = table_after(lights, "factor")
    assert list(heat[0]) == ["factor", "Gemeente Venlo", "No organisation"]  # the group without one last
    assert heat[0]["factor"] == "number of people"
    grades = book[book.sheetnames[2]]
    means = table_after(grades, "question")
    assert means[0]["mean"] == 5.5 and means[0]["disagreement"] == "no"  # two answers: too few to disagree
    per_org = next(row for row in sheet_rows(grades) if row[:2] == ["question", "everyone"])
    assert per_org[2:4] == ["Gemeente Venlo", "No organisation"]

    reply = room.get(client, "csv")
    header, *rows = list(csv.reader(io.StringIO(reply.get_data().decode("utf-8-sig")), delimiter=";"))
    assert header[:5] == ["activity", "activity (title)", "question", "question (label)", "type"]
    assert {row[4] for row in rows} == {"choice", "scale"}


# --- json -------------------------------------------------------------------------------------------------------


def test_the_json_export_holds_the_same_answers_and_cards(played, client):
    reply = played.get(client, "json")
    assert reply.status_code == 200
    export = json.loads(reply.get_data(as_text=True))
    assert {(a["activity_id"], a["item"], a["participant_id"]): a["value"] for a in export["answers"]} \
        == played.answers
    assert len(export["answers"]) == len(played.answers)
    assert {e["id"]: {"activity": e["activity_id"], "item": e["item"], "participant": e["participant_id"],
                      "text": e["text"], "hidden": e["hidden"], "highlighted": e["highlighted"],
                      "edited": e["edited_at"] is not None} for e in export["entries"]} == played.cards
    assert {p["id"]: (p["name"], p["organisation"]) for p in export["participants"]} == played.people


# --- who may download -------------------------------------------------------------------------------------------


@pytest.fixture
def small(client):
    reply = client.post("/api/sessions", json={"title": "Klein", "activities": ["quickscan"]})
    return reply.get_json()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_need_the_facilitator_key(small, client, fmt):
    url = f"/api/sessions/{small['code']}/export.{fmt}"
    refused = client.get(url)
    assert refused.status_code == 401 and refused.get_json()["reason"] == "unauthorised"
    refused = client.get(url, headers={"Authorization": "Bearer fout"})
    assert refused.status_code == 403 and refused.get_json()["reason"] == "forbidden"
    unknown = "".join("A" if ch != "A" else "B" for ch in small["code"])
    assert client.get(f"/api/sessions/{unknown}/export.{fmt}",
                      headers={"Authorization": f"Bearer {small['facilitator_key']}"}).status_code == 404
    assert client.get(url, headers={"Authorization": f"Bearer {small['facilitator_key']}"}).status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_a_download_token_opens_the_export_and_a_wrong_one_is_refused_in_dutch(small, client, fmt):
    code = small["code"]
    token = client.post(f"/api/sessions/{code}/download-token",
                        headers={"Authorization": f"Bearer {small['facilitator_key']}"}).get_json()["token"]
    reply = client.get(f"/api/sessions/{code}/export.{fmt}", query_string={"t": token})
    assert reply.status_code == 200
    assert reply.headers["Content-Disposition"] == f'attachment; filename="werkatelier-{code}.{fmt}"'
    refused = client.get(f"/api/sessions/{code}/export.{fmt}", query_string={"t": token[:-2] + "xx"})
    assert refused.status_code == 403
    body = refused.get_json()
    assert body["reason"] == "forbidden"
    assert "downloadlink" in body["error"] and " is verlopen of ongeldig" in body["error"]


def test_an_empty_session_exports_headers_only(small, client):
    auth = {"Authorization": f"Bearer {small['facilitator_key']}"}
    data = client.get(f"/api/sessions/{small['code']}/export.csv", headers=auth).get_data()
    assert data.decode("utf-8-sig").splitlines() == [";".join(COLUMNS)]
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/api/sessions/{small['code']}/export.xlsx",
                                                        headers=auth).get_data()))
    assert book.sheetnames == ["Sessie", "1 Quick scan samenwerking", "Alle antwoorden"]
    assert sheet_rows(book["Alle antwoorden"]) == [list(COLUMNS)]


def test_an_own_activity_gets_a_sheet_of_its_per_item_summaries(app, client, sio):
    """Built in this process, as export.xlsx builds it."""
    proef = {"title": "Proef: nieuw / anders?", "items": [
        {"id": "eens", "label": "Eens?", "kind": "choice", "options": ["Ja", "Nee"]},
        {"id": "cijfer", "label": "Cijfer", "kind": "scale", "low": 1, "high": 5},
        {"id": "idee", "label": "Idee", "kind": "text"}]}
    room = Played(client, sio, [proef])
    person = room.phone("Anna", "Gemeente Venlo")
    room.open(1)
    room.answer(person, 1, "eens", "nee")
    room.answer(person, 1, "cijfer", 4)
    room.card(person, 1, "idee", "+ meer koffie")
    workshops = app.extensions["werkatelier"].workshops
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(workshops.export(room.code), workshops.results(room.code))))
    assert book.sheetnames == ["Sessie", "1 Proef nieuw anders", "Alle antwoorden"]  # no : / ? in a sheet name
    sheet = book.worksheets[1]
    assert table_after(sheet, "vraag")[0] == {"vraag": "Eens?", "Ja": 0, "Nee": 1, "totaal": 1}
    rows = sheet_rows(sheet)
    assert ["Cijfer", 1, 0, 0, 0, 1, 0, 4, 4, 0, 4, 4, "nee"] in [row[:13] for row in rows]
    assert ["Idee", "+ meer koffie", "Gemeente Venlo", "Anna"] in [row[:4] for row in rows]
