"""Three sessions of one network in a real browser (issue 15 §2): made through the API in order, phones (real
Socket.IO clients) answering the quick scan and the succesfactoren in each; the second linked to the first through
the API, the third to the second through the console's panel "Vervolgmeting en netwerk". The projector view shows the
view `verloop` of the third session before anyone answered in it (this is where we were), then live; an alias made in
the panel merges two spellings of one organisation in the trend. Axe on the console with the panel open.

Screenshots land in test-output/issue15/network-*.png for a person to look at.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import expect

from .axe import axe_context, report, violations
from .pages import assert_fits_the_screen, open_beamer, open_session_menu
from .support import COLOURS, FACTORS, ROOT, wait_for

SHOTS = ROOT / "test-output" / "issue15"
TITLES = ("Nulmeting wijkteams", "Tussenmeting wijkteams", "Vervolgmeting wijkteams")
QUICKSCAN = ("ambitie", "belangen", "relatie", "organisatie", "proces")
# Per session the room: (name, organisation). Gemeente Venlo is written "Gem. Venlo" in the second session, one
# organisation the facilitator merges in the panel.
ROOMS = (
    (("Anouk", "Gemeente Venlo"), ("Bram", "Zorggroep Noord"), ("Carla", "Gemeente Venlo")),
    (("Anouk", "Gem. Venlo"), ("Bram", "Zorggroep Noord"), ("Dewi", "Woonstichting Maas")),
    (("Anouk", "Gemeente Venlo"), ("Bram", "Zorggroep Noord"), ("Erik", "Woonstichting Maas")),
)


def grade(session, n, item):
    """Participant n's grade of a condition in session `session` (0, 1, 2): the room grows more positive."""
    return 4 + session + (n + QUICKSCAN.index(item)) % 3


def colour(session, n, item):
    """Participant n's stoplicht colour of a factor: more groen in every later session."""
    return COLOURS[max(0, (n + FACTORS.index(item)) % 3 - session)]


def mean(session, item, room=3):
    return sum(grade(session, n, item) for n in range(room)) / room


def dutch(value) -> str:
    """A figure as the projector view writes it: at most one decimal, a decimal comma."""
    return f"{Decimal(str(value)).quantize(Decimal('0.1'), ROUND_HALF_UP):f}".replace(".", ",").removesuffix(",0")


ACTIVITIES = ((1, QUICKSCAN, grade), (2, FACTORS, colour))  # activity id, its items, each participant's answer


def answer_all(sio_client, session, number, activities=ACTIVITIES, phones=None):
    """The session's room joins (unless `phones` are given) and answers the activities, each opened in turn (on the
    phones then); returns the phones."""
    screen = sio_client()
    assert screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)["ok"]
    if phones is None:
        phones = []
        for name, organisation in ROOMS[number]:
            phone = sio_client()
            assert phone.call("join", {"code": session["code"], "name": name, "organisation": organisation},
                              timeout=5)["ok"]
            phones.append(phone)
    for activity_id, items, value in activities:
        assert screen.call("control", {"action": "open", "activity_id": activity_id}, timeout=5)["ok"]
        for n, phone in enumerate(phones):
            for item in items:
                ack = phone.call("answer", {"activity_id": activity_id, "item": item,
                                            "value": value(number, n, item)}, timeout=5)
                assert ack["ok"], ack
    return phones


@pytest.fixture
def network(api, sio_client):
    """Three sessions made in order, the first two answered, the second a follow-up of the first (through the API)."""
    sessions = [api.create_session(title, activities=("quickscan", "succesfactoren")) for title in TITLES]
    for number in (0, 1):
        answer_all(sio_client, sessions[number], number)
    status, body = api.request("PUT", f"/api/sessions/{sessions[1]['code']}/follows",
                               {"code": sessions[0]["code"], "key": sessions[0]["facilitator_key"]},
                               key=sessions[1]["facilitator_key"])
    assert status == 200, body
    return sessions


