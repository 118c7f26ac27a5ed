"""Start Werkatelier: `python run.py [--host H] [--port P] [--lan] [--public-url URL] [--async-mode M]
[--retention-days N] [--message-queue URL] [--proxies N]` (`python run.py --help`).

The only module that knows the async mode: it patches the standard library for eventlet or gevent before anything
else is imported, binds the port itself (so a port in use is an error, never a silent second server), and serves
with that mode's WSGI server, with time limits on idle and half-sent connections, a connection cap below the
descriptor limit, and an accept loop that waits out descriptor exhaustion instead of dying. Its help and what it
prints come from the app's catalogue, in the language of the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
"""

import argparse
import errno
import importlib.util
import os
import select
import signal
import socket
import sys
import time
import warnings

MODES = ("eventlet", "gevent", "threading")
HTTP_TIMEOUT = float(os.environ.get("WORKSHOP_HTTP_TIMEOUT") or 20)  # s: an idle or half-sent HTTP connection
WEBSOCKET_TIMEOUT = 70.0  # s without a frame; Engine.IO pings every 25 s and gives up after 45 s itself
MAX_CONNECTIONS = 10_000
RESERVED_DESCRIPTORS = 400  # kept free of connections: session databases (3 each), renders, logs
OUT_OF_DESCRIPTORS = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}


def installed_default_mode() -> str:
    """eventlet, the design's default, while it is installed; gevent once a host has dropped it."""
    return "eventlet" if importlib.util.find_spec("eventlet") else "gevent"


def requested_mode() -> str:
    """The async mode asked for, read before anything else is imported (the full parser needs the catalogue)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--async-mode", default=os.environ.get("WORKSHOP_ASYNC_MODE") or installed_default_mode())
    return early.parse_known_args()[0].async_mode


MODE = requested_mode()
if MODE == "eventlet":
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")  # said in one line at start instead
    import eventlet

    eventlet.monkey_patch()  # before anything else creates sockets or locks
elif MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()  # before anything else creates sockets or locks

from workshop.i18n import environment_language, translations  # noqa: E402  (the library is not read yet)

LANGUAGE = environment_language()


def _(message: str, **values) -> str:
    """A message of the catalogue in the language of the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
    translated = translations(LANGUAGE).gettext(message)
    return translated % values if values else translated


class HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix or _("gebruik: "))


def parse_args():
    parser = argparse.ArgumentParser(description=_("Werkatelier: live werkateliers op beamer en telefoon."),
                                     add_help=False, formatter_class=HelpFormatter)
    options = parser.add_argument_group(_("opties"))
    options.add_argument("-h", "--help", action="help", help=_("toon deze hulp en stop"))
    options.add_argument("--host", default="127.0.0.1", help=_("adres om op te luisteren (standaard 127.0.0.1)"))
    options.add_argument("--port", type=int, default=5000, help=_("poort (standaard 5000)"))
    options.add_argument("--lan", action="store_true",
                         help=_("bereikbaar voor telefoons in het lokale netwerk: luister op 0.0.0.0 en zet het "
                                "LAN-adres in QR-code en link"))
    options.add_argument("--public-url", default=os.environ.get("WORKSHOP_PUBLIC_URL"),
                         help=_("adres dat deelnemers gebruiken, bijvoorbeeld https://werkatelier.example.nl "
                                "(WORKSHOP_PUBLIC_URL)"))
    options.add_argument("--async-mode", default=os.environ.get("WORKSHOP_ASYNC_MODE") or installed_default_mode(),
                         choices=MODES, help=_("Socket.IO async mode (standaard eventlet, zonder eventlet gevent; "
                                               "zie README)"))
    options.add_argument("--retention-days", type=float, default=os.environ.get("WORKSHOP_RETENTION_DAYS"),
                         help=_("verwijder sessies die zoveel dagen niet zijn gewijzigd (WORKSHOP_RETENTION_DAYS; "
                                "standaard uit)"))
    options.add_argument("--message-queue", default=os.environ.get("WORKSHOP_MESSAGE_QUEUE"),
                         help=_("Redis-adres dat meerdere serverprocessen delen, bijvoorbeeld "
                                "redis://127.0.0.1:6379/0 (WORKSHOP_MESSAGE_QUEUE)"))
    options.add_argument("--proxies", type=int, default=int(os.environ.get("WORKSHOP_PROXIES") or 0),
                         help=_("aantal reverse proxies ervoor waarvan X-Forwarded-For wordt geloofd "
                                "(WORKSHOP_PROXIES; standaard 0)"))
    return parser.parse_args()


