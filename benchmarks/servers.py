"""The servers under test, each in a subprocess of its own: the app (`run.py`) or the floor relay, with
their CPU time and peak memory read by psutil while a scenario runs."""

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
# The scenarios create up to 50 sessions and 1000+ participants from one loopback address: their figures
# are about load, not about the per-address limits (the floor ignores these).
APP_LIMITS = {"WORKSHOP_CREATE_LIMIT": "1000", "WORKSHOP_JOIN_LIMIT": "100000"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerProcess:
    """`kind` "app" or "floor" in `mode` (eventlet, gevent, threading) on a free loopback port."""

    def __init__(self, kind: str, mode: str):
        self.kind, self.mode = kind, mode
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._data = tempfile.TemporaryDirectory(prefix="werkatelier-bench-")
        self.process = None
        self.peak_rss = 0
        self._sampling = False

    @property
    def log_path(self) -> Path:
        return Path(self._data.name) / "server.log"

    def __enter__(self):
        script = "run.py" if self.kind == "app" else "benchmarks/floor.py"
        env = {**os.environ, "WORKSHOP_DATA_DIR": str(Path(self._data.name) / "sessions"), "PYTHONUNBUFFERED": "1",
               **APP_LIMITS}
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen([sys.executable, script, "--port", str(self.port), "--async-mode", self.mode],
                                        cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(self.base_url + "/", timeout=1):
                    break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    message = f"{self.kind} server did not start:\n{self.log()}"
                    self.__exit__()
                    raise RuntimeError(message) from None
                time.sleep(0.1)
        self._ps = psutil.Process(self.process.pid)
        self._sampling = True
        threading.Thread(target=self._sample_memory, daemon=True).start()
        return self

    def __exit__(self, *_exc):
        self._sampling = False
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
        self._data.cleanup()

    def _sample_memory(self):
        while self._sampling:
            try:
                self.peak_rss = max(self.peak_rss, self._ps.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.05)

    def cpu_seconds(self) -> float:
        times = self._ps.cpu_times()
        return times.user + times.system

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]

    def log_bytes(self) -> int:
        """How much the server has written to its stdout and stderr so far."""
        return self.log_path.stat().st_size
