"""Open session databases: a bounded number at once, idle ones closed, and closing leaves one whole file each."""

import os
import shutil
import sqlite3
import time

from helpers import answer, control, facilitate, join, succesfactoren_answered_once, wait_for

from workshop.activities import Answer
from workshop.sessions import Workshops
from workshop.store import Store
from test_store import ACTIVITIES


def descriptors() -> list[str]:
    """What this process has open: the targets of /proc/self/fd."""
    targets = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # closed meanwhile (the listing's own descriptor)
            continue
    return targets


def session_files_open(data_dir) -> int:
    return sum(target.startswith(str(data_dir)) for target in descriptors())


def wait_until(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


def make_sessions(data_dir, count) -> list[str]:
    store = Store(data_dir)
    codes = [Workshops(store).create(f"Sessie {n}", ["succesfactoren"])[0] for n in range(count)]
    store.close()
    return codes


def test_reading_many_sessions_keeps_few_open_and_idle_ones_are_closed(make_app, data_dir):
    codes = make_sessions(data_dir, 200)
    app = make_app(MAX_OPEN_DATABASES=8, DB_IDLE_SECONDS=0.5)  # a restart, then phones open every session
    client = app.test_client()
    before = len(descriptors())
    most = 0
    for code in codes:
        assert client.get(f"/j/{code}").status_code == 200
        most = max(most, session_files_open(data_dir))
    assert most <= 8 * 3  # a WAL database holds 3 descriptors: the file, -wal and -shm
    assert len(descriptors()) <= before + 8 * 3 + 5
    wait_until(lambda: session_files_open(data_dir) == 0)  # idle for DB_IDLE_SECONDS: all closed
    assert client.get(f"/j/{codes[0]}").status_code == 200  # and opened again when needed


def test_live_results_go_on_after_the_database_was_closed_for_being_idle(make_app, sio):
    app = make_app(DB_IDLE_SECONDS=0.2)
    session, screen, _ = succesfactoren_answered_once(app, sio, "Pauze")
    pool = app.extensions["werkatelier"].workshops.store.pool
    wait_until(lambda: not pool._open)  # the coffee break: the session's database is closed
    bas, _ = join(sio, session["code"], name="Bas")
    assert answer(bas, "visie", "rood")["ok"]
    wait_for(screen, "results", lambda r: r["aggregate"]["respondents"] == 2)


def test_answers_kept_in_memory_are_read_again_after_a_close(tmp_path):
    store = Store(tmp_path, idle_seconds=0)
    store.create_session("ABCDEF", "Titel", "hash", ACTIVITIES, "t0")
    store.save_answer("ABCDEF", 1, 1, "visie", "groen", "t1")
    assert store.answer_values("ABCDEF", 1) == [Answer(1, "visie", "groen")]
    assert store.pool.close_idle() == ["ABCDEF"]
    other = Store(tmp_path)  # another process writes while this one has the database closed
    other.save_answer("ABCDEF", 1, 2, "durf", "rood", "t2")
    other.close()
    assert sorted(store.answer_values("ABCDEF", 1)) == [(1, "visie", "groen"), (2, "durf", "rood")]
    store.close()


def test_a_database_in_use_is_never_closed_to_make_room(tmp_path):
    store = Store(tmp_path, max_open=1)
    for code in ("AAAAAA", "BBBBBB"):
        store.create_session(code, code, "hash", ACTIVITIES, "t0")
    with store._db("AAAAAA") as in_use:
        assert store.session("BBBBBB")["title"] == "BBBBBB"  # one more than max_open while A is in use
        assert in_use.execute("select title from session").fetchone() == ("AAAAAA",)
    assert store.session("AAAAAA")["title"] == "AAAAAA"
    assert list(store.pool._open) == ["AAAAAA"]  # B, least recently used, made room
    store.close()


def test_after_a_close_the_sqlite_file_alone_holds_every_answer(make_app, data_dir, sio, tmp_path):
    app = make_app()
    session = app.test_client().post("/api/sessions", json={"title": "Stop", "activities": ["succesfactoren"]})
    session = session.get_json()
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, session["code"], name="Anna")
    assert answer(phone, "visie", "groen")["ok"] and answer(phone, "durf", "rood")["ok"]
    path = data_dir / f"{session['code']}.sqlite"
    reader = sqlite3.connect(path)  # e.g. another server process on the directory: SQLite's own
    reader.execute("select count(*) from answers").fetchone()  # checkpoint at the last close would not run
    app.extensions["werkatelier"].workshops.close()  # what run.py does on SIGTERM
    copy = tmp_path / "kopie" / path.name
    copy.parent.mkdir()
    shutil.copyfile(path, copy)  # the .sqlite alone, without -wal or -shm
    reader.close()
    with sqlite3.connect(copy) as opened:
        assert sorted(opened.execute("select item, value from answers")) == [("durf", "rood"), ("visie", "groen")]
    opened.close()
