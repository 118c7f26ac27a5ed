"""One server process per data directory, unless they share a message queue: tested across real processes."""

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from workshop.datadir import LOCK_FILE, DataDirInUse, claim
from workshop.sessions import Workshops
from workshop.store import Store

ROOT = Path(__file__).resolve().parent.parent
HOLD = "import sys, time; from workshop.datadir import claim; claim(sys.argv[1], shared=sys.argv[2] == 'shared'); " \
       "print('claimed', flush=True); time.sleep(600)"


@pytest.fixture
def holder(tmp_path):
    """Start another process that claims a directory and keeps it: holder(data_dir, shared) -> the process."""
    processes = []

    def start(data_dir, shared=False):
        process = subprocess.Popen([sys.executable, "-c", HOLD, str(data_dir), "shared" if shared else "alone"],
                                   cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE)
        processes.append(process)
        ready, _, _ = select.select([process.stdout], [], [], 20)
        assert ready and process.stdout.readline() == b"claimed\n", "the other process did not claim the directory"
        return process

    yield start
    for process in processes:
        process.kill()
        process.wait()
        process.stdout.close()


def test_a_second_server_on_the_directory_is_refused_until_the_first_is_gone(holder, tmp_path, monkeypatch):
    first = holder(tmp_path)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    with pytest.raises(DataDirInUse) as refused:
        claim(tmp_path)
    message = str(refused.value)
    assert f"is al in gebruik door een andere server (proces {first.pid})" in message  # the command line's language
    assert "WORKSHOP_DATA_DIR" in message and "--message-queue redis://" in message
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    with pytest.raises(DataDirInUse) as refused:
        claim(tmp_path)
    assert f"is in use by another server (process {first.pid})" in str(refused.value)
    first.send_signal(signal.SIGKILL)  # not even a clean stop: the kernel drops its lock
    first.wait()
    fd = claim(tmp_path)
    assert (tmp_path / LOCK_FILE).read_text() == f"{os.getpid()}\n"
    os.close(fd)


def test_servers_sharing_a_message_queue_share_the_directory(holder, tmp_path):
    holder(tmp_path, shared=True)
    fd = claim(tmp_path, shared=True)
    with pytest.raises(DataDirInUse):  # but a server without the queue is still refused
        claim(tmp_path)
    os.close(fd)


def test_the_lock_file_is_no_session(tmp_path):
    fd = claim(tmp_path)
    store = Store(tmp_path)
    assert store.codes() == []
    code, _ = Workshops(store).create("Sessie", ["motieven"])
    assert store.codes() == [code]
    store.close()
    os.close(fd)
