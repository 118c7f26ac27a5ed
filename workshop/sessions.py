"""Use cases of a workshop session: create, join, answer, control, results, export. No Flask here."""

import hashlib
import hmac
import secrets
import unicodedata
from datetime import UTC, datetime

from .activities import Answer, Participant, activity_type
from .errors import WorkshopError, forbidden, not_found
from .store import Store

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read from a beamer
CODE_LENGTH = 6
LIMITS = {"title": 120, "name": 60, "organisation": 80}
MAX_ACTIVITIES = 20
CONTROL_ACTIONS = ("open", "close", "show_results", "hide_results", "activate", "next", "set_view")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_code(raw) -> str:
    """'hk4 t9m' and 'HK4-T9M' both become 'HK4T9M'."""
    if not isinstance(raw, str):
        raise not_found()
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def clean_text(value, field: str, label: str, required: bool = False) -> str:
    """A one-line text from a person: trimmed, control characters removed, length checked."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise WorkshopError(f"{label} moet tekst zijn.", reason="invalid_" + field)
    text = " ".join("".join(ch for ch in value if ch.isspace() or unicodedata.category(ch) != "Cc").split())
    if required and not text:
        raise WorkshopError(f"Vul {label.lower()} in.", reason="missing_" + field)
    if len(text) > LIMITS[field]:
        raise WorkshopError(f"{label} is te lang (maximaal {LIMITS[field]} tekens).", reason="too_long")
    return text


class Workshops:
    """The sessions in one store, and everything a facilitator or participant can do with them."""

    def __init__(self, store: Store):
        self.store = store

    def create(self, title, kinds) -> tuple[str, str]:
        """Create a session; returns its join code and the facilitator key (shown once, stored hashed)."""
        title = clean_text(title, "title", "De titel", required=True)
        if not isinstance(kinds, list) or not kinds:
            raise WorkshopError("Kies ten minste één activiteit.", reason="no_activities")
        if len(kinds) > MAX_ACTIVITIES:
            raise WorkshopError(f"Een sessie heeft hoogstens {MAX_ACTIVITIES} activiteiten.", reason="too_many")
        types = [activity_type(kind) for kind in kinds]
        key = secrets.token_urlsafe(32)
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if not self.store.exists(code):
                break
        self.store.create_session(code, title, digest(key), [
            {"type": t.kind, "title": t.title, "view": t.views[0][0]} for t in types], now())
        return code, key

    def check_key(self, code, key):
        """Raise unless `key` is this session's facilitator key (compared in constant time)."""
        session = self.store.session(code)
        if not isinstance(key, str) or not hmac.compare_digest(digest(key), session["key_hash"]):
            raise forbidden()

    def join(self, code, name=None, organisation=None, token=None) -> dict:
        """A phone joins, or comes back with its token; a name or organisation given replaces the stored one."""
        given = {field: clean_text(value, field, label) for field, value, label in (
            ("name", name, "Je naam"), ("organisation", organisation, "Je organisatie")) if value is not None}
        participant = None
        if isinstance(token, str) and token:
            participant = self.store.participant_by_token(code, digest(token))
        if participant is None:
            token = secrets.token_urlsafe(24)
            participant = self.store.add_participant(code, digest(token), given.get("name", ""),
                                                     given.get("organisation", ""), now())
        elif any(participant[field] != value for field, value in given.items()):
            self.store.update_participant(code, participant["id"], **given)
            participant = {**participant, **given}
        return {"token": token, "participant_id": participant["id"], "name": participant["name"],
                "organisation": participant["organisation"]}

    def phone_activity(self, code) -> dict | None:
        """The activity on the phones now; phones render its form themselves, so id and state suffice."""
        current = self.store.session(code)["current_activity"]
        if current is None:
            return None
        activity = self._activity(code, current)
        return {k: activity[k] for k in ("id", "type", "title", "state")}

    def participant_state(self, code, participant_id) -> dict:
        """What a phone shows: the session, the current activity and this participant's answers to it."""
        activity = self.phone_activity(code)
        answers = {}
        if activity:
            answers = {a["item"]: a["value"] for a in
                       self.store.answers(code, activity_id=activity["id"], participant_id=participant_id)}
        return {"session": {"code": code, "title": self.store.session(code)["title"]},
                "activity": activity, "answers": answers}

    def answer(self, code, participant_id, activity_id, item, value) -> dict:
        """Store one answer of a participant to an open activity."""
        if not isinstance(activity_id, int) or isinstance(activity_id, bool):
            raise WorkshopError("Ongeldig antwoord: activiteit ontbreekt.", reason="invalid_activity")
        activity = self._activity(code, activity_id)
        if activity["state"] != "open":
            raise WorkshopError("Deze activiteit is gesloten: je antwoorden zijn bewaard, maar je kunt ze "
                                "niet meer wijzigen.", status=409, reason="closed")
        stored = activity_type(activity["type"]).validate(item, value)
        self.store.save_answer(code, activity_id, participant_id, item, stored, now())
        return {"activity_id": activity_id, "item": item, "value": stored}

    def control(self, code, action, activity_id=None, view=None) -> dict:
        """A facilitator action; returns the updated overview."""
        if action not in CONTROL_ACTIONS:
            raise WorkshopError("Onbekende opdracht.", reason="unknown_action")
        if action == "next":
            self._next(code)
            return self.overview(code)
        activity = self._activity(code, activity_id)
        if action == "set_view":
            if view not in dict(activity_type(activity["type"]).views):
                raise WorkshopError("Deze weergave bestaat niet voor deze activiteit.", reason="unknown_view")
            self.store.update_activity(code, activity["id"], view=view)
        elif action in ("show_results", "hide_results"):
            self.store.update_activity(code, activity["id"], show_results=int(action == "show_results"))
        elif action in ("open", "close"):
            self.store.update_activity(code, activity["id"], state="open" if action == "open" else "closed")
        if action in ("open", "activate"):
            self.store.set_current_activity(code, activity["id"])
        return self.overview(code)

    def _next(self, code):
        """Close the current activity, then open the one after it and put it on the phones."""
        activities = self.store.activities(code)
        current = self.store.session(code)["current_activity"]
        ids = [a["id"] for a in activities]
        position = ids.index(current) + 1 if current in ids else 0
        if position >= len(ids):
            raise WorkshopError("Dit is de laatste activiteit.", status=409, reason="no_next")
        if current in ids:
            self.store.update_activity(code, current, state="closed")
        self.store.update_activity(code, ids[position], state="open")
        self.store.set_current_activity(code, ids[position])

    def overview(self, code) -> dict:
        """The session as the facilitator and the API see it."""
        session = self.store.session(code)
        return {
            "code": code, "title": session["title"], "created_at": session["created_at"],
            "current_activity": session["current_activity"],
            "participants": self.store.participant_count(code),
            "activities": [_facilitator_view(a) for a in self.store.activities(code)],
        }

    def results(self, code, activity_id=None) -> dict:
        """Aggregates by activity id (as a string, as JSON objects have it)."""
        activities = self.store.activities(code)
        if activity_id is not None:
            activities = [self._activity(code, activity_id)]
        participants = {p["id"]: Participant(p["id"], p["name"], p["organisation"])
                        for p in self.store.participants(code)}
        results = {}
        for activity in activities:
            answers = [Answer(a["participant_id"], a["item"], a["value"])
                       for a in self.store.answers(code, activity_id=activity["id"])]
            results[str(activity["id"])] = activity_type(activity["type"]).aggregate(answers, participants)
        return results

    def export(self, code) -> dict:
        """Everything stored about a session, for the facilitator."""
        return {
            "session": self.overview(code),
            "participants": self.store.participants(code),
            "answers": [{k: a[k] for k in ("activity_id", "participant_id", "item", "value", "at")}
                        for a in self.store.answers(code)],
        }

    def _activity(self, code, activity_id) -> dict:
        for activity in self.store.activities(code):
            if activity["id"] == activity_id and not isinstance(activity_id, bool):
                return activity
        raise not_found("Deze activiteit bestaat niet in deze sessie.")


def _facilitator_view(activity: dict) -> dict:
    definition = activity_type(activity["type"]).describe()
    return {**definition, "id": activity["id"], "title": activity["title"], "state": activity["state"],
            "show_results": bool(activity["show_results"]), "view": activity["view"]}

