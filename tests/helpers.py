"""Helpers for the Socket.IO test-client tests."""

import re
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


# A refusal must read as Dutch to the person: some of these words, none of the English ones.
DUTCH_WORDS = {"de", "het", "een", "je", "niet", "deze", "dit", "is", "van", "met", "en", "of", "bij", "mag",
               "kies", "vul", "te", "lang", "sessie", "activiteit", "bestaat", "moet", "tekst", "alleen", "ongeldig",
               "bent", "aangemeld", "nog", "gesloten", "antwoord", "vraag", "hoort", "laatste", "onbekende",
               "opdracht", "weergave", "maximaal", "tekens", "ontbreekt", "groen", "rood", "oranje", "kan", "geen"}
ENGLISH_WORDS = {"the", "error", "not", "found", "invalid", "missing", "please", "forbidden", "closed"}


def assert_refused(ack, reason):
    """A refusal with the given reason and a Dutch message for the person."""
    assert ack["ok"] is False, ack
    assert ack["reason"] == reason, ack
    message = ack["error"]
    assert isinstance(message, str) and message.strip(), ack
    words = set(re.findall(r"[a-zà-ÿé]+", message.lower()))
    assert words & DUTCH_WORDS, f"not Dutch: {message!r}"
    assert not words & ENGLISH_WORDS, f"English in: {message!r}"
    assert set(ack) == {"ok", "error", "reason"}
