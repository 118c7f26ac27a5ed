"""The load: real python-socketio asyncio clients on loopback speaking the public protocol (docs/protocol.md).
Phones `join` and `answer` the 12 succesfactoren at random moments; a beamer and a console `facilitate`. With
the results released to the phones, every phone also counts the `phone_results` snapshots it gets.

Latency "tap to beamer": per item, the k-th acknowledged answer (in ack order) counts as shown when the
beamer first receives a total of at least k for that item; its latency runs from the moment the phone
sent it. That includes the answer's own trip and storage, so it is an upper bound on stored-to-beamer. The
beamers run on an event loop and thread of their own, as a beamer is a device of its own: a thousand phones'
traffic in this process must not delay the moment a beamer sees a snapshot."""

import asyncio
import json
import logging
import random
import threading
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field

import socketio

FACTORS = ("visie", "durf", "interdependentie", "domeinconsensus", "elkaar-kennen", "onderhandelingsvermogen",
           "middelen", "structuur", "methodisch", "vertrouwen", "klimaat", "evalueren")
COLOURS = ("groen", "oranje", "rood")
CONNECTING_AT_ONCE = 50  # phones joining in parallel while a room fills before a burst
SETTLE_SECONDS = 10.0  # how long the beamer may take to show the last answers
logging.getLogger("engineio.client").setLevel(logging.CRITICAL)  # "packet queue is empty" at every disconnect


def percentile(values, q: float):
    """Nearest-rank percentile (q in 0..100) in milliseconds of `values` in seconds; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))], 1)


def post_json(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.loads(reply.read())


def get_json(url: str, key: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.loads(reply.read())


async def connected(base_url: str, kind=socketio.AsyncClient) -> socketio.AsyncClient:
    client = kind(reconnection=False)
    await client.connect(base_url, transports=["websocket"], wait_timeout=60)
    return client


@dataclass
class Screen:
    """A beamer or console: records when each item's total reached which value."""

    client: socketio.AsyncClient
    seen: dict = field(default_factory=lambda: defaultdict(list))  # item -> [(arrival, total)]
    snapshots: int = 0

    def record(self, item: str, total: int):
        self.seen[item].append((time.perf_counter(), total))

    def shown_at(self, item: str, k: int):
        return next((t for t, total in self.seen[item] if total >= k), None)

    def final_total(self, item: str) -> int:
        return max((total for _t, total in self.seen[item]), default=0)


async def open_screen(base_url: str, session: dict) -> tuple[Screen, dict]:
    """A facilitator screen connected to `session`, and its `facilitate` ack."""
    screen = Screen(await connected(base_url))

    def on_results(payload):  # the app: coalesced snapshots of the whole aggregate
        screen.snapshots += 1
        for item in payload["aggregate"]["items"]:
            screen.record(item["id"], item["total"])

    def on_count(payload):  # the floor: one small event per answer
        screen.snapshots += 1
        screen.record(payload["item"], payload["total"])

    screen.client.on("results", on_results)
    screen.client.on("count", on_count)
    ack = await screen.client.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]},
                                   timeout=60)
    assert ack["ok"], ack
    return screen, ack


PHONE_RESULTS_FRAME = '2["phone_results",'  # how a `phone_results` event arrives, as Socket.IO text


class Phone(socketio.AsyncClient):
    """A phone's connection. It counts the `phone_results` snapshots it gets and keeps the last one as it
    arrived, decoded only at the end: a thousand phones decoding every snapshot would make this process, not
    the server, the bottleneck (see "clients' CPU")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.snapshots = 0
        self.latest = None  # the text of the last snapshot

    async def _handle_eio_message(self, data):  # python-socketio's entry for every message from the server
        if isinstance(data, str) and data.startswith(PHONE_RESULTS_FRAME):
            self.snapshots += 1
            self.latest = data
        else:
            await super()._handle_eio_message(data)

    def totals(self) -> dict:
        """Item -> answers counted in the last snapshot."""
        if self.latest is None:
            return {}
        _event, payload = json.loads(self.latest[1:])
        return {item: summary["total"] for item, summary in payload["aggregate"]["items"].items()}


class ScreensLoop:
    """An asyncio loop on a thread of its own for the beamers (started once, for every room and run)."""

    _loop = None

    @classmethod
    async def run(cls, coroutine):
        """Await `coroutine` on the beamers' loop from another loop."""
        if cls._loop is None:
            cls._loop = asyncio.new_event_loop()
            threading.Thread(target=cls._loop.run_forever, name="beamers", daemon=True).start()
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, cls._loop))


