"""The open session databases: a bounded number at once, least recently used closed first, idle ones closed.

Each open WAL database costs three file descriptors (the file, `-wal`, `-shm`): a server that kept every
session it ever read open would run out of them. Closing checkpoints first, so the `.sqlite` alone holds
everything, and drops what was kept in memory for that database.
"""

import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlite_utils import Database

log = logging.getLogger(__name__)
# How long closing waits for another process reading or writing the file: it must not stall this one, and
# what it leaves in the journal the last process to close the file moves over.
CHECKPOINT_WAIT_MS = 100


class Closed(Exception):
    """The database was closed (its session deleted) while the caller waited for it."""


@dataclass(eq=False)
class Opened:
    """One open database, used by one caller at a time, and what is kept in memory while it is open."""

    db: Database
    last_used: float
    lock: threading.RLock = field(default_factory=threading.RLock)
    users: int = 0  # callers holding or waiting for `lock`: it is never closed under them
    closed: bool = False
    answers: dict = field(default_factory=dict)  # activity id -> (data_version, {(participant, item): Answer})
    network: tuple | None = None  # (data_version, follows, network): see Store.network

    def close(self, checkpoint: bool = True):
        """Close the connection; with `checkpoint`, first move the journal into the database file."""
        self.closed = True
        try:
            if checkpoint:
                self.db.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:  # closing goes on: SQLite checkpoints what it can itself
            log.warning("checkpoint before closing failed: %s", error)
        finally:
            self.db.conn.close()


class Pool:
    """At most `max_open` databases open (more only while all are in use); `clock` is injectable for tests."""

    def __init__(self, max_open: int, idle_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.max_open = max_open
        self.idle_seconds = idle_seconds
        self.clock = clock
        self.running = True  # cleared by close_all: the idle closer stops
        self._open: OrderedDict[str, Opened] = OrderedDict()  # least recently used first
        self._lock = threading.Lock()

    @contextmanager
    def use(self, name: str, connect: Callable[[], Database]):
        """The open database `name` (opened with `connect` if it is not), for this caller alone."""
        with self._lock:
            opened = self._open.get(name)
            if opened is None:
                self._close_least_recent(keep=self.max_open - 1)
                opened = self._open[name] = Opened(connect(), self.clock())
            self._open.move_to_end(name)
            opened.users += 1
        try:
            with opened.lock:
                if opened.closed:
                    raise Closed(name)
                yield opened
        finally:
            with self._lock:
                opened.users -= 1
                opened.last_used = self.clock()
                if not opened.closed:
                    self._open.move_to_end(name)
                self._close_least_recent(keep=self.max_open)  # one more may have opened while all were in use

    def forget(self, name: str, then: Callable[[], None] | None = None):
        """Close `name` without a checkpoint (its file is gone, damaged or to be deleted), waiting for a caller
        using it; `then` runs before anyone can open it again."""
        with self._lock:
            opened = self._open.pop(name, None)
            if opened:
                with opened.lock:  # never under a query running in another thread
                    opened.close(checkpoint=False)
            if then:
                then()

    def close_idle(self) -> list[str]:
        """Close every database unused for `idle_seconds`; returns their names."""
        with self._lock:
            cutoff = self.clock() - self.idle_seconds
            idle = [name for name, opened in self._open.items() if not opened.users and opened.last_used <= cutoff]
            for name in idle:
                self._open.pop(name).close()
        return idle

    def close_all(self):
        """Close every database (shutdown, tests) and stop the idle closer; databases still open on demand."""
        self.running = False
        with self._lock:
            while self._open:
                _, opened = self._open.popitem(last=False)
                with opened.lock:
                    opened.close()

    def _close_least_recent(self, keep: int):
        """Close the least recently used databases nobody is using, until at most `keep` are open (holding
        `_lock`)."""
        if len(self._open) <= keep:
            return
        unused = [name for name, opened in self._open.items() if not opened.users]
        for name in unused[:len(self._open) - keep]:
            self._open.pop(name).close()


def keep_closing_idle(socketio, pool: Pool):
    """The background task: close idle databases a few times per idle period, until the pool is closed."""
    while pool.running:
        try:
            pool.close_idle()
        except Exception:  # a background task has nobody to answer to: log, and try again next time
            log.exception("closing idle session databases failed")
        socketio.sleep(pool.idle_seconds / 4)
