"""Helpers for the Socket.IO test-client tests."""

import time


def join(sio, code, **fields):
    """A phone that joined `code`: the test client and its join ack."""
    phone = sio()
    ack = phone.emit("join", {"code": code, **fields}, callback=True)
    assert ack["ok"] is True, ack
    return phone, ack


def facilitate(sio, session):
    """A facilitator screen on `session`: the test client and its facilitate ack."""
    screen = sio()
    ack = screen.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, callback=True)
    assert ack["ok"] is True, ack
    return screen, ack


def received(test_client, event, timeout=2.0):
    """Wait for and return the args of every `event` the test client has received so far."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        seen += [packet["args"][0] for packet in test_client.get_received() if packet["name"] == event]
        if seen:
            return seen
        time.sleep(0.01)
    return seen
