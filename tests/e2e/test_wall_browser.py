"""The card wall on a 1920×1080 beamer (issue 14 §1) in a real browser: a wall of 150 cards pages at a readable size,
the pages together hold every visible card exactly once, the wall pages by itself and on the facilitator's key,
new cards are announced, and one card goes in the spotlight and out again. Also the pure page split.

Screenshots: test-output/issue14/wall-*.png.
"""

import re

import pytest
from playwright.sync_api import expect

from .pages import SHOWN, VISIBLE, assert_each_card_once, open_beamer, open_console, pages_of_the_wall
from .support import ROOT, control, facilitator

SHOTS = ROOT / "test-output" / "issue14"
ORGANISATIONS = ["Gemeente Venlo", "Woningcorporatie Thuis Wonen", "Zorggroep Noord", "GGD Limburg-Noord",
                 "Stichting Welzijn Venlo"]
PHRASES = ["Minder dure plekken in beschermd wonen", "Doorstroom uit de opvang op gang",
           "Iedereen verdient een thuis in de wijk", "Goede afspraken over de begeleiding van nieuwe huurders",
           "Samen sneller resultaat", "Wij willen dat cliënten na beschermd wonen echt een plek in de wijk vinden, "
           "met begeleiding die past", "Trots op ons team", "Niemand tussen wal en schip"]


@pytest.fixture
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def write_cards(sio_client, code, activity_id, items, per_phone, phones):
    """`phones` phones (five organisations) each write `per_phone` cards under every item: their ids."""
    ids = []
    for n in range(phones):
        phone = sio_client()
        assert phone.call("join", {"code": code, "name": f"Deelnemer {n + 1}",
                                   "organisation": ORGANISATIONS[n % len(ORGANISATIONS)]}, timeout=5)["ok"]
        for item in items:
            for k in range(per_phone):
                text = f"{PHRASES[(n + k) % len(PHRASES)]} ({n + 1}.{k + 1})"
                ack = phone.call("add_entry", {"activity_id": activity_id, "item": item, "text": text}, timeout=5)
                assert ack["ok"], ack
                ids.append(ack["entry"]["id"])
    return ids


def test_the_page_split_gives_every_card_exactly_one_page(server, contexts, api):
    session = api.create_session("Splitsen", activities=("motieven",))
    beamer = open_beamer(contexts, server, session)
    result = beamer.evaluate("""async () => {
      const { splitIntoPages, pageIndex } = await import('/static/js/results/wall.js');
      const runs = [];
      for (const [count, room] of [[0, 3], [1, 3], [7, 3], [10, 1], [150, 17]]) {
        // cards of heights 1..4 stacked in a room of `room`: those that fit when the remaining are all shown
        const height = (index) => 1 + (index * 7) % 4;
        const fitting = (remaining) => {
          let used = 0;
          return remaining.filter((index) => (used += height(index)) <= room);
        };
        runs.push({count, pages: splitIntoPages(count, fitting)});
      }
      const none = splitIntoPages(3, () => []);  // nothing fits: one card a page all the same
      const stranger = splitIntoPages(2, () => [5, 1]);  // an index that is not left is ignored
      return {runs, none, stranger, indices: [pageIndex(0, 3), pageIndex(4, 3), pageIndex(-1, 3), pageIndex(-7, 3)]};
    }""")
    for run in result["runs"]:
        flat = [index for page in run["pages"] for index in page]
        assert sorted(flat) == list(range(run["count"])) and all(run["pages"]), run
        assert flat == list(range(run["count"])), "the order drawn is kept"
    assert result["none"] == [[0], [1], [2]]
    assert result["stranger"] == [[1], [0]]
    assert result["indices"] == [0, 1, 2, 2]


