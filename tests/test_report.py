"""The session report: report.html and report.pdf of a realistic session with all five activity types.

One session is built once for the module (ten participants of four organisations, answering on their phones
through Socket.IO), and its PDF is rendered once, to test-output/report/ as PDF and PNG pages to look at.
"""

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import add_card, answer, control, facilitate, join

from markupsafe import escape

from workshop import create_app, socketio
from workshop.i18n import use_language
from workshop.organisations import NO_ORGANISATION, ordered, organisation_label
from workshop.report import local_file, report_date, visible

OUTPUT = Path(__file__).resolve().parent.parent / "test-output" / "report"
TITLE = "Werkatelier wijkaanpak Noord — ‘Thuis in de wijk’"
GEMEENTE, GGD, ZORG = "Gemeente Súdwest-Fryslân", "GGD Limburg-Noord", "Zorggroep Noord"
WOON = "Woonstichting ’t Hûs 🏠"
# name, organisation as typed, and per succesfactor (in worksheet order) g(roen) / o(ranje) / r(ood)
PEOPLE = [
    ("Zoë 👩‍⚕️", GEMEENTE, "rgoggggrgggo"),
    ("Anne-Marié de Wit", GEMEENTE, "ggoggogrgggg"),
    ("Cees Ĳsselmeer", WOON, "oggogggrgrgo"),
    ("Fatima El Amrani", WOON, "gogggorogggo"),
    ("Jürgen Müller", GGD, "ogggggrogggg"),
    ("Bram", GGD, "gggoggoggrgo"),
    ("Eva", GGD, "rgogggggogog"),
    ("Noor", ZORG, "ggggogoroggg"),
    ("Daan", ZORG, "gogggoggoggo"),
    ("Sanne", "zorggroep  noord", "gggggggggggg"),  # the same organisation, typed differently
]
FACTORS = ["visie", "durf", "interdependentie", "domeinconsensus", "elkaar-kennen", "onderhandelingsvermogen",
           "middelen", "structuur", "methodisch", "vertrouwen", "klimaat", "evalueren"]
COLOURS = {"g": "groen", "o": "oranje", "r": "rood"}
CONDITIONS = ["ambitie", "belangen", "relatie", "organisatie", "proces"]
GRADES = [(7, 6, 2, 6, 7), (8, 6, 3, 6, 7), (7, 7, 9, 5, 6), (8, 5, 10, 6, 8), (7, 6, 9, 7, 7),
          (9, 7, 8, 6, 6), (6, 8, 2, 7, 7), (8, 6, 10, 8, 8), (7, 6, 5, 6, 7), (8, 7, 9, 6, 6)]
SCRIPT = '<script>alert("rapport")</script> & meer'
HIDDEN = "Deze kaart hoort niet in het rapport"
HIGHLIGHTED = "Iedereen verdient een thuis in de wijk 🏡"
ZORG_ONLY = "Doorstroom uit beschermd wonen"


