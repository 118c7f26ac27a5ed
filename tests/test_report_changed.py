"""The report's chapter "Wat is er veranderd", each organisation's own changes and the xlsx sheet of the same name,
for a session with two rounds of the quick scan and the succesfactoren answered on phones (Socket.IO test clients),
over HTTP; without rounds there is no such chapter or sheet."""

import io
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from helpers import answer, control, facilitate, join
from test_report import organisation_sections, section, text_of

from workshop import create_app, socketio
from workshop.report import report_date

OUTPUT = Path(__file__).resolve().parent.parent / "test-output" / "issue15"
CONDITIONS = ["ambitie", "belangen", "relatie", "organisatie", "proces"]
FACTORS = ["visie", "durf", "interdependentie", "domeinconsensus", "elkaar-kennen", "onderhandelingsvermogen",
           "middelen", "structuur", "methodisch", "vertrouwen", "klimaat", "evalueren"]
COLOURS = {"g": "groen", "o": "oranje", "r": "rood"}
VENLO, GGD, ZORG = "Gemeente Venlo", "GGD Limburg-Noord", "Zorggroep Noord"
PEOPLE = [("An", VENLO), ("Bo", "gemeente  venlo"), ("Cas", GGD), ("Dien", ZORG), ("Eef", "")]
# the grades per condition of round 1 and round 2: belangen rises most (5 -> 6.8), relatie falls most (7.4 -> 6.4)
ROUND_1 = [(6, 5, 7, 6, 7), (7, 5, 8, 6, 6), (5, 4, 7, 7, 7), (6, 6, 8, 5, 6), (7, 5, 7, 6, 7)]
ROUND_2 = [(7, 7, 6, 6, 7), (8, 6, 7, 6, 6), (6, 6, 7, 7, 5), (6, 8, 6, 6, 6), (7, 7, 6, 6, 7)]
# per factor g / o / r; structuur goes from 20 % ja to 80 %, klimaat from 80 % to 40 %
STOPLICHT_1 = ["rgoggggrgggo", "ggoggogrgggg", "oggogggrgrgo", "gogggorogggo", "rrrrrrrrrrrr"]
STOPLICHT_2 = ["ggggggggggoo", "ggggogggrggg", "gggoggrggrgo", "ggggggooggrr", "oooooooooooo"]


def bearer(session):
    return {"Authorization": f"Bearer {session['facilitator_key']}"}


def ok(ack):
    assert ack["ok"] is True, ack
    return ack


def sessions_app(tmp_path_factory):
    return create_app({"TESTING": True, "ASYNC_MODE": "threading", "RESULTS_INTERVAL": 0.02,
                       "DATA_DIR": str(tmp_path_factory.mktemp("sessions"))})


def run_rounds(app, client, language="nl"):
    """A session of the quick scan (1) and the succesfactoren (2), each with a round 2 (3 and 4), answered by five
    people of three organisations and one without: the 201 reply."""
    session = client.post("/api/sessions", json={"title": "Quick scan Noord", "language": language,
                                                 "activities": ["quickscan", "succesfactoren"]}).get_json()
    for first in (1, 2):
        reply = client.post(f"/api/sessions/{session['code']}/activities", json={"round_of": first},
                            headers=bearer(session))
        assert reply.status_code == 201 and reply.get_json()["round"] == 2
    clients = []

    def sio():
        clients.append(socketio.test_client(app))
        return clients[-1]

    screen, _ = facilitate(sio, session)
    phones = [join(sio, session["code"], name=name, organisation=org)[0] for name, org in PEOPLE]
    for activity, grades, colours in ((1, ROUND_1, None), (2, None, STOPLICHT_1), (3, ROUND_2, None),
                                      (4, None, STOPLICHT_2)):
        control(screen, "open", activity_id=activity)
        for n, phone in enumerate(phones):
            for item, value in (zip(CONDITIONS, grades[n], strict=True) if grades else
                                ((factor, COLOURS[c]) for factor, c in zip(FACTORS, colours[n], strict=True))):
                ok(answer(phone, item, value, activity_id=activity))
        control(screen, "close", activity_id=activity)
    for test_client in clients:
        test_client.disconnect()
    return session


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    app = sessions_app(tmp_path_factory)
    client = app.test_client()
    yield app, client, run_rounds(app, client)
    app.extensions["werkatelier"].workshops.store.close()


