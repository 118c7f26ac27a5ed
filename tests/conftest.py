"""Shared fixtures: an app on a temporary data directory in threading mode, its clients, a session."""

import hmac

import pytest

from workshop import create_app, socketio


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "sessions"


@pytest.fixture
def make_app(data_dir):
    """Build an app on `data_dir`; building a second one on the same directory is a server restart."""
    apps = []

    def build(**config):
        app = create_app({"TESTING": True, "ASYNC_MODE": "threading", "DATA_DIR": str(data_dir),
                          "RESULTS_INTERVAL": 0.02, **config})
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.extensions["werkatelier"].workshops.store.close()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def session(client):
    """A new session with the succesfactoren activity: the API's 201 reply."""
    reply = client.post("/api/sessions", json={"title": "Werkatelier wijkaanpak", "activities": ["succesfactoren"]})
    assert reply.status_code == 201
    return reply.get_json()


@pytest.fixture
def auth(session):
    return {"Authorization": f"Bearer {session['facilitator_key']}"}


@pytest.fixture
def sio(app):
    """Factory of Flask-SocketIO test clients (with a handshake of their own: query string, headers), disconnected
    at teardown."""
    clients = []

    def connect(**handshake):
        test_client = socketio.test_client(app, **handshake)
        clients.append(test_client)
        return test_client

    yield connect
    for test_client in clients:
        if test_client.is_connected():
            test_client.disconnect()


@pytest.fixture
def key_comparisons(monkeypatch):
    """Every (a, b) that the sessions' key check passes to hmac.compare_digest, in order (the real comparison
    still decides)."""
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr("workshop.sessions.hmac.compare_digest", spy)
    return calls
