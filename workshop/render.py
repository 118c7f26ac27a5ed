"""The render child: `python -m workshop.render` renders one download of a session into a file and exits.

The server starts it for each csv, xlsx or report download (workshop/rendering.py), so gathering a big session and
rendering it never runs on the server's event loop, and the server's memory never holds the render. Its job comes
as JSON on stdin: `{"data_dir", "busy_timeout", "code", "format", "out", "include_hidden", "links", "memory_mb",
"timeout", "server_pid", "language"}`, where `format` is one of FORMATS, `links` the report's link URLs (computed
by the server, which knows the request) and `language` the asker's (for refusals). The child opens the session's
database itself and only reads it; what it renders is in the session's language, read from there. Exit 0: `out`
holds the file; exit 3: `out` holds a JSON refusal `{error, reason, status}` for the person; exit 4: it ran out of
memory; anything else is a failure (a traceback on stderr).
"""

import ctypes
import errno
import json
import math
import os
import resource
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from . import ROOT
from .errors import WorkshopError

REFUSED = 3  # exit status: `out` holds a WorkshopError as JSON
TOO_LARGE = 4  # exit status: out of memory
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


def limit_resources(memory_mb: int, seconds: float):
    """Cap this process's address space and processor time (the server kills it at `seconds` anyway; this ends it
    even if the server cannot) and give way to the live server. Done here, not in a preexec_fn of the server,
    because a preexec_fn is unsafe in a process with threads."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    os.nice(10)


def end_with_the_server(server_pid: int):
    """Have the kernel kill this child when the server that started it dies (Linux's PR_SET_PDEATHSIG): a thread
    watching for that would not run while a C library (fontconfig, say) holds the interpreter for seconds."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != server_pid:  # it died before that
        os._exit(1)


def workshops(job: dict):
    from .sessions import Workshops
    from .store import Store

    return Workshops(Store(job["data_dir"], job["busy_timeout"]))


def app():
    """A bare Flask app on the same templates and catalogue (no Socket.IO, no tasks)."""
    from flask import Flask

    from . import i18n
    from .organisations import organisation_label
    from .report import decimal

    bare = Flask("workshop", static_folder=str(ROOT / "static"), template_folder=str(ROOT / "templates"))
    i18n.init_app(bare)
    bare.add_template_filter(organisation_label, "organisation")
    bare.add_template_filter(decimal, "decimal")
    return bare


@contextmanager
def in_language(language: str | None):
    """A request context of the bare app in which gettext speaks `language` (Dutch if None)."""
    from .i18n import use_language

    with app().test_request_context("/"):
        use_language(language)
        yield


def session_language(sessions, code: str) -> str:
    """The session's language, from here on the language of everything rendered (and of its refusals)."""
    from .i18n import use_language

    language = sessions.language(code)
    use_language(language)
    return language


def report_html(job: dict) -> str:
    """templates/report/report.html in the session's language."""
    from flask import render_template

    from .report import gather

    sessions = workshops(job)
    language = session_language(sessions, job["code"])
    report = gather(sessions, job["code"], job["include_hidden"], language)
    return render_template("report/report.html", report=report, links=job["links"])


def csv_file(job: dict) -> bytes:
    from .exports import csv_bytes

    sessions = workshops(job)
    return csv_bytes(sessions.export(job["code"], session_language(sessions, job["code"])))


def xlsx_file(job: dict) -> bytes:
    from .exports import xlsx_bytes

    sessions = workshops(job)
    language = session_language(sessions, job["code"])
    return xlsx_bytes(sessions.export(job["code"], language), sessions.results(job["code"], language=language))


def html_file(job: dict) -> bytes:
    return report_html(job).encode("utf-8")


def pdf_file(job: dict) -> bytes:
    from .report import pdf

    return pdf(report_html(job))


FORMATS = {"csv": csv_file, "xlsx": xlsx_file, "html": html_file, "pdf": pdf_file}


def main() -> int:
    job = json.load(sys.stdin)
    end_with_the_server(job["server_pid"])
    limit_resources(job["memory_mb"], job["timeout"])
    out = Path(job["out"])
    try:
        with in_language(job.get("language")):  # the asker's language, until the session's is known
            try:
                out.write_bytes(FORMATS[job["format"]](job))
            except WorkshopError as error:  # e.g. the session was deleted meanwhile: the person hears why
                refuse(out, error)
                return REFUSED
    except MemoryError:  # the server says why: this process may not even have the memory to word it
        return TOO_LARGE
    except OSError as error:  # the same, met while reading a file (an import, say)
        if error.errno != errno.ENOMEM:
            raise
        return TOO_LARGE
    return 0


def refuse(out: Path, error: WorkshopError):
    out.write_text(json.dumps({"error": error.message, "reason": error.reason, "status": error.status}))


if __name__ == "__main__":
    sys.exit(main())
