"""Accessibility, measured: axe-core's WCAG 2.0-2.2 A and AA rules on every page and state, in Dutch and English.

One session per language with every layout (the five handbook layouts and an own activity of every answer kind),
answered over Socket.IO by participants of three organisations; then each state is drawn in a real browser and
checked: home, join, waiting, each activity on phones of 390 and 360 px, the console with each activity open, the
beamer in each view, report.html and the accessibility statement. Also: no sideways scrolling at 320 px and at
200 % text, and screenshots in forced colours and at 200 % text (test-output/screenshots/a11y-*.png).
"""

import pytest
from playwright.sync_api import expect

from .axe import axe_context, report, violations

OWN = {"title": "Alles in één", "intro": "Eén vraag van elke soort.", "items": [
    {"id": "draagvlak", "label": "Is er draagvlak bij de bestuurders?", "kind": "stoplicht"},
    {"id": "thema", "label": "Welke thema’s spelen er?", "kind": "choice", "multiple": True,
     "options": ["Wonen", "Zorg", "Werk", "Mobiliteit"]},
    {"id": "vorm", "label": "Welke vorm past?", "kind": "choice", "options": ["Netwerk", "Convenant"]},
    {"id": "cijfer", "label": "Hoe tevreden ben je?", "kind": "scale", "low": 0, "high": 10,
     "low_label": "helemaal niet", "high_label": "volledig"},
    {"id": "idee", "label": "Wat zou je morgen anders doen?", "kind": "text", "max_length": 140},
    {"id": "geld", "label": "Verdeel 10 punten", "kind": "points", "points": 10,
     "options": ["Wonen", "Zorg", "Werk"]},
]}
ACTIVITIES = ("succesfactoren", "quickscan", "motieven", "halen_brengen", "netwerkleiderschap", OWN)
PEOPLE = (("Carla", "Gemeente Venlo"), ("Dewi", "Woonstichting Maasdal"), ("Erik", "Zorggroep Noord"),
          ("Fenna", "Gemeente Venlo"))
PHONE_WIDTHS = (390, 360)
SNAPSHOT_WAIT = 15_000  # ms for the results of 4 answering sockets to reach a screen, on a busy shared machine


def answer_of(item, n):
    """Participant `n`'s answer to a choice, scale or points item: each participant a different one."""
    if item["kind"] == "scale":
        return item["low"] + (3 * n) % (item["high"] - item["low"] + 1)
    option = item["options"][n % len(item["options"])]["value"]
    if item["kind"] == "points":
        return {option: item["points"]}
    return [option] if item.get("multiple") else option


def answer_everything(phone, activity, n):
    """Participant `n` answers every item of `activity` (from GET /api/sessions/CODE); a card for a text item."""
    for item in activity["items"]:
        fields = {"activity_id": activity["id"], "item": item["id"]}
        if item["kind"] == "text":
            ack = phone.call("add_entry", {**fields, "text": f"Kaart {n + 1} bij {item['id']}"}, timeout=10)
        else:
            ack = phone.call("answer", {**fields, "value": answer_of(item, n)}, timeout=10)
        assert ack["ok"], (item["id"], ack)


def control(screen, action, **fields):
    ack = screen.call("control", {"action": action, **fields}, timeout=10)
    assert ack["ok"], ack


class Room:
    """One session in one language with its screens: a facilitator socket, participants' sockets, the pages."""

    def __init__(self, server, api, browser, sio_client, language):
        self.server, self.api, self.browser, self.language = server, api, browser, language
        status, self.session = api.request("POST", "/api/sessions", {
            "title": "Werkatelier toegankelijk", "activities": list(ACTIVITIES), "language": language})
        assert status == 201, self.session
        self.code, self.key = self.session["code"], self.session["facilitator_key"]
        self.activities = api.get(f"/api/sessions/{self.code}", self.key)["activities"]
        self.screen = sio_client()
        assert self.screen.call("facilitate", {"code": self.code, "key": self.key}, timeout=10)["ok"]
        self.people = []
        for name, organisation in PEOPLE:
            phone = sio_client()
            assert phone.call("join", {"code": self.code, "name": name, "organisation": organisation},
                              timeout=10)["ok"]
            self.people.append(phone)
        self.contexts = []

    def page(self, width, height, phone=False, **emulate):
        context = axe_context(self.browser, width, height, self.language, phone=phone, **emulate)
        self.contexts.append(context)
        return context.new_page()

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture(params=("nl", "en"))
def language(request):
    return request.param


