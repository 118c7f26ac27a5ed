"""Every answer kind in a real browser: an own activity with one item of each kind and an own stoplicht of four
items, answered by two phones in the browser (and a few more over Socket.IO), on the beamer per view.

Screenshots land in test-output/screenshots/kinds-*.png for a person to look at.
"""

import re

from playwright.sync_api import expect

from .pages import assert_fits_the_screen, assert_no_horizontal_scroll, join_phone, open_beamer, open_console
from .support import wait_for

ALL_KINDS = {"title": "Prioriteiten voor de regio", "intro": "Eén vraag van elke soort.", "items": [
    {"id": "draagvlak", "label": "Is er draagvlak bij de bestuurders?", "kind": "stoplicht"},
    {"id": "thema", "label": "Welke thema’s spelen in jouw organisatie?", "kind": "choice", "multiple": True,
     "options": ["Wonen", "Zorg", "Werk", "Mobiliteit", "Onderwijs"]},
    {"id": "cijfer", "label": "Hoe tevreden ben je over de samenwerking?", "kind": "scale", "low": 0, "high": 10,
     "low_label": "helemaal niet", "high_label": "volledig"},
    {"id": "idee", "label": "Wat zou je morgen anders doen?", "kind": "text", "max_length": 140},
    {"id": "geld", "label": "Verdeel 10 punten over de thema’s", "question": "Waar moet het geld heen?",
     "kind": "points", "points": 10, "options": ["Wonen", "Zorg", "Werk", "Mobiliteit", "Onderwijs"]},
]}
FOUR = {"title": "Randvoorwaarden", "items": [
    {"id": f"r{n}", "label": label, "question": f"Is {label.lower()} geregeld?", "kind": "stoplicht"}
    for n, label in enumerate(("Mandaat", "Budget", "Tijd", "Gedeelde taal"), start=1)]}
# As long as the biggest library instruments in the generic layout: a beamer of 20 items must still fit.
MANY = {"title": "Veel vragen", "items": [
    *({"id": f"s{n}", "label": f"Is onderdeel {n} van de regiovisie in beeld?", "kind": "stoplicht"}
      for n in range(1, 13)),
    *({"id": f"k{n}", "label": f"Welke partners horen bij opgave {n}?", "kind": "choice", "multiple": True,
       "options": ["Gemeenten", "Provincie", "Zorg", "Onderwijs"]} for n in range(1, 5)),
    *({"id": f"t{n}", "label": f"Wat is nodig voor stap {n}?", "kind": "text"} for n in range(1, 5))]}
# Over Socket.IO: name, organisation, answers to the own activity (without cards), answers to the four.
OTHERS = (
    ("Carla", "Gemeente Venlo", {"draagvlak": "oranje", "thema": ["wonen"], "cijfer": 6,
                                 "geld": {"wonen": 6, "werk": 4}}, ("groen", "rood", "rood", "oranje")),
    ("Dewi", "Woonstichting Maasdal", {"draagvlak": "rood", "thema": ["wonen", "zorg", "onderwijs"], "cijfer": 3,
                                       "geld": {"wonen": 10}}, ("oranje", "rood", "groen", "groen")),
    ("Erik", "Zorggroep Noord", {"draagvlak": "groen", "thema": [], "cijfer": 9,
                                 "geld": {"zorg": 5, "mobiliteit": 5}}, ("rood", "rood", "oranje", "groen")),
)


def field(page, item):
    return page.locator(f".activity:not([hidden]) [data-item='{item}']")


def expect_saved(page, item):
    expect(field(page, item).locator("[data-status]")).to_have_text(re.compile("Opgeslagen"))


def control(screen, action, **fields):
    ack = screen.call("control", {"action": action, **fields}, timeout=10)
    assert ack["ok"], ack


def answer_own(phone, activity_id, answers):
    for item, value in answers.items():
        ack = phone.call("answer", {"activity_id": activity_id, "item": item, "value": value}, timeout=10)
        assert ack["ok"], (item, value, ack)


