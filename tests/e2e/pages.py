"""Pages of the app in the browser, shared by the end-to-end tests: console, beamer, phones."""

import re

from playwright.sync_api import expect

from .support import control


def hyphenated(text, whole=True):
    """`text` as a label shows it, the whole text or (not `whole`) a part of it: soft hyphens may stand between
    its letters (workshop/hyphenation.py)."""
    pattern = "\u00ad?".join(map(re.escape, text))
    return re.compile(f"^{pattern}$" if whole else pattern)


def open_console(contexts, server, session, activities=1):
    page = contexts(1280, 900).new_page()
    page.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    expect(page.locator("#activity-list .activity-item")).to_have_count(activities)  # the facilitate ack arrived
    return page


def open_beamer(contexts, server, session):
    page = contexts(1920, 1080).new_page()
    page.goto(f"{server.base_url}/f/{session['code']}/beamer#key={session['facilitator_key']}")
    expect(page).to_have_url(f"{server.base_url}/f/{session['code']}/beamer")  # the key is off the screen
    return page


def join_phone(contexts, server, code, name, organisation, width=390, height=844):
    """A phone opens the join link and joins through the form; returns the page, waiting or answering."""
    page = contexts(width, height, phone=True).new_page()
    page.goto(f"{server.base_url}/j/{code}")
    expect(page.locator("#join")).to_be_visible()
    assert_no_horizontal_scroll(page, width)
    page.fill("#name", name)
    page.fill("#organisation", organisation)
    page.locator("#join-form button[type=submit]").tap()
    expect(page.locator("#join")).to_be_hidden()
    expect(page.locator("#me")).to_have_text(f"{name} · {organisation}")
    return page


def assert_no_horizontal_scroll(page, width):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page scrolls sideways: scrollWidth {scroll_width} > {width} px"


def assert_fits_the_screen(beamer):
    """The beamer never scrolls (overflow hidden): everything of the shown result must be on screen."""
    overflow = beamer.evaluate("""() => {
        const shown = document.querySelector('.beamer-main > :not([hidden])');
        let bottom = 0, right = 0;
        for (const el of shown.querySelectorAll('*')) {
            const box = el.getBoundingClientRect();
            if (box.width && box.height) { bottom = Math.max(bottom, box.bottom); right = Math.max(right, box.right); }
        }
        return {bottom, right, height: innerHeight, width: innerWidth};
    }""")
    assert overflow["bottom"] <= overflow["height"] and overflow["right"] <= overflow["width"], overflow


# --- the session designer on the home page ---


def open_designer(contexts, server):
    page = contexts(1280, 800).new_page()
    page.dialogs = []  # an alert() from a file's text would land here
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server.base_url + "/")
    expect(page.locator(".library-card").first).to_be_visible()
    return page


def agenda_titles(page):
    return [field.input_value() for field in page.locator("#agenda-list [data-title]").all()]


def add(page, instrument, title=None):
    page.locator(f".library-card[data-instrument='{instrument}'] [data-add]").click()
    if title:
        page.locator("#agenda-list [data-title]").last.fill(title)


def item(page, n):
    return page.locator("#builder-dialog .builder-item").nth(n)


def build(page, title, items, check_error=None):
    """Build an own activity: `items` is [(label, kind, {field selector: value})]."""
    page.click("#build-own")
    dialog = page.locator("#builder-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("#builder-title").fill(title)
    for n, (label, kind, fields) in enumerate(items):
        if n:
            dialog.locator("[data-add-item]").click()
        item(page, n).locator("[data-kind]").select_option(kind)
        item(page, n).locator("[data-label]").fill(label)
        item(page, n).locator("[data-question]").fill(f"Hoe staat het met {label.lower()}?")
        for selector, value in fields.items():
            item(page, n).locator(selector).fill(value)
    if check_error:
        check_error(page)
    dialog.locator("[data-builder-save]").click()
    expect(dialog).to_be_hidden()


def drag(page, source, target, below=False):
    """Drag `source` (an activity's handle) onto the upper (or lower) half of `target`, as a mouse does."""
    target.evaluate("node => { node.scrollIntoView({block: 'start'}); window.scrollBy(0, -60); }")
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + 60, end["y"] + end["height"] * (0.75 if below else 0.25), steps=10)
    page.mouse.up()


def preview_shows(page, title):
    frame = page.frame_locator("#phone-preview iframe")
    expect(frame.locator("h2")).to_have_text(title)
    return frame


# --- the console ---


def edit_agenda(console):
    """Switch the console's agenda into its editing mode (rename, move, hide, remove, add)."""
    button = console.locator("#edit-agenda")
    if button.get_attribute("aria-pressed") != "true":
        button.click()
    expect(console.locator("#activity-list")).to_have_class(re.compile(r"\bediting\b"))


