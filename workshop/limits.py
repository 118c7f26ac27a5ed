"""Brakes per client address: on guessing (unknown session codes, wrong facilitator keys) and on using up
the server (creating sessions, adding participants).

A sliding window per address holds the times of its failed guesses (an unknown code: 404; a wrong key or
download token: 403). Once an address has `limit` of them within `window` seconds it is refused (HTTP 429,
ack reason `rate_limited`) until the oldest ones leave the window. Only failures count: a room of 300
phones behind one NAT address that all join the same valid code is never slowed down. A refused address
still reaches a code it reached before, so a typo-prone room keeps working, while a guesser learns nothing:
for an unknown subject a hit and a miss look the same (429). Keys get no such exemption: the facilitator's
address is often the room's NAT address, shared with every participant.
A `UseLimiter` counts every use instead (a session created, a new participant), up to `limit` per `window`.
IPv6 addresses count per /64 network, the block one household or phone usually gets.
"""

import ipaddress
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import TypeVar

from flask import current_app, request
from flask_babel import ngettext

from .errors import WorkshopError

T = TypeVar("T")
EXTENSION = "werkatelier.limits"
REMEMBER_SECONDS = 24 * 3600  # how long an address keeps reaching a code or session it reached before
REMEMBER_SUBJECTS = 64  # per address, the most recently reached ones
MAX_ADDRESSES = 50_000  # addresses tracked at once; past that, idle ones and then the longest-tracked are forgotten


def rate_limited(message: str) -> WorkshopError:
    return WorkshopError(message, status=429, reason="rate_limited")


class _Address:
    __slots__ = ("failures", "known")

    def __init__(self):
        self.failures: deque[float] = deque()  # times of failed guesses within the window, oldest first
        self.known: OrderedDict[str, float] = OrderedDict()  # subject -> when last reached, oldest first


