"""End-to-end fixtures: the real server (`python run.py`, eventlet) in a subprocess, a REST client,
python-socketio clients, and Debian's Chromium driven by Playwright. Helpers live in support.py."""

from pathlib import Path

import pytest

from .support import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, Api, Recorder, Server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real app in a subprocess, one per test module; `server.restart()` kill -9's and restarts it.
    Has `base_url`, `data_dir`, `port`, `restart()`, `log()`."""
    base = tmp_path_factory.mktemp("e2e-server")
    running = Server(base / "sessions", base / "server.log")
    try:
        running.start()
        yield running
    finally:
        running.stop()
    # A handler or background task that failed shows only in the server's output: fail on it too.
    output = running.log(tail=None)
    assert "Traceback" not in output, f"the server logged an error:\n{output[-6000:]}"


@pytest.fixture
def api(server):
    return Api(server.base_url)


@pytest.fixture
def sio_client(server):
    """Factory of python-socketio clients connected over websocket. Each has a `.recorder` with the
    `results`, `presence`, `session`, `activity` and `connect` events it got. Disconnected at teardown."""
    import socketio

    clients = []

    def make(reconnection=False):
        client = socketio.Client(reconnection=reconnection, reconnection_delay=0.2,
                                 reconnection_delay_max=0.5, randomization_factor=0)
        client.recorder = recorder = Recorder()
        for name in ("results", "presence", "session", "activity"):
            client.on(name, lambda payload, name=name: recorder.add(name, payload))
        client.on("connect", lambda: recorder.add("connect", None))
        client.on("disconnect", lambda reason=None, client=client: _close_dropped_websocket(client, reason))
        clients.append(client)
        client.connect(server.base_url, transports=["websocket"], wait_timeout=10)
        return client

    yield make
    for client in clients:
        try:
            client.disconnect()
        except Exception:  # noqa: BLE001  (best effort: the server may be gone)
            pass


def _close_dropped_websocket(client, reason):
    """python-engineio leaves the websocket-client socket open when the server drops the connection
    (e.g. the server is killed); it is then garbage collected with a ResourceWarning, an error here.
    Close it as soon as the drop is noticed; a disconnect we ask for closes it itself."""
    if reason == client.reason.CLIENT_DISCONNECT:
        return
    ws = getattr(client.eio, "ws", None)
    if ws is not None:
        ws.shutdown()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """test-output/screenshots/ (gitignored), created on first use."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium under Playwright; a missing /usr/bin/chromium is a failure, not a skip."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium package. "
                    "Run `make test`, which installs it (apt-get install chromium).", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def contexts(browser):
    """Factory of browser contexts (each its own localStorage: one device; Dutch unless `locale` says otherwise),
    closed at teardown."""
    made = []

    def new(width, height, phone=False, locale="nl-NL"):
        options = {"viewport": {"width": width, "height": height}, "locale": locale}  # pages follow the browser
        if phone:
            options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
        context = browser.new_context(**options)
        context.set_default_timeout(8000)
        made.append(context)
        return context

    yield new
    for context in made:
        context.close()
