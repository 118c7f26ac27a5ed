"""The console as a presenter view (Chromium): on a laptop the agenda, the current activity's controls, its live
result and who has answered fit the screen without scrolling the page, with 20 phones answering; on a phone it is
one column. The keys (→ ← PageDown PageUp o r ?), the focus after every action, the view drop-down by keyboard,
one activity open at a time, and a whole session run by keyboard alone.

Screenshots land in test-output/issue13/ for a person to look at."""

import re

import pytest
from playwright.sync_api import expect

from .axe import axe_context, report, violations
from .pages import assert_no_horizontal_scroll, open_console, open_session_menu
from .support import FACTORS, ROOT, wait_for

SHOTS = ROOT / "test-output" / "issue13"
ORGANISATIONS = ("Gemeente Venlo", "GGD Limburg-Noord", "Woningcorporatie Antares", "Provincie Limburg")


@pytest.fixture
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def overview(api, session):
    return api.get(f"/api/sessions/{session['code']}", session["facilitator_key"])


def states(api, session):
    return [a["state"] for a in overview(api, session)["activities"]]


def join_phones(sio_client, code, count):
    """`count` phones joined over Socket.IO, each with a name and one of four organisations."""
    phones = []
    for n in range(count):
        phone = sio_client()
        ack = phone.call("join", {"code": code, "name": f"Deelnemer {n + 1}",
                                  "organisation": ORGANISATIONS[n % len(ORGANISATIONS)]}, timeout=5)
        assert ack["ok"], ack
        phones.append(phone)
    return phones


def answer_factors(phones, activity_id, colours=("groen", "oranje", "rood")):
    """Phone n answers the first n % 13 factors: some are done, some halfway, some not started."""
    for n, phone in enumerate(phones):
        for index, item in enumerate(FACTORS[:n % 13]):
            ack = phone.call("answer", {"activity_id": activity_id, "item": item,
                                        "value": colours[(n + index) % 3]}, timeout=5)
            assert ack["ok"], ack


def within_viewport(page, selector):
    """The element's box lies inside the window (no scrolling of the page needed to see its top and sides)."""
    box = page.evaluate("""(selector) => {
        const el = document.querySelector(selector);
        const r = el.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: innerHeight, width: innerWidth};
    }""", selector)
    assert 0 <= box["top"] < box["height"] and box["left"] >= 0 and box["right"] <= box["width"], (selector, box)
    return box


def page_does_not_scroll(page):
    sizes = page.evaluate("({h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth,"
                          " ih: innerHeight, iw: innerWidth})")
    assert sizes["h"] <= sizes["ih"] and sizes["w"] <= sizes["iw"], sizes