def test_every_page_and_state_passes_axe(server, api, browser, sio_client, screenshots, language):
    room = Room(server, api, browser, sio_client, language)
    found = {}

    def check(state, page, screenshot=False):
        found[state] = violations(page)
        if screenshot:
            page.screenshot(path=screenshots / f"a11y-{language}-{state.replace(':', '-')}.png", full_page=True)

    try:
        home = room.page(1280, 800)
        home.goto(f"{server.base_url}/?lang={language}")
        expect(home.locator(".library-card").first).to_be_visible()
        check("home", home)

        phones = {}
        for width in PHONE_WIDTHS:
            phone = room.page(width, 844, phone=True)
            phone.goto(f"{server.base_url}/j/{room.code}?lang={language}")
            expect(phone.locator("#join")).to_be_visible()
            check(f"join-{width}", phone)
            phone.fill("#name", f"Telefoon {width}")
            phone.fill("#organisation", "Gemeente Venlo")
            phone.locator("#join-form button[type=submit]").tap()
            expect(phone.locator("#waiting")).to_be_visible()
            check(f"waiting-{width}", phone)
            phones[width] = phone

        console = room.page(1280, 800)
        console.goto(f"{server.base_url}/f/{room.code}#key={room.key}")
        expect(console.locator("#activity-list .activity-item")).to_have_count(len(ACTIVITIES))
        check("console", console)
        beamer = room.page(1920, 1080)
        beamer.goto(f"{server.base_url}/f/{room.code}/beamer#key={room.key}")
        expect(beamer.locator("#join-screen")).to_be_visible()
        check("beamer-join", beamer)
        control(room.screen, "blank_beamer")
        expect(beamer.locator("#pause-screen")).to_be_visible()
        check("beamer-blank", beamer)
        control(room.screen, "set_qr", qr="hidden")
        control(room.screen, "unblank_beamer")
        expect(beamer.locator("#waiting-screen")).to_be_visible()
        check("beamer-waiting-qr-hidden", beamer)
        control(room.screen, "set_qr", qr="auto")

        for activity in room.activities:
            layout, shown = activity["layout"], f".activity[data-activity-id='{activity['id']}']"
            control(room.screen, "open", activity_id=activity["id"])
            for n, person in enumerate(room.people):
                answer_everything(person, activity, n)
            control(room.screen, "show_results", activity_id=activity["id"])
            for width, phone in phones.items():
                expect(phone.locator(shown)).to_be_visible()
                check(f"phone-{width}:{layout}", phone, screenshot=width == 390)
            result = f".result[data-activity-id='{activity['id']}']"
            expect(console.locator(result)).to_be_visible()
            expect(console.locator(f"{result} [data-respondents]")).to_have_text("4", timeout=SNAPSHOT_WAIT)
            check(f"console:{layout}", console, screenshot=True)
            for view in activity["views"]:
                control(room.screen, "set_view", activity_id=activity["id"], view=view["id"])
                expect(beamer.locator(result)).to_be_visible()
                expect(beamer.locator(f"{result} [data-view='{view['id']}']").first).to_be_attached()
                check(f"beamer:{layout}:{view['id']}", beamer, screenshot=True)

        token = api.request("POST", f"/api/sessions/{room.code}/download-token", key=room.key)[1]["token"]
        report_page = room.page(1280, 800)
        report_page.goto(f"{server.base_url}/api/sessions/{room.code}/report.html?t={token}", timeout=60_000)
        expect(report_page.locator("h1")).to_contain_text("Werkatelier toegankelijk")
        check("report", report_page)
    finally:
        room.close()

    failing = {f"{language}/{state}": rules for state, rules in found.items() if rules}
    assert not failing, report(failing)


def larger_text(page, percent=200):
    """The browser's text size setting (as a person sets it), not a zoom: only text grows, the viewport stays.
    A full-page screenshot resets it."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 16 * percent // 100, "fixed": 13 * percent // 100}})


WIDER_THAN_THE_SCREEN = """width => [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width && box.right + scrollX > width + 0.5
        && ![...el.children].some(child => child.getBoundingClientRect().right + scrollX > width + 0.5);
}).slice(0, 5).map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)"""


def assert_reflows(page, width, where):
    """Nothing sticks out on the right: no sideways scrolling (the elements that stick out, if any)."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        pytest.fail(f"{where}: scrollWidth {scroll_width} > {width}: {page.evaluate(WIDER_THAN_THE_SCREEN, width)}")


OVERFLOWING_BUTTONS = """() => [...document.querySelectorAll('.activity:not([hidden]) button')].filter(
    button => button.scrollWidth > button.clientWidth + 1).map(button => button.textContent.trim())"""
BROKEN_WORDS = """() => [...document.querySelectorAll('.activity:not([hidden]) .choice')].flatMap(button => {
    // The line of each letter (the last box of a one-letter range: a break's hyphen may come first); a word, or the
    // part of one between soft hyphens (a proper place to break), must keep its letters on one line.
    const line = (node, at) => {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return Math.round([...range.getClientRects()].at(-1)?.top ?? -1);
    };
    const words = [];
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.data.matchAll(/[^\\s\\u00ad]+/g)) {
            const lines = new Set([...match[0]].map((_, n) => line(node, match.index + n)));
            if (lines.size > 1) words.push(match[0]);
        }
    }
    return words;
})"""


