"""The phone in two languages and by keyboard alone: an English and a Dutch phone answer into one result, each in
its own language, switching language keeps a phone joined; a participant answers every kind with Tab, Space, Enter
and the arrow keys only; the page reflows at 320 px and at 200 % text.

Screenshots land in test-output/screenshots/phone-*.png for a person to look at.
"""

import re

from playwright.sync_api import expect

from .pages import assert_no_horizontal_scroll, join_phone
from .support import wait_for

CHECK = {"title": "Quick check", "intro": "Three questions.", "items": [
    {"id": "support", "label": "Do the boards support the plan?", "kind": "stoplicht"},
    {"id": "grade", "label": "How satisfied are you with the collaboration?", "kind": "scale", "low": 1, "high": 5,
     "low_label": "not at all", "high_label": "completely"},
    {"id": "idea", "label": "What would you do differently tomorrow?", "kind": "text", "max_length": 140},
]}
EVERY_KIND = {"title": "Alles met het toetsenbord", "items": [
    {"id": "draagvlak", "label": "Is er draagvlak?", "kind": "stoplicht"},
    {"id": "schaal", "label": "Op welk niveau werk je?", "kind": "choice", "options": ["Lokaal", "Regionaal", "Landelijk"]},
    {"id": "thema", "label": "Welke thema’s spelen er?", "kind": "choice", "multiple": True,
     "options": ["Wonen", "Zorg", "Werk"]},
    {"id": "cijfer", "label": "Hoe tevreden ben je?", "kind": "scale", "low": 1, "high": 5,
     "low_label": "helemaal niet", "high_label": "volledig"},
    {"id": "geld", "label": "Verdeel 5 punten", "kind": "points", "points": 5, "options": ["Wonen", "Zorg"]},
    {"id": "idee", "label": "Wat doe je morgen anders?", "kind": "text"},
]}


def field(page, item):
    return page.locator(f".activity:not([hidden]) [data-item='{item}']")


def open_activity(screen, activity_id):
    ack = screen.call("control", {"action": "open", "activity_id": activity_id}, timeout=10)
    assert ack["ok"], ack


def facilitator(sio_client, session):
    screen = sio_client()
    assert screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=10)["ok"]
    return screen


def join_in_english(contexts, server, code, name, organisation, width=390, height=844):
    page = contexts(width, height, phone=True, locale="en-GB").new_page()
    page.goto(f"{server.base_url}/j/{code}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#join h2")).to_have_text("Join")
    expect(page.get_by_label("Name (optional)")).to_be_visible()
    page.fill("#name", name)
    page.fill("#organisation", organisation)
    page.get_by_role("button", name="Join").tap()
    expect(page.locator("#me")).to_have_text(f"{name} · {organisation}")
    return page


def focused_id(page):
    return page.evaluate("document.activeElement.id")