@pytest.fixture(scope="module")
def page(built):
    _, client, session = built
    reply = client.get(f"/api/sessions/{session['code']}/report.html", headers=bearer(session))
    assert reply.status_code == 200
    return reply.get_data(as_text=True)


def chapter_text(page):
    """The chapter's words (without the space text_of leaves where a tag ended before a comma)."""
    return text_of(section(page, "wat-is-er-veranderd", "activiteit-1")).replace(" ,", ",")


def test_the_chapter_names_the_largest_improvements_and_declines_with_their_numbers(page):
    words = chapter_text(page)
    assert words.startswith("Wat is er veranderd")
    quickscan = words[words.index("Quick scan samenwerking ronde 1 → ronde 2"):words.index("Kritische")]
    improved = quickscan[quickscan.index("▲ Grootste verbeteringen"):quickscan.index("▼ Grootste achteruitgang")]
    assert improved.startswith("▲ Grootste verbeteringen Belangen 5 → 6,8 (+1,8) Ambitie 6,2 → 6,8 (+0,6) "
                               "Organisatie")
    declined = quickscan[quickscan.index("▼ Grootste achteruitgang"):quickscan.index("Per organisatie")]
    assert declined.startswith("▼ Grootste achteruitgang Relatie 7,4 → 6,4 (−1) Proces 6,6 → 6,2 (−0,4)")
    succes = words[words.index("Kritische succesfactoren ronde 1 → ronde 2"):]
    assert "Structuur ✓ ja 0% → 60%, ✗ nee 80% → 0%" in succes
    assert "Klimaat en sfeer ✓ ja 80% → 40%, ✗ nee 20% → 20%" in succes


def test_the_chapter_has_the_organisations_in_brief_and_is_in_the_contents(page):
    words = chapter_text(page)
    quickscan = words[words.index("Quick scan samenwerking"):words.index("Kritische")]
    per_org = quickscan[quickscan.index("Per organisatie"):]
    assert "Gemeente Venlo Belangen 5 → 6,5 (+1,5) Ambitie 6,5 → 7,5 (+1) Relatie 7,5 → 6,5 (−1)" in per_org
    assert "Zonder organisatie" in per_org  # after the named ones
    assert per_org.index("Zorggroep Noord") < per_org.index("Zonder organisatie")
    cover = page[:page.index("</header>")]
    assert 'href="#wat-is-er-veranderd"' in cover
    assert page.index('id="wat-is-er-veranderd"') < page.index('id="activiteit-1"')


def test_each_organisation_page_shows_its_own_changes(page):
    venlo = organisation_sections(page)[VENLO]
    table = venlo[venlo.index('class="org-changes"'):venlo.index('class="org-activity ')]
    rows = [text_of(row) for row in re.findall(r"<tr>.*?</tr>", table, re.S)]
    assert "Ambitie 6,5 7,5 ▲ beter +1" in rows
    assert "Relatie 7,5 6,5 ▼ slechter −1" in rows
    assert "Organisatie 6 6 = gelijk" in rows
    assert "Structuur ✓ ja 0% ✗ nee 100% ✓ ja 100% ✗ nee 0% ▲ beter" in rows


def test_the_pdf_renders_the_chapter(built):
    _, client, session = built
    reply = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    assert reply.status_code == 200 and reply.data.startswith(b"%PDF")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "report-rounds.pdf").write_bytes(reply.data)
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-", "-"], input=reply.data, capture_output=True,
                          check=True).stdout.decode()
    assert "Wat is er veranderd" in text and "Grootste verbeteringen" in text and "Belangen 5 → 6,8 (+1,8)" in text
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "2", "-l", "2", str(OUTPUT / "report-rounds.pdf"),
                    str(OUTPUT / "report-rounds-pdf")], check=True, timeout=60)


