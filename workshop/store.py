"""Storage, and only storage: one SQLite database per workshop session in the data directory.

A file per session makes archive, export and delete plain file operations. Every write is
committed before the caller acknowledges it (WAL, synchronous=NORMAL: survives a killed server).
Databases are opened on demand and closed when idle (dbpool.py); a file that is not a whole SQLite
database is refused as damaged and never written (dbfile.py).
"""

import json
import logging
import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .activities.base import Answer, Participant
from .dbfile import damage_of, is_damage, on_read_only_disk, storage_error
from .dbpool import Closed, Pool
from .errors import StorageError, WorkshopError, not_found, session_damaged

log = logging.getLogger(__name__)
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


@migrations()
def m002_entries(db: Database):
    """Free-text cards (several per person and item), moderated by the facilitator; names on the beamer."""
    db["entries"].create({"id": int, "activity_id": int, "item": str, "participant_id": int, "text": str,
                          "at": str, "edited_at": str, "hidden": int, "highlighted": int}, pk="id",
                         not_null={"hidden", "highlighted"}, defaults={"hidden": 0, "highlighted": 0})
    db["entries"].create_index(["activity_id", "participant_id"])
    db["activities"].add_column("show_names", int, not_null_default=0)


@migrations()
def m003_definitions(db: Database):
    """Each activity keeps its full definition (items, wording, options), as JSON. Sessions from before get the
    library's definition of their type: the wording they were made with."""
    from .library import INSTRUMENTS
    from .stored import definition_json

    db["activities"].add_column("definition", str)
    for row in list(db["activities"].rows):
        db["activities"].update(row["id"], {"definition": definition_json(INSTRUMENTS[row["type"]])})


@migrations()
def m004_agenda(db: Database):
    """A running session's agenda changes: an activity can be hidden, and a removed activity's id is never given
    again (a phone or screen that still knows it must never mistake a new activity for it)."""
    db["activities"].add_column("hidden", int, not_null_default=0)
    db["session"].add_column("last_activity_id", int)
    db.execute("update session set last_activity_id = (select coalesce(max(id), 0) from activities)")


@migrations()
def m005_language(db: Database):
    """The session's language: of its beamer, console and report (each phone chooses its own)."""
    db["session"].add_column("language", str, not_null_default="nl")


@migrations()
def m006_timer(db: Database):
    """An activity's countdown: its length, whether it closes the activity at zero, and while it runs its
    wall-clock deadline (seconds since the epoch), while paused the seconds it had left."""
    db["activities"].add_column("timer_seconds", int)
    db["activities"].add_column("timer_close", int, not_null_default=0)
    db["activities"].add_column("timer_deadline", float)
    db["activities"].add_column("timer_remaining", float)


@migrations()
def m007_release(db: Database):
    """The facilitator may release an activity's results to the phones too (0: only on the beamer)."""
    db["activities"].add_column("results_released", int, not_null_default=0)


@migrations()
def m008_moderators(db: Database):
    """Moderator links: each its own key, stored hashed; a revoked link stays (its id is never given again)."""
    db["moderators"].create({"id": int, "key_hash": str, "created_at": str, "revoked_at": str}, pk="id",
                            not_null={"key_hash", "created_at"})


@migrations()
def m009_beamer(db: Database):
    """The beamer as the facilitator set it: blanked (a pause screen) or not, and where its QR code shows."""
    db["session"].add_column("beamer_blank", int, not_null_default=0)
    db["session"].add_column("beamer_qr", str, not_null_default="auto")


@migrations()
def m010_wall(db: Database):
    """The card wall on the beamer: the facilitator's page counter (the beamer shows it modulo its own number of
    pages), the seconds per page when it advances by itself (0: by hand), and the card in the spotlight (or none)."""
    db["activities"].add_column("wall_page", int, not_null_default=0)
    db["activities"].add_column("wall_page_seconds", int, not_null_default=0)
    db["activities"].add_column("wall_spotlight", int)


