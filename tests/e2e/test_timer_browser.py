"""The timer in a real browser and on a real server: the console starts, pauses, adds a minute and stops it; the
beamer and the phone count along; at zero the activity closes and a card still being typed is added; a card
typed when the facilitator closes by hand stays in its box, said; and a kill -9 of the server while a timer runs
loses none of its time. Screenshots in test-output/issue13/."""

import re
import time

import pytest
from playwright.sync_api import expect

from .axe import axe_context, report, violations
from .pages import join_phone, open_beamer
from .support import ROOT, control, facilitator, wait_for

SHOTS = ROOT / "test-output" / "issue13"


@pytest.fixture(scope="module")
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def open_console_at(contexts, server, session, width=1280, height=800, activities=1):
    page = contexts(width, height).new_page()
    page.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    expect(page.locator("#activity-list .activity-item")).to_have_count(activities)
    return page


def text_field(phone):
    return phone.locator(".activity:not([hidden]) [data-kind=text]").first


def test_the_console_runs_the_timer_the_room_sees_it_and_at_zero_a_typed_card_is_added(server, contexts, api,
                                                                                      sio_client, shots):
    session = api.create_session("Timer in de zaal", activities=("motieven",))
    console = open_console_at(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    phone = join_phone(contexts, server, session["code"], "Anna", "Gemeente Venlo")
    console.locator("[data-action=toggle-open]").click()
    panel = console.locator("#timer-panel")

    panel.get_by_role("button", name="5 min", exact=True).click()
    for page in (console, beamer, phone):
        expect(page.locator(".timer-clock")).to_have_text(re.compile(r"^(5:00|4:5\d)$"))
    expect(beamer.locator("#beamer-timer .timer-label")).to_have_text("Tijd over")
    expect(phone.locator("#phone-timer .timer-label")).to_have_text("Tijd over")
    console.screenshot(path=shots / "timer-console-1280x800.png")
    panel.screenshot(path=shots / "timer-console-panel.png")
    console.set_viewport_size({"width": 1440, "height": 900})
    console.screenshot(path=shots / "timer-console-1440x900.png")
    beamer.screenshot(path=shots / "timer-beamer-1920x1080.png")
    phone.screenshot(path=shots / "timer-phone-390.png")
    for width, height in ((360, 780),):
        phone.set_viewport_size({"width": width, "height": height})
        phone.screenshot(path=shots / f"timer-phone-{width}.png")

    # The keys: t pauses (the countdown stands still everywhere), + adds a minute and stays paused, s stops.
    focused = panel.get_by_role("button", name="5 min", exact=True)
    console.keyboard.press("t")
    expect(beamer.locator("#beamer-timer .timer-label")).to_have_text("Gepauzeerd")
    expect(phone.locator("#phone-timer .timer-label")).to_have_text("Gepauzeerd")
    paused_at = beamer.locator("#beamer-timer .timer-clock").text_content()
    beamer.screenshot(path=shots / "timer-beamer-paused.png")
    expect(panel.locator("[data-timer=toggle]")).to_have_text("Hervatten")
    console.keyboard.press("+")
    minutes, seconds = map(int, paused_at.split(":"))
    expect(beamer.locator("#beamer-timer .timer-clock")).to_have_text(f"{minutes + 1}:{seconds:02d}")
    expect(beamer.locator("#beamer-timer .timer-label")).to_have_text("Gepauzeerd")
    expect(focused).to_be_focused()  # the keys leave the focus where it was
    console.keyboard.press("s")
    expect(beamer.locator("#beamer-timer")).to_be_hidden()
    expect(phone.locator("#phone-timer")).to_be_hidden()
    expect(panel.locator(".timer-label")).to_have_text("Geen timer")

    # The last minute: another colour, and its own words and mark; a screen reader hears it once.
    screen = facilitator(sio_client, session)
    control(screen, "start_timer", activity_id=1, seconds=61)
    expect(beamer.locator("#beamer-timer")).to_have_attribute("data-phase", "running")
    expect(beamer.locator("#beamer-timer")).to_have_attribute("data-phase", "last-minute")
    expect(beamer.locator("#beamer-timer .timer-label")).to_have_text("Laatste minuut")
    expect(beamer.locator("p.visually-hidden[role=status]")).to_have_text("Nog één minuut.")
    expect(phone.locator("#announce")).to_have_text("Nog één minuut.")
    assert beamer.locator("#beamer-timer [aria-live], #beamer-timer[role=status]").count() == 0  # the ticking is not
    beamer.screenshot(path=shots / "timer-beamer-last-minute.png")
    phone.screenshot(path=shots / "timer-phone-last-minute.png")

    # A short timer that closes at zero; a card is being typed and not yet added.
    phone.set_viewport_size({"width": 390, "height": 844})
    field = text_field(phone)
    field.locator("textarea").fill("Samen de wachtlijst korter maken")
    control(screen, "start_timer", activity_id=1, seconds=3, close=True)
    expect(phone.locator("#phone-timer .timer-label")).to_have_text("Tijd is om", timeout=8000)
    expect(field.locator("[data-entries] li p")).to_have_text(["Samen de wachtlijst korter maken"])
    expect(field.locator("textarea")).to_have_value("")
    expect(phone.locator(".activity:not([hidden]) [data-closed-banner]")).to_be_visible(timeout=8000)
    expect(console.locator("[data-state]")).to_have_text("gesloten")
    expect(beamer.locator("#beamer-timer .timer-label")).to_have_text("Tijd is om")
    expect(beamer.locator("#beamer-timer .timer-clock")).to_have_text("0:00")
    expect(beamer.locator("p.visually-hidden[role=status]")).to_have_text("Tijd is om.")
    beamer.screenshot(path=shots / "timer-beamer-time-is-up.png")
    phone.screenshot(path=shots / "timer-phone-time-is-up.png")
    export = api.get(f"/api/sessions/{session['code']}/export.json", session["facilitator_key"])
    assert [e["text"] for e in export["entries"]] == ["Samen de wachtlijst korter maken"]


def test_a_card_typed_when_the_facilitator_closes_stays_in_its_box_with_a_message(server, contexts, api, shots):
    session = api.create_session("Sluiten met een kaart in het vak", activities=("motieven", "succesfactoren"))
    console = open_console_at(contexts, server, session, activities=2)
    phone = join_phone(contexts, server, session["code"], "Bram", "Woonstichting Maasdal", width=360, height=780)
    toggle = console.locator("[data-activity-id='1'] [data-action=toggle-open]")
    toggle.click()
    field = text_field(phone)
    field.locator("textarea").fill("Nog niet verstuurd")
    toggle.click()  # closes
    expect(phone.locator(".activity:not([hidden]) [data-closed-banner]")).to_be_visible()
    expect(field.locator("textarea")).to_have_value("Nog niet verstuurd")
    expect(field.locator("textarea")).to_have_attribute("readonly", "")
    expect(field.locator("[data-status]")).to_have_text(re.compile(r"^Niet toegevoegd: .*staat nog in het vak"))
    expect(phone.locator("#announce")).to_have_text(re.compile("staat nog in het vak"))
    field.scroll_into_view_if_needed()
    phone.screenshot(path=shots / "timer-phone-draft-kept-360.png")
    toggle.click()  # open again: the text can be added after all
    expect(field.locator("textarea")).not_to_have_attribute("readonly", "")
    expect(field.locator("[data-status]")).to_have_text("")
    field.locator("button[type=submit]").tap()
    expect(field.locator("[data-entries] li p")).to_have_text(["Nog niet verstuurd"])

    # On to the next activity with a text in a box: the phone says which text was not added.
    field.locator("textarea").fill("Ook dit nog")
    console.locator("#next").click()
    expect(phone.locator("#message")).to_have_text("Nog niet toegevoegd bij “Motieven van samenwerkingspartners”: "
                                                   "Ook dit nog")


def test_the_timer_on_every_screen_passes_axe(server, browser, api, sio_client):
    session = api.create_session("Timer en axe", activities=("motieven",))
    screen = facilitator(sio_client, session)
    control(screen, "open", activity_id=1)
    control(screen, "start_timer", activity_id=1, seconds=600)
    found = {}
    pages = {"console": (f"/f/{session['code']}#key={session['facilitator_key']}", 1280, 800, False),
             "beamer": (f"/f/{session['code']}/beamer#key={session['facilitator_key']}", 1920, 1080, False),
             "phone": (f"/j/{session['code']}", 390, 844, True)}
    for name, (path, width, height, phone) in pages.items():
        context = axe_context(browser, width, height, "nl", phone=phone)
        page = context.new_page()
        page.goto(server.base_url + path)
        if phone:
            page.fill("#name", "Carla")
            page.locator("#join-form button[type=submit]").tap()
        expect(page.locator(".timer-clock").first).to_have_text(re.compile(r"^(10:00|9:5\d)$"))
        found[name] = violations(page)
        context.close()
    assert not any(found.values()), report(found)


def test_a_kill_9_while_the_timer_runs_loses_none_of_its_time_and_the_closing_still_comes(server, api,
                                                                                           sio_client):
    session = api.create_session("Timer en herstart", activities=("succesfactoren", "motieven"))
    screen = facilitator(sio_client, session)
    control(screen, "open", activity_id=1)
    control(screen, "open", activity_id=2, keep_open=True)  # on the phones; activity 1 stays open
    started = time.time()
    control(screen, "start_timer", activity_id=2, seconds=600)
    control(screen, "start_timer", activity_id=1, seconds=1, close=True)
    server.restart()  # SIGKILL before the closing was due (1 s + the grace of 2 s), then start again
    down = time.time() - started

    overview = api.get(f"/api/sessions/{session['code']}", session["facilitator_key"])
    long_timer = overview["activities"][1]["timer"]
    assert long_timer["running"] is True and long_timer["seconds"] == 600
    assert 600 - (time.time() - started) - 0.5 <= long_timer["remaining"] <= 600 - down + 0.5  # it kept counting

    # Nobody touched the session yet: the closing waits for that. A phone comes back, and it closes.
    assert overview["activities"][0]["state"] == "open"
    phone = sio_client()
    assert phone.call("join", {"code": session["code"]}, timeout=10)["ok"]
    wait_for(lambda: api.get(f"/api/sessions/{session['code']}",
                             session["facilitator_key"])["activities"][0]["state"] == "closed",
             timeout=8, message="activity 1 closed at zero after the restart")
