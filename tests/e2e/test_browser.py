"""The app in a real browser: the facilitator's console and beamer, phones of two sizes, the QR code.

Screenshots land in test-output/screenshots/ (gitignored) for a person to look at.
"""

import io
import random
import re

import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from .pages import (assert_fits_the_screen, assert_no_horizontal_scroll, hyphenated, join_phone, open_beamer,
                    open_console)
from .support import COLOURS, FACTORS

TITLE = "Werkatelier wijkaanpak Noord"
ROOD_VISIE = ".result:not([hidden]) .sf-row[data-item=visie] [data-colour=rood] b"


def tap(page, item, value):
    page.locator(f".activity:not([hidden]) .factor[data-item='{item}'] label[data-value='{value}']").tap()


def expect_saved(page, answers):
    """Each item shows 'Opgeslagen' and exactly its answer checked."""
    for item, value in answers.items():
        factor = page.locator(f".activity:not([hidden]) .factor[data-item='{item}']")
        expect(factor.locator("[data-status]")).to_have_text(re.compile("Opgeslagen"))
        for colour in COLOURS:
            expect(factor.locator(f"input[value='{colour}']")).to_be_checked(checked=colour == value)


def expect_pressed(page, answers):
    for item, value in answers.items():
        factor = page.locator(f".activity:not([hidden]) .factor[data-item='{item}']")
        expect(factor.locator("input:checked")).to_have_count(1)
        expect(factor.locator(f"input[value='{value}']")).to_be_checked()


def decode_qr(png: bytes) -> list[str]:
    """The texts of the barcodes in a screenshot (decoded from the bytes taken, not the shared file)."""
    with Image.open(io.BytesIO(png)) as image:
        found = zxingcpp.read_barcodes(image)
    return [barcode.text for barcode in found]


def participant_ids(api, session) -> dict:
    export = api.get(f"/api/sessions/{session['code']}/export.json", session["facilitator_key"])
    return {p["name"]: p["id"] for p in export["participants"]}


def test_facilitator_starts_a_session_and_the_beamer_shows_how_to_join(server, contexts, api, sio_client,
                                                                         screenshots):
    console = contexts(1280, 900).new_page()
    console.goto(server.base_url + "/")
    console.fill("#title", TITLE)
    expect(console.locator("#agenda-list [data-title]")).to_have_value("Kritische succesfactoren")  # the default
    console.locator("#create-form button[type=submit]").click()

    # The console, with the key taken out of the address bar.
    console.wait_for_url(re.compile(r"/f/[A-Z2-9]{6}(#.*)?$"))
    expect(console).to_have_url(re.compile(r"/f/[A-Z2-9]{6}$"))
    code = console.url.rsplit("/", 1)[1]
    expect(console.locator("h1")).to_have_text(TITLE)
    expect(console.locator(".join-info .code")).to_have_text(code)
    rows = console.locator("#activity-list .activity-item")
    expect(rows).to_have_count(1)
    expect(rows.locator("[data-title]")).to_have_text("Kritische succesfactoren")
    expect(rows.locator("[data-state]")).to_have_text("gesloten")
    expect(rows.locator("[data-action=toggle-open]")).to_have_text("Openen")
    expect(console.locator("#auth-error")).to_be_hidden()
    key = console.evaluate(f"localStorage.getItem('werkatelier:key:{code}')")
    assert key and api.get(f"/api/sessions/{code}", key)["title"] == TITLE  # the real key, kept in this browser
    expect(console.locator("#facilitator-link")).to_have_value(f"{server.base_url}/f/{code}#key={key}")
    expect(console.locator("#open-beamer")).to_have_attribute(
        "href", f"{server.base_url}/f/{code}/beamer#key={key}")
    join_url = f"{server.base_url}/j/{code}"

    # The beamer, on another device (no stored key): the join screen with code and QR code.
    beamer = open_beamer(contexts, server, {"code": code, "facilitator_key": key})
    expect(beamer.locator("#join-screen")).to_be_visible()
    expect(beamer.locator("#join-mini")).to_be_hidden()
    expect(beamer.locator(".join-code")).to_have_text(code)
    expect(beamer.locator(".join-url")).to_have_text(join_url.split("://", 1)[1])
    qr = beamer.locator(".qr-big")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR image did not load"
    # It is live: a phone joins and both screens count it, without a reload.
    phone = sio_client()
    assert phone.call("join", {"code": code}, timeout=5)["ok"]
    expect(beamer.locator(".join-count [data-participants]")).to_have_text("1")
    expect(console.locator(".join-info [data-participants]")).to_have_text("1")
    expect(beamer.locator("#auth-error")).to_be_hidden()
    assert_fits_the_screen(beamer)
    png = beamer.screenshot(path=screenshots / "beamer-join.png")
    console.screenshot(path=screenshots / "console.png", full_page=True)
    assert decode_qr(png) == [join_url], "the beamer's QR code must scan"