def cards_for(n, name):
    """(activity, item, text) of the cards participant `n` writes."""
    motives = [
        (3, "instrumenteel", f"Minder wachtlijsten ({name.split()[0]})"),
        (3, "affectief", ["Solidair met cliënten en hun naasten", "Trots op ons team ‘Weer Thuis’ 💪",
                          "We kennen de zorgpartners al jaren", "Loyaal aan de regiogemeenten"][n % 4]),
    ]
    if n % 3 == 0:
        motives.append((3, "moreel", "Volkshuisvesting is er voor iedereen, ook voor wie net uit de opvang komt"))
    worksheet = [
        (4, "belangen", ["Geen dakloosheid na uitstroom", "Rust in de buurt", "Gezondheid van kwetsbare inwoners",
                         ZORG_ONLY][n % 4]),
        (4, "halen", ["Een vast aanspreekpunt bij de corporatie", "Snel contact bij zorgen",
                      "Signalen uit de wijk", "Woningen voor cliënten die klaar zijn om te verhuizen"][n % 4]),
        (4, "brengen", ["Schuldhulp vanaf dag één", "Wooncoaches", "Een sociaal verpleegkundige",
                        "Ambulante begeleiding na de verhuizing"][n % 4]),
    ]
    leadership = [
        (5, "strateeg-namen", ["Gemeente Venlo, wethouder Jansen", "gemeente venlo", "GGD Limburg-Noord",
                               "Gemeente Venlo; Zorggroep Noord"][n % 4]),
        (5, "verkenner-namen", ["Woonstichting ’t Hûs", "Zorggroep Noord"][n % 2]),
        (5, "procesmanager-namen", "Projectbureau Noord"),
        (5, f"{['strateeg', 'verkenner', 'ontwikkelaar', 'procesmanager'][n % 4]}-bijdrage",
         ["Ik breng de partners één keer per kwartaal samen en bewaak de afspraken.",
          "Ik houd contact met bewonersorganisaties en haal signalen op.",
          "Ik organiseer intervisie tussen de wijkteams.", "Ik zit de casustafel voor en maak de agenda."][n % 4]),
    ]
    if n % 2:
        leadership.append((5, "ontwikkelaar-versterking", "Een gezamenlijke training ‘samen werken in de wijk’ ✨"))
    return motives + worksheet + leadership


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The app and a session in which ten people of four organisations did all five activities."""
    app = create_app({"TESTING": True, "ASYNC_MODE": "threading", "RESULTS_INTERVAL": 0.02,
                      "DATA_DIR": str(tmp_path_factory.mktemp("sessions"))})
    client = app.test_client()
    session = client.post("/api/sessions", json={"title": TITLE, "activities": [
        "succesfactoren", "quickscan", "motieven", "halen_brengen", "netwerkleiderschap"]}).get_json()
    clients = []

    def sio():
        test_client = socketio.test_client(app)
        clients.append(test_client)
        return test_client

    screen, _ = facilitate(sio, session)
    phones = [join(sio, session["code"], name=name, organisation=org)[0] for name, org, _ in PEOPLE]
    join(sio, session["code"], name="Piet (kijkt mee)", organisation=GGD)  # joins, answers nothing

    def ok(ack):
        assert ack["ok"] is True, ack
        return ack

    control(screen, "open", activity_id=1)
    for phone, (_, _, colours) in zip(phones, PEOPLE, strict=True):
        for factor, colour in zip(FACTORS, colours, strict=True):
            ok(answer(phone, factor, COLOURS[colour], activity_id=1))
    control(screen, "next")
    for phone, grades in zip(phones, GRADES, strict=True):
        for condition, grade in zip(CONDITIONS, grades, strict=True):
            ok(answer(phone, condition, grade, activity_id=2))
    ids = {}
    for activity in (3, 4, 5):
        control(screen, "next")
        for n, phone in enumerate(phones):
            for act, item, text in cards_for(n, PEOPLE[n][0]):
                if act == activity:
                    ids.setdefault(text, ok(add_card(phone, item, text, activity_id=act))["entry"]["id"])
            if activity == 3:
                ok(answer(phone, "bekend", 1 + n % 5, activity_id=3))
                ok(answer(phone, "vertalen", 2 + n % 3, activity_id=3))
            if activity == 4:
                ok(answer(phone, "balans", [3, 4, 2, 5, 1][n % 5], activity_id=4))
            if activity == 5:
                for r, role in enumerate(["strateeg", "verkenner", "ontwikkelaar", "procesmanager"]):
                    ok(answer(phone, f"{role}-belegd", ["ja", "deels", "nee"][(n + r) % 3], activity_id=5))
                ok(answer(phone, "balans", ["deels", "nee", "ja"][n % 3], activity_id=5))
        if activity == 3:
            ids[HIDDEN] = ok(add_card(phones[1], "moreel", HIDDEN, activity_id=3))["entry"]["id"]
            ids[HIGHLIGHTED] = ok(add_card(phones[7], "moreel", HIGHLIGHTED, activity_id=3))["entry"]["id"]
        if activity == 4:
            ids[SCRIPT] = ok(add_card(phones[4], "belangen", SCRIPT, activity_id=4))["entry"]["id"]
    control(screen, "close", activity_id=5)
    ok(screen.emit("moderate", {"id": ids[HIDDEN], "hidden": True}, callback=True))
    ok(screen.emit("moderate", {"id": ids[HIGHLIGHTED], "highlighted": True}, callback=True))
    for test_client in clients:
        test_client.disconnect()
    yield app, client, session
    app.extensions["werkatelier"].workshops.store.close()


@pytest.fixture(scope="module")
def page(built):
    """report.html of the session, as text."""
    _, client, session = built
    reply = client.get(f"/api/sessions/{session['code']}/report.html", headers=bearer(session))
    assert reply.status_code == 200 and reply.mimetype == "text/html"
    return reply.get_data(as_text=True)


@pytest.fixture(scope="module")
def rendered(built):
    """report.pdf of the session, written to test-output/report/ with a PNG per page: (pdf bytes, png paths)."""
    _, client, session = built
    reply = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    assert reply.status_code == 200, reply.data[:300]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for old in OUTPUT.glob("rapport*"):
        old.unlink()
    (OUTPUT / "rapport.pdf").write_bytes(reply.data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(OUTPUT / "rapport.pdf"), str(OUTPUT / "rapport")],
                   check=True, timeout=60)
    return reply, sorted(OUTPUT.glob("rapport-*.png"))


def bearer(session):
    return {"Authorization": f"Bearer {session['facilitator_key']}"}


def results(built):
    _, client, session = built
    reply = client.get(f"/api/sessions/{session['code']}/results", headers=bearer(session))
    return {a["type"]: a["aggregate"] for a in reply.get_json()["activities"]}


def text_of(fragment):
    """The visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def section(page, start, end=None):
    """The part of the page from the element with id `start` to the one with id `end` (or the end)."""
    begin = page.rindex("<", 0, page.index(f'id="{start}"'))
    return page[begin:page.rindex("<", 0, page.index(f'id="{end}"'))] if end else page[begin:]


