"""Results released to the phones (issue 13 §4) in a real browser: the console's button releases them, a Dutch
and an English phone show them below the form, in their own language, and follow new answers; hidden cards stay
off the phones; withdrawn, the phones drop them. Screenshots in test-output/issue13/phone-results-*.png."""


from playwright.sync_api import expect

from .pages import assert_no_horizontal_scroll, join_phone, open_console
from .support import ROOT

SHOTS = ROOT / "test-output" / "issue13"
CARDS = {"title": "Ideeën voor morgen", "intro": "Schrijf op wat je morgen anders doet.", "items": [
    {"id": "draagvlak", "label": "Is er draagvlak voor de aanpak?", "kind": "stoplicht"},
    {"id": "idee", "label": "Wat doe je morgen anders?", "kind": "text", "max_length": 140, "max_entries": 5},
]}
IDEAS = ["Eerst samen de opgave bepalen", "Wethouders eerder betrekken", "Elke maand een korte evaluatie",
         "Meer tijd voor kennismaken", "Budget delen tussen gemeenten"]
HIDDEN = "Deze kaart is verborgen door de procesbegeleider"


def join_in_english(contexts, server, code, width=390, height=844):
    page = contexts(width, height, phone=True, locale="en-GB").new_page()
    page.goto(f"{server.base_url}/j/{code}")
    page.fill("#name", "Emma")
    page.fill("#organisation", "City of Venlo")
    page.get_by_role("button", name="Join").tap()
    expect(page.locator("#me")).to_have_text("Emma · City of Venlo")
    return page


def call(client, event, data):
    ack = client.call(event, data, timeout=10)
    assert ack["ok"], ack
    return ack


def shoot(page, name):
    """The results in view (through the link at the top), as a person on that phone sees them."""
    page.locator(".results-jump a").click()
    page.screenshot(path=str(SHOTS / f"phone-results-{name}.png"))
    page.evaluate("window.scrollTo(0, 0)")


def test_released_results_reach_the_phones_follow_the_answers_and_go_when_withdrawn(server, contexts, api,
                                                                                    sio_client):
    SHOTS.mkdir(parents=True, exist_ok=True)
    session = api.create_session("Resultaten op telefoons", activities=("succesfactoren", CARDS))
    console = open_console(contexts, server, session, activities=2)
    screen = sio_client()
    call(screen, "facilitate", {"code": session["code"], "key": session["facilitator_key"]})
    call(screen, "control", {"action": "open", "activity_id": 1})
    anouk = join_phone(contexts, server, session["code"], "Anouk", "Gemeente Venlo")
    emma = join_in_english(contexts, server, session["code"])
    others = [sio_client() for _ in range(6)]
    for n, other in enumerate(others):
        call(other, "join", {"code": session["code"], "name": f"Deelnemer {n}", "organisation": f"Organisatie {n % 3}"})
        for item, colour in (("visie", ("groen", "oranje", "rood")[n % 3]), ("durf", ("groen", "rood")[n % 2])):
            call(other, "answer", {"activity_id": 1, "item": item, "value": colour})
    results = anouk.locator("#phone-results")
    expect(results).to_be_hidden()

    release = console.locator('.activity-item[data-activity-id="1"] [data-action="toggle-release"]')
    expect(release).to_have_text("Resultaten naar telefoons")
    release.click()
    expect(release).to_have_text("Resultaten van telefoons terughalen")
    for width, height in ((1280, 800), (1440, 900)):
        console.set_viewport_size({"width": width, "height": height})
        release.scroll_into_view_if_needed()
        console.screenshot(path=str(SHOTS / f"console-results-released-{width}.png"))
    expect(results.locator("h2")).to_have_text("Resultaten van de groep")
    expect(results.locator(".results-respondents")).to_have_text("6 deelnemers hebben geantwoord.")
    visie = results.locator(".phone-result").first
    expect(visie.locator(".results-row").first).to_contain_text("Ja")
    expect(visie.locator(".results-figure").first).to_have_text("2 (33%)")
    expect(emma.locator("#phone-results h2")).to_have_text("The group's results")
    expect(emma.locator("#phone-results .phone-result").first.locator(".results-row").first).to_contain_text("Yes")
    expect(anouk.locator(".activity:not([hidden]) [data-item='visie'] .choice").first).to_be_enabled()  # still usable

    anouk.locator(".activity:not([hidden]) [data-item='visie'] label[data-value=groen]").tap()  # the results follow
    expect(results.locator(".results-respondents")).to_have_text("7 deelnemers hebben geantwoord.")
    expect(visie.locator(".results-figure").first).to_have_text("3 (43%)")
    expect(emma.locator("#phone-results .results-respondents")).to_have_text("7 participants have answered.")
    shoot(anouk, "stoplicht-nl")
    shoot(emma, "stoplicht-en")

    release.click()  # withdrawn: the phones drop the view
    expect(results).to_be_hidden()
    expect(emma.locator("#phone-results")).to_be_hidden()
    expect(anouk.locator(".results-jump")).to_have_count(0)

    call(screen, "control", {"action": "next"})  # the card activity, released while live
    expect(anouk.locator(".activity:not([hidden]) h2")).to_have_text(CARDS["title"])
    for n, other in enumerate(others[:5]):
        call(other, "answer", {"activity_id": 2, "item": "draagvlak", "value": ("groen", "oranje")[n % 2]})
        call(other, "add_entry", {"activity_id": 2, "item": "idee", "text": IDEAS[n]})
    hidden = call(others[5], "add_entry", {"activity_id": 2, "item": "idee", "text": HIDDEN})
    call(screen, "moderate", {"id": hidden["entry"]["id"], "hidden": True})
    highlighted = call(others[0], "add_entry", {"activity_id": 2, "item": "idee", "text": "Samen met de provincie"})
    call(screen, "moderate", {"id": highlighted["entry"]["id"], "highlighted": True})
    call(screen, "control", {"action": "release_results", "activity_id": 2})
    cards = results.locator(".results-cards .note")
    expect(cards).to_have_count(6)
    expect(results).not_to_contain_text(HIDDEN)
    expect(results).not_to_contain_text("Deelnemer")  # no names of people
    expect(results.locator(".note-highlighted .badge")).to_have_text("uitgelicht")
    expect(emma.locator("#phone-results .note-highlighted .badge")).to_have_text("highlighted")
    shoot(anouk, "cards-nl")
    shoot(emma, "cards-en")
    narrow = join_phone(contexts, server, session["code"], "Smal", "Gemeente Roermond", width=360, height=780)
    expect(narrow.locator("#phone-results .results-cards .note")).to_have_count(6)  # joined late: shown at once
    assert_no_horizontal_scroll(narrow, 360)
    narrow.locator("#phone-results").scroll_into_view_if_needed()
    narrow.screenshot(path=str(SHOTS / "phone-results-cards-nl-360.png"), full_page=True)
