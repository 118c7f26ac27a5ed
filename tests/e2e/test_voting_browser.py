"""Dot voting in a real browser (issue 14 §3): the console starts a vote on the cards of the activity on the
phones, two phones put their dots (at most two on one card), the beamer ranks the cards live and per
organisation, and a card the facilitator hides leaves the phones and the ranking. Screenshots to look at in
test-output/issue14/."""

import re
from pathlib import Path

from playwright.sync_api import expect

from .axe import axe_context, report, violations
from .pages import assert_fits_the_screen, assert_no_horizontal_scroll, join_phone, open_beamer, open_console
from .support import control, facilitator

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "issue14"
WENSEN = {"title": "Wat moet er gebeuren?", "intro": "", "items": [
    {"id": "wens", "label": "Wat moet er als eerste gebeuren?", "kind": "text", "max_entries": 3}]}
CARDS = [("Gemeente Venlo", "Eén loket voor alle zorgvragen in de wijk"),
         ("Gemeente Venlo", "Wachtlijsten samen bijhouden"),
         ("Woonzorg Limburg", "Een buurtkamer in elke kern"),
         ("Woonzorg Limburg", "Vaste contactpersoon per straat"),
         ("Provincie Limburg", "Budget vrijmaken voor proeftuinen"),
         ("Provincie Limburg", "Elk kwartaal samen terugkijken")]