def organisation_sections(page):
    """Organisation name -> the HTML of its section in the report."""
    parts = re.split(r'(?=<section class="organisation" id="organisatie-\d+">)', section(page, "per-organisatie"))
    found = {}
    for part in parts[1:]:
        name = re.search(r'<h2 class="chapter org-title">(.*?)</h2>', part).group(1)
        found[html.unescape(name)] = part
    return found


# --- what the report says ------------------------------------------------------------------------------------


def test_the_report_names_the_session_its_date_and_its_participants(built, page):
    _, client, session = built
    overview = client.get(f"/api/sessions/{session['code']}", headers=bearer(session)).get_json()
    cover = text_of(page[:page.index('id="activiteit-1"')])
    assert cover.startswith(f"Rapport · {TITLE}")  # the page's title
    assert f"Werkatelier · sessierapport {TITLE}" in cover
    assert re.fullmatch(r"\d{1,2} [a-z]+ \d{4}", report_date(overview["created_at"]))
    assert f"Datum {report_date(overview['created_at'])}" in cover
    assert "Deelnemers 11" in cover  # ten who answered and one who only watched
    assert "Organisaties 4" in cover and f"Sessiecode {session['code']}" in cover
    assert '<html lang="nl">' in page and 'href="/static/css/report.css"' in page
    assert "<script" not in page.replace(html.escape(SCRIPT), "")  # a standalone page without script


def test_every_activity_has_its_section_with_respondents_and_source(built, page):
    from workshop.library import HANDBOOKS, INSTRUMENTS

    aggregates = results(built)
    kinds = ["succesfactoren", "quickscan", "motieven", "halen_brengen", "netwerkleiderschap"]
    for number, kind in enumerate(kinds, start=1):
        end = f"activiteit-{number + 1}" if number < len(kinds) else "per-organisatie"
        part = text_of(section(page, f"activiteit-{number}", end))
        definition = INSTRUMENTS[kind]
        assert part.startswith(f"{number} {definition.title} "), part[:80]
        assert f"{aggregates[kind]['respondents']} respondenten van 11 deelnemers" in part
        assert f"Bron: {HANDBOOKS[definition.handbook]['title']}, {definition.source}" in part
        assert "<svg" in section(page, f"activiteit-{number}", end)  # drawn as SVG, without script
    assert aggregates["succesfactoren"]["respondents"] == 10


