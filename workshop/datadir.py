"""One server process per data directory, unless the processes share a message queue.

Two processes on one directory without one would each count presence and send results of their own
connections only, silently. `claim` takes an advisory lock (`fcntl.flock`) on a file in the directory;
the kernel drops it when the process ends, however it ends.
"""

import fcntl
import logging
import os
from pathlib import Path

from .i18n import environment_language, translations

log = logging.getLogger(__name__)
LOCK_FILE = ".werkatelier.lock"  # no session: sessions are `<CODE>.sqlite`


class DataDirInUse(RuntimeError):
    """Another server process holds the data directory."""


def claim(data_dir, shared: bool = False) -> int | None:
    """Lock `data_dir` for this process for as long as it runs (or until the returned descriptor is closed).
    `shared`: this process uses a message queue, so other processes with one may claim it too. Raises
    DataDirInUse if another process holds it; returns None if the directory cannot be written at all."""
    path = Path(data_dir) / LOCK_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:  # a read-only disk: no second server can write here either
        log.warning("the data directory %s cannot be locked: %s", path.parent, error)
        return None
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
        os.close(fd)
        raise DataDirInUse(in_use_message(path.parent, holder)) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def in_use_message(data_dir: Path, holder: str) -> str:
    """For whoever starts the server: in the language of the command line."""
    message = translations(environment_language()).gettext(
        "De map met sessies %(dir)s is al in gebruik door een andere server (proces %(pid)s). Stop die server, kies "
        "een andere map met WORKSHOP_DATA_DIR, of start beide servers met --message-queue redis://…")
    return message % {"dir": data_dir, "pid": holder}