def console_with_keys(browser_context, server, sessions):
    """The third session's console in a browser that also keeps the keys of the first two (as after running them)."""
    page = browser_context.new_page()
    first, second, third = sessions
    page.goto(f"{server.base_url}/")
    page.evaluate("""keys => { for (const [code, key] of keys) localStorage.setItem(`werkatelier:key:${code}`, key); }""",
                  [[first["code"], first["facilitator_key"]], [second["code"], second["facilitator_key"]]])
    page.goto(f"{server.base_url}/f/{third['code']}#key={third['facilitator_key']}")
    expect(page.locator("#activity-list .activity-item")).to_have_count(2)
    return page


def open_network_panel(console):
    open_session_menu(console)
    panel = console.locator("#network")
    expect(panel).to_be_visible()
    if not console.locator("#network[open]").count():
        panel.locator("summary").click()
    return panel


def show_trend(row):
    """Put the activity of `row` on the phones (its results go on the projector view with it), in the view verloop."""
    if row.locator("[data-action=activate]").is_visible():  # not on the phones already
        row.locator("[data-action=activate]").click()
    expect(row).to_have_class(re.compile(r"\bis-current\b"))
    expect(row.locator("[data-action=toggle-results]")).to_have_text("Resultaten verbergen op beamer")
    row.locator("select[data-action=set_view]").select_option("verloop")
    expect(row.locator("select[data-action=set_view]")).to_have_value("verloop")


def trend_cells(beamer, item):
    """The figures of an item's row in the items part: one per session, then the change."""
    row = beamer.locator(f".result[data-activity-id='1'] .trend-items tr[data-item='{item}']")
    return [cell.inner_text().strip() for cell in row.locator("td").all()]


