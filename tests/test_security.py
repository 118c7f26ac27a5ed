"""Closed to intruders: guessing codes and keys is rate-limited, keys are long random secrets compared in
constant time, a participant never acts as facilitator nor reaches another session, free text stays text,
every response carries the security headers, and the size limits are in place."""

import base64
import json
import re
from pathlib import Path

import pytest
from helpers import add_card, answer, assert_refused, control, facilitate, join, received, wait_for

from workshop import default_config, edge, limits, socketio
from workshop.library import INSTRUMENTS
from workshop.kinds import Text
from workshop.errors import WorkshopError
from workshop.limits import EXTENSION
from workshop.routes import SECURITY_HEADERS

ROOT = Path(__file__).resolve().parent.parent
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RATE_LIMITED_CODES = "Te veel onbekende codes geprobeerd. Wacht een minuut en probeer het opnieuw."
LIMIT = 3  # small limits for these tests; the defaults are 20 a minute
XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>"
NAME = "<b>Naam</b><img src=x onerror=alert(1)>"


class Clock:
    """A clock the test moves by hand: no sleeping for a minute."""

    def __init__(self):
        self.now = 1_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def app(make_app):
    return make_app(CODE_GUESS_LIMIT=LIMIT, KEY_GUESS_LIMIT=LIMIT, CODE_GUESS_WINDOW=60.0, KEY_GUESS_WINDOW=60.0)


@pytest.fixture
def clock(app):
    clock = Clock()
    for limiter in app.extensions[EXTENSION].values():
        limiter.clock = clock
    return clock


def unknown_codes(session, n):
    """`n` well-formed codes that belong to no session."""
    codes = []
    for i in range(n):
        code = "".join(CODE_ALPHABET[(CODE_ALPHABET.index(c) + i + 1) % len(CODE_ALPHABET)] for c in session["code"])
        codes.append(code)
    return codes


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


def from_address(address):
    return {"environ_base": {"REMOTE_ADDR": address}}


def at(test_client, address):
    """Make a Socket.IO test client come from `address` (the test client has no REMOTE_ADDR of its own)."""
    socketio.server.environ[test_client.eio_sid]["REMOTE_ADDR"] = address
    return test_client


def phone_at(sio, address):
    return at(sio(), address)


def assert_rate_limited_reply(reply, api):
    assert reply.status_code == 429, reply.data[:200]
    if api:
        assert reply.get_json() == {"error": RATE_LIMITED_CODES, "reason": "rate_limited"}
    else:
        assert reply.mimetype == "text/html"
        assert "Te veel onbekende codes geprobeerd" in reply.get_data(as_text=True)


# --- guessing session codes -------------------------------------------------------------------------------------

HTTP_LOOKUPS = [
    ("/j?code={code}", False), ("/j/{code}", False), ("/f/{code}", False), ("/f/{code}/beamer", False),
    ("/qr/{code}.svg", False), ("/api/sessions/{code}", True), ("/api/sessions/{code}/export.json", True),
    ("/api/sessions/{code}/moderators", True),
]


@pytest.mark.parametrize("path, api", HTTP_LOOKUPS, ids=[p for p, _ in HTTP_LOOKUPS])
def test_unknown_codes_over_http_are_limited_per_address(client, session, clock, path, api):
    guesses = unknown_codes(session, LIMIT + 1)
    for code in guesses[:LIMIT]:
        assert client.get(path.format(code=code), **from_address("10.0.0.7")).status_code == 404
    reply = client.get(path.format(code=guesses[LIMIT]), **from_address("10.0.0.7"))
    assert_rate_limited_reply(reply, api)
    # ...also for a code that does exist: a guesser cannot tell a hit from a miss
    assert_rate_limited_reply(client.get(path.format(code=session["code"]), **from_address("10.0.0.7")), api)
    # another address is not affected
    assert client.get(path.format(code=guesses[LIMIT]), **from_address("10.0.0.8")).status_code == 404
    clock.now += 61  # the window passed
    assert client.get(path.format(code=guesses[LIMIT]), **from_address("10.0.0.7")).status_code == 404


def test_behind_a_proxy_each_forwarded_client_is_counted_on_its_own(make_app, session, clock):
    proxied = make_app(PROXIES=1, CODE_GUESS_LIMIT=LIMIT).test_client()
    guesses = unknown_codes(session, LIMIT + 1)

    def via_proxy(code, client_address):
        return proxied.get(f"/j/{code}", headers={"X-Forwarded-For": client_address}, **from_address("127.0.0.1"))

    for code in guesses[:LIMIT]:
        assert via_proxy(code, "10.0.0.7").status_code == 404
    assert via_proxy(guesses[LIMIT], "10.0.0.7").status_code == 429
    assert via_proxy(guesses[LIMIT], "10.0.0.8").status_code == 404  # not everyone behind the proxy


def test_without_the_proxies_setting_a_forwarded_address_is_not_believed(client, session, clock):
    guesses = unknown_codes(session, LIMIT + 1)
    for n, code in enumerate(guesses[:LIMIT]):  # a guesser inventing a new X-Forwarded-For every time
        reply = client.get(f"/j/{code}", headers={"X-Forwarded-For": f"10.1.0.{n}"}, **from_address("10.0.0.7"))
        assert reply.status_code == 404
    assert client.get(f"/j/{guesses[LIMIT]}", headers={"X-Forwarded-For": "10.2.0.1"},
                      **from_address("10.0.0.7")).status_code == 429


def test_every_kind_of_lookup_counts_towards_one_limit(client, session, clock):
    one, two, three, four = unknown_codes(session, 4)
    assert client.get(f"/j/{one}", **from_address("10.0.0.7")).status_code == 404
    assert client.get(f"/qr/{two}.svg", **from_address("10.0.0.7")).status_code == 404
    assert client.get(f"/api/sessions/{three}", **from_address("10.0.0.7")).status_code == 404
    assert client.get(f"/f/{four}", **from_address("10.0.0.7")).status_code == 429


def test_the_window_slides(client, session, clock):
    one, two, three, four = unknown_codes(session, 4)
    for code in (one, two):
        assert client.get(f"/j/{code}", **from_address("10.0.0.7")).status_code == 404
    clock.now += 40
    assert client.get(f"/j/{three}", **from_address("10.0.0.7")).status_code == 404
    assert client.get(f"/j/{four}", **from_address("10.0.0.7")).status_code == 429
    clock.now += 21  # the first two failures are a minute old, the third is not
    assert client.get(f"/j/{four}", **from_address("10.0.0.7")).status_code == 404
    assert client.get(f"/j/{four}", **from_address("10.0.0.7")).status_code == 404
    assert client.get(f"/j/{four}", **from_address("10.0.0.7")).status_code == 429


def test_the_home_page_form_shows_the_limit_in_dutch(client, session, clock):
    for code in unknown_codes(session, LIMIT):
        reply = client.get(f"/j?code={code.lower()}", **from_address("10.0.0.7"))
        assert reply.status_code == 404 and "Er is geen sessie met code" in reply.get_data(as_text=True)
    reply = client.get("/j?code=zzzzzz", **from_address("10.0.0.7"))
    assert reply.status_code == 429 and RATE_LIMITED_CODES in reply.get_data(as_text=True)


