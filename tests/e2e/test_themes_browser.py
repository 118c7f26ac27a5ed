"""Themes and words in a real browser: the console groups cards into themes by dragging and with a card's theme
select, merges a card into another; the beamer shows the themes with their counts and cards and the words used
most. With many themes or cards the theme view pages like the card wall, every card and theme readable and on
exactly one page; a crowded word cloud leaves out its least used words and says how many."""

import re
from pathlib import Path

from playwright.sync_api import expect

from .axe import axe_context, report, violations
from .pages import (SHOWN, assert_each_card_once, assert_fits_the_screen, assert_no_horizontal_scroll, open_beamer,
                    open_console, pages_of_the_wall)
from .support import control, facilitator

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "issue14"
PAGED = Path(__file__).resolve().parents[2] / "test-output" / "issue15"
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


# The themes shown now on the beamer, each with the size of its name and whether it is on the screen.
SHOWN_THEMES = f"""() => [...document.querySelectorAll('{SHOWN} .theme-group')].filter((group) => group.offsetWidth)
  .map((group) => {{
    const box = group.querySelector('.theme-count').getBoundingClientRect();
    return {{id: Number(group.dataset.themeId), inside: box.right <= innerWidth && box.bottom <= innerHeight,
             name: parseFloat(getComputedStyle(group.querySelector('.theme-count-name')).fontSize)}};
  }})"""


def test_fifty_themes_page_on_the_beamer(server, contexts, api, sio_client):
    """50 themes (the most an activity can have), one with cards: each theme on exactly one page, at its readable
    size, and the pager turns with the facilitator's turn_page."""
    PAGED.mkdir(parents=True, exist_ok=True)
    session, screen, ids = room(api, sio_client)
    themes = [screen.call("theme", {"action": "create", "activity_id": 1, "name": f"Thema nummer {n + 1}"},
                          timeout=10)["theme"]["id"] for n in range(50)]
    assert screen.call("theme", {"action": "assign", "entry_id": ids["Samen inkopen"], "theme_id": themes[-1]},
                       timeout=10)["ok"]
    control(screen, "set_view", activity_id=1, view="themas")
    beamer = open_beamer(contexts, server, session)
    expect(beamer.locator(".card-views .theme-count")).to_have_count(50)
    pager = beamer.locator(f"{SHOWN} .wall-page")
    expect(pager).to_have_text(re.compile(r"^pagina 1 van \d+$"))
    count = int(pager.inner_text().split()[-1])
    seen = []
    for number in range(1, count + 1):
        expect(pager).to_have_text(f"pagina {number} van {count}")
        shown = beamer.evaluate(SHOWN_THEMES)
        assert shown and all(theme["inside"] and theme["name"] >= 24 for theme in shown), shown
        expect(beamer.locator(f"{SHOWN} .theme-unthemed")).to_be_visible()
        assert_fits_the_screen(beamer)
        if number == count:
            beamer.screenshot(path=PAGED / "themes-fifty-1920-last-page.png")
            expect(beamer.locator(f"{SHOWN} .theme-group[data-theme-id='{themes[-1]}'] .note-text")).to_have_text(
                ["Samen inkopen"])
        seen += [theme["id"] for theme in shown]
        control(screen, "turn_page", activity_id=1, step=1)
    assert sorted(seen) == sorted(themes), "a theme left out or on two pages"


VOCABULARY = ("wachtlijst zorg wonen kosten samenwerking wijk jeugd gezondheid data kennis regio inkoop huurders "
              "begeleiding opvang doorstroom veiligheid preventie mantelzorg eenzaamheid armoede schulden werk "
              "onderwijs sport cultuur vervoer energie klimaat groen bouwen ouderen statushouders taal vrijwilligers "
              "buurthuis huisarts wijkteam politie gemeente provincie budget subsidie innovatie digitaal toegang "
              "regie vertrouwen tempo bureaucratie signalen casus").split()
SIX = ["Gemeente Venlo", "GGD Limburg-Noord", "Woonzorg Venlo", "Provincie Limburg", "Zorggroep Noord",
       "Stichting Welzijn Venlo"]


