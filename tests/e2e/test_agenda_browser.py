"""Changing the agenda of a running session in a real browser: the facilitator adds an activity from the library,
renames, reorders, hides one with answers and removes one without; the phone gets the new activity when it is
opened (and waits while a card is being typed); the beamer follows.

Screenshots land in test-output/screenshots/agenda-*.png for a person to look at.
"""

import re

from playwright.sync_api import expect

from .pages import edit_agenda, join_phone, open_beamer
from .support import wait_for


def row(console, title):
    return console.locator("#activity-list .activity-item", has_text=title)


def agenda_of(api, session):
    overview = api.get(f"/api/sessions/{session['code']}", session["facilitator_key"])
    return [(a["title"], a["hidden"]) for a in overview["activities"]]


def test_the_facilitator_changes_the_agenda_while_the_session_runs(server, contexts, api, screenshots):
    session = api.create_session("Agenda e2e", activities=("succesfactoren", "quickscan"))
    console = contexts(1280, 800).new_page()
    console.on("dialog", lambda dialog: dialog.accept())
    console.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    expect(console.locator("#activity-list .activity-item")).to_have_count(2)
    beamer = open_beamer(contexts, server, session)
    phone = join_phone(contexts, server, session["code"], "Anouk", "Gemeente Roermond")
    edit_agenda(console)

    # The succesfactoren open, with one answer: from now on its wording stays.
    succes = row(console, "Kritische succesfactoren")
    succes.locator("[data-action=toggle-open]").click()
    expect(phone.locator(".activity:not([hidden]) h2")).to_have_text("Kritische succesfactoren")
    phone.locator(".activity:not([hidden]) [data-item=visie] label.choice[data-value=groen]").tap()
    expect(phone.locator(".activity:not([hidden]) [data-item=visie] [data-status]")).to_have_text(
        re.compile("Opgeslagen"))
    expect(succes.locator("[data-agenda=remove]")).to_be_hidden()
    expect(succes.locator("[data-agenda=rename]")).to_be_hidden()
    expect(succes.locator("[data-answered-note]")).to_be_visible()
    expect(succes.locator("[data-agenda=hide]")).to_have_text("Verbergen")

    # Add the motives from the library: the console and the beamer load the new activity.
    console.locator("#add-activity").click()
    console.locator("#add-picker input[type=search]").fill("motieven")
    expect(console.locator("#add-picker li:not([hidden])")).to_have_count(1)
    console.screenshot(path=screenshots / "agenda-console-picker.png")
    console.locator("#add-picker li:not([hidden]) button").click()
    expect(console.locator("#activity-list .activity-item")).to_have_count(3)
    expect(beamer.locator(".result[data-activity-id='3']")).to_have_count(1)

    # Rename it inline, move it up above the quick scan.
    added = console.locator("#activity-list .activity-item").nth(2)
    added.locator("[data-agenda=rename]").click()
    added.locator("[data-rename] input").fill("Onze motieven")
    added.locator("[data-rename] input").press("Enter")
    expect(row(console, "Onze motieven")).to_have_count(1)
    row(console, "Onze motieven").locator("[data-agenda=up]").click()
    expect(console.locator("#activity-list .activity-item [data-title]")).to_have_text(
        ["Kritische succesfactoren", "Onze motieven", api.get(f"/api/sessions/{session['code']}",
                                                              session["facilitator_key"])["activities"][2]["title"]])

    # Hide the succesfactoren (it has an answer): off the phone and the beamer, greyed in the console.
    succes.locator("[data-agenda=hide]").click()
    expect(succes).to_have_class(re.compile("is-hidden"))
    expect(succes.locator("[data-agenda=hide]")).to_have_text("Weer tonen")
    expect(phone.locator("#waiting")).to_be_visible()
    expect(beamer.locator("#join-screen")).to_be_visible()

    # Remove the quick scan (no answers).
    quickscan = console.locator("#activity-list .activity-item").nth(2)
    quickscan.locator("[data-agenda=remove]").click()
    expect(console.locator("#activity-list .activity-item")).to_have_count(2)
    assert agenda_of(api, session) == [("Kritische succesfactoren", True), ("Onze motieven", False)]
    console.screenshot(path=screenshots / "agenda-console.png")

    # Next: the hidden one is skipped; the phone loads the new activity, the beamer shows it.
    console.locator("#next").click()
    expect(phone.locator(".activity:not([hidden]) h2")).to_have_text("Onze motieven")
    expect(beamer.locator("#activity-title")).to_have_text("Onze motieven")
    phone.screenshot(path=screenshots / "agenda-phone-new-activity.png")
    beamer.screenshot(path=screenshots / "agenda-beamer.png")
    console.screenshot(path=screenshots / "agenda-console-running.png")


def test_a_phone_typing_a_card_is_not_reloaded_under_its_fingers(server, contexts, api, screenshots):
    session = api.create_session("Agenda typen", activities=("motieven",))
    key = session["facilitator_key"]
    phone = join_phone(contexts, server, session["code"], "Bram", "GGD")
    console = contexts(1280, 800).new_page()
    console.goto(f"{server.base_url}/f/{session['code']}#key={key}")
    console.locator("[data-action=toggle-open]").click()
    box = phone.locator(".activity:not([hidden]) [data-item=moreel] textarea")
    box.fill("Half getypt")
    phone.evaluate("window.loadedAt = 'first'")  # gone after a reload
    status, _ = api.request("PATCH", f"/api/sessions/{session['code']}/activities/1", {"title": "Waarom samen?"}, key)
    assert status == 200
    expect(phone.locator("#refresh-note")).to_be_visible()
    phone.screenshot(path=screenshots / "agenda-phone-typing.png")
    assert phone.evaluate("window.loadedAt") == "first" and box.input_value() == "Half getypt"
    phone.locator(".activity:not([hidden]) [data-item=moreel] [data-submit]").tap()  # the card is finished
    expect(phone.locator(".activity:not([hidden]) h2")).to_have_text("Waarom samen?")
    wait_for(lambda: phone.evaluate("window.loadedAt") is None, message="the phone reloaded")
    expect(phone.locator(".activity:not([hidden]) [data-item=moreel] [data-entries] li")).to_have_text(
        re.compile("Half getypt"))
    expect(phone.locator("#refresh-note")).to_be_hidden()


def test_a_phone_reloads_for_an_added_activity_once_its_text_box_is_empty(server, contexts, api):
    session = api.create_session("Agenda leeg", activities=("motieven",))
    key, code = session["facilitator_key"], session["code"]
    phone = join_phone(contexts, server, code, "Cas", "GGD")
    status, _ = api.request("POST", f"/api/sessions/{code}/activities", "quickscan", key)  # after the phone loaded
    assert status == 201
    console = contexts(1280, 800).new_page()
    console.goto(f"{server.base_url}/f/{code}#key={key}")
    expect(console.locator("#activity-list .activity-item")).to_have_count(2)
    console.locator("#activity-list .activity-item").nth(0).locator("[data-action=toggle-open]").click()
    box = phone.locator(".activity:not([hidden]) [data-item=moreel] textarea")
    box.fill("Nog bezig")
    console.locator("#activity-list .activity-item").nth(1).locator("[data-action=toggle-open]").click()
    expect(phone.locator("#refresh-note")).to_be_visible()
    box.fill("")
    expect(phone.locator(".activity:not([hidden]) [data-item=ambitie]")).to_be_visible()