def test_successful_lookups_are_never_limited(client, session, clock):
    """An address keeps reaching a code it reached before, however many wrong ones it tried since."""
    assert client.get(f"/j/{session['code']}", **from_address("10.0.0.7")).status_code == 200
    for code in unknown_codes(session, LIMIT + 5):
        client.get(f"/j/{code}", **from_address("10.0.0.7"))
    for _ in range(50):
        assert client.get(f"/j/{session['code'].lower()}", **from_address("10.0.0.7")).status_code == 200
    assert client.get(f"/f/{session['code']}/beamer", **from_address("10.0.0.7")).status_code == 200


def test_the_creator_opens_a_new_session_from_a_refused_address(client, session, clock):
    for code in unknown_codes(session, LIMIT):
        client.get(f"/j/{code}", **from_address("10.0.0.7"))
    reply = client.post("/api/sessions", json={"title": "Nieuw", "activities": ["quickscan"]},
                        **from_address("10.0.0.7"))
    created = reply.get_json()
    assert client.get(f"/f/{created['code']}", **from_address("10.0.0.7")).status_code == 200
    assert client.get(f"/api/sessions/{created['code']}", headers=bearer(created["facilitator_key"]),
                      **from_address("10.0.0.7")).status_code == 200


def test_ipv6_addresses_count_per_64_network(client, session, clock):
    guesses = unknown_codes(session, LIMIT + 1)
    for n, code in enumerate(guesses[:LIMIT]):  # one guesser, rotating addresses within its /64
        assert client.get(f"/j/{code}", **from_address(f"2001:db8:1:2::{n + 1}")).status_code == 404
    assert client.get(f"/j/{guesses[LIMIT]}", **from_address("2001:db8:1:2:ffff::9")).status_code == 429
    assert client.get(f"/j/{guesses[LIMIT]}", **from_address("2001:db8:1:3::1")).status_code == 404


def test_unknown_codes_over_socketio_are_limited(session, sio, clock):
    phone = phone_at(sio, "10.0.0.7")
    for code in unknown_codes(session, LIMIT):
        assert_refused(phone.emit("join", {"code": code}, callback=True), "not_found")
    ack = phone.emit("join", {"code": "ZZZZZZ"}, callback=True)
    assert_refused(ack, "rate_limited")
    assert ack["error"] == RATE_LIMITED_CODES
    assert_refused(phone.emit("join", {"code": session["code"]}, callback=True), "rate_limited")  # no oracle
    assert_refused(phone.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]},
                              callback=True), "rate_limited")
    other = phone_at(sio, "10.0.0.8")
    assert other.emit("join", {"code": session["code"]}, callback=True)["ok"]
    clock.now += 61
    assert phone.emit("join", {"code": session["code"]}, callback=True)["ok"]


def test_facilitate_with_unknown_codes_counts_too(session, sio, clock):
    screen = phone_at(sio, "10.0.0.7")
    for code in unknown_codes(session, LIMIT):
        assert_refused(screen.emit("facilitate", {"code": code, "key": "x"}, callback=True), "not_found")
    assert_refused(screen.emit("facilitate", {"code": 42, "key": "x"}, callback=True), "rate_limited")


def test_a_room_behind_one_address_joins_while_some_mistype(session, sio, clock):
    """300 phones behind one NAT address join the valid code; a dozen typos in between change nothing."""
    typos = iter(unknown_codes(session, 12) * 2)
    for n in range(300):
        phone = phone_at(sio, "192.0.2.1")
        if n % 25 == 0:
            phone.emit("join", {"code": next(typos)}, callback=True)  # 404 at first, later 429: both fine
        ack = phone.emit("join", {"code": session["code"].lower(), "name": f"Deelnemer {n}"}, callback=True)
        assert ack["ok"], (n, ack)
        phone.disconnect()


# --- guessing facilitator keys -------------------------------------------------------------------------------


def test_wrong_keys_over_http_are_limited_per_address(client, session, clock):
    code, key = session["code"], session["facilitator_key"]
    for n in range(LIMIT):
        reply = client.get(f"/api/sessions/{code}", headers=bearer(key + str(n)), **from_address("10.0.0.7"))
        assert reply.status_code == 403
    reply = client.get(f"/api/sessions/{code}", headers=bearer("nog een gok"), **from_address("10.0.0.7"))
    assert reply.status_code == 429 and reply.get_json()["reason"] == "rate_limited"
    assert "Te veel verkeerde sleutels geprobeerd" in reply.get_json()["error"]
    # even the right key: the guesser cannot tell; the facilitator's own address is not affected
    assert client.get(f"/api/sessions/{code}", headers=bearer(key), **from_address("10.0.0.7")).status_code == 429
    assert client.get(f"/api/sessions/{code}", headers=bearer(key), **from_address("10.0.0.8")).status_code == 200
    clock.now += 61
    assert client.get(f"/api/sessions/{code}", headers=bearer(key), **from_address("10.0.0.7")).status_code == 200


def test_a_missing_key_is_no_guess(client, session, clock):
    for _ in range(LIMIT + 2):
        assert client.get(f"/api/sessions/{session['code']}", **from_address("10.0.0.7")).status_code == 401
    reply = client.get(f"/api/sessions/{session['code']}", headers=bearer(session["facilitator_key"]),
                       **from_address("10.0.0.7"))
    assert reply.status_code == 200


def test_wrong_download_tokens_count_as_wrong_keys(client, session, clock):
    for n in range(LIMIT):
        reply = client.get(f"/api/sessions/{session['code']}/export.json?t=vervalst{n}", **from_address("10.0.0.7"))
        assert reply.status_code == 403
    reply = client.get(f"/api/sessions/{session['code']}/export.json?t=nog-een", **from_address("10.0.0.7"))
    assert reply.status_code == 429


def test_wrong_keys_over_socketio_are_limited(session, sio, clock):
    screen = phone_at(sio, "10.0.0.7")
    for n in range(LIMIT):
        assert_refused(screen.emit("facilitate", {"code": session["code"], "key": f"gok {n}"}, callback=True),
                       "forbidden")
    assert_refused(screen.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]},
                               callback=True), "rate_limited")
    beamer = phone_at(sio, "10.0.0.8")
    assert beamer.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, callback=True)["ok"]


def test_a_facilitator_address_is_no_exemption_from_the_key_limit(client, session, sio, clock):
    """Participants share the facilitator's NAT address: from there, wrong keys are limited like anywhere,
    while the console that is already in keeps working."""
    console = phone_at(sio, "10.0.0.7")
    assert console.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, callback=True)["ok"]
    for n in range(LIMIT):
        client.get(f"/api/sessions/{session['code']}", headers=bearer(f"gok {n}"), **from_address("10.0.0.7"))
    beamer = phone_at(sio, "10.0.0.7")
    assert_refused(beamer.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]},
                               callback=True), "rate_limited")
    assert control(console, "open", activity_id=1)["ok"]
    clock.now += 61
    assert beamer.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]}, callback=True)["ok"]


def test_the_creators_address_is_no_exemption_from_the_key_limit(client, clock):
    created = client.post("/api/sessions", json={"title": "Nieuw", "activities": ["quickscan"]},
                          **from_address("10.0.0.7")).get_json()
    path = f"/api/sessions/{created['code']}"
    for n in range(LIMIT):
        assert client.get(path, headers=bearer(f"gok {n}"), **from_address("10.0.0.7")).status_code == 403
    assert client.get(path, headers=bearer("nog een gok"), **from_address("10.0.0.7")).status_code == 429
    assert client.get(path, headers=bearer(created["facilitator_key"]), **from_address("10.0.0.7")).status_code == 429
    assert client.get(f"/f/{created['code']}", **from_address("10.0.0.7")).status_code == 200  # its code: still


