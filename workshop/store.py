"""Storage, and only storage: one SQLite database per workshop session in the data directory.

A file per session makes archive, export and delete plain file operations. Every write is
committed before the caller acknowledges it (WAL, synchronous=NORMAL: survives a killed server).
"""

import re
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .errors import WorkshopError, not_found

CODE_PATTERN = re.compile(r"^[A-Z2-9]{6}$")

migrations = Migrations("werkatelier")


@migrations()
def m001_initial(db: Database):
    db["session"].create({"id": int, "code": str, "title": str, "created_at": str, "key_hash": str,
                          "current_activity": int}, pk="id")
    db["activities"].create({"id": int, "position": int, "type": str, "title": str, "state": str,
                             "show_results": int, "view": str}, pk="id")
    db["participants"].create({"id": int, "token_hash": str, "name": str, "organisation": str,
                               "joined_at": str}, pk="id")
    db["participants"].create_index(["token_hash"], unique=True)
    db["answers"].create({"activity_id": int, "item": str, "participant_id": int, "value": str, "at": str},
                         pk=("activity_id", "item", "participant_id"))


class Store:
    """The session databases under one data directory."""

    def __init__(self, data_dir):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._open: dict[str, tuple[Database, threading.RLock]] = {}
        self._open_lock = threading.Lock()

    def path(self, code: str) -> Path:
        """The database file of a session; only well-formed codes ever reach the file system."""
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            raise not_found()
        return self.data_dir / f"{code}.sqlite"

    def exists(self, code: str) -> bool:
        try:
            return self.path(code).exists()
        except WorkshopError:
            return False

    @contextmanager
    def _db(self, code: str, create: bool = False):
        """The session's database, used by one caller at a time."""
        with self._open_lock:
            if code not in self._open:
                path = self.path(code)
                if not create and not path.exists():
                    raise not_found()
                self._open[code] = (_connect(path), threading.RLock())
            db, lock = self._open[code]
        with lock:
            yield db

    def close(self):
        """Close every open database (tests, shutdown)."""
        with self._open_lock:
            for db, _ in self._open.values():
                db.conn.close()
            self._open.clear()

    def create_session(self, code, title, key_hash, activities, now):
        """Write a new session with its activities; `activities` holds dicts of type and title."""
        if self.exists(code):
            raise ValueError(f"session {code} exists")
        with self._db(code, create=True) as db, db.atomic():
            db["session"].insert({"id": 1, "code": code, "title": title, "created_at": now,
                                  "key_hash": key_hash, "current_activity": None})
            db["activities"].insert_all(
                {"id": n + 1, "position": n, "type": a["type"], "title": a["title"], "state": "closed",
                 "show_results": 1, "view": a["view"]}
                for n, a in enumerate(activities))

    def session(self, code) -> dict:
        with self._db(code) as db:
            return db["session"].get(1)

    def set_current_activity(self, code, activity_id):
        with self._db(code) as db:
            db["session"].update(1, {"current_activity": activity_id})

    def activities(self, code) -> list[dict]:
        with self._db(code) as db:
            return list(db["activities"].rows_where(order_by="position"))

    def update_activity(self, code, activity_id, **fields):
        with self._db(code) as db:
            db["activities"].update(activity_id, fields)

    def add_participant(self, code, token_hash, name, organisation, now) -> dict:
        with self._db(code) as db:
            table = db["participants"]
            table.insert({"token_hash": token_hash, "name": name, "organisation": organisation, "joined_at": now})
            return table.get(table.last_pk)

    def participant_by_token(self, code, token_hash) -> dict | None:
        with self._db(code) as db:
            return next(db["participants"].rows_where("token_hash = ?", [token_hash]), None)

    def update_participant(self, code, participant_id, **fields):
        with self._db(code) as db:
            db["participants"].update(participant_id, fields)

    def participants(self, code) -> list[dict]:
        with self._db(code) as db:
            return list(db.query("select id, name, organisation, joined_at from participants order by id"))

    def participant_count(self, code) -> int:
        with self._db(code) as db:
            return db["participants"].count

    def save_answer(self, code, activity_id, participant_id, item, value, at):
        """Store an answer, replacing this participant's earlier answer to the same item."""
        with self._db(code) as db:
            db["answers"].upsert({"activity_id": activity_id, "item": item, "participant_id": participant_id,
                                  "value": value, "at": at}, pk=("activity_id", "item", "participant_id"))

    def answers(self, code, activity_id=None, participant_id=None) -> list[dict]:
        """Answers in the order given, optionally of one activity and/or one participant."""
        where, args = [], []
        for column, value in (("activity_id", activity_id), ("participant_id", participant_id)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        with self._db(code) as db:
            return list(db["answers"].rows_where(" and ".join(where) or None, args, order_by="at, rowid"))


def _connect(path: Path) -> Database:
    conn = sqlite3.connect(path, check_same_thread=False, timeout=5, isolation_level=None)
    db = Database(conn)
    db.enable_wal()
    db.execute("PRAGMA synchronous=NORMAL")
    migrations.apply(db)
    return db