@migrations()
def m011_themes(db: Database):
    """Themes per activity that the facilitator groups cards into; a card is in one theme or none, and may be
    merged into another card that says the same (kept, shown as part of that card)."""
    db["themes"].create({"id": int, "activity_id": int, "name": str, "position": int, "created_at": str}, pk="id",
                        not_null={"activity_id", "name", "position", "created_at"})
    db["themes"].create_index(["activity_id"])
    db["entries"].add_column("theme_id", int)
    db["entries"].add_column("merged_into", int)


@migrations()
def m012_voting(db: Database):
    """Dot voting: a vote is an activity of its own on the cards of its source activity; the options (cards) that
    no longer take dots (hidden or deleted since), as their values joined by commas."""
    db["activities"].add_column("source_activity", int)
    db["activities"].add_column("voting_hidden", str, not_null_default="")


@migrations()
def m013_reciprocity(db: Database):
    """A halen card may name the organisation it asks from, a brengen card the one it offers to (null: none)."""
    db["entries"].add_column("partner", str)


@migrations()
def m014_card_versions(db: Database):
    """Screens get only the cards that changed: each activity counts its card changes (`card_version`), a card
    keeps the count of its last change, and a deleted card's id stays with the count of its deletion. The cards
    of an older session each get a count of their own, in the order written."""
    db["activities"].add_column("card_version", int, not_null_default=0)
    db["entries"].add_column("version", int, not_null_default=0)
    db["deleted_entries"].create({"id": int, "activity_id": int, "version": int}, pk="id")
    db.execute("update entries set version = (select count(*) from entries e "
               "where e.activity_id = entries.activity_id and e.id <= entries.id)")
    db.execute("update activities set card_version = (select count(*) from entries where activity_id = activities.id)")
    db["entries"].create_index(["activity_id", "version"])
    db["deleted_entries"].create_index(["activity_id", "version"])


@migrations()
def m016_networks(db: Database):
    """Sessions of one network over time (issue 15): the code of the earlier session this one follows up (null:
    none), and the network it belongs to as JSON (its id, name, members and aliases; null: none). Every member
    keeps its own copy; there is no file of the network."""
    db["session"].add_column("follows", str)
    db["session"].add_column("network", str)


