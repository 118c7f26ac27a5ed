"""Helpers for the tests: Socket.IO test clients, and a store holding one session."""

import re
import time
from contextlib import contextmanager

from workshop.store import Store


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


def wait_for(test_client, event, predicate, timeout=3.0):
    """Every `event` received until one satisfies `predicate`; returns them all, fails after `timeout`."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        seen += received(test_client, event, timeout=min(0.2, max(0.01, deadline - time.monotonic())))
        if any(predicate(args) for args in seen):
            return seen
    raise AssertionError(f"no matching {event!r} within {timeout}s; got {seen!r}")


def both_arrived(screen, *expected, timeout=3.0) -> list[dict]:
    """The first packet of each (event, predicate) in `expected`, read from one stream: waiting for one event
    must not throw away the other, which may come first."""
    found, deadline = {}, time.monotonic() + timeout
    while len(found) < len(expected) and time.monotonic() < deadline:
        for packet in screen.get_received():
            for event, predicate in expected:
                if packet["name"] == event and event not in found and predicate(packet["args"][0]):
                    found[event] = packet["args"][0]
        time.sleep(0.01)
    assert len(found) == len(expected), f"only {sorted(found)} arrived"
    return [found[event] for event, _predicate in expected]


def control(screen, action, **fields):
    """A facilitator control that must succeed; returns its ack."""
    ack = screen.emit("control", {"action": action, **fields}, callback=True)
    assert ack["ok"] is True, ack
    return ack


def answer(phone, item, value, activity_id=1):
    return phone.emit("answer", {"activity_id": activity_id, "item": item, "value": value}, callback=True)


def succesfactoren_answered_once(app, sio, title):
    """A new succesfactoren session, open, facilitated on a screen that shows Anna's one answer:
    (session, screen, Anna's join ack)."""
    session = app.test_client().post("/api/sessions", json={"title": title, "activities": ["succesfactoren"]})
    session = session.get_json()
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    anna, joined = join(sio, session["code"], name="Anna")
    assert answer(anna, "visie", "groen")["ok"]
    wait_for(screen, "results", lambda r: r["aggregate"]["respondents"] == 1)
    return session, screen, joined


def add_card(phone, item, text, activity_id=1):
    return phone.emit("add_entry", {"activity_id": activity_id, "item": item, "text": text}, callback=True)


def only_aggregate(client, session, kind):
    """GET /api/sessions/CODE/results of a session with one activity of type `kind`: its aggregate."""
    reply = client.get(f"/api/sessions/{session['code']}/results",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    assert reply.status_code == 200
    [activity] = reply.get_json()["activities"]
    assert (activity["id"], activity["type"]) == (1, kind)
    return activity["aggregate"]


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


class Wall:
    """A screen's cards of one activity, kept as static/js/results/card-store.js keeps them: the whole wall from
    the facilitate ack, then the `cards` deltas; a delta that starts after what it has makes it ask `cards_since`."""

    def __init__(self, screen, ack, activity_id=1):
        self.screen, self.activity_id = screen, activity_id
        self.asked = 0  # how often it had to ask
        self.load(ack["cards"][str(activity_id)])

    def load(self, full):
        self.version, self.cards = full["to"], {card["id"]: card for card in full["cards"]}

    def apply(self, delta) -> bool:
        """Apply one delta; False when it starts after this wall's version (a change was missed)."""
        if delta["full"]:
            self.load(delta)
            return True
        if delta["from"] > self.version:
            return False
        for card in delta["cards"]:
            if card["version"] > self.cards.get(card["id"], {"version": -1})["version"]:
                self.cards[card["id"]] = card
        for gone in delta["deleted"]:
            self.cards.pop(gone, None)
        self.version = max(self.version, delta["to"])
        return True

    def catch_up(self, deltas=None):
        """Apply the deltas received (or `deltas`), asking `cards_since` after a gap."""
        for delta in received(self.screen, "cards", timeout=0.3) if deltas is None else deltas:
            if delta["activity_id"] == self.activity_id and not self.apply(delta):
                self.asked += 1
                ack = self.screen.emit("cards_since", {"activity_id": self.activity_id, "version": self.version},
                                       callback=True)
                assert ack["ok"] and self.apply(ack), ack

    def texts(self, item=None) -> list[str]:
        return [card["text"] for _, card in sorted(self.cards.items()) if item in (None, card["item"])]

    def without_versions(self) -> list[dict]:
        return [{k: v for k, v in card.items() if k != "version"} for _, card in sorted(self.cards.items())]


@contextmanager
def stored_session(directory, activities: list[dict], created_at: str):
    """A store in `directory` with the session ABCDEF of these stored activities, closed afterwards."""
    store = Store(directory)
    store.create_session("ABCDEF", "Titel", "hash", activities, created_at)
    yield store
    store.close()
