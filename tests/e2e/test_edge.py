"""The Socket.IO edge of the real server (run.py, eventlet), probed with a raw websocket: a connection that
breaks the protocol or floods is closed after its first bad frame, logged in one line, and the room's
facilitator is not slowed down meanwhile."""

import asyncio
import threading
import time

import aiohttp
import pytest

from .support import wait_for

CLOSED = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)
GARBAGE = {
    "not an Engine.IO packet": "x garbage",
    "an empty frame": "",
    "an unknown Engine.IO type": "9hello",
    "broken JSON": '42["answer",{"activity_id":',
    "an unknown Socket.IO type": "49[1]",
    "a stray binary frame": b"\x00\xff\xfe garbage",
    "a binary event out of nowhere": '451-["answer",{"_placeholder":true,"num":0}]',
}


def ws_url(server) -> str:
    return server.base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"


async def connected(session: aiohttp.ClientSession, server):
    """A raw websocket that has done the Engine.IO and Socket.IO handshakes."""
    ws = await session.ws_connect(ws_url(server))
    assert (await ws.receive(timeout=5)).data.startswith("0")  # Engine.IO open
    await ws.send_str("40")
    assert (await ws.receive(timeout=5)).data.startswith("40")  # Socket.IO connect
    return ws


async def closed_by_server(ws, timeout=5.0) -> bool:
    """Read (and drop) whatever comes until the server closes the websocket; False after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=max(0.01, deadline - time.monotonic()))
        except TimeoutError:
            return False
        if message.type in CLOSED:
            return True
    return False


def run_async(coroutine):
    """asyncio.run in a thread of its own (Playwright's sync API may keep a loop running in this one)."""
    result = []
    runner = threading.Thread(target=lambda: result.append(asyncio.run(coroutine)))
    runner.start()
    runner.join(timeout=60)
    assert result, "the websocket client did not finish"
    return result[0]


def log_lines(server) -> int:
    return len(server.log(tail=None).splitlines())


@pytest.mark.parametrize("frame", GARBAGE.values(), ids=GARBAGE.keys())
def test_a_broken_frame_closes_the_connection_and_logs_one_line(server, frame):
    before = log_lines(server)

    async def probe():
        async with aiohttp.ClientSession() as session:
            ws = await connected(session, server)
            send = ws.send_bytes if isinstance(frame, bytes) else ws.send_str
            await send(frame)
            for _ in range(50):  # more of the same, in case the first one were let through
                try:
                    await send(frame)
                except ConnectionError:
                    break
            return await closed_by_server(ws)

    assert run_async(probe()), "the server kept the connection open"
    wait_for(lambda: log_lines(server) > before, message="the log line")
    new = server.log(tail=None).splitlines()[before:]
    assert len(new) <= 2, new
    assert all(len(line) < 200 and "Traceback" not in line for line in new), new
    assert "closed" in new[0]


def test_floods_of_refused_events_are_cut_off_and_the_facilitator_stays_quick(server, api, sio_client):
    """For three seconds a client floods well-formed events (refused: it never joined), opening a new
    connection each time one is closed; meanwhile the facilitator's `control` round trips stay quick."""
    session = api.create_session()
    console = sio_client()
    assert console.call("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, timeout=5)["ok"]
    before = log_lines(server)
    floods = []  # per connection: whether the server closed it
    flooding = threading.Event()

    async def flood_one(client):
        ws = await connected(client, server)
        try:
            for n in range(20_000):
                await ws.send_str(f'42{n}["answer",{{"activity_id":1,"item":"visie","value":"groen"}}]')
        except ConnectionError:
            pass
        floods.append(await closed_by_server(ws))

    async def flood(seconds):
        async with aiohttp.ClientSession() as client:
            flooding.set()
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                await flood_one(client)

    flooder = threading.Thread(target=asyncio.run, args=(flood(3.0),))
    flooder.start()
    flooding.wait(timeout=5)
    round_trips = []
    while flooder.is_alive():
        start = time.perf_counter()
        ack = console.call("control", {"action": "open", "activity_id": 1}, timeout=5)
        round_trips.append(time.perf_counter() - start)
        assert ack["ok"], ack
    flooder.join()
    assert floods and all(floods), floods
    assert len(round_trips) >= 5 and max(round_trips) < 1.0, round_trips
    new = server.log(tail=None).splitlines()[before:]
    assert len(new) == len(floods) and all("events" in line and len(line) < 200 for line in new), new


def test_socketio_over_http_has_the_security_headers_and_checks_the_host(server):
    import urllib.error
    import urllib.request

    from workshop.routes import SECURITY_HEADERS

    for path, host, status in [("/socket.io/?EIO=4&transport=polling", None, 200),
                               ("/socket.io/?EIO=4&transport=polling&sid=nope", None, 400),
                               ("/socket.io/?EIO=4&transport=polling", "rebind.example", 400)]:
        request = urllib.request.Request(server.base_url + path, headers={"Host": host} if host else {})
        try:
            with urllib.request.urlopen(request, timeout=5) as reply:
                got, headers = reply.status, reply.headers
        except urllib.error.HTTPError as error:
            with error:
                got, headers = error.code, error.headers
        assert got == status, (path, host, got)
        for header, value in SECURITY_HEADERS.items():
            assert headers.get(header) == value, (path, header)