def test_phone_pages_reflow_at_320_px_and_200_percent_text(server, api, browser, sio_client, screenshots):
    """WCAG 1.4.10 and 1.4.4: no sideways scrolling, and no answer's word broken but at a soft hyphen (Dutch
    hyphenation, workshop/hyphenation.py), on every layout; the console at 320 px too."""
    room = Room(server, api, browser, sio_client, "nl")
    try:
        phones = {}
        for width, percent in ((320, 100), (390, 200), (360, 200)):
            phone = room.page(width, 740, phone=True)
            if percent != 100:
                larger_text(phone, percent)
            phone.goto(f"{server.base_url}/j/{room.code}")
            expect(phone.locator("#join")).to_be_visible()
            assert_reflows(phone, width, f"join at {width} px, {percent} % text")
            phone.fill("#name", "Anouk")
            phone.fill("#organisation", "Gemeenschappelijke Gezondheidsdienst Noord- en Midden-Limburg")
            phone.locator("#join-form button[type=submit]").tap()
            expect(phone.locator("#waiting")).to_be_visible()
            assert_reflows(phone, width, f"waiting at {width} px, {percent} % text")
            phones[(width, percent)] = phone
        for activity in room.activities:
            control(room.screen, "open", activity_id=activity["id"])
            for (width, percent), phone in phones.items():
                expect(phone.locator(f".activity[data-activity-id='{activity['id']}']")).to_be_visible()
                where = f"{activity['layout']} at {width} px, {percent} % text"
                root = phone.evaluate("getComputedStyle(document.documentElement).fontSize")
                assert root == f"{16 * percent // 100}px", where
                assert_reflows(phone, width, where)
                assert phone.evaluate(BROKEN_WORDS) == [], f"{where}: a word breaks other than at a soft hyphen"
                assert phone.evaluate(OVERFLOWING_BUTTONS) == [], f"{where}: a button's text sticks out of it"
                if activity["layout"] in ("stoplicht", "eigen") and percent == 200 and width == 390:
                    # Not full_page: Chromium's full-page capture drops the text size setting.
                    phone.locator(".activity:not([hidden]) .choice").first.scroll_into_view_if_needed()
                    phone.screenshot(path=screenshots / f"a11y-phone-200pct-{activity['layout']}.png")
        console = room.page(320, 740)
        console.goto(f"{server.base_url}/f/{room.code}#key={room.key}")
        expect(console.locator("#activity-list .activity-item")).to_have_count(len(ACTIVITIES))
        assert_reflows(console, 320, "the console at 320 px")
    finally:
        room.close()


def test_the_accessibility_statement_is_linked_from_home_in_both_languages_and_passes_axe(server, browser):
    context = axe_context(browser, 390, 844, "nl", phone=True)
    try:
        page = context.new_page()
        page.goto(server.base_url + "/")
        page.locator(".site-footer a").click()
        expect(page).to_have_url(server.base_url + "/toegankelijkheid")
        expect(page.locator("h1")).to_have_text("Toegankelijkheid van Werkatelier")
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        expect(page.locator("h2")).to_have_text(["Wat werkt", "Wat (nog) niet werkt", "Hoe we dit testen",
                                                 "Loop je ergens tegenaan?"])
        expect(page.locator("main")).to_contain_text("Tekst tot 200% en schermen van 320 pixels breed")
        assert violations(page) == {}, report({"nl/statement": violations(page)})
        assert_reflows(page, 390, "the statement")

        page.get_by_role("link", name="English").click()
        expect(page.locator("h1")).to_have_text("Accessibility of Werkatelier")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator("h2")).to_have_text(["What works", "What does not work (yet)", "How we test this",
                                                 "Something in your way?"])
        expect(page.locator("main")).to_contain_text("You change the order of the agenda by dragging")
        assert violations(page) == {}, report({"en/statement": violations(page)})
        page.goto(server.base_url + "/")  # the choice is kept: the home page's link is English now
        expect(page.locator(".site-footer a")).to_have_text("Accessibility")
    finally:
        context.close()


def rgb(colour: str) -> tuple[float, ...]:
    """'rgb(r, g, b)' or 'rgba(r, g, b, a)' -> (r, g, b, a)."""
    parts = [float(part) for part in colour[colour.index("(") + 1:-1].split(",")]
    return (*parts[:3], parts[3] if len(parts) == 4 else 1.0)


def contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two opaque colours."""
    def luminance(colour):
        channels = [c / 255 for c in rgb(colour)[:3]]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


FOCUS_RING = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    let behind = el.parentElement;  // the ring is drawn outside the element, on what it sits on
    while (behind && getComputedStyle(behind).backgroundColor.match(/rgba\\(.*, 0\\)$|transparent/)) {
        behind = behind.parentElement;
    }
    return {width: parseFloat(style.outlineWidth), style: style.outlineStyle, colour: style.outlineColor,
            behind: getComputedStyle(behind || document.body).backgroundColor};
}"""


def test_the_focus_ring_is_3_to_1_against_what_it_sits_on_and_at_least_2_px(server, api, browser, sio_client):
    room = Room(server, api, browser, sio_client, "nl")
    try:
        home = room.page(1280, 800)
        home.goto(server.base_url + "/")
        phone = room.page(390, 844, phone=True)
        phone.goto(f"{server.base_url}/j/{room.code}")
        rings = []
        for page, selector in ((home, "#code"), (home, ".join-form button"), (phone, "#name"),
                               (phone, "#join-form button[type=submit]")):
            page.locator(selector).focus()
            page.keyboard.press("Shift+Tab")  # from the keyboard: :focus-visible
            page.keyboard.press("Tab")
            rings.append((selector, page.evaluate(FOCUS_RING)))
        for selector, ring in rings:
            assert ring["style"] == "solid" and ring["width"] >= 2, (selector, ring)
            assert contrast(ring["colour"], ring["behind"]) >= 3, (selector, ring)
    finally:
        room.close()


MOTION = """() => [...document.querySelectorAll('*')].flatMap(el => {
    const style = getComputedStyle(el);
    const seconds = text => text.split(',').map(part => parseFloat(part) * (part.trim().endsWith('ms') ? 0.001 : 1));
    const longest = Math.max(...seconds(style.transitionDuration), ...seconds(style.animationDuration));
    return longest > 0.001 ? [`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ${longest}s`] : [];
})"""


def test_reduced_motion_stops_every_transition_and_forced_colours_keep_icons_and_bars(server, api, browser,
                                                                                     sio_client, screenshots):
    room = Room(server, api, browser, sio_client, "nl")
    try:
        phone = room.page(390, 844, phone=True, forced_colors="active")
        phone.goto(f"{server.base_url}/j/{room.code}")
        phone.fill("#name", "Anouk")
        phone.fill("#organisation", "Gemeente Venlo")
        phone.locator("#join-form button[type=submit]").tap()
        stoplicht, own = room.activities[0], room.activities[-1]
        beamers = {motion: room.page(1920, 1080, reduced_motion=motion, forced_colors=colours)
                   for motion, colours in (("reduce", "none"), ("no-preference", "active"))}
        for beamer in beamers.values():
            beamer.goto(f"{server.base_url}/f/{room.code}/beamer#key={room.key}")
            expect(beamer.locator("#join-screen")).to_be_visible()
        for activity in (own, stoplicht):
            control(room.screen, "open", activity_id=activity["id"])
            for n, person in enumerate(room.people):
                answer_everything(person, activity, n)
            control(room.screen, "show_results", activity_id=activity["id"])
            respondents = f".result[data-activity-id='{activity['id']}'] [data-respondents]"
            for beamer in beamers.values():
                expect(beamer.locator(respondents)).to_have_text("4", timeout=SNAPSHOT_WAIT)
            assert beamers["reduce"].evaluate(MOTION) == [], activity["layout"]
            assert beamers["no-preference"].evaluate(MOTION), "without the wish the bars do move"
            beamers["no-preference"].screenshot(
                path=screenshots / f"a11y-beamer-forced-colours-{activity['layout']}.png")

        # Forced colours: a mask icon takes the theme's text colour, not the background it would vanish into.
        factor = phone.locator(".activity:not([hidden]) .factor").first
        factor.locator("label[data-value=oranje]").tap()
        expect(factor.locator("label[data-value=oranje] input")).to_be_checked()
        colours = factor.evaluate("""factor => [...factor.querySelectorAll('.choice')].map(button => ({
            pressed: String(button.querySelector('input').checked), button: getComputedStyle(button).backgroundColor,
            icon: getComputedStyle(button.querySelector('.icon')).backgroundColor}))""")
        for colour in colours:
            assert contrast(colour["icon"], colour["button"]) >= 3, colour
        pressed = [c["button"] for c in colours if c["pressed"] == "true"]
        assert pressed and all(c["button"] != pressed[0] for c in colours if c["pressed"] == "false"), colours
        phone.screenshot(path=screenshots / "a11y-phone-forced-colours.png")
        bars = beamers["no-preference"].locator(".result:not([hidden]) .sf-bar .seg").first
        assert float(bars.evaluate("seg => getComputedStyle(seg).borderTopWidth").removesuffix("px")) > 0
    finally:
        room.close()
