"""One session's SQLite file from the outside: whether it is a whole database, and SQLite's errors as refusals."""

import logging
import os
import sqlite3
from pathlib import Path

from flask_babel import lazy_gettext

from .errors import StorageError

log = logging.getLogger(__name__)
SQLITE_HEADER = b"SQLite format 3\x00"
DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)  # primary result codes of a damaged file


def damage_of(path: Path) -> str | None:
    """What is wrong with a session file that SQLite could not read whole, or None: empty, no SQLite
    database, or shorter than its header says (unless the journal beside it holds newer pages)."""
    with path.open("rb") as file:
        header = file.read(100)
        size = os.fstat(file.fileno()).st_size
    if not header:
        return "empty file"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if len(header) < 100 or not header.startswith(SQLITE_HEADER) or page_size < 512 or page_size & (page_size - 1):
        return "not a SQLite database"
    pages, size_is_valid = int.from_bytes(header[28:32], "big"), header[24:28] == header[92:96]
    wal = path.with_name(path.name + "-wal")
    if (size % page_size or size_is_valid and pages * page_size > size) and not (wal.exists() and wal.stat().st_size):
        return f"truncated: {size} bytes"
    return None


def on_read_only_disk(path: Path) -> bool:
    """Whether `path` lies on a file system mounted read-only: nobody can change a file there."""
    return bool(os.statvfs(path).f_flag & os.ST_RDONLY)


def is_damage(error: sqlite3.Error) -> bool:
    return error.sqlite_errorcode & 0xFF in DAMAGED


def storage_error(error: sqlite3.Error, writable: bool) -> StorageError:
    """SQLite's refusal as a message for the person; the server stays up and what was stored before stays stored.
    `writable`: whether the data directory can be written (if it can, a file that cannot be opened there
    is another fault, such as too many open files)."""
    primary = error.sqlite_errorcode & 0xFF
    if primary == sqlite3.SQLITE_FULL:
        return StorageError(lazy_gettext("De opslag van de server is vol: dit is niet bewaard. Wat eerder was "
                                         "opgeslagen blijft bewaard. Maak ruimte vrij op de server en probeer het "
                                         "opnieuw."), reason="storage_full")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StorageError(lazy_gettext("De opslag van de server is even bezet: dit is niet bewaard. Probeer het "
                                         "zo opnieuw."), reason="storage_busy")
    if primary == sqlite3.SQLITE_READONLY or (primary == sqlite3.SQLITE_CANTOPEN and not writable):
        return StorageError(lazy_gettext("De server mag niets opslaan: de map met sessies is alleen-lezen. Dit is "
                                         "niet bewaard; wat eerder was opgeslagen blijft bewaard. Neem contact op "
                                         "met wie de server beheert."), reason="storage_readonly")
    log.warning("storage failed: %s", error)
    return StorageError(lazy_gettext("De opslag van de server werkt niet: dit is niet bewaard. Wat eerder was "
                                     "opgeslagen blijft bewaard."), reason="storage_failed")
