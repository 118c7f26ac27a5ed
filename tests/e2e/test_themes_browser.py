"""Themes and words in a real browser: the console groups cards into themes by dragging and with a card's theme
select, merges a card into another; the beamer shows the themes with their counts and the words used most."""

import re
from pathlib import Path

from playwright.sync_api import expect

from .axe import axe_context, report, violations
from .pages import assert_fits_the_screen, assert_no_horizontal_scroll, open_beamer

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "issue14"
CARDS = {  # Instrumentele motieven of a room of four organisations
    "Gemeente Venlo": ["Minder wachtlijsten in de zorg", "Kosten van de jeugdzorg omlaag", "Samen inkopen",
                       "Wachtlijsten korter maken"],
    "GGD Limburg-Noord": ["Gezondheid van inwoners verbeteren", "Data over gezondheid delen", "Kosten delen"],
    "Woonzorg Venlo": ["Wonen en zorg dichter bij elkaar", "Minder wachtlijsten voor beschermd wonen"],
    "Provincie Limburg": ["Regionale samenwerking versterken", "Kennis delen over de regio"],
}


def room(api, sio_client):
    """A motieven session, open, with the cards of four phones: (session, {text: card id})."""
    session = api.create_session("Thema's in de zaal", activities=("motieven",))
    screen = sio_client()
    assert screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=10)["ok"]
    assert screen.call("control", {"action": "open", "activity_id": 1}, timeout=10)["ok"]
    ids = {}
    for organisation, texts in CARDS.items():
        phone = sio_client()
        assert phone.call("join", {"code": session["code"], "name": "", "organisation": organisation}, timeout=10)["ok"]
        for text in texts:
            ack = phone.call("add_entry", {"activity_id": 1, "item": "instrumenteel", "text": text}, timeout=10)
            ids[text] = ack["entry"]["id"]
    return session, screen, ids


def themed_console(contexts, server, session, width, height):
    page = contexts(width, height).new_page()
    page.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    expect(page.locator("#themes-panel")).to_be_visible()
    return page


def test_the_console_groups_cards_by_drag_and_by_select_and_the_beamer_shows_themes_and_words(
        server, contexts, api, sio_client):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    session, _, ids = room(api, sio_client)
    console = themed_console(contexts, server, session, 1280, 800)
    beamer = open_beamer(contexts, server, session)
    panel = console.locator("#themes-panel")
    unthemed = panel.locator('.theme-column[data-theme-id=""]')
    expect(unthemed.locator(".theme-card")).to_have_count(11)

    for name in ("Wachtlijsten", "Kosten", "Samen en kennis"):
        console.fill("#theme-name", name)
        console.locator("#theme-new button[type=submit]").click()
        expect(console.locator("#theme-name")).to_have_value("")
    columns = panel.locator(".theme-column")
    expect(columns).to_have_count(4)
    expect(columns.first.locator(".theme-title")).to_have_text(re.compile("^Wachtlijsten 0 kaarten$"))

    # By drag: a card onto the theme's column.
    card = unthemed.locator(f'.theme-card[data-entry-id="{ids["Minder wachtlijsten in de zorg"]}"]')
    card.locator(".theme-card-text").drag_to(columns.nth(0).locator(".theme-head"))
    wachtlijsten = panel.locator(".theme-column", has=console.locator(".theme-title", has_text="Wachtlijsten"))
    expect(wachtlijsten.locator(".theme-card")).to_have_count(1)
    # By select (the keyboard way): focus the card's theme select and choose with the keys.
    select = panel.locator(f'.theme-card[data-entry-id="{ids["Kosten van de jeugdzorg omlaag"]}"] select')
    select.focus()
    select.select_option(label="Kosten")
    kosten = panel.locator(".theme-column", has=console.locator(".theme-title", has_text="Kosten"))
    expect(kosten.locator(".theme-card")).to_have_count(1)
    expect(kosten.locator("select")).to_be_focused()  # the redraw keeps the focus where it was
    for text, theme in (("Kosten delen", "Kosten"), ("Samen inkopen", "Samen en kennis"),
                        ("Kennis delen over de regio", "Samen en kennis"), ("Data over gezondheid delen",
                                                                           "Samen en kennis")):
        panel.locator(f'.theme-card[data-entry-id="{ids[text]}"] select').select_option(label=theme)
    expect(kosten.locator(".theme-card")).to_have_count(2)

    # Merge: 'Wachtlijsten korter maken' says the same as the card in Wachtlijsten; it counts there, shown as +1.
    panel.locator(f'.theme-card[data-entry-id="{ids["Wachtlijsten korter maken"]}"] [data-focus^=merge]').click()
    expect(panel.locator(".theme-merging")).to_contain_text("Wachtlijsten korter maken")
    wachtlijsten.locator(".theme-card [data-focus^=into]").click()
    expect(wachtlijsten.locator(".theme-title .badge")).to_have_text("2 kaarten")
    expect(wachtlijsten.locator(".theme-merged li")).to_have_count(1)
    expect(wachtlijsten.locator(".note-merged")).to_have_text("+1")
    panel.locator(f'.theme-card[data-entry-id="{ids["Minder wachtlijsten voor beschermd wonen"]}"] select') \
        .select_option(label="Wachtlijsten")
    expect(wachtlijsten.locator(".theme-title .badge")).to_have_text("3 kaarten")

    # Rename inline.
    kosten.locator("[data-focus^=rename]").click()
    field = panel.locator(".theme-rename input")
    expect(field).to_be_focused()
    field.fill("Kosten en geld")
    field.press("Enter")
    expect(panel.locator(".theme-title", has_text="Kosten en geld")).to_have_count(1)
    assert_no_horizontal_scroll(console, 1280)
    panel.scroll_into_view_if_needed()
    console.screenshot(path=OUTPUT / "themes-console-1280x800.png")

    # The beamer: the merged card is part of its card (+1), not a card of its own.
    notes = beamer.locator(".result:not([hidden]) .note")
    expect(notes).to_have_count(10)
    expect(beamer.locator(".result:not([hidden]) .note-merged")).to_have_text(re.compile(r"^\+1"))

    # The beamer's theme view: the themes with their counts, and the cards in none.
    console.locator("select[data-action=set_view]").select_option("themas")
    counts = beamer.locator(".card-views .theme-count")
    expect(counts).to_have_count(3)
    expect(counts.locator(".theme-count-n")).to_have_text(["3", "2", "3"])
    expect(beamer.locator(".theme-unthemed")).to_have_text("3 kaarten nog zonder thema")
    expect(beamer.locator(".result:not([hidden]) .mv")).to_be_hidden()
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=OUTPUT / "themes-beamer-1920x1080.png")

    # The word view: per card item the words used most, with their counts.
    console.locator("select[data-action=set_view]").select_option("woorden")
    words = beamer.locator('.word-item[data-item="instrumenteel"] .word')
    expect(words.first.locator(".word-text")).to_have_text("delen")
    expect(words.first.locator(".word-n")).to_have_text("3")
    assert beamer.locator('.word-item[data-item="instrumenteel"] .word-text', has_text=re.compile("^de$")).count() == 0
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=OUTPUT / "words-beamer-1920x1080.png")

    # Back to the cards: the layout's own view again.
    console.locator("select[data-action=set_view]").select_option("kolommen")
    expect(beamer.locator(".result:not([hidden]) .mv")).to_be_visible()
    expect(beamer.locator(".card-views")).to_be_hidden()

    # Deleting a theme puts its cards back in none.
    panel.locator(".theme-column", has=console.locator(".theme-title", has_text="Kosten en geld")) \
        .locator("[data-focus^=delete]").click()
    expect(panel.locator(".theme-column")).to_have_count(3)
    expect(unthemed.locator(".theme-title .badge")).to_have_text("5 kaarten")


