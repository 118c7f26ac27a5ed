"""Halen en brengen in a real browser: phones answer for their own organisation (one is asked for it first)
and see what colleagues of that organisation wrote, live; the beamer shows the matrix of organisations
live and fits the screen; the console hides a card and shows names.

Screenshots: test-output/screenshots/halen_brengen-*.png.
"""

import re

from playwright.sync_api import expect

from .pages import assert_fits_the_screen, assert_no_horizontal_scroll, join_phone, open_beamer, open_console

TITLE = "Halen en brengen wijkaanpak Noord"
ROERMOND = "Gemeente Roermond"
# The rest of the room, over Socket.IO: organisation -> (cards per item, balance answers).
ROOM = {
    "Woonstichting Noord": ({"belangen": ["Huurders die hun huur kunnen blijven betalen", "Rust in de buurt"],
                             "halen": ["Begeleiding voor nieuwe huurders", "Snel contact bij zorgen"],
                             "brengen": ["Woningen voor uitstroom", "Wooncoaches"]}, (2, 3)),
    "GGD Limburg": ({"belangen": ["Gezondheid van kwetsbare inwoners"],
                     "halen": ["Signalen uit de wijk"],
                     "brengen": ["Cijfers over gezondheid in de wijk", "Een sociaal verpleegkundige"]}, (5, 1, 4)),
    "Zorggroep Horizon": ({"belangen": ["Doorstroom uit beschermd wonen"],
                           "halen": ["Woningen voor cliënten die klaar zijn om te verhuizen"],
                           "brengen": ["Ambulante begeleiding na de verhuizing", "Een vast aanspreekpunt"]}, (4, 4)),
}


def section(page):
    return page.locator(".activity:not([hidden])")


def add_card(page, item, text):
    field = section(page).locator(f"[data-item={item}]")
    field.locator("[data-entry-form] textarea").fill(text)
    field.locator("[data-entry-form] button[type=submit]").tap()
    expect(field.locator("[data-status]")).to_have_text("Opgeslagen ✓")
    expect(field.locator("[data-entries] li p", has_text=text)).to_have_count(1)


def tap_balance(page, value):
    field = section(page).locator("[data-item=balans]")
    field.locator(f"label[data-value='{value}']").tap()
    expect(field.locator("[data-status]")).to_have_text("Opgeslagen ✓")
    expect(field.locator("label:has(input:checked)")).to_have_text(str(value))


def colleagues_of(page, item):
    return section(page).locator(f"[data-item={item}] [data-colleagues]")


def join_without_organisation(contexts, server, code, name, width, height):
    page = contexts(width, height, phone=True).new_page()
    page.goto(f"{server.base_url}/j/{code}")
    page.fill("#name", name)
    page.locator("#join-form button[type=submit]").tap()
    expect(page.locator("#join")).to_be_hidden()
    expect(page.locator("#me")).to_have_text(name)
    return page


def room_phone(sio_client, code, n, organisation):
    phone = sio_client()
    ack = phone.call("join", {"code": code, "name": f"Deelnemer {n}", "organisation": organisation}, timeout=5)
    assert ack["ok"], ack
    return phone


def cell(beamer, organisation, item):
    row = beamer.locator(".result:not([hidden]) .hb-matrix tbody tr", has=beamer.locator("th", has_text=organisation))
    return row.locator(f"td[data-item={item}]")