def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        const row = el.closest('#activity-list [data-activity-id]');
        return {tag: el.tagName.toLowerCase(), id: el.id || null,
                action: el.dataset.action || el.dataset.agenda || el.dataset.moderate || null,
                activity: row ? Number(row.dataset.activityId) : null};
    }""")


def current_row(page):
    return page.locator("#activity-list .activity-item.is-current")


@pytest.mark.parametrize("width, height", [(1280, 800), (1440, 900)])
def test_a_laptop_sees_agenda_controls_preview_and_progress_without_scrolling(
        server, contexts, api, sio_client, shots, width, height):
    session = api.create_session("Werkatelier wijkaanpak Venlo-Noord",
                                 ["succesfactoren", "motieven", "quickscan", "halen_brengen", "netwerkleiderschap",
                                  "succesfactoren"])
    page = contexts(width, height).new_page()
    page.emulate_media(reduced_motion="reduce")  # the screenshots show cards arrived, not fading in
    page.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    expect(page.locator("#activity-list .activity-item")).to_have_count(6)
    page.locator("#next").click()
    expect(current_row(page)).to_have_attribute("data-activity-id", "1")
    phones = join_phones(sio_client, session["code"], 20)
    answer_factors(phones, 1)
    expect(page.locator(".join-info [data-participants]")).to_have_text("20")
    expect(page.locator(".preview .result[data-activity-id='1'] .respondents")).to_contain_text("18")  # 0 and 13 answered nothing

    page_does_not_scroll(page)
    within_viewport(page, "#activity-list")
    within_viewport(page, "#activity-list .is-current .activity-controls")
    within_viewport(page, "#activity-list .is-current [data-action=toggle-results]")
    within_viewport(page, ".preview .result:not([hidden])")
    within_viewport(page, "#progress-panel")
    within_viewport(page, "#phones-now")
    within_viewport(page, "#next")
    expect(page.locator("#phones-now")).to_have_text("Op de telefoons: Kritische succesfactoren — open")
    page.screenshot(path=shots / f"console-{width}x{height}-live.png")

    page.locator("#next").click()  # the motives: cards to moderate, in the preview column
    expect(current_row(page)).to_have_attribute("data-activity-id", "2")
    for n, phone in enumerate(phones[:8]):
        ack = phone.call("add_entry", {"activity_id": 2, "item": ("instrumenteel", "affectief", "moreel")[n % 3],
                                       "text": f"Samen sneller resultaat in de wijk, idee {n + 1}"}, timeout=5)
        assert ack["ok"], ack
    expect(page.locator(".preview .result:not([hidden]) .note")).to_have_count(8)
    page_does_not_scroll(page)
    within_viewport(page, ".preview .result:not([hidden]) .note [data-moderate]")
    page.screenshot(path=shots / f"console-{width}x{height}-cards.png")


def test_a_phone_size_console_is_one_column_with_nothing_cut_off(server, contexts, api, sio_client, shots):
    session = api.create_session("Een werkatelier met een heel lange titel over de wijkaanpak",
                                 ["succesfactoren", "motieven"])
    page = contexts(390, 844, phone=True).new_page()
    page.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    expect(page.locator("#activity-list .activity-item")).to_have_count(2)
    page.locator("#next").tap()
    expect(page.locator("#phones-now")).to_contain_text("Kritische succesfactoren")
    answer_factors(join_phones(sio_client, session["code"], 6), 1)
    expect(page.locator(".join-info [data-participants]")).to_have_text("6")
    assert_no_horizontal_scroll(page, 390)
    for selector in ("#phones-now", "#activity-list", ".preview", "#next", "#session-menu > summary"):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
    page.locator("#next").tap()
    page.locator("#next").tap()  # the last: the refusal stays in sight at the bottom of the screen
    expect(page.locator("#control-error")).to_have_text("Dit is de laatste activiteit.")
    box = page.locator("#control-error").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 844, box
    page.screenshot(path=shots / "console-390-phone.png")
    page.screenshot(path=shots / "console-390-phone-full.png", full_page=True)


def test_next_at_the_last_activity_says_so_next_to_the_button(server, contexts, api):
    session = api.create_session("Laatste", ["succesfactoren"])
    page = open_console(contexts, server, session)
    page.locator("#next").click()
    expect(current_row(page)).to_have_attribute("data-activity-id", "1")
    page.locator("#next").click()
    expect(page.locator("#control-error")).to_have_text("Dit is de laatste activiteit.")
    button, message = page.locator("#next").bounding_box(), page.locator("#control-error").bounding_box()
    assert 0 <= message["y"] - (button["y"] + button["height"]) < 60, (button, message)  # right below it
    within_viewport(page, "#control-error")
    page.locator("#previous").click()  # and the first: the same place
    expect(page.locator("#control-error")).to_have_text("Dit is de eerste activiteit.")
    page.locator("[data-action=toggle-open]").click()  # a success clears the message
    expect(page.locator("#control-error")).to_be_hidden()


def test_each_key_runs_its_action_and_the_focus_stays(server, contexts, api, shots):
    session = api.create_session("Toetsen", ["succesfactoren", "motieven", "quickscan"])
    page = open_console(contexts, server, session, activities=3)
    page.locator("#edit-agenda").focus()  # the keyboard is here, and stays here after every key
    page.keyboard.press("ArrowRight")
    expect(current_row(page)).to_have_attribute("data-activity-id", "1")
    assert states(api, session) == ["open", "closed", "closed"]
    page.keyboard.press("PageDown")
    expect(current_row(page)).to_have_attribute("data-activity-id", "2")
    page.keyboard.press("ArrowRight")
    expect(current_row(page)).to_have_attribute("data-activity-id", "3")
    assert states(api, session) == ["closed", "closed", "open"]
    page.keyboard.press("ArrowLeft")
    expect(current_row(page)).to_have_attribute("data-activity-id", "2")
    page.keyboard.press("PageUp")
    expect(current_row(page)).to_have_attribute("data-activity-id", "1")
    assert states(api, session) == ["open", "closed", "closed"]
    page.keyboard.press("o")
    expect(current_row(page).locator("[data-state]")).to_have_text("gesloten")
    page.keyboard.press("o")
    expect(current_row(page).locator("[data-state]")).to_have_text("open")
    results = current_row(page).locator("[data-action=toggle-results]")
    expect(results).to_have_text("Resultaten verbergen op beamer")
    page.keyboard.press("r")
    expect(results).to_have_text("Resultaten tonen op beamer")
    assert overview(api, session)["activities"][0]["show_results"] is False
    page.keyboard.press("r")
    expect(results).to_have_text("Resultaten verbergen op beamer")
    assert focused(page)["id"] == "edit-agenda"

    page.keyboard.press("?")  # the list of keys: a modal dialog, every key with its label; Escape gives focus back
    dialog = page.locator("#keys-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#close-keys")).to_be_focused()
    rows = dialog.locator("#keys-list tr")
    listed = dict(zip((text.strip() for text in rows.locator("td:first-child").all_inner_texts()),
                      rows.locator("td:last-child").all_inner_texts()))
    assert listed["→ PgDn"] == "Volgende activiteit" and listed["← PgUp"] == "Vorige activiteit", listed
    assert listed["o"] == "Huidige activiteit openen of sluiten" and listed["?"] == "Deze lijst met sneltoetsen"
    assert "Resultaten tonen of verbergen op de beamer" in listed.values()
    page.keyboard.press("ArrowRight")  # keys do nothing behind the dialog
    page.screenshot(path=shots / "console-keys-overlay.png")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert focused(page)["id"] == "edit-agenda"
    assert overview(api, session)["current_activity"] == 1

    page.locator("#keep-open").check()  # a second activity on purpose: the first stays open
    page.locator("#edit-agenda").focus()  # (keys are the check box's own while it has the focus)
    page.keyboard.press("ArrowRight")
    expect(current_row(page)).to_have_attribute("data-activity-id", "2")
    assert states(api, session) == ["closed", "open", "closed"]  # next still closes the one it leaves
    expect(page.locator("#keep-open")).not_to_be_checked()  # chosen for one opening only


def test_opening_another_activity_closes_the_open_one_unless_kept_open(server, contexts, api):
    session = api.create_session("Een tegelijk", ["succesfactoren", "motieven", "quickscan"])
    page = open_console(contexts, server, session, activities=3)
    expect(page.locator("#phones-now")).to_have_text("Nog niets op de telefoons")
    row = lambda n: page.locator(f"#activity-list [data-activity-id='{n}']")  # noqa: E731
    row(1).locator("[data-action=toggle-open]").click()
    expect(page.locator("#phones-now")).to_have_text("Op de telefoons: Kritische succesfactoren — open")
    row(2).locator("[data-action=toggle-open]").click()
    expect(row(1).locator("[data-state]")).to_have_text("gesloten")
    assert states(api, session) == ["closed", "open", "closed"]
    page.locator("#keep-open").check()
    row(3).locator("[data-action=toggle-open]").click()
    expect(row(3).locator("[data-current]")).to_be_visible()
    assert states(api, session) == ["closed", "open", "open"]
    expect(page.locator("#phones-now")).to_contain_text("Op de telefoons: Quick scan samenwerking — open")
    expect(page.locator("#phones-now small")).to_have_text("Ook nog open: Motieven van samenwerkingspartners")
    row(3).locator("[data-action=toggle-open]").click()
    expect(page.locator("#phones-now")).to_contain_text("Op de telefoons: Quick scan samenwerking — gesloten")


def test_the_view_drop_down_applies_a_view_when_chosen_not_on_every_arrow_key(server, contexts, api, sio_client):
    session = api.create_session("Weergave", ["succesfactoren"])
    page = open_console(contexts, server, session)
    page.locator("#next").click()
    screen = sio_client()  # hears every view the console applies: one `session` event per control
    assert screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)["ok"]
    applied = lambda: [s["activities"][0]["view"] for s in screen.recorder.of("session")]  # noqa: E731
    select = current_row(page).locator("select")
    views = [o.get_attribute("value") for o in select.locator("option").all()]
    assert len(views) >= 3 and overview(api, session)["activities"][0]["view"] == views[0], views
    select.focus()
    page.keyboard.press("ArrowDown")  # arrowing through: nothing applied yet
    page.keyboard.press("ArrowDown")
    expect(select).to_have_value(views[2])
    page.keyboard.press("Enter")  # chosen: only this one reaches the beamer
    wait_for(lambda: applied() == [views[2]], message="only the view chosen with Enter")
    expect(current_row(page).locator("select")).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")  # leaving the drop-down chooses too
    wait_for(lambda: applied() == [views[2], views[1]], message="the view chosen by leaving the drop-down")
    current_row(page).locator("select").select_option(views[0])  # a mouse pick applies at once
    wait_for(lambda: applied() == [views[2], views[1], views[0]], message="the view picked")


def test_focus_stays_on_each_console_control_after_its_action(server, contexts, api, sio_client):
    session = api.create_session("Focus", ["motieven", "succesfactoren"])
    page = open_console(contexts, server, session, activities=2)
    join_phones(sio_client, session["code"], 1)

    def press(selector):
        page.locator(selector).focus()
        before = focused(page)
        page.keyboard.press("Enter")
        return before

    for selector, check in (
            ("#next", lambda: expect(current_row(page)).to_have_attribute("data-activity-id", "1")),
            ("#activity-list .is-current [data-action=toggle-open]",
             lambda: expect(current_row(page).locator("[data-state]")).to_have_text("gesloten")),
            ("#activity-list .is-current [data-action=toggle-open]",
             lambda: expect(current_row(page).locator("[data-state]")).to_have_text("open")),
            ("#activity-list .is-current [data-action=toggle-results]",
             lambda: expect(current_row(page).locator("[data-action=toggle-results]")).to_have_text(
                 "Resultaten tonen op beamer")),
            ("#activity-list .is-current [data-action=toggle-names]",
             lambda: expect(current_row(page).locator("[data-action=toggle-names]")).to_have_text(
                 "Anoniem op beamer")),
            ("#next", lambda: expect(current_row(page)).to_have_attribute("data-activity-id", "2")),
            ("#previous", lambda: expect(current_row(page)).to_have_attribute("data-activity-id", "1"))):
        before = press(selector)
        check()
        assert focused(page) == before, (selector, focused(page), before)

    # Naar telefoons: its button goes with the row it was in; the keyboard stays in that row
    page.locator("#activity-list [data-activity-id='2'] [data-action=activate]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#activity-list [data-activity-id='2'] [data-current]")).to_be_visible()
    assert (focused(page)["activity"], focused(page)["action"]) == (2, "toggle-open")

    before = press("#edit-agenda")  # the agenda's editing mode, and its buttons
    expect(page.locator("#activity-list")).to_have_class(re.compile("editing"))
    assert focused(page) == before
    press("#activity-list [data-activity-id='2'] [data-agenda=up]")
    expect(page.locator("#activity-list .activity-item").first).to_have_attribute("data-activity-id", "2")
    assert focused(page)["activity"] == 2 and focused(page)["tag"] != "body"  # ↑ is disabled now: its row
    press("#activity-list [data-activity-id='2'] [data-agenda=down]")
    expect(page.locator("#activity-list .activity-item").first).to_have_attribute("data-activity-id", "1")
    assert focused(page)["activity"] == 2 and focused(page)["tag"] != "body"
    before = press("#activity-list [data-activity-id='1'] [data-agenda=hide]")
    expect(page.locator("#activity-list [data-activity-id='1']")).to_have_class(re.compile("is-hidden"))
    assert focused(page) == before
    press("#activity-list [data-activity-id='1'] [data-agenda=hide]")
    expect(page.locator("#activity-list [data-activity-id='1']")).not_to_have_class(re.compile("is-hidden"))
    assert focused(page) == before


def test_a_whole_session_by_keyboard_only(server, contexts, api, sio_client, shots):
    session = api.create_session("Alleen het toetsenbord", ["succesfactoren", "motieven"])
    page = open_console(contexts, server, session, activities=2)
    phones = join_phones(sio_client, session["code"], 3)

    def tab_to(check, limit=120):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(check):
                return
        raise AssertionError(f"Tab never reached {check}")

    page.keyboard.press("ArrowRight")  # the first activity opens and goes to the phones
    expect(current_row(page)).to_have_attribute("data-activity-id", "1")
    answer_factors(phones, 1)
    tab_to("document.activeElement.closest('.is-current') && document.activeElement.dataset.action === 'toggle-results'")
    page.keyboard.press("Enter")  # results off the beamer, and on again with r
    expect(current_row(page).locator("[data-action=toggle-results]")).to_have_text("Resultaten tonen op beamer")
    page.keyboard.press("r")
    expect(current_row(page).locator("[data-action=toggle-results]")).to_have_text("Resultaten verbergen op beamer")
    assert focused(page)["action"] == "toggle-results"

    page.keyboard.press("ArrowRight")  # on to the motives: a card comes in, moderated by keyboard
    expect(current_row(page)).to_have_attribute("data-activity-id", "2")
    assert phones[0].call("add_entry", {"activity_id": 2, "item": "moreel", "text": "Samen de wachtlijst korter"},
                          timeout=5)["ok"]
    note = page.locator(".preview .result:not([hidden]) .note")
    expect(note).to_have_count(1)
    tab_to("document.activeElement.dataset.moderate === 'highlighted'")
    page.keyboard.press("Enter")
    expect(note).to_have_class(re.compile("note-highlighted"))
    assert focused(page)["action"] == "highlighted"

    page.keyboard.press("?")
    expect(page.locator("#keys-dialog")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#keys-dialog")).to_be_hidden()
    assert focused(page)["action"] == "highlighted"

    page.keyboard.press("ArrowLeft")  # back to the first: the motives close
    expect(current_row(page)).to_have_attribute("data-activity-id", "1")
    assert states(api, session) == ["open", "closed"]
    page.keyboard.press("o")  # and close it: nothing takes answers any more
    expect(page.locator("#phones-now")).to_have_text("Op de telefoons: Kritische succesfactoren — gesloten")
    assert states(api, session) == ["closed", "closed"]
    page.screenshot(path=shots / "console-keyboard-session.png")


def test_a_panel_drawn_again_gets_its_focused_control_back(server, contexts, api):
    """A panel (timer, progress, beamer) draws itself from every session shown; the control that had the keyboard
    gets it back in the new drawing, found by the panel's id and the control's data-action."""
    session = api.create_session("Paneel", ["succesfactoren"])
    page = open_console(contexts, server, session)
    page.evaluate("""async () => {
        const room = await import('/static/js/console-room.js');  // the console's own module, as a panel has it
        room.onSession((shown) => {
            const buttons = ['first', 'second'].map((name) => Object.assign(document.createElement('button'),
                {type: 'button', textContent: `${name} ${shown.seq}`}));
            buttons.forEach((button, n) => { button.dataset.action = ['first', 'second'][n]; });
            document.getElementById('timer-panel').replaceChildren(...buttons);
        });
    }""")
    panel = page.locator("#timer-panel [data-action=second]")
    expect(panel).to_be_visible()
    drawn = panel.inner_text()
    panel.focus()
    page.keyboard.press("ArrowRight")  # a key's action: a new session is shown, the panel drawn again
    expect(current_row(page)).to_have_attribute("data-activity-id", "1")
    expect(panel).not_to_have_text(drawn)
    expect(panel).to_be_focused()
    page.keyboard.press("o")
    expect(current_row(page).locator("[data-state]")).to_have_text("gesloten")
    expect(panel).to_be_focused()


def test_the_presenter_view_its_menus_the_list_of_keys_and_the_editing_mode_pass_axe(server, browser, api, sio_client):
    session = api.create_session("Toegankelijk", ["succesfactoren", "motieven"])
    context = axe_context(browser, 1280, 800, "nl")
    page = context.new_page()
    page.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    expect(page.locator("#activity-list .activity-item")).to_have_count(2)
    page.locator("#next").click()
    answer_factors(join_phones(sio_client, session["code"], 4), 1)
    expect(page.locator(".join-info [data-participants]")).to_have_text("4")
    found = {"live": violations(page)}
    open_session_menu(page)
    found["menu"] = violations(page)
    page.keyboard.press("Escape")
    expect(page.locator("#session-menu")).not_to_have_attribute("open", "")
    page.locator("#edit-agenda").click()
    found["editing"] = violations(page)
    page.locator("#show-keys").click()
    expect(page.locator("#keys-dialog")).to_be_visible()
    found["keys"] = violations(page)
    context.close()
    assert not any(found.values()), report(found)