def test_the_xlsx_sheet_has_a_column_per_round_and_the_change_as_numbers(built):
    _, client, session = built
    reply = client.get(f"/api/sessions/{session['code']}/export.xlsx", headers=bearer(session))
    book = openpyxl.load_workbook(io.BytesIO(reply.data))
    assert book.sheetnames[-2:] == ["Wat is er veranderd", "Alle antwoorden"]
    rows = list(book["Wat is er veranderd"].iter_rows(values_only=True))
    header = rows.index(("vraag", "antwoord", "organisatie", "ronde 1", "ronde 2", "verandering", "richting"))
    assert rows[header - 1][0] == "Quick scan samenwerking: ronde 1 → ronde 2"
    by_key = {row[:3]: row[3:] for row in rows if row[0]}
    assert by_key["Belangen", "gemiddelde", "iedereen"] == (5, 6.8, 1.8, "beter")
    assert by_key["Relatie", "gemiddelde", VENLO] == (7.5, 6.5, -1, "slechter")
    assert by_key["Structuur", "Ja", "iedereen"] == (0, 0.6, 0.6, "beter")
    sheet = book["Wat is er veranderd"]
    structuur = next(r for r in sheet.iter_rows() if (r[0].value, r[1].value) == ("Structuur", "Ja"))
    assert [cell.number_format for cell in structuur[3:6]] == ["0%", "0%", "+0%;-0%;0%"]
    belangen = next(r for r in sheet.iter_rows() if r[0].value == "Belangen")
    assert [cell.number_format for cell in belangen[3:6]] == ["0.00", "0.00", "+0.00;-0.00;0.00"]


def test_without_rounds_there_is_no_chapter_and_no_sheet(built):
    _, client, _ = built
    session = client.post("/api/sessions", json={"title": "Eén meting", "activities": ["quickscan"]}).get_json()
    page = client.get(f"/api/sessions/{session['code']}/report.html", headers=bearer(session)).get_data(as_text=True)
    assert "wat-is-er-veranderd" not in page and "Wat is er veranderd" not in page
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/api/sessions/{session['code']}/export.xlsx",
                                                        headers=bearer(session)).data))
    assert "Wat is er veranderd" not in book.sheetnames


def test_an_english_session_has_the_chapter_and_the_sheet_in_english(built, tmp_path_factory):
    app, client, _ = built
    session = run_rounds(app, client, language="en")
    page = client.get(f"/api/sessions/{session['code']}/report.html", headers=bearer(session)).get_data(as_text=True)
    words = chapter_text(page)
    assert words.startswith("What has changed")
    assert "Collaboration quick scan round 1 → round 2" in words
    assert "▲ Largest improvements Interests 5 → 6.8 (+1.8)" in words
    assert "▼ Largest declines Relationship 7.4 → 6.4 (−1)" in words
    assert "✓ yes 0% → 60%" in words and "No organisation" in words
    assert "Wat is er" not in page and "ronde" not in words
    venlo = text_of(organisation_sections(page)[VENLO])
    assert "Ambition 6.5 7.5 ▲ better +1" in venlo
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/api/sessions/{session['code']}/export.xlsx",
                                                        headers=bearer(session)).data))
    rows = list(book["What has changed"].iter_rows(values_only=True))
    assert ("question", "answer", "organisation", "round 1", "round 2", "change", "direction") in rows


# --- a network of three sessions ------------------------------------------------------------------------------

# the quick scan's grades (ambitie, belangen) per person, per session: belangen rises 4 -> 6 -> 8 for everyone
NETWORK = [
    ("Startbijeenkomst", [("An", VENLO, (6, 4)), ("Cas", GGD, (7, 4)), ("Dien", ZORG, (8, 4))]),
    ("Tussenmeting", [("An", VENLO, (6, 6)), ("Cas", GGD, (7, 6)), ("Dien", ZORG, (7, 6))]),
    ("Eindmeting", [("Anne", "Gem. Venlo", (7, 8)), ("Cas", GGD, (7, 8)), ("Dien", ZORG, (5, 8))]),
]