def test_red_factors_come_first_as_action_points(built, page):
    aggregate = results(built)["succesfactoren"]
    items = {item["id"]: item for item in aggregate["items"]}
    red = [items[i]["label"] for i in aggregate["priority"] if items[i]["rood"]]
    assert 0 < len(red) < 12
    part = section(page, "activiteit-1", "activiteit-2")
    actions = text_of(part[part.index("Actiepunten"):part.index("Alle factoren")])
    positions = [actions.index(label) for label in red]
    assert positions == sorted(positions), "most rood first"
    never_red = [item["label"] for item in aggregate["items"] if not item["rood"]]
    assert never_red and not any(label in actions for label in never_red)
    top = items[aggregate["priority"][0]]
    assert f"{top['label']} {top['rood']} × nee" in actions
    assert part.index("Actiepunten") < part.index("Alle factoren")
    # every factor's bar follows, with its counts as text (readable in black and white)
    bars = part[part.index("Alle factoren"):]
    assert all(html.escape(item["label"]) in bars for item in aggregate["items"])
    visie = items["visie"]
    assert f"✓ {visie['groen']}" in bars and f"✗ {visie['rood']}" in bars


def test_the_charts_of_each_type_are_there(built, page):
    aggregates = results(built)
    quickscan = text_of(section(page, "activiteit-2", "activiteit-3"))
    relatie = aggregates["quickscan"]["items"]["relatie"]
    assert relatie["disagree"] and "verschil van inzicht" in quickscan
    assert f"gemiddeld {str(round(relatie['mean'], 1)).replace('.', ',').removesuffix(',0')}" in quickscan
    motieven = text_of(section(page, "activiteit-3", "activiteit-4"))
    assert all(kind in motieven for kind in ("Instrumentele motieven", "Affectieve motieven", "Morele motieven"))
    assert "★ uitgelicht " + HIGHLIGHTED in motieven
    halen = text_of(section(page, "activiteit-4", "activiteit-5"))
    assert all(org in halen for org in (GEMEENTE, GGD, WOON, ZORG))
    assert "Belangen" in halen and "Halen" in halen and "Brengen" in halen and "In balans?" in halen
    leiderschap = text_of(section(page, "activiteit-5", "per-organisatie"))
    assert all(role in leiderschap for role in ("Strateeg", "Verkenner", "Ontwikkelaar", "Procesmanager"))
    assert "Gemeente Venlo" in leiderschap and "Richten" in leiderschap and "Vernieuwen" in leiderschap


def test_a_section_per_organisation_beside_everyone(built, page):
    sections = organisation_sections(page)
    assert list(sections) == [GEMEENTE, GGD, WOON, ZORG]  # 'zorggroep  noord' is Zorggroep Noord
    for name, part in sections.items():
        words = text_of(part)
        assert "Iedereen" in words and f"{name}" in words
        assert all(title in words for title in ("Kritische succesfactoren", "Quick scan samenwerking",
                                                "Motieven van samenwerkingspartners", "Halen en brengen",
                                                "Netwerkleiderschap"))
    assert "3 deelnemers van 11" in text_of(sections[ZORG]) and "4 deelnemers van 11" in text_of(sections[GGD])
    # cards of that organisation only
    assert ZORG_ONLY in text_of(sections[ZORG]) and ZORG_ONLY not in text_of(sections[GGD])
    assert HIGHLIGHTED in text_of(sections[ZORG]) and HIGHLIGHTED not in text_of(sections[GEMEENTE])


def test_hidden_cards_are_left_out_unless_asked_for_and_then_marked(built, page):
    _, client, session = built
    assert HIDDEN not in page
    assert "1 kaart die de procesbegeleider op de beamer verborg, staat niet in dit rapport." in text_of(page)
    reply = client.get(f"/api/sessions/{session['code']}/report.html?verborgen=1", headers=bearer(session))
    with_hidden = reply.get_data(as_text=True)
    assert reply.status_code == 200
    [card] = re.findall(r'<li class="card card-hidden">.*?</li>', section(with_hidden, "activiteit-3", "activiteit-4"),
                        re.S)
    assert text_of(card) == f"verborgen {HIDDEN}"
    assert HIDDEN in text_of(organisation_sections(with_hidden)[GEMEENTE])


