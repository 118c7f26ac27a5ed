"""Live updates to the facilitator and beamer (and released results to the phones), coalesced so a burst of
answers is a few emits a second."""

import logging
import threading
import time

from .errors import WorkshopError
from .i18n import SOURCE, translations
from .organisations import organisation_key
from .sessions import phone_entry

log = logging.getLogger(__name__)
PRESENCE = "presence"
COLLEAGUES = "colleagues"
PHONE_RESULTS = "phone_results"
CARDS = "cards"


def facilitator_room(code: str) -> str:
    return f"facilitator:{code}"


def participant_room(code: str) -> str:
    return f"participant:{code}"


def moderator_room(code: str, moderator_id: int) -> str:
    """The screens opened with one moderator link's key: dropped together when it is revoked."""
    return f"moderator:{code}:{moderator_id}"


def colleagues_room(code: str, organisation_key: str) -> str:
    """The phones of one organisation in a session; they see each other's cards in per-organisation activities."""
    return f"colleagues:{code}:{organisation_key}"


def is_phone_results(topic) -> bool:
    return isinstance(topic, tuple) and topic[0] == PHONE_RESULTS


def is_cards(topic) -> bool:
    return isinstance(topic, tuple) and topic[0] == CARDS


def without_countdown(phone_activity: dict | None) -> dict | None:
    """A phone's activity without its timer: what an agenda change can alter."""
    return phone_activity and {key: value for key, value in phone_activity.items() if key != "timer"}