args = parse_args()
try:  # the instrument library (workshop/library/) is read and checked on import
    from workshop import library  # noqa: F401
except ValueError as error:  # library.LibraryError: the message names the file and the place
    sys.exit(_("Een bestand in de bibliotheek (workshop/library/) is onbruikbaar: %(error)s", error=error))
from workshop import ROOT, create_app, default_config  # noqa: E402
from workshop.datadir import DataDirInUse, claim  # noqa: E402
from workshop.frontend import missing_frontend_files  # noqa: E402
from workshop.links import lan_address  # noqa: E402


def check_frontend():
    """Refuse to start without the installed front-end files: every live page would be broken, silently."""
    missing = missing_frontend_files(ROOT / "static")
    if missing:
        names = ", ".join(f"static/{name}" for name in missing)
        sys.exit(_("Werkatelier start niet: %(files)s ontbreekt. `make run` installeert het (met npm, uit "
                   "package.json).", files=names))


def raise_descriptor_limit() -> int:
    """Raise the soft limit on open files to the hard one (Debian's shells start at 1024); return the limit."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65_536
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return soft


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound without SO_REUSEPORT: if the port is taken, say so and stop."""
    family, *_unused, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart may reuse a port in TIME_WAIT
    try:
        listener.bind(address)
    except OSError as error:
        listener.close()
        if error.errno != errno.EADDRINUSE:
            raise
        sys.exit(_("Poort %(port)s is al in gebruik, door een andere Werkatelier-server of een ander programma. "
                   "Kies een andere poort (make run ARGS=\"--port %(next)s\") of stop het andere programma.",
                   port=port, next=port + 1))
    listener.listen(1024)
    return listener


def peer_closed(connection: socket.socket) -> bool:
    """True once the client has closed its side (readable with nothing to read) or the connection broke."""
    try:
        readable, *_unused = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


def with_connection(wsgi_app, connection_of):
    """Give the app `werkatelier.client_gone` (long renders stop when their client leaves), and give a websocket
    the longer timeout of a connection that may be quiet between Engine.IO's pings."""
    def middleware(environ, start_response):
        connection = connection_of(environ)
        if connection is not None:
            if environ.get("HTTP_UPGRADE", "").lower() == "websocket":
                connection.settimeout(WEBSOCKET_TIMEOUT)
            environ["werkatelier.client_gone"] = lambda: peer_closed(connection)
        return wsgi_app(environ, start_response)
    return middleware


class PatientListener:
    """A listening socket whose accept() waits while this process is out of descriptors, instead of raising
    EMFILE into eventlet's server loop, which would end it and the process."""

    def __init__(self, listener):
        self._listener = listener

    def accept(self):
        while True:
            try:
                return self._listener.accept()
            except OSError as error:
                if error.errno == errno.ECONNABORTED:
                    continue
                if error.errno not in OUT_OF_DESCRIPTORS:
                    raise
                time.sleep(0.1)  # patched: only this loop waits; open connections go on and free descriptors

    def __getattr__(self, name):
        return getattr(self._listener, name)


def serve_eventlet(app, listener, connections: int):
    import eventlet.wsgi

    app.wsgi_app = with_connection(app.wsgi_app, lambda environ: environ["eventlet.input"].get_socket())
    eventlet.wsgi.server(PatientListener(listener), app, log_output=False, max_size=connections,
                         keepalive=HTTP_TIMEOUT, socket_timeout=HTTP_TIMEOUT)


