"""Card walls by delta in a real browser (issue 14 §5): the screens' card store (static/js/results/card-store.js)
applies deltas and puts the cards back into every layout's aggregate exactly as the server's full aggregate has
them; the console and the beamer show the same wall after a burst, and a beamer that loses a `cards` delta on
the way recovers the exact wall."""

import json

from playwright.sync_api import expect

from .pages import open_console
from .support import ROOT

LAYOUTS = ("motieven", "halen_brengen", "netwerkleiderschap")
OWN = {"title": "Wat neem je mee?", "items": [
    {"id": "idee", "label": "Wat neem je mee?", "kind": "text", "max_length": 80, "max_entries": 8}]}
STORE = "/static/js/results/card-store.js"
SHOTS = ROOT / "test-output" / "issue14"


def store_page(contexts, server):
    page = contexts(1280, 800).new_page()
    page.goto(f"{server.base_url}/")
    return page


def test_the_card_store_applies_deltas_in_any_order_and_notices_a_gap(contexts, server):
    page = store_page(contexts, server)
    outcome = page.evaluate("""async (url) => {
        const { CardStore } = await import(url);
        const card = (id, text, version) => ({ id, item: "idee", text, hidden: false, version });
        const store = new CardStore();
        const early = store.apply({ from: 2, to: 3, cards: [card(3, "drie", 3)], deleted: [] });  // before the wall
        store.replace({ to: 2, cards: [card(1, "een", 1), card(2, "twee", 2)] });
        const afterWall = store.list().map((c) => c.text);
        const gap = store.apply({ from: 5, to: 6, cards: [card(4, "vier", 6)], deleted: [] });
        const stale = store.apply({ from: 0, to: 1, cards: [card(1, "een (oud)", 1)], deleted: [] });
        store.apply({ from: 3, to: 5, cards: [card(1, "één", 4)], deleted: [2] });
        const late = store.apply({ from: 1, to: 2, cards: [card(2, "twee", 2)], deleted: [] });  // deleted since
        return { early, afterWall, gap, stale, late, version: store.version, texts: store.list().map((c) => c.text),
                 versionless: store.list().every((c) => !("version" in c)) };
    }""", STORE)
    assert outcome["early"] is True and outcome["afterWall"] == ["een", "twee", "drie"]
    assert outcome["gap"] is False  # starts at 5, the store is at 3: it asks `cards_since`
    assert outcome["stale"] is True and outcome["late"] is True  # older news, applied without effect
    assert outcome["texts"] == ["één", "drie"] and outcome["version"] == 5 and outcome["versionless"]


def test_with_cards_gives_every_layout_its_full_aggregate(contexts, server, api, sio_client):
    """The live aggregate without cards plus the store's cards is the server's full aggregate, in every layout
    with cards (items' cards and halen en brengen's cards per organisation alike)."""
    activities = [*LAYOUTS, OWN]
    session = api.create_session("Kaarten per weergave", activities=activities)
    screen = sio_client()
    assert screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)["ok"]
    ids = [activity["id"] for activity in api.get(f"/api/sessions/{session['code']}", session["facilitator_key"])
           ["activities"]]
    for activity_id in ids:
        assert screen.call("control", {"action": "open", "activity_id": activity_id, "keep_open": True},
                           timeout=5)["ok"]
    texts = {"motieven": ("instrumenteel", "moreel"), "halen_brengen": ("halen", "brengen"),
             "netwerkleiderschap": ("strateeg-namen", "verkenner-versterking"), "own": ("idee", "idee")}
    for n, organisation in enumerate(("Gemeente Venlo", "GGD Limburg", "")):
        phone = sio_client()
        assert phone.call("join", {"code": session["code"], "name": f"P{n}", "organisation": organisation or "x"},
                          timeout=5)["ok"]
        for activity_id, layout in zip(ids, [*LAYOUTS, "own"], strict=True):
            for item in texts[layout]:
                ack = phone.call("add_entry", {"activity_id": activity_id, "item": item, "text": f"{item} van {n}"},
                                 timeout=5)
                assert ack["ok"], ack
    screen.call("moderate", {"id": 2, "hidden": True}, timeout=5)
    ack = screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)
    full = api.results(session)
    page = store_page(contexts, server)
    for activity_id in ids:
        filled = page.evaluate("""async ([url, bare, wall]) => {
            const { CardStore, withCards } = await import(url);
            const store = new CardStore();
            store.apply(wall);
            return withCards(bare, store);
        }""", [STORE, ack["results"][str(activity_id)], ack["cards"][str(activity_id)]])
        assert json.dumps(filled, sort_keys=True) == json.dumps(full[activity_id], sort_keys=True), activity_id


