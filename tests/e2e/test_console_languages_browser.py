"""The facilitator's pages in two languages and by keyboard alone (Chromium): a session designed and started in
English, switched to Dutch from the console (console and beamer reload in it); a session run from the console
with the keyboard only, the focus never dropped to <body>; the console at 320 px."""

import json
import re
import urllib.request

from playwright.sync_api import expect

from .pages import assert_no_horizontal_scroll, edit_agenda, join_phone, open_console, open_session_menu
from .support import wait_for

# The console's own words in Dutch: none of them may be left on an English console.
DUTCH_CONSOLE = ("Beamer openen", "Volgende activiteit", "Exporteren en rapport", "Sessie verwijderen", "Deelnemen",
                 "Activiteiten", "Hernoemen", "Verbergen", "Openen", "Resultaten", "Naar telefoons", "deelnemers",
                 "Live resultaat", "Weergave", "Taal van de sessie")


def console_text(page) -> str:
    """The console's header, join card and agenda (the results are drawn by the results' own code)."""
    return " ".join(page.locator(selector).inner_text()
                    for selector in (".console-header", ".join-info", "#activity-list", ".add-activity"))


def test_a_session_designed_in_english_runs_in_english_until_the_console_switches_it_to_dutch(
        server, contexts, screenshots):
    page = contexts(1280, 800).new_page()  # a browser that prefers Dutch: the switch decides
    page.goto(server.base_url + "/")
    expect(page.locator("#create-heading")).to_have_text("Nieuwe sessie")
    expect(page.locator(".library-card").first).to_be_visible()
    expect(page.locator(".library-translated")).to_have_count(0)  # the Dutch is the handbook's own wording
    page.locator(".home-languages a[hreflang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#create-heading")).to_have_text("New session")
    expect(page.locator(".home-languages [aria-current]")).to_have_text("English")
    expect(page.locator("#session-language")).to_have_value("en")  # the page's language is the default
    expect(page.locator(".library-count")).to_have_text(re.compile(r"^\d+ instruments$"))
    card = page.locator(".library-card[data-instrument=quickscan]")
    expect(card.locator(".library-translated")).to_have_text(
        "Translated from the Dutch handbook; the Dutch text remains the reference.")
    expect(page.locator("#agenda-count")).to_have_text("1 of 20")
    expect(page.locator("#agenda-list [data-preview]")).to_have_text("Preview")
    expect(page.locator("#phone-preview")).to_have_attribute("data-shown", re.compile("."))
    page.screenshot(path=screenshots / "home-en.png")

    page.fill("#title", "Collaboration workshop North")
    page.get_by_role("button", name="Start session").click()
    page.wait_for_url(re.compile(r"/f/[A-Z2-9]{6}$"))
    code = page.url.rsplit("/", 1)[1]
    expect(page.locator("#activity-list .activity-item")).to_have_count(1)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#open-beamer")).to_have_text("Open projector view")
    expect(page.locator("#next")).to_have_text("Next activity ›")
    expect(page.locator(".join-info")).to_contain_text("0 participants")
    row = page.locator("#activity-list .activity-item").first
    expect(row.locator("[data-state]")).to_have_text("closed")
    row.locator('[data-action="toggle-open"]').click()
    expect(row.locator('[data-action="toggle-open"]')).to_have_text("Close")
    expect(row.locator("[data-state]")).to_have_text("open")
    text = console_text(page)
    assert not [word for word in DUTCH_CONSOLE if re.search(rf"\b{word}\b", text)], text
    page.screenshot(path=screenshots / "console-en.png")

    key = page.evaluate(f"localStorage.getItem('werkatelier:key:{code}')")
    beamer = contexts(1920, 1080).new_page()
    beamer.goto(f"{server.base_url}/f/{code}/beamer#key={key}")
    expect(beamer.locator("html")).to_have_attribute("lang", "en")

    open_session_menu(page)
    page.locator("#session-language").select_option("nl")  # choosing alone changes nothing yet
    expect(page.locator("#change-language")).to_have_text("Change language")
    page.locator("#change-language").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")  # the console reloaded, in Dutch
    expect(page.locator("#open-beamer")).to_have_text("Beamer openen")
    expect(page.locator("#session-language")).to_have_value("nl")
    expect(page.locator("#session-language")).to_be_focused()  # the keyboard is back where it was
    expect(page.locator("#activity-list .activity-item").first.locator('[data-action="toggle-open"]')).to_have_text(
        "Sluiten")
    expect(beamer.locator("html")).to_have_attribute("lang", "nl")  # and so did the beamer