def test_the_limiter_forgets_what_is_old_and_stays_small(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ADDRESSES", 100)
    clock = Clock()
    limiter = limits.GuessLimiter(2, 60.0, lambda wait: "Te veel.", failure_status=404, clock=clock)

    def miss():
        raise WorkshopError("Deze sessiecode bestaat niet.", status=404, reason="not_found")

    for n in range(1_000):  # a guesser rotating addresses: memory stays bounded
        with pytest.raises(WorkshopError):
            limiter.attempt(f"10.1.{n // 256}.{n % 256}", "ZZZZZZ", miss)
        assert len(limiter._addresses) <= 100
    for n in range(200):  # an address remembers at most REMEMBER_SUBJECTS codes, the most recent ones
        limiter.attempt("10.0.0.1", f"CODE{n}", lambda: None)
    recent = [f"CODE{n}" for n in range(200 - limits.REMEMBER_SUBJECTS, 200)]
    assert list(limiter._addresses["10.0.0.1"].known) == recent
    clock.now += limits.REMEMBER_SECONDS + 1
    for _ in range(2):
        with pytest.raises(WorkshopError):
            limiter.attempt("10.0.0.1", "ZZZZZZ", miss)
    with pytest.raises(WorkshopError) as refused:  # a day later, what it reached before is forgotten too
        limiter.attempt("10.0.0.1", "CODE199", lambda: None)
    assert refused.value.reason == "rate_limited"


def test_the_default_limits_are_20_a_minute(make_app):
    limiters = make_app().extensions[EXTENSION]
    assert (limiters["codes"].limit, limiters["codes"].window) == (20, 60.0)
    assert (limiters["keys"].limit, limiters["keys"].window) == (20, 60.0)


# --- keys and tokens ----------------------------------------------------------------------------------------


def test_facilitator_keys_are_long_random_secrets_stored_only_hashed(client, data_dir):
    keys = set()
    for n in range(20):
        created = client.post("/api/sessions", json={"title": f"S{n}", "activities": ["quickscan"]}).get_json()
        key = created["facilitator_key"]
        raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
        assert len(raw) >= 32 and len(key) >= 43
        keys.add(key)
        client.application.extensions["werkatelier"].workshops.store.close()  # checkpoint the journal
        for path in data_dir.glob(f"{created['code']}.sqlite*"):
            assert key.encode() not in path.read_bytes()
    assert len(keys) == 20


def test_participant_tokens_are_long_and_never_open_the_console(client, session, sio):
    _, ack = join(sio, session["code"])
    assert len(ack["token"]) >= 32
    assert client.get(f"/api/sessions/{session['code']}", headers=bearer(ack["token"])).status_code == 403
    assert_refused(sio().emit("facilitate", {"code": session["code"], "key": ack["token"]}, callback=True),
                   "forbidden")


def test_keys_are_compared_in_constant_time(app, session, sio, monkeypatch, key_comparisons):
    """Wrong keys of every length are refused, through hmac.compare_digest (of the keys' digests)."""
    calls = key_comparisons
    monkeypatch.setattr(app.extensions[EXTENSION]["keys"], "limit", 10_000)  # many wrong keys, none limited
    key = session["facilitator_key"]
    screen = at(sio(), "127.0.0.1")
    for wrong in [key[:n] for n in range(len(key))] + [key + "x", key[1:] + key[0], key.swapcase(), "x" * 1000]:
        assert_refused(screen.emit("facilitate", {"code": session["code"], "key": wrong}, callback=True),
                       "forbidden")
    assert screen.emit("facilitate", {"code": session["code"], "key": key}, callback=True)["ok"]
    assert len(calls) == len(key) + 5
    assert all(len(a) == len(b) == 64 for a, b in calls)  # equal-length SHA-256 digests, whatever the key


# --- a participant is no facilitator, and stays in its own session -----------------------------------------------


def api_endpoints(app):
    """Every /api/ rule of a session, with its methods."""
    return [(rule.rule, method) for rule in app.url_map.iter_rules() if "<code>" in rule.rule
            and rule.rule.startswith("/api/") for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]


def test_every_session_api_endpoint_needs_the_key(app, client, session, sio, monkeypatch):
    monkeypatch.setattr(app.extensions[EXTENSION]["keys"], "limit", 100)  # a wrong key per endpoint, none limited
    _, ack = join(sio, session["code"])
    endpoints = api_endpoints(app)
    assert len(endpoints) >= 11
    for rule, method in endpoints:
        path = re.sub(r"<int:\w+>", "1", rule.replace("<code>", session["code"]))
        assert client.open(path, method=method).status_code == 401, path
        assert client.open(path, method=method, headers=bearer(ack["token"])).status_code == 403, path
    assert client.get(f"/api/sessions/{session['code']}", headers=bearer(session["facilitator_key"])).status_code \
        == 200  # nothing was deleted


def test_a_participant_can_never_control_or_moderate(session, sio):
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, session["code"])
    for action in ("open", "close", "show_results", "hide_results", "activate", "next", "previous", "set_view",
                   "show_names", "hide_names", "start_timer", "pause_timer", "stop_timer", "blank_beamer",
                   "unblank_beamer", "set_qr", "release_results", "withdraw_results", "start_voting", "turn_page",
                   "set_page_seconds", "spotlight", "clear_spotlight"):
        ack = phone.emit("control", {"action": action, "activity_id": 1, "view": "priority", "seconds": 60,
                                     "qr": "hidden", "dots": 3, "max_per_card": 1, "step": 1, "entry_id": 1},
                         callback=True)
        assert_refused(ack, "forbidden")
    assert screen.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]},
                       callback=True)["session"]["activities"][0]["timer"] is None  # no phone started one
    assert_refused(phone.emit("moderate", {"id": 1, "hidden": True}, callback=True), "forbidden")
    for message in ({"action": "create", "activity_id": 1, "name": "Van een telefoon"}, {"action": "delete",
                    "theme_id": 1}, {"action": "assign", "entry_id": 1, "theme_id": None},
                    {"action": "merge", "entry_id": 1, "into": 2}, {"action": "unmerge", "entry_id": 1}):
        assert_refused(phone.emit("theme", {**message}, callback=True), "forbidden")
    stranger = sio()  # not even joined
    assert_refused(stranger.emit("theme", {"action": "create", "activity_id": 1, "name": "X"}, callback=True),
                   "not_joined")
    assert_refused(stranger.emit("control", {"action": "close", "activity_id": 1}, callback=True), "not_joined")
    assert_refused(stranger.emit("control", {"action": "start_timer", "activity_id": 1, "seconds": 60},
                                 callback=True), "not_joined")


def test_wrong_keys_for_moderator_links_count_like_any_wrong_key(client, session, clock):
    path = f"/api/sessions/{session['code']}/moderators"
    for n in range(LIMIT):
        assert client.post(path, headers=bearer(f"gok {n}"), **from_address("10.0.0.7")).status_code == 403
    reply = client.post(path, headers=bearer(session["facilitator_key"]), **from_address("10.0.0.7"))
    assert reply.status_code == 429 and reply.get_json()["reason"] == "rate_limited"
    assert client.get(path, headers=bearer(session["facilitator_key"]), **from_address("10.0.0.7")).status_code == 429


