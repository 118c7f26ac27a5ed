"""The beamer as the facilitator steers it (issue 13 §2), in a real browser: full screen from the F key and the
button; blanked from the console (B key, button) and back, also after a reload; the QR code big, small or
hidden (Q key, buttons); words broken only between words or at a soft hyphen, with long organisation names, at
1920×1080 and 1280×720. Screenshots in test-output/issue13/."""

import pytest
from playwright.sync_api import expect

from .pages import assert_fits_the_screen, open_beamer, open_console, play
from .support import ROOT

SHOTS = ROOT / "test-output" / "issue13"
SHOWN = ".result:not([hidden])"
ROOM = [("Anne", "Woningcorporatie Wonen Limburg"), ("Bram", "Gemeente Roermond"), ("Cees", "Jeugdzorgaanbieder"),
        ("Dewi", "Gezondheidsdienst Noord-Limburg"), ("Eva", "Maatschappelijk werk Midden-Limburg"),
        ("Fleur", "Welzijnsorganisatie Venlo"), ("Gijs", "Politie Limburg")]

# Words (the parts of a word between soft or hard hyphens: proper places to break) whose letters are not on one line,
# in the visible text under `root`. A letter's line is where the last box of its one-letter range starts (a break's
# hyphen may come first).
BROKEN_WORDS = """(root) => {
    const line = (node, at) => {  // lines run down the page, or (vertical writing, e.g. an axis) across it
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const box = [...range.getClientRects()].at(-1);
        const vertical = getComputedStyle(node.parentElement).writingMode.startsWith("vertical");
        return Math.round((vertical ? box?.left : box?.top) ?? -1);
    };
    const words = [];
    const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('.visually-hidden, [hidden]')) continue;
        for (const match of node.data.matchAll(/[^\\s\\u00ad-]+/g)) {
            const lines = new Set([...match[0]].map((_, n) => line(node, match.index + n)));
            if (lines.size > 1) words.push(match[0]);
        }
    }
    return words;
}"""


@pytest.fixture(scope="module", autouse=True)
def screenshot_dir():
    SHOTS.mkdir(parents=True, exist_ok=True)


def room(api, sio_client, activities=("succesfactoren",)):
    """A session with the room of ROOM joined; every activity opened in turn and answered by everyone.
    Returns (session, overview, the facilitator's Socket.IO client)."""
    session = api.create_session("Wijkaanpak Noord-Limburg", activities)
    overview = api.get(f"/api/sessions/{session['code']}", session["facilitator_key"])
    screen = play(sio_client, session, overview, ROOM, lambda n, _item: f"Samenwerkingsafspraken {ROOM[n][1]}")
    return session, overview, screen


def is_full_screen(page) -> bool:
    return page.evaluate("Boolean(document.fullscreenElement)")


def test_full_screen_from_the_f_key_and_from_the_button(server, contexts, api):
    session = api.create_session("Volledig scherm")
    beamer = open_beamer(contexts, server, session)
    button = beamer.get_by_role("button", name="Volledig scherm (F)")
    expect(button).to_be_visible()
    beamer.keyboard.press("f")
    beamer.wait_for_function("Boolean(document.fullscreenElement)")
    expect(button).to_be_hidden()  # never over the results
    beamer.keyboard.press("F")
    beamer.wait_for_function("!document.fullscreenElement")
    expect(button).to_be_visible()
    button.click()
    beamer.wait_for_function("Boolean(document.fullscreenElement)")
    assert is_full_screen(beamer)
    beamer.keyboard.press("Control+f")  # the browser's own find, not ours
    assert is_full_screen(beamer)