def test_an_english_and_a_dutch_phone_answer_into_one_result(server, contexts, api, sio_client, screenshots):
    session = api.create_session("Two languages", activities=(CHECK, "succesfactoren"))
    screen = facilitator(sio_client, session)
    open_activity(screen, 1)
    emma = join_in_english(contexts, server, session["code"], "Emma", "City of Venlo")
    anouk = join_phone(contexts, server, session["code"], "Anouk", "Gemeente Venlo", width=360, height=780)

    # Emma answers in English: the page's own words, and the ack errors in English too.
    expect(emma.locator(".activity:not([hidden]) .progress")).to_have_text("0 of 3 answered")
    expect(field(emma, "idea").locator(".hint")).to_have_text("You can add up to 5 cards here, each of at most 140 characters.")
    field(emma, "support").locator("label[data-value=rood]").tap()
    field(emma, "grade").locator("label[data-value='4']").tap()
    field(emma, "idea").locator("textarea").fill("Agree on the task first")
    field(emma, "idea").get_by_role("button", name="Add").tap()
    for item in ("support", "grade", "idea"):
        expect(field(emma, item).locator("[data-status]")).to_have_text("Saved ✓")
    expect(field(emma, "idea").get_by_role("button", name="Edit")).to_be_visible()
    expect(emma.locator(".activity:not([hidden]) .progress")).to_have_text("3 of 3 answered")
    expect(emma.locator("#announce")).to_have_text("Saved ✓")  # the one live region, in English too

    # Anouk, on the same activity in Dutch.
    field(anouk, "support").locator("label[data-value=rood]").tap()
    field(anouk, "grade").locator("label[data-value='2']").tap()
    field(anouk, "idea").locator("textarea").fill("Eerst de opgave samen formuleren")
    field(anouk, "idea").get_by_role("button", name="Toevoegen").tap()
    for item in ("support", "grade", "idea"):
        expect(field(anouk, item).locator("[data-status]")).to_have_text("Opgeslagen ✓")
    expect(anouk.locator(".activity:not([hidden]) .progress")).to_have_text("3 van 3 beantwoord")

    # One result: the two phones' answers counted together, whatever their language.
    wait_for(lambda: len(api.stored_answers(session, 1)) == 4, message="both phones' answers stored")
    assert sorted(api.stored_answers(session, 1).values()) == ["2", "4", "rood", "rood"]
    export = api.get(f"/api/sessions/{session['code']}/export.json", session["facilitator_key"])
    assert sorted(entry["text"] for entry in export["entries"]) == ["Agree on the task first",
                                                                   "Eerst de opgave samen formuleren"]
    aggregate = api.results(session)[1]
    assert aggregate["respondents"] == 2, aggregate
    assert aggregate["items"]["support"]["counts"] == {"groen": 0, "oranje": 0, "rood": 2}
    assert (aggregate["items"]["grade"]["n"], aggregate["items"]["grade"]["mean"]) == (2, 3)

    for page, width, name in ((emma, 390, "phone-en-390.png"), (anouk, 360, "phone-nl-360.png")):
        assert_no_horizontal_scroll(page, width)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=screenshots / name, full_page=True)

    # Emma switches to Dutch and back: still joined, her answers still there.
    emma.get_by_role("link", name="Nederlands").tap()
    expect(emma.locator("html")).to_have_attribute("lang", "nl")
    expect(emma.locator("#me")).to_have_text("Emma · City of Venlo")
    expect(emma.locator("#join")).to_be_hidden()
    expect(field(emma, "support").locator("input[value=rood]")).to_be_checked()
    expect(emma.locator(".activity:not([hidden]) .progress")).to_have_text("3 van 3 beantwoord")
    expect(emma.get_by_role("link", name="English")).to_have_attribute("lang", "en")
    emma.get_by_role("link", name="English").tap()
    expect(emma.locator("html")).to_have_attribute("lang", "en")
    expect(field(emma, "grade").locator("input[value='4']")).to_be_checked()
    expect(emma.locator("#join")).to_be_hidden()

    # A library instrument in English, marked as translated from the Dutch handbook; in Dutch without the note.
    open_activity(screen, 2)
    expect(emma.locator(".activity:not([hidden]) h2")).to_have_text("Critical success factors")
    expect(emma.locator(".activity:not([hidden]) .translated-note")).to_be_visible()
    expect(anouk.locator(".activity:not([hidden]) h2")).to_have_text("Kritische succesfactoren")
    expect(anouk.locator(".activity:not([hidden]) .translated-note")).to_have_count(0)
    assert_no_horizontal_scroll(emma, 390)
    emma.screenshot(path=screenshots / "phone-en-succesfactoren.png")

    # The facilitator deletes the session: each phone says so in its own language.
    status, _ = api.request("DELETE", f"/api/sessions/{session['code']}", key=session["facilitator_key"])
    assert status in (200, 204)
    expect(emma.locator(".phone-main")).to_have_text("This session was deleted by the facilitator.")
    expect(anouk.locator(".phone-main")).to_have_text("Deze sessie is verwijderd door de procesbegeleider.")