def theme_of(screen, **message):
    return screen.emit("theme", message, callback=True)


def test_a_moderator_of_one_session_never_reaches_another(client, session, sio):
    """A moderator screen acts on its own session only: another session's card ids name nothing in it, and its
    key opens no other session."""
    link = client.post(f"/api/sessions/{session['code']}/moderators",
                       headers=bearer(session["facilitator_key"])).get_json()
    other = client.post("/api/sessions", json={"title": "Ander", "activities": ["motieven"]}).get_json()
    other_screen, _ = facilitate(sio, other)
    control(other_screen, "open", activity_id=1)
    phone, _ = join(sio, other["code"], name="Eva", organisation="GGD")
    card = add_card(phone, "instrumenteel", "Van de andere sessie")["entry"]
    moderator = sio()
    assert moderator.emit("facilitate", {"code": session["code"], "key": link["key"]}, callback=True)["ok"]
    assert_refused(moderator.emit("moderate", {"id": card["id"], "hidden": True}, callback=True), "not_found")
    assert_refused(moderator.emit("control", {"action": "close", "activity_id": 2}, callback=True), "not_found")
    assert theme_of(other_screen, action="create", activity_id=1, name="Alleen hier")["ok"]
    assert_refused(theme_of(moderator, action="merge", entry_id=card["id"], into=card["id"] + 1), "not_found")
    assert_refused(theme_of(moderator, action="rename", theme_id=1, name="Overgenomen"), "not_found")
    assert_refused(sio().emit("facilitate", {"code": other["code"], "key": link["key"]}, callback=True), "forbidden")
    export = client.get(f"/api/sessions/{other['code']}/export.json",
                        headers=bearer(other["facilitator_key"])).get_json()
    assert [e["hidden"] for e in export["entries"]] == [False]
    assert export["session"]["activities"][0]["state"] == "open"


def test_only_facilitator_screens_get_cards_and_only_of_their_own_session(client, sio):
    """`cards_since` is a screen's: a phone, or a connection that joined nothing, is refused; a screen reads the
    cards of its own session only, whatever activity id it names."""
    sessions = [client.post("/api/sessions", json={"title": t, "activities": ["motieven"]}).get_json()
                for t in ("A", "B")]
    screens = [facilitate(sio, s)[0] for s in sessions]
    for screen in screens:
        control(screen, "open", activity_id=1)
    phone_b, _ = join(sio, sessions[1]["code"], name="Bea", organisation="GGD")
    assert add_card(phone_b, "moreel", "Geheim van B")["ok"]
    asked = {"activity_id": 1, "version": 0}
    assert_refused(phone_b.emit("cards_since", asked, callback=True), "forbidden")
    assert_refused(sio().emit("cards_since", asked, callback=True), "not_joined")
    assert screens[0].emit("cards_since", asked, callback=True)["cards"] == []
    assert [c["text"] for c in screens[1].emit("cards_since", asked, callback=True)["cards"]] == ["Geheim van B"]
    assert not [delta for delta in received(screens[0], "cards", timeout=0.3) if delta["cards"]]
    assert not received(phone_b, "cards", timeout=0.1)  # phones never get the wall's deltas


def test_a_facilitator_key_of_one_session_does_not_open_another(client, session, sio):
    other = client.post("/api/sessions", json={"title": "Ander", "activities": ["quickscan"]}).get_json()
    assert client.get(f"/api/sessions/{other['code']}", headers=bearer(session["facilitator_key"])).status_code == 403
    token = client.post(f"/api/sessions/{session['code']}/download-token",
                        headers=bearer(session["facilitator_key"])).get_json()["token"]
    assert client.get(f"/api/sessions/{other['code']}/export.json?t={token}").status_code == 403
    assert_refused(sio().emit("facilitate", {"code": other["code"], "key": session["facilitator_key"]},
                              callback=True), "forbidden")


NETWORK_ENDPOINTS = [("PUT", "/follows"), ("DELETE", "/follows"), ("PATCH", "/network"), ("GET", "/trend")]


@pytest.mark.parametrize("method, path", NETWORK_ENDPOINTS)
def test_the_network_endpoints_need_the_facilitator_key(app, client, session, sio, monkeypatch, method, path):
    """Without a key 401; with a moderator key or a participant's token 403; and nothing of the network changed."""
    monkeypatch.setattr(app.extensions[EXTENSION]["keys"], "limit", 100)
    earlier = client.post("/api/sessions", json={"title": "Eerder", "activities": ["quickscan"]}).get_json()
    moderator = client.post(f"/api/sessions/{session['code']}/moderators", headers=bearer(session["facilitator_key"]))
    _, joined = join(sio, session["code"], name="Piet")
    body = {"code": earlier["code"], "key": earlier["facilitator_key"], "name": "Overgenomen"}
    url = f"/api/sessions/{session['code']}{path}"
    assert client.open(url, method=method, json=body).status_code == 401
    for key in (moderator.get_json()["key"], joined["token"], earlier["facilitator_key"]):
        assert client.open(url, method=method, json=body, headers=bearer(key)).status_code == 403
    overview = client.get(f"/api/sessions/{session['code']}", headers=bearer(session["facilitator_key"])).get_json()
    assert (overview["follows"], overview["network"]) == (None, None)


def test_a_session_of_the_same_network_opens_nothing_of_another(client, sio, data_dir):
    """Linked sessions share no key: each key opens only its own session's network endpoints. The earlier key
    sent to link them is never stored or shown; the trend names organisations, never people."""
    first, later = (client.post("/api/sessions", json={"title": title, "activities": ["quickscan"]}).get_json()
                    for title in ("Eerste", "Later"))
    phone, _ = join(sio, first["code"], name="Geheime Naam", organisation="GGD")
    screen, _ = facilitate(sio, first)
    control(screen, "open", activity_id=1)
    assert answer(phone, "ambitie", "7")["ok"]
    linked = client.put(f"/api/sessions/{later['code']}/follows", headers=bearer(later["facilitator_key"]),
                        json={"code": first["code"], "key": first["facilitator_key"]})
    assert linked.status_code == 200
    for path, method in [("/trend", "GET"), ("/network", "PATCH")]:  # fewer than LIMIT wrong keys
        reply = client.open(f"/api/sessions/{first['code']}{path}", method=method, json={"name": "Overgenomen"},
                            headers=bearer(later["facilitator_key"]))
        assert reply.status_code == 403, path
    shown = {(n, path): client.get(f"/api/sessions/{session['code']}{path}", headers=bearer(session["facilitator_key"]))
             .get_data(as_text=True) for n, session in enumerate((first, later))
             for path in ("", "/trend", "/results", "/export.json")}
    assert not any(first["facilitator_key"] in text or later["facilitator_key"] in text for text in shown.values())
    assert "GGD" in shown[1, "/trend"] and "Geheime Naam" in shown[0, "/export.json"]  # its own export has them
    assert "Geheime Naam" not in shown[1, "/trend"] + shown[1, "/results"] + shown[0, "/trend"]
    stored = b"".join(path.read_bytes() for path in data_dir.iterdir())
    assert first["facilitator_key"].encode() not in stored and later["facilitator_key"].encode() not in stored