def drop_one_cards_delta(page):
    """Route the page's websocket through the test: `drop()` arms it to swallow the next `cards` event from the
    server; returns (drop, what was dropped, the `cards_since` the page asked)."""
    armed, dropped, asked = [], [], []

    def route(ws):
        server = ws.connect_to_server()

        def to_page(message):
            if armed and isinstance(message, str) and message.startswith('42["cards",'):
                armed.clear()
                dropped.append(message)
                return
            ws.send(message)

        def to_server(message):
            if isinstance(message, str) and '"cards_since"' in message:
                asked.append(message)
            server.send(message)

        server.on_message(to_page)
        ws.on_message(to_server)

    page.route_web_socket("**/socket.io/**", route)
    return (lambda: armed.append(True)), dropped, asked


def wall_of(page, scope):
    return page.locator(f"{scope} .result:not([hidden]) .note .note-text").all_inner_texts()


def test_console_and_beamer_show_the_same_wall_and_a_beamer_recovers_a_lost_delta(contexts, server, api,
                                                                                 sio_client):
    session = api.create_session("Kaarten zonder verlies", activities=(OWN,))
    console = open_console(contexts, server, session)
    beamer = contexts(1920, 1080).new_page()
    drop, dropped, asked = drop_one_cards_delta(beamer)
    beamer.goto(f"{server.base_url}/f/{session['code']}/beamer#key={session['facilitator_key']}")
    console.locator("[data-action=toggle-open]").click()
    expect(beamer.locator("#activity-title")).to_have_text(OWN["title"])
    phones = []
    for n in range(6):
        phone = sio_client()
        assert phone.call("join", {"code": session["code"], "name": f"D{n}", "organisation": f"Org {n % 3}"},
                          timeout=5)["ok"]
        phones.append(phone)
    written = []
    for round_ in range(2):  # a burst: every phone two cards, as fast as they go
        for n, phone in enumerate(phones):
            text = f"Kaart {round_ + 1} van D{n}"
            assert phone.call("add_entry", {"activity_id": 1, "item": "idee", "text": text}, timeout=5)["ok"]
            written.append(text)
    expect(beamer.locator(".result:not([hidden]) .note")).to_have_count(12)
    expect(console.locator(".preview .result:not([hidden]) .note")).to_have_count(12)
    assert sorted(wall_of(beamer, ".beamer-main")) == sorted(wall_of(console, ".preview")) == sorted(written)

    # One delta (a new card) is lost on its way to the beamer; the next delta shows it the gap.
    drop()
    first = phones[0].call("add_entry", {"activity_id": 1, "item": "idee", "text": "Verloren bericht"}, timeout=5)
    for _ in range(50):  # the route's handlers run while Playwright waits, not during a Python sleep
        if dropped:
            break
        beamer.wait_for_timeout(100)
    assert dropped, "no cards delta to drop"
    expect(console.locator(".preview .note-text", has_text="Verloren bericht")).to_have_count(1)
    expect(beamer.locator(".note-text", has_text="Verloren bericht")).to_have_count(0)  # the beamer missed it
    assert phones[1].call("add_entry", {"activity_id": 1, "item": "idee", "text": "Daarna"}, timeout=5)["ok"]
    expect(beamer.locator(".result:not([hidden]) .note")).to_have_count(14)
    assert len(asked) == 1, asked
    assert first["ok"]
    expect(console.locator(".preview .result:not([hidden]) .note")).to_have_count(14)
    assert sorted(wall_of(beamer, ".beamer-main")) == sorted(wall_of(console, ".preview")) == \
        sorted([*written, "Verloren bericht", "Daarna"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    beamer.screenshot(path=SHOTS / "card-deltas-beamer-recovered.png", animations="disabled")
    console.screenshot(path=SHOTS / "card-deltas-console.png", full_page=True)
