"""Halen en brengen as reciprocity (issue 14 §4) in a real browser: phones choose the organisation a halen card
asks from or a brengen card offers to, from the organisations in the room (their own left out, one that joins later
included); the beamer's view "wederkerigheid" shows, for five organisations, per pair what one asks and what the
other brings, flagged by icon and words; with 180 cards of six organisations it pages, every card readable and on
exactly one page. Screenshots in test-output/issue14/ and test-output/issue15/."""

import re

from playwright.sync_api import expect

from .axe import axe_context, violations
from .pages import (SHOWN, assert_each_card_once, assert_fits_the_screen, assert_no_horizontal_scroll,
                    join_phone, open_beamer, open_console, pages_of_the_wall)
from .support import ROOT, control, facilitator

SHOTS = ROOT / "test-output" / "issue14"
PAGED_SHOTS = ROOT / "test-output" / "issue15"
ROERMOND, NOORD, GGD, HORIZON, POLITIE = ("Gemeente Roermond", "Woonstichting Noord", "GGD Limburg",
                                          "Zorggroep Horizon", "Politie Limburg")
# The rest of the room over Socket.IO: organisation -> cards (item, text, partner).
ROOM = {
    GGD: [("halen", "Signalen uit de wijk over eenzaamheid", POLITIE),
          ("brengen", "Een sociaal verpleegkundige in het wijkteam", ROERMOND),
          ("brengen", "Cijfers over gezondheid in de wijk", HORIZON)],
    HORIZON: [("halen", "Woningen voor cliënten die klaar zijn om te verhuizen", NOORD),
              ("brengen", "Ambulante begeleiding na de verhuizing", NOORD),
              ("halen", "Een vast aanspreekpunt bij de gemeente", ROERMOND)],
    POLITIE: [("brengen", "Wijkagenten die signalen doorgeven", GGD),
              ("halen", "Snel contact bij zorgen over een bewoner", HORIZON),
              ("brengen", "Voorlichting over veiligheid", None)],
}


def field(page, item):
    return page.locator(".activity:not([hidden])").locator(f"[data-item={item}]")


def add_card(page, item, text, partner=None):
    box = field(page, item)
    box.locator("[data-entry-form] textarea").fill(text)
    if partner:
        box.locator("[data-partner]").select_option(partner)
    box.locator("[data-entry-form] button[type=submit]").tap()
    expect(box.locator("[data-status]")).to_have_text("Opgeslagen ✓")
    return box.locator("[data-entries] li", has_text=text)


def pair(beamer, asker, giver):
    return beamer.locator(f".result:not([hidden]) .hb-pair[data-asker='{asker}'][data-giver='{giver}']")


