"""Werkatelier: a live workshop app. `create_app` builds the Flask app; `socketio` is shared."""

import os
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from flask_socketio import SocketIO
from werkzeug.middleware.proxy_fix import ProxyFix

from .timers import GRACE

ROOT = Path(__file__).resolve().parent.parent
socketio = SocketIO()


@dataclass
class AppState:
    """What the handlers share: the use cases, the live broadcaster and who is connected."""

    workshops: object
    live: object
    clients: dict = field(default_factory=dict)
    timers: object = None  # the alarms that close activities at zero (workshop/timers.py)
    tokens: dict = field(default_factory=dict)  # connection -> {code: token of the participant it joined as}


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, where a body nested too deeply is malformed JSON (a 400) rather than a RecursionError."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error


def default_config() -> dict:
    return {
        "DATA_DIR": os.environ.get("WORKSHOP_DATA_DIR", str(ROOT / "sessions")),
        "PUBLIC_URL": os.environ.get("WORKSHOP_PUBLIC_URL") or None,
        # run.py sets it; None lets Flask-SocketIO take the first installed (eventlet, then gevent, then threading).
        "ASYNC_MODE": os.environ.get("WORKSHOP_ASYNC_MODE") or None,
        # e.g. redis://127.0.0.1:6379/0: several server processes share their broadcasts through it.
        "MESSAGE_QUEUE": os.environ.get("WORKSHOP_MESSAGE_QUEUE") or None,
        # Reverse proxies in front whose X-Forwarded-For/-Proto/-Host to believe (0: none, the default;
        # behind one proxy 1, so rate limits count each client's own address, not the proxy's).
        "PROXIES": int(os.environ.get("WORKSHOP_PROXIES") or 0),
        # Host names the server answers to besides localhost, the loopback addresses and PUBLIC_URL's host
        # (comma separated); any other Host header gets a 400 (DNS rebinding).
        "TRUSTED_HOSTS": [h.strip() for h in os.environ.get("WORKSHOP_TRUSTED_HOSTS", "").split(",") if h.strip()],
        # Seconds between two snapshots of one activity's results to the screens (docs/performance.md).
        "RESULTS_INTERVAL": float(os.environ.get("WORKSHOP_RESULTS_INTERVAL") or 0.15),
        # Seconds after a timer's zero before it closes its activity: phones add what was typed (workshop/timers.py).
        "TIMER_GRACE": float(os.environ.get("WORKSHOP_TIMER_GRACE") or GRACE),
        "MAX_MESSAGE_BYTES": 16 * 1024,
        # Socket.IO events per connection: a burst, then so many a second; past it the connection is closed.
        "EVENT_RATE": float(os.environ.get("WORKSHOP_EVENT_RATE") or 20.0),
        "EVENT_BURST": float(os.environ.get("WORKSHOP_EVENT_BURST") or 100.0),
        "MAX_CONTENT_LENGTH": 256 * 1024,  # a designed session of 20 own activities fits
        "DB_BUSY_TIMEOUT": 5.0,  # seconds a write waits for a locked session database
        # Session databases open at once (3 file descriptors each), and seconds unused before one is closed.
        "MAX_OPEN_DATABASES": 64,
        "DB_IDLE_SECONDS": 60.0,
        # Failed guesses per client address before it gets 429 / `rate_limited`, within a sliding window (s).
        "CODE_GUESS_LIMIT": 20,  # unknown session codes
        "CODE_GUESS_WINDOW": 60.0,
        "KEY_GUESS_LIMIT": 20,  # wrong facilitator keys and download tokens
        "KEY_GUESS_WINDOW": 60.0,
        # Downloads (csv, xlsx, report) are rendered in a child process (workshop/rendering.py): its time limit (s),
        # its memory limit (MB of address space), and how many may run at once in this process.
        "RENDER_TIMEOUT": float(os.environ.get("WORKSHOP_RENDER_TIMEOUT") or 120),
        "RENDER_MEMORY_MB": int(os.environ.get("WORKSHOP_RENDER_MEMORY_MB") or 1024),
        "RENDER_WORKERS": int(os.environ.get("WORKSHOP_RENDER_WORKERS") or 2),
        # Uses per client address within a sliding window (s), then 429 / `rate_limited`: new sessions
        # (duplicates included) and new participants (a room of 1000 phones behind one NAT stays below).
        "CREATE_LIMIT": int(os.environ.get("WORKSHOP_CREATE_LIMIT") or 30),
        "CREATE_WINDOW": float(os.environ.get("WORKSHOP_CREATE_WINDOW") or 600.0),
        "JOIN_LIMIT": int(os.environ.get("WORKSHOP_JOIN_LIMIT") or 2000),
        "JOIN_WINDOW": float(os.environ.get("WORKSHOP_JOIN_WINDOW") or 600.0),
        # Previews and template checks of the designer (no key needed): generous, a facilitator previews often.
        "PREVIEW_LIMIT": int(os.environ.get("WORKSHOP_PREVIEW_LIMIT") or 600),
        "PREVIEW_WINDOW": float(os.environ.get("WORKSHOP_PREVIEW_WINDOW") or 600.0),
        # Delete sessions untouched for this many days (None: keep them until the facilitator deletes them).
        "RETENTION_DAYS": float(os.environ["WORKSHOP_RETENTION_DAYS"]) if os.environ.get("WORKSHOP_RETENTION_DAYS")
        else None,
    }