def test_a_wall_of_150_cards_pages_every_card_once_and_shows_a_spotlight(server, contexts, api, sio_client, shots):
    session = api.create_session("Weer Thuis in de wijk", activities=("motieven",))
    screen = facilitator(sio_client, session)
    control(screen, "open", activity_id=1)
    beamer = open_beamer(contexts, server, session)
    ids = write_cards(sio_client, session["code"], 1, ("instrumenteel", "affectief", "moreel"), 5, 10)
    assert len(ids) == 150
    expect(beamer.locator(f"{SHOWN} [data-total]")).to_have_text("150")
    expect(beamer.locator(f"{SHOWN} .wall-page")).to_have_text(re.compile(r"^pagina 1 van \d+$"))
    beamer.wait_for_timeout(300)  # the fade-in of the last cards
    beamer.screenshot(path=shots / "wall-150-page1.png")
    pages = pages_of_the_wall(beamer, screen, 1, ".mv-cards")
    assert len(pages) > 1
    assert_each_card_once(pages, ids)

    # a hidden card is on no page; the pages still hold every visible card
    hidden = ids[0]
    assert screen.call("moderate", {"id": hidden, "hidden": True}, timeout=5)["ok"]
    expect(beamer.locator(f"{SHOWN} [data-total]")).to_have_text("149")
    assert_each_card_once(pages_of_the_wall(beamer, screen, 1, ".mv-cards"), set(ids) - {hidden})

    # the spotlight: one card big and alone, with its organisation; it ends when that card is hidden
    chosen = ids[-1]
    control(screen, "spotlight", activity_id=1, entry_id=chosen)
    spotlight = beamer.locator(f"{SHOWN} .wall-spotlight")
    expect(spotlight).to_be_visible()
    expect(spotlight.locator(".wall-spotlight-text")).to_have_text(f"{PHRASES[(9 + 4) % len(PHRASES)]} (10.5)")
    expect(spotlight.locator(".wall-spotlight-meta")).to_have_text(ORGANISATIONS[9 % 5])
    box = spotlight.bounding_box()
    assert box["width"] > 1500 and box["height"] > 700
    assert float(spotlight.locator(".wall-spotlight-text").evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= 48
    beamer.screenshot(path=shots / "wall-spotlight.png")
    assert screen.call("moderate", {"id": chosen, "hidden": True}, timeout=5)["ok"]
    expect(spotlight).to_be_hidden()


def test_the_wall_pages_by_itself_and_announces_new_cards(server, contexts, api, sio_client, shots):
    session = api.create_session("Vanzelf bladeren", activities=("motieven",))
    screen = facilitator(sio_client, session)
    control(screen, "open", activity_id=1)
    write_cards(sio_client, session["code"], 1, ("instrumenteel",), 5, 12)
    beamer = open_beamer(contexts, server, session)
    pager = beamer.locator(f"{SHOWN} .wall-page")
    expect(pager).to_have_text(re.compile(r"^pagina 1 van \d+$"))
    control(screen, "set_page_seconds", activity_id=1, seconds=5)
    expect(pager).to_have_text(re.compile(r"^pagina 2 van \d+$"), timeout=8000)
    control(screen, "set_page_seconds", activity_id=1, seconds=0)  # by hand again: the counter's page
    expect(pager).to_have_text(re.compile(r"^pagina 1 van \d+$"))

    fresh = write_cards(sio_client, session["code"], 1, ("instrumenteel",), 3, 1)
    marker = beamer.locator(f"{SHOWN} .wall-new")
    expect(marker).to_have_text(re.compile(r"^\+3 nieuw op pagina 1$"))  # the newest come first
    shown = [card["id"] for card in beamer.evaluate(VISIBLE, ".mv-cards")]
    assert set(fresh) <= set(shown)
    beamer.screenshot(path=shots / "wall-new-cards.png")


OWN = {"title": "Eigen muur", "items": [{"id": "idee", "label": "Idee", "kind": "text", "max_entries": 8},
                                       {"id": "zorg", "label": "Zorg", "kind": "text", "max_entries": 8},
                                       {"id": "cijfer", "label": "Cijfer", "kind": "scale"}]}


@pytest.mark.parametrize("activity, view, containers", [
    ("halen_brengen", None, ".hb-frame"),
    ("netwerkleiderschap", 1, ".nl-role-cards [data-cards]"),
    (OWN, None, ".eigen"),
    ("motieven", 1, ".mv-cards"),  # per organisation: headings between the cards
], ids=["halen_brengen", "netwerkleiderschap", "eigen", "motieven-organisaties"])
def test_every_card_view_pages_every_card_once(server, contexts, api, sio_client, shots, activity, view, containers):
    session = api.create_session("Elke muur", activities=(activity,))
    screen = facilitator(sio_client, session)
    described = control(screen, "open", activity_id=1)["session"]["activities"][0]
    if view is not None:
        control(screen, "set_view", activity_id=1, view=described["views"][view]["id"])
    items = [item["id"] for item in described["items"]  # a role's names are counted, not drawn as cards
             if item["kind"] == "text" and not item["id"].endswith("-namen")]
    ids = write_cards(sio_client, session["code"], 1, items, 4 if len(items) < 4 else 2, 10)
    beamer = open_beamer(contexts, server, session)
    expect(beamer.locator(f"{SHOWN} .wall-page")).to_have_text(re.compile(r"^pagina 1 van \d+$"))
    beamer.wait_for_timeout(500)
    name = activity if isinstance(activity, str) else "eigen"
    beamer.screenshot(path=shots / f"wall-{name}{'-view' if view else ''}-page1.png")
    assert_each_card_once(pages_of_the_wall(beamer, screen, 1, containers), ids)


@pytest.mark.parametrize("width, height", [(1280, 800), (1440, 900)])
def test_the_console_pages_the_wall_and_puts_a_card_in_the_spotlight(server, contexts, api, sio_client, shots,
                                                                   width, height):
    session = api.create_session("Console en muur", activities=("motieven",))
    screen = facilitator(sio_client, session)
    control(screen, "open", activity_id=1)
    ids = write_cards(sio_client, session["code"], 1, ("instrumenteel", "moreel"), 5, 8)
    beamer = open_beamer(contexts, server, session)
    console = open_console(contexts, server, session)
    console.set_viewport_size({"width": width, "height": height})
    panel = console.locator("#wall-panel")
    expect(panel).to_be_visible()
    pager = beamer.locator(f"{SHOWN} .wall-page")
    expect(pager).to_have_text(re.compile(r"^pagina 1 van \d+$"))
    console.keyboard.press("]")
    expect(pager).to_have_text(re.compile(r"^pagina 2 van \d+$"))
    console.keyboard.press("[")
    expect(pager).to_have_text(re.compile(r"^pagina 1 van \d+$"))
    panel.locator("#wall-next").click()
    expect(pager).to_have_text(re.compile(r"^pagina 2 van \d+$"))
    panel.locator("#wall-pace").select_option("10")
    expect(panel.locator("#wall-pace")).to_have_value("10")

    card = console.locator(f".preview [data-entry-id='{ids[3]}']")
    card.locator("[data-wall=spotlight]").click()
    expect(beamer.locator(f"{SHOWN} .wall-spotlight")).to_be_visible()
    expect(card.locator("[data-wall=clear_spotlight]")).to_be_visible()
    expect(panel.locator(".wall-state")).to_contain_text("In de spotlight")
    console.screenshot(path=shots / f"wall-console-{width}x{height}.png")
    console.keyboard.press("x")
    expect(beamer.locator(f"{SHOWN} .wall-spotlight")).to_be_hidden()
    expect(panel.locator("#wall-spotlight-off")).to_be_disabled()