def test_the_theme_board_and_the_card_views_pass_axe_at_1440x900(server, browser, api, sio_client):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    session, screen, ids = room(api, sio_client)
    for name in ("Wachtlijsten", "Kosten"):
        assert screen.call("theme", {"action": "create", "activity_id": 1, "name": name}, timeout=10)["ok"]
    assert screen.call("theme", {"action": "assign", "entry_id": ids["Samen inkopen"], "theme_id": 2}, timeout=10)["ok"]
    assert screen.call("theme", {"action": "merge", "entry_id": ids["Kosten delen"],
                                 "into": ids["Kosten van de jeugdzorg omlaag"]}, timeout=10)["ok"]
    found = {}
    context = axe_context(browser, 1440, 900, "nl")
    console = context.new_page()
    console.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    expect(console.locator(".theme-column")).to_have_count(3)
    expect(console.locator(".theme-merged li")).to_have_count(1)
    assert_no_horizontal_scroll(console, 1440)
    console.screenshot(path=OUTPUT / "themes-console-1440x900.png")
    found["console with themes"] = violations(console)
    console.locator(".theme-card [data-focus^=merge]").first.click()
    expect(console.locator(".theme-merging")).to_be_visible()
    found["console merging"] = violations(console)
    beamer = axe_context(browser, 1920, 1080, "nl").new_page()
    beamer.goto(f"{server.base_url}/f/{session['code']}/beamer#key={session['facilitator_key']}")
    for view in ("themas", "woorden"):
        assert screen.call("control", {"action": "set_view", "activity_id": 1, "view": view}, timeout=10)["ok"]
        expect(beamer.locator(f'.card-views[data-view="{view}"]')).to_be_visible()
        found[f"beamer {view}"] = violations(beamer)
    assert not any(found.values()), report(found)


def test_fifty_themes_fit_the_beamer(server, contexts, api, sio_client):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    session, screen, ids = room(api, sio_client)
    for n in range(50):
        assert screen.call("theme", {"action": "create", "activity_id": 1, "name": f"Thema nummer {n + 1}"},
                           timeout=10)["ok"]
    assert screen.call("control", {"action": "set_view", "activity_id": 1, "view": "themas"}, timeout=10)["ok"]
    beamer = open_beamer(contexts, server, session)
    expect(beamer.locator(".card-views .theme-count")).to_have_count(50)
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=OUTPUT / "themes-beamer-fifty-1920x1080.png")