class LiveResults:
    """Marks a session's results or participant count as changed and sends at most one snapshot of each
    per interval: a burst of answers becomes a few snapshots a second, never one per answer."""

    def __init__(self, socketio, workshops, interval: float, phone_interval: float = 1.0):
        self.socketio = socketio
        self.workshops = workshops
        self.interval = interval
        self.phone_interval = phone_interval  # released results on the phones: a cadence of their own
        self._phone_latest: dict[str, dict] = {}  # session code -> the `phone_results` last sent to its phones
        self._changes: dict[tuple[str, int], int] = {}  # (code, activity id) -> its changes counted so far
        # (code, activity id) -> (its changes, seq, monotonic time) when the beamer's last snapshot read it, and
        # that aggregate: the phones' snapshot is made from it (see `_beamers_aggregate`)
        self._aggregates: dict[tuple[str, int], tuple[int, int, float, dict]] = {}
        self.kept_for = 2 * interval  # how old that aggregate may be for the phones: an interval, and its flush
        self._dirty: dict[tuple[str, object], bool] = {}  # topics being sent -> changed since the last send
        # (code, activity id) -> the card version before the oldest change not sent yet: the next delta's `from`
        self._cards_from: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()
        self._last_seq = 0

    def next_seq(self) -> int:
        """A number larger than any handed out before: take it before reading a snapshot, so a screen can
        tell the newer of two snapshots (e.g. a `session` event and a slower `facilitate` ack). It counts
        microseconds of the clock, so the snapshots of several processes (a message queue) compare too."""
        with self._lock:
            self._last_seq = max(self._last_seq + 1, time.time_ns() // 1000)
            return self._last_seq

    def deleted(self, code: str, language: str = SOURCE):
        """The session is gone: tell its screens and phones, which then stop (the message in the session's
        `language`, also from a background task; a phone shows its own)."""
        message = {"message": translations(language).gettext("Deze sessie is verwijderd door de procesbegeleider.")}
        for room in (facilitator_room(code), participant_room(code)):
            self.socketio.emit("deleted", message, to=room)
        self._phone_latest.pop(code, None)
        with self._lock:
            self._changes = {key: count for key, count in self._changes.items() if key[0] != code}

    def moderator_revoked(self, code: str, moderator_id: int):
        """A moderator link was revoked: its screens hear why (in the session's language) and are disconnected.
        (Those on another server process hear it through the message queue, and are refused at their next
        event.)"""
        room = moderator_room(code, moderator_id)
        message = translations(self.workshops.language(code)).gettext(
            "De procesbegeleider heeft je moderatorlink ingetrokken. Je kunt deze sessie niet meer leiden.")
        self.socketio.emit("revoked", {"message": message}, to=room)
        for sid, _eio_sid in list(self.socketio.server.manager.get_participants("/", room)):
            self.socketio.server.disconnect(sid, namespace="/")

    def language_changed(self, code: str):
        """The session's language changed: its console and beamer draw themselves again in it."""
        self.socketio.emit("language", {"language": self.workshops.language(code)}, to=facilitator_room(code))

    def agenda_changed(self, code: str, phones_had: dict | None):
        """The agenda changed (added, reordered, retitled, hidden, removed): every facilitator screen gets the new
        overview, and the phones `activity` when what they show (`phones_had` before) changed."""
        self.overview_changed(code)
        now = self.workshops.phone_activity(code)
        if without_countdown(now) != without_countdown(phones_had):  # a running timer's remaining always differs
            self.socketio.emit("activity", {"activity": now}, to=participant_room(code))

    def entry_changed(self, code: str, change: dict):
        """A card was added, edited, deleted or moderated: update the screens and, if shared, the colleagues."""
        self.cards_changed(code, change["activity_id"], change["version"])  # first: its delta is small and quick,
        self.changed(code, change["activity_id"])  # the snapshot after it takes a while at 3000 cards
        if change.get("spotlight_ended"):
            self.overview_changed(code)
        if change["organisation_key"]:
            self.changed(code, (COLLEAGUES, change["activity_id"], change["organisation_key"]))
        self.votes_changed(code, change.get("votes", ()))

    def votes_changed(self, code: str, votes):
        """These votes lost or regained an option (a card or theme): their results change, the consoles get the new
        options, and the phones too when they show one of these votes."""
        for vote in votes:
            self.changed(code, vote)
        if votes:
            current = self.workshops.phone_activity(code)
            self.agenda_changed(code, None if current and current["id"] in votes else current)

    def overview_changed(self, code: str):
        """The session's state changed (the agenda, or a card in the spotlight was hidden or deleted): its
        facilitator screens get the new overview."""
        overview = {**self.workshops.overview(code, self.workshops.language(code)), "seq": self.next_seq()}
        self.socketio.emit("session", overview, to=facilitator_room(code))

    def network_changed(self, codes):
        """A network changed (linked, left, renamed, its aliases): the screens of each of these sessions get the new
        overview (`follows`, `network`, the view `verloop`) and fresh results (an aggregate's `trend`)."""
        for code in codes:
            try:
                self.overview_changed(code)
                activities = self.workshops.store.activities(code)
            except WorkshopError:  # deleted meanwhile
                continue
            for activity in activities:
                self.changed(code, activity["id"])

    def participant_changed(self, code: str, organisations, card_versions: dict[int, int]):
        """A participant changed name or organisation: every result may change, the cards it changed
        (`card_versions`: activity id -> the version it made), and in the activity on the phones (if per
        organisation) the cards of the old and the new organisation."""
        for activity in self.workshops.store.activities(code):
            self.changed(code, activity["id"])
        for activity_id, version in card_versions.items():
            self.cards_changed(code, activity_id, version)
        current = self.workshops.phone_activity(code)
        if current and self.workshops.definitions(code)[current["id"]].per_organisation:
            for key in {organisation_key(name) for name in organisations} - {""}:
                self.changed(code, (COLLEAGUES, current["id"], key))

    def cards_changed(self, code: str, activity_id: int, version: int):
        """A change made an activity's card version `version`: its screens get a `cards` delta from before it
        (coalesced with the changes that follow within the interval)."""
        key = (code, activity_id)
        with self._lock:
            self._cards_from[key] = min(self._cards_from.get(key, version), version - 1)
        self.changed(code, (CARDS, activity_id))

    def phone_results_changed(self, code: str):
        """The facilitator changed what the phones show (released, withdrew, opened another activity): what was
        sent before no longer holds, and the phones get the new results if released."""
        self._phone_latest.pop(code, None)
        current = self.workshops.phone_activity(code)
        if current and current["results_released"]:
            self.changed(code, (PHONE_RESULTS, current["id"]))

    def phone_snapshot(self, code: str, activity: dict | None) -> dict | None:
        """The `phone_results` for a phone that joins or asks for its state while `activity` (on the phones) has
        its results released: the one last sent to the room, so a room that reconnects at once costs one
        aggregate, not one per phone. None when not released."""
        if not activity or not activity["results_released"]:
            return None
        latest = self._phone_latest.get(code)
        if latest is None or latest["activity_id"] != activity["id"]:
            seq = self.next_seq()
            latest = self.workshops.phone_results(code)
            if latest is None:
                return None
            latest = self._phone_latest[code] = {**latest, "seq": seq}
        return latest

    def changed(self, code: str, topic):
        """`topic` is an activity id, PRESENCE, (COLLEAGUES, activity id, organisation key) or (PHONE_RESULTS,
        activity id). The first change is sent at once; changes within the next interval are sent together at
        its end. A changed activity also changes its results on the phones (sent only while released)."""
        key = (code, topic)
        with self._lock:
            if isinstance(topic, int):
                self._changes[key] = self._changes.get(key, 0) + 1
            running = key in self._dirty  # a sender for this topic is running: it will send this change too
            self._dirty[key] = running
        if not running:
            self.socketio.start_background_task(self._send_while_changing, code, topic)
        if isinstance(topic, int):  # after the beamer's task: the phones' can then use the aggregate it made
            self.changed(code, (PHONE_RESULTS, topic))

    def _send_while_changing(self, code, topic):
        key = (code, topic)
        while True:
            try:
                self.flush(code, topic)
            except Exception:  # a background task has nobody to answer to: log, and the next change tries again
                log.exception("live update %s of session %s failed", topic, code)
            self.socketio.sleep(self.phone_interval if is_phone_results(topic) else self.interval)
            with self._lock:
                if not self._dirty[key]:
                    del self._dirty[key]
                    return
                self._dirty[key] = False

    def flush(self, code: str, topic):
        """Send the current snapshot of `topic` to the session's facilitator screens."""
        if not self.workshops.store.exists(code):
            return
        seq = self.next_seq()
        if topic == PRESENCE:
            count = self.workshops.store.participant_count(code)
            self.socketio.emit("presence", {"participants": count, "connected": self.workshops.connected(code),
                                            "seq": seq}, to=facilitator_room(code))
            return
        if is_phone_results(topic):
            self._send_phone_results(code, topic[1], seq)
            return
        if is_cards(topic):
            self._send_cards(code, topic[1])
            return
        if isinstance(topic, tuple):
            _, activity_id, key = topic
            entries = [phone_entry(e) for e in self.workshops.colleague_entries(code, activity_id, key)]
            self.socketio.emit(COLLEAGUES, {"activity_id": activity_id, "entries": entries, "seq": seq},
                               to=colleagues_room(code, key))
            return
        aggregate = self._read_aggregate(code, topic, seq)
        self.socketio.emit("results", {**self.workshops.live_results(code, topic, aggregate), "seq": seq},
                           to=facilitator_room(code))

    def _read_aggregate(self, code: str, activity_id: int, seq: int) -> dict:
        """The activity's aggregate read now (after `seq` was taken), kept for the phones' next snapshot."""
        key = (code, activity_id)
        changes = self._changes.get(key, 0)  # counted before reading: a change during the read counts as after it
        aggregate = self.workshops.results(code, activity_id)[str(activity_id)]
        with self._lock:
            now = time.monotonic()
            self._aggregates = {k: kept for k, kept in self._aggregates.items() if now - kept[2] < self.kept_for}
            self._aggregates[key] = (changes, seq, now, aggregate)
        return aggregate

    def _beamers_aggregate(self, code: str, activity_id: int, seq: int) -> tuple[int, dict]:
        """(seq, aggregate) for the phones' snapshot: the beamer's latest if it is recent, so one flush reads the
        aggregate once; else read now. An answer that came after the beamer's read is not in it: the phones then
        get another snapshot after their interval (marked changed again), so the last one they get holds it."""
        key = (code, activity_id)
        with self._lock:
            kept = self._aggregates.get(key)
            changes = self._changes.get(key, 0)
        if kept is None or time.monotonic() - kept[2] >= self.kept_for:
            return seq, self._read_aggregate(code, activity_id, seq)
        if kept[0] != changes:
            with self._lock:
                if (code, (PHONE_RESULTS, activity_id)) in self._dirty:  # its sender sends again after its interval
                    self._dirty[code, (PHONE_RESULTS, activity_id)] = True
        return kept[1], kept[3]

    def _send_cards(self, code: str, activity_id: int):
        """The card changes since the oldest one not sent yet, to every facilitator screen."""
        with self._lock:
            since = self._cards_from.pop((code, activity_id), None)
        if since is None:  # sent already, with the change that came in meanwhile
            return
        try:
            changes = self.workshops.cards_since(code, activity_id, since)
        except Exception:
            with self._lock:  # not sent: the next change sends it too
                self._cards_from[code, activity_id] = min(self._cards_from.get((code, activity_id), since), since)
            raise
        self.socketio.emit(CARDS, changes, to=facilitator_room(code))

    def _send_phone_results(self, code: str, activity_id: int, seq: int):
        """One emit to the whole room, if this activity is on the phones with its results released."""
        def aggregate_of(current):
            nonlocal seq  # that of the beamer's snapshot when its aggregate is used: when it was read
            seq, aggregate = self._beamers_aggregate(code, current, seq)
            return aggregate

        snapshot = self.workshops.phone_results(code, aggregate_of)
        if snapshot is None:  # withdrawn, or nothing on the phones
            self._phone_latest.pop(code, None)
            return
        if snapshot["activity_id"] != activity_id:  # answers to an activity the phones do not show
            return
        self._phone_latest[code] = snapshot = {**snapshot, "seq": seq}
        self.socketio.emit(PHONE_RESULTS, snapshot, to=participant_room(code))
