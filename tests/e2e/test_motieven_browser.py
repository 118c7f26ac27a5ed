"""Motieven van samenwerkingspartners in a real browser: three phones of three organisations write their
instrumentele, affectieve and morele motieven and answer the two scales; the console opens the activity
and moderates; the beamer shows the cards live, all together and per organisation, and the two scales.

Screenshots: test-output/screenshots/motieven-*.png.
"""

import re

from playwright.sync_api import expect

from .pages import assert_fits_the_screen, assert_no_horizontal_scroll, join_phone, open_beamer, open_console

MOTIVES = ("instrumenteel", "affectief", "moreel")
SHOWN = ".result:not([hidden]) .mv"
LONG = ("Wij willen dat cliënten na beschermd wonen echt een plek in de wijk vinden, met begeleiding die past "
        "en buren die hen welkom heten.")
ROOM = {
    ("Anna", "Gemeente Venlo", 390, 844): {
        "instrumenteel": ["Minder dure plekken in beschermd wonen", "Doorstroom uit de opvang op gang"],
        "affectief": ["Loyaal aan de regiogemeenten"],
        "moreel": ["Iedereen verdient een thuis in de wijk 🏠"],
        "bekend": 2, "vertalen": 3,
    },
    ("Bram", "Woningcorporatie Thuis Wonen", 390, 844): {
        "instrumenteel": ["Geen overlast in de portiek", "Passende huurders voor vrijkomende woningen",
                          "Goede afspraken over de begeleiding"],
        "affectief": ["Betrokken bij onze buurten en bewoners", "We kennen de zorgpartners al jaren"],
        "moreel": ["Volkshuisvesting is er voor iedereen"],
        "bekend": 4, "vertalen": 2,
    },
    ("Chantal", "Zorggroep Noord", 360, 780): {
        "instrumenteel": ["Cliënten sneller zelfstandig", "Financiering van ambulante begeleiding"],
        "affectief": ["Solidair met cliënten en hun naasten", "Trots op ons team ‘Weer Thuis’"],
        "moreel": ["Herstel en eigen regie voor élke cliënt", "Niemand tussen wal en schip 💪", LONG],
        "bekend": 1, "vertalen": 2,
    },
}


def field(page, item):
    return page.locator(f".activity:not([hidden]) [data-item='{item}']")


def add_card(page, item, text):
    box = field(page, item)
    box.locator("textarea").fill(text)
    box.locator("[data-submit]").tap()
    expect(box.locator("[data-entries] li p").filter(has_text=text)).to_have_count(1)
    expect(box.locator("textarea")).to_have_value("")


def choose(page, item, value):
    box = field(page, item)
    box.locator(f"label[data-value='{value}']").tap()
    expect(box.locator("[data-status]")).to_have_text("Opgeslagen ✓")
    expect(box.locator("label:has(input:checked)")).to_have_text(str(value))


def column(beamer, item):
    return beamer.locator(f"{SHOWN} .mv-column[data-item='{item}']")


def card_font_px(beamer) -> float:
    return beamer.evaluate("""() => Math.min(...[...document.querySelectorAll('.result:not([hidden]) .note-text')]
        .map((text) => parseFloat(getComputedStyle(text).fontSize)))""")