def test_three_sessions_of_a_network_on_the_console_and_the_projector(server, api, browser, contexts, sio_client,
                                                                      network):
    SHOTS.mkdir(parents=True, exist_ok=True)
    first, second, third = network
    console = console_with_keys(contexts(1280, 800), server, network)
    panel = open_network_panel(console)

    # Not linked yet: the form offers the two earlier sessions this browser holds the keys of, newest first.
    expect(panel.locator("#network-link")).to_be_visible()
    expect(panel.locator("#follow-session option")).to_have_text(
        ["Kies een sessie…", re.compile(f"^{TITLES[1]} \\({second['code']}, "),
         re.compile(f"^{TITLES[0]} \\({first['code']}, ")])
    # A wrong key is refused in the API's words, and nothing is linked.
    panel.locator("#follow-code").fill(first["code"])
    panel.locator("#follow-key").fill("niet-de-sleutel")
    panel.locator("#network-link button[type=submit]").click()
    expect(panel.locator("#network-error")).to_have_text(
        "Dit is niet de sleutel van de procesbegeleider van de eerdere sessie.")
    expect(panel.locator("#network-linked")).to_be_hidden()
    panel.locator("#follow-key").fill("")
    panel.locator("#follow-code").fill("")

    # Linked as the follow-up of the second session: what it follows, the network's name and its three sessions.
    panel.locator("#follow-session").select_option(second["code"])
    panel.locator("#network-link button[type=submit]").click()
    expect(panel.locator("#network-follows")).to_have_text(
        re.compile(f"^Vervolg op {TITLES[1]} \\({second['code']}, .+2026\\)$"))
    expect(panel.locator("#network-error")).to_be_hidden()
    expect(panel.locator("#network-name")).to_have_value(TITLES[0])
    expect(panel.locator("#network-sessions li")).to_have_count(3)
    expect(panel.locator("#network-sessions li").last).to_contain_text(f"{TITLES[2]} ({third['code']})")
    expect(panel.locator("#network-sessions li").last).to_contain_text("deze sessie")
    expect(panel.locator("#network-organisations li")).to_have_text(
        ["Gem. Venlo", "Gemeente Venlo", "Woonstichting Maas", "Zorggroep Noord"])

    # Renamed: the name is the network's, in every session.
    panel.locator("#network-name").fill("Wijkteams Venlo")
    panel.locator("#network-rename button").click()
    wait_for(lambda: api.request("GET", f"/api/sessions/{first['code']}", key=first["facilitator_key"])[1]
             ["network"]["name"] == "Wijkteams Venlo", message="the network renamed in the first session")

    # The projector view, before anyone answered in this session: the quick scan's trend, this session's column empty.
    beamer = open_beamer(contexts, server, third)
    quickscan = console.locator("#activity-list .activity-item").first
    expect(quickscan.locator("select[data-action=set_view] option[value=verloop]")).to_have_text(
        "Verloop over de sessies")
    show_trend(quickscan)
    trend = beamer.locator(".result[data-activity-id='1'] .trend")
    expect(trend).to_be_visible()
    expect(trend.locator(".trend-items thead th")).to_have_count(5)  # the item, three sessions, the change
    expect(trend.locator(".trend-items thead th.trend-now")).to_have_count(1)
    expect(trend.locator(".trend-items thead th").nth(3)).to_contain_text("nu")
    for item in QUICKSCAN:
        cells = trend_cells(beamer, item)
        change = mean(1, item) - mean(0, item)
        assert cells[0].startswith(dutch(mean(0, item))) and "n = 3" in cells[0], cells
        assert cells[1].startswith(dutch(mean(1, item))), cells
        assert cells[2] == "nog geen antwoorden", cells
        assert cells[3] == f"▲ +{dutch(change)}", cells
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=str(SHOTS / "network-beamer-before-answers.png"))

    # The room answers the quick scan: this session's column fills live, the change runs from the first to this one.
    phones = answer_all(sio_client, third, 2, activities=ACTIVITIES[:1])
    expect(trend).to_be_visible()
    expect(beamer.locator(".trend-items tr[data-item='ambitie'] td").nth(2)).to_contain_text(dutch(mean(2, "ambitie")))
    for item in QUICKSCAN:
        cells = trend_cells(beamer, item)
        assert cells[2].startswith(dutch(mean(2, item))), cells
        assert cells[3] == f"▲ +{dutch(mean(2, item) - mean(0, item))}", cells
    headings = beamer.locator(".result[data-activity-id='1'] .trend-by-organisation thead th")
    expect(headings).to_have_text(["Onderdeel", "Gem. Venlo", "Gemeente Venlo", "Woonstichting Maas",
                                   "Zorggroep Noord"])
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=str(SHOTS / "network-beamer-quickscan.png"))

    # An alias made in the panel: "Gem. Venlo" is Gemeente Venlo, in the trend of every screen; and undone.
    panel = open_network_panel(console)
    panel.locator("#alias-spelling").select_option("Gem. Venlo")
    panel.locator("#alias-organisation").select_option("Gemeente Venlo")
    panel.locator("#network-alias button[type=submit]").click()
    expect(panel.locator("#network-aliases li")).to_have_count(1)
    expect(panel.locator("#network-aliases li")).to_contain_text("is Gemeente Venlo")
    expect(panel.locator("#network-organisations li")).to_have_text(
        ["Gemeente Venlo", "Woonstichting Maas", "Zorggroep Noord"])
    expect(headings).to_have_text(["Onderdeel", "Gemeente Venlo", "Woonstichting Maas", "Zorggroep Noord"])
    venlo = beamer.locator(".result[data-activity-id='1'] .trend-by-organisation tr[data-item='ambitie'] td").first
    # Anouk and Carla in the first session, Anouk (as "Gem. Venlo") in the second, Anouk in the third.
    values = [dutch((grade(0, 0, "ambitie") + grade(0, 2, "ambitie")) / 2), dutch(grade(1, 0, "ambitie")),
              dutch(grade(2, 0, "ambitie"))]
    expect(venlo.locator(".trend-values")).to_have_text(" → ".join(values))
    _, trend_body = api.request("GET", f"/api/sessions/{third['code']}/trend", key=third["facilitator_key"])
    names = [o["name"] for o in trend_body["instruments"][0]["organisations"]]
    assert "Gem. Venlo" not in names and "Gemeente Venlo" in names, names
    console.screenshot(path=str(SHOTS / "network-console-1280.png"))

    # The succesfactoren, answered, and their trend: twelve factors with the share bars per session, fitting the screen.
    answer_all(sio_client, third, 2, activities=ACTIVITIES[1:], phones=phones)
    show_trend(console.locator("#activity-list .activity-item").nth(1))
    expect(beamer.locator(".result[data-activity-id='2'] .trend")).to_be_visible()
    rows = beamer.locator(".result[data-activity-id='2'] .trend-items tbody tr")
    expect(rows).to_have_count(12)
    expect(rows.first.locator(".trend-shares")).to_have_count(3)
    label = rows.first.locator(".trend-shares").first.get_attribute("aria-label")
    assert re.fullmatch(r"\d+% ja, \d+% twijfelachtig, \d+% nee", label), label
    assert all(text.startswith(("▲", "▼", "=")) for text in rows.locator("td.trend-change").all_inner_texts())
    visible = beamer.evaluate("[...document.querySelectorAll('.result[data-activity-id=\"2\"] .trend-items tbody tr')]"
                              ".filter(row => row.getClientRects().length).length")
    pager = beamer.locator(".result[data-activity-id='2'] .trend-pager")
    assert visible == 12 or pager.is_visible(), "twelve factors fit or page"
    assert_fits_the_screen(beamer)
    beamer.screenshot(path=str(SHOTS / "network-beamer-succesfactoren.png"))

    # Undo the alias; leave the network (with a confirm): the form to link is back.
    panel = open_network_panel(console)
    panel.locator("#network-aliases button").click()
    expect(panel.locator("#network-aliases li")).to_have_count(0)
    expect(headings).to_have_count(5)
    console.once("dialog", lambda dialog: dialog.accept())
    panel.locator("#network-leave").click()
    expect(panel.locator("#network-link")).to_be_visible()
    status, body = api.request("GET", f"/api/sessions/{third['code']}", key=third["facilitator_key"])
    assert body["network"] is None and body["follows"] is None


