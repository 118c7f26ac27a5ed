"""Starting run.py: a port in use and a missing front-end file stop it at once with a clear message; the
descriptor limit is raised, and running out of descriptors does not end the server."""

import os
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import socketio

from .support import ROOT, Api, Server, free_port, wait_for


def in_language(language: str, env=None) -> dict:
    """An environment whose command line speaks `language` (LANG), whatever the machine's LANGUAGE or LC_*."""
    env = {name: value for name, value in (env or os.environ).items()
           if name not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    return {**env, "LANG": {"nl": "nl_NL.UTF-8", "en": "en_GB.UTF-8"}[language]}


def run_py(*options, cwd=ROOT, timeout=20, language="nl") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "run.py", *options], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=in_language(language))


def test_the_help_is_in_the_language_of_the_environment():
    dutch, english = run_py("--help"), run_py("--help", language="en")
    assert dutch.returncode == english.returncode == 0
    assert dutch.stdout.startswith("gebruik: run.py") and "live werkateliers op beamer en telefoon" in dutch.stdout
    assert "adres om op te luisteren (standaard 127.0.0.1)" in dutch.stdout and "address" not in dutch.stdout
    assert english.stdout.startswith("usage: run.py") and "address to listen on (default 127.0.0.1)" in english.stdout
    assert "standaard" not in english.stdout and "Werkatelier: live workshops" in english.stdout


def test_a_second_server_on_a_port_in_use_stops_at_once_with_the_way_out(tmp_path):
    first = Server(tmp_path / "sessions", tmp_path / "first.log")
    first.start()
    try:
        began = time.monotonic()
        second = run_py("--port", str(first.port))
        assert time.monotonic() - began < 15
        assert second.returncode != 0
        assert f"Poort {first.port} is al in gebruik" in second.stderr and "already" not in second.stderr
        assert f'make run ARGS="--port {first.port + 1}"' in second.stderr
        english = run_py("--port", str(first.port), language="en")
        assert f"Port {first.port} is already in use" in english.stderr and "gebruik" not in english.stderr
        for _ in range(10):  # every new connection still reaches the one server there is
            with urllib.request.urlopen(first.base_url + "/", timeout=5) as reply:
                assert reply.status == 200
    finally:
        first.stop()


def test_a_port_held_with_so_reuseport_is_refused_too():
    """An older Werkatelier (eventlet.listen sets SO_REUSEPORT) or another program that shares ports."""
    port = free_port()
    with socket.socket() as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        other.bind(("127.0.0.1", port))
        other.listen()
        second = run_py("--port", str(port))
    assert second.returncode != 0 and f"Poort {port} is al in gebruik" in second.stderr


def test_without_the_installed_socket_io_client_the_server_refuses_to_start(tmp_path):
    checkout = tmp_path / "checkout"
    for part in ("workshop", "templates", "static"):
        shutil.copytree(ROOT / part, checkout / part, ignore=shutil.ignore_patterns("vendor", "__pycache__"))
    shutil.copy(ROOT / "run.py", checkout / "run.py")
    env = {"PYTHONPATH": str(checkout), "WORKSHOP_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    started, english = (subprocess.run([sys.executable, "run.py", "--port", str(free_port())], cwd=checkout,
                                       capture_output=True, text=True, timeout=20, env=in_language(language, env))
                        for language in ("nl", "en"))
    assert started.returncode != 0
    assert "static/vendor/socket.io.min.js ontbreekt" in started.stderr and "make run" in started.stderr
    assert "is missing" not in started.stderr
    assert english.returncode != 0 and "static/vendor/socket.io.min.js is missing" in english.stderr


def test_a_broken_library_file_stops_the_server_naming_the_file(tmp_path):
    checkout = tmp_path / "checkout"
    for part in ("workshop", "templates", "static"):
        shutil.copytree(ROOT / part, checkout / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "run.py", checkout / "run.py")
    (checkout / "workshop" / "library" / "instruments" / "kapot.toml").write_text('title = "Kapot\n')
    env = {"PYTHONPATH": str(checkout), "WORKSHOP_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    dutch, english = (subprocess.run([sys.executable, "run.py", "--port", str(free_port())], cwd=checkout,
                                     capture_output=True, text=True, timeout=20, env=in_language(language, env))
                      for language in ("nl", "en"))
    assert dutch.returncode != 0 and "Traceback" not in dutch.stderr
    assert dutch.stderr.startswith("Een bestand in de bibliotheek (workshop/library/) is onbruikbaar: kapot.toml: "
                                   "geen geldige TOML")
    assert english.stderr.startswith("A file in the library (workshop/library/) cannot be used: kapot.toml: ")