def opened(api, sio_client, title):
    """A new session of WENSEN, opened by a script's facilitator connection: (the session, that connection)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    session = api.create_session(title, activities=(WENSEN,))
    screen = facilitator(sio_client, session)
    control(screen, "open", activity_id=1)
    return session, screen


def write_card(sio_client, code, text, **who) -> int:
    """A phone of its own (`who`: its name and organisation) writes one card: its id."""
    writer = sio_client()
    assert writer.call("join", {"code": code, **who}, timeout=10)["ok"]
    ack = writer.call("add_entry", {"activity_id": 1, "item": "wens", "text": text}, timeout=10)
    assert ack["ok"], ack
    return ack["entry"]["id"]


def dot(phone, text, times=1):
    row = phone.locator(".activity:not([hidden]) .points-option", has_text=text)
    for _ in range(times):
        row.locator("[data-step='1']").tap()
    return row


def test_phones_vote_with_dots_and_the_beamer_ranks_the_cards(server, contexts, api, sio_client):
    session, screen = opened(api, sio_client, "Stippen in de zaal")
    code = session["code"]
    ids = {text: write_card(sio_client, code, text, name="", organisation=organisation)
           for organisation, text in CARDS}
    assert screen.call("moderate", {"id": ids["Elk kwartaal samen terugkijken"], "hidden": True}, timeout=10)["ok"]

    console = open_console(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    anna = join_phone(contexts, server, code, "Anna", "Gemeente Venlo")
    bram = join_phone(contexts, server, code, "Bram", "Woonzorg Limburg", width=360, height=780)

    panel = console.locator("#voting-panel")
    expect(panel).to_be_visible()
    panel.get_by_label("Stippen per deelnemer").fill("3")
    panel.get_by_label("Hoogstens op één kaart").fill("4")
    panel.get_by_role("button", name="Stemming starten").click()  # more on one card than everyone has: refused
    expect(console.locator("#control-error")).to_have_text(re.compile("Kies per kaart hoogstens 1 tot en met 3"))
    panel.get_by_label("Hoogstens op één kaart").fill("2")
    panel.scroll_into_view_if_needed()
    console.screenshot(path=SHOTS / "voting-console-start.png")
    panel.get_by_role("button", name="Stemming starten").click()
    expect(console.locator("#activity-list .activity-item")).to_have_count(2)
    expect(panel.locator(".voting-about")).to_contain_text("Stemming op de kaarten van ‘Wat moet er gebeuren?’")

    # The phones: the five visible cards, three dots, at most two on one.
    options = anna.locator(".activity:not([hidden]) .points-option")
    expect(options).to_have_count(5)
    expect(anna.locator(".activity:not([hidden]) [data-points-left]")).to_have_text("Nog 3 stippen over")
    row = dot(anna, "Een buurtkamer in elke kern", 2)
    expect(row.locator("[data-count]")).to_have_text("2")
    expect(row.locator("[data-step='1']")).to_be_disabled()  # two on one card: the most
    expect(anna.locator(".activity:not([hidden]) [data-points-left]")).to_have_text("Nog 1 stip over")
    anna.screenshot(path=SHOTS / "voting-phone-390-one-left.png", full_page=True)
    dot(anna, "Eén loket voor alle zorgvragen in de wijk")
    expect(anna.locator(".activity:not([hidden]) [data-points-left]")).to_contain_text("Al je 3 stippen staan")
    expect(anna.locator(".activity:not([hidden]) [data-step='1']:enabled")).to_have_count(0)
    dot(bram, "Een buurtkamer in elke kern")
    dot(bram, "Wachtlijsten samen bijhouden", 2)
    expect(bram.locator(".activity:not([hidden]) [data-points-left]")).to_have_text(
        "Al je 3 stippen staan ✓ Wil je schuiven? Neem er eerst een terug met −.")
    assert_no_horizontal_scroll(bram, 360)
    anna.screenshot(path=SHOTS / "voting-phone-390.png", full_page=True)
    bram.screenshot(path=SHOTS / "voting-phone-360.png", full_page=True)

    # The beamer ranks the cards live: rank, text, bar and number.
    rows = beamer.locator(".result:not([hidden]) .points-row")
    expect(rows.first.locator(".points-label")).to_have_text(re.compile("Een buurtkamer in elke kern"))
    expect(rows.first.locator(".points-total")).to_have_text("3")
    expect(rows.nth(1).locator(".points-total")).to_have_text("2")
    expect(beamer.locator(".result:not([hidden]) .points-note")).to_have_text("2 personen zetten elk 3 stippen")
    beamer.screenshot(path=SHOTS / "voting-beamer-ranking.png")
    for width, height in ((1280, 800), (1440, 900)):
        console.set_viewport_size({"width": width, "height": height})
        console.screenshot(path=SHOTS / f"voting-console-{width}.png")

    # Per organisation on the beamer.
    assert screen.call("control", {"action": "set_view", "activity_id": 2, "view": "organisaties"}, timeout=10)["ok"]
    expect(beamer.locator(".result:not([hidden]) .points-org")).to_have_count(2)
    expect(beamer.locator(".result:not([hidden]) .points-org h4").first).to_have_text("Gemeente Venlo (1)")
    beamer.screenshot(path=SHOTS / "voting-beamer-per-organisation.png")
    assert screen.call("control", {"action": "set_view", "activity_id": 2, "view": "vragen"}, timeout=10)["ok"]

    # The facilitator hides the card with most dots: the phones no longer show it, the ranking leaves it out.
    assert screen.call("moderate", {"id": ids["Een buurtkamer in elke kern"], "hidden": True}, timeout=10)["ok"]
    expect(options).to_have_count(4)
    expect(anna.locator(".activity:not([hidden]) .points-option", has_text="Een buurtkamer")).to_have_count(0)
    expect(anna.locator(".activity:not([hidden]) [data-points-left]")).to_have_text("Nog 2 stippen over")
    expect(rows).to_have_count(4)
    expect(rows.first.locator(".points-label")).to_have_text(re.compile("Wachtlijsten samen bijhouden"))
    expect(rows.first.locator(".points-total")).to_have_text("2")
    beamer.screenshot(path=SHOTS / "voting-beamer-after-hiding.png")
    anna.screenshot(path=SHOTS / "voting-phone-390-after-hiding.png", full_page=True)


def test_the_beamer_shows_the_ten_cards_with_most_dots_and_counts_the_rest(server, contexts, api, sio_client):
    session, screen = opened(api, sio_client, "Veel kaarten")
    code = session["code"]
    for n in range(1, 21):
        text = f"Voorstel {n}: samen een wijkplan voor de komende vier jaar maken en elk jaar bijstellen"
        write_card(sio_client, code, text, organisation="Gemeente Venlo")
    ack = screen.call("control", {"action": "start_voting", "activity_id": 1, "dots": 5, "max_per_card": 5},
                      timeout=10)
    vote = ack["session"]["current_activity"]
    options = [o["value"] for o in ack["session"]["activities"][1]["items"][0]["options"]]
    voter = sio_client()
    assert voter.call("join", {"code": code, "organisation": "Woonzorg Limburg"}, timeout=10)["ok"]
    assert voter.call("answer", {"activity_id": vote, "item": "stippen", "value": {options[19]: 3, options[4]: 2}},
                      timeout=10)["ok"]
    beamer = open_beamer(contexts, server, session)
    rows = beamer.locator(".result:not([hidden]) .points-row")
    expect(rows).to_have_count(10)
    expect(rows.first.locator(".points-label")).to_have_text(re.compile("^Voorstel 20:"))
    expect(beamer.locator(".result:not([hidden]) .points-rest")).to_have_text(
        "En nog 10 kaarten met minder stippen (op de console)")
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=SHOTS / "voting-beamer-20-cards.png")


def test_the_voting_panel_and_an_english_phone_voting_pass_axe(server, browser, api, sio_client):
    session, screen = opened(api, sio_client, "Stippen toegankelijk")
    code, key = session["code"], session["facilitator_key"]
    for organisation, text in CARDS[:3]:
        write_card(sio_client, code, text, organisation=organisation)
    contexts = [axe_context(browser, 1280, 800, "nl"), axe_context(browser, 390, 844, "en", phone=True)]
    try:
        console = contexts[0].new_page()
        console.goto(f"{server.base_url}/f/{code}#key={key}")
        expect(console.locator("#voting-panel")).to_be_visible()
        found = {"console with the voting panel": violations(console)}
        assert screen.call("control", {"action": "start_voting", "activity_id": 1, "dots": 3, "max_per_card": 2},
                           timeout=10)["ok"]
        expect(console.locator("#voting-panel .voting-about")).to_be_visible()
        found["console during a vote"] = violations(console)
        phone = contexts[1].new_page()
        phone.goto(f"{server.base_url}/j/{code}")
        phone.fill("#name", "Sam")
        phone.locator("#join-form button[type=submit]").tap()
        expect(phone.locator(".activity:not([hidden]) [data-points-left]")).to_have_text("3 dots left")
        dot(phone, "Een buurtkamer in elke kern", 2)
        expect(phone.locator(".activity:not([hidden]) [data-points-left]")).to_have_text("1 dot left")
        found["an English phone voting"] = violations(phone)
        assert not any(found.values()), report(found)
    finally:
        for context in contexts:
            context.close()