def test_card_text_is_escaped(page):
    assert SCRIPT not in page
    assert str(escape(SCRIPT)) in page
    assert SCRIPT in text_of(page)


# --- the PDF ------------------------------------------------------------------------------------------------


def test_the_pdf_is_an_a4_attachment_of_several_pages(built, rendered):
    _, _, session = built
    reply, pngs = rendered
    assert reply.mimetype == "application/pdf"
    assert reply.headers["Content-Disposition"] == f'attachment; filename="werkatelier-{session["code"]}.pdf"'
    assert reply.data.startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", "-box", "-l", "999", str(OUTPUT / "rapport.pdf")], capture_output=True,
                          text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 10 <= pages <= 40, pages  # the cover, five activities, four organisations
    boxes = re.findall(r"Page\s+\d+ MediaBox:\s+0\.00\s+0\.00\s+([\d.]+)\s+([\d.]+)", info)
    assert len(boxes) == pages and {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}, info
    assert len(pngs) == pages and all(png.stat().st_size > 5000 for png in pngs)


def test_the_pdf_holds_the_text(rendered):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt")
    text = subprocess.run(["pdftotext", str(OUTPUT / "rapport.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Actiepunten" in text and "Súdwest-Fryslân" in text and "pagina 2 van" in text
    assert '<script>alert("rapport")</script>' in text.replace("\n", "") and HIDDEN not in text


# --- who may see it -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("file", ["report.html", "report.pdf"])
def test_the_report_needs_the_key_or_a_download_token(built, file):
    _, client, session = built
    base = f"/api/sessions/{session['code']}/{file}"
    assert client.get(base).status_code == 401
    assert client.get(base).get_json()["reason"] == "unauthorised"
    assert client.get(base, headers={"Authorization": "Bearer verkeerd"}).status_code == 403
    other = "".join("A" if c != "A" else "B" for c in session["code"])
    assert client.get(f"/api/sessions/{other}/{file}", headers=bearer(session)).status_code == 404
    assert client.get(f"{base}?t=rommel").status_code == 403
    if file.endswith(".html"):
        token = client.post(f"/api/sessions/{session['code']}/download-token",
                            headers=bearer(session)).get_json()["token"]
        reply = client.get(f"{base}?t={token}")
        assert reply.status_code == 200 and reply.headers["Cache-Control"] == "no-store"
        page = reply.get_data(as_text=True)
        # opened from the console: links to the PDF and to the version with hidden cards, with the same token
        assert f'href="/api/sessions/{session["code"]}/report.pdf?t={token}"' in page
        assert "verborgen=1" in page and "Met verborgen kaarten" in page


def test_the_report_of_a_new_session_is_empty_but_complete(built):
    _, client, _ = built
    session = client.post("/api/sessions", json={"title": "Leeg", "activities": [
        "succesfactoren", "quickscan", "motieven", "halen_brengen", "netwerkleiderschap"]}).get_json()
    reply = client.get(f"/api/sessions/{session['code']}/report.html", headers=bearer(session))
    assert reply.status_code == 200
    page = reply.get_data(as_text=True)
    words = text_of(page)
    assert "Deelnemers 0" in words and "Niemand antwoordde ‘nee’: geen actiepunten." in words
    assert 'id="per-organisatie"' not in page and "Per organisatie" not in text_of(page[:page.index("</header>")])


# --- pieces ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("moment, day", [
    ("2026-11-23T09:30:00.000+00:00", "23 november 2026"),
    ("2026-03-01T12:00:00+00:00", "1 maart 2026"),
    ("2026-12-31T23:30:00.000+00:00", "1 januari 2027"),  # already the next day in the Netherlands
])
def test_the_date_is_dutch(moment, day):
    assert report_date(moment) == day


def test_the_date_in_english():
    assert report_date("2026-12-31T23:30:00.000+00:00", "en") == "1 January 2027"


def test_visible_leaves_out_hidden_cards_wherever_they_are():
    aggregate = {"items": {"x": {"kind": "text", "cards": [{"id": 1, "text": "a", "hidden": True},
                                                           {"id": 2, "text": "b", "hidden": False}]}},
                 "organisations": [{"cards": {"halen": [{"id": 1, "text": "a", "hidden": True}]}}], "n": [1, 2]}
    assert visible(aggregate) == {"items": {"x": {"kind": "text", "cards": [{"id": 2, "text": "b", "hidden": False}]}},
                                  "organisations": [{"cards": {"halen": []}}], "n": [1, 2]}
    assert visible(aggregate, include_hidden=True) == aggregate


@pytest.mark.parametrize("url", ["https://example.org/static/css/report.css", "http://werkatelier.invalid/x.css",
                                 "https://werkatelier.invalid/static/../workshop/report.py",
                                 "https://werkatelier.invalid/static/%2E%2E/pyproject.toml", "file:///etc/passwd"])
def test_the_pdf_fetches_nothing_but_static_files(url):
    with pytest.raises(ValueError):
        local_file(url)
    body, mime_type = local_file("https://werkatelier.invalid/static/css/report.css")
    assert b"size: A4" in body and mime_type == "text/css"


# --- languages ------------------------------------------------------------------------------------------------


def test_no_organisation_is_a_marker_sorted_last_and_named_in_each_language(app):
    assert ordered(["Zorggroep Noord", NO_ORGANISATION, "gemeente Venlo", "Zonder organisatie"]) == [
        "gemeente Venlo", "Zonder organisatie", "Zorggroep Noord", NO_ORGANISATION]  # a typed name is a name
    with app.test_request_context("/"):
        use_language("en")
        assert organisation_label(NO_ORGANISATION) == "No organisation"
        assert organisation_label("GGD Limburg-Noord") == "GGD Limburg-Noord"
        use_language("nl")
        assert organisation_label(NO_ORGANISATION) == "Zonder organisatie"


def test_an_english_session_has_its_report_in_english(client, sio):
    session = client.post("/api/sessions", json={"title": "Neighbourhood", "language": "en",
                                                 "activities": ["succesfactoren", "quickscan"]}).get_json()
    screen, _ = facilitate(sio, session)
    venlo, _ = join(sio, session["code"], name="Anne", organisation="Gemeente Venlo")
    nobody, _ = join(sio, session["code"], name="Bram")
    control(screen, "open", activity_id=1)
    for phone, colour in ((venlo, "rood"), (nobody, "groen")):
        assert answer(phone, "visie", colour, activity_id=1)["ok"]
    control(screen, "next")
    for phone, grade in ((venlo, 8), (nobody, 5)):
        assert answer(phone, "ambitie", grade, activity_id=2)["ok"]

    reply = client.get(f"/api/sessions/{session['code']}/report.html", headers=bearer(session))
    page = reply.get_data(as_text=True)
    words = text_of(page)
    assert '<html lang="en">' in page and words.startswith("Report · Neighbourhood")
    assert re.search(r"Date \d{1,2} [A-Z][a-z]+ \d{4} Participants 2 Organisations 2", words)
    assert "Contents" in words and "2 respondents" in words and "Per organisation" in words
    assert "Action points" in words and "1 × no" in words and "A ‘no’ means action is needed." in words
    assert "mean 6.5" in words and "median 6.5" in words and "6,5" not in words  # the English decimal point
    # the group without an organisation: named in English, last, in the contents and in its own section
    assert list(organisation_sections(page)) == ["Gemeente Venlo", "No organisation"]
    assert words.index("Gemeente Venlo 1 participant") < words.index("No organisation 1 participant")
    assert "Zonder" not in words and "respondenten" not in words and "gemiddeld" not in words
    # the heat map's cells are read out in words, its ✓ ? ✗ are not
    assert '<span class="visually-hidden">0 yes, 0 doubtful, 1 no</span>' in page
