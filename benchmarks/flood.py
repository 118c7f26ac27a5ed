"""The flood: a facilitator's control round trip while one hostile connection floods the server.

A console facilitates and toggles the results on the beamer (`show_results` / `hide_results`) about
5 times a second; each toggle's round trip runs from sending `control` to its ack. Three phases on one
server: nothing else going on; one unauthenticated websocket sending malformed frames (broken JSON) as
fast as it can; one connection sending well-formed `answer` events that are refused, as it never joined.
The hostile client speaks Engine.IO 4 / Socket.IO 5 over a raw websocket, only to the server under test
on loopback, and stops after its frames, after HOSTILE_SECONDS, or when the server cuts it off."""

import asyncio
import itertools
import time
from dataclasses import dataclass, field

import aiohttp

from load import open_screen, percentile, post_json

TOGGLES_PER_SECOND = 5
HOSTILE_SECONDS = 60.0  # the hostile client gives up sending after this
QUIET_SECONDS = 0.5  # the server is done with a flood when its log and replies stood still this long
PHASE_SECONDS = 120.0  # a phase ends by then, whatever the server is doing
ACK_TIMEOUT = 60.0
MALFORMED = '42["answer",{"item":'  # a Socket.IO event whose JSON breaks off
REFUSED = '42{}["answer",{{"activity_id":1,"item":"visie","value":"groen"}}]'  # with an ack id: refused, not joined


@dataclass
class Hostile:
    """One hostile connection: what it got out, what came back, and whether the server closed it."""

    websocket: aiohttp.ClientWebSocketResponse
    sent: int = 0
    replies: int = 0  # acks of its events (refusals)
    sending_seconds: float = 0.0
    done_sending: bool = False
    closed_by_server: bool = False
    closing: bool = False
    reading: asyncio.Task = field(init=False)

    def __post_init__(self):
        self.reading = asyncio.create_task(self._read())

    async def _read(self):
        async for message in self.websocket:
            if message.type != aiohttp.WSMsgType.TEXT or message.data == "1" or message.data.startswith("41"):
                break  # the websocket closed, or Engine.IO close, or Socket.IO disconnect: the server cut it off
            if message.data == "2":  # an Engine.IO ping
                await self.websocket.send_str("3")
            self.replies += message.data.startswith("43")
        self.closed_by_server = not self.closing

    async def send(self, frames):
        """Send `frames` as fast as the event loop allows, until the server closes or HOSTILE_SECONDS pass."""
        started = time.perf_counter()
        for frame in frames:
            if self.reading.done() or time.perf_counter() - started > HOSTILE_SECONDS:
                break
            try:
                await self.websocket.send_str(frame)
            except (aiohttp.ClientError, ConnectionError):
                break
            self.sent += 1
            await asyncio.sleep(0)  # let the console's acks in: this process is one event loop
        self.sending_seconds = time.perf_counter() - started
        self.done_sending = True

    async def close(self):
        self.closing = True
        await self.websocket.close()
        await asyncio.wait([self.reading], timeout=5)


async def hostile_connection(web: aiohttp.ClientSession, base_url: str, connect: bool) -> Hostile:
    """A websocket that did the Engine.IO handshake and, if `connect`, the Socket.IO connect, and nothing else."""
    url = base_url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
    websocket = await web.ws_connect(url, timeout=30)
    assert (await websocket.receive_str()).startswith("0")  # Engine.IO open
    if connect:
        await websocket.send_str("40")
        assert (await websocket.receive_str()).startswith("40")
    return Hostile(websocket)


async def toggles(console, activity_id: int, until) -> list:
    """Toggle the results every 1/TOGGLES_PER_SECOND s until `until(calls so far)`; each round trip in s (None: no
    ok ack)."""

    async def toggle(action):
        sent = time.perf_counter()
        try:
            ack = await console.call("control", {"action": action, "activity_id": activity_id},
                                     timeout=ACK_TIMEOUT)
        except Exception:  # noqa: BLE001  (a timeout or a dropped console is a lost ack, counted)
            return None
        return time.perf_counter() - sent if ack.get("ok") else None

    calls, actions = [], itertools.cycle(("show_results", "hide_results"))
    next_at = time.perf_counter()
    while not until(calls):
        calls.append(asyncio.create_task(toggle(next(actions))))
        next_at += 1 / TOGGLES_PER_SECOND
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
    return await asyncio.gather(*calls)


def figures(phase: str, round_trips: list, log_growth: int) -> dict:
    acked = [seconds for seconds in round_trips if seconds is not None]
    return {f"{phase}_p50": percentile(acked, 50), f"{phase}_p95": percentile(acked, 95),
            f"{phase}_p99": percentile(acked, 99), f"{phase}_toggles": len(round_trips),
            f"{phase}_lost": len(round_trips) - len(acked), f"{phase}_log_bytes": log_growth}


async def quiet_phase(server, console, activity_id: int, seconds: float) -> dict:
    log_before, until = server.log_bytes(), time.perf_counter() + seconds
    round_trips = await toggles(console, activity_id, lambda _calls: time.perf_counter() >= until)
    return figures("quiet", round_trips, server.log_bytes() - log_before)


async def flood_phase(server, web, console, activity_id: int, phase: str, frames: list, seconds: float) -> dict:
    """Toggle while a hostile connection sends `frames`: at least `seconds`, and until the server is done with them:
    the console's toggles are acked again and the server's log and replies to the hostile client stand still."""
    log_before = server.log_bytes()
    hostile = await hostile_connection(web, server.base_url, connect=phase == "refused")
    started = time.perf_counter()
    sending = asyncio.create_task(hostile.send(frames))
    activity = {"at": started, "seen": (log_before, 0)}

    def done(calls) -> bool:
        now, seen = time.perf_counter(), (server.log_bytes(), hostile.replies)
        if seen != activity["seen"]:
            activity.update(at=now, seen=seen)
        caught_up = all(call.done() for call in calls[:-1])  # all but the toggle sent just now
        finished = hostile.done_sending and caught_up and now - activity["at"] >= QUIET_SECONDS
        return (finished and now - started >= seconds) or now - started >= PHASE_SECONDS

    round_trips = await toggles(console, activity_id, done)
    await sending
    result = figures(phase, round_trips, server.log_bytes() - log_before)
    result.update({f"{phase}_sent": hostile.sent, f"{phase}_sending_s": round(hostile.sending_seconds, 2),
                   f"{phase}_busy_s": round(activity["at"] - started, 2),
                   f"{phase}_closed": "yes" if hostile.closed_by_server else "no"})
    if phase == "refused":
        result[f"{phase}_replies"] = hostile.replies
    await hostile.close()
    return result


async def flood(server, frames: int, seconds: float) -> dict:
    """The three phases, each `seconds` long at least; a flood of `frames` frames in each hostile phase."""
    session = post_json(server.base_url + "/api/sessions", {"title": "Benchmark", "activities": ["succesfactoren"]})
    screen, ack = await open_screen(server.base_url, session)
    console = screen.client
    activity_id = ack["session"]["activities"][0]["id"]
    result = await quiet_phase(server, console, activity_id, seconds)
    async with aiohttp.ClientSession() as web:
        result |= await flood_phase(server, web, console, activity_id, "malformed", [MALFORMED] * frames, seconds)
        result |= await flood_phase(server, web, console, activity_id, "refused",
                                    [REFUSED.format(n) for n in range(frames)], seconds)
    await console.disconnect()
    return result