def open_session_menu(console):
    """Open the console's session menu (language, exports, links, delete)."""
    if not console.locator("#session-menu[open]").count():
        console.locator("#session-menu > summary").click()
    expect(console.locator("#session-menu .menu-items")).to_be_visible()


def value_for(item, n):
    """Participant n's answer to an item, as the answer event takes it."""
    if item["kind"] == "choice":
        return item["options"][(n + len(item["id"])) % len(item["options"])]["value"]
    if item["kind"] == "scale":
        return item["low"] + (n * 3 + len(item["id"])) % (item["high"] - item["low"] + 1)
    first, second = item["options"][0]["value"], item["options"][-1]["value"]
    return {first: item["points"] - n % 3, second: n % 3} if first != second else {first: item["points"]}


def play(sio_client, session, overview, room, card_text):
    """The `room` ((name, organisation) pairs) joins, and answers every item of every activity, each opened in turn:
    `card_text(n, item id)` is participant n's card on a text item. Returns the facilitator's Socket.IO client."""
    screen = sio_client()
    assert screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)["ok"]
    phones = []
    for name, organisation in room:
        phone = sio_client()
        assert phone.call("join", {"code": session["code"], "name": name, "organisation": organisation},
                          timeout=5)["ok"]
        phones.append(phone)
    for activity in overview["activities"]:
        assert screen.call("control", {"action": "open", "activity_id": activity["id"]}, timeout=5)["ok"]
        for n, phone in enumerate(phones):
            for item in activity["items"]:
                if item["kind"] == "text":
                    ack = phone.call("add_entry", {"activity_id": activity["id"], "item": item["id"],
                                                   "text": card_text(n, item["id"])}, timeout=5)
                else:
                    ack = phone.call("answer", {"activity_id": activity["id"], "item": item["id"],
                                                "value": value_for(item, n)}, timeout=5)
                # a per-organisation activity refuses a participant who gave none; everything else is taken
                assert ack["ok"] or (not room[n][1] and activity["per_organisation"]), ack
    return screen


# --- the card wall on the beamer (static/js/results/wall.js) ---

SHOWN = ".beamer-main .result:not([hidden])"
# What the beamer shows now: the ids of the visible cards, each card's text size, and whether each is inside its
# container (the element that clips it) and not under the pager; measured where the cards end, after fading in.
VISIBLE = """async (containers) => {
  const shown = document.querySelector('.beamer-main .result:not([hidden])');
  const fading = [...shown.querySelectorAll('.note')].flatMap((card) => card.getAnimations());
  await Promise.all(fading.map((animation) => animation.finished.catch(() => null)));
  const pager = shown.querySelector('.wall-pager:not([hidden])')?.getBoundingClientRect();
  const cards = [];
  for (const container of shown.querySelectorAll(containers)) {
    const frame = container.getBoundingClientRect();
    for (const card of container.querySelectorAll('.note')) {
      const box = card.getBoundingClientRect();
      if (!box.width) continue;
      const text = parseFloat(getComputedStyle(card.querySelector('.note-text')).fontSize);
      const under = pager && box.bottom > pager.top && box.right > pager.left;
      cards.push({id: Number(card.dataset.entryId), text, squeezed: card.classList.contains('note-squeezed'),
                  inside: box.bottom <= frame.bottom + 0.5 && box.right <= frame.right + 0.5 && !under});
    }
  }
  return cards;
}"""


def pages_of_the_wall(beamer, screen, activity_id, containers):
    """Turn the wall's pages from the first to the last (turn_page): the visible cards of each page. Every card
    shown is whole inside its container and at least 24 px, but a card too long for its place even alone (squeezed
    on a page of its own)."""
    count = int(re.search(r"van (\d+)", beamer.locator(f"{SHOWN} .wall-page").inner_text()).group(1))
    pages = []
    for number in range(1, count + 1):
        expect(beamer.locator(f"{SHOWN} .wall-page")).to_have_text(f"pagina {number} van {count}")
        cards = beamer.evaluate(VISIBLE, containers)
        assert cards and all(card["inside"] for card in cards), [c for c in cards if not c["inside"]]
        assert all(card["text"] >= 24 or (card["squeezed"] and len(cards) == 1) for card in cards), cards
        pages.append([card["id"] for card in cards])
        control(screen, "turn_page", activity_id=activity_id, step=1)
    expect(beamer.locator(f"{SHOWN} .wall-page")).to_have_text(f"pagina 1 van {count}")  # round again
    return pages


def assert_each_card_once(pages, ids):
    shown = [card for page in pages for card in page]
    assert len(shown) == len(set(shown)), "a card on two pages"
    assert set(shown) == set(ids), f"left out: {sorted(set(ids) - set(shown))}"
