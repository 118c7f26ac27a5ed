"""Storage on its own: one SQLite file per session, upserts, survival across a reopen."""

import sqlite3

import pytest
from helpers import stored_session

from workshop.activities import Answer
from workshop.errors import WorkshopError
from workshop.library import INSTRUMENTS
from workshop.store import Store
from workshop.stored import definition_json

ACTIVITIES = [{"type": "succesfactoren", "title": "Kritische succesfactoren", "view": "bars",
               "definition": definition_json(INSTRUMENTS["succesfactoren"])}]


@pytest.fixture
def store(tmp_path):
    with stored_session(tmp_path, ACTIVITIES, "2026-11-22T10:00:00Z") as store:
        yield store


def test_a_session_is_one_database_file_in_wal_mode(store, tmp_path):
    assert (tmp_path / "ABCDEF.sqlite").is_file()
    with sqlite3.connect(tmp_path / "ABCDEF.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_changed_answer_replaces_the_earlier_one(store):
    pid = store.add_participant("ABCDEF", "tok", "An", "Gemeente", "t0")["id"]
    store.save_answer("ABCDEF", 1, pid, "visie", "groen", "t1")
    store.save_answer("ABCDEF", 1, pid, "visie", "rood", "t2")
    assert store.answers("ABCDEF") == [
        {"activity_id": 1, "item": "visie", "participant_id": pid, "value": "rood", "at": "t2"}]


def test_everything_survives_reopening_the_directory(store, tmp_path):
    pid = store.add_participant("ABCDEF", "tok", "Zoë", "Súdwest-Fryslân 👩‍⚕️", "t0")["id"]
    store.save_answer("ABCDEF", 1, pid, "durf", "oranje", "t1")
    store.close()
    reopened = Store(tmp_path)
    assert reopened.participant_by_token("ABCDEF", "tok")["organisation"] == "Súdwest-Fryslân 👩‍⚕️"
    assert reopened.answers("ABCDEF", activity_id=1, participant_id=pid)[0]["value"] == "oranje"
    reopened.close()


def test_the_live_answers_include_every_write_of_this_and_another_process(store, tmp_path):
    an, bas = (store.add_participant("ABCDEF", f"tok{n}", name, "", "t0")["id"] for n, name in enumerate(("An", "Bas")))
    store.save_answer("ABCDEF", 1, an, "visie", "groen", "t1")
    assert store.answer_values("ABCDEF", 1) == [Answer(an, "visie", "groen")]  # now kept in memory
    store.save_answer("ABCDEF", 1, an, "visie", "rood", "t2")  # a change of mind replaces it
    other = Store(tmp_path)  # a second server process sharing the data directory
    other.save_answer("ABCDEF", 1, bas, "durf", "oranje", "t3")
    assert sorted(store.answer_values("ABCDEF", 1)) == [(an, "visie", "rood"), (bas, "durf", "oranje")]
    store.save_answer("ABCDEF", 1, bas, "durf", "groen", "t4")
    assert sorted(other.answer_values("ABCDEF", 1)) == [(an, "visie", "rood"), (bas, "durf", "groen")]
    assert sorted(store.answer_values("ABCDEF", 1)) == sorted(other.answer_values("ABCDEF", 1))
    other.close()


def test_a_session_deleted_by_another_process_is_gone_here_too(store, tmp_path):
    pid = store.add_participant("ABCDEF", "tok", "An", "Gemeente", "t0")["id"]
    other = Store(tmp_path)  # a second server process sharing the data directory
    other.delete("ABCDEF")
    with pytest.raises(WorkshopError) as refused:
        store.save_answer("ABCDEF", 1, pid, "visie", "groen", "t1")  # not into the unlinked file
    assert refused.value.status == 404
    assert not store.exists("ABCDEF") and not list(tmp_path.glob("ABCDEF*"))
    other.close()


@pytest.mark.parametrize("code", ["../etc", "abcdef", "ABCDE", "ABCDEF/..", "", None, 123])
def test_malformed_codes_never_reach_the_file_system(store, code):
    assert not store.exists(code)
    with pytest.raises(WorkshopError) as refused:
        store.session(code)
    assert refused.value.status == 404


def test_unknown_session_is_not_found_and_creates_no_file(store, tmp_path):
    with pytest.raises(WorkshopError):
        store.session("ZZZZZZ")
    assert not (tmp_path / "ZZZZZZ.sqlite").exists()


def test_cards_are_added_up_to_a_limit_per_participant_and_item(store):
    first = store.add_entry("ABCDEF", 1, 7, "idee", "een", "t1", limit=2)
    assert first == {"id": 1, "activity_id": 1, "item": "idee", "participant_id": 7, "text": "een", "at": "t1",
                     "edited_at": None, "hidden": 0, "highlighted": 0, "theme_id": None, "merged_into": None,
                     "partner": None, "version": 1}
    assert store.add_entry("ABCDEF", 1, 7, "idee", "twee", "t2", limit=2)["id"] == 2
    assert store.add_entry("ABCDEF", 1, 7, "idee", "drie", "t3", limit=2) is None
    assert store.add_entry("ABCDEF", 1, 8, "idee", "ander", "t3", limit=2) is not None  # someone else
    assert store.add_entry("ABCDEF", 1, 7, "ander-item", "x", "t3", limit=2) is not None
    store.update_entry("ABCDEF", 1, text="één", edited_at="t4", hidden=1)
    store.delete_entry("ABCDEF", 2)
    assert [(e["id"], e["text"], e["hidden"]) for e in store.entries("ABCDEF", participant_id=7)] == \
        [(1, "één", 1), (4, "x", 0)]
    assert store.entry("ABCDEF", 2) is None


def test_a_session_written_before_cards_existed_is_upgraded_on_open(tmp_path):
    """A database with only the first migration (as issue 2 wrote it) gains cards and show_names."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from workshop.store import m001_initial

    old = Migrations("werkatelier")
    old()(m001_initial)
    db = Database(tmp_path / "OLDSES.sqlite")
    old.apply(db)
    db["session"].insert({"id": 1, "code": "OLDSES", "title": "Oud", "created_at": "t0", "key_hash": "h",
                          "current_activity": None})
    db["activities"].insert({"id": 1, "position": 0, "type": "succesfactoren", "title": "K", "state": "open",
                             "show_results": 1, "view": "bars"})
    db.conn.close()

    store = Store(tmp_path)
    assert store.activities("OLDSES")[0]["show_names"] == 0
    assert store.add_entry("OLDSES", 1, 1, "idee", "nieuw", "t1", limit=3)["text"] == "nieuw"
    store.close()


def test_a_database_damaged_inside_is_refused_and_left_as_it_is(store, tmp_path):
    for n in range(200):
        store.add_participant("ABCDEF", f"tok{n}", f"Deelnemer {n} " + "x" * 50, "Gemeente", "t0")
    store.close()
    path = tmp_path / "ABCDEF.sqlite"
    with path.open("r+b") as file:  # the header is whole, the pages after the first are noise
        file.seek(4096)
        file.write(b"\xff" * (path.stat().st_size - 4096))
    content = path.read_bytes()
    reopened = Store(tmp_path)
    for _ in range(2):
        with pytest.raises(WorkshopError) as refused:
            reopened.participants("ABCDEF")
        assert (refused.value.status, refused.value.reason) == (503, "session_damaged")
    assert reopened.codes() == ["ABCDEF"]  # its header looks whole: only reading it shows the damage
    with pytest.raises(WorkshopError):
        reopened.delete("ABCDEF")  # e.g. by the retention sweep
    reopened.close()
    assert path.read_bytes() == content