def test_phones_join_wait_answer_reload_and_see_the_close(server, contexts, api, screenshots):
    session = api.create_session(TITLE)
    console = open_console(contexts, server, session)
    anouk = join_phone(contexts, server, session["code"], "Anouk", "Gemeente Roermond", 390, 844)
    bram = join_phone(contexts, server, session["code"], "Bram", "Woonstichting Noord", 360, 740)
    phones = ((anouk, 390), (bram, 360))

    # Joined, nothing open yet: the phones wait.
    for page, width in phones:
        expect(page.locator("#waiting")).to_be_visible()
        expect(page.locator("#waiting")).to_contain_text("Even wachten")
        expect(page.locator(".activity:not([hidden])")).to_have_count(0)
        assert_no_horizontal_scroll(page, width)
    expect(console.locator(".join-info [data-participants]")).to_have_text("2")

    # The facilitator opens the activity: the twelve factors appear on both phones.
    console.locator("[data-action=toggle-open]").click()
    expect(console.locator("[data-action=toggle-open]")).to_have_text("Sluiten")
    expect(console.locator("#activity-list [data-state]")).to_have_text("open")
    for page, _ in phones:
        expect(page.locator("#waiting")).to_be_hidden()
        section = page.locator(".activity:not([hidden])")
        expect(section.locator(".factor")).to_have_count(len(FACTORS))
        expect(section.locator("[data-closed-banner]")).to_be_hidden()
        expect(section.locator(".choice input:disabled")).to_have_count(0)

    answers_a = {item: COLOURS[n % 3] for n, item in enumerate(FACTORS)}
    answers_b = {"visie": "rood", "durf": "oranje", "vertrouwen": "groen", "evalueren": "rood"}
    for page, answers in ((anouk, answers_a), (bram, answers_b)):
        for item, value in answers.items():
            tap(page, item, value)
        expect_saved(page, answers)
        expect(page.locator(".activity:not([hidden]) [data-progress]")).to_have_text(str(len(answers)))
    tap(bram, "durf", "groen")  # a change of mind replaces the answer
    answers_b["durf"] = "groen"
    expect_saved(bram, answers_b)
    expect(bram.locator(".activity:not([hidden]) [data-progress]")).to_have_text(str(len(answers_b)))
    for page, width in phones:
        assert_no_horizontal_scroll(page, width)

    # The server stored exactly what was tapped.
    ids = participant_ids(api, session)
    activity_id = api.activity_id(session)
    assert api.stored_answers(session, activity_id) == {
        **{(ids["Anouk"], item): value for item, value in answers_a.items()},
        **{(ids["Bram"], item): value for item, value in answers_b.items()}}
    for page, _ in phones:
        page.evaluate("window.scrollTo(0, 0)")  # tapping scrolled down; sticky parts follow the scroll
    anouk.screenshot(path=screenshots / "phone.png")
    bram.screenshot(path=screenshots / "phone-360-full.png", full_page=True)

    # Reloading keeps the identity: no join form, the earlier answers pressed, no new participant.
    anouk.reload()
    section = anouk.locator(".activity:not([hidden])")
    expect(section.locator(".factor")).to_have_count(len(FACTORS))
    expect(anouk.locator("#join")).to_be_hidden()
    expect(anouk.locator("#me")).to_have_text("Anouk · Gemeente Roermond")
    expect_pressed(anouk, answers_a)
    expect(section.locator("[data-progress]")).to_have_text(str(len(FACTORS)))
    expect(console.locator(".join-info [data-participants]")).to_have_text("2")
    assert participant_ids(api, session) == ids

    # The facilitator closes: a banner on the phones, the buttons disabled, the answers still shown.
    console.locator("[data-action=toggle-open]").click()
    expect(console.locator("[data-action=toggle-open]")).to_have_text("Openen")
    for page, answers in ((anouk, answers_a), (bram, answers_b)):
        section = page.locator(".activity:not([hidden])")
        expect(section.locator("[data-closed-banner]")).to_be_visible()
        expect(section.locator(".choice input")).to_have_count(3 * len(FACTORS))
        expect(section.locator(".choice input:enabled")).to_have_count(0)
        expect_pressed(page, answers)
    bram.evaluate("window.scrollTo(0, 0)")
    bram.screenshot(path=screenshots / "phone-closed.png")
    assert_no_horizontal_scroll(bram, 360)
    # Still closed after a reload.
    bram.reload()
    expect(bram.locator(".activity:not([hidden]) [data-closed-banner]")).to_be_visible()
    expect(bram.locator(".activity:not([hidden]) .choice input:enabled")).to_have_count(0)
    expect_pressed(bram, answers_b)