def serve_gevent(app, listener, connections: int):
    from gevent import pywsgi
    from gevent.pool import Pool

    class Handler(pywsgi.WSGIHandler):
        def handle(self):
            self.socket.settimeout(HTTP_TIMEOUT)
            super().handle()

        def get_environ(self):
            environ = super().get_environ()
            environ["werkatelier.socket"] = self.socket
            return environ

    app.wsgi_app = with_connection(app.wsgi_app, lambda environ: environ["werkatelier.socket"])
    # gevent's server pauses accepting by itself when accept() fails with EMFILE.
    pywsgi.WSGIServer(listener, app, handler_class=Handler, spawn=Pool(connections), log=None).serve_forever()


def serve_threading(app, listener, _connections: int):
    from werkzeug.serving import WSGIRequestHandler, make_server

    class Handler(WSGIRequestHandler):
        timeout = HTTP_TIMEOUT

        def log_request(self, *_args):
            """Quiet: no line per request, as in the other modes."""

    app.wsgi_app = with_connection(app.wsgi_app, lambda environ: environ.get("werkzeug.socket"))
    host, port = listener.getsockname()[:2]
    server = make_server(host, port, app, threaded=True, request_handler=Handler, fd=listener.fileno())
    accept = server.get_request

    def get_request():
        try:
            return accept()
        except OSError as error:
            if error.errno in OUT_OF_DESCRIPTORS:
                time.sleep(0.1)  # instead of retrying at once, at full speed
            raise

    server.get_request = get_request
    server.serve_forever()


def stop_cleanly(app):
    """On SIGTERM or Ctrl+C: checkpoint and close every session database, so each session is one file again.
    (No store lock is held across a switch of green threads, so the handler never waits for one of them.)"""
    def stop(_signum, _frame):
        app.extensions["werkatelier"].workshops.close()
        print(_("Werkatelier is gestopt; alle sessies zijn bewaard."), flush=True)
        os._exit(0)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def announce(shown: str, lan: bool, app, connections: int, descriptors: int):
    print(_("Werkatelier draait op %(url)s  (data: %(dir)s, modus %(mode)s)", url=shown, dir=app.config["DATA_DIR"],
            mode=args.async_mode), flush=True)
    if lan or args.public_url:
        print("  " + _("Telefoons: %(url)s (of de QR-code op de beamer)", url=shown))
    else:
        print("  " + _("Alleen deze computer bereikt dit adres; voor telefoons in de zaal: make run ARGS=\"--lan\""))
    if connections < 1000:
        print("  " + _("Let op: hoogstens %(n)s verbindingen tegelijk (limiet open bestanden %(limit)s); verhoog die "
                       "met `ulimit -n`.", n=connections, limit=descriptors))
    if args.async_mode == "eventlet":
        print("  " + _("eventlet wordt alleen nog onderhouden; --async-mode gevent is het alternatief (README)."))
    print("  " + _("Stoppen: Ctrl+C"), flush=True)


def main():
    check_frontend()
    host, public_url = args.host, args.public_url
    if args.lan:
        host = "0.0.0.0"
        if not public_url:
            address = lan_address()
            public_url = f"http://{address}:{args.port}" if address else None
    listener = listen(host, args.port)
    defaults = default_config()
    try:  # before create_app starts background tasks (retention) that a refused process must not run
        claim(defaults["DATA_DIR"], shared=bool(args.message_queue))
    except DataDirInUse as error:
        sys.exit(str(error))
    descriptors = raise_descriptor_limit()
    connections = max(64, min(MAX_CONNECTIONS, descriptors - RESERVED_DESCRIPTORS))
    named_host = [] if host in ("127.0.0.1", "0.0.0.0", "::", "localhost") else [host]  # the address asked for
    app = create_app({"ASYNC_MODE": args.async_mode, "PUBLIC_URL": public_url,
                      "TRUSTED_HOSTS": defaults["TRUSTED_HOSTS"] + named_host,
                      "RETENTION_DAYS": float(args.retention_days) if args.retention_days else None,
                      "MESSAGE_QUEUE": args.message_queue or None, "PROXIES": args.proxies})
    stop_cleanly(app)
    shown = public_url or f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{args.port}"
    announce(shown, args.lan, app, connections, descriptors)
    {"eventlet": serve_eventlet, "gevent": serve_gevent, "threading": serve_threading}[args.async_mode](
        app, listener, connections)


if __name__ == "__main__":
    main()