def test_the_panel_on_a_1440_console_and_through_axe(server, api, browser, network):
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for width, height in ((1440, 900), (1280, 800)):
        context = axe_context(browser, width, height, "nl")
        try:
            console = console_with_keys(context, server, network)
            panel = open_network_panel(console)
            if width == 1440:  # not linked yet: the form; then linked
                expect(panel.locator("#follow-session option")).to_have_count(3)
                found[f"{width} not linked"] = violations(console)
                console.screenshot(path=str(SHOTS / "network-console-1440-link.png"))
                panel.locator("#follow-session").select_option(network[1]["code"])
                panel.locator("#network-link button[type=submit]").click()
            expect(panel.locator("#network-sessions li")).to_have_count(3)
            found[f"{width} linked"] = violations(console)
            console.screenshot(path=str(SHOTS / f"network-console-{width}-linked.png"))
        finally:
            context.close()
    found = {state: rules for state, rules in found.items() if rules}
    assert not found, report(found)


def test_a_moderator_console_has_no_network_panel(server, api, contexts, network):
    third = network[2]
    status, link = api.request("POST", f"/api/sessions/{third['code']}/moderators", key=third["facilitator_key"])
    assert status == 201, link
    page = contexts(1280, 800).new_page()
    page.goto(link["url"].replace(link["url"].split("/f/")[0], server.base_url))
    expect(page.locator("#moderator-note")).to_be_visible()
    expect(page.locator("#network")).to_be_hidden()
