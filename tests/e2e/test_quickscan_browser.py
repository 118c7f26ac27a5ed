"""The quick scan in a real browser: phones grade the five conditions, the beamer shows the room live.

Screenshots land in test-output/screenshots/quickscan-*.png for a person to look at.
"""

import re
import statistics
from decimal import ROUND_HALF_UP, Decimal

from playwright.sync_api import expect

from .pages import (assert_fits_the_screen, assert_no_horizontal_scroll, hyphenated, join_phone, open_beamer,
                    open_console)
from .support import wait_for

TITLE = "Evaluatie samenwerking wijkteams"
IDS = ("ambitie", "belangen", "relatie", "organisatie", "proces")
LABELS = ("Ambitie", "Belangen", "Relatie", "Organisatie", "Proces")
NO_ORGANISATION = "Zonder organisatie"

# A room of twelve. On 'relatie' they clearly disagree (the municipality and the GGD rate it high, the care
# group and the GGD's second person low); elsewhere the grades lie close together. The GGD leaves
# 'ambitie' open and Kim (no organisation) 'proces': not everyone grades everything.
ROOM = (  # name, organisation, grades for ambitie, belangen, relatie, organisatie, proces
    ("Anouk", "Gemeente Roermond", (8, 7, 9, 6, 7)),  # the phone in the browser
    ("Bram", "Zorggroep Noord", (7, 6, 3, 6, 8)),
    ("Carla", "Gemeente Roermond", (8, 6, 10, 7, 7)),
    ("Dewi", "gemeente  roermond", (7, 7, 8, 5, 6)),
    ("Erik", "Zorggroep Noord", (6, 5, 2, 6, 7)),
    ("Fatima", "Zorggroep Noord", (7, 6, 3, 7, 8)),
    ("Gijs", "Woonstichting Maasdal", (9, 7, 6, 8, 7)),
    ("Hanna", "Woonstichting Maasdal", (8, 8, 5, 7, 6)),
    ("Iris", "GGD Limburg-Noord", (None, 6, 9, 6, 7)),
    ("Jeroen", "GGD Limburg-Noord", (None, 7, 2, 6, 8)),
    ("Kim", "", (8, 6, 10, 7, None)),
    ("Lars", "Gemeente Roermond", (7, 6, 9, 6, 6)),
)
# Grouped as the server does (case and spacing forgiven), alphabetically, no organisation last.
ORGANISATIONS = ("Gemeente Roermond", "GGD Limburg-Noord", "Woonstichting Maasdal", "Zorggroep Noord",
                 NO_ORGANISATION)


def field(page, item):
    return page.locator(f".activity:not([hidden]) [data-item='{item}'][data-kind=scale]")


def tap(page, item, grade):
    field(page, item).locator(f"label.scale-step[data-value='{grade}']").tap()


def expect_pressed(page, grades, saved=True):
    """Each item has exactly its grade pressed (and says 'Opgeslagen' if `saved`)."""
    for item, grade in grades.items():
        box = field(page, item)
        expect(box.locator("input:checked")).to_have_count(1)
        expect(box.locator(f"input[value='{grade}']")).to_be_checked()
        if saved:
            expect(box.locator("[data-status]")).to_have_text(re.compile("Opgeslagen"))


def dutch(value) -> str:
    """A number as the beamer writes it: at most one decimal, a decimal comma ('6,3', '7')."""
    text = f"{Decimal(str(value)).quantize(Decimal('0.1'), ROUND_HALF_UP):f}".replace(".", ",")
    return text.removesuffix(",0")


def grades_of(item, room=ROOM):
    n = IDS.index(item)
    return [grades[n] for _, _, grades in room if grades[n] is not None]


def organisation_of(typed):
    """The column a participant's typed organisation ends up in."""
    key = " ".join(typed.split()).casefold()
    return next((name for name in ORGANISATIONS if name.casefold() == key), NO_ORGANISATION)