def create_app(config: dict | None = None) -> Flask:
    """Build the app; `config` overrides the defaults and environment (tests pass a temp DATA_DIR)."""
    from . import api, edge, events, gate, i18n, limits, routes  # noqa: F401  (events registers its handlers)
    from .dbpool import keep_closing_idle
    from .hyphenation import hyphenate
    from .live import LiveResults
    from .retention import keep_sweeping
    from .sessions import Workshops
    from .store import Store
    from .timers import Alarms

    app = Flask(__name__, static_folder=str(ROOT / "static"), template_folder=str(ROOT / "templates"))
    app.config.update(default_config())
    app.config.update(config or {})
    app.json = JSONProvider(app)
    i18n.init_app(app)
    app.add_template_filter(hyphenate)  # soft hyphens for the phone's narrow buttons
    workshops = Workshops(Store(app.config["DATA_DIR"], app.config["DB_BUSY_TIMEOUT"],
                                app.config["MAX_OPEN_DATABASES"], app.config["DB_IDLE_SECONDS"]))
    socketio.init_app(app, async_mode=app.config["ASYNC_MODE"], message_queue=app.config["MESSAGE_QUEUE"],
                      max_http_buffer_size=app.config["MAX_MESSAGE_BYTES"])
    edge.guard(socketio.server, app.config["EVENT_RATE"], app.config["EVENT_BURST"])
    app.wsgi_app = edge.checked_polling(app.wsgi_app, socketio.server)
    app.config["TRUSTED_HOSTS"] = gate.trusted_hosts(app.config)  # Flask refuses other hosts for its routes
    app.wsgi_app = gate.gate(app.wsgi_app, routes.SECURITY_HEADERS, app.config["TRUSTED_HOSTS"],
                             app.config["PUBLIC_URL"])
    if app.config["PROXIES"]:  # outside Socket.IO's middleware, so its connections see the client too
        hops = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    live = LiveResults(socketio, workshops, app.config["RESULTS_INTERVAL"])
    alarms = Alarms(socketio, workshops, live.agenda_changed, app.config["TIMER_GRACE"])
    app.extensions["werkatelier"] = AppState(workshops, live, timers=alarms)
    app.extensions[limits.EXTENSION] = limits.limiters_for(app.config)
    app.register_blueprint(routes.bp)
    app.register_blueprint(api.bp)
    socketio.start_background_task(keep_closing_idle, socketio, workshops.store.pool)
    if app.config["RETENTION_DAYS"]:
        socketio.start_background_task(keep_sweeping, socketio, workshops, live, app.config["RETENTION_DAYS"])
    return app
