"""Netwerkleiderschap in a real browser: two phones (390 and 360 px) fill in the four roles through the page,
the beamer shows the quadrant live with coverage and names, the console moderates, then the cards view.

Screenshots: test-output/screenshots/netwerkleiderschap-*.png.
"""

import re

from playwright.sync_api import expect

from .pages import assert_fits_the_screen, assert_no_horizontal_scroll, join_phone, open_beamer, open_console

ROLES = ("strateeg", "verkenner", "ontwikkelaar", "procesmanager")
SHOWN = ".result:not([hidden]) .nl"


def field(page, item):
    return page.locator(f".activity:not([hidden]) .field[data-item='{item}']")


def choose(page, item, value):
    box = field(page, item)
    box.locator(f"label[data-value='{value}']").tap()
    expect(box.locator("[data-status]")).to_have_text("Opgeslagen ✓")
    expect(box.locator(f"input[value='{value}']")).to_be_checked()


def write(page, item, text):
    """Add a card through the form and wait until it is on the phone's list."""
    box = field(page, item)
    before = box.locator("[data-entries] li").count()
    box.locator("textarea").fill(text)
    box.locator("[data-submit]").tap()
    expect(box.locator("[data-entries] li")).to_have_count(before + 1)
    expect(box.locator("[data-status]")).to_have_text("Opgeslagen ✓")


def role(page, role_id):
    return page.locator(f"{SHOWN} .nl-role[data-role='{role_id}']")


def names(page, role_id):
    return role(page, role_id).locator(".nl-name")