class Store:
    """The session databases under one data directory."""

    def __init__(self, data_dir, busy_timeout: float = 5.0, max_open: int = 64, idle_seconds: float = 60.0):
        self.data_dir = Path(data_dir)
        self.busy_timeout = busy_timeout  # seconds a write waits for another writer before it gives up
        self.pool = Pool(max_open, idle_seconds)
        self._files: dict[str, str] = {}  # session code -> its database file (see `_file`)
        self._reported: set[str] = set()  # damaged sessions already logged: once per session and process
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a read-only disk: the server still starts, creating a session gets a 503
            log.error("the data directory %s cannot be made: %s", self.data_dir, error)

    def path(self, code: str) -> Path:
        """The database file of a session; only well-formed codes ever reach the file system."""
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            raise not_found()
        return self.data_dir / f"{code}.sqlite"

    def _file(self, code: str) -> str:
        """`path` as a string, kept for the sessions in use: every call checks that the file is still there, and
        pathlib would build the same path again each time."""
        file = self._files.get(code)
        if file is None:
            if len(self._files) >= self.pool.max_open * 4:
                self._files.clear()
            file = self._files[code] = str(self.path(code))
        return file

    def exists(self, code: str) -> bool:
        try:
            return self.path(code).exists()
        except WorkshopError:
            return False

    @contextmanager
    def _db(self, code: str, create: bool = False):
        """The session's database, used by one caller at a time."""
        with self._opened(code, create) as opened:
            yield opened.db

    @contextmanager
    def _opened(self, code: str, create: bool = False):
        """The session's open database and what is kept in memory for it, used by one caller at a time."""
        if not create and not os.path.exists(self._file(code)):  # never made, or deleted (also by another process)
            self.pool.forget(code)
            raise not_found()
        try:
            with self.pool.use(code, lambda: self._connect(code, self.path(code), create)) as opened:
                yield opened
        except Closed:
            raise not_found() from None  # deleted while this caller waited
        except sqlite3.Error as error:
            raise self._refusal(code, error) from error

    def _connect(self, code: str, path: Path, create: bool) -> Database:
        """Open a session's database; an existing file only if it is a whole SQLite database."""
        if not create:
            try:
                damage = damage_of(path)
            except FileNotFoundError:
                raise not_found() from None
            if damage:
                raise self._damaged(code, damage)
        return connect(path, self.busy_timeout, create)

    def _refusal(self, code: str, error: sqlite3.Error) -> StorageError:
        """SQLite's error as the person's refusal; a damaged file is closed and never written again."""
        if is_damage(error):
            self.pool.forget(code)
            return self._damaged(code, str(error))
        return storage_error(error, writable=os.access(self.data_dir, os.W_OK))

    def _damaged(self, code: str, damage: str) -> StorageError:
        if code not in self._reported:
            self._reported.add(code)
            log.error("session %s is damaged (%s); its file %s is left as it is", code, damage, self.path(code))
        return session_damaged()

    def close(self):
        """Checkpoint and close every open database, so each `.sqlite` holds all its data (shutdown, tests)."""
        self.pool.close_all()

    def codes(self) -> list[str]:
        """The codes of every session in the data directory, leaving out files that are no whole database."""
        return sorted(p.stem for p in self.data_dir.glob("*.sqlite")
                      if CODE_PATTERN.match(p.stem) and not self._unreadable(p))

    def _unreadable(self, path: Path) -> bool:
        try:
            damage = damage_of(path)
        except FileNotFoundError:  # deleted meanwhile
            return True
        except OSError as error:  # not readable at all
            damage = str(error)
        if damage:
            self._damaged(path.stem, damage)
        return bool(damage)

    def last_touched(self, code) -> float:
        """When the session's data last changed (seconds since the epoch): its newest file."""
        path = self.path(code)
        files = [f for f in (path, path.with_name(path.name + "-wal")) if f.exists()]
        if not files:
            raise not_found()
        return max(f.stat().st_mtime for f in files)

    def delete(self, code):
        """Remove a session for good: its database and the journal files beside it. A damaged file is refused
        (`session_damaged`), never deleted: whoever runs the server may want to rescue it."""
        path = self.path(code)
        self.session(code)

        def remove_files():
            for name in (path.name, path.name + "-wal", path.name + "-shm"):
                path.with_name(name).unlink(missing_ok=True)

        self.pool.forget(code, then=remove_files)

    def create_session(self, code, title, key_hash, activities, now, language="nl"):
        """Write a new session with its activities: dicts of type, title, view and definition (JSON)."""
        if self.exists(code):
            raise ValueError(f"session {code} exists")
        with self._db(code, create=True) as db, db.atomic():
            db["session"].insert({"id": 1, "code": code, "title": title, "created_at": now,
                                  "key_hash": key_hash, "current_activity": None,
                                  "last_activity_id": len(activities), "language": language})
            db["activities"].insert_all(
                {"id": n + 1, "position": n, "type": a["type"], "title": a["title"], "state": "closed",
                 "show_results": 1, "view": a["view"], "definition": a["definition"]}
                for n, a in enumerate(activities))

    def session(self, code) -> dict:
        with self._db(code) as db:
            return db["session"].get(1)

    def set_language(self, code, language):
        with self._db(code) as db:
            db["session"].update(1, {"language": language})

    def set_beamer(self, code, **fields):
        """Change the beamer's settings: `beamer_blank` (0 or 1), `beamer_qr`."""
        with self._db(code) as db:
            db["session"].update(1, fields)

    def set_current_activity(self, code, activity_id):
        with self._db(code) as db:
            db["session"].update(1, {"current_activity": activity_id})

    def network(self, code) -> tuple[str | None, dict | None]:
        """The code of the session this one follows up and its network (both None: in none). Kept in memory and
        read again only when another connection changed the file: every live snapshot asks. Do not change the
        dict returned."""
        with self._opened(code) as opened:
            version = opened.db.execute("PRAGMA data_version").fetchone()[0]
            if opened.network is None or opened.network[0] != version:
                follows, network = opened.db.execute("select follows, network from session where id = 1").fetchone()
                opened.network = (version, follows, json.loads(network) if network else None)
            return opened.network[1], opened.network[2]

    def set_network(self, code, follows: str | None, network: dict | None):
        """Write whom the session follows up and its network (None: none)."""
        stored = json.dumps(network, ensure_ascii=False, separators=(",", ":")) if network else None
        with self._opened(code) as opened:
            opened.db.execute("update session set follows = ?, network = ? where id = 1", [follows, stored])
            version = opened.db.execute("PRAGMA data_version").fetchone()[0]  # unchanged by its own writes
            opened.network = (version, follows, json.loads(stored) if stored else None)

    def add_moderator(self, code, key_hash, now, limit) -> dict | None:
        """A new moderator link; None when the session already has `limit` links (revoked ones included)."""
        with self._db(code) as db, db.atomic():
            table = db["moderators"]
            if table.count >= limit:
                return None
            table.insert({"key_hash": key_hash, "created_at": now, "revoked_at": None})
            return table.get(table.last_pk)

    def moderators(self, code) -> list[dict]:
        """Every moderator link of the session, revoked ones included, oldest first."""
        with self._db(code) as db:
            return list(db["moderators"].rows_where(order_by="id"))

    def revoke_moderator(self, code, moderator_id, now) -> bool:
        """Revoke a link that is still active; False when there is no such link."""
        with self._db(code) as db:
            cursor = db.execute("update moderators set revoked_at = ? where id = ? and revoked_at is null",
                                [now, moderator_id])
            return cursor.rowcount == 1

    def activity(self, code, activity_id: int) -> dict | None:
        """One activity by id: one indexed read (a participant's answer reads its activity)."""
        with self._db(code) as db:
            cursor = db.execute("select * from activities where id = ?", [activity_id])
            row = cursor.fetchone()
            return row and dict(zip([column[0] for column in cursor.description], row, strict=True))

    def activities(self, code) -> list[dict]:
        with self._db(code) as db:
            return list(db["activities"].rows_where(order_by="position"))

    def update_activity(self, code, activity_id, **fields):
        with self._db(code) as db:
            db["activities"].update(activity_id, fields)

    def add_activity(self, code, activity, limit) -> dict | None:
        """Add an activity (type, title, view, definition) at the end of the agenda, closed, with an id never
        given before; None when the session already has `limit` activities."""
        with self._db(code) as db, db.atomic():
            if db["activities"].count >= limit:
                return None
            last_id, last_position = db.execute(
                "select s.last_activity_id, (select coalesce(max(position), -1) from activities) "
                "from session s where s.id = 1").fetchone()
            new_id = last_id + 1
            db["activities"].insert({"id": new_id, "position": last_position + 1, "type": activity["type"],
                                     "title": activity["title"], "state": "closed", "show_results": 1,
                                     "view": activity["view"], "definition": activity["definition"]})
            db["session"].update(1, {"last_activity_id": new_id})
            return db["activities"].get(new_id)

    def set_positions(self, code, order: list[int]):
        """Put the activities in this order (every id of the session, each once)."""
        with self._db(code) as db, db.atomic():
            for position, activity_id in enumerate(order):
                db.execute("update activities set position = ? where id = ?", [position, activity_id])

    def update_unanswered(self, code, activity_id, **fields) -> bool:
        """Change an activity's fields (e.g. title and definition) only if it holds no answers or cards, checked
        in the same transaction; False when it does."""
        with self._db(code) as db, db.atomic():
            if _responses(db, activity_id):
                return False
            db["activities"].update(activity_id, fields)
            return True

    def delete_activity(self, code, activity_id) -> bool:
        """Remove an activity, only if it holds no answers or cards (checked in the same transaction); False
        when it does. The current activity removed, the phones show none."""
        with self._db(code) as db, db.atomic():
            if _responses(db, activity_id):
                return False
            db["activities"].delete(activity_id)
            db.execute("delete from themes where activity_id = ?", [activity_id])
            db.execute("update session set current_activity = null where current_activity = ?", [activity_id])
            return True

    def add_participant(self, code, token_hash, name, organisation, now) -> dict:
        with self._db(code) as db:
            table = db["participants"]
            table.insert({"token_hash": token_hash, "name": name, "organisation": organisation, "joined_at": now})
            return table.get(table.last_pk)

    def participant(self, code, participant_id) -> dict:
        with self._db(code) as db:
            cursor = db.execute("select * from participants where id = ?", [participant_id])
            row = cursor.fetchone()
            if row is None:
                raise not_found()
            return dict(zip([column[0] for column in cursor.description], row, strict=True))

    def participant_by_token(self, code, token_hash) -> dict | None:
        with self._db(code) as db:
            return next(db["participants"].rows_where("token_hash = ?", [token_hash]), None)

    def update_participant(self, code, participant_id, **fields) -> dict[int, int]:
        """Change a participant; their cards change with them (a new name; a new organisation may change how the
        organisation of anyone's card is spelled, so then every card). Returns activity id -> its card version."""
        with self._db(code) as db, db.atomic():
            db["participants"].update(participant_id, fields)
            if "organisation" in fields:
                return _touch_cards(db, "1 = 1", [])
            if "name" in fields:
                return _touch_cards(db, "participant_id = ?", [participant_id])
            return {}

    def participants(self, code) -> list[dict]:
        with self._db(code) as db:
            return list(db.query("select id, name, organisation, joined_at from participants order by id"))

    def people(self, code) -> dict[int, Participant]:
        """Participant id -> who they are, as the aggregation sees them (the live snapshot's other input)."""
        with self._db(code) as db:
            rows = db.execute("select id, name, organisation from participants").fetchall()
        return {row[0]: Participant(*row) for row in rows}

    def participant_count(self, code) -> int:
        with self._db(code) as db:
            return db["participants"].count

    def save_answer(self, code, activity_id, participant_id, item, value, at):
        """Store an answer, replacing this participant's earlier answer to the same item."""
        with self._opened(code) as opened:  # one statement: sqlite-utils' upsert would first inspect the table
            opened.db.execute(
                "insert into answers (activity_id, item, participant_id, value, at) values (?, ?, ?, ?, ?) "
                "on conflict (activity_id, item, participant_id) do update set value = excluded.value, "
                "at = excluded.at", [activity_id, item, participant_id, value, at])
            cached = opened.answers.get(activity_id)
            if cached:
                cached[1][participant_id, item] = Answer(participant_id, item, value)

    def answers(self, code, activity_id=None, participant_id=None) -> list[dict]:
        """Answers in the order given, optionally of one activity and/or one participant."""
        where, args = _where(activity_id=activity_id, participant_id=participant_id)
        with self._db(code) as db:
            return list(db["answers"].rows_where(where, args, order_by="at, rowid"))

    def answer_values(self, code, activity_id) -> list[Answer]:
        """An activity's answers as the aggregation sees them, in no particular order: the live snapshot's
        input, read several times a second. Kept in memory, with this process's own answers added as they
        are saved; read again only when another connection (another process) changed the file, and after
        the database was closed for being idle."""
        with self._opened(code) as opened:
            version = opened.db.execute("PRAGMA data_version").fetchone()[0]  # changes with others' commits only
            cached = opened.answers.get(activity_id)
            if cached is None or cached[0] != version:
                rows = opened.db.execute("select participant_id, item, value from answers where activity_id = ?",
                                         [activity_id]).fetchall()
                cached = opened.answers[activity_id] = (
                    version, {(row[0], row[1]): Answer(*row) for row in rows})
            return list(cached[1].values())

    def add_entry(self, code, activity_id, participant_id, item, text, at, limit, partner=None) -> dict | None:
        """Add a card, unless the participant already has `limit` cards for this item (then None)."""
        with self._db(code) as db, db.atomic():
            count = db["entries"].count_where("activity_id = ? and participant_id = ? and item = ?",
                                              [activity_id, participant_id, item])
            if count >= limit:
                return None
            table = db["entries"]
            version = _next_card_version(db, activity_id)
            table.insert({"activity_id": activity_id, "item": item, "participant_id": participant_id,
                          "text": text, "at": at, "edited_at": None, "partner": partner, "version": version})
            db.execute("delete from deleted_entries where id = ?", [table.last_pk])  # SQLite may give an id again
            return table.get(table.last_pk)

    def entry(self, code, entry_id) -> dict | None:
        with self._db(code) as db:
            return next(db["entries"].rows_where("id = ?", [entry_id]), None)

    def update_entry(self, code, entry_id, **fields) -> int:
        """Change a card; returns its activity's new card version."""
        with self._db(code) as db, db.atomic():
            _, version = _next_version_of_entry(db, entry_id)
            db["entries"].update(entry_id, {**fields, "version": version})
            return version

    def delete_entry(self, code, entry_id) -> int:
        """Remove a card, keeping its id as deleted, and let the cards merged into it stand on their own again;
        returns its activity's new card version."""
        with self._db(code) as db, db.atomic():
            activity_id, version = _next_version_of_entry(db, entry_id)
            db["entries"].delete(entry_id)
            db.execute("insert or replace into deleted_entries (id, activity_id, version) values (?, ?, ?)",
                       [entry_id, activity_id, version])
            db.execute("update entries set merged_into = null, version = ? where merged_into = ?", [version, entry_id])
            return version

    def card_wall(self, code, activity_id) -> tuple[int, list[dict]]:
        """An activity's card version and every card as of that version (one read)."""
        with self._db(code) as db, db.atomic():
            return _card_version(db, activity_id), list(db["entries"].rows_where(
                "activity_id = ?", [activity_id], order_by="id"))

    def card_changes(self, code, activity_id, since: int) -> tuple[int, list[dict], list[int]]:
        """What changed in an activity's cards after version `since`, as of one read: (version, the cards
        changed, the ids deleted)."""
        with self._db(code) as db, db.atomic():
            changed = list(db["entries"].rows_where("activity_id = ? and version > ?", [activity_id, since],
                                                    order_by="id"))
            deleted = [row[0] for row in db.execute(
                "select id from deleted_entries where activity_id = ? and version > ? order by id",
                [activity_id, since])]
            return _card_version(db, activity_id), changed, deleted

    def entries(self, code, activity_id=None, participant_id=None) -> list[dict]:
        """Cards in the order written, optionally of one activity and/or one participant."""
        where, args = _where(activity_id=activity_id, participant_id=participant_id)
        with self._db(code) as db:
            return list(db["entries"].rows_where(where, args, order_by="id"))

    # --- themes: cards grouped per activity (issue 14) ------------------------------------------------------

    def themes(self, code, activity_id) -> list[dict]:
        """An activity's themes in their order (id, activity_id, name, position, created_at)."""
        with self._db(code) as db:
            return list(db["themes"].rows_where("activity_id = ?", [activity_id], order_by="position, id"))

    def theme(self, code, theme_id) -> dict | None:
        with self._db(code) as db:
            return next(db["themes"].rows_where("id = ?", [theme_id]), None)

    def add_theme(self, code, activity_id, name, now, limit) -> dict | None:
        """A new theme at the end of the activity's themes; None when it already has `limit` themes."""
        with self._db(code) as db, db.atomic():
            count, last = db.execute("select count(*), coalesce(max(position), -1) from themes where activity_id = ?",
                                     [activity_id]).fetchone()
            if count >= limit:
                return None
            table = db["themes"]
            table.insert({"activity_id": activity_id, "name": name, "position": last + 1, "created_at": now})
            return table.get(table.last_pk)

    def rename_theme(self, code, theme_id, name):
        with self._db(code) as db:
            db["themes"].update(theme_id, {"name": name})

    def delete_theme(self, code, theme_id) -> int | None:
        """Remove a theme; its cards are in no theme again. Returns the activity's new card version (None when the
        theme had no cards)."""
        with self._db(code) as db, db.atomic():
            versions = _touch_cards(db, "theme_id = ?", [theme_id])
            db.execute("update entries set theme_id = null where theme_id = ?", [theme_id])
            db["themes"].delete(theme_id)
            return next(iter(versions.values()), None)

    def merge_entry(self, code, entry_id, into) -> int:
        """Merge a card into another; cards merged into the first go along, so no card stands for a merged one.
        Returns the activity's new card version."""
        with self._db(code) as db, db.atomic():
            versions = _touch_cards(db, "merged_into = ? or id = ?", [entry_id, entry_id])
            db.execute("update entries set merged_into = ? where merged_into = ? or id = ?", [into, entry_id, entry_id])
            return next(iter(versions.values()))