def test_a_phone_of_one_session_cannot_touch_another(client, sio):
    def opened(kinds):
        created = client.post("/api/sessions", json={"title": "S", "activities": kinds}).get_json()
        screen, _ = facilitate(sio, created)
        control(screen, "open", activity_id=1)
        return created, screen

    a, _ = opened(["netwerkleiderschap"])
    b, screen_b = opened(["netwerkleiderschap"])
    phone_b, _ = join(sio, b["code"], name="Bea")
    assert add_card(phone_b, "strateeg-namen", "Kaart van B")["ok"]
    assert answer(phone_b, "strateeg-belegd", "ja")["ok"]
    received(screen_b, "results")
    phone_a, ack_a = join(sio, a["code"], name="Aad")
    # Card 1 and participant 1 exist in B; phone A's events only ever reach session A.
    assert_refused(phone_a.emit("edit_entry", {"id": 1, "text": "overschreven"}, callback=True), "not_found")
    assert_refused(phone_a.emit("delete_entry", {"id": 1}, callback=True), "not_found")
    assert_refused(phone_a.emit("moderate", {"id": 1, "hidden": True}, callback=True), "forbidden")
    assert answer(phone_a, "strateeg-belegd", "nee")["ok"]  # stored in A, not in B
    # Its token means nothing in B: joining B with it makes a new participant there.
    _, again = join(sio, b["code"], token=ack_a["token"])
    assert again["participant_id"] == 2 and again["name"] == ""
    export_b = client.get(f"/api/sessions/{b['code']}/export.json", headers=bearer(b["facilitator_key"])).get_json()
    assert [e["text"] for e in export_b["entries"]] == ["Kaart van B"]
    assert [(x["participant_id"], x["value"]) for x in export_b["answers"]] == [(1, "ja")]
    export_a = client.get(f"/api/sessions/{a['code']}/export.json", headers=bearer(a["facilitator_key"])).get_json()
    assert [(x["participant_id"], x["value"]) for x in export_a["answers"]] == [(1, "nee")]


def test_a_card_names_a_partner_of_its_own_session_only(client, sio):
    """Issue 14: a halen or brengen card's partner is an organisation of the phone's own session, never one known
    only in another session, and only the card's author sets it."""
    sessions = []
    for organisation in ("Gemeente Venlo", "GGD Limburg"):
        created = client.post("/api/sessions", json={"title": "S", "activities": ["halen_brengen"]}).get_json()
        screen, _ = facilitate(sio, created)
        control(screen, "open", activity_id=1)
        phone, _ = join(sio, created["code"], name="Aad", organisation=organisation)
        sessions.append((created, phone))
    (a, phone_a), (_, phone_b) = sessions
    assert_refused(phone_a.emit("add_entry", {"activity_id": 1, "item": "halen", "text": "Zorg",
                                              "partner": "GGD Limburg"}, callback=True), "unknown_partner")
    card = add_card(phone_a, "halen", "Zorg")["entry"]
    other, _ = join(sio, a["code"], name="Bo", organisation="Woonstichting")
    assert_refused(other.emit("edit_entry", {"id": card["id"], "text": "Zorg", "partner": "Gemeente Venlo"},
                              callback=True), "forbidden")
    assert_refused(phone_b.emit("edit_entry", {"id": card["id"], "text": "Zorg", "partner": "Woonstichting"},
                                callback=True), "not_found")  # the card id means nothing in session B
    export = client.get(f"/api/sessions/{a['code']}/export.json", headers=bearer(a["facilitator_key"])).get_json()
    assert [(e["text"], e["partner"]) for e in export["entries"]] == [("Zorg", None)]


def test_phones_and_other_sessions_do_not_hear_results(client, session, sio):
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    other = client.post("/api/sessions", json={"title": "Ander", "activities": ["succesfactoren"]}).get_json()
    other_screen, _ = facilitate(sio, other)
    watcher, _ = join(sio, session["code"])
    phone, _ = join(sio, session["code"])
    watcher.get_received(), other_screen.get_received()
    assert answer(phone, "visie", "rood")["ok"]
    assert received(screen, "results")  # the session's own screen hears it
    for outsider in (watcher, other_screen):
        names = {packet["name"] for packet in outsider.get_received()}
        assert not names & {"results", "presence", "session", "problem"}, names


def test_released_results_reach_only_the_sessions_own_phones_and_name_nobody(client, sio):
    """phone_results go to the phones of the session that released them, without names, organisations or
    hidden cards; the other session's phones and screens hear nothing of them."""
    mine = client.post("/api/sessions", json={"title": "Eigen", "activities": ["motieven"]}).get_json()
    other = client.post("/api/sessions", json={"title": "Ander", "activities": ["motieven"]}).get_json()
    screen, _ = facilitate(sio, mine)
    other_screen, _ = facilitate(sio, other)
    control(screen, "open", activity_id=1)
    control(other_screen, "open", activity_id=1)
    author, _ = join(sio, mine["code"], name="Geheime Naam", organisation="Geheime Organisatie")
    outsider, _ = join(sio, other["code"], name="Buiten")
    shown = add_card(author, "instrumenteel", "Een zichtbare kaart")
    hidden = add_card(author, "instrumenteel", "Een verborgen kaart")
    assert shown["ok"] and hidden["ok"]
    assert screen.emit("moderate", {"id": hidden["entry"]["id"], "hidden": True}, callback=True)["ok"]
    control(screen, "release_results", activity_id=1)
    snapshots = received(author, "phone_results")
    assert snapshots and "Een zichtbare kaart" in str(snapshots[-1])
    for secret in ("Geheime Naam", "Geheime Organisatie", "Een verborgen kaart"):
        assert secret not in str(snapshots[-1]), secret
    for stranger in (outsider, other_screen, screen):  # screens get `results`, not the phones' payload
        assert "phone_results" not in {packet["name"] for packet in stranger.get_received()}


def test_presence_and_progress_carry_counts_never_names(session, sio):
    """Who is slow is never named: `presence` holds counts only, an aggregate's progress organisations only."""
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    anna, _ = join(sio, session["code"], name="Anna Geheim", organisation="Gemeente Venlo")
    assert answer(anna, "visie", "groen")["ok"]
    [presence] = wait_for(screen, "presence", lambda p: p["connected"] == 1)[-1:]
    assert set(presence) == {"participants", "connected", "seq"} and "Geheim" not in json.dumps(presence)
    [results] = wait_for(screen, "results", lambda r: r["aggregate"]["respondents"] == 1)[-1:]
    progress = {key: results["aggregate"][key] for key in ("complete", "progress")}
    assert "Geheim" not in json.dumps(progress)
    assert progress["progress"]["organisations"] == [
        {"name": "Gemeente Venlo", "participants": 1, "respondents": 1, "complete": 0}]


# --- free text stays text ---------------------------------------------------------------------------------------


@pytest.fixture
def hostile(client, sio):
    """A session with a hostile title, name, organisation and card."""
    created = client.post("/api/sessions", json={"title": f"Titel {XSS}", "activities": ["motieven"]}).get_json()
    screen, _ = facilitate(sio, created)
    control(screen, "open", activity_id=1)
    control(screen, "show_names", activity_id=1)
    phone, _ = join(sio, created["code"], name=NAME, organisation=f"Org {XSS}")
    ack = add_card(phone, "instrumenteel", XSS)
    assert ack["ok"] and ack["entry"]["text"] == XSS
    return created, screen


