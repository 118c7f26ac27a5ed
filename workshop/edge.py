"""The Socket.IO edge: a connection that sends a packet no client library sends (a frame Engine.IO cannot
decode, broken JSON, binary data) or more events than a person can, is closed at once and logged
in one short line, so one hostile websocket can neither fill the log nor keep the server busy.

python-socketio decodes each message inside Engine.IO's message handler, where an error was logged with a
full traceback and the connection stayed open; Engine.IO decoded each websocket frame outside any handler.
`guard` wraps both places on the server Flask-SocketIO built, whatever the async mode.
"""

import io
import logging
import threading
import time
from collections.abc import Callable
from urllib.parse import parse_qs

from engineio import packet as engineio_packet
from engineio import payload as engineio_payload

log = logging.getLogger(__name__)
POSTED_PACKETS = (engineio_packet.CLOSE, engineio_packet.PONG, engineio_packet.MESSAGE, engineio_packet.UPGRADE)
BINARY_PACKETS = ("5", "6")  # Socket.IO's BINARY_EVENT and BINARY_ACK: their attachments would be buffered


class EventBudget:
    """A token bucket per connection: `burst` events at once, refilled at `rate` events a second."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic):
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # connection -> (tokens left, when counted)
        self._lock = threading.Lock()

    def spend(self, connection: str) -> bool:
        """Take one event from the connection's budget; False when it is used up."""
        with self._lock:
            now = self.clock()
            tokens, then = self._buckets.get(connection, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if tokens < 1:
                self._buckets[connection] = (tokens, now)
                return False
            self._buckets[connection] = (tokens - 1, now)
            return True

    def forget(self, connection: str):
        with self._lock:
            self._buckets.pop(connection, None)


def decodable(frame) -> bool:
    """Whether a websocket frame is an Engine.IO packet of a known type (binary frames are messages)."""
    try:
        decoded = engineio_packet.Packet(encoded_packet=frame)
    except Exception:  # noqa: BLE001  (whatever the decoder raises, the frame is garbage)
        return False
    return decoded.packet_type < len(engineio_packet.packet_names)


def decodable_payload(body: bytes) -> bool:
    """Whether a polling POST body is a list of Engine.IO packets of the types a client posts (Engine.IO
    answers any other type by waiting, forever, for the connection's next poll)."""
    try:
        packets = engineio_payload.Payload(encoded_payload=body.decode("utf-8")).packets
    except Exception:  # noqa: BLE001  (whatever the decoder raises, the body is garbage)
        return False
    return all(p.packet_type in POSTED_PACKETS for p in packets)


class CheckedFrames:
    """A websocket that reads as closed by the client once a frame cannot be decoded, or once the server
    closed the Engine.IO socket (frames a flooding client still sends are then left unread)."""

    def __init__(self, websocket, socket, refuse: Callable[[str], None]):
        self._websocket = websocket
        self._socket = socket
        self._refuse = refuse

    def wait(self):
        if self._socket.closed:
            return None
        frame = self._websocket.wait()
        if frame is not None and not decodable(frame):
            self._refuse("a frame that is no Engine.IO packet")
            return None  # Engine.IO then closes the connection as if the client had
        return frame

    def __getattr__(self, name):
        return getattr(self._websocket, name)


def report(server, eio_sid: str, why: str):
    """The one log line of a connection closed for what it sent."""
    address = server.environ.get(eio_sid, {}).get("REMOTE_ADDR", "?")
    log.warning("Socket.IO connection from %s closed: it sent %s", address, why)


def close_connection(server, eio_sid: str, why: str):
    """Close an Engine.IO connection for what it sent, logging it once."""
    socket = server.eio.sockets.get(eio_sid)
    if socket is not None and not socket.closed:
        report(server, eio_sid, why)
        socket.close(wait=False, reason=server.eio.reason.SERVER_DISCONNECT)  # waiting could hang a polling POST
    server.eio.sockets.pop(eio_sid, None)  # as Engine.IO's own disconnect does: later requests get a 400


def guard(server, rate: float, burst: float) -> EventBudget:
    """Close connections of `server` (a socketio.Server) on protocol errors and past `rate`/`burst` events."""
    eio = server.eio
    budget = EventBudget(rate, burst)
    handle_message, handle_disconnect = eio.handlers["message"], eio.handlers["disconnect"]

    def on_message(eio_sid, data):
        socket = eio.sockets.get(eio_sid)
        if socket is None or socket.closed:
            return  # closed already: what was still on the wire is dropped unread
        if not budget.spend(eio_sid):
            return close_connection(server, eio_sid, f"more than {burst:g} events at once or {rate:g} a second")
        if not isinstance(data, str) or data[:1] in BINARY_PACKETS:
            return close_connection(server, eio_sid, "binary data, which no page of this app sends")
        try:
            handle_message(eio_sid, data)
        except Exception as error:  # noqa: BLE001  (the library refused the packet: the client broke the protocol)
            close_connection(server, eio_sid, f"a broken packet ({type(error).__name__})")

    def on_disconnect(eio_sid, *reason):
        budget.forget(eio_sid)
        return handle_disconnect(eio_sid, *reason)

    eio.on("message", on_message)
    eio.on("disconnect", on_disconnect)
    websocket_class = eio._async["websocket"]
    if websocket_class is not None:  # Engine.IO builds one per upgrade, around its socket's frame loop
        def checked_websocket(frame_loop, eio_server):
            socket = frame_loop.__self__
            return websocket_class(lambda websocket: frame_loop(
                CheckedFrames(websocket, socket, lambda why: report(server, socket.sid, why))), eio_server)

        eio._async = {**eio._async, "websocket": checked_websocket}
    return budget


def checked_polling(wsgi_app, server, path: str = "/socket.io/"):
    """WSGI middleware: a polling POST that is no Engine.IO payload closes its connection with a 400 (one
    log line), before Engine.IO would log a traceback or, for an unknown type, wait for the next poll."""
    eio = server.eio

    def app(environ, start_response):
        sid = parse_qs(environ.get("QUERY_STRING", "")).get("sid", [""])[0]
        if environ["REQUEST_METHOD"] != "POST" or not environ.get("PATH_INFO", "").startswith(path) \
                or sid not in eio.sockets:
            return wsgi_app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > eio.max_http_buffer_size:
            return wsgi_app(environ, start_response)  # Engine.IO refuses it without reading it
        body = environ["wsgi.input"].read(length)
        if not decodable_payload(body):
            close_connection(server, sid, "a polling body that is no Engine.IO payload")
            start_response("400 BAD REQUEST", [("Content-Type", "text/plain")])
            return [b"Broken Engine.IO payload"]
        environ["wsgi.input"] = io.BytesIO(body)
        return wsgi_app(environ, start_response)

    return app