@dataclass
class Room:
    """One session with its beamer, console and phones, and what its phones sent."""

    base_url: str
    session: dict
    activity_id: int
    beamer: Screen
    console: Screen
    release: bool = False  # the results are released to the phones
    phones: list = field(default_factory=list)
    join_seconds: list = field(default_factory=list)
    answers: list = field(default_factory=list)  # (item, sent, acked) of acknowledged answers
    refused: int = 0

    @classmethod
    async def open(cls, base_url: str, release: bool = False):
        """A new session, its activity open; with `release` its results are released to the phones as well."""
        session = post_json(base_url + "/api/sessions", {"title": "Benchmark", "activities": ["succesfactoren"]})
        beamer, _ack = await ScreensLoop.run(open_screen(base_url, session))
        console, ack = await open_screen(base_url, session)
        activity_id = ack["session"]["activities"][0]["id"]
        actions = ("open", "release_results") if release else ("open",)
        for action in actions:
            assert (await console.client.call("control", {"action": action, "activity_id": activity_id}))["ok"]
        return cls(base_url, session, activity_id, beamer, console, release)

    async def join(self, number: int) -> socketio.AsyncClient:
        phone = await connected(self.base_url, Phone)
        started = time.perf_counter()
        ack = await phone.call("join", {"code": self.session["code"], "name": f"Deelnemer {number}",
                                        "organisation": f"Organisatie {number % 7}"}, timeout=60)
        assert ack["ok"], ack
        self.join_seconds.append(time.perf_counter() - started)
        self.phones.append(phone)
        return phone

    async def fill(self, count: int, limit: asyncio.Semaphore | None = None):
        """`count` phones join, CONNECTING_AT_ONCE at a time (`limit` may be shared with other rooms)."""
        limit = limit or asyncio.Semaphore(CONNECTING_AT_ONCE)

        async def one(number):
            async with limit:
                await self.join(number)

        await asyncio.gather(*(one(n) for n in range(count)))

    async def answer_all(self, duration: float):
        """Each phone answers the 12 factors in a random order at random moments within `duration` s."""
        start = time.perf_counter()

        async def phone_answers(phone):
            moments = sorted(random.uniform(0, duration) for _ in FACTORS)
            for moment, item in zip(moments, random.sample(FACTORS, len(FACTORS)), strict=True):
                await asyncio.sleep(max(0.0, start + moment - time.perf_counter()))
                sent = time.perf_counter()
                try:
                    ack = await phone.call("answer", {"activity_id": self.activity_id, "item": item,
                                                      "value": random.choice(COLOURS)}, timeout=60)
                except socketio.exceptions.TimeoutError:
                    ack = {"ok": False}
                if ack.get("ok"):
                    self.answers.append((item, sent, time.perf_counter()))
                else:
                    self.refused += 1

        await asyncio.gather(*(phone_answers(phone) for phone in self.phones))

    def acked_per_item(self) -> dict:
        acked = defaultdict(int)
        for item, _sent, _acked in self.answers:
            acked[item] += 1
        return acked

    async def settle(self):
        """Wait until the beamer, and every phone that shows the results, shows every acknowledged answer (or
        SETTLE_SECONDS passed)."""
        deadline = time.perf_counter() + SETTLE_SECONDS
        while time.perf_counter() < deadline:
            if self.lost_on_beamer() == 0 and self.phones_behind() == 0:
                return
            await asyncio.sleep(0.05)

    def phones_behind(self) -> int:
        """Phones showing the results whose last snapshot misses an acknowledged answer."""
        if not self.release:
            return 0
        acked = self.acked_per_item()
        return sum(any(totals.get(item, 0) < n for item, n in acked.items())
                   for totals in (phone.totals() for phone in self.phones))

    def latencies(self) -> list:
        """Tap-to-beamer seconds of every acknowledged answer the beamer showed."""
        by_item = defaultdict(list)
        for item, sent, acked in self.answers:
            by_item[item].append((acked, sent))
        result = []
        for item, answers in by_item.items():
            for k, (_acked, sent) in enumerate(sorted(answers), start=1):
                shown = self.beamer.shown_at(item, k)
                if shown is not None:
                    result.append(max(0.0, shown - sent))
        return result

    def ack_seconds(self) -> list:
        return [acked - sent for _item, sent, acked in self.answers]

    def lost_on_beamer(self) -> int:
        return sum(max(0, n - self.beamer.final_total(item)) for item, n in self.acked_per_item().items())

    def lost_in_export(self) -> int | None:
        """Acknowledged answers missing from export.json (None for the floor, which stores nothing)."""
        if self.session["facilitator_key"] == "floor":
            return None
        export = get_json(f"{self.base_url}/api/sessions/{self.session['code']}/export.json",
                          self.session["facilitator_key"])
        return len(self.answers) - len(export["answers"])

    async def close(self):
        clients = [self.console.client, *self.phones]
        await asyncio.gather(ScreensLoop.run(self.beamer.client.disconnect()),
                             *(client.disconnect() for client in clients), return_exceptions=True)


