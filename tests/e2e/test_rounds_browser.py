"""Rounds in a real browser (issue 15 §1): the quick scan twice, round 2 made with the console's button, phones
answering both rounds, and the beamer's comparison with the items that moved most first. The succesfactoren (twelve
stoplichten) compared too: it fits the beamer, or pages.

Screenshots land in test-output/issue15/rounds-*.png for a person to look at.
"""

import re
from pathlib import Path

from playwright.sync_api import expect

from .axe import axe_context, report, violations
from .pages import assert_fits_the_screen, assert_no_horizontal_scroll, edit_agenda, open_beamer

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "issue15"
TITLE = "Nulmeting en vervolgmeting"
IDS = ("ambitie", "belangen", "relatie", "organisatie", "proces")
ROOM = (  # name, organisation, round 1's grades for ambitie, belangen, relatie, organisatie, proces
    ("Anouk", "Gemeente Roermond", (5, 6, 5, 6, 7)),
    ("Bram", "Zorggroep Noord", (4, 7, 6, 5, 8)),
    ("Carla", "Gemeente Roermond", (6, 6, 7, 7, 6)),
    ("Dewi", "Woonstichting Maasdal", (5, 8, 5, 6, 9)),
    ("Erik", "Zorggroep Noord", (3, 7, 6, 6, 7)),
    ("Fatima", "Woonstichting Maasdal", (6, 6, 4, 5, 8)),
)
CHANGE = (3, -1, 1, 0, -2)  # round 2: everyone this much higher (lower) than in round 1
MOST_MOVED = ("ambitie", "proces", "belangen", "relatie", "organisatie")  # ties (belangen, relatie) in item order


def dutch(value) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def mean(round_number, item):
    n = IDS.index(item)
    grades = [grades[n] + (CHANGE[n] if round_number == 2 else 0) for _, _, grades in ROOM]
    return round(sum(grades) / len(grades), 2)


def phones_join(sio_client, session, room):
    screen = sio_client()
    assert screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)["ok"]
    phones = []
    for name, organisation, *_ in room:
        phone = sio_client()
        assert phone.call("join", {"code": session["code"], "name": name, "organisation": organisation},
                          timeout=5)["ok"]
        phones.append(phone)
    return screen, phones


def answer_round(screen, phones, activity_id, answers):
    """Open the activity; phone n gives `answers(n)` ({item: value})."""
    assert screen.call("control", {"action": "open", "activity_id": activity_id}, timeout=5)["ok"]
    for n, phone in enumerate(phones):
        for item, value in answers(n).items():
            ack = phone.call("answer", {"activity_id": activity_id, "item": item, "value": value}, timeout=5)
            assert ack["ok"], ack