def test_a_participant_answers_every_kind_with_the_keyboard_only(server, contexts, api, sio_client, screenshots):
    session = api.create_session("Toetsenbord", activities=(EVERY_KIND, "succesfactoren"))
    screen = facilitator(sio_client, session)
    open_activity(screen, 1)
    page = contexts(390, 844, phone=True).new_page()
    page.goto(f"{server.base_url}/j/{session['code']}")
    expect(page.locator("#join")).to_be_visible()  # shown once connected: before that, Tab has nowhere to go
    keys = page.keyboard

    keys.press("Tab")  # the language link comes first, in the header
    expect(page.locator(":focus")).to_have_text("English")
    keys.press("Tab")
    keys.type("Kees")
    keys.press("Tab")
    keys.type("Gemeente Venlo")
    keys.press("Enter")
    expect(page.locator("#me")).to_have_text("Kees · Gemeente Venlo")
    wait_for(lambda: focused_id(page) == "activity-1", message="focus on the activity's heading")

    keys.press("Tab")  # the stoplicht: Ja, then the arrow moves on to Twijfelachtig
    keys.press("Space")
    keys.press("ArrowRight")
    expect(field(page, "draagvlak").locator("input[value=oranje]")).to_be_checked()
    keys.press("Tab")  # one choice: Space on the first, the arrow down to the second
    keys.press("Space")
    keys.press("ArrowDown")
    keys.press("Tab")  # several: each check box its own stop
    keys.press("Space")
    keys.press("Tab")
    keys.press("Tab")
    keys.press("Space")
    keys.press("Tab")  # the scale: 1, then three to the right
    keys.press("Space")
    for _ in range(3):
        keys.press("ArrowRight")
    keys.press("Tab")  # points: + on Wonen twice (its − is off until then), then + on Zorg
    expect(page.locator(":focus")).to_have_attribute("aria-label", "Eén punt meer voor Wonen")
    keys.press("Enter")
    keys.press("Enter")
    keys.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("aria-label", "Eén punt meer voor Zorg")
    keys.press("Space")
    keys.press("Tab")  # a card: type, then Tab to Toevoegen
    keys.type("Samen beginnen")
    keys.press("Tab")
    expect(page.locator(":focus")).to_have_text("Toevoegen")
    keys.press("Enter")
    expect(field(page, "idee").locator("[data-entries] li p")).to_have_text(["Samen beginnen"])
    expect(page.locator(".activity:not([hidden]) [data-progress]")).to_have_text("6")

    participant = {"draagvlak": "oranje", "schaal": "regionaal", "thema": "wonen,werk", "cijfer": "4",
                   "geld": "wonen:2,zorg:1"}
    wait_for(lambda: sorted(api.stored_answers(session, 1).values()) == sorted(participant.values()),
             message="every answer stored")
    assert {item: value for (_, item), value in api.stored_answers(session, 1).items()} == participant
    # What a screen reader hears: a scale's number in its question's group, described by the scale's ends;
    # one live region for "Opgeslagen" (the field's status and the count are not live themselves).
    group = page.get_by_role("radiogroup", name="Hoe tevreden ben je?")
    expect(group.get_by_role("radio", name="4")).to_have_accessible_description("1 = helemaal niet 5 = volledig")
    expect(page.get_by_role("group", name="Welke thema’s spelen er?").get_by_role("checkbox")).to_have_count(3)
    expect(page.locator("#announce")).to_have_text(re.compile("Opgeslagen ✓"))
    expect(page.locator(".phone-main [aria-live], .phone-main [role=status]")).to_have_count(0)

    # The next activity: the page goes to the top, its heading has the focus, and the keys go on from there.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    open_activity(screen, 2)
    wait_for(lambda: focused_id(page) == "activity-2", message="focus on the new activity's heading")
    assert page.evaluate("window.scrollY") == 0
    keys.press("Tab")
    keys.press("Space")
    factor = page.locator(".activity:not([hidden]) .factor").first
    expect(factor.locator("input[value=groen]")).to_be_checked()
    expect(factor.locator("[data-status]")).to_have_text("Opgeslagen ✓")
    page.screenshot(path=screenshots / "phone-keyboard.png")


def test_the_phone_reflows_at_320_px_and_at_200_percent_text(server, contexts, api, sio_client, screenshots):
    session = api.create_session("Samenwerkingsverbanden in de regio Noord-Limburg", activities=(EVERY_KIND, "succesfactoren"))
    screen = facilitator(sio_client, session)
    open_activity(screen, 1)
    narrow = join_phone(contexts, server, session["code"], "Kees", "Gemeente Venlo", width=320, height=640)
    large = join_phone(contexts, server, session["code"], "Ria", "Woonstichting", width=360, height=740)
    large.evaluate("document.documentElement.style.fontSize = '200%'")
    for activity_id in (1, 2):
        open_activity(screen, activity_id)
        for page, width in ((narrow, 320), (large, 360)):
            expect(page.locator(f".activity[data-activity-id='{activity_id}']")).to_be_visible()
            assert_no_horizontal_scroll(page, width)
    # "Twijfelachtig" breaks, if at all, at a syllable (a soft hyphen), never as "Twijf/elach/tig".
    label = large.locator(".factor").first.locator("label[data-value=oranje] span:last-child")
    assert label.evaluate("span => span.textContent") == "Twij\u00adfel\u00adach\u00adtig"
    large.screenshot(path=screenshots / "phone-200-percent.png")
    large.locator(".factor").first.evaluate("factor => factor.scrollIntoView()")
    large.screenshot(path=screenshots / "phone-200-percent-factor.png")
    narrow.screenshot(path=screenshots / "phone-320.png")