def test_beamer_follows_the_room_live_in_three_views(server, contexts, api, sio_client, screenshots):
    session = api.create_session(TITLE)
    activity_id = api.activity_id(session)
    console = open_console(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    navigations = []
    beamer.on("framenavigated", lambda frame: frame == beamer.main_frame and navigations.append(frame.url))
    phone = join_phone(contexts, server, session["code"], "Anouk", "Gemeente Roermond")

    console.locator("[data-action=toggle-open]").click()
    expect(beamer.locator("#join-screen")).to_be_hidden()
    expect(beamer.locator("#join-mini")).to_be_visible()
    expect(beamer.locator("#activity-title")).to_have_text("Kritische succesfactoren")
    expect(beamer.locator(".result:not([hidden]) .sf")).to_have_attribute("data-view", "bars")

    # A room of three organisations answers (seven phones over Socket.IO, one in the browser).
    rng = random.Random(7)
    leaning = {"Gemeente Roermond": (5, 3, 1), "Woonstichting Noord": (2, 4, 3), "GGD Limburg": (4, 2, 2)}
    for n in range(7):
        organisation = list(leaning)[n % 3]
        client = sio_client()
        assert client.call("join", {"code": session["code"], "name": f"Deelnemer {n}",
                                    "organisation": organisation}, timeout=5)["ok"]
        for item in FACTORS:
            value = rng.choices(COLOURS, weights=leaning[organisation])[0]
            if item in ("vertrouwen", "middelen") and organisation == "Woonstichting Noord":
                value = "rood"
            ack = client.call("answer", {"activity_id": activity_id, "item": item, "value": value}, timeout=5)
            assert ack["ok"], ack
    mine = {item: "groen" for item in FACTORS}
    for item, value in mine.items():
        tap(phone, item, value)
    expect_saved(phone, mine)
    expect(beamer.locator(".result:not([hidden]) [data-respondents]")).to_have_text("8")

    # A phone taps rood on 'visie': the beamer's bar changes within seconds, without a reload.
    visie_rood = beamer.locator(ROOD_VISIE)
    expected_before = api.results(session)[activity_id]["items"][0]["rood"]
    expect(visie_rood).to_have_text(str(expected_before))
    beamer.evaluate("window.__marker = 1")
    loaded = list(navigations)
    tap(phone, "visie", "rood")
    expect_saved(phone, {"visie": "rood"})
    expect(visie_rood).to_have_text(str(expected_before + 1), timeout=5000)
    assert beamer.evaluate("window.__marker") == 1, "the beamer reloaded"
    assert navigations == loaded, "the beamer navigated"
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=screenshots / "beamer-bars.png")

    # The console switches the beamer's view: priority (most rood first), then the heat map.
    results = api.results(session)[activity_id]
    console.locator("#activity-list select").select_option("priority")
    shown = beamer.locator(".result:not([hidden]) .sf")
    expect(shown).to_have_attribute("data-view", "priority")
    with_rood = [i["id"] for i in results["items"] if i["rood"]]
    expect(shown.locator(".sf-action:visible")).to_have_count(len(with_rood))
    on_screen = beamer.evaluate("""() => [...document.querySelectorAll('.result:not([hidden]) .sf-row')]
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map((row) => row.dataset.item)""")
    assert on_screen == results["priority"]
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=screenshots / "beamer-priority.png")

    console.locator("#activity-list select").select_option("heatmap")
    expect(shown).to_have_attribute("data-view", "heatmap")
    heatmap = shown.locator(".sf-heatmap")
    expect(heatmap).to_be_visible()
    expect(shown.locator(".sf-rows")).to_be_hidden()
    organisations = [o["name"] for o in results["organisations"]]
    assert organisations == ["Gemeente Roermond", "GGD Limburg", "Woonstichting Noord"]
    expect(heatmap.locator("thead th")).to_have_count(1 + len(organisations))
    for n, name in enumerate(organisations):
        expect(heatmap.locator("thead th").nth(n + 1)).to_have_text(hyphenated(name, whole=False))
    expect(heatmap.locator("tbody tr")).to_have_count(len(FACTORS))
    expect(heatmap.locator("tbody td")).to_have_count(len(FACTORS) * len(organisations))
    for n, organisation in enumerate(results["organisations"]):  # each cell: the counts of ja, twijfel, nee
        for item in ("visie", "vertrouwen"):
            cell = organisation["items"][item]
            expect(heatmap.locator(f"tbody tr[data-item={item}] td").nth(n).locator(".heat-count")).to_have_text(
                [str(cell[colour]) for colour in COLOURS])
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=screenshots / "beamer-heatmap.png")
    console.screenshot(path=screenshots / "console-live.png", full_page=True)
    assert beamer.evaluate("window.__marker") == 1 and navigations == loaded, "the beamer reloaded"


def test_qr_code_scans_to_the_join_url(server, contexts, api, screenshots):
    session = api.create_session(TITLE)
    page = contexts(1600, 1200).new_page()
    reply = page.goto(f"{server.base_url}/qr/{session['code']}.svg")
    assert reply.ok and reply.headers["content-type"].startswith("image/svg+xml")
    expect(page.locator("svg")).to_be_visible()
    assert decode_qr(page.screenshot()) == [session["join_url"]]  # as served: 37 mm, about 140 px
    # Drawn large, as the beamer shows it.
    page.evaluate("() => { const svg = document.documentElement; svg.setAttribute('width', '900'); "
                  "svg.setAttribute('height', '900'); }")
    png = page.screenshot(path=screenshots / "qr.png")
    assert decode_qr(png) == [session["join_url"]]
    assert session["join_url"] == f"{server.base_url}/j/{session['code']}"