def _next_card_version(db: Database, activity_id) -> int:
    """Count one more change of the activity's cards (in the caller's transaction): its new card version."""
    return db.execute("update activities set card_version = card_version + 1 where id = ? returning card_version",
                      [activity_id]).fetchone()[0]


def _card_version(db: Database, activity_id) -> int:
    row = db.execute("select card_version from activities where id = ?", [activity_id]).fetchone()
    return row[0] if row else 0


def _next_version_of_entry(db: Database, entry_id) -> tuple[int, int]:
    """`_next_card_version` of a card's activity: (its id, the version). Writing first, so that with two server
    processes the transaction never has to turn a read into a write."""
    row = db.execute("update activities set card_version = card_version + 1 "
                     "where id = (select activity_id from entries where id = ?) returning id, card_version",
                     [entry_id]).fetchone()
    if row is None:
        raise not_found()
    return row


def _touch_cards(db: Database, where: str, args: list) -> dict[int, int]:
    """Give the cards matching `where` their activity's next card version (one per activity)."""
    activities = [row[0] for row in db.execute(f"select distinct activity_id from entries where {where}", args)]
    versions = {}
    for activity_id in activities:
        versions[activity_id] = _next_card_version(db, activity_id)
        db.execute(f"update entries set version = ? where activity_id = ? and ({where})",
                   [versions[activity_id], activity_id, *args])
    return versions


def _responses(db: Database, activity_id) -> int:
    return db.execute("select (select count(*) from answers where activity_id = ?) + "
                      "(select count(*) from entries where activity_id = ?)", [activity_id, activity_id]).fetchone()[0]


def _where(**columns) -> tuple[str | None, list]:
    """A where clause matching every column whose value is not None."""
    given = {column: value for column, value in columns.items() if value is not None}
    return " and ".join(f"{column} = ?" for column in given) or None, list(given.values())


def connect(path: Path, timeout: float, create: bool) -> Database:
    """A connection in WAL mode with every migration applied; without `create` the file must exist. On a
    read-only disk it is opened as unchangeable: SQLite cannot make its journal there, yet it can be read."""
    uri = path.resolve().as_uri() + ("" if create else "?immutable=1" if on_read_only_disk(path) else "?mode=rw")
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=timeout, isolation_level=None)
    try:
        db = Database(conn)
        db.enable_wal()
        db.execute("PRAGMA synchronous=NORMAL")
        migrations.apply(db)
    except BaseException:
        conn.close()
        raise
    return db

