"""Storage on its own: one SQLite file per session, upserts, survival across a reopen."""

import sqlite3

import pytest

from workshop.errors import WorkshopError
from workshop.store import Store

ACTIVITIES = [{"type": "succesfactoren", "title": "Kritische succesfactoren", "view": "bars"}]


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path)
    store.create_session("ABCDEF", "Titel", "hash", ACTIVITIES, "2026-11-22T10:00:00Z")
    yield store
    store.close()


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