def test_the_quick_scan_twice_compared_on_the_beamer(server, contexts, api, sio_client, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    session = api.create_session(TITLE, activities=("quickscan", "motieven"))
    console = contexts(1280, 800).new_page()
    console.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    expect(console.locator("#activity-list .activity-item")).to_have_count(2)
    edit_agenda(console)
    console.locator('[data-activity-id="1"] [data-agenda="round"]').click()
    # the new activity reloads the console; the round was announced and the keyboard is on the new round
    expect(console.locator("#activity-list .activity-item")).to_have_count(3)
    status = console.locator("#round-status")
    expect(status).to_have_text(re.compile(r"Ronde 2 van ‘Quick scan.*’ staat in de agenda"))
    rows = console.locator("#activity-list .activity-item")
    expect(rows.nth(1)).to_have_attribute("data-activity-id", "3")  # right after round 1, before motieven
    expect(rows.nth(0).locator(".badge-round")).to_have_text("ronde 1")
    expect(rows.nth(1).locator(".badge-round")).to_have_text("ronde 2")
    expect(rows.nth(2).locator(".badge-round")).to_be_hidden()
    expect(rows.nth(1).locator('[data-agenda="round"]')).to_be_focused()
    expect(rows.nth(0).locator('[data-agenda="round"]')).to_have_count(0)  # round 3 comes from round 2
    console.screenshot(path=SHOTS / "rounds-console-added-1280x800.png")

    screen, phones = phones_join(sio_client, session, ROOM)
    answer_round(screen, phones, 1, lambda n: dict(zip(IDS, ROOM[n][2], strict=True)))
    answer_round(screen, phones, 3, lambda n: {item: grade + change for item, grade, change
                                               in zip(IDS, ROOM[n][2], CHANGE, strict=True)})
    assert screen.call("control", {"action": "set_view", "activity_id": 3, "view": "vergelijking"}, timeout=5)["ok"]
    compare = api.results(session)[3]["compare"]
    assert tuple(compare["order"]) == MOST_MOVED

    beamer = open_beamer(contexts, server, session)
    view = beamer.locator('.result[data-activity-id="3"] .compare-view')
    expect(view).to_be_visible()
    items = view.locator(".cmp-item")
    expect(items).to_have_count(5)
    assert [items.nth(n).get_attribute("data-item") for n in range(5)] == list(MOST_MOVED)
    ambitie = view.locator('.cmp-item[data-item="ambitie"]')
    expect(ambitie.locator(".cmp-shift")).to_have_text("▲ +3")
    expect(ambitie.locator(".cmp-round")).to_have_text([
        re.compile(rf"ronde 1\s*{dutch(mean(1, 'ambitie'))} \(n=6\)"),
        re.compile(rf"ronde 2\s*{dutch(mean(2, 'ambitie'))} \(n=6\)")])
    expect(view.locator('.cmp-item[data-item="proces"] .cmp-shift')).to_have_text("▼ −2")
    expect(view.locator('.cmp-item[data-item="organisatie"] .cmp-shift')).to_have_text("= 0")
    table = view.locator(".cmp-organisations table")
    expect(table.locator("tbody th")).to_have_text(["Gemeente Roermond", "Woonstichting Maasdal", "Zorggroep Noord"])
    expect(table.locator("tbody tr").first.locator("td").first).to_have_text("▲ +3")
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=SHOTS / "rounds-beamer-quickscan-1920x1080.png")

    # the console's live result (round 2 is on the phones) shows the comparison too, with the organisations
    preview = console.locator('.preview .result[data-activity-id="3"] .compare-view')
    expect(preview.locator(".cmp-item")).to_have_count(5)
    expect(preview.locator(".cmp-organisations")).to_be_visible()
    console.screenshot(path=SHOTS / "rounds-console-comparison-1280x800.png")

    found = {}  # the comparison on both screens passes axe (WCAG 2.2 A and AA)
    for name, path, size, shown in (("console", "", (1280, 800), ".preview .compare-view .cmp-item"),
                                    ("beamer", "/beamer", (1920, 1080), ".compare-view .cmp-item")):
        context = axe_context(browser, *size, "nl")
        page = context.new_page()
        page.goto(f"{server.base_url}/f/{session['code']}{path}#key={session['facilitator_key']}")
        expect(page.locator(shown).first).to_be_visible()
        found[name] = violations(page)
        context.close()
    assert not any(found.values()), report(found)


def test_twelve_succesfactoren_compared_fit_the_beamer_or_page(server, contexts, api, sio_client):
    SHOTS.mkdir(parents=True, exist_ok=True)
    session = api.create_session("Succesfactoren twee keer", activities=("succesfactoren",))
    status, added = api.request("POST", f"/api/sessions/{session['code']}/activities", {"round_of": 1},
                                key=session["facilitator_key"])
    assert status == 201 and added["round"] == 2
    items = [item["id"] for item in added["items"]]
    assert len(items) == 12
    room = [(f"Deelnemer {n}", f"Organisatie {'ABCD'[n % 4]}") for n in range(12)]
    screen, phones = phones_join(sio_client, session, room)
    colours = ("groen", "oranje", "rood")
    answer_round(screen, phones, 1, lambda n: {item: colours[(n + i) % 3] for i, item in enumerate(items)})
    answer_round(screen, phones, added["id"], lambda n: {item: colours[(n + i) % 3 if n > i else 0]
                                                         for i, item in enumerate(items)})
    assert screen.call("control", {"action": "set_view", "activity_id": added["id"], "view": "vergelijking"},
                       timeout=5)["ok"]
    beamer = open_beamer(contexts, server, session)
    view = beamer.locator(f'.result[data-activity-id="{added["id"]}"] .compare-view')
    expect(view.locator(".cmp-item")).to_have_count(12)
    expect(view.locator(".cmp-shift").first).to_have_text(re.compile(r"^groen [▲▼=] ?[+−]?\d+ pp · rood"))
    assert_fits_the_screen(beamer)
    pager = view.locator(".cmp-pager")
    def shown():
        return view.locator(".cmp-item:visible").count() + view.locator(".cmp-organisations:visible").count()

    if pager.inner_text():  # pages: each shows a part, and together they show all 13 parts
        expect(pager).to_have_text(re.compile(r"pagina 1 van \d"))
        assert 0 < shown() < 13
    else:
        assert shown() == 13
    beamer.screenshot(path=SHOTS / "rounds-beamer-succesfactoren-1920x1080.png")