def open_files_limit(pid: int) -> tuple[int, int]:
    with open(f"/proc/{pid}/limits") as limits:
        line = next(line for line in limits if line.startswith("Max open files"))
    soft, hard = line.split()[3:5]
    return int(soft), int(hard)


def test_the_soft_descriptor_limit_is_raised_to_the_hard_one(tmp_path):
    server = Server(tmp_path / "sessions", tmp_path / "server.log", limits={resource.RLIMIT_NOFILE: (1024, 4096)})
    server.start()
    try:
        assert open_files_limit(server.process.pid) == (4096, 4096)
    finally:
        server.stop()


def test_running_out_of_descriptors_does_not_end_the_server(tmp_path):
    """At a hard limit of 256 files: 600 connections that send half a request, and 60 sessions opened at once.
    The server refuses or delays what it cannot take, closes the silent connections, and serves again after."""
    server = Server(tmp_path / "sessions", tmp_path / "server.log", limits={resource.RLIMIT_NOFILE: (256, 256)},
                    env={"WORKSHOP_HTTP_TIMEOUT": "1.5", "WORKSHOP_CREATE_LIMIT": "1000"})
    server.start()
    api = Api(server.base_url)
    try:
        sessions = [api.create_session(f"Sessie {n}") for n in range(60)]
        hogs = []
        for _ in range(600):
            hog = socket.socket()
            hog.setblocking(False)
            hog.connect_ex(("127.0.0.1", server.port))
            hogs.append(hog)
        time.sleep(0.5)
        for hog in hogs:
            try:
                hog.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
            except OSError:
                pass
        for session in sessions:  # each opened database costs three descriptors
            try:
                urllib.request.urlopen(f"{server.base_url}/j/{session['code']}", timeout=5).close()
            except OSError:
                pass
        assert server.process.poll() is None, server.log()
        for hog in hogs:
            hog.close()

        def serves():
            try:
                with urllib.request.urlopen(server.base_url + "/", timeout=2) as reply:
                    return reply.status == 200
            except OSError:
                return False
        wait_for(serves, timeout=20, message="the server to serve again")
        phone = socketio.Client(reconnection=False)
        phone.connect(server.base_url, transports=["websocket"], wait_timeout=10)
        assert phone.call("join", {"code": sessions[-1]["code"], "name": "Na de storm"}, timeout=5)["ok"]
        phone.disconnect()
        assert server.process.poll() is None
    finally:
        server.stop()
    assert "Traceback" not in server.log(tail=None)


def test_a_second_server_on_the_same_data_directory_without_a_message_queue_is_refused(tmp_path):
    first = Server(tmp_path / "sessions", tmp_path / "first.log")
    first.start()
    try:
        second = subprocess.run([sys.executable, "run.py", "--port", str(free_port())], cwd=ROOT, capture_output=True,
                                text=True, timeout=20,
                                env={**os.environ, "WORKSHOP_DATA_DIR": str(first.data_dir)})
        assert second.returncode != 0
        assert f"is al in gebruik door een andere server (proces {first.process.pid})" in second.stderr
        assert "--message-queue" in second.stderr and "Traceback" not in second.stderr
    finally:
        first.stop()


def test_the_address_given_with_host_is_trusted_and_another_is_not(tmp_path):
    port = free_port()
    server = subprocess.Popen([sys.executable, "run.py", "--host", "127.0.0.2", "--port", str(port)], cwd=ROOT,
                              env={**os.environ, "WORKSHOP_DATA_DIR": str(tmp_path / "sessions")},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def page(host):
            request = urllib.request.Request(f"http://127.0.0.2:{port}/", headers={"Host": f"{host}:{port}"})
            try:
                with urllib.request.urlopen(request, timeout=2) as reply:
                    return reply.status
            except urllib.error.HTTPError as error:
                return error.code
            except OSError:
                return None
        assert wait_for(lambda: page("127.0.0.2"), timeout=20, message="the server on 127.0.0.2") == 200
        assert page("evil.example") == 400
    finally:
        server.terminate()
        server.wait(timeout=10)
