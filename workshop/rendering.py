"""Downloads rendered off the server: each in a child process (workshop/render.py) with a time and memory limit.

One render per session at a time (a second gets 429 `render_busy`), at most RENDER_WORKERS in all (then 503
`server_busy`). The server only waits, mode-neutrally (`socketio.sleep` between polls), and kills the child when
the time limit passes or the client has gone; no child outlives its request. The server holds only the finished
file (a few MB for thousands of cards), never what it took to render it.
"""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, request
from flask_babel import gettext as _

from . import ROOT, socketio
from .errors import WorkshopError
from .i18n import current_language
from .render import REFUSED, TOO_LARGE

EXTENSION = "werkatelier.renders"
POLL_SECONDS = 0.1
CLIENT_GONE = "werkatelier.client_gone"  # the server (run.py) puts a callable here: True once the client left


class Renders:
    """The sessions being rendered for now, in this process."""

    def __init__(self):
        self.running: set[str] = set()
        self.lock = threading.Lock()

    @contextmanager
    def slot(self, code: str, workers: int):
        """Hold the session's one render slot, or refuse: 429 while it renders, 503 when `workers` run."""
        with self.lock:
            if code in self.running:
                raise WorkshopError(_("Er wordt voor deze sessie al een download gemaakt. Wacht tot die klaar is "
                                      "en probeer het dan opnieuw."), status=429, reason="render_busy")
            if len(self.running) >= workers:
                raise WorkshopError(_("De server maakt nu al het maximale aantal downloads tegelijk. Probeer het "
                                      "over een minuut opnieuw."), status=503, reason="server_busy")
            self.running.add(code)
        try:
            yield
        finally:
            with self.lock:
                self.running.discard(code)


def renders() -> Renders:
    return current_app.extensions.setdefault(EXTENSION, Renders())


def rendered(code: str, fmt: str, include_hidden: bool = False, links: dict | None = None) -> bytes:
    """The download `fmt` (workshop.render.FORMATS) of this session, rendered by a child process."""
    config = current_app.config
    with renders().slot(code, config["RENDER_WORKERS"]), tempfile.TemporaryDirectory(prefix="werkatelier-") as work:
        out = Path(work) / f"{code}.{fmt}"
        job = {"data_dir": str(config["DATA_DIR"]), "busy_timeout": config["DB_BUSY_TIMEOUT"], "code": code,
               "format": fmt, "out": str(out), "include_hidden": include_hidden, "links": links,
               "memory_mb": config["RENDER_MEMORY_MB"], "timeout": config["RENDER_TIMEOUT"],
               "server_pid": os.getpid(), "language": current_language()}
        returncode = run_child(job, config["RENDER_TIMEOUT"])
        if returncode == TOO_LARGE:
            raise WorkshopError(_("Dit bestand is te groot om te maken binnen de geheugengrens van de server "
                                  "(%(mb)s MB). Wat in de sessie staat is bewaard. Kies een eenvoudiger download "
                                  "(export.csv is het zuinigst) of vraag wie de server beheert de grens te verhogen.",
                                  mb=config["RENDER_MEMORY_MB"]), status=503, reason="render_too_large")
        if returncode == REFUSED:
            refusal = json.loads(out.read_text())
            raise WorkshopError(refusal["error"], status=refusal["status"], reason=refusal["reason"])
        if returncode:
            raise WorkshopError(_("Het bestand kon niet worden gemaakt door een fout op de server. Wat in de sessie "
                                  "staat is bewaard; probeer het later opnieuw."), status=500, reason="render_failed")
        return out.read_bytes()


def run_child(job: dict, timeout: float) -> int:
    """Run the render child to its end and return its exit status; kill it when the time limit passes or the
    client has gone. The child is always reaped."""
    client_gone = request.environ.get(CLIENT_GONE) or (lambda: False)
    deadline = time.monotonic() + timeout
    child = subprocess.Popen([sys.executable, "-m", "workshop.render"], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL)
    try:
        with child.stdin:  # not on the command line, where anyone on the machine could read the report's token
            child.stdin.write(json.dumps(job).encode())
        while child.poll() is None:
            if client_gone():
                raise WorkshopError(_("De download is afgebroken: de verbinding is verbroken."), status=499,
                                    reason="client_gone")
            if time.monotonic() > deadline:
                raise WorkshopError(_("Het maken van dit bestand duurde langer dan %(seconds)s seconden en is "
                                      "gestopt. Wat in de sessie staat is bewaard. Kies een eenvoudiger download "
                                      "(export.csv is het snelst) of vraag wie de server beheert de tijdslimiet te "
                                      "verhogen.", seconds=format(timeout, "g")), status=503, reason="render_timeout")
            socketio.sleep(POLL_SECONDS)
        return child.returncode
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()


def download(data: bytes, content_type: str, filename: str | None = None):
    """The response for a rendered download, an attachment if `filename`; never cached."""
    response = current_app.response_class(data, content_type=content_type)
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
