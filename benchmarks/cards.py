"""The card scenario (issue 14 §5): phones write free-text cards at random moments while a beamer and a console
follow the wall, and the console steers (`control`) throughout.

The app's screens get the wall once (the `facilitate` ack), then `cards` deltas, and ask `cards_since` when a
delta starts after what they have; the floor relays each card to the screens as it comes (`card`). Figures:
card-to-beamer latency (from sending the card to the first moment the beamer holds it), cards lost on the beamer
and in export.json, the bytes each screen receives per second in the first and in the last part of the burst (the
wall is empty at the start and full at the end: the same rate means the cost does not grow with the wall), and
the console's `control` round trip during the burst."""

import asyncio
import random
import time
from dataclasses import dataclass, field

import socketio
from load import CONNECTING_AT_ONCE, SETTLE_SECONDS, Phone, ScreensLoop, connected, get_json, percentile, post_json

ITEM = "idee"
CARDS = {"title": "Kaarten", "intro": "Wat neem je mee?", "items": [
    {"id": ITEM, "label": "Wat neem je mee?", "kind": "text", "max_length": 280, "max_entries": 8}]}
TOGGLE_EVERY = 0.5  # seconds between the console's controls during the burst


class CardScreen(socketio.AsyncClient):
    """A beamer or console: its wall (card id -> arrival), kept from the deltas, and the bytes it received."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.arrived: dict[int, float] = {}  # card id -> when this screen first held it
        self.wall: set[int] = set()
        self.version = 0
        self.received: list[tuple[float, int]] = []  # (when, bytes) of every message
        self.asked = 0
        self.activity_id = None

    async def _handle_eio_message(self, data):
        self.received.append((time.perf_counter(), len(data)))
        await super()._handle_eio_message(data)

    def hold(self, delta: dict):
        now = time.perf_counter()
        if delta.get("full"):
            self.wall = set()
        for card in delta["cards"]:
            self.wall.add(card["id"])
            self.arrived.setdefault(card["id"], now)
        self.wall -= set(delta["deleted"])
        self.version = max(self.version, delta["to"]) if not delta.get("full") else delta["to"]

    async def on_delta(self, delta: dict):
        if delta["activity_id"] != self.activity_id:
            return
        if delta["from"] > self.version:  # missed one: ask for what came after
            self.asked += 1
            delta = await self.call("cards_since", {"activity_id": self.activity_id, "version": self.version},
                                    timeout=60)
        self.hold(delta)

    def on_card(self, card: dict):  # the floor: one event per card
        self.hold({"cards": [card], "deleted": [], "to": 0})

    def on_results(self, payload: dict):
        """The code before issue 14 sent every card in each snapshot (for an A/B run against it)."""
        cards = payload["aggregate"]["items"][ITEM]["cards"]
        if payload["activity_id"] == self.activity_id and cards:
            self.hold({"cards": cards, "deleted": [], "to": self.version, "full": True})

    def bytes_per_second(self, start: float, end: float) -> int:
        return round(sum(size for when, size in self.received if start <= when < end) / (end - start))


async def open_card_screen(base_url: str, session: dict) -> tuple[CardScreen, dict]:
    screen = await connected(base_url, CardScreen)
    screen.on("cards", screen.on_delta)
    screen.on("card", screen.on_card)
    screen.on("results", screen.on_results)
    ack = await screen.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=60)
    assert ack["ok"], ack
    screen.activity_id = ack["session"]["activities"][0]["id"]
    wall = ack.get("cards", {}).get(str(screen.activity_id))
    if wall:
        screen.hold(wall)
    return screen, ack


@dataclass
class CardRoom:
    base_url: str
    session: dict
    activity_id: int
    beamer: CardScreen
    console: CardScreen
    phones: list = field(default_factory=list)
    cards: list = field(default_factory=list)  # (card id, sent, acked) of acknowledged cards
    refused: int = 0
    controls: list = field(default_factory=list)  # seconds of each control round trip during the burst

    @classmethod
    async def open(cls, base_url: str):
        session = post_json(base_url + "/api/sessions", {"title": "Kaartenbenchmark", "activities": [CARDS]})
        beamer, _ = await ScreensLoop.run(open_card_screen(base_url, session))
        console, ack = await open_card_screen(base_url, session)
        activity_id = ack["session"]["activities"][0]["id"]
        assert (await console.call("control", {"action": "open", "activity_id": activity_id}))["ok"]
        return cls(base_url, session, activity_id, beamer, console)

    async def fill(self, count: int):
        limit = asyncio.Semaphore(CONNECTING_AT_ONCE)

        async def one(number):
            async with limit:
                phone = await connected(self.base_url, Phone)
                ack = await phone.call("join", {"code": self.session["code"], "name": f"Deelnemer {number}",
                                                "organisation": f"Organisatie {number % 7}"}, timeout=60)
                assert ack["ok"], ack
                self.phones.append(phone)

        await asyncio.gather(*(one(n) for n in range(count)))

    async def write_all(self, per_phone: int, duration: float):
        """Each phone writes `per_phone` cards at random moments within `duration` s."""
        start = time.perf_counter()

        async def phone_cards(number, phone):
            for n, moment in enumerate(sorted(random.uniform(0, duration) for _ in range(per_phone))):
                await asyncio.sleep(max(0.0, start + moment - time.perf_counter()))
                text = f"Kaart {n + 1} van deelnemer {number}: wat we uit deze bijeenkomst meenemen naar ons werk"
                sent = time.perf_counter()
                try:
                    ack = await phone.call("add_entry", {"activity_id": self.activity_id, "item": ITEM,
                                                         "text": text}, timeout=60)
                except Exception:  # noqa: BLE001  (a timeout counts as refused)
                    ack = {"ok": False}
                if ack.get("ok"):
                    self.cards.append((ack["entry"]["id"], sent, time.perf_counter()))
                else:
                    self.refused += 1

        async def steer():  # the facilitator keeps working: names on the beamer on and off
            action = "show_names"
            while time.perf_counter() - start < duration:
                sent = time.perf_counter()
                ack = await self.console.call("control", {"action": action, "activity_id": self.activity_id},
                                              timeout=60)
                if ack.get("ok"):
                    self.controls.append(time.perf_counter() - sent)
                action = "hide_names" if action == "show_names" else "show_names"
                await asyncio.sleep(TOGGLE_EVERY)

        await asyncio.gather(steer(), *(phone_cards(n, phone) for n, phone in enumerate(self.phones)))
        return start

    def lost_on(self, screen: CardScreen) -> int:
        return sum(card_id not in screen.wall for card_id, _sent, _acked in self.cards)

    async def settle(self):
        deadline = time.perf_counter() + SETTLE_SECONDS
        while time.perf_counter() < deadline and (self.lost_on(self.beamer) or self.lost_on(self.console)):
            await asyncio.sleep(0.05)

    def lost_in_export(self) -> int | None:
        if self.session["facilitator_key"] == "floor":
            return None
        export = get_json(f"{self.base_url}/api/sessions/{self.session['code']}/export.json",
                          self.session["facilitator_key"])
        stored = {entry["id"] for entry in export["entries"]}
        return sum(card_id not in stored for card_id, _sent, _acked in self.cards)

    async def close(self):
        await asyncio.gather(ScreensLoop.run(self.beamer.disconnect()), self.console.disconnect(),
                             *(phone.disconnect() for phone in self.phones), return_exceptions=True)


async def card_burst(base_url: str, phones: int, per_phone: int, duration: float) -> dict:
    room = await CardRoom.open(base_url)
    await room.fill(phones)
    start = await room.write_all(per_phone, duration)
    end = start + duration
    await room.settle()
    latencies = [room.beamer.arrived[card_id] - sent for card_id, sent, _acked in room.cards
                 if card_id in room.beamer.arrived]
    window = min(10.0, duration / 3)
    result = {
        "card_ack_p95": percentile([acked - sent for _id, sent, acked in room.cards], 95),
        "p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "p99": percentile(latencies, 99),
        "cards": len(room.cards), "refused": room.refused,
        "lost_beamer": room.lost_on(room.beamer), "lost_console": room.lost_on(room.console),
        "lost_export": room.lost_in_export(), "asked": room.beamer.asked + room.console.asked,
        "bytes_first": room.beamer.bytes_per_second(start, start + window),
        "bytes_last": room.beamer.bytes_per_second(end - window, end),
        "console_bytes_first": room.console.bytes_per_second(start, start + window),
        "console_bytes_last": room.console.bytes_per_second(end - window, end),
        "control_p50": percentile(room.controls, 50), "control_p95": percentile(room.controls, 95),
        "controls": len(room.controls),
    }
    await room.close()
    return result