class GuessLimiter:
    """At most `limit` failed guesses per address within `window` seconds; `message` takes the minutes to wait
    (it is made when refusing, in the language of the request); `clock` is injectable for tests."""

    def __init__(self, limit: int, window: float, message: Callable[[int], str], failure_status: int,
                 clock: Callable[[], float] = time.monotonic, exempt_known: bool = True):
        self.limit = limit
        self.window = window
        self.message = message
        self.failure_status = failure_status  # the status of a WorkshopError that means "wrong guess"
        self.exempt_known = exempt_known  # whether a subject reached before stays reachable while refused
        self.clock = clock
        self._addresses: dict[str, _Address] = {}
        self._lock = threading.Lock()

    def attempt(self, address: str, subject: str, check: Callable[[], T]) -> T:
        """Run `check`, which raises a WorkshopError with `failure_status` for a wrong guess about `subject`.
        Refused without running it while `address` has too many recent failures and never reached `subject`."""
        with self._lock:
            now = self.clock()
            record = self._record(address, now)
            known = self.exempt_known and subject in record.known
            if not known and len(record.failures) >= self.limit:
                raise rate_limited(self.message(minutes(self.window)))
        try:
            result = check()
        except WorkshopError as error:
            if error.status == self.failure_status and not known:  # a miss on what it reached before is no guess
                with self._lock:
                    self._record(address, now).failures.append(now)
            raise
        if self.exempt_known:
            self.remember(address, subject)
        return result

    def remember(self, address: str, subject: str):
        """`address` reached `subject` (e.g. it created that session): for a day it is not refused for it."""
        with self._lock:
            now = self.clock()
            known_subjects = self._record(address, now).known
            known_subjects[subject] = now
            known_subjects.move_to_end(subject)
            while len(known_subjects) > REMEMBER_SUBJECTS:
                known_subjects.popitem(last=False)

    def _record(self, address: str, now: float) -> _Address:
        """The address's record with what is too old dropped (under the lock)."""
        record = self._addresses.get(address)
        if record is None:
            if len(self._addresses) >= MAX_ADDRESSES:
                self._sweep(now)
            record = self._addresses[address] = _Address()
        self._expire(record, now)
        return record

    def _expire(self, record: _Address, now: float):
        while record.failures and record.failures[0] <= now - self.window:
            record.failures.popleft()
        while record.known and next(iter(record.known.values())) <= now - REMEMBER_SECONDS:
            record.known.popitem(last=False)

    def _sweep(self, now: float):
        """Forget addresses with nothing left to remember; if still too many, the oldest-tracked half."""
        for address, record in list(self._addresses.items()):
            self._expire(record, now)
            if not record.failures and not record.known:
                del self._addresses[address]
        if len(self._addresses) >= MAX_ADDRESSES:
            for address in list(self._addresses)[:MAX_ADDRESSES // 2]:
                del self._addresses[address]


class UseLimiter:
    """At most `limit` uses per address within `window` seconds; `message` takes the minutes left to wait."""

    def __init__(self, limit: int, window: float, message: Callable[[int], str],
                 clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.message = message
        self.clock = clock
        self._uses: dict[str, deque[float]] = {}  # address -> times of its uses within the window, oldest first
        self._lock = threading.Lock()

    def use(self, address: str):
        """Count one use by `address`, or refuse it (429, `rate_limited`) saying how long to wait."""
        with self._lock:
            now = self.clock()
            uses = self._uses.get(address)
            if uses is None:
                if len(self._uses) >= MAX_ADDRESSES:
                    self._sweep(now)
                uses = self._uses[address] = deque()
            while uses and uses[0] <= now - self.window:
                uses.popleft()
            if len(uses) >= self.limit:
                raise rate_limited(self.message(minutes(uses[0] + self.window - now)))
            uses.append(now)

    def _sweep(self, now: float):
        """Forget addresses without uses in the window; if still too many, the oldest-tracked half."""
        for address, uses in list(self._uses.items()):
            if not uses or uses[-1] <= now - self.window:
                del self._uses[address]
        if len(self._uses) >= MAX_ADDRESSES:
            for address in list(self._uses)[:MAX_ADDRESSES // 2]:
                del self._uses[address]


def minutes(seconds: float) -> int:
    """A wait in whole minutes, at least one."""
    return max(1, round(seconds / 60))


def limiters_for(config) -> dict[str, GuessLimiter | UseLimiter]:
    """The app's limiters, from its config: `codes` (unknown session codes), `keys` (wrong keys), `creates`
    (new sessions, duplicates included), `joins` (new participants) and `previews` (the designer's previews and
    template checks)."""
    return {
        "codes": GuessLimiter(config["CODE_GUESS_LIMIT"], config["CODE_GUESS_WINDOW"], lambda wait: ngettext(
            "Te veel onbekende codes geprobeerd. Wacht een minuut en probeer het opnieuw.",
            "Te veel onbekende codes geprobeerd. Wacht %(num)s minuten en probeer het opnieuw.", wait),
            failure_status=404),
        "keys": GuessLimiter(config["KEY_GUESS_LIMIT"], config["KEY_GUESS_WINDOW"], lambda wait: ngettext(
            "Te veel verkeerde sleutels geprobeerd. Wacht een minuut en probeer het opnieuw.",
            "Te veel verkeerde sleutels geprobeerd. Wacht %(num)s minuten en probeer het opnieuw.", wait),
            failure_status=403, exempt_known=False),
        "creates": UseLimiter(config["CREATE_LIMIT"], config["CREATE_WINDOW"], lambda wait: ngettext(
            "Vanaf dit adres zijn te veel sessies aangemaakt. Wacht een minuut en probeer het opnieuw.",
            "Vanaf dit adres zijn te veel sessies aangemaakt. Wacht %(num)s minuten en probeer het opnieuw.", wait)),
        "joins": UseLimiter(config["JOIN_LIMIT"], config["JOIN_WINDOW"], lambda wait: ngettext(
            "Vanaf dit adres hebben zich te veel deelnemers aangemeld. Wacht een minuut en probeer het opnieuw.",
            "Vanaf dit adres hebben zich te veel deelnemers aangemeld. Wacht %(num)s minuten en probeer het opnieuw.",
            wait)),
        "previews": UseLimiter(config["PREVIEW_LIMIT"], config["PREVIEW_WINDOW"], lambda wait: ngettext(
            "Vanaf dit adres zijn te veel voorbeelden opgevraagd. Wacht een minuut en probeer het opnieuw.",
            "Vanaf dit adres zijn te veel voorbeelden opgevraagd. Wacht %(num)s minuten en probeer het opnieuw.",
            wait)),
    }


def client_address() -> str:
    """Who is asking, for counting: the request's remote address (an IPv6 one as its /64 network)."""
    address = request.remote_addr or ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def guarded(kind: str, subject: str, check: Callable[[], T]) -> T:
    """Run `check` (a code lookup or key check about `subject`) under the app's `kind` limiter."""
    return current_app.extensions[EXTENSION][kind].attempt(client_address(), subject, check)


def remember(subject: str):
    """The client created `subject` (a session): its address may open its code even while it is refused
    for guessing codes (not for guessing its key)."""
    current_app.extensions[EXTENSION]["codes"].remember(client_address(), subject)


def count_use(kind: str):
    """Count one use of `kind` (`creates`, `joins`, `previews`) by the client's address, or refuse it (429)."""
    current_app.extensions[EXTENSION][kind].use(client_address())