def test_phones_grade_through_the_real_page_and_keep_their_grades(server, contexts, api, screenshots):
    session = api.create_session(TITLE, activities=("quickscan",))
    console = open_console(contexts, server, session)
    anouk = join_phone(contexts, server, session["code"], "Anouk", "Gemeente Roermond", 390, 844)
    bram = join_phone(contexts, server, session["code"], "Bram", "Zorggroep Noord", 360, 740)
    phones = ((anouk, 390), (bram, 360))
    console.locator("[data-action=toggle-open]").click()
    expect(console.locator("#activity-list [data-state]")).to_have_text("open")

    for page, width in phones:
        section = page.locator(".activity:not([hidden])")
        expect(section.locator("h2")).to_have_text("Quick scan samenwerking")
        expect(section.locator("[data-kind=scale]")).to_have_count(5)
        expect(section.locator(".field-label")).to_have_text(list(LABELS))
        expect(field(page, "proces").locator(".question")).to_have_text("Zorg voor een goed proces")
        expect(field(page, "proces").locator(".help li")).to_have_count(4)
        expect(field(page, "proces").locator(".help li").nth(2)).to_have_text(
            "Is duidelijk wie de procesregie voert en functioneert dit goed?")
        expect(field(page, "ambitie").locator("label.scale-step")).to_have_text([str(n) for n in range(1, 11)])
        expect(section.locator(".scale-step input:checked")).to_have_count(0)
        expect(section.locator(".scale-step input:disabled")).to_have_count(0)
        expect(section.locator("[data-progress]")).to_have_text("0")
        assert_no_horizontal_scroll(page, width)

    # Both tap their grades; every button a thumb can hit (the 360 px phone has the narrowest ones).
    step = field(bram, "ambitie").locator("label.scale-step").first.bounding_box()
    assert step["width"] >= 44 and step["height"] >= 44, step
    anouk_grades = dict(zip(IDS, ROOM[0][2], strict=True))
    bram_grades = {"ambitie": 7, "relatie": 7, "proces": 8}
    for page, grades in ((anouk, anouk_grades), (bram, bram_grades)):
        for item, grade in grades.items():
            tap(page, item, grade)
        expect_pressed(page, grades)
        expect(page.locator(".activity:not([hidden]) [data-progress]")).to_have_text(str(len(grades)))
    tap(bram, "relatie", 3)  # a second thought replaces the first grade
    bram_grades["relatie"] = 3
    expect_pressed(bram, bram_grades)
    expect(bram.locator(".activity:not([hidden]) [data-progress]")).to_have_text("3")
    for page, width in phones:
        assert_no_horizontal_scroll(page, width)

    # The server stored exactly what was tapped, as text.
    export = api.get(f"/api/sessions/{session['code']}/export.json", session["facilitator_key"])
    ids = {p["name"]: p["id"] for p in export["participants"]}
    assert {(a["participant_id"], a["item"]): a["value"] for a in export["answers"]} == {
        **{(ids["Anouk"], item): str(grade) for item, grade in anouk_grades.items()},
        **{(ids["Bram"], item): str(grade) for item, grade in bram_grades.items()}}

    # The relatie field with its grade pressed, as a person sees it on the phone.
    field(anouk, "relatie").scroll_into_view_if_needed()
    anouk.screenshot(path=screenshots / "quickscan-phone.png")
    bram.evaluate("window.scrollTo(0, 0)")
    bram.screenshot(path=screenshots / "quickscan-phone-360-full.png", full_page=True)

    # A reload keeps the identity and the grades.
    anouk.reload()
    expect(field(anouk, "ambitie")).to_be_visible()
    expect(anouk.locator("#join")).to_be_hidden()
    expect(anouk.locator("#me")).to_have_text("Anouk · Gemeente Roermond")
    expect_pressed(anouk, anouk_grades, saved=False)
    expect(anouk.locator(".activity:not([hidden]) [data-progress]")).to_have_text("5")
    expect(console.locator(".join-info [data-participants]")).to_have_text("2")
    assert_no_horizontal_scroll(anouk, 390)

    # Closed: a banner, the grade buttons disabled, the grades still shown.
    console.locator("[data-action=toggle-open]").click()
    for page, grades in ((anouk, anouk_grades), (bram, bram_grades)):
        section = page.locator(".activity:not([hidden])")
        expect(section.locator("[data-closed-banner]")).to_be_visible()
        expect(section.locator(".scale-step input:enabled")).to_have_count(0)
        expect_pressed(page, grades, saved=False)
    bram.evaluate("window.scrollTo(0, 0)")
    bram.screenshot(path=screenshots / "quickscan-phone-closed.png")