def test_phones_fill_in_the_roles_and_the_beamer_shows_the_quadrant_and_the_cards(
        server, contexts, api, sio_client, screenshots):
    session = api.create_session("Netwerk Zorg en Wonen Noord", activities=("netwerkleiderschap",))
    console = open_console(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    anna = join_phone(contexts, server, session["code"], "Anna", "Gemeente Venlo", 390, 844)
    bram = join_phone(contexts, server, session["code"], "Bram", "GGD Limburg-Noord", 360, 780)
    console.locator("[data-action=toggle-open]").click()
    expect(beamer.locator("#activity-title")).to_have_text("Netwerkleiderschap")
    box = beamer.locator(SHOWN)
    expect(box).to_have_attribute("data-view", "kwadrant")

    # The phone form: four roles with their kernvraag, then the balance; 17 questions.
    for page in (anna, bram):
        section = page.locator(".activity:not([hidden])")
        expect(section.locator(".group-title")).to_have_text(
            [*(f"De netwerkleider als {r}" for r in ROLES), "De rollen samen"])
        expect(section.locator(".group-question").first).to_have_text(
            "Kernvraag: hoe geven we invulling aan de koers van het netwerk?")
        expect(section.locator(".field")).to_have_count(17)

    # The beamer's quadrant before anyone answered: the model's axes, the roles in their places.
    expect(box.locator(".nl-axis")).to_have_text(["Richten", "Inrichten & verrichten", "Verduurzamen", "Vernieuwen"])
    places = box.evaluate("""nl => Object.fromEntries([...nl.querySelectorAll('.nl-role')].map(role => {
        const r = role.getBoundingClientRect(); return [role.dataset.role, [r.left, r.top]]; }))""")
    assert places["strateeg"][0] < places["verkenner"][0] and places["strateeg"][1] == places["verkenner"][1]
    assert places["ontwikkelaar"][1] > places["strateeg"][1] and places["ontwikkelaar"][0] == places["strateeg"][0]
    assert places["procesmanager"][0] == places["verkenner"][0]
    assert places["procesmanager"][1] == places["ontwikkelaar"][1]
    expect(names(beamer, "strateeg")).to_have_count(0)
    expect(role(beamer, "strateeg").locator(".nl-empty")).to_have_text("nog geen namen")

    # Anna answers everything on her 390 px phone.
    coverage = {"strateeg": "ja", "verkenner": "deels", "ontwikkelaar": "nee", "procesmanager": "ja"}
    for role_id, value in coverage.items():
        choose(anna, f"{role_id}-belegd", value)
        write(anna, f"{role_id}-bijdrage", f"Als {role_id} breng ik partners bij elkaar")
        write(anna, f"{role_id}-versterking", f"Meer tijd en mandaat voor de {role_id}")
    write(anna, "strateeg-namen", "Gemeente Venlo, wethouder Jansen")
    write(anna, "strateeg-namen", "GGD Limburg-Noord")
    write(anna, "verkenner-namen", "Zorggroep Noord; Woonstichting Venlo")
    write(anna, "ontwikkelaar-namen", "Niemand echt")
    write(anna, "procesmanager-namen", "Projectbureau Noord")
    choose(anna, "balans", "deels")
    expect(anna.locator(".activity:not([hidden]) [data-progress]")).to_have_text("17")

    # Bram on 360 px: some of it, with other spellings of the same names.
    choose(bram, "strateeg-belegd", "deels")
    choose(bram, "verkenner-belegd", "nee")
    choose(bram, "balans", "nee")
    write(bram, "strateeg-namen", "gemeente  venlo;  GGD Limburg-Noord")
    write(bram, "verkenner-namen", "zorggroep noord")
    write(bram, "strateeg-bijdrage", "Ik breng de ambitie van de GGD in")
    expect(bram.locator(".activity:not([hidden]) [data-progress]")).to_have_text("6")

    # The beamer follows live: coverage per role, the names mentioned most with their counts, the balance.
    expect(role(beamer, "strateeg").locator("[data-coverage] .seg:not([hidden])")).to_have_text(["1 ja", "1 deels"])
    expect(role(beamer, "verkenner").locator("[data-coverage] .seg:not([hidden])")).to_have_text(
        ["1 deels", "1 nee"])
    expect(names(beamer, "strateeg").locator(".nl-name-text")).to_have_text(
        ["Gemeente Venlo", "GGD Limburg-Noord", "wethouder Jansen"])
    expect(names(beamer, "strateeg").locator(".nl-name-count")).to_have_text(["2", "2", "1"])
    expect(names(beamer, "verkenner").locator(".nl-name-text")).to_have_text(["Zorggroep Noord", "Woonstichting Venlo"])
    expect(box.locator("[data-balance] .seg:not([hidden])")).to_have_text(["1 deels", "1 nee"])
    expect(box.locator("[data-respondents]")).to_have_text("2")
    expect(box.locator(".nl-name-cards:visible")).to_have_count(0)  # the beamer shows no cards to moderate

    # Bram changes his mind about a card of names, and deletes the other; the counts follow.
    card = field(bram, "verkenner-namen").locator("[data-entries] li").first
    card.locator("[data-card-action=edit]").tap()
    expect(field(bram, "verkenner-namen").locator("textarea")).to_have_value("zorggroep noord")
    field(bram, "verkenner-namen").locator("textarea").fill("Woonstichting Venlo")
    field(bram, "verkenner-namen").locator("[data-submit]").tap()
    expect(field(bram, "verkenner-namen").locator("[data-entries] li p")).to_have_text(["Woonstichting Venlo"])
    expect(names(beamer, "verkenner").locator(".nl-name-text")).to_have_text(["Woonstichting Venlo", "Zorggroep Noord"])
    expect(names(beamer, "verkenner").locator(".nl-name-count")).to_have_text(["2", "1"])
    field(bram, "strateeg-namen").locator("[data-card-action=delete]").tap()
    expect(field(bram, "strateeg-namen").locator("[data-entries] li")).to_have_count(0)
    expect(names(beamer, "strateeg").locator(".nl-name-count")).to_have_text(["1", "1", "1"])
    write(bram, "strateeg-namen", "Gemeente Venlo")

    for page, width, name in ((anna, 390, "phone-390"), (bram, 360, "phone-360")):
        assert_no_horizontal_scroll(page, width)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=screenshots / f"netwerkleiderschap-{name}.png", full_page=True)
    expect(names(beamer, "strateeg").locator(".nl-name-count")).to_have_text(["2", "1", "1"])
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=screenshots / "netwerkleiderschap-beamer-kwadrant.png")

    # The console lists the cards with names, so a card can be hidden; hidden names are not counted.
    strateeg = console.locator(".preview .result:not([hidden]) .nl-role[data-role=strateeg]")
    strateeg.locator(".nl-name-cards summary").click()
    jansen = strateeg.locator(".nl-name-cards .note", has_text="wethouder Jansen")
    jansen.locator("[data-moderate=hidden]").click()
    expect(jansen).to_have_class(re.compile("note-hidden"))
    expect(names(beamer, "strateeg").locator(".nl-name-text")).to_have_text(["Gemeente Venlo", "GGD Limburg-Noord"])
    console.screenshot(path=screenshots / "netwerkleiderschap-console.png", full_page=True)

    # The cards view: per role the persoonlijke bijdragen and versterkingen, moderated from the console.
    console.locator("#activity-list select").select_option("kaarten")
    expect(box).to_have_attribute("data-view", "kaarten")
    expect(box.locator(".nl-summary:visible")).to_have_count(0)
    bijdrage = role(beamer, "strateeg").locator("[data-item=strateeg-bijdrage] .note .note-text")
    expect(bijdrage).to_have_text(["Ik breng de ambitie van de GGD in", "Als strateeg breng ik partners bij elkaar"])
    expect(role(beamer, "verkenner").locator("[data-item=verkenner-bijdrage] [data-count]")).to_have_text("1")
    expect(role(beamer, "strateeg").locator(".note-meta").first).to_have_text("GGD Limburg-Noord")  # anonymous
    preview = console.locator(".preview .result:not([hidden]) .nl-role[data-role=ontwikkelaar]")
    preview.locator("[data-item=ontwikkelaar-versterking] [data-moderate=highlighted]").click()
    expect(role(beamer, "ontwikkelaar").locator(".note-highlighted .note-text")).to_have_text(
        "Meer tijd en mandaat voor de ontwikkelaar")
    console.locator("[data-action=toggle-names]").click()
    expect(role(beamer, "strateeg").locator(".note-meta").first).to_have_text("GGD Limburg-Noord · Bram")
    assert_fits_the_screen(beamer)
    beamer.wait_for_timeout(500)  # the cards' fade-in
    beamer.screenshot(path=screenshots / "netwerkleiderschap-beamer-kaarten.png")

    # A full room: many long cards in one role keep their size and page (issue 14); the newest on the first page.
    activity_id = api.activity_id(session)
    long_text = "een gezamenlijke agenda met de partners " * 3
    for n in range(6):
        client = sio_client()
        assert client.call("join", {"code": session["code"], "name": f"Deelnemer {n}",
                                    "organisation": f"Organisatie {n}"}, timeout=5)["ok"]
        for m in range(3):
            ack = client.call("add_entry", {"activity_id": activity_id, "item": "strateeg-versterking",
                                            "text": f"Kaart {n}.{m}: {long_text}"},
                              timeout=5)
            assert ack["ok"], ack
    versterking = role(beamer, "strateeg").locator("[data-item=strateeg-versterking]")
    expect(versterking.locator("[data-count]")).to_have_text("19")
    expect(beamer.locator(".result:not([hidden]) .wall-page")).to_have_text(re.compile(r"^pagina 1 van \d+$"))
    expect(versterking.locator(".note:visible").first).to_contain_text("Kaart 5.2")  # the newest stay
    assert_fits_the_screen(beamer)
    beamer.wait_for_timeout(500)
    beamer.screenshot(path=screenshots / "netwerkleiderschap-beamer-kaarten-vol.png")
    sizes = box.locator(".note:visible").evaluate_all("""cards => cards.map(c => [parseFloat(getComputedStyle(
        c.querySelector('.note-text')).fontSize), c.classList.contains('note-squeezed'), c.parentElement.querySelectorAll(
        '.note:not([hidden])').length])""")
    # every role's cards keep a readable size; only a card too long for its box even alone is smaller, on its own
    assert all(size >= 24 or (squeezed and alone == 1) for size, squeezed, alone in sizes), sizes

    # Back to the quadrant: the cards' pager goes with them.
    console.locator("#activity-list select").select_option("kwadrant")
    expect(box).to_have_attribute("data-view", "kwadrant")
    expect(beamer.locator(".result:not([hidden]) .wall-pager")).to_be_hidden()
    assert "Traceback" not in server.log()
