"""The beamer and the report of an English session in a real browser: every layout in each of its views with
answers from a room of three organisations and one participant without, in English (numbers, counts, the group
without an organisation last and named in English); back in Dutch when the facilitator switches the session's
language; forced colours. Screenshots in test-output/screenshots/ (beamer-en-*.png, report-en.png)."""

import re

from playwright.sync_api import expect

from . import pages
from .pages import assert_fits_the_screen, open_beamer

ACTIVITIES = ["succesfactoren", "quickscan", "motieven", "halen_brengen", "netwerkleiderschap",
              "maatschappelijke_opgaven", "rollen_gemeente"]  # the last two in the layout of an own activity
ROOM = [("Anne", "Gemeente Venlo"), ("Bram", "Gemeente Venlo"), ("Cees", "GGD Limburg-Noord"),
        ("Dewi", "Zorggroep Noord"), ("Eva", "")]  # Eva gives no organisation
SHOWN = ".result:not([hidden])"
DUTCH = re.compile(r"\b(respondenten|deelnemers|Zonder organisatie|gemiddeld|mediaan|Iedereen|kaarten|nog geen)\b")


def play(sio_client, session, overview):
    """The room answers every item of every activity (cards for text items); the facilitator's screen."""
    return pages.play(sio_client, session, overview, ROOM, lambda n, item: f"{ROOM[n][0]}: idea {n + 1} on {item}")


def test_an_english_session_on_the_beamer_in_every_view_then_dutch(server, contexts, api, sio_client, screenshots):
    status, session = api.request("POST", "/api/sessions", {"title": "Neighbourhood approach North",
                                                            "activities": ACTIVITIES, "language": "en"})
    assert status == 201, session
    key = session["facilitator_key"]
    overview = api.get(f"/api/sessions/{session['code']}", key)
    screen = play(sio_client, session, overview)
    beamer = open_beamer(contexts, server, session)
    expect(beamer.locator("html")).to_have_attribute("lang", "en")
    expect(beamer.locator(".join-lead")).to_have_text("Join with your phone")
    expect(beamer.locator(".join-count [data-participants]")).to_have_text("5")  # its word: common.js

    for number, activity in enumerate(overview["activities"], start=1):
        assert screen.call("control", {"action": "activate", "activity_id": activity["id"]}, timeout=5)["ok"]
        assert screen.call("control", {"action": "show_results", "activity_id": activity["id"]}, timeout=5)["ok"]
        for view in activity["views"]:
            ack = screen.call("control", {"action": "set_view", "activity_id": activity["id"], "view": view["id"]},
                              timeout=5)
            assert ack["ok"], ack
            shown = beamer.locator(f"{SHOWN}[data-activity-id='{activity['id']}']")
            titles = {a["id"]: a["title"] for a in ack["session"]["activities"]}
            assert titles[1] == "Critical success factors", titles  # the screens' snapshot in English
            expect(beamer.locator("#activity-title")).to_have_text(titles[activity["id"]])
            expect(shown.locator(f"[data-view='{view['id']}']")).to_be_visible()
            respondents = 5 - (not ROOM[-1][1] and activity["per_organisation"])
            expect(shown.locator(".legend .respondents").first).to_contain_text(f"{respondents} respondents")
            beamer.wait_for_timeout(300)  # the renderer's fitting settles
            words = shown.inner_text()
            assert not DUTCH.search(words), (activity["type"], view["id"], DUTCH.findall(words))
            assert not re.search(r"\d,\d", words), (activity["type"], view["id"], "a Dutch decimal comma")
            if "organis" in view["id"] or view["id"] == "heatmap":  # a per-organisation view
                assert "No organisation" in words or activity["per_organisation"], (activity["type"], view["id"])
            assert_fits_the_screen(beamer)
            beamer.screenshot(path=screenshots / f"beamer-en-{number}-{activity['layout']}-{view['id']}.png")

    # The succesfactoren's heat map: a real table, its cells read as words, the group without one last.
    assert screen.call("control", {"action": "activate", "activity_id": 1}, timeout=5)["ok"]
    assert screen.call("control", {"action": "set_view", "activity_id": 1, "view": "heatmap"}, timeout=5)["ok"]
    heatmap = beamer.locator(f"{SHOWN} .sf-heatmap table")
    expect(heatmap.locator("thead th").last).to_contain_text("No organisation")
    expect(heatmap.locator("thead th[scope=col]")).to_have_count(5)  # the factor column and four groups
    cell = heatmap.locator("tbody tr").first.locator("td").last
    expect(cell.locator(".visually-hidden")).to_have_text(re.compile(r"^\d+ yes, \d+ doubtful, \d+ no$"))
    assert not beamer.locator(f"{SHOWN} [aria-label]:not([role])").count(), "aria-label on an element without a role"
    # In forced colours the bars keep their segments and the icons stay visible.
    assert screen.call("control", {"action": "set_view", "activity_id": 1, "view": "bars"}, timeout=5)["ok"]
    expect(beamer.locator(f"{SHOWN} .sf")).to_have_attribute("data-view", "bars")
    bar = beamer.locator(f"{SHOWN} .sf-row").first.locator(".sf-bar")
    expect(bar).to_have_attribute("aria-label", re.compile(r"^\d+ yes, \d+ doubtful, \d+ no$"))
    beamer.emulate_media(forced_colors="active")
    beamer.screenshot(path=screenshots / "beamer-en-forced-colours-bars.png")
    assert screen.call("control", {"action": "set_view", "activity_id": 1, "view": "heatmap"}, timeout=5)["ok"]
    expect(heatmap).to_be_visible()
    beamer.screenshot(path=screenshots / "beamer-en-forced-colours-heatmap.png")
    beamer.emulate_media(forced_colors="none")

    # The facilitator switches the session to Dutch: the beamer reloads itself and speaks Dutch.
    status, _ = api.request("PATCH", f"/api/sessions/{session['code']}", {"language": "nl"}, key=key)
    assert status in (200, 204)
    expect(beamer.locator("html")).to_have_attribute("lang", "nl", timeout=10000)
    shown = beamer.locator(SHOWN)
    expect(shown.locator(".sf-heatmap thead th").last).to_contain_text("Zonder organisatie")
    expect(shown.locator(".legend .respondents")).to_have_text("5 respondenten")
    beamer.screenshot(path=screenshots / "beamer-nl-after-switch-heatmap.png")


def test_the_report_of_an_english_session_in_the_browser(server, contexts, api, sio_client, screenshots):
    status, session = api.request("POST", "/api/sessions", {"title": "Neighbourhood approach North",
                                                            "activities": ACTIVITIES[:2], "language": "en"})
    assert status == 201, session
    play(sio_client, session, api.get(f"/api/sessions/{session['code']}", session["facilitator_key"]))
    page = contexts(1280, 900).new_page()
    page.set_extra_http_headers({"Authorization": f"Bearer {session['facilitator_key']}"})
    page.goto(f"{server.base_url}/api/sessions/{session['code']}/report.html", timeout=90000)  # rendered in a child
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".toc-title")).to_have_text("Contents")
    words = page.locator("body").inner_text()
    assert "No organisation" in words and not DUTCH.search(words), DUTCH.findall(words)
    for link in page.locator(".toc a").all():  # WCAG 2.5.8: targets of at least 24 × 24 px
        box = link.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, (link.inner_text(), box)
    page.screenshot(path=screenshots / "report-en.png", full_page=True)
    page.emulate_media(forced_colors="active")
    page.screenshot(path=screenshots / "report-en-forced-colours.png", full_page=True)