def test_phones_fill_in_for_their_organisation_and_the_beamer_shows_the_matrix(server, contexts, api, sio_client,
                                                                                screenshots):
    session = api.create_session(TITLE, activities=("halen_brengen",))
    code = session["code"]
    console = open_console(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    anna = join_phone(contexts, server, code, "Anna", ROERMOND, 390, 844)
    bram = join_without_organisation(contexts, server, code, "Bram", 360, 740)
    console.locator("[data-action=toggle-open]").click()
    expect(beamer.locator("#activity-title")).to_have_text("Halen en brengen")
    matrix = beamer.locator(".result:not([hidden]) .hb")
    expect(matrix.locator("[data-empty]")).to_be_visible()

    # Anna gave her organisation when joining: the four questions right away, for Gemeente Roermond.
    expect(section(anna).locator("[data-organisation-form]")).to_be_hidden()
    expect(section(anna).locator("[data-organisation-name]")).to_have_text(ROERMOND)
    expect(section(anna).locator(".field")).to_have_count(4)
    expect(section(anna).locator("[data-item=halen] .question")).to_have_text(
        "Wat wil jouw organisatie daarvoor uit de samenwerking halen?")

    # Bram did not: he is asked for it first, and sees no questions until he gives it.
    organisation_form = section(bram).locator("[data-organisation-form]")
    expect(organisation_form).to_be_visible()
    expect(section(bram).locator(".field:visible")).to_have_count(0)
    assert_no_horizontal_scroll(bram, 360)
    bram.screenshot(path=screenshots / "halen_brengen-phone-360-organisation.png")

    # Anna writes cards and answers the slotvraag.
    add_card(anna, "belangen", "Minder mensen op de wachtlijst voor een woning")
    add_card(anna, "halen", "Snel een passende woning voor wie uitstroomt")
    add_card(anna, "brengen", "Regie op de samenwerking")
    tap_balance(anna, 4)
    expect(section(anna).locator("[data-progress]")).to_have_text("4")

    # Bram types his organisation differently; he is Anna's colleague and sees her cards.
    organisation_form.locator("input").fill("  gemeente   roermond ")
    organisation_form.locator("button[type=submit]").tap()
    expect(organisation_form).to_be_hidden()
    expect(section(bram).locator("[data-organisation-name]")).to_have_text("gemeente roermond")
    expect(section(bram).locator(".field:visible")).to_have_count(4)
    expect(colleagues_of(bram, "halen").locator("li p")).to_have_text(["Snel een passende woning voor wie uitstroomt"])
    expect(colleagues_of(bram, "brengen").locator("li p")).to_have_text(["Regie op de samenwerking"])

    # Live, both ways: Bram writes, Anna sees it without a reload, and the other way round.
    anna.evaluate("window.__marker = 1")
    add_card(bram, "brengen", "Schuldhulp vanaf dag één")
    expect(colleagues_of(anna, "brengen").locator("li p")).to_have_text(["Schuldhulp vanaf dag één"])
    add_card(anna, "halen", "Een vast aanspreekpunt bij de corporatie")
    expect(colleagues_of(bram, "halen").locator("li p")).to_have_text(
        ["Snel een passende woning voor wie uitstroomt", "Een vast aanspreekpunt bij de corporatie"])
    assert anna.evaluate("window.__marker") == 1, "Anna's phone reloaded"
    tap_balance(bram, 2)

    # Three more organisations fill in over Socket.IO; none of it reaches the Roermond phones.
    n = 0
    for organisation, (cards, balances) in ROOM.items():
        for value in balances:
            n += 1
            phone = room_phone(sio_client, code, n, organisation)
            assert phone.call("answer", {"activity_id": 1, "item": "balans", "value": value}, timeout=5)["ok"]
        for item, texts in cards.items():
            for text in texts:
                ack = phone.call("add_entry", {"activity_id": 1, "item": item, "text": text}, timeout=5)
                assert ack["ok"], ack

    # The beamer: a row per organisation (alphabetical), cards in the cells, the balance beside them.
    names = ["Gemeente Roermond", "GGD Limburg", "Woonstichting Noord", "Zorggroep Horizon"]
    rows = matrix.locator(".hb-matrix tbody tr")
    expect(rows.locator("th strong")).to_have_text(names)
    expect(matrix.locator("[data-empty]")).to_be_hidden()
    expect(matrix.locator("[data-respondents]")).to_have_text("9")
    expect(cell(beamer, "Woonstichting Noord", "brengen").locator(".note-text")).to_have_text(
        ["Wooncoaches", "Woningen voor uitstroom"])  # newest first
    expect(cell(beamer, ROERMOND, "halen").locator(".note")).to_have_count(2)
    roermond_balance = rows.nth(0).locator(".hb-balance")
    expect(roermond_balance.locator(".hb-mean")).to_have_text("3")
    expect(roermond_balance.locator(".stat-n")).to_have_text("n = 2")
    expect(rows.nth(1).locator(".hb-balance .disagree")).to_have_text("verschil van inzicht")  # GGD: 5, 1, 4
    expect(rows.nth(1).locator(".hb-balance .hb-mean")).to_have_text("3,3")
    expect(matrix.locator(".note-meta")).to_have_count(0)  # anonymous, and no organisation on every card
    for item in ("belangen", "halen", "brengen"):
        for phone in (anna, bram):
            expect(colleagues_of(phone, item).locator("li", has_text=re.compile("Wooncoach|GGD|Zorg|Cijfers"))) \
                .to_have_count(0)

    # Live on the beamer: a new card from Anna's phone appears without a reload.
    beamer.evaluate("window.__marker = 1")
    add_card(anna, "belangen", "Geen dakloosheid na uitstroom")
    expect(cell(beamer, ROERMOND, "belangen").locator(".note-text").first).to_have_text(
        "Geen dakloosheid na uitstroom")
    assert beamer.evaluate("window.__marker") == 1, "the beamer reloaded"
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=screenshots / "halen_brengen-beamer.png", animations="disabled")

    for page, width in ((anna, 390), (bram, 360)):
        assert_no_horizontal_scroll(page, width)
    for page in (anna, bram):
        page.evaluate("window.scrollTo(0, 0)")  # the sticky progress line follows the scroll
    anna.screenshot(path=screenshots / "halen_brengen-phone-390.png", full_page=True)
    bram.screenshot(path=screenshots / "halen_brengen-phone-360-colleagues.png", full_page=True)

    # The console hides a card: off the beamer and off the colleague's phone, greyed in the console.
    preview = console.locator(".preview .result:not([hidden])")
    hidden_text = "Regie op de samenwerking"
    preview.locator(".note", has_text=hidden_text).locator("[data-moderate=hidden]").click()
    expect(cell(beamer, ROERMOND, "brengen").locator(".note-text")).to_have_text(["Schuldhulp vanaf dag één"])
    expect(colleagues_of(bram, "brengen")).to_be_hidden()
    expect(preview.locator(".note-hidden")).to_have_text(re.compile(hidden_text))
    expect(preview.locator(".note-hidden .badge")).to_have_text("verborgen")
    # Names only when the facilitator shows them.
    console.locator("[data-action=toggle-names]").click()
    expect(cell(beamer, ROERMOND, "brengen").locator(".note-meta")).to_have_text(["Bram"])
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=screenshots / "halen_brengen-beamer-names.png", animations="disabled")
    console.screenshot(path=screenshots / "halen_brengen-console.png", full_page=True)
    console.locator("[data-action=toggle-names]").click()
    expect(matrix.locator(".note-meta")).to_have_count(0)