def tap_points(page, option, times, step="1"):
    for _ in range(times):
        field(page, "geld").locator(f".points-option[data-value='{option}'] [data-step='{step}']").tap()


def test_every_kind_on_phones_and_beamer(server, contexts, api, sio_client, screenshots):
    session = api.create_session("Kinds e2e", activities=(ALL_KINDS, FOUR, MANY))
    code = session["code"]
    screen = sio_client()
    assert screen.call("facilitate", {"code": code, "key": session["facilitator_key"]}, timeout=10)["ok"]
    control(screen, "open", activity_id=1)
    control(screen, "show_results", activity_id=1)
    beamer = open_beamer(contexts, server, session)

    anouk = join_phone(contexts, server, code, "Anouk", "Gemeente Venlo")
    bram = join_phone(contexts, server, code, "Bram", "Zorggroep Noord")
    expect(field(anouk, "geld")).to_be_visible()
    expect(field(anouk, "geld").locator("[data-points-left]")).to_have_text("Nog 10 van de 10 punten te verdelen")

    field(anouk, "draagvlak").locator("label[data-value=groen]").tap()
    for option in ("wonen", "zorg"):
        field(anouk, "thema").locator(f"label[data-value={option}]").tap()
    expect_saved(anouk, "thema")
    field(anouk, "thema").locator("label[data-value=zorg]").tap()  # changed her mind: only wonen
    field(anouk, "cijfer").locator("label[data-value='8']").tap()
    field(anouk, "idee").locator("textarea").fill("Eerst samen de opgave formuleren")
    field(anouk, "idee").locator("[data-submit]").tap()
    tap_points(anouk, "wonen", 7)
    tap_points(anouk, "zorg", 3)  # the last 3: then every + is off
    geld = field(anouk, "geld")
    expect(geld.locator("[data-points-left]")).to_have_text(re.compile("^Alle 10 punten zijn verdeeld"))
    expect(geld.locator(".points-option [data-step='1']:disabled")).to_have_count(5)
    expect(geld.locator(".points-option[data-value=zorg] [data-count]")).to_have_text("3")
    for item in ("draagvlak", "thema", "cijfer", "geld"):
        expect_saved(anouk, item)
    expect(anouk.locator(".activity:not([hidden]) [data-progress]")).to_have_text("5")
    assert_no_horizontal_scroll(anouk, 390)
    anouk.screenshot(path=screenshots / "kinds-phone-answered.png", full_page=True)
    geld.scroll_into_view_if_needed()
    anouk.screenshot(path=screenshots / "kinds-phone-points.png")

    wait_for(lambda: len(api.stored_answers(session, 1)) == 4, message="Anouk's four answers stored")
    assert sorted(api.stored_answers(session, 1).values()) == ["8", "groen", "wonen", "wonen:7,zorg:3"]
    # The phone keeps what the server holds, after a reload too.
    anouk.reload()
    expect(field(anouk, "thema").locator("input:checked")).to_have_count(1)
    expect(field(anouk, "thema").locator("input[value=wonen]")).to_be_checked()
    expect(field(anouk, "geld").locator(".points-option[data-value=wonen] [data-count]")).to_have_text("7")
    expect(field(anouk, "geld").locator("[data-points-left]")).to_have_text(re.compile("^Alle 10 punten zijn verdeeld"))

    field(bram, "draagvlak").locator("label[data-value=rood]").tap()
    field(bram, "thema").locator("label[data-value=mobiliteit]").tap()
    field(bram, "cijfer").locator("label[data-value='4']").tap()
    tap_points(bram, "mobiliteit", 2)
    tap_points(bram, "mobiliteit", 2, step="-1")  # back to nothing: not stored, and the phone says why
    expect(field(bram, "geld").locator("[data-status]")).to_have_text(re.compile("ten minste één punt"))
    tap_points(bram, "werk", 1)
    expect_saved(bram, "geld")
    bram.screenshot(path=screenshots / "kinds-phone-bram.png", full_page=True)

    phones = []
    for name, organisation, own, _ in OTHERS:
        phone = sio_client()
        assert phone.call("join", {"code": code, "name": name, "organisation": organisation}, timeout=10)["ok"]
        answer_own(phone, 1, own)
        phones.append(phone)
    assert phones[0].call("answer", {"activity_id": 1, "item": "geld", "value": {"wonen": 11}},
                          timeout=10)["reason"] == "invalid_value"

    result = beamer.locator(".result[data-activity-id='1']")
    expect(result.locator("[data-respondents]")).to_have_text("5")
    ranking = result.locator("[data-item=geld] .points-row")
    expect(ranking.first.locator(".points-label")).to_have_text("Wonen")
    expect(ranking.first.locator(".points-total")).to_have_text("23")  # 7 + 6 + 10
    expect(result.locator("[data-item=thema] .option-row").first).to_contain_text("3 (60%)")
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=screenshots / "kinds-beamer-vragen.png")

    control(screen, "set_view", activity_id=1, view="organisaties")
    expect(result.locator("[data-item=geld] .points-org")).to_have_count(3)
    expect(result.locator("[data-item=idee] .cards-org h4")).to_have_text(["Gemeente Venlo"])
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=screenshots / "kinds-beamer-organisaties.png")
    console = open_console(contexts, server, session, activities=3)
    on_console = console.locator(".result[data-activity-id='1']")
    expect(on_console.locator("[data-item=geld] .points-org")).to_have_count(3)
    expect(on_console.locator("[data-item=idee] .note-actions button")).to_have_count(3)  # hide, highlight, spotlight
    console.screenshot(path=screenshots / "kinds-console-organisaties.png", full_page=True)

    # The own stoplicht of four items gets the succesfactoren's views.
    control(screen, "open", activity_id=2)
    control(screen, "show_results", activity_id=2)
    expect(field(anouk, "r1")).to_be_visible()
    for n in range(1, 5):
        field(anouk, f"r{n}").locator("label[data-value=groen]").tap()
    for phone, (_, _, _, colours) in zip(phones, OTHERS, strict=True):
        answer_own(phone, 2, {f"r{n}": colour for n, colour in enumerate(colours, start=1)})
    anouk.screenshot(path=screenshots / "kinds-phone-stoplicht.png", full_page=True)
    four = beamer.locator(".result[data-activity-id='2']")
    expect(four.locator("[data-respondents]")).to_have_text("4")
    for view in ("bars", "priority", "heatmap"):
        control(screen, "set_view", activity_id=2, view=view)
        expect(four.locator(".sf")).to_have_attribute("data-view", view)
        assert_fits_the_screen(beamer)
        beamer.screenshot(path=screenshots / f"kinds-beamer-stoplicht-{view}.png")
    expect(four.locator(".sf-heatmap thead th")).to_have_count(4)  # the item column and three organisations

    # Twenty items of three kinds: shrunk, compact stoplicht bars, and still all on the screen.
    control(screen, "open", activity_id=3)
    control(screen, "show_results", activity_id=3)
    for n, phone in enumerate(phones):
        answer_own(phone, 3, {**{f"s{i}": ("groen", "oranje", "rood")[(i + n) % 3] for i in range(1, 13)},
                              **{f"k{i}": ["gemeenten", "zorg"][: 1 + (i + n) % 2] for i in range(1, 5)}})
        for i in range(1, 5):
            ack = phone.call("add_entry", {"activity_id": 3, "item": f"t{i}", "text": f"Een kaart van {n} bij stap {i}"},
                             timeout=10)
            assert ack["ok"], ack
    many = beamer.locator(".result[data-activity-id='3']")
    expect(many.locator("[data-respondents]")).to_have_text("3")
    expect(many.locator(".choice-stacked")).to_have_count(12)
    expect(many.locator(".note")).to_have_count(12)
    beamer.screenshot(path=screenshots / "kinds-beamer-many.png")
    assert_fits_the_screen(beamer)
    control(screen, "set_view", activity_id=3, view="organisaties")
    expect(many.locator(".eigen")).to_have_attribute("data-view", "organisaties")
    beamer.screenshot(path=screenshots / "kinds-beamer-many-organisaties.png")
    assert_fits_the_screen(beamer)