def crowded_room(api, sio_client):
    """A motieven session of 30 phones of six organisations (a room of 300 writes about as much), 150 cards over
    its three items, each of three to six words of a vocabulary of 52; six themes hold all but every tenth card.
    Returns (session, screen, {card id: theme id or None})."""
    session = api.create_session("Thema's in een grote zaal", activities=("motieven",))
    screen = facilitator(sio_client, session)
    control(screen, "open", activity_id=1)
    themes = [screen.call("theme", {"action": "create", "activity_id": 1, "name": name}, timeout=10)["theme"]["id"]
              for name in ("Wachtlijsten en toegang", "Kosten", "Wonen en zorg", "Samenwerking in de regio",
                           "Jeugd", "Veiligheid")]
    theme_of = {}
    for n in range(30):
        phone = sio_client()
        assert phone.call("join", {"code": session["code"], "name": "", "organisation": SIX[n % 6]}, timeout=10)["ok"]
        for k in range(5):
            card = len(theme_of)
            words = [VOCABULARY[(card * 7 + j * 11) % len(VOCABULARY)] for j in range(3 + card % 4)]
            ack = phone.call("add_entry", {"activity_id": 1, "item": ("instrumenteel", "affectief", "moreel")[k % 3],
                                           "text": " ".join(words).capitalize()}, timeout=10)
            assert ack["ok"], ack
            theme_of[ack["entry"]["id"]] = None if card % 10 == 9 else themes[card % 6]
    sorters = {}  # a screen per theme: one screen sending 135 events at once is cut off as a flood (edge.py)
    for entry_id, theme_id in theme_of.items():
        if theme_id:
            if theme_id not in sorters:
                sorters[theme_id] = facilitator(sio_client, session)
            assert sorters[theme_id].call("theme", {"action": "assign", "entry_id": entry_id, "theme_id": theme_id},
                                          timeout=10)["ok"]
    return session, screen, theme_of


def test_the_theme_view_of_150_cards_pages_every_card_once_and_a_crowded_word_view_says_what_it_left_out(
        server, contexts, api, sio_client):
    PAGED.mkdir(parents=True, exist_ok=True)
    session, screen, theme_of = crowded_room(api, sio_client)
    hidden = next(card for card, theme in theme_of.items() if theme)
    assert screen.call("moderate", {"id": hidden, "hidden": True}, timeout=10)["ok"]
    control(screen, "set_view", activity_id=1, view="themas")
    beamer = open_beamer(contexts, server, session)
    pager = beamer.locator(f"{SHOWN} .wall-page")
    expect(pager).to_have_text(re.compile(r"^pagina 1 van \d+$"))
    expect(beamer.locator(f"{SHOWN} .theme-unthemed")).to_have_text("15 kaarten nog zonder thema")
    beamer.wait_for_timeout(500)  # the fade-in of the cards
    beamer.screenshot(path=PAGED / "themes-paged-1920-page1.png")
    assert_fits_the_screen(beamer)
    pages = pages_of_the_wall(beamer, screen, 1, ".card-views")
    assert len(pages) > 1
    themed = {card for card, theme in theme_of.items() if theme} - {hidden}
    assert_each_card_once(pages, themed)

    # A later page: each card under its own theme's heading, that heading on every page with its cards.
    control(screen, "turn_page", activity_id=1, step=1)
    expect(pager).to_have_text(f"pagina 2 van {len(pages)}")
    placed = beamer.evaluate(f"""() => [...document.querySelectorAll('{SHOWN} .theme-group .note')]
      .filter((card) => card.offsetWidth).map((card) => [Number(card.dataset.entryId),
        Number(card.closest('.theme-group').dataset.themeId),
        card.closest('.theme-group').querySelector('.theme-count').offsetWidth > 0])""")
    assert placed and all(theme_of[card] == theme and head for card, theme, head in placed), placed
    beamer.screenshot(path=PAGED / "themes-paged-1920-page2.png")

    # The console scrolls: every theme's cards at once, no pager.
    console = open_console(contexts, server, session)
    console.set_viewport_size({"width": 1280, "height": 800})
    expect(console.locator(".preview .card-views .theme-group .note")).to_have_count(len(themed) + 1)  # and the hidden
    assert not console.locator(".preview .wall-page").count()
    console.locator(".preview .card-views").scroll_into_view_if_needed()
    console.screenshot(path=PAGED / "themes-console-1280x800.png")
    console.set_viewport_size({"width": 1440, "height": 900})
    assert_no_horizontal_scroll(console, 1440)
    console.screenshot(path=PAGED / "themes-console-1440x900.png")

    # The word view: three clouds of up to 40 words, not paged.
    control(screen, "set_view", activity_id=1, view="woorden")
    expect(beamer.locator(f"{SHOWN} .card-views[data-view=woorden]")).to_be_visible()
    expect(beamer.locator(f"{SHOWN} .word-item")).to_have_count(3)
    assert_readable_clouds(beamer, crowded=True)
    assert not beamer.locator(f"{SHOWN} .wall-pager").is_visible(), "a pager on a view that does not page"
    beamer.screenshot(path=PAGED / "words-crowded-1920.png")