def test_xss_reaches_the_beamer_and_the_export_as_plain_text(hostile, client, sio):
    created, screen = hostile
    [delta] = received(screen, "cards")[-1:]
    [card] = delta["cards"]
    assert card["text"] == XSS and card["name"] == NAME  # as typed: the pages set textContent
    beamer, ack = facilitate(sio, created)
    assert ack["cards"]["1"]["cards"][0]["text"] == XSS
    reply = client.get(f"/api/sessions/{created['code']}/export.json", headers=bearer(created["facilitator_key"]))
    assert reply.mimetype == "application/json" and reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.headers["Content-Disposition"].startswith("attachment")
    assert reply.get_json()["entries"][0]["text"] == XSS


def test_xss_is_escaped_in_every_page_and_the_report(hostile, client):
    created, _ = hostile
    code = created["code"]
    key = bearer(created["facilitator_key"])
    pages = [client.get(f"/j/{code}"), client.get(f"/f/{code}"), client.get(f"/f/{code}/beamer"),
             client.get(f"/api/sessions/{code}/report.html", headers=key)]
    for reply in pages:
        assert reply.status_code == 200 and reply.mimetype == "text/html"
        html = reply.get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Naam" not in html, reply.request.path
        assert "&lt;script&gt;alert(" in html, reply.request.path


def test_xss_in_an_own_activity_is_escaped_in_every_page_and_the_report(client):
    """An own activity's words come from a person too: title, intro, labels, questions, options."""
    xss = "<script>alert(1)</script>"
    reply = client.post("/api/sessions", json={"title": "Eigen", "activities": [
        {"instrument": "quickscan", "title": xss, "intro": xss},
        {"title": xss, "intro": xss, "items": [
            {"label": xss, "question": xss, "kind": "choice", "options": [xss, "<img src=x onerror=alert(1)>"]},
            {"label": xss, "kind": "points", "options": [xss, "b"]},
            {"label": xss, "kind": "scale", "low_label": xss, "high_label": xss},
            {"label": xss, "kind": "text", "placeholder": xss}]}]})
    assert reply.status_code == 201, reply.get_json()
    created = reply.get_json()
    code, key = created["code"], bearer(created["facilitator_key"])
    for page in (client.get(f"/j/{code}"), client.get(f"/f/{code}"), client.get(f"/f/{code}/beamer"),
                 client.get(f"/api/sessions/{code}/report.html", headers=key)):
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(" in html, page.request.path


def test_a_typed_code_is_echoed_escaped(client):
    reply = client.get("/j", query_string={"code": "<script>x</script>"})
    assert reply.status_code == 404
    html = reply.get_data(as_text=True)
    assert "<script>x" not in html and "&lt;script&gt;x" in html


def test_the_scripts_never_write_html(client):
    """The pages show people's text with textContent only: no script writes HTML from strings."""
    scripts = [p for p in (ROOT / "static" / "js").rglob("*.js")]
    assert scripts
    for script in scripts:
        source = script.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                     "srcdoc", "DOMParser", "createContextualFragment"):
            if (sink, script.name) == ("srcdoc", "preview.js"):
                continue  # the preview frame: see the next test
            assert sink not in source, f"{script.name} uses {sink}"


def test_the_preview_frame_can_run_no_script():
    """The designer shows the server's rendering of the phone form (escaped by Jinja) in an iframe whose sandbox
    allows no scripts, so even a slip in the escaping could not run code in it or in the home page."""
    source = (ROOT / "static" / "js" / "designer" / "preview.js").read_text()
    assert source.count("srcdoc") == 1 and 'sandbox: "allow-same-origin"' in source
    assert "allow-scripts" not in source and "allow-top-navigation" not in source


# --- security headers ---------------------------------------------------------------------------------------


def test_security_headers_on_every_page_and_api_response_including_errors(client, session, clock):
    code, key = session["code"], session["facilitator_key"]
    replies = {
        "home": client.get("/"), "join page": client.get(f"/j/{code}"), "console": client.get(f"/f/{code}"),
        "beamer": client.get(f"/f/{code}/beamer"), "qr": client.get(f"/qr/{code}.svg"),
        "redirect": client.get(f"/j?code={code}"), "static": client.get("/static/favicon.svg"),
        "statement": client.get("/toegankelijkheid?lang=<script>"),
        "api": client.get(f"/api/sessions/{code}", headers=bearer(key)),
        "export": client.get(f"/api/sessions/{code}/export.json", headers=bearer(key)),
        "created": client.post("/api/sessions", json={"title": "T", "activities": ["quickscan"]}),
        "400": client.post("/api/sessions", data="{", content_type="application/json"),
        "401": client.get(f"/api/sessions/{code}"),
        "403": client.get(f"/api/sessions/{code}", headers=bearer("fout")),
        "404 api": client.get("/api/sessions/ZZZZZZ"), "404 page": client.get("/f/ZZZZZZ"),
        "404 route": client.get("/bestaat/niet"), "405": client.put("/api/sessions"),
        "413": client.post("/api/sessions", data="x" * 270_000, content_type="application/json"),
    }
    for n in range(LIMIT):
        client.get(f"/j/{unknown_codes(session, LIMIT + 1)[n]}")
    replies["429"] = client.get("/qr/YYYYYY.svg")
    assert replies["429"].status_code == 429
    for name, reply in replies.items():
        for header, value in SECURITY_HEADERS.items():
            assert reply.headers.get(header) == value, (name, header)
        reply.close()
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert SECURITY_HEADERS["X-Frame-Options"] == "DENY" and SECURITY_HEADERS["X-Content-Type-Options"] == "nosniff"
    assert SECURITY_HEADERS["Referrer-Policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(client, session):
    code = session["code"]
    for path in ("/", f"/j/{code}", f"/f/{code}", f"/f/{code}/beamer", "/f/ZZZZZZ"):
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html), path


# --- size limits ----------------------------------------------------------------------------------------------


def test_socketio_messages_are_limited_to_16_kib(app, client):
    assert app.config["MAX_MESSAGE_BYTES"] == 16 * 1024
    assert socketio.server.eio.max_http_buffer_size == 16 * 1024
    handshake = client.get("/socket.io/?EIO=4&transport=polling").get_data(as_text=True)
    assert '"maxPayload":16384' in handshake  # what the server tells every client, and enforces
    sid = re.search(r'"sid":"([^"]+)"', handshake).group(1)
    socketio.server.eio.sockets.pop(sid).close(wait=False, abort=True)


def test_http_bodies_are_limited_to_256_kib(app, client):
    assert app.config["MAX_CONTENT_LENGTH"] == 256 * 1024
    reply = client.post("/api/sessions", data='{"title": "' + "x" * 270_000 + '"}', content_type="application/json")
    assert reply.status_code == 413 and reply.get_json()["reason"] == "request_entity_too_large"


def test_every_text_item_limits_length_and_entries_per_participant():
    for kind in INSTRUMENTS.values():
        texts = [item.kind for item in kind.items if isinstance(item.kind, Text)]
        for text in texts:
            assert 0 < text.max_length <= 280 and 0 < text.max_entries <= 8
        assert sum(text.max_entries for text in texts) <= 60  # cards one participant can add to one activity


def test_cards_beyond_the_maximum_are_refused(client, sio):
    created = client.post("/api/sessions", json={"title": "T", "activities": ["netwerkleiderschap"]}).get_json()
    screen, _ = facilitate(sio, created)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, created["code"])
    for n in range(3):
        assert add_card(phone, "strateeg-bijdrage", f"Kaart {n}")["ok"]
    assert_refused(add_card(phone, "strateeg-bijdrage", "Nog een"), "too_many_entries")