@pytest.fixture(scope="module")
def network(built):
    """Three sessions of one network (each a follow-up of the one before), the quick scan answered on phones in
    each; in the last, Venlo is typed 'Gem. Venlo', which the network knows as Gemeente Venlo."""
    app, client, _ = built
    sessions = []
    for title, people in NETWORK:
        session = client.post("/api/sessions", json={"title": title, "activities": ["quickscan"]}).get_json()
        if sessions:
            reply = client.put(f"/api/sessions/{session['code']}/follows", headers=bearer(session),
                               json={"code": sessions[-1]["code"], "key": sessions[-1]["facilitator_key"]})
            assert reply.status_code == 200, reply.get_json()
        clients = []

        def sio():
            clients.append(socketio.test_client(app))
            return clients[-1]

        screen, _ = facilitate(sio, session)
        control(screen, "open", activity_id=1)
        for name, organisation, grades in people:
            phone, _ = join(sio, session["code"], name=name, organisation=organisation)
            for item, grade in zip(("ambitie", "belangen"), grades, strict=True):
                ok(answer(phone, item, grade, activity_id=1))
        control(screen, "close", activity_id=1)
        for test_client in clients:
            test_client.disconnect()
        sessions.append(session)
    reply = client.patch(f"/api/sessions/{sessions[-1]['code']}/network", headers=bearer(sessions[-1]),
                         json={"aliases": {"Gem. Venlo": VENLO}})
    assert reply.status_code == 200, reply.get_json()
    return sessions


def test_the_report_of_a_session_in_a_network_shows_the_trend_since_the_first(built, network):
    _, client, _ = built
    last = network[-1]
    page = client.get(f"/api/sessions/{last['code']}/report.html", headers=bearer(last)).get_data(as_text=True)
    words = chapter_text(page)
    first_date = report_date(overview_of(client, network[0])["created_at"])
    last_date = report_date(overview_of(client, last)["created_at"])
    assert f"Quick scan samenwerking Startbijeenkomst · {first_date} → Eindmeting · {last_date}" in words
    assert "▲ Grootste verbeteringen Belangen 4 → 8 (+4)" in words
    assert "▼ Grootste achteruitgang Ambitie 7 → 6,3 (−0,7)" in words
    per_org = words[words.index("Per organisatie"):]
    assert "Zorggroep Noord Belangen 4 → 8 (+4) Ambitie 8 → 5 (−3)" in per_org
    # Venlo's own page (typed 'Gem. Venlo' here) shows its trend through the network's alias
    venlo = text_of(organisation_sections(page)["Gem. Venlo"])
    assert "Ambitie 6 7 ▲ beter +1" in venlo and "Belangen 4 8 ▲ beter +4" in venlo
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "report-network.html").write_text(page)


def test_the_xlsx_of_a_session_in_a_network_has_a_column_per_session(built, network):
    _, client, _ = built
    last = network[-1]
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/api/sessions/{last['code']}/export.xlsx",
                                                        headers=bearer(last)).data))
    rows = list(book["Wat is er veranderd"].iter_rows(values_only=True))
    dates = [report_date(overview_of(client, session)["created_at"]) for session in network]
    names = [f"{title} · {date}" for (title, _), date in zip(NETWORK, dates, strict=True)]
    assert ("vraag", "antwoord", "organisatie", *names, "verandering", "richting") in rows
    by_key = {row[:3]: row[3:] for row in rows if row[0]}
    assert by_key["Belangen", "gemiddelde", "iedereen"] == (4, 6, 8, 4, "beter")
    assert by_key["Ambitie", "gemiddelde", ZORG] == (8, 7, 5, -3, "slechter")
    assert by_key["Ambitie", "gemiddelde", VENLO] == (6, 6, 7, 1, "beter")


def overview_of(client, session):
    return client.get(f"/api/sessions/{session['code']}", headers=bearer(session)).get_json()
