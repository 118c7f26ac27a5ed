"""A moderator link in real browsers: the facilitator makes one and copies it, a co-facilitator opens it in a
browser of their own, runs the room (opens and closes, moderates a card) without the facilitator's controls, and
is shown out at once when the facilitator revokes the link. No key reaches the server's log."""

import re

from playwright.sync_api import expect

from .axe import axe_context, report, violations
from .pages import join_phone, open_console, open_session_menu
from .support import ROOT

ISSUE = ROOT / "test-output" / "issue13"
FACILITATOR_ONLY = ["#language-form", "#downloads", "#delete-session", "#facilitator-link", "#moderators",
                    "#add-activity", "#build-activity", "[data-agenda=rename]", "[data-agenda=up]"]


def test_a_moderator_runs_the_room_until_the_link_is_revoked(server, contexts, api):
    ISSUE.mkdir(parents=True, exist_ok=True)
    session = api.create_session("Wijkaanpak Noord met medebegeleider", activities=("motieven",))
    console = open_console(contexts, server, session)
    console.set_viewport_size({"width": 1280, "height": 800})
    console.context.grant_permissions(["clipboard-read", "clipboard-write"])
    expect(console.locator("#moderator-note")).to_be_hidden()
    open_session_menu(console)  # the links sit in the session menu, with the exports
    panel = console.locator("#moderators")
    expect(panel).to_be_visible()
    panel.locator("summary").click()
    expect(panel.locator("#moderators-none")).to_be_visible()

    # The facilitator makes a link and copies it: shown once, with the warning.
    panel.get_by_role("button", name="Moderatorlink maken").click()
    field = panel.locator("#moderator-link")
    expect(field).to_be_focused()
    url = field.input_value()
    assert re.fullmatch(rf"{re.escape(server.base_url)}/f/{session['code']}#key=[\w-]{{43}}", url), url
    key = url.split("#key=")[1]
    assert key != session["facilitator_key"]
    expect(panel.locator(".warning")).to_contain_text("alleen met een medebegeleider")
    panel.get_by_role("button", name="Kopiëren").click()
    expect(panel.locator("#moderator-copied")).to_have_text("Gekopieerd. Stuur de link alleen aan je medebegeleider.")
    assert console.evaluate("navigator.clipboard.readText()") == url
    expect(panel.locator("#moderator-links li")).to_have_count(1)
    expect(panel.locator("#moderator-links li")).to_contain_text(re.compile(r"Moderatorlink 1, gemaakt om \d"))
    expect(panel.locator("#moderators-none")).to_be_hidden()
    panel.screenshot(path=ISSUE / "moderators-panel.png")
    console.screenshot(path=ISSUE / "moderators-console-1280x800.png")
    console.set_viewport_size({"width": 1440, "height": 900})
    console.screenshot(path=ISSUE / "moderators-console-1440x900.png")

    # A co-facilitator opens the link in a browser of their own: the room's controls, none of the facilitator's.
    moderator = contexts(1280, 800).new_page()
    moderator.goto(url)
    expect(moderator).to_have_url(f"{server.base_url}/f/{session['code']}")  # the key is off the screen
    expect(moderator.locator("#moderator-note")).to_contain_text("Je bent moderator van deze sessie.")
    expect(moderator.locator("#activity-list .activity-item")).to_have_count(1)
    for selector in FACILITATOR_ONLY:
        expect(moderator.locator(selector)).to_be_hidden()
    expect(moderator.locator("#open-beamer")).to_be_visible()
    expect(moderator.locator("[data-action=toggle-open]")).to_be_visible()

    # The moderator opens the activity; a phone writes a card; the moderator hides it from the beamer.
    moderator.locator("[data-action=toggle-open]").click()
    expect(console.locator("#activity-list [data-state]")).to_have_text("open")
    phone = join_phone(contexts, server, session["code"], "Anna", "Gemeente Venlo")
    card = phone.locator(".activity:not([hidden]) [data-kind=text]").first.locator("[data-entry-form]")
    card.locator("textarea").fill("Korte lijnen met de wijkteams")
    card.locator("button[type=submit]").tap()
    note = moderator.locator(".preview .result:not([hidden]) .note")
    expect(note).to_have_count(1)
    note.locator("[data-moderate=hidden]").click()
    expect(note).to_have_class(re.compile("note-hidden"))
    export = api.get(f"/api/sessions/{session['code']}/export.json", session["facilitator_key"])
    assert [(e["text"], e["hidden"]) for e in export["entries"]] == [("Korte lijnen met de wijkteams", True)]
    moderator.evaluate("scrollTo(0, 0)")
    moderator.screenshot(path=ISSUE / "moderator-console-1280x800.png")
    moderator.set_viewport_size({"width": 1440, "height": 900})
    moderator.screenshot(path=ISSUE / "moderator-console-1440x900.png")
    moderator.set_viewport_size({"width": 390, "height": 844})
    moderator.screenshot(path=ISSUE / "moderator-console-390x844.png", full_page=True)
    moderator.set_viewport_size({"width": 1280, "height": 800})
    moderator.locator("[data-action=toggle-open]").click()
    expect(console.locator("#activity-list [data-state]")).to_have_text("gesloten")

    # The facilitator tries the link in their own browser: that tab is a moderator's, their key stays theirs.
    trial = console.context.new_page()
    trial.goto(url)
    expect(trial.locator("#moderator-note")).to_be_visible()
    again = console.context.new_page()
    again.goto(f"{server.base_url}/f/{session['code']}")
    expect(again.locator("#moderator-note")).to_be_hidden()
    open_session_menu(again)
    expect(again.locator("#moderators")).to_be_visible()
    expect(again.locator("#moderator-note")).to_be_hidden()
    assert again.evaluate(f"localStorage.getItem('werkatelier:key:{session['code']}')") == session["facilitator_key"]
    again.close()

    # The facilitator revokes the link (after confirming): the moderator's console says why, and nothing else.
    console.once("dialog", lambda dialog: dialog.accept())
    panel.get_by_role("button", name="Moderatorlink 1 intrekken").click()
    expect(panel.locator("#moderator-links li")).to_have_count(0)
    expect(panel.locator("#moderator-new")).to_be_hidden()
    expect(panel.get_by_role("button", name="Moderatorlink maken")).to_be_focused()
    expect(moderator.locator("#auth-error")).to_have_text(
        "De procesbegeleider heeft je moderatorlink ingetrokken. Je kunt deze sessie niet meer leiden.")
    expect(moderator.locator("main")).to_be_hidden()
    expect(moderator.locator("#connection")).to_be_hidden()
    expect(moderator.locator("#moderator-note")).to_be_hidden()
    expect(trial.locator("#auth-error")).to_be_visible()
    assert moderator.evaluate(f"localStorage.getItem('werkatelier:moderator:{session['code']}')") is None
    moderator.screenshot(path=ISSUE / "moderator-console-revoked.png")
    status, body = api.request("GET", f"/api/sessions/{session['code']}", key=key)
    assert status == 403, body
    moderator.goto("about:blank")
    moderator.goto(url)  # the link again, from the chat it was sent in
    expect(moderator.locator("#auth-error")).to_contain_text("Deze moderatorlink is ingetrokken")

    log = server.log(tail=None)
    assert "Werkatelier" in log  # the server did write its log
    assert key not in log and session["facilitator_key"] not in log


def test_the_moderators_panel_and_the_moderators_console_pass_axe(server, api, browser):
    session = api.create_session("Toegankelijk modereren", activities=("motieven",))
    status, link = api.request("POST", f"/api/sessions/{session['code']}/moderators", key=session["facilitator_key"])
    assert status == 201, link
    found = {}
    contexts = [axe_context(browser, 1280, 800, "nl") for _ in range(2)]
    try:
        console, moderator = (context.new_page() for context in contexts)
        console.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
        open_session_menu(console)
        console.locator("#moderators summary").click()
        console.get_by_role("button", name="Moderatorlink maken").click()
        expect(console.locator("#moderator-links li")).to_have_count(2)
        found["facilitator"] = violations(console)
        moderator.goto(link["url"])
        expect(moderator.locator("#moderator-note")).to_be_visible()
        found["moderator"] = violations(moderator)
        console.once("dialog", lambda dialog: dialog.accept())
        console.get_by_role("button", name=f"Moderatorlink {link['id']} intrekken").click()
        expect(moderator.locator("#auth-error")).to_be_visible()
        found["revoked"] = violations(moderator)
    finally:
        for context in contexts:
            context.close()
    failing = {state: rules for state, rules in found.items() if rules}
    assert not failing, report(failing)