def focused(page) -> dict:
    """What has the keyboard focus: its tag, its action (data-action / data-agenda / id) and its activity."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const row = el.closest('[data-activity-id]');
        return {tag: el.tagName.toLowerCase(), action: el.dataset.action || el.dataset.agenda || el.id || null,
                activity: row ? Number(row.dataset.activityId) : null, text: el.textContent.trim()};
    }""")


def tab_to(page, activity, action, limit=80):
    """Press Tab until the control `action` of `activity` (None: a control of the page, by id) has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["action"] == action and now["activity"] == activity:
            return
    raise AssertionError(f"Tab never reached {action} of activity {activity}")


def expect_focus_on(page, activity, action):
    """After an action the keyboard is still where it was (the list was drawn again), never on <body>."""
    now = focused(page)
    assert now["tag"] != "body", "the focus dropped to <body>"
    assert (now["activity"], now["action"]) == (activity, action), now


def ring_contrast(page) -> float:
    """The contrast of the focused control's outline against white (the cards' background)."""
    outline = page.evaluate("""() => {
        const style = getComputedStyle(document.activeElement);
        return {colour: style.outlineColor, width: parseFloat(style.outlineWidth), style: style.outlineStyle};
    }""")
    assert outline["style"] == "solid" and outline["width"] >= 2, outline
    red, green, blue = (int(n) for n in re.findall(r"\d+", outline["colour"])[:3])
    linear = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_a_facilitator_runs_a_session_with_the_keyboard_only(server, contexts, api, screenshots):
    session = api.create_session("Toetsenbord", ["succesfactoren", "quickscan"])
    page = open_console(contexts, server, session, activities=2)
    first, second = (a["id"] for a in api.get(f"/api/sessions/{session['code']}", session["facilitator_key"])
                     ["activities"])
    row = page.locator(f"#activity-list [data-activity-id='{first}']")

    tab_to(page, first, "toggle-open")  # open the activity
    assert ring_contrast(page) >= 3
    page.keyboard.press("Enter")
    expect(row.locator("[data-state]")).to_have_text("open")
    expect_focus_on(page, first, "toggle-open")
    expect(row.locator('[data-action="toggle-open"]')).to_have_text("Sluiten")

    page.keyboard.press("Tab")  # results off the beamer and on again
    expect_focus_on(page, first, "toggle-results")
    shown = row.locator('[data-action="toggle-results"]').inner_text()
    page.keyboard.press("Space")
    expect(row.locator('[data-action="toggle-results"]')).not_to_have_text(shown)
    expect_focus_on(page, first, "toggle-results")
    page.keyboard.press("Enter")
    expect(row.locator('[data-action="toggle-results"]')).to_have_text(shown)
    expect_focus_on(page, first, "toggle-results")

    tab_to(page, first, "set_view")  # another view: arrowed to, then chosen with Enter
    view = row.locator("select").input_value()
    page.keyboard.press("ArrowDown")
    expect(row.locator("select")).not_to_have_value(view)
    page.keyboard.press("Enter")
    wait_for(lambda: api.get(f"/api/sessions/{session['code']}", session["facilitator_key"])["activities"][0]["view"]
             != view, message="the view chosen")
    expect_focus_on(page, first, "set_view")

    tab_to(page, None, "next")  # on to the quick scan: the first closes, the quick scan opens
    page.keyboard.press("Enter")
    expect(page.locator(f"#activity-list [data-activity-id='{second}'] [data-current]")).to_be_visible()
    expect(page.locator(f"#activity-list [data-activity-id='{second}'] [data-state]")).to_have_text("open")
    expect(row.locator("[data-state]")).to_have_text("gesloten")
    expect_focus_on(page, None, "next")

    tab_to(page, first, "activate")  # back to the first: its button goes, the focus stays in its row
    page.keyboard.press("Enter")
    expect(row.locator("[data-current]")).to_be_visible()
    expect_focus_on(page, first, "toggle-open")

    edit_agenda(page)
    tab_to(page, second, "up")  # the quick scan first: ↑ is disabled there, the keyboard stays with it
    page.keyboard.press("Enter")
    expect(page.locator("#activity-list .activity-item").first).to_have_attribute("data-activity-id", str(second))
    assert focused(page)["activity"] == second and focused(page)["tag"] != "body"

    tab_to(page, second, "toggle-open")  # close the quick scan
    page.keyboard.press("Enter")
    expect(page.locator(f"#activity-list [data-activity-id='{second}'] [data-state]")).to_have_text("gesloten")
    expect_focus_on(page, second, "toggle-open")
    page.screenshot(path=screenshots / "console-keyboard.png")


def test_the_console_reflows_at_320_px(server, contexts, api, screenshots):
    session = api.create_session("Een werkatelier met een heel lange titel over de wijkaanpak",
                                 ["succesfactoren", "motieven"])
    page = contexts(320, 800).new_page()
    page.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    expect(page.locator("#activity-list .activity-item")).to_have_count(2)
    page.locator("#activity-list .activity-item").first.locator('[data-action="toggle-open"]').click()
    expect(page.locator("#activity-list .activity-item").first.locator("[data-state]")).to_have_text("open")
    assert_no_horizontal_scroll(page, 320)
    page.screenshot(path=screenshots / "console-320.png", full_page=True)


def test_the_designer_keeps_the_keyboard_where_the_facilitator_works(server, contexts):
    page = contexts(1280, 800).new_page()
    page.goto(server.base_url + "/")
    items = page.locator("#agenda-list .agenda-item")
    expect(items).to_have_count(1)  # the succesfactoren
    for instrument in ("quickscan", "motieven"):
        page.locator(f".library-card[data-instrument={instrument}] [data-add]").focus()
        page.keyboard.press("Enter")
    expect(items).to_have_count(3)
    titles = items.locator("[data-title]")

    items.nth(0).locator("[data-down]").focus()
    page.keyboard.press("Enter")  # down one place: the keyboard stays on that activity's ↓
    expect(titles.nth(1)).to_have_value("Kritische succesfactoren")
    expect(items.nth(1).locator("[data-down]")).to_be_focused()
    page.keyboard.press("Space")  # now last: its ↓ is disabled, so the activity itself has the focus
    expect(titles.nth(2)).to_have_value("Kritische succesfactoren")
    expect(items.nth(2)).to_be_focused()
    page.keyboard.press("Alt+ArrowUp")
    expect(titles.nth(1)).to_have_value("Kritische succesfactoren")
    expect(items.nth(1)).to_be_focused()

    items.nth(1).locator("[data-remove]").focus()
    page.keyboard.press("Enter")  # removed: the keyboard goes on to the activity now in its place
    expect(items).to_have_count(2)
    expect(items.nth(1)).to_be_focused()
    items.nth(1).locator("[data-remove]").focus()
    page.keyboard.press("Enter")  # the last one: the one before it
    expect(items.nth(0)).to_be_focused()
    items.nth(0).locator("[data-remove]").focus()
    page.keyboard.press("Enter")  # none left: the message that says so
    expect(page.locator(".agenda-empty")).to_be_focused()


def test_the_builder_of_an_own_activity_keeps_the_keyboard_in_its_questions(server, contexts):
    page = contexts(1280, 800).new_page()
    page.goto(server.base_url + "/")
    page.locator("#build-own").focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#builder-dialog")
    expect(dialog.locator("#builder-title")).to_be_focused()
    questions = dialog.locator(".builder-item")
    dialog.locator("[data-add-item]").focus()
    page.keyboard.press("Enter")  # a second question: the keyboard goes to its label
    expect(questions).to_have_count(2)
    expect(questions.nth(1).locator("[data-label]")).to_be_focused()
    questions.nth(1).locator("[data-label]").fill("Tweede")

    questions.nth(1).locator("[data-kind]").focus()
    page.keyboard.press("ArrowDown")  # another kind draws the questions again: the keyboard stays on the choice
    expect(questions.nth(1).locator("[data-options]")).to_be_visible()
    expect(questions.nth(1).locator("[data-kind]")).to_be_focused()

    questions.nth(1).locator("[data-item-up]").focus()
    page.keyboard.press("Enter")  # moved up: first now, its ↑ disabled, the keyboard on its first control (↓)
    expect(questions.nth(0).locator("[data-label]")).to_have_value("Tweede")
    expect(questions.nth(0).locator("[data-item-down]")).to_be_focused()
    page.keyboard.press("Enter")  # and down again: last, its ↓ disabled, so ↑
    expect(questions.nth(1).locator("[data-label]")).to_have_value("Tweede")
    expect(questions.nth(1).locator("[data-item-up]")).to_be_focused()

    questions.nth(0).locator("[data-remove-item]").focus()
    page.keyboard.press("Enter")  # the one left cannot be moved or removed: the keyboard on its first field
    expect(questions).to_have_count(1)
    expect(questions.nth(0).locator("[data-label]")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_the_theme_filter_shows_the_labels_the_library_gives_and_the_ids_otherwise(server, contexts):
    page = contexts(1280, 800).new_page()
    ids = sorted({theme for instrument in json.loads(urllib.request.urlopen(server.base_url + "/api/instruments")
                                                        .read())["instruments"] for theme in instrument["themes"]})
    labelled = {ids[0]: "Zzz last by its label", ids[1]: f"Label of {ids[1]}"}

    def with_labels(route):
        reply = route.fetch()
        route.fulfill(response=reply, json={**reply.json(), "themes": labelled})

    page.route("**/api/instruments", with_labels)
    page.goto(server.base_url + "/")
    options = page.locator("#library-theme option")
    expect(options).to_have_count(len(ids) + 1)
    shown = options.all_inner_texts()[1:]
    assert shown[-1] == "Zzz last by its label" and f"Label of {ids[1]}" in shown  # sorted by what is shown
    assert set(shown) == {labelled.get(theme, theme) for theme in ids}
    page.locator("#library-theme").select_option(label=f"Label of {ids[1]}")
    visible = page.locator(".library-card:visible")
    expect(visible.first).to_be_visible()
    assert visible.count() < page.locator(".library-card").count()


def test_moderating_a_card_by_keyboard_keeps_the_focus_on_its_button(server, contexts, api):
    session = api.create_session("Kaarten", ["motieven"])
    console = open_console(contexts, server, session)
    console.locator("[data-action=toggle-open]").click()
    phone = join_phone(contexts, server, session["code"], "Anna", "GGD")
    box = phone.locator(".activity:not([hidden]) [data-item=moreel] textarea")
    box.fill("Samen de wachtlijst korter maken")
    phone.locator(".activity:not([hidden]) [data-item=moreel] [data-entry-form] button[type=submit]").tap()
    card = console.locator(".preview .result:not([hidden]) .note")
    expect(card).to_have_count(1)
    entry = card.get_attribute("data-entry-id")
    for field in ("highlighted", "hidden"):
        card.locator(f"[data-moderate={field}]").focus()
        page_text = card.locator(f"[data-moderate={field}]").inner_text()
        console.keyboard.press("Enter")
        expect(card.locator(f"[data-moderate={field}]")).not_to_have_text(page_text)  # the card was drawn again
        assert console.evaluate("""() => [document.activeElement.closest('[data-entry-id]')?.dataset.entryId,
                                          document.activeElement.dataset.moderate]""") == [entry, field]