def test_the_console_blanks_the_beamer_and_brings_it_back_also_after_a_reload(server, contexts, api, sio_client):
    session, _, _ = room(api, sio_client)
    console = open_console(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    expect(beamer.locator(f"{SHOWN} .sf-rows")).to_be_visible()
    pause = beamer.locator("#pause-screen")
    console.keyboard.press("b")
    expect(pause).to_be_visible()
    expect(pause).to_have_text("Wijkaanpak Noord-Limburg")
    expect(beamer.locator(".beamer-bar")).to_be_hidden()
    expect(beamer.locator(SHOWN)).to_be_hidden()
    expect(console.locator("#beamer-state")).to_have_text("De beamer toont het pauzescherm.")
    blank = console.get_by_role("button", name="Beamer terug")
    expect(blank).to_be_visible()
    beamer.screenshot(path=SHOTS / "beamer-blank-1920.png")
    beamer.reload()
    expect(pause).to_be_visible()
    expect(beamer.locator(".beamer-bar")).to_be_hidden()
    blank.click()
    expect(pause).to_be_hidden()
    expect(beamer.locator(f"{SHOWN} .sf-rows")).to_be_visible()
    expect(console.get_by_role("button", name="Beamer op pauze")).to_be_focused()  # focus stays where it was
    expect(console.locator("#beamer-state")).to_be_hidden()
    console.keyboard.press("b")
    expect(pause).to_be_visible()
    for width, height in ((1280, 800), (1440, 900)):
        console.set_viewport_size({"width": width, "height": height})
        console.screenshot(path=SHOTS / f"console-beamer-panel-blank-{width}.png")


def test_the_qr_code_big_then_small_then_hidden(server, contexts, api, sio_client):
    session = api.create_session("Wijkaanpak Noord-Limburg")
    console = open_console(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    big, mini = beamer.locator(".qr-big"), beamer.locator("#join-mini img")
    expect(big).to_be_visible()
    expect(beamer.locator(".join-code")).to_have_text(session["code"])
    expect(beamer.locator("#join-mini")).to_be_hidden()
    assert big.bounding_box()["height"] > 600  # reads from the back of the room
    beamer.screenshot(path=SHOTS / "beamer-join-1920.png")

    console.locator("#activity-list [data-action=toggle-open]").first.click()  # open on the phones, results shown
    expect(beamer.locator(SHOWN)).to_be_visible()
    expect(mini).to_be_visible()  # automatic: small beside the results
    console.locator("body").press("q")
    expect(console.get_by_role("button", name="Klein")).to_have_attribute("aria-pressed", "true")
    expect(mini).to_be_visible()
    console.get_by_role("button", name="Verborgen").click()
    expect(mini).to_be_hidden()
    expect(beamer.locator("#join-mini")).to_contain_text(session["code"])  # a late phone can still join
    expect(console.locator(".join-info .code")).to_have_text(session["code"])
    beamer.screenshot(path=SHOTS / "beamer-results-qr-hidden-1920.png")

    console.locator("#activity-list [data-action=toggle-results]").first.click()  # results off: no join screen
    expect(beamer.locator(SHOWN)).to_be_hidden()
    expect(big).to_be_hidden()
    expect(beamer.locator("#waiting-screen")).to_be_visible()
    expect(beamer.locator("#waiting-title")).to_have_text(session_title_of_first(api, session))
    console.keyboard.press("q")  # round again: automatic, the join screen is back
    expect(big).to_be_visible()
    expect(beamer.locator("#waiting-screen")).to_be_hidden()
    console.keyboard.press("q")
    expect(beamer.locator("#waiting-screen")).to_be_visible()
    expect(beamer.locator("#waiting-note")).to_have_text("Vul in op je telefoon.")
    expect(mini).to_be_visible()
    beamer.screenshot(path=SHOTS / "beamer-waiting-qr-small-1920.png")


def session_title_of_first(api, session) -> str:
    overview = api.get(f"/api/sessions/{session['code']}", session["facilitator_key"])
    return overview["activities"][0]["title"]


@pytest.mark.parametrize("width, height", [(1920, 1080), (1280, 720)])
def test_words_break_between_words_or_at_soft_hyphens(server, contexts, api, sio_client, width, height):
    """The heat map with long organisation names, the stoplicht labels, the quick scan per organisation and the
    netwerkleiderschap quadrant: no word broken inside, everything on the screen."""
    session, overview, screen = room(api, sio_client, ("succesfactoren", "quickscan", "netwerkleiderschap"))
    beamer = contexts(width, height).new_page()
    beamer.goto(f"{server.base_url}/f/{session['code']}/beamer#key={session['facilitator_key']}")
    views = {"succesfactoren": ["bars", "heatmap"], "quickscan": ["verdeling", "organisaties"],
             "netwerkleiderschap": [v["id"] for v in overview["activities"][2]["views"]]}
    for activity in overview["activities"]:
        assert screen.call("control", {"action": "activate", "activity_id": activity["id"]}, timeout=5)["ok"]
        for view in views[activity["type"]]:
            assert screen.call("control", {"action": "set_view", "activity_id": activity["id"], "view": view},
                               timeout=5)["ok"]
            section = f".result[data-activity-id='{activity['id']}']"
            expect(beamer.locator(section)).to_be_visible()
            expect(beamer.locator(f"{section} [data-respondents]").first).to_have_text(str(len(ROOM)))
            if activity["type"] == "succesfactoren" and view == "heatmap":
                expect(beamer.locator(f"{section} .sf-heatmap thead th")).to_have_count(len(ROOM) + 1)
                beamer.screenshot(path=SHOTS / f"beamer-heatmap-{width}.png")
            where = f"{activity['type']} / {view} at {width}×{height}"
            assert beamer.evaluate(BROKEN_WORDS, section) == [], f"{where}: a word breaks inside"
            assert beamer.evaluate(BROKEN_WORDS, ".beamer-bar") == [], f"{where}: the top bar breaks a word"
            beamer.screenshot(path=SHOTS / f"beamer-{activity['type']}-{view}-{width}.png")
            assert_fits_the_screen(beamer)