async def room_burst(base_url: str, phones: int, duration: float, results_on_phones: bool = False) -> dict:
    """`phones` phones answer within `duration` s; with `results_on_phones` the facilitator first releases the
    results to the phones, and each phone counts the snapshots it gets."""
    room = await Room.open(base_url, release=results_on_phones)
    await room.fill(phones)
    await room.answer_all(duration)
    await room.settle()
    latencies = room.latencies()
    result = {
        "join_p50": percentile(room.join_seconds, 50), "join_p95": percentile(room.join_seconds, 95),
        "ack_p50": percentile(room.ack_seconds(), 50), "ack_p95": percentile(room.ack_seconds(), 95),
        "p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "p99": percentile(latencies, 99),
        "answers": len(room.answers), "refused": room.refused,
        "lost_beamer": room.lost_on_beamer(), "lost_export": room.lost_in_export(),
        "beamer_updates_per_s": round(room.beamer.snapshots / duration, 1),
    }
    if results_on_phones:
        snapshots = [phone.snapshots for phone in room.phones]
        result["phone_updates_per_s"] = round(sum(snapshots) / len(snapshots) / duration, 1)
        result["phones_without_results"] = sum(n == 0 for n in snapshots)
        result["phones_behind"] = room.phones_behind()
    await room.close()
    return result


async def join_storm(base_url: str, phones: int, within: float) -> dict:
    """`phones` phones each connect and join at a random moment within `within` s: the time from the
    start of the connection to the join ack is what a participant waits after scanning the QR code."""
    room = await Room.open(base_url)
    start = time.perf_counter()
    waited, failed = [], 0

    async def one(number):
        nonlocal failed
        await asyncio.sleep(random.uniform(0, within))
        began = time.perf_counter()
        try:
            await room.join(number)
            waited.append(time.perf_counter() - began)
        except Exception:  # noqa: BLE001  (a refused or dropped connection is counted, not fatal)
            failed += 1

    await asyncio.gather(*(one(n) for n in range(phones)))
    took = time.perf_counter() - start
    result = {"connect_join_p50": percentile(waited, 50), "connect_join_p95": percentile(waited, 95),
              "join_p95": percentile(room.join_seconds, 95), "failed": failed, "took_s": round(took, 1)}
    await room.close()
    return result


async def many_rooms(base_url: str, rooms: int, phones: int, duration: float) -> dict:
    opened = [await Room.open(base_url) for _ in range(rooms)]
    limit = asyncio.Semaphore(CONNECTING_AT_ONCE)
    await asyncio.gather(*(room.fill(phones, limit) for room in opened))
    await asyncio.gather(*(room.answer_all(duration) for room in opened))
    await asyncio.gather(*(room.settle() for room in opened))
    latencies = [seconds for room in opened for seconds in room.latencies()]
    acks = [seconds for room in opened for seconds in room.ack_seconds()]
    joins = [seconds for room in opened for seconds in room.join_seconds]
    lost_export = [room.lost_in_export() for room in opened]
    result = {
        "join_p50": percentile(joins, 50), "join_p95": percentile(joins, 95),
        "ack_p50": percentile(acks, 50), "ack_p95": percentile(acks, 95),
        "p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "p99": percentile(latencies, 99),
        "answers": sum(len(room.answers) for room in opened), "refused": sum(room.refused for room in opened),
        "lost_beamer": sum(room.lost_on_beamer() for room in opened),
        "lost_export": None if None in lost_export else sum(lost_export),
    }
    await asyncio.gather(*(room.close() for room in opened))
    return result