def assert_readable_clouds(beamer, crowded):
    """Every word on the beamer at least 24 px and on the screen; a cloud that could not show every word the server
    counted says how many it left out (its least used); `crowded`: at least one had to."""
    clouds = beamer.evaluate(f"""() => [...document.querySelectorAll('{SHOWN} .word-cloud')].map((cloud) => ({{
      sent: Number(cloud.dataset.words), shown: cloud.children.length,
      said: cloud.nextElementSibling?.classList.contains('word-more') ? cloud.nextElementSibling.textContent : '',
      smallest: Math.min(...[...cloud.querySelectorAll('.word-text')].map((w) => parseFloat(getComputedStyle(w).fontSize)))
    }}))""")
    assert clouds and all(cloud["smallest"] >= 24 for cloud in clouds), clouds
    assert any(cloud["shown"] < cloud["sent"] for cloud in clouds) == crowded, clouds
    for cloud in clouds:
        left = cloud["sent"] - cloud["shown"]
        assert cloud["said"] == (f"{left} minder gebruikte woorden niet getoond (wel op de console)" if left > 1 else
                                 "1 minder gebruikt woord niet getoond (wel op de console)" if left else ""), cloud
    assert_fits_the_screen(beamer)


def test_netwerkleiderschap_words_are_one_readable_cloud(server, contexts, api, sio_client):
    """Twelve card items: one cloud of all their words on the beamer, at a readable size."""
    PAGED.mkdir(parents=True, exist_ok=True)
    session = api.create_session("Woorden van de rollen", activities=("netwerkleiderschap",))
    screen = facilitator(sio_client, session)
    activity = control(screen, "open", activity_id=1)["session"]["activities"][0]
    items = [item["id"] for item in activity["items"] if item["kind"] == "text"]
    assert len(items) > 4
    for n in range(12):
        phone = sio_client()
        assert phone.call("join", {"code": session["code"], "name": f"Deelnemer {n + 1}",
                                   "organisation": SIX[n % 6]}, timeout=10)["ok"]
        for k, item in enumerate(items[:6]):
            words = [VOCABULARY[(n * 5 + k * 3 + j * 13) % len(VOCABULARY)] for j in range(4)]
            assert phone.call("add_entry", {"activity_id": 1, "item": item, "text": " ".join(words)},
                              timeout=10)["ok"]
    control(screen, "set_view", activity_id=1, view="woorden")
    beamer = open_beamer(contexts, server, session)
    expect(beamer.locator(f"{SHOWN} .word-item")).to_have_count(1)
    expect(beamer.locator(f"{SHOWN} .word-label")).to_have_text("Alle vragen samen")
    expect(beamer.locator(f"{SHOWN} .word")).to_have_count(40)  # the 40 most used of all twelve items: they fit
    assert_readable_clouds(beamer, crowded=False)
    beamer.screenshot(path=PAGED / "words-netwerkleiderschap-1920.png")