# --- using up the server: sessions and participants ------------------------------------------------------


def create_from(client, address):
    return client.post("/api/sessions", json={"title": "Nieuw", "activities": ["quickscan"]},
                       **from_address(address))


def test_creating_sessions_is_limited_per_address(make_app):
    app = make_app(CREATE_LIMIT=LIMIT, CREATE_WINDOW=600.0)
    clock = Clock()
    app.extensions[EXTENSION]["creates"].clock = clock
    client = app.test_client()
    for _ in range(LIMIT):
        assert create_from(client, "10.0.0.7").status_code == 201
    refused = create_from(client, "10.0.0.7")
    assert refused.status_code == 429
    assert refused.get_json() == {"reason": "rate_limited", "error": "Vanaf dit adres zijn te veel sessies "
                                  "aangemaakt. Wacht 10 minuten en probeer het opnieuw."}
    for header, value in SECURITY_HEADERS.items():
        assert refused.headers[header] == value
    assert create_from(client, "10.0.0.8").status_code == 201
    clock.now += 300
    assert "Wacht 5 minuten" in create_from(client, "10.0.0.7").get_json()["error"]
    clock.now += 301
    assert create_from(client, "10.0.0.7").status_code == 201


def test_duplicating_a_session_counts_as_creating_one(make_app):
    client = make_app(CREATE_LIMIT=2).test_client()
    created = create_from(client, "10.0.0.7").get_json()
    path = f"/api/sessions/{created['code']}/duplicate"
    assert client.post(path, headers=bearer(created["facilitator_key"]), **from_address("10.0.0.7")).status_code == 201
    refused = client.post(path, headers=bearer(created["facilitator_key"]), **from_address("10.0.0.7"))
    assert refused.status_code == 429 and refused.get_json()["reason"] == "rate_limited"
    assert create_from(client, "10.0.0.7").status_code == 429


def test_the_creation_and_join_limits_come_from_the_environment(make_app, monkeypatch):
    limiters = make_app().extensions[EXTENSION]
    assert (limiters["creates"].limit, limiters["creates"].window) == (30, 600.0)
    assert (limiters["joins"].limit, limiters["joins"].window) == (2000, 600.0)
    monkeypatch.setenv("WORKSHOP_CREATE_LIMIT", "5000")
    monkeypatch.setenv("WORKSHOP_CREATE_WINDOW", "60")
    monkeypatch.setenv("WORKSHOP_JOIN_LIMIT", "7")
    monkeypatch.setenv("WORKSHOP_JOIN_WINDOW", "30")
    limiters = make_app().extensions[EXTENSION]
    assert (limiters["creates"].limit, limiters["creates"].window) == (5000, 60.0)
    assert (limiters["joins"].limit, limiters["joins"].window) == (7, 30.0)


def participants_of(client, session):
    return client.get(f"/api/sessions/{session['code']}", headers=bearer(session["facilitator_key"])
                      ).get_json()["participants"]


def test_one_connection_is_one_participant_however_often_it_joins(client, session, sio):
    phone, first = join(sio, session["code"], name="Anna", organisation="Gemeente")
    screen, _ = facilitate(sio, session)
    for n, token in enumerate([None, first["token"], "een token van niemand", "", None] * 4):
        fields = {"name": f"Anna {n}"} if n % 3 == 0 else {}
        ack = phone.emit("join", {"code": session["code"], "token": token, **fields}, callback=True)
        assert ack["ok"] and ack["participant_id"] == first["participant_id"] and ack["token"] == first["token"]
    assert participants_of(client, session) == 1
    moved = phone.emit("join", {"code": session["code"], "organisation": "Woningcorporatie"}, callback=True)
    assert (moved["participant_id"], moved["organisation"]) == (first["participant_id"], "Woningcorporatie")
    assert participants_of(client, session) == 1
    assert received(screen, "presence")[-1]["participants"] == 1


def test_alternating_codes_on_one_connection_mints_no_one(client, session, sio):
    other = client.post("/api/sessions", json={"title": "Tweede", "activities": ["quickscan"]}).get_json()
    phone = sio()
    ids = {session["code"]: set(), other["code"]: set()}
    for _ in range(10):
        for code in ids:
            ack = phone.emit("join", {"code": code}, callback=True)
            ids[code].add(ack["participant_id"])
    assert all(len(seen) == 1 for seen in ids.values())
    assert participants_of(client, session) == participants_of(client, other) == 1


def test_new_participants_are_limited_per_address_rejoins_never(app, session, sio, clock, monkeypatch):
    monkeypatch.setattr(app.extensions[EXTENSION]["joins"], "limit", LIMIT)
    tokens = [join(lambda: phone_at(sio, "192.0.2.1"), session["code"])[1]["token"] for _ in range(LIMIT)]
    refused = phone_at(sio, "192.0.2.1").emit("join", {"code": session["code"], "name": "Piet"}, callback=True)
    assert_refused(refused, "rate_limited")
    assert refused["error"] == ("Vanaf dit adres hebben zich te veel deelnemers aangemeld. Wacht 10 minuten en "
                                "probeer het opnieuw.")
    for token in tokens * 3:  # phones that come back (a reload, a new connection) are never refused
        assert phone_at(sio, "192.0.2.1").emit("join", {"code": session["code"], "token": token}, callback=True)["ok"]
    assert phone_at(sio, "192.0.2.2").emit("join", {"code": session["code"]}, callback=True)["ok"]
    clock.now += 601
    assert phone_at(sio, "192.0.2.1").emit("join", {"code": session["code"]}, callback=True)["ok"]


