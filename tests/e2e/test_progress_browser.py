"""Progress in the browser: the console's panel counts who is done, per item and per organisation, and who is
connected; a phone that tabs through a long activity never has its focus under the sticky progress bar, and a
new activity is announced once (its heading focused, nothing in the live region).

Screenshots land in test-output/issue13/progress-*.png for a person to look at.
"""

import pytest
from playwright.sync_api import expect

from .pages import join_phone, open_console
from .support import ROOT, wait_for

SHOTS = ROOT / "test-output" / "issue13"
FACTORS = 12  # the succesfactoren


@pytest.fixture(scope="module")
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def phone(sio_client, code, **fields):
    """A phone (a Socket.IO client) that joined: the client and its join ack."""
    client = sio_client()
    ack = client.call("join", {"code": code, **fields}, timeout=10)
    assert ack["ok"], ack
    return client, ack


def test_the_console_shows_who_is_done_per_item_and_organisation_and_who_is_connected(
        server, contexts, api, sio_client, shots):
    session = api.create_session("Voortgang in de zaal", activities=("succesfactoren", "quickscan"))
    console = open_console(contexts, server, session, activities=2)
    console.locator('[data-activity-id="1"] [data-action="toggle-open"]').click()
    panel = console.locator("#progress-panel")
    expect(panel.locator(".progress-complete strong")).to_have_text("0 van 0 klaar")

    items = [item["id"] for item in api.get(f"/api/sessions/{session['code']}", session["facilitator_key"])
             ["activities"][0]["items"]]
    anna, _ = phone(sio_client, session["code"], name="Anna", organisation="Gemeente Venlo")
    bram, _ = phone(sio_client, session["code"], name="Bram", organisation="gemeente venlo")
    cas, _ = phone(sio_client, session["code"], name="Cas", organisation="GGD Limburg")
    dewi, joined = phone(sio_client, session["code"], name="Dewi")
    for client, answered in ((anna, items), (bram, items[:3]), (cas, items)):
        for item in answered:
            assert client.call("answer", {"activity_id": 1, "item": item, "value": "groen"}, timeout=10)["ok"]
    dewi.disconnect()

    expect(panel.locator(".progress-complete")).to_have_text("2 van 4 klaar (3 begonnen)")
    expect(panel.locator(".progress-presence")).to_have_text("3 verbonden · 4 ooit aangemeld")
    counts = panel.locator(".progress-items .progress-count")
    expect(counts).to_have_count(FACTORS)
    expect(counts).to_have_text(["3"] * 3 + ["2"] * (FACTORS - 3))
    expect(panel.locator(".progress-items li").first).to_contain_text("visie en doelen")
    expect(panel.locator(".progress-organisations li")).to_have_text(
        ["Gemeente Venlo1 van 2", "GGD Limburg1 van 1", "Zonder organisatie0 van 1"])
    for name in ("Anna", "Bram", "Cas", "Dewi"):  # organisations, never people
        expect(panel).not_to_contain_text(name)
    expect(console.locator(".join-info [data-participants]")).to_have_text("4")
    console.screenshot(path=shots / "progress-console-1280x800.png", clip={"x": 0, "y": 0, "width": 1280,
                                                                        "height": 800})
    panel.screenshot(path=shots / "progress-panel.png")
    console.set_viewport_size({"width": 1440, "height": 900})
    console.screenshot(path=shots / "progress-console-1440x900.png")

    # The next activity on the phones: its own progress; Dewi back on the same phone counts again.
    console.locator("#next").click()
    expect(panel.locator(".progress-complete")).to_have_text("0 van 4 klaar (0 begonnen)")
    expect(panel.locator(".progress-items .progress-count")).to_have_count(5)
    phone(sio_client, session["code"], token=joined["token"])
    expect(panel.locator(".progress-presence")).to_have_text("4 verbonden · 4 ooit aangemeld")


def visible_box_of_focus(page):
    """The box the person sees focused (a radio button is drawn by its label), and the bottom of the sticky bars
    on top of the page there."""
    return page.evaluate("""() => {
        const focused = document.activeElement;
        const shown = focused.closest('.choice, .scale-step') || focused;
        const box = shown.getBoundingClientRect();
        let covered = 0;
        for (const bar of document.querySelectorAll('.progress, .points-left, .connection, #phone-timer')) {
            if (bar.hidden || getComputedStyle(bar).position !== 'sticky') continue;
            const b = bar.getBoundingClientRect();
            if (b.height && b.top <= 1 + parseFloat(getComputedStyle(bar).top) && b.bottom > 0
                && b.left < box.right && b.right > box.left) covered = Math.max(covered, b.bottom);
        }
        return {top: box.top, bottom: box.bottom, covered, height: innerHeight,
                what: focused.tagName + ' ' + (focused.value || focused.id || focused.textContent.trim().slice(0, 30))};
    }""")