def test_the_facilitator_turns_the_pages_of_the_comparison(server, contexts, api, sio_client):
    """turn_page and the console's › move the beamer's comparison a page on; by hand it stays there, at a pace it
    moves on by itself (the activity's `wall`, as the card wall's). The phone heading says "ronde 2"."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    session = api.create_session("Succesfactoren bladeren", activities=("succesfactoren",))
    status, added = api.request("POST", f"/api/sessions/{session['code']}/activities", {"round_of": 1},
                                key=session["facilitator_key"])
    assert status == 201
    later = added["id"]
    items = [item["id"] for item in added["items"]]
    room = [(f"Deelnemer {n}", f"Organisatie {'ABCDEFGH'[n % 8]}") for n in range(16)]
    screen, phones = phones_join(sio_client, session, room)
    colours = ("groen", "oranje", "rood")
    answer_round(screen, phones, 1, lambda n: {item: colours[(n + i) % 3] for i, item in enumerate(items)})
    answer_round(screen, phones, later, lambda n: {item: colours[(n * i) % 3] for i, item in enumerate(items)})
    assert screen.call("control", {"action": "set_view", "activity_id": later, "view": "vergelijking"},
                       timeout=5)["ok"]
    beamer = open_beamer(contexts, server, session)
    view = beamer.locator(f'.result[data-activity-id="{later}"] .compare-view')
    pager = view.locator(".cmp-pager")
    expect(pager).to_have_text(re.compile(r"^pagina 1 van \d+$"))
    count = int(pager.inner_text().split()[-1])
    first_page = view.locator(".cmp-item:visible").evaluate_all("rows => rows.map((row) => row.dataset.item)")

    assert screen.call("control", {"action": "turn_page", "activity_id": later, "step": 1}, timeout=5)["ok"]
    expect(pager).to_have_text(f"pagina 2 van {count}")
    second_page = view.locator(".cmp-item:visible").evaluate_all("rows => rows.map((row) => row.dataset.item)")
    assert not set(first_page) & set(second_page)
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=SHOTS / "pager-beamer-comparison-page2-1920x1080.png")

    console = contexts(1280, 800).new_page()
    console.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    panel = console.locator("#wall-panel")
    expect(panel.locator(".panel-title")).to_have_text("Pagina's op de beamer")
    expect(panel.locator("#wall-spotlight-off")).to_be_hidden()
    expect(panel.locator("#wall-pace")).to_have_value("0")
    panel.locator("#wall-previous").click()
    expect(pager).to_have_text(f"pagina 1 van {count}")
    console.keyboard.press("]")
    expect(pager).to_have_text(f"pagina 2 van {count}")
    console.screenshot(path=SHOTS / "pager-console-comparison-1280x800.png")
    panel.locator("#wall-pace").select_option("5")  # at a pace: on by itself, from the counter's page
    expect(pager).to_have_text(f"pagina {2 % count + 1} van {count}", timeout=8000)
    panel.locator("#wall-pace").select_option("0")  # by hand again: the counter's page
    expect(pager).to_have_text(f"pagina 2 van {count}")

    for width, height in ((390, 844), (360, 740)):
        phone = contexts(width, height, phone=True).new_page()
        phone.goto(f"{server.base_url}/j/{session['code']}")
        phone.fill("#name", "Gert")
        phone.locator("#join-form button[type=submit]").tap()
        heading = phone.locator(f"#activity-{later}")
        expect(heading).to_be_visible()
        expect(heading.locator(".phone-round")).to_have_text("ronde 2")
        assert_no_horizontal_scroll(phone, width)
        phone.screenshot(path=SHOTS / f"pager-phone-round2-{width}x{height}.png")