def test_the_use_limiter_forgets_idle_addresses_and_stays_small(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ADDRESSES", 100)
    clock = Clock()
    limiter = limits.UseLimiter(2, 60.0, lambda wait: f"Wacht {wait} minuut.", clock=clock)
    for n in range(1_000):
        limiter.use(f"10.1.{n // 256}.{n % 256}")
        assert len(limiter._uses) <= 100
        clock.now += 1
    limiter.use("10.0.0.1")
    limiter.use("10.0.0.1")
    with pytest.raises(WorkshopError) as refused:
        limiter.use("10.0.0.1")
    assert refused.value.reason == "rate_limited" and refused.value.message == "Wacht 1 minuut."


# --- the Socket.IO edge: floods and broken packets close the connection (tests/e2e/test_edge.py: websockets) ----


def polling_connection(client) -> str:
    """A real Engine.IO polling connection through the app, joined to the Socket.IO namespace: its path."""
    handshake = client.get("/socket.io/?EIO=4&transport=polling").get_data(as_text=True)
    path = "/socket.io/?EIO=4&transport=polling&sid=" + re.search(r'"sid":"([^"]+)"', handshake).group(1)
    assert client.post(path, data="40").status_code == 200
    return path


def test_a_connection_past_its_event_budget_is_closed_and_logged_once(make_app, caplog):
    client = make_app(EVENT_BURST=5, EVENT_RATE=0.01).test_client()
    path = polling_connection(client)  # its "40" connect is the first event
    for n in range(4):
        assert client.post(path, data=f'42{n}["state",{{}}]').status_code == 200
    with caplog.at_level("WARNING"):
        client.post(path, data='425["state",{}]')
        assert client.post(path, data='426["state",{}]').status_code == 400  # closed
    [record] = [r for r in caplog.records if r.name.startswith("workshop")]
    assert "more than 5 events" in record.getMessage() and not any(r.exc_info for r in caplog.records)
    assert client.post(polling_connection(client), data='42["state",{}]').status_code == 200  # others: fine


@pytest.mark.parametrize("packet", ['42["state",{', "49[1]", '451-["state",{"_placeholder":true,"num":0}]', "4\x00"])
def test_a_broken_socketio_packet_closes_the_connection_without_a_traceback(client, caplog, packet):
    path = polling_connection(client)
    with caplog.at_level("WARNING"):
        client.post(path, data=packet)
        assert client.post(path, data='42["state",{}]').status_code == 400
    [record] = [r for r in caplog.records if r.name.startswith("workshop")]
    assert "closed" in record.getMessage() and not any(r.exc_info for r in caplog.records)


def test_the_event_budget_refills_at_its_rate():
    clock = Clock()
    budget = edge.EventBudget(rate=2.0, burst=3, clock=clock)
    assert [budget.spend("a") for _ in range(4)] == [True, True, True, False]
    assert budget.spend("b")
    clock.now += 0.5  # one event's worth
    assert [budget.spend("a") for _ in range(2)] == [True, False]
    clock.now += 100  # never more than the burst
    assert [budget.spend("a") for _ in range(4)] == [True, True, True, False]
    budget.forget("a")
    assert budget._buckets.keys() == {"b"}


def test_the_event_budget_defaults_leave_room_for_every_page(app, monkeypatch):
    """20 events a second after a burst of 100: a phone sends one per tap, a console one per click."""
    assert (app.config["EVENT_RATE"], app.config["EVENT_BURST"]) == (20.0, 100.0)
    monkeypatch.setenv("WORKSHOP_EVENT_RATE", "50")
    monkeypatch.setenv("WORKSHOP_EVENT_BURST", "500")
    assert (default_config()["EVENT_RATE"], default_config()["EVENT_BURST"]) == (50.0, 500.0)


@pytest.mark.parametrize("body", ["x", "6", "0", "9zz"])
def test_a_polling_body_that_is_no_engineio_payload_closes_the_connection(client, caplog, body):
    """Engine.IO logged a traceback for these, or (for a type it does not take) waited for the next poll."""
    path = polling_connection(client)
    with caplog.at_level("WARNING"):
        assert client.post(path, data=body).status_code == 400
        assert client.post(path, data='42["state",{}]').status_code == 400
    [record] = [r for r in caplog.records if r.name.startswith("workshop")]
    assert "polling body" in record.getMessage() and not any(r.exc_info for r in caplog.records)


# --- hosts (DNS rebinding) and the headers of Socket.IO's responses ------------------------------------------

WRONG_HOST = "Deze server is niet bereikbaar onder dit adres."


@pytest.mark.parametrize("path", ["/", "/j/{code}", "/qr/{code}.svg", "/api/sessions/{code}",
                                  "/socket.io/?EIO=4&transport=polling"])
def test_an_untrusted_host_gets_a_dutch_400_and_never_reaches_the_app(client, session, path):
    reply = client.get(path.format(code=session["code"]), headers={"Host": "rebind.example:5000"})
    assert reply.status_code == 400
    for header, value in SECURITY_HEADERS.items():
        assert reply.headers[header] == value
    if path.startswith(("/api/", "/socket.io/")):
        assert reply.get_json()["reason"] == "untrusted_host" and WRONG_HOST in reply.get_json()["error"]
    else:
        assert reply.mimetype == "text/html" and WRONG_HOST in reply.get_data(as_text=True)


def test_trusted_hosts_are_loopback_the_public_url_and_the_configured_ones(make_app, monkeypatch):
    monkeypatch.setenv("WORKSHOP_TRUSTED_HOSTS", "werkatelier.example.nl, .zaal.lan")
    app = make_app(PUBLIC_URL="http://192.168.1.20:5000")
    client = app.test_client()
    for host in ("localhost", "127.0.0.1:5000", "192.168.1.20:5000", "werkatelier.example.nl",
                 "beamer.zaal.lan"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host
        assert client.get("/socket.io/?EIO=4&transport=polling", headers={"Host": host}).status_code == 200, host
    reply = client.get("/", headers={"Host": "192.168.1.21:5000"})
    assert reply.status_code == 400 and "http://192.168.1.20:5000" in reply.get_data(as_text=True)


def test_behind_a_proxy_the_forwarded_host_is_checked(make_app):
    client = make_app(PROXIES=1).test_client()
    assert client.get("/", headers={"X-Forwarded-Host": "rebind.example"}).status_code == 400
    assert client.get("/", headers={"Host": "rebind.example", "X-Forwarded-Host": "localhost"}).status_code == 200


def test_the_qr_code_is_not_publicly_cached(client, session):
    reply = client.get(f"/qr/{session['code']}.svg")
    assert reply.status_code == 200 and reply.headers["Cache-Control"] == "private, no-store"


def test_socketio_responses_carry_the_security_headers(client):
    replies = [client.get("/socket.io/?EIO=4&transport=polling"), client.get("/socket.io/?EIO=9"),
               client.post("/socket.io/?EIO=4&transport=polling&sid=nope", data="40")]
    for reply in replies:
        for header, value in SECURITY_HEADERS.items():
            assert reply.headers.get(header) == value, (reply.status_code, header)


# --- the designer's endpoints: no key, but a limit per address, and text stays text -----------------------------


def preview(client, activity, **kwargs):
    return client.post("/api/preview", json={"activity": activity}, **kwargs)


TEMPLATE = {"format": "werkatelier-template", "version": 1, "title": "Ontwerp", "activities": ["quickscan"]}


def test_a_hostile_title_is_escaped_in_the_preview(client):
    body = preview(client, {"instrument": "motieven", "title": XSS, "intro": XSS}).get_json()
    assert "<script>" not in body["html"] and "<img src=x" not in body["html"]
    assert "&lt;script&gt;alert(" in body["html"]
    own = preview(client, {"title": "T", "items": [{"label": XSS, "question": XSS, "kind": "choice",
                                                  "options": [XSS, "Nee"]}]}).get_json()
    assert "<script>" not in own["html"] and "<img src=x" not in own["html"]


def test_previews_and_template_checks_need_no_key_but_are_limited_per_address(make_app):
    app = make_app(PREVIEW_LIMIT=3, PREVIEW_WINDOW=600.0)
    client = app.test_client()
    address = from_address("10.0.0.7")
    assert preview(client, "quickscan", **address).status_code == 200
    assert preview(client, "bestaat-niet", **address).status_code == 400  # a refused one counts too
    assert client.post("/api/templates/check", json=TEMPLATE, **address).status_code == 200
    refused = client.post("/api/templates/check", json=TEMPLATE, **address)
    assert refused.status_code == 429 and refused.get_json() == {"reason": "rate_limited", "error": (
        "Vanaf dit adres zijn te veel voorbeelden opgevraagd. Wacht 10 minuten en probeer het opnieuw.")}
    assert preview(client, "quickscan", **address).status_code == 429
    assert preview(client, "quickscan", **from_address("10.0.0.8")).status_code == 200
    assert client.post("/api/sessions", json={"title": "T", "activities": ["quickscan"]},
                       **address).status_code == 201  # creating is a limit of its own