def test_a_full_matrix_still_fits_the_beamer(server, contexts, api, sio_client, screenshots):
    """Four organisations with the most cards allowed: the cards keep a readable size and the matrix pages
    (issue 14; tests/e2e/test_wall_browser.py pages through every card)."""
    session = api.create_session(TITLE, activities=("halen_brengen",))
    console = open_console(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    console.locator("[data-action=toggle-open]").click()
    expect(beamer.locator("#activity-title")).to_have_text("Halen en brengen")
    organisations = ["Gemeente Roermond", "Woonstichting Noord", "GGD Limburg", "Zorggroep Horizon"]
    for n, organisation in enumerate(organisations):
        for person in range(2):
            phone = room_phone(sio_client, session["code"], f"{n}.{person}", organisation)
            assert phone.call("answer", {"activity_id": 1, "item": "balans", "value": 1 + (n + person) % 5},
                              timeout=5)["ok"]
            for item in ("belangen", "halen", "brengen"):
                for card in range(5):
                    text = f"{organisation}: {item} {person + 1}.{card + 1}, een wat langere kaart met uitleg " \
                           "over wat dit precies betekent voor de samenwerking in de wijk"
                    ack = phone.call("add_entry", {"activity_id": 1, "item": item, "text": text}, timeout=5)
                    assert ack["ok"], ack
    matrix = beamer.locator(".result:not([hidden]) .hb")
    expect(matrix.locator(".hb-matrix tbody tr")).to_have_count(4)
    expect(matrix.locator("[data-respondents]")).to_have_text("8")
    expect(cell(beamer, "Zorggroep Horizon", "brengen").locator(".note-text").first).to_have_text(re.compile(
        r"^Zorggroep Horizon: brengen 2\.5,"))  # the last card sent, newest first
    expect(beamer.locator(".result:not([hidden]) .wall-page")).to_have_text(re.compile(r"^pagina 1 van \d+$"))
    assert_fits_the_screen(beamer)
    sizes = matrix.locator(".note-text:visible").evaluate_all(
        "cards => cards.map(c => parseFloat(getComputedStyle(c).fontSize))")
    assert sizes and min(sizes) >= 24, sizes
    beamer.screenshot(path=screenshots / "halen_brengen-beamer-full.png", animations="disabled")
    # The console shows every card (it scrolls), none left out.
    expect(console.locator(".preview .result:not([hidden]) .note")).to_have_count(4 * 2 * 3 * 5)