@pytest.mark.parametrize("width", [390, 360])
def test_tabbing_through_the_succesfactoren_never_hides_the_focus_under_the_sticky_bar(
        server, contexts, api, sio_client, width, shots):
    session = api.create_session("Focus in beeld")
    screen = sio_client()
    assert screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=10)["ok"]
    assert screen.call("control", {"action": "open", "activity_id": 1}, timeout=10)["ok"]
    page = join_phone(contexts, server, session["code"], "Kees", "Gemeente Venlo", width=width)
    wait_for(lambda: page.evaluate("document.activeElement.id") == "activity-1", message="the heading focused")
    # The focused heading says the title; no live region and no region named by the heading says it again.
    expect(page.locator("#announce")).to_have_text("")
    expect(page.locator(".phone-main").get_by_role("region")).to_have_count(0)
    expect(page.get_by_role("heading", name="Kritische succesfactoren")).to_be_focused()

    def check(step):
        seen = visible_box_of_focus(page)
        assert seen["top"] >= seen["covered"] - 0.5, f"{step}: {seen['what']} is under a sticky bar: {seen}"
        assert seen["bottom"] <= seen["height"] + 0.5, f"{step}: {seen['what']} is below the screen: {seen}"
        return seen

    # The hard case: the next answer lies on the screen, but right under the bar (the person scrolled by touch).
    # A browser scrolls to the focus only when it is not in view; the bar must not count as in view.
    for step in range(FACTORS):  # Tab to a factor's first answer, Space answers it: Tab goes on to the next
        put_under_the_bar(page, step)
        page.keyboard.press("Tab")
        assert check(f"Tab {step + 1}")["what"] == "INPUT groen"
        page.keyboard.press("Space")
    expect(page.locator(".activity:not([hidden]) [data-progress]")).to_have_text(str(FACTORS))
    page.screenshot(path=shots / f"progress-phone-{width}-end.png")
    for step in range(FACTORS - 2, -1, -1):  # and back up
        put_under_the_bar(page, step)
        page.keyboard.press("Shift+Tab")
        assert check(f"Shift+Tab to {step + 1}")["what"] == "INPUT groen"
        if step == FACTORS // 2:
            page.screenshot(path=shots / f"progress-phone-{width}-back.png")


def put_under_the_bar(page, factor):
    """Scroll so that the first answer of factor number `factor` (from 0) sits 10 px from the top: under the bar."""
    page.evaluate("""(n) => {
        const answer = document.querySelectorAll('.activity:not([hidden]) .factor')[n].querySelector('.choice');
        window.scrollBy(0, answer.getBoundingClientRect().top - 10);
    }""", factor)


SPREAD = {"title": "Prioriteren", "items": [
    {"id": "geld", "label": "Verdeel 10 punten over de thema’s", "kind": "points", "points": 10,
     "options": ["Wonen", "Zorg", "Werk", "Onderwijs", "Veiligheid", "Mobiliteit", "Energie", "Cultuur"]},
    *({"id": f"check-{n}", "label": f"Vraag {n}", "kind": "stoplicht"} for n in range(1, 5))]}  # room to scroll


def test_a_points_item_keeps_the_focus_clear_of_its_sticky_points_left_too(server, contexts, api, sio_client):
    session = api.create_session("Punten in beeld", activities=(SPREAD,))
    screen = sio_client()
    assert screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=10)["ok"]
    assert screen.call("control", {"action": "open", "activity_id": 1}, timeout=10)["ok"]
    page = join_phone(contexts, server, session["code"], "Kees", "Gemeente Venlo")
    wait_for(lambda: page.evaluate("document.activeElement.id") == "activity-1", message="the heading focused")
    page.keyboard.press("Tab")  # + of the first option (every − is off: nothing given yet)
    for option in range(1, len(SPREAD["items"][0]["options"])):
        # The next + just below the sticky count, but under the sticky points left (which reaches further down).
        page.evaluate("""(n) => {
            const plus = document.querySelectorAll('.points-option [data-step="1"]')[n];
            const bars = document.querySelector('.points-left').getBoundingClientRect();
            window.scrollBy(0, plus.getBoundingClientRect().top - (bars.top + bars.height / 2));
        }""", option)
        page.keyboard.press("Tab")
        seen = visible_box_of_focus(page)
        assert seen["what"].startswith("BUTTON"), seen
        assert seen["top"] >= seen["covered"] - 0.5, f"option {option + 1}: the + is under a sticky bar: {seen}"
