"""A data directory on a read-only disk: the server starts, creating or answering is a clear 503, and the
sessions already there can still be read. The disk is a real read-only mount (tmpfs), as the tests run as root
and permission bits would not stop them."""

import subprocess
import time

import pytest
from helpers import answer, assert_refused, join, succesfactoren_answered_once

from workshop.datadir import claim


@pytest.fixture
def disk(tmp_path):
    """A small tmpfs, writable until `remount_read_only(disk)`."""
    mount_point = tmp_path / "schijf"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount_point)],
                             capture_output=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    yield mount_point
    subprocess.run(["umount", "--lazy", str(mount_point)], check=True)


@pytest.fixture
def data_dir(disk):
    return disk / "sessions"


def remount_read_only(disk, store=None):
    """Make the disk read-only; first close `store`, again while a live update still had a file open."""
    deadline = time.monotonic() + 5
    while True:
        if store:
            store.close()
        remounted = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
        if not remounted.returncode:
            return
        assert time.monotonic() < deadline, remounted.stderr.decode()
        time.sleep(0.05)


def assert_read_only_refusal(reply):
    assert reply.status_code == 503
    body = reply.get_json()
    assert body["reason"] == "storage_readonly" and "alleen-lezen" in body["error"]


def test_a_data_directory_that_cannot_be_made_does_not_stop_the_server(make_app, disk):
    remount_read_only(disk)
    client = make_app().test_client()  # `sessions/` does not exist and cannot be made
    assert client.get("/").status_code == 200
    assert_read_only_refusal(client.post("/api/sessions", json={"title": "Nieuw", "activities": ["motieven"]}))


def test_a_read_only_data_directory_cannot_be_claimed_and_that_is_no_error(disk, data_dir):
    remount_read_only(disk)
    assert claim(data_dir) is None  # no lock file can be made: and no other server can write here either


def test_on_a_read_only_disk_sessions_are_read_but_nothing_is_written(app, make_app, disk, sio):
    session, screen, joined = succesfactoren_answered_once(app, sio, "Archief")
    remount_read_only(disk, app.extensions["werkatelier"].workshops.store)  # its phones stay connected

    client = make_app().test_client()  # a restart on the read-only disk
    assert_read_only_refusal(client.post("/api/sessions", json={"title": "Nieuw", "activities": ["motieven"]}))
    auth = {"Authorization": f"Bearer {session['facilitator_key']}"}
    results = client.get(f"/api/sessions/{session['code']}/results", headers=auth)
    assert results.status_code == 200
    assert results.get_json()["activities"][0]["aggregate"]["respondents"] == 1
    assert client.get(f"/j/{session['code']}").status_code == 200
    phone, _ = join(sio, session["code"], token=joined["token"])
    assert_refused(answer(phone, "visie", "rood"), "storage_readonly")