def test_a_room_puts_its_motives_on_the_table(server, contexts, api, screenshots):
    session = api.create_session("Weer Thuis in de wijk", activities=("motieven",))
    console = open_console(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    phones = {person: join_phone(contexts, server, session["code"], *person) for person in ROOM}
    console.locator("[data-action=toggle-open]").click()
    expect(beamer.locator("#activity-title")).to_have_text("Motieven van samenwerkingspartners")
    expect(beamer.locator(SHOWN)).to_have_attribute("data-view", "kolommen")
    expect(column(beamer, "instrumenteel").locator(".mv-head")).to_contain_text("Instrumentele motieven")

    # The phone form: the worksheet's helping questions, three card fields and two scales 1–5.
    anna = phones[next(iter(ROOM))]
    form = anna.locator(".activity:not([hidden])")
    expect(form.locator(".group-question").first).to_have_text(
        "Welke motieven of drijfveren zien we bij de samenwerkingspartners vertegenwoordigd?")
    expect(field(anna, "moreel").locator(".help li")).to_have_text(
        ["Welke normen, waarden of idealen worden door de samenwerkingspartners nagestreefd?"])
    expect(form.locator("[data-kind=text]")).to_have_count(3)
    expect(field(anna, "bekend").locator(".scale-step")).to_have_text(["1", "2", "3", "4", "5"])
    expect(field(anna, "bekend").locator(".scale-ends")).to_have_text(
        "1 = in zeer geringe mate5 = in zeer grote mate")
    expect(form.locator(".for-organisation")).to_contain_text("Gemeente Venlo")

    # The first card appears on the beamer live, in its column, with the organisation and without a name.
    add_card(anna, "instrumenteel", "Minder dure plekken in beschermd wonen")
    first = column(beamer, "instrumenteel").locator(".note")
    expect(first).to_have_count(1)
    expect(first.locator(".note-text")).to_have_text("Minder dure plekken in beschermd wonen")
    expect(first.locator(".note-meta")).to_have_text("Gemeente Venlo")
    expect(column(beamer, "moreel").locator(".mv-empty")).to_have_text("Nog geen kaarten.")
    for person, answers in ROOM.items():
        page = phones[person]
        for item in MOTIVES:
            for text in answers[item]:
                if (page, text) != (anna, "Minder dure plekken in beschermd wonen"):  # written above
                    add_card(page, item, text)
        choose(page, "bekend", answers["bekend"])
        choose(page, "vertalen", answers["vertalen"])
        expect(page.locator(".activity:not([hidden]) [data-progress]")).to_have_text("5")
    expected = {item: sum(len(answers[item]) for answers in ROOM.values()) for item in MOTIVES}
    assert sum(expected.values()) == 17
    for item, count in expected.items():
        expect(column(beamer, item).locator(".note")).to_have_count(count)
        expect(column(beamer, item).locator("[data-count]")).to_have_text(str(count))
    expect(beamer.locator(f"{SHOWN} [data-respondents]")).to_have_text("3")
    expect(beamer.locator(f"{SHOWN} [data-total]")).to_have_text("17")
    expect(beamer.locator(f"{SHOWN} .note-text", has_text="Niemand tussen wal en schip 💪")).to_have_count(1)
    expect(beamer.locator(f"{SHOWN} .note-text").filter(has_text=LONG)).to_have_count(1)
    meta = beamer.locator(f"{SHOWN} .note-meta").all_text_contents()
    assert sorted(set(meta)) == ["Gemeente Venlo", "Woningcorporatie Thuis Wonen", "Zorggroep Noord"]

    # The two scales: 2, 4, 1 for 'bekend' is a disagreement; 3, 2, 2 for 'vertalen' is not.
    bekend = beamer.locator(f"{SHOWN} .mv-scale[data-item=bekend]")
    # seven cards in one column do not fit at a readable size: the wall pages (tests/e2e/test_wall_browser.py)
    expect(beamer.locator(".result:not([hidden]) .wall-page")).to_have_text(re.compile(r"^pagina 1 van \d$"))
    expect(bekend.locator(".dist-count")).to_have_text(["1", "1", "", "1", ""])
    expect(bekend.locator(".disagree")).to_have_text("verschil van inzicht")
    expect(beamer.locator(f"{SHOWN} .mv-scale[data-item=vertalen] .stat-n")).to_have_text("n = 3")
    expect(beamer.locator(f"{SHOWN} .mv-scale[data-item=vertalen] .disagree")).to_have_count(0)
    beamer.screenshot(path=screenshots / "motieven-beamer-kolommen.png", animations="disabled")
    assert_fits_the_screen(beamer)
    assert card_font_px(beamer) >= 20, "cards too small to read from the back of the room"

    for (_, _, width, _), page in phones.items():
        assert_no_horizontal_scroll(page, width)
    chantal = phones[list(ROOM)[2]]
    chantal.evaluate("window.scrollTo(0, 0)")
    chantal.screenshot(path=screenshots / "motieven-phone-360.png", full_page=True)
    anna.evaluate("window.scrollTo(0, 0)")
    anna.screenshot(path=screenshots / "motieven-phone-390.png")

    # The console highlights one card and hides another: the beamer follows; names only when asked.
    preview = console.locator(".preview .result:not([hidden])")
    expect(preview.locator(".note")).to_have_count(17)
    preview.locator(".note", has_text="Volkshuisvesting is er voor iedereen").locator(
        "[data-moderate=highlighted]").click()
    preview.locator(".note", has_text="Geen overlast in de portiek").locator("[data-moderate=hidden]").click()
    expect(column(beamer, "instrumenteel").locator(".note")).to_have_count(expected["instrumenteel"] - 1)
    expect(column(beamer, "instrumenteel").locator("[data-count]")).to_have_text(
        str(expected["instrumenteel"] - 1))
    expect(beamer.locator(f"{SHOWN} .note", has_text="Geen overlast")).to_have_count(0)
    expect(column(beamer, "moreel").locator(".note").first).to_have_class(re.compile("note-highlighted"))
    expect(preview.locator(".note-hidden")).to_have_count(1)
    console.locator("[data-action=toggle-names]").click()
    expect(column(beamer, "moreel").locator(".note").first.locator(".note-meta")).to_have_text(
        "Woningcorporatie Thuis Wonen · Bram")
    console.screenshot(path=screenshots / "motieven-console.png", full_page=True)
    console.locator("[data-action=toggle-names]").click()
    expect(column(beamer, "moreel").locator(".note").first.locator(".note-meta")).to_have_text(
        "Woningcorporatie Thuis Wonen")

    # Per organisation: in each column a heading per organisation, its cards under it, no hidden card.
    console.locator("#activity-list select").select_option("organisaties")
    expect(beamer.locator(SHOWN)).to_have_attribute("data-view", "organisaties")
    organisations = ["Gemeente Venlo", "Woningcorporatie Thuis Wonen", "Zorggroep Noord"]
    for item in MOTIVES:
        groups = column(beamer, item).locator(".mv-group")
        expect(groups).to_have_count(3)
        expect(groups.locator(".mv-org")).to_have_text([re.compile("^" + name) for name in organisations])
        for (_, organisation, _, _), answers in ROOM.items():
            texts = [t for t in answers[item] if t != "Geen overlast in de portiek"]
            group = column(beamer, item).locator(f".mv-group[data-organisation='{organisation}']")
            expect(group.locator(".note")).to_have_count(len(texts))
    expect(beamer.locator(f"{SHOWN} .note-meta")).to_have_count(0)  # the heading names the organisation
    expect(beamer.locator(f"{SHOWN} .mv-scales")).to_be_hidden()  # room for the headings; 'vragen' has them
    expect(beamer.locator(f"{SHOWN} .note", has_text="Geen overlast")).to_have_count(0)
    # Live in this view too: hiding Anna's only affectief card leaves her organisation with nothing there ...
    venlo = column(beamer, "affectief").locator(".mv-group[data-organisation='Gemeente Venlo']")
    preview.locator(".note", has_text="Loyaal aan de regiogemeenten").locator("[data-moderate=hidden]").click()
    expect(venlo).to_have_class(re.compile("mv-group-empty"))
    expect(venlo.locator(".mv-org")).to_have_text("Gemeente Venlonog niets")
    expect(venlo.locator(".note")).to_have_count(0)
    # ... until she writes another one from her phone.
    add_card(anna, "affectief", "Verbonden met de regio Noord-Limburg")
    expect(venlo.locator(".note-text")).to_have_text(["Verbonden met de regio Noord-Limburg"])
    expect(venlo.locator(".mv-org small")).to_have_text("1")
    beamer.screenshot(path=screenshots / "motieven-beamer-organisaties.png", animations="disabled")
    assert_fits_the_screen(beamer)
    assert card_font_px(beamer) >= 20

    # The two questions large, with the mean per organisation.
    console.locator("#activity-list select").select_option("vragen")
    expect(beamer.locator(SHOWN)).to_have_attribute("data-view", "vragen")
    expect(beamer.locator(f"{SHOWN} .mv-columns")).to_be_hidden()
    expect(beamer.locator(f"{SHOWN} .note")).to_have_count(0)
    expect(bekend.locator(".mv-scale-question")).to_have_text(
        "In hoeverre zijn de samenwerkingspartners bekend met elkaars motieven of drijfveren?")
    expect(bekend.locator(".mv-org-mean .mv-org-name")).to_have_text(organisations)
    expect(bekend.locator(".mv-org-mean b")).to_have_text(["2", "4", "1"])
    beamer.screenshot(path=screenshots / "motieven-beamer-vragen.png", animations="disabled")
    assert_fits_the_screen(beamer)