def test_phones_name_a_partner_and_the_beamer_shows_who_asks_what_of_whom(server, contexts, api, sio_client):
    SHOTS.mkdir(parents=True, exist_ok=True)
    session = api.create_session("Halen en brengen wijkaanpak Noord", activities=("halen_brengen",))
    code = session["code"]
    console = open_console(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    console.locator("[data-action=toggle-open]").click()
    phones = {}
    for n, organisation in enumerate(ROOM, start=1):
        phones[organisation] = phone = sio_client()
        assert phone.call("join", {"code": code, "name": f"Deelnemer {n}", "organisation": organisation},
                          timeout=5)["ok"]

    # Anna's phone offers the organisations in the room, her own left out; belangen takes no partner.
    anna = join_phone(contexts, server, code, "Anna", ROERMOND, 390, 844)
    choice = field(anna, "halen").locator("[data-partner]")
    expect(choice.locator("option")).to_have_text(["Geen organisatie in het bijzonder", GGD, POLITIE, HORIZON])
    expect(field(anna, "halen").locator("label[for$=-partner]")).to_have_text(
        "Van welke organisatie hier vraag je dit? (niet verplicht)")
    expect(field(anna, "belangen").locator("[data-partner]")).to_have_count(0)

    # Cas joins later, on a small phone: Anna's list has him as soon as she goes to choose.
    cas = join_phone(contexts, server, code, "Cas", NOORD, 360, 740)
    expect(field(cas, "brengen").locator("[data-partner] option")).to_have_text(
        ["Geen organisatie in het bijzonder", ROERMOND, GGD, POLITIE, HORIZON])
    choice.focus()
    expect(choice.locator("option")).to_have_text(["Geen organisatie in het bijzonder", GGD, POLITIE, NOORD, HORIZON])
    asked = add_card(anna, "halen", "Snel een passende woning voor wie uitstroomt", NOORD)
    expect(asked.locator(".card-partner")).to_have_text(f"Gevraagd van {NOORD}")
    expect(field(anna, "halen").locator("[data-partner]")).to_have_value("")  # the form is ready for the next card
    add_card(anna, "halen", "Huisartsen die meedenken", GGD)
    add_card(anna, "brengen", "Regie op de samenwerking")  # naming nobody stays possible
    offered = add_card(cas, "brengen", "Twintig woningen per jaar voor uitstroom", ROERMOND)
    expect(offered.locator(".card-partner")).to_have_text(f"Aangeboden aan {ROERMOND}")
    add_card(cas, "halen", "Begeleiding voor nieuwe huurders", HORIZON)

    # Editing the text keeps the partner.
    asked.locator("[data-card-action=edit]").tap()
    expect(field(anna, "halen").locator("[data-partner]")).to_have_value(NOORD)
    field(anna, "halen").locator("textarea").fill("Snel een passende woning voor wie uitstroomt uit de opvang")
    field(anna, "halen").locator("[data-entry-form] button[type=submit]").tap()
    expect(field(anna, "halen").locator("[data-entries] li", has_text="uit de opvang").locator(".card-partner")) \
        .to_have_text(f"Gevraagd van {NOORD}")

    for organisation, cards in ROOM.items():
        for item, text, partner in cards:
            ack = phones[organisation].call("add_entry", {"activity_id": 1, "item": item, "text": text,
                                                          **({"partner": partner} if partner else {})}, timeout=5)
            assert ack["ok"], ack

    # The console switches the beamer to the reciprocity: five organisations, a row and a column each.
    console.locator("#activity-list select").select_option("wederkerigheid")
    box = beamer.locator(".result:not([hidden]) .hb")
    expect(box).to_have_attribute("data-view", "wederkerigheid")
    expect(box.locator(".hb-matrix")).to_be_hidden()
    names = [ROERMOND, GGD, POLITIE, NOORD, HORIZON]
    expect(box.locator(".hb-recip-matrix tbody th strong")).to_have_text(names)
    expect(box.locator(".hb-recip-matrix thead .hb-recip-giver")).to_have_count(5)
    expect(box.locator(".hb-self")).to_have_count(5)

    # Roermond asks Noord, Noord offers Roermond: matched. GGD offers Roermond unasked; Roermond asks GGD unmet...
    # per ordered pair, the asker's halen naming the giver and the giver's brengen naming the asker.
    matched = pair(beamer, ROERMOND, NOORD)
    expect(matched.locator(".hb-flag")).to_have_text("✓gevraagd en aangeboden")
    expect(matched.locator(".hb-part-asks .note-text")).to_have_text(
        ["Snel een passende woning voor wie uitstroomt uit de opvang"])
    expect(matched.locator(".hb-part-brings .note-text")).to_have_text(["Twintig woningen per jaar voor uitstroom"])
    expect(matched.locator(".hb-part-brings .hb-part-label")).to_have_text(f"{NOORD} biedt aan")
    expect(pair(beamer, ROERMOND, GGD).locator(".hb-flag")).to_have_text("✓gevraagd en aangeboden")
    expect(pair(beamer, HORIZON, ROERMOND).locator(".hb-flag")).to_have_text("⚠gevraagd, niemand biedt het aan")
    expect(pair(beamer, HORIZON, GGD).locator(".hb-flag")).to_have_text("+aangeboden, niemand vraagt het")
    expect(pair(beamer, NOORD, HORIZON).locator(".hb-flag")).to_have_text("✓gevraagd en aangeboden")
    expect(pair(beamer, HORIZON, NOORD).locator(".hb-flag")).to_have_text("⚠gevraagd, niemand biedt het aan")
    expect(pair(beamer, GGD, POLITIE).locator(".hb-flag")).to_have_text("✓gevraagd en aangeboden")
    expect(pair(beamer, POLITIE, HORIZON).locator(".hb-flag")).to_have_text("⚠gevraagd, niemand biedt het aan")
    expect(pair(beamer, POLITIE, GGD)).to_have_class("hb-pair hb-cell-empty")
    expect(box.locator("[data-recip-flags] > *")).to_have_text(
        ["✓gevraagd en aangeboden: 4", "⚠gevraagd, niemand biedt het aan: 3", "+aangeboden, niemand vraagt het: 1",
         "Zonder organisatie genoemd: 0 bij halen, 2 bij brengen."])
    beamer.screenshot(path=SHOTS / "reciprocity-beamer-1920.png", animations="disabled")
    assert_fits_the_screen(beamer)
    assert box.locator("[data-recip-frame]").evaluate("frame => frame.scrollHeight <= frame.clientHeight + 1"), \
        "the matrix is cut off at the bottom of the beamer"

    # Live: a new offer turns an unmet ask into a match without a reload.
    beamer.evaluate("window.__marker = 1")
    add_card(cas, "brengen", "Een woonconsulent voor hun cliënten", HORIZON)
    expect(pair(beamer, HORIZON, NOORD).locator(".hb-flag")).to_have_text("✓gevraagd en aangeboden")
    assert beamer.evaluate("window.__marker") == 1, "the beamer reloaded"

    for page, width in ((anna, 390), (cas, 360)):
        assert_no_horizontal_scroll(page, width)
        field(page, "halen").scroll_into_view_if_needed()
    anna.screenshot(path=SHOTS / "reciprocity-phone-390.png", full_page=True)
    cas.screenshot(path=SHOTS / "reciprocity-phone-360.png", full_page=True)
    for width, height in ((1280, 800), (1440, 900)):
        console.set_viewport_size({"width": width, "height": height})
        console.screenshot(path=SHOTS / f"reciprocity-console-{width}.png", full_page=True)


def test_the_partner_choice_and_the_reciprocity_view_pass_axe(server, api, browser, sio_client):
    session = api.create_session("Halen en brengen", activities=("halen_brengen",))
    code, key = session["code"], session["facilitator_key"]
    screen = sio_client()
    assert screen.call("facilitate", {"code": code, "key": key}, timeout=5)["ok"]
    assert screen.call("control", {"action": "open", "activity_id": 1}, timeout=5)["ok"]
    phones = {organisation: sio_client() for organisation in ROOM}
    for organisation, phone in phones.items():
        assert phone.call("join", {"code": code, "name": "X", "organisation": organisation}, timeout=5)["ok"]
    for organisation, cards in ROOM.items():
        for item, text, partner in cards:
            partner = partner if partner in ROOM else None  # Roermond and Noord are not in this room
            assert phones[organisation].call("add_entry", {"activity_id": 1, "item": item, "text": text,
                                                           "partner": partner}, timeout=5)["ok"]
    assert screen.call("control", {"action": "set_view", "activity_id": 1, "view": "wederkerigheid"},
                       timeout=5)["ok"]
    contexts = []
    try:
        contexts.append(axe_context(browser, 390, 844, "nl", phone=True))
        phone = contexts[-1].new_page()
        phone.goto(f"{server.base_url}/j/{code}")
        phone.fill("#name", "Anna")
        phone.fill("#organisation", ROERMOND)
        phone.locator("#join-form button[type=submit]").tap()
        expect(field(phone, "halen").locator("[data-partner]")).to_be_visible()
        add_card(phone, "halen", "Snel een woning", GGD)
        assert violations(phone) == {}
        for width, height, path in ((1920, 1080, "/beamer"), (1280, 800, "")):
            contexts.append(axe_context(browser, width, height, "nl"))
            page = contexts[-1].new_page()
            page.goto(f"{server.base_url}/f/{code}{path}#key={key}")
            expect(page.locator(".result:not([hidden]) .hb-pair[data-flag]").first).to_be_visible()
            assert violations(page) == {}, path or "console"
    finally:
        for context in contexts:
            context.close()


SIX = [ROERMOND, NOORD, GGD, HORIZON, POLITIE, "Stichting Welzijn Roermond"]
ASKED = ["Een vast aanspreekpunt", "Snel een passende woning voor wie uitstroomt uit de opvang",
         "Signalen uit de wijk over eenzaamheid", "Meedenken bij een vastgelopen casus",
         "Cijfers over de wachtlijsten", "Begeleiding voor nieuwe huurders in de eerste maanden"]
OFFERED = ["Ambulante begeleiding na de verhuizing", "Wijkagenten die signalen doorgeven",
           "Een sociaal verpleegkundige in het wijkteam", "Twintig woningen per jaar",
           "Voorlichting over veiligheid in de buurt", "Ruimte in het buurthuis"]


def test_a_crowded_matrix_pages_every_card_once_at_a_readable_size(server, contexts, api, sio_client):
    """30 phones of six organisations (a room of 300 writes about as much): 180 halen and brengen cards, each
    naming another organisation. The beamer pages the matrix like the card wall: every visible card on exactly
    one page, in its pair's cell, at least 24 px; the organisations and the flags' key on every page."""
    PAGED_SHOTS.mkdir(parents=True, exist_ok=True)
    session = api.create_session("Halen en brengen in de regio", activities=("halen_brengen",))
    screen = facilitator(sio_client, session)
    control(screen, "open", activity_id=1)
    control(screen, "set_view", activity_id=1, view="wederkerigheid")
    pair_of = {}  # card id -> (asker, giver)
    phones = [sio_client() for _ in range(30)]
    for n, phone in enumerate(phones):  # the whole room first: a card names an organisation in the room
        assert phone.call("join", {"code": session["code"], "name": f"Deelnemer {n + 1}",
                                   "organisation": SIX[n % len(SIX)]}, timeout=5)["ok"]
    for n, phone in enumerate(phones):
        own = n % len(SIX)
        for k in range(3):
            # each names four of the five others, so one pair of every organisation is only asked, one only offered
            for item, texts, others in (("halen", ASKED, 1 + (n + k) % 4), ("brengen", OFFERED, 1 + (2 * n + k) % 4)):
                partner = SIX[(own + others) % len(SIX)]
                text = f"{texts[(n + k) % len(texts)]} ({n + 1}.{k + 1})"
                ack = phone.call("add_entry", {"activity_id": 1, "item": item, "text": text, "partner": partner},
                                 timeout=5)
                assert ack["ok"], ack
                pair_of[ack["entry"]["id"]] = (SIX[own], partner) if item == "halen" else (partner, SIX[own])
    assert len(pair_of) == 180
    hidden = next(iter(pair_of))
    assert screen.call("moderate", {"id": hidden, "hidden": True}, timeout=5)["ok"]

    beamer = open_beamer(contexts, server, session)
    pager = beamer.locator(f"{SHOWN} .wall-page")
    expect(pager).to_have_text(re.compile(r"^pagina 1 van \d+$"))
    beamer.wait_for_timeout(500)  # the fade-in of the cards
    beamer.screenshot(path=PAGED_SHOTS / "reciprocity-paged-1920-page1.png")
    assert_fits_the_screen(beamer)
    for flag in ("matched", "unmet", "unasked"):  # the flags' key is on every page, and the room has each flag
        expect(beamer.locator(f"{SHOWN} [data-recip-flags] .hb-flag-{flag}")).to_be_visible()
        assert beamer.locator(f"{SHOWN} .hb-pair-{flag}").count()
    assert beamer.locator(f"{SHOWN} .hb-recip-giver").evaluate_all("heads => heads.filter(h => h.offsetWidth).length") == 6
    assert not beamer.locator(f"{SHOWN} .hb-more-cards").count(), "cards left out for '+ n meer'"
    pages = pages_of_the_wall(beamer, screen, 1, "[data-recip-frame]")
    assert len(pages) > 1
    assert_each_card_once(pages, set(pair_of) - {hidden})

    # A later page: a card sits in the cell of who asks (row) and of whom (column); rows without cards on this
    # page make way, the column headings stay.
    for _ in range(2):
        control(screen, "turn_page", activity_id=1, step=1)
    expect(pager).to_have_text(f"pagina 3 van {len(pages)}")
    cells = beamer.evaluate(f"""() => [...document.querySelectorAll('{SHOWN} .hb-pair .note')]
      .filter((card) => card.offsetWidth).map((card) => ({{id: Number(card.dataset.entryId),
        pair: [card.closest('.hb-pair').dataset.asker, card.closest('.hb-pair').dataset.giver]}}))""")
    assert cells and all(tuple(cell["pair"]) == pair_of[cell["id"]] for cell in cells), cells
    assert beamer.locator(f"{SHOWN} .hb-recip-giver").evaluate_all("heads => heads.filter(h => h.offsetWidth).length") == 6
    beamer.screenshot(path=PAGED_SHOTS / "reciprocity-paged-1920-page3.png")
    assert_fits_the_screen(beamer)

    console = open_console(contexts, server, session)
    console.set_viewport_size({"width": 1280, "height": 800})
    expect(console.locator(".preview .hb-recip .note")).to_have_count(179)  # the console scrolls: no pages
    console.screenshot(path=PAGED_SHOTS / "reciprocity-console-1280x800.png")
    console.set_viewport_size({"width": 1440, "height": 900})
    assert_no_horizontal_scroll(console, 1440)
    console.screenshot(path=PAGED_SHOTS / "reciprocity-console-1440x900.png")
