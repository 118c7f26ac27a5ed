"""The issue's whole scenario in one real browser: a facilitator designs a session of the quick scan, an own
stoplicht of four items, an instrument from handbooks 000, 001 and 004 and an own punten verdelen; reorders and
previews it; runs it with phones; adds one more activity while it runs; and exports it."""

import io
import re

import openpyxl
from playwright.sync_api import expect

from workshop.library import HANDBOOKS

from .pages import add, agenda_titles, build, drag, edit_agenda, join_phone, open_designer, preview_shows

LIBRARY = [("regiovisie_checklist", "000"), ("vijf_vs", "001"), ("governancemodel", "004")]


def activity_row(console, title):
    return console.locator("#activity-list .activity-item").filter(has_text=title)


def test_design_run_extend_and_export_a_session(server, contexts, api, screenshots):
    page = open_designer(contexts, server)
    page.locator("#agenda-list [data-remove]").click()  # the default succesfactoren
    add(page, "quickscan", "Nulmeting")
    build(page, "Onze vier factoren", [(f"Factor {n}", "stoplicht", {}) for n in range(1, 5)])
    for instrument, handbook in LIBRARY:
        card = page.locator(f".library-card[data-instrument='{instrument}']")
        expect(card.locator(".library-source")).to_contain_text(HANDBOOKS[handbook]["short"])
        add(page, instrument)
    build(page, "Waar gaan we voor?", [("Thema’s", "points", {"[data-options]": "Wonen\nZorg\nWerk",
                                                               "[data-points]": "10"})])
    assert len(agenda_titles(page)) == 6

    # Reorder: the priorities first (drag and drop), the own stoplicht one down (keyboard).
    items = page.locator("#agenda-list .agenda-item")
    drag(page, items.nth(5).locator(".drag-handle"), items.nth(0))
    items.nth(2).focus()
    page.keyboard.press("Alt+ArrowDown")
    order = agenda_titles(page)
    assert order[0] == "Waar gaan we voor?" and order[1] == "Nulmeting" and order[3] == "Onze vier factoren", order

    # Preview every activity as the phone will show it.
    for n, title in enumerate(order):
        items.nth(n).locator("[data-preview]").click()
        frame = preview_shows(page, title)
        if title == "Waar gaan we voor?":
            expect(frame.locator("[data-kind=points]")).to_have_count(1)
            page.locator("#phone-preview").screenshot(path=screenshots / "scenario-preview-points.png")
    page.fill("#title", "Wijkaanpak Venlo op maat")
    page.locator("#designer").evaluate("node => node.scrollIntoView()")
    page.screenshot(path=screenshots / "scenario-designer.png")

    # Start: the console lists the activities in this order.
    page.locator("#create-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/f/[A-Z2-9]{6}$"))
    code = page.url.rsplit("/", 1)[1]
    key = None
    for _ in range(50):  # the console keeps the key once the server said whose it is (a moderator's apart)
        key = page.evaluate(f"localStorage.getItem('werkatelier:key:{code}')")
        if key:
            break
        page.wait_for_timeout(100)
    console = page
    expect(console.locator("#activity-list .activity-item")).to_have_count(6)
    overview = api.get(f"/api/sessions/{code}", key)
    assert [a["title"] for a in overview["activities"]] == order
    assert [a["layout"] for a in overview["activities"]][:2] == ["eigen", "quickscan"]

    beamer = contexts(1920, 1080).new_page()
    beamer.goto(f"{server.base_url}/f/{code}/beamer#key={key}")

    # Run it: two phones spread their points, then the own stoplicht.
    phones = [join_phone(contexts, server, code, name, organisation)
              for name, organisation in (("Anna", "Gemeente Venlo"), ("Bram", "Wonen Limburg"))]
    activity_row(console, "Waar gaan we voor?").locator("[data-action=toggle-open]").click()
    for phone, spread in zip(phones, ({"wonen": 6, "zorg": 4}, {"werk": 5, "wonen": 2}), strict=True):
        field = phone.locator(".activity:not([hidden]) [data-kind=points]")
        for option, times in spread.items():
            for _ in range(times):
                field.locator(f".points-option[data-value='{option}'] [data-step='1']").tap()
        expect(field.locator("[data-status]")).to_have_text(re.compile("Opgeslagen"))
    phones[0].screenshot(path=screenshots / "scenario-phone-points.png")
    result = beamer.locator(".result:not([hidden])")
    expect(result.locator("[data-respondents]")).to_have_text("2")
    expect(result.locator(".points-row").first.locator(".points-label")).to_have_text("Wonen")
    expect(result.locator(".points-row").first.locator(".points-total")).to_have_text("8")
    beamer.screenshot(path=screenshots / "scenario-beamer-points.png")

    activity_row(console, "Onze vier factoren").locator("[data-action=toggle-open]").click()
    for phone, colour in zip(phones, ("groen", "rood"), strict=True):
        for n in range(4):
            factor = phone.locator(f".activity:not([hidden]) [data-item=v{n + 1}]")
            factor.locator(f"label[data-value={colour if n % 2 == 0 else 'oranje'}]").tap()
            expect(factor.locator("[data-status]")).to_have_text("Opgeslagen ✓")
    expect(beamer.locator(".result:not([hidden]) [data-respondents]")).to_have_text("2")
    beamer.screenshot(path=screenshots / "scenario-beamer-stoplicht.png")

    # One more activity while it runs: an own one, built in the console.
    edit_agenda(console)
    console.click("#build-activity")
    dialog = console.locator("#builder-dialog")
    dialog.locator("#builder-title").fill("Wat nemen we mee?")
    dialog.locator(".builder-item").first.locator("[data-kind]").select_option("text")
    dialog.locator(".builder-item").first.locator("[data-label]").fill("Afspraak")
    dialog.locator("[data-builder-save]").click()
    expect(console.locator("#activity-list .activity-item")).to_have_count(7)
    activity_row(console, "Wat nemen we mee?").locator("[data-action=toggle-open]").click()
    card = phones[1].locator(".activity:not([hidden]) [data-kind=text]")  # the phone reloads for the new activity
    expect(card).to_be_visible(timeout=15000)
    card.locator("textarea").fill("Elke maand samen de wachtlijst bekijken")
    card.locator("[data-submit]").tap()
    expect(card.locator("[data-entries] li p")).to_have_text(["Elke maand samen de wachtlijst bekijken"])
    expect(beamer.locator(".result:not([hidden]) .note-text")).to_have_text(
        ["Elke maand samen de wachtlijst bekijken"], timeout=15000)
    console.screenshot(path=screenshots / "scenario-console.png")

    # Export: a sheet per activity, the points ranked, the card in the raw sheet.
    workbook = openpyxl.load_workbook(io.BytesIO(api.get_bytes(f"/api/sessions/{code}/export.xlsx", key)))
    assert len(workbook.sheetnames) == 1 + 7 + 1, workbook.sheetnames
    rows = [[c for c in row if c is not None] for row in workbook.worksheets[1].iter_rows(values_only=True)]
    assert [1, "Wonen", 8, 4] in rows, rows  # ranked, with the mean per person
    raw = [row for row in workbook["Alle antwoorden"].iter_rows(values_only=True)]
    assert any("Elke maand samen de wachtlijst bekijken" in row for row in raw)
    assert any(row[6] == "Wonen: 6; Zorg: 4" for row in raw)