def test_the_beamer_shows_the_room_live_in_both_views(server, contexts, api, sio_client, screenshots):
    session = api.create_session(TITLE, activities=("quickscan",))
    console = open_console(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    anouk = join_phone(contexts, server, session["code"], "Anouk", "Gemeente Roermond")
    console.locator("[data-action=toggle-open]").click()
    expect(beamer.locator("#activity-title")).to_have_text("Quick scan samenwerking")
    shown = beamer.locator(".result:not([hidden]) .qs")
    expect(shown).to_have_attribute("data-view", "verdeling")
    expect(shown.locator(".qs-row")).to_have_count(5)
    expect(shown.locator(".qs-label strong")).to_have_text([hyphenated(label) for label in LABELS])
    expect(shown.locator(".legend [data-legend]:visible")).to_have_text(re.compile("elke staaf is het aantal"))
    beamer.evaluate("window.__marker = 1")

    # Eleven phones over Socket.IO, then Anouk taps hers in the browser.
    for name, organisation, grades in ROOM[1:]:
        phone = sio_client()
        assert phone.call("join", {"code": session["code"], "name": name, "organisation": organisation},
                          timeout=5)["ok"]
        for item, grade in zip(IDS, grades, strict=True):
            if grade is not None:
                ack = phone.call("answer", {"activity_id": 1, "item": item, "value": grade}, timeout=5)
                assert ack["ok"], ack
    expect(shown.locator("[data-respondents]")).to_have_text("11")
    for item, grade in zip(IDS, ROOM[0][2], strict=True):
        tap(anouk, item, grade)
    expect_pressed(anouk, dict(zip(IDS, ROOM[0][2], strict=True)))
    expect(shown.locator("[data-respondents]")).to_have_text("12")

    # The server agrees with the room; only 'relatie' is spread out.
    [aggregate] = api.results(session).values()
    for item in IDS:
        values = grades_of(item)
        summary = aggregate["items"][item]
        assert summary["counts"] == [values.count(g) for g in range(1, 11)], item
        assert summary["median"] == statistics.median(values), item
        assert summary["disagree"] is (item == "relatie"), (item, summary["sd"])

    # The distribution per condition: a count above each column, mean and median in Dutch, one badge.
    for item in IDS:
        values = grades_of(item)
        row = shown.locator(f".qs-row[data-item={item}]")
        expect(row.locator(".dist-count")).to_have_text([str(values.count(g) or "") for g in range(1, 11)])
        expect(row.locator(".dist-axis span")).to_have_text([str(g) for g in range(1, 11)])
        expect(row.locator(".stat-mean")).to_have_text(f"gemiddeld {dutch(round(statistics.fmean(values), 2))}")
        expect(row.locator(".stat-median")).to_have_text(f"mediaan {dutch(statistics.median(values))}")
        expect(row.locator(".dist-mean")).to_have_count(1)
        expect(row.locator(".dist-median")).to_have_count(1)
    expect(shown.locator(".qs-row[data-item=relatie] .stat-mean")).to_have_text("gemiddeld 6,3")  # 76 / 12
    expect(shown.locator(".qs-row[data-item=ambitie] .stat-median")).to_have_text("mediaan 7,5")
    expect(shown.locator(".disagree")).to_have_count(1)
    expect(shown.locator(".qs-row[data-item=relatie] .disagree")).to_have_text("verschil van inzicht")
    expect(shown.locator(".qs-row[data-item=relatie] .disagree")).to_be_visible()
    expect(shown.locator(".qs-row.qs-disagree")).to_have_count(1)
    expect(shown.locator(".qs-row.qs-disagree")).to_have_attribute("data-item", "relatie")
    assert_inside(shown.locator(".qs-row[data-item=relatie] .disagree"), shown.locator(".qs-row[data-item=relatie]"))
    # A column's height is proportional to its count (the count above it takes no height from the bar).
    for item in ("ambitie", "relatie"):
        counts = aggregate["items"][item]["counts"]
        bars = shown.locator(f".qs-row[data-item={item}] .dist-bar")

        def proportional(bars=bars, counts=counts):  # polled: the bars grow with a short transition
            heights = bars.evaluate_all("bars => bars.map((bar) => bar.getBoundingClientRect().height)")
            tallest = max(heights)
            return tallest > 40 and [round(h / tallest * max(counts), 1) for h in heights] == counts

        wait_for(proportional, message=f"bars proportional to the counts of {item}")
    assert_fits_the_screen(beamer)
    assert_labels_readable(beamer)
    beamer.screenshot(path=screenshots / "quickscan-beamer-verdeling.png")

    # Live: Anouk changes her mind on 'organisatie' (6 -> 9); the beamer follows without a reload.
    nines = shown.locator(".qs-row[data-item=organisatie] .dist-col").nth(8).locator(".dist-count")
    expect(nines).to_have_text("")
    tap(anouk, "organisatie", 9)
    expect_pressed(anouk, {"organisatie": 9})
    expect(nines).to_have_text("1")
    expect(shown.locator(".qs-row[data-item=organisatie] .dist-col").nth(5).locator(".dist-count")).to_have_text(
        str(grades_of("organisatie").count(6) - 1))
    assert beamer.evaluate("window.__marker") == 1, "the beamer reloaded"

    # The facilitator switches the beamer to the table per organisation.
    console.locator("#activity-list select").select_option("organisaties")
    expect(shown).to_have_attribute("data-view", "organisaties")
    table = shown.locator(".qs-organisations")
    expect(table).to_be_visible()
    expect(shown.locator(".qs-rows")).to_be_hidden()
    expect(shown.locator(".legend [data-legend]:visible")).to_have_text(re.compile("Per organisatie het gemiddelde"))
    expect(table.locator("thead th")).to_have_text(["Conditie", "Iedereen", *map(hyphenated, ORGANISATIONS)])
    expect(table.locator("tbody th")).to_have_text([hyphenated(label) for label in LABELS])
    room = [(name, organisation, grades) for name, organisation, grades in ROOM]
    room[0] = ("Anouk", "Gemeente Roermond", (8, 7, 9, 9, 7))  # her new grade for 'organisatie'
    for item in IDS:
        cells = table.locator(f"tbody tr[data-item={item}] td")
        expect(cells).to_have_count(1 + len(ORGANISATIONS))
        everyone = grades_of(item, room)
        expect(cells.nth(0).locator("strong")).to_have_text(dutch(round(statistics.fmean(everyone), 2)))
        expect(cells.nth(0).locator("span")).to_have_text(f" ({dutch(statistics.median(everyone))})")
        expect(cells.nth(0).locator("small")).to_have_text(re.compile(rf"^n = {len(everyone)}\b"))
        for n, organisation in enumerate(ORGANISATIONS, start=1):
            mine = grades_of(item, [r for r in room if organisation_of(r[1]) == organisation])
            if not mine:
                expect(cells.nth(n)).to_have_text("–")
                expect(cells.nth(n)).to_have_class("heat-empty")
                continue
            expect(cells.nth(n).locator("strong")).to_have_text(dutch(round(statistics.fmean(mine), 2)))
            expect(cells.nth(n).locator("span")).to_have_text(f" ({dutch(statistics.median(mine))})")
            expect(cells.nth(n).locator("small")).to_have_text(re.compile(rf"^n = {len(mine)}\b"))
    # Within the municipality (9, 10, 8, 9) they agree on 'relatie'; across the room they do not.
    relatie = table.locator("tbody tr[data-item=relatie] td")
    expect(relatie.nth(0).locator("small")).to_have_text("n = 12 ⚠")
    expect(relatie.nth(1)).to_have_text("9 (9)n = 4")
    expect(table.locator("tbody tr[data-item=ambitie] td").nth(2)).to_have_text("–")  # the GGD left it open
    assert_fits_the_screen(beamer)
    assert_labels_readable(beamer)
    beamer.screenshot(path=screenshots / "quickscan-beamer-organisaties.png")
    console.screenshot(path=screenshots / "quickscan-console.png", full_page=True)

    # And back to the distribution.
    console.locator("#activity-list select").select_option("verdeling")
    expect(shown).to_have_attribute("data-view", "verdeling")
    expect(shown.locator(".qs-rows")).to_be_visible()
    expect(table).to_be_hidden()
    expect(shown.locator(".legend [data-legend]:visible")).to_have_text(re.compile("elke staaf is het aantal"))
    assert beamer.evaluate("window.__marker") == 1, "the beamer reloaded"


def assert_labels_readable(beamer, smallest=20):
    """Read from the back of the room: no text of the shown result below `smallest` px on a 1080p beamer."""
    sizes = beamer.evaluate("""() => {
        const shown = document.querySelector('.beamer-main > :not([hidden])');
        const found = [];
        for (const el of shown.querySelectorAll('*')) {
            const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
            const box = el.getBoundingClientRect();
            if (own && box.width && box.height) {
                found.push([el.className || el.tagName, parseFloat(getComputedStyle(el).fontSize)]);
            }
        }
        return found;
    }""")
    small = [(name, size) for name, size in sizes if size < smallest]
    assert not small, f"text too small for the back of the room: {small[:8]}"


def assert_inside(child, parent):
    """`child` is drawn within `parent`'s box (e.g. the badge within its highlighted row)."""
    inner, outer = child.bounding_box(), parent.bounding_box()
    assert outer["x"] <= inner["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"], (inner, outer)
    assert outer["y"] <= inner["y"] and inner["y"] + inner["height"] <= outer["y"] + outer["height"], (inner, outer)
