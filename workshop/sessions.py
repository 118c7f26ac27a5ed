"""Use cases of a workshop session: create, join, answer, control, results, export. No Flask here."""

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from flask_babel import force_locale, get_locale, gettext as _, lazy_gettext
from itsdangerous import BadSignature, URLSafeTimedSerializer

from . import timers
from .activities import Entry
from .card_deltas import delta, without_cards
from .agenda import AgendaChanges, round_view, rounds_by_id
from .errors import WorkshopError, forbidden, not_found
from .kinds.fields import one_line
from .hyphenation import hyphenate
from .library import definitions_for
from .networks import Networks
from .phone_results import phone_aggregate
from .organisations import ordered, organisation_key, organisation_names
from .i18n import LANGUAGES, SOURCE
from .kinds.text import card
from .store import Store
from .stored import definition_of, stored_activity
from .voting import Voting
from .whole import is_whole
from .themes import theme_counts, visible_cards
from .words import WordCounts

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read from a beamer
CODE_LENGTH = 6
LIMITS = {"title": 120, "name": 60, "organisation": 80}
NOT_TEXT = {"title": lazy_gettext("De titel moet tekst zijn."), "name": lazy_gettext("Je naam moet tekst zijn."),
            "organisation": lazy_gettext("Je organisatie moet tekst zijn.")}
TOO_LONG = {"title": lazy_gettext("De titel is te lang (maximaal %(n)s tekens).", n=LIMITS["title"]),
            "name": lazy_gettext("Je naam is te lang (maximaal %(n)s tekens).", n=LIMITS["name"]),
            "organisation": lazy_gettext("Je organisatie is te lang (maximaal %(n)s tekens).",
                                         n=LIMITS["organisation"])}
MISSING = {"title": lazy_gettext("Vul de titel in.")}
# A `control` action about one activity (`activity_id`) -> the method of Workshops that carries it out.
ACTIVITY_ACTIONS = {"open": "_open_or_activate", "activate": "_open_or_activate", "close": "_close",
                    "set_view": "_set_view", "show_results": "_show_or_hide", "hide_results": "_show_or_hide",
                    "show_names": "_show_or_hide", "hide_names": "_show_or_hide",
                    "release_results": "_release_or_withdraw", "withdraw_results": "_release_or_withdraw"}
ACTIVITY_ACTIONS.update({"start_timer": "_start_timer", "pause_timer": "_pause_timer", "stop_timer": "_stop_timer"})
ACTIVITY_ACTIONS.update({"turn_page": "_turn_page", "set_page_seconds": "_set_page_seconds",
                         "spotlight": "_spotlight", "clear_spotlight": "_clear_spotlight"})
# A `control` action about the whole session -> its method.
SESSION_ACTIONS = {"next": "_step", "previous": "_step", "blank_beamer": "_blank_or_unblank",
                   "unblank_beamer": "_blank_or_unblank", "set_qr": "_set_qr"}
SESSION_ACTIONS["start_voting"] = "_start_voting"  # voting.py
# The actions that change only what the beamer and the consoles show: the phones are not told of them (a room of
# 1000 would otherwise get `activity` and ask for its state again after every view or page the facilitator picks).
SCREEN_ONLY_ACTIONS = frozenset({"set_view", "show_results", "hide_results", "show_names", "hide_names",
                                 "turn_page", "set_page_seconds", "spotlight", "clear_spotlight", "blank_beamer",
                                 "unblank_beamer", "set_qr"})
PAGE_SECONDS = (5, 120)  # the card wall's pace when it pages by itself (0: by hand)
# The views besides a card wall whose pages the facilitator turns (static/js/results/compare.js, trend.js).
PAGED_VIEWS = ("vergelijking", "verloop")
# Where the beamer shows its QR code: big on the join screen and small beside results, small throughout, or not at
# all (the short code stays, small, for a late phone).
QR_MODES = ("auto", "small", "hidden")
MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer: a larger id from a client cannot name anything
DOWNLOAD_SECONDS = 300  # how long a download link from the console works
MAX_CACHED_WALLS = 256  # activities whose cards `entries_of` keeps in memory
MAX_MODERATOR_LINKS = 20  # per session, revoked ones included: every key check compares with each of them
FACILITATOR, MODERATOR = "facilitator", "moderator"
# A `theme` action (cards grouped into themes, issue 14) -> the method of Workshops that carries it out.
THEME_ACTIONS = {"create": "_create_theme", "rename": "_rename_theme", "delete": "_delete_theme",
                 "assign": "_assign_theme", "merge": "_merge_entry", "unmerge": "_unmerge_entry"}
# The theme actions after which a vote on the activity's cards or themes may have lost or regained an option.
CHANGING_VOTES = ("delete", "merge", "unmerge")
MAX_THEMES = 50  # per activity: more is no longer a few themes
THEME_NAME_LENGTH = 80


@dataclass(frozen=True)
class KeyHolder:
    """Whose key opened a screen: the facilitator's (who owns the session) or a moderator link's (who runs the
    room: `facilitate`, `control`, `moderate`, and nothing of the HTTP API)."""

    role: str
    moderator_id: int | None = None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def digest(secret: str) -> str:
    # surrogatepass: a key or token with a lone surrogate (from JSON "\ud800") is just a wrong one
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_code(raw) -> str:
    """'hk4 t9m' and 'HK4-T9M' both become 'HK4T9M'."""
    if not isinstance(raw, str):
        raise not_found()
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def clean_text(value, field: str, required: bool = False) -> str:
    """A one-line text from a person (the session's title, a name, an organisation): trimmed, control characters
    removed, length checked (see `one_line`)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise WorkshopError(NOT_TEXT[field], reason="invalid_" + field)
    text = one_line(value)
    if required and not text:
        raise WorkshopError(MISSING[field], reason="missing_" + field)
    if len(text) > LIMITS[field]:
        raise WorkshopError(TOO_LONG[field], reason="too_long")
    return text


def spoken_language() -> str:
    """The language of the person asking (the request's), for the words a refusal quotes."""
    return str(get_locale() or SOURCE)


class Workshops(AgendaChanges, Voting, Networks):
    """The sessions in one store, and everything a facilitator or participant can do with them."""

    def __init__(self, store: Store, connected=lambda code: 0, clock=time.time):
        self.store = store
        self.connected = connected  # code -> the participants connected now (the transport knows)
        self.clock = clock  # wall-clock seconds: a timer's deadline must mean the same after a restart
        self._words: dict[tuple, WordCounts] = {}  # see `_card_overview`
        self._entries: dict[tuple[str, int], tuple[int, dict[int, Entry], list[Entry]]] = {}  # see `entries_of`
        self._card_overviews: dict[tuple, tuple[int, dict]] = {}  # see `_card_overview`
        self._measurements: dict[tuple[str, str], tuple] = {}  # see `Networks._measured`

    def create(self, title, specs, language=SOURCE) -> tuple[str, str]:
        """Create a session; returns its join code and the facilitator key (shown once, stored hashed).
        `specs` is the agenda: what `library.definitions_for` accepts; `language` that of its beamer and report."""
        title = clean_text(title, "title", required=True)
        return self._create(title, definitions_for(specs), session_language(language))

    def duplicate(self, code) -> tuple[str, str]:
        """A new session with the same title and visible activities, worded as in this one, without participants
        or answers."""
        session = self.store.session(code)
        return self._create(session["title"],
                            [definition_of(a) for a in self.store.activities(code) if not a["hidden"]],
                            session["language"])

    def _create(self, title, definitions, language) -> tuple[str, str]:
        key = secrets.token_urlsafe(32)
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if not self.store.exists(code):
                break
        self.store.create_session(code, title, digest(key), [stored_activity(d) for d in definitions], now(),
                                  language)
        return code, key

    def delete(self, code):
        """Delete a session and everything in it, for good."""
        self.store.delete(code)

    def close(self):
        """At shutdown: every session's data into its `.sqlite` file, and its database closed."""
        self.store.close()

    def key_holder(self, code, key) -> KeyHolder:
        """Whose key `key` is: the facilitator's or an active moderator link's; otherwise refused (403). Its digest
        is compared in constant time with every hash of the session, without stopping at a match."""
        if not isinstance(key, str):
            raise forbidden()
        given = digest(key)
        links = self.store.moderators(code)
        holders = [(self.store.session(code)["key_hash"], KeyHolder(FACILITATOR))]
        holders += [(link["key_hash"], KeyHolder(MODERATOR, link["id"]) if link["revoked_at"] is None else None)
                    for link in links]
        matches = [holder for stored, holder in holders if hmac.compare_digest(given, stored)]
        if not matches:
            raise forbidden()
        if matches[0] is None:
            raise revoked()
        return matches[0]

    def add_moderator(self, code) -> tuple[int, str]:
        """A new moderator link: its id and its key (shown only now, stored hashed)."""
        key = secrets.token_urlsafe(32)
        link = self.store.add_moderator(code, digest(key), now(), MAX_MODERATOR_LINKS)
        if link is None:
            raise WorkshopError(_("Deze sessie heeft al %(n)s moderatorlinks, het maximum.", n=MAX_MODERATOR_LINKS),
                                status=409, reason="too_many_moderators")
        return link["id"], key

    def moderator_links(self, code) -> list[dict]:
        """The active moderator links, oldest first: id and created_at, never a key or its hash."""
        return [{"id": link["id"], "created_at": link["created_at"]} for link in self.store.moderators(code)
                if link["revoked_at"] is None]

    def revoke_moderator(self, code, moderator_id):
        """Revoke an active moderator link: its key opens nothing from now on."""
        valid = is_row_id(moderator_id)
        if not (valid and self.store.revoke_moderator(code, moderator_id, now())):
            raise not_found(_("Deze moderatorlink bestaat niet (meer)."))

    def check_moderator(self, code, moderator_id):
        """Raise unless the moderator link `moderator_id` is still active (a screen it opened acts only then)."""
        if not any(link["id"] == moderator_id for link in self.moderator_links(code)):
            raise revoked()

    def download_token(self, code) -> str:
        """A token for download links (exports, report) that a browser can open without headers; it is
        signed with the session's key hash, so it dies with the session and after DOWNLOAD_SECONDS."""
        return self._downloads(code).dumps(code)

    def check_download_token(self, code, token):
        try:
            valid = self._downloads(code).loads(token, max_age=DOWNLOAD_SECONDS) == code
        except BadSignature:
            valid = False
        if not valid:
            raise forbidden(_("Deze downloadlink is verlopen of ongeldig. Kies de download opnieuw in de console."))

    def _downloads(self, code) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.store.session(code)["key_hash"], salt="werkatelier-download")

    def join(self, code, name=None, organisation=None, token=None, admit=lambda: None) -> dict:
        """A phone joins, or comes back with its token; a name or organisation given replaces the stored one.
        `previous_organisation` is the organisation before such a change (None if nothing changed).
        `admit()` runs before a new participant is added, and may refuse it by raising."""
        given = {field: clean_text(value, field) for field, value in (("name", name), ("organisation", organisation))
                 if value is not None}
        participant, previous, touched = None, None, {}
        if isinstance(token, str) and token:
            participant = self.store.participant_by_token(code, digest(token))
        if participant is None:
            admit()
            token = secrets.token_urlsafe(24)
            participant = self.store.add_participant(code, digest(token), given.get("name", ""),
                                                     given.get("organisation", ""), now())
        elif any(participant[field] != value for field, value in given.items()):
            touched = self.store.update_participant(code, participant["id"], **given)
            previous = participant["organisation"]
            participant = {**participant, **given}
        return {"token": token, "participant_id": participant["id"], "name": participant["name"],
                "organisation": participant["organisation"], "previous_organisation": previous,
                "card_versions": touched}

    def phone_activity(self, code) -> dict | None:
        """The activity on the phones now; phones render its form themselves, so id and state suffice."""
        current = self.store.session(code)["current_activity"]
        if current is None:
            return None
        activity = self._activity(code, current)
        return {**{k: activity[k] for k in ("id", "type", "title", "state")}, "revision": revision(activity),
                "timer": timers.timer_view(activity, self.clock()),
                "results_released": bool(activity["results_released"])}

    def phone_results(self, code, aggregate_of=None) -> dict | None:
        """The released results of the activity on the phones, phone-sized (None when not released).
        `aggregate_of(activity id)`: its aggregate, when the caller has it (the live updates keep the beamer's)."""
        current = self.store.session(code)["current_activity"]
        if current is None:
            return None
        activity = self._activity(code, current)
        if not activity["results_released"]:
            return None
        aggregate = aggregate_of(current) if aggregate_of else self.results(code, current)[str(current)]
        return {"activity_id": current, "aggregate": phone_aggregate(definition_of(activity), aggregate)}

    def participant_state(self, code, participant_id) -> dict:
        """What a phone shows: the session, the current activity, this participant's answers and cards,
        and for a per-organisation activity the cards of colleagues of the same organisation."""
        activity = self.phone_activity(code)
        state = {"session": {"code": code, "title": self.store.session(code)["title"]},
                 "activity": activity, "answers": {}, "entries": [], "colleagues": [], "partners": []}
        if activity:
            state["answers"] = {a["item"]: a["value"] for a in
                                self.store.answers(code, activity_id=activity["id"], participant_id=participant_id)}
            state["entries"] = [phone_entry(e) for e in
                                self.store.entries(code, activity_id=activity["id"], participant_id=participant_id)]
            definition = definition_of(self._activity(code, activity["id"]))
            if definition.per_organisation:
                organisation = self._participant(code, participant_id)["organisation"]
                state["colleagues"] = [phone_entry(e) for e in
                                       self.colleague_entries(code, activity["id"], organisation_key(organisation))
                                       if e["participant_id"] != participant_id]
                state["partners"] = self.partner_choices(code, definition, organisation)
        return state

    def answer(self, code, participant_id, activity_id, item, value) -> dict:
        """Store one choice or scale answer of a participant to an open activity."""
        activity = self._open_activity(code, activity_id)
        definition = definition_of(activity, spoken_language())  # a refusal quotes the options as the phone shows them
        stored = definition.validate(item, value)
        if definition.per_organisation:
            self._require_organisation(code, participant_id, definition)
        self.store.save_answer(code, activity["id"], participant_id, item, stored, now())
        return {"activity_id": activity["id"], "item": item, "value": stored}

    def add_entry(self, code, participant_id, activity_id, item, text, partner=None) -> dict:
        """Add a free-text card; in a per-organisation activity the participant must have an organisation.
        `partner`: the organisation a halen card asks from or a brengen card offers to (optional)."""
        activity = self._open_activity(code, activity_id)
        definition = definition_of(activity)
        text = definition.clean_entry(item, text)
        organisation = self._require_organisation(code, participant_id, definition)
        partner = self._partner(code, definition, item, partner, organisation)
        limit = definition.item(item).kind.max_entries
        entry = self.store.add_entry(code, activity["id"], participant_id, item, text, now(), limit, partner)
        if entry is None:
            raise WorkshopError(_("Je hebt hier al %(n)s kaarten ingevuld, het maximum. Pas een kaart aan of "
                                  "verwijder er een.", n=limit), reason="too_many_entries")
        return self._entry_change(activity, entry, organisation, entry["version"])

    def edit_entry(self, code, participant_id, entry_id, text, partner=None) -> dict:
        """Change the text of one's own card while its activity is open; `partner` as for `add_entry`, where
        None keeps the card's partner and "" takes it away."""
        entry, activity = self._own_open_entry(code, participant_id, entry_id)
        definition = definition_of(activity)
        text = definition.clean_entry(entry["item"], text)
        organisation = self._participant(code, participant_id)["organisation"]
        changes = {"text": text}
        if partner is not None:
            changes["partner"] = self._partner(code, definition, entry["item"], partner, organisation)
        version = self.store.update_entry(code, entry["id"], **changes, edited_at=now())
        return self._entry_change(activity, {**entry, **changes}, organisation, version)

    def delete_entry(self, code, participant_id, entry_id) -> dict:
        """Remove one's own card for good while its activity is open."""
        entry, activity = self._own_open_entry(code, participant_id, entry_id)
        version = self.store.delete_entry(code, entry["id"])
        organisation = self._participant(code, participant_id)["organisation"]
        return {**self._entry_change(activity, entry, organisation, version), "deleted": True,
                "votes": self.votes_changed(code, activity["id"]),
                "spotlight_ended": self._end_spotlight_on(code, activity, entry)}

    def moderate(self, code, entry_id, hidden=None, highlighted=None) -> dict:
        """The facilitator hides a card from the beamer (it stays in the export) or highlights it."""
        entry = self._entry(code, entry_id)
        fields = {name: value for name, value in (("hidden", hidden), ("highlighted", highlighted))
                  if value is not None}
        if not fields or not all(isinstance(value, bool) for value in fields.values()):
            raise WorkshopError(_("Geef aan of de kaart verborgen of uitgelicht moet worden (waar of onwaar)."),
                                reason="invalid_moderation")
        version = self.store.update_entry(code, entry["id"], **{name: int(value) for name, value in fields.items()})
        organisation = self._participant(code, entry["participant_id"])["organisation"]
        activity = self._activity(code, entry["activity_id"])
        ended = fields.get("hidden") is True and self._end_spotlight_on(code, activity, entry)
        return {**self._entry_change(activity, {**entry, **fields}, organisation, version),
                "votes": self.votes_changed(code, entry["activity_id"]), "spotlight_ended": ended}

    def colleague_entries(self, code, activity_id, key: str) -> list[dict]:
        """The visible cards of everyone whose organisation has grouping key `key` (none without one)."""
        if not key:
            return []
        colleagues = {p["id"] for p in self.store.participants(code) if organisation_key(p["organisation"]) == key}
        return [e for e in self.store.entries(code, activity_id=activity_id)
                if e["participant_id"] in colleagues and not e["hidden"]]

    def _entry_change(self, activity, entry, organisation, version: int) -> dict:
        """What changed, for the ack and for the live updates: the card, whose colleagues should hear, and the
        activity's card version the change made."""
        shared = definition_of(activity).per_organisation
        return {"activity_id": activity["id"], "entry": phone_entry(entry), "version": version,
                "organisation_key": organisation_key(organisation) if shared else ""}

    def _partner(self, code, definition, item, partner, organisation) -> str | None:
        """A card's partner as stored (see `ActivityType.clean_partner`); the room only read when one is named."""
        room = self.organisations(code) if partner else []
        return definition.clean_partner(item, partner, room, organisation)

    def partner_choices(self, code, definition, organisation) -> list[str]:
        """The organisations a phone may name as a card's partner: the room's, its own left out ([] when the
        activity has no cards that take one)."""
        if not definition.partner_items:
            return []
        own = organisation_key(organisation)
        return [name for name in self.organisations(code) if name and organisation_key(name) != own]

    def _require_organisation(self, code, participant_id, definition) -> str:
        """The participant's organisation; a per-organisation activity refuses answers without one."""
        organisation = self._participant(code, participant_id)["organisation"]
        if definition.per_organisation and not organisation_key(organisation):
            raise WorkshopError(_("Vul eerst in voor welke organisatie je meedoet."), reason="no_organisation")
        return organisation

    def _open_activity(self, code, activity_id) -> dict:
        if not is_whole(activity_id):
            raise WorkshopError(_("Ongeldig antwoord: activiteit ontbreekt."), reason="invalid_activity")
        activity = self._activity(code, activity_id)
        if activity["state"] != "open":
            raise WorkshopError(_("Deze activiteit is gesloten: je antwoorden zijn bewaard, maar je kunt ze niet meer "
                                  "wijzigen."), status=409, reason="closed")
        return activity

    def _entry(self, code, entry_id) -> dict:
        entry = self.store.entry(code, entry_id) if is_row_id(entry_id) else None
        if entry is None:
            raise not_found(_("Deze kaart bestaat niet (meer)."))
        return entry

    def _own_open_entry(self, code, participant_id, entry_id) -> tuple[dict, dict]:
        entry = self._entry(code, entry_id)
        if entry["participant_id"] != participant_id:
            raise forbidden(_("Je kunt alleen je eigen kaarten wijzigen of verwijderen."))
        return entry, self._open_activity(code, entry["activity_id"])

    def _participant(self, code, participant_id) -> dict:
        return self.store.participant(code, participant_id)

    # --- themes: the facilitator (or a moderator) groups an activity's cards ----------------------------------

    def theme(self, code, fields: dict) -> dict:
        """A `theme` message (THEME_ACTIONS names each action's method, which reads what it needs from `fields`);
        returns what changed: `activity_id`, the `theme` or the `entry` (with its theme and merge), the activity's
        card version it made (its themes count there too), and the `votes` whose options it changed."""
        action = fields.get("action")
        if not isinstance(action, str) or action not in THEME_ACTIONS:
            raise WorkshopError(_("Onbekende opdracht voor thema's."), reason="unknown_action")
        change = getattr(self, THEME_ACTIONS[action])(code, fields)
        votes = self.votes_changed(code, change["activity_id"]) if action in CHANGING_VOTES else []
        return {**change, "votes": votes}

    def _create_theme(self, code, fields):
        activity = self._activity(code, fields.get("activity_id"))
        if not definition_of(activity).has_text:
            raise WorkshopError(_("Deze activiteit heeft geen kaarten om in thema's te ordenen."), reason="no_cards")
        name = self._theme_name(code, activity["id"], fields.get("name"))
        added = self.store.add_theme(code, activity["id"], name, now(), MAX_THEMES)
        if added is None:
            raise WorkshopError(_("Deze activiteit heeft al %(n)s thema's, het maximum. Voeg thema's samen of verwijder "
                                  "er een.", n=MAX_THEMES), status=409, reason="too_many_themes")
        theme, version = added
        return {"activity_id": activity["id"], "theme": theme_view(theme), "version": version}

    def _rename_theme(self, code, fields):
        theme = self._theme(code, fields.get("theme_id"))
        name = self._theme_name(code, theme["activity_id"], fields.get("name"), theme["id"])
        version = self.store.rename_theme(code, theme["id"], name)
        return {"activity_id": theme["activity_id"], "theme": theme_view({**theme, "name": name}), "version": version}

    def _delete_theme(self, code, fields):
        """Remove a theme; its cards go back to being in no theme."""
        theme = self._theme(code, fields.get("theme_id"))
        version = self.store.delete_theme(code, theme["id"])
        return {"activity_id": theme["activity_id"], "theme": theme_view(theme), "deleted": True, "version": version}

    def _assign_theme(self, code, fields):
        """Put a card in a theme of its activity, or (theme_id null) in none."""
        entry = self._entry(code, fields.get("entry_id"))
        if "theme_id" not in fields:
            raise WorkshopError(_("Kies een thema voor de kaart, of geen (null)."), reason="invalid_theme")
        theme_id = fields["theme_id"]
        if theme_id is not None:
            theme = self._theme(code, theme_id)
            if theme["activity_id"] != entry["activity_id"]:
                raise WorkshopError(_("Dit thema hoort bij een andere activiteit dan de kaart."), status=409,
                                    reason="other_activity")
        if entry["merged_into"]:
            raise WorkshopError(_("Deze kaart is samengevoegd met een andere en hoort bij het thema daarvan. Maak het "
                                  "samenvoegen eerst ongedaan."), status=409, reason="merged")
        version = self.store.update_entry(code, entry["id"], theme_id=theme_id)
        return self._card_change({**entry, "theme_id": theme_id}, version)

    def _merge_entry(self, code, fields):
        """Merge a card into another of the same question that says the same: kept, and shown as part of it."""
        entry = self._entry(code, fields.get("entry_id"))
        into = self._entry(code, fields.get("into"))
        if into["id"] == entry["id"]:
            raise WorkshopError(_("Een kaart kan niet met zichzelf worden samengevoegd."), reason="same_card")
        if into["activity_id"] != entry["activity_id"] or into["item"] != entry["item"]:
            raise WorkshopError(_("Alleen kaarten bij dezelfde vraag kunnen worden samengevoegd."), status=409,
                                reason="other_item")
        if into["merged_into"]:
            raise WorkshopError(_("Die kaart is zelf al samengevoegd met een andere. Voeg samen met die andere kaart."),
                                status=409, reason="merged")
        version = self.store.merge_entry(code, entry["id"], into["id"])
        return self._card_change({**entry, "merged_into": into["id"]}, version)

    def _unmerge_entry(self, code, fields):
        """A merged card stands on its own again (in the theme it had before)."""
        entry = self._entry(code, fields.get("entry_id"))
        if not entry["merged_into"]:
            raise WorkshopError(_("Deze kaart is niet samengevoegd."), status=409, reason="not_merged")
        version = self.store.update_entry(code, entry["id"], merged_into=None)
        return self._card_change({**entry, "merged_into": None}, version)

    def _card_change(self, entry, version: int) -> dict:
        """A card's theme or merge changed: for the ack and the live updates (phones do not show themes), with the
        activity's card version the change made."""
        return {"activity_id": entry["activity_id"], "version": version,
                "entry": {"id": entry["id"], "theme_id": entry["theme_id"], "merged_into": entry["merged_into"]}}

    def _theme(self, code, theme_id) -> dict:
        theme = self.store.theme(code, theme_id) if is_row_id(theme_id) else None
        if theme is None:
            raise not_found(_("Dit thema bestaat niet (meer)."))
        return theme

    def _theme_name(self, code, activity_id, value, theme_id=None) -> str:
        """A theme's name: one line, 1 to THEME_NAME_LENGTH characters, not that of another theme of the activity."""
        if not isinstance(value, str):
            raise WorkshopError(_("De naam van het thema moet tekst zijn."), reason="invalid_name")
        name = one_line(value)
        if not name:
            raise WorkshopError(_("Geef het thema een naam."), reason="missing_name")
        if len(name) > THEME_NAME_LENGTH:
            raise WorkshopError(_("De naam van het thema is te lang (maximaal %(n)s tekens).", n=THEME_NAME_LENGTH),
                                reason="too_long")
        if any(other["name"].casefold() == name.casefold() and other["id"] != theme_id
               for other in self.store.themes(code, activity_id)):
            raise WorkshopError(_("Er is al een thema ‘%(name)s’ bij deze activiteit.", name=name), status=409,
                                reason="duplicate_name")
        return name

    def control(self, code, action, activity_id=None, fields: dict | None = None) -> dict:
        """A facilitator action (ACTIVITY_ACTIONS and SESSION_ACTIONS name each one's method, which reads from
        `fields`, the rest of the message, what it needs); returns the updated overview, in the session's language
        as its screens show it."""
        if isinstance(action, str) and action in ACTIVITY_ACTIONS:
            getattr(self, ACTIVITY_ACTIONS[action])(code, self._activity(code, activity_id), action, fields or {})
        elif isinstance(action, str) and action in SESSION_ACTIONS:
            getattr(self, SESSION_ACTIONS[action])(code, action, fields or {})
        else:
            raise WorkshopError(_("Onbekende opdracht."), reason="unknown_action")
        return self.overview(code, self.language(code))

    def _open_or_activate(self, code, activity, action, fields):
        if activity["hidden"]:
            raise WorkshopError(_("Deze activiteit is verborgen. Toon haar eerst weer in de agenda."), status=409,
                                reason="hidden")
        if action == "open":
            self._open_alone(code, activity["id"], keeping_open(fields))
        self.store.set_current_activity(code, activity["id"])

    def _close(self, code, activity, _action, _fields):
        self.store.update_activity(code, activity["id"], state="closed")

    def _set_view(self, code, activity, _action, fields):
        view = fields.get("view")
        if not isinstance(view, str) or view not in dict(self.views_of(code, activity)):
            raise WorkshopError(_("Deze weergave bestaat niet voor deze activiteit."), reason="unknown_view")
        self.store.update_activity(code, activity["id"], view=view)

    def _show_or_hide(self, code, activity, action, _fields):
        """show_results / hide_results (on the beamer), show_names / hide_names (authors on the beamer's cards)."""
        column = "show_results" if action.endswith("_results") else "show_names"
        self.store.update_activity(code, activity["id"], **{column: int(action.startswith("show_"))})

    def _release_or_withdraw(self, code, activity, action, _fields):
        """release_results / withdraw_results: the phones show the activity's results too, live or after closing."""
        if activity["hidden"]:
            raise WorkshopError(_("Deze activiteit is verborgen. Toon haar eerst weer in de agenda."), status=409,
                                reason="hidden")
        self.store.update_activity(code, activity["id"], results_released=int(action == "release_results"))

    def _step(self, code, action, fields):
        """next / previous: close the current activity, then open the visible one after (before) it and put it on
        the phones; with no current activity, `next` starts at the first."""
        keep_open = keeping_open(fields)
        activities = self.store.activities(code)
        current = self.store.session(code)["current_activity"]
        ids = [a["id"] for a in activities]
        if action == "next":
            candidates = activities[ids.index(current) + 1:] if current in ids else activities
        else:
            candidates = activities[:ids.index(current)][::-1] if current in ids else []
        target = next((a["id"] for a in candidates if not a["hidden"]), None)
        if target is None:
            raise (WorkshopError(_("Dit is de laatste activiteit."), status=409, reason="no_next") if action == "next"
                   else WorkshopError(_("Dit is de eerste activiteit."), status=409, reason="no_previous"))
        if current in ids:
            self.store.update_activity(code, current, state="closed")
        self._open_alone(code, target, keep_open)
        self.store.set_current_activity(code, target)

    def _open_alone(self, code, activity_id, keep_open: bool):
        """Open an activity and close every other open one, unless the facilitator keeps them open: only one
        activity takes answers unless chosen so."""
        if not keep_open:
            for other in self.store.activities(code):
                if other["state"] == "open" and other["id"] != activity_id:
                    self.store.update_activity(code, other["id"], state="closed")
        self.store.update_activity(code, activity_id, state="open")

    # --- the timer of an activity (workshop/timers.py does the arithmetic) ------------------------------------

    def _start_timer(self, code, activity, _action, fields):
        """start_timer: count down `seconds` (1 s to 4 h), or with `paused` set it without starting; `close`: close
        the activity at zero. Adding a minute is starting again with what is left plus 60."""
        seconds, close, paused = fields.get("seconds"), fields.get("close", False), fields.get("paused", False)
        if not is_whole(seconds):
            raise WorkshopError(_("Geef de tijd van de timer in hele seconden."), reason="invalid_seconds")
        if not 1 <= seconds <= timers.MAX_SECONDS:
            raise WorkshopError(_("Kies een tijd van 1 seconde tot %(hours)s uur.", hours=timers.MAX_SECONDS // 3600),
                                reason="seconds_out_of_range")
        if not isinstance(close, bool):
            raise WorkshopError(_("Geef aan of de activiteit bij nul moet sluiten (waar of onwaar)."),
                                reason="invalid_close")
        if not isinstance(paused, bool):
            raise WorkshopError(_("Geef aan of de timer gepauzeerd moet beginnen (waar of onwaar)."),
                                reason="invalid_paused")
        self.store.update_activity(code, activity["id"], **timers.started(seconds, close, paused, self.clock()))

    def _pause_timer(self, code, activity, _action, _fields):
        now = self.clock()
        view = timers.timer_view(activity, now)
        if not view or not view["running"]:
            raise WorkshopError(_("Er loopt geen timer bij deze activiteit."), status=409, reason="not_running")
        self.store.update_activity(code, activity["id"], **timers.paused_at(activity, now))

    def _stop_timer(self, code, activity, _action, _fields):
        self.store.update_activity(code, activity["id"], **timers.STOPPED)

    # --- the card wall on the beamer: its pages and the spotlight ------------------------------------------------

    def _turn_page(self, code, activity, _action, fields):
        """turn_page: the wall one page on (`step` 1) or back (-1); the beamer shows the counter modulo its pages."""
        step = fields.get("step")
        if not is_whole(step, -1, 1) or step == 0:
            raise WorkshopError(_("Blader een pagina verder (1) of terug (-1)."), reason="invalid_step")
        self._paged_activity(code, activity)
        self.store.update_activity(code, activity["id"], wall_page=activity["wall_page"] + step)

    def _set_page_seconds(self, code, activity, _action, fields):
        """set_page_seconds: the wall pages by itself every `seconds` (5 to 120), or only by hand (0)."""
        seconds = fields.get("seconds")
        if not is_whole(seconds):
            raise WorkshopError(_("Geef het tempo van de pagina's in hele seconden."), reason="invalid_seconds")
        low, high = PAGE_SECONDS
        if seconds != 0 and not low <= seconds <= high:
            raise WorkshopError(_("Kies %(low)s tot %(high)s seconden per pagina, of 0 om zelf te bladeren.",
                                  low=low, high=high), reason="seconds_out_of_range")
        self._paged_activity(code, activity)
        self.store.update_activity(code, activity["id"], wall_page_seconds=seconds)

    def _paged_activity(self, code, activity):
        """Refuse turning the pages of an activity with nothing that pages: no cards, no comparison, no trend."""
        if has_cards(activity) or any(view in PAGED_VIEWS for view, _label in self.views_of(code, activity)):
            return
        raise WorkshopError(_("Deze activiteit heeft geen pagina's om te bladeren."), status=409, reason="no_cards")

    def _spotlight(self, code, activity, _action, fields):
        """spotlight: one card of this activity big and alone on the beamer; never a hidden one."""
        wall_activity(activity)
        entry = self._entry(code, fields.get("entry_id"))
        if entry["activity_id"] != activity["id"]:
            raise not_found(_("Deze kaart bestaat niet (meer)."))
        if entry["hidden"]:
            raise WorkshopError(_("Deze kaart is verborgen voor de beamer. Toon haar eerst weer."), status=409,
                                reason="hidden_entry")
        self.store.update_activity(code, activity["id"], wall_spotlight=entry["id"])

    def _clear_spotlight(self, code, activity, _action, _fields):
        self.store.update_activity(code, activity["id"], wall_spotlight=None)

    def _end_spotlight_on(self, code, activity, entry) -> bool:
        """A card left the beamer (hidden, deleted): if it was in the spotlight, the spotlight ends. Whether it did."""
        if activity["wall_spotlight"] != entry["id"]:
            return False
        self.store.update_activity(code, activity["id"], wall_spotlight=None)
        return True

    def closing_timers(self, code) -> list[tuple[int, float]]:
        """(activity id, deadline) of every running timer that closes its open activity at zero."""
        return [(a["id"], a["timer_deadline"]) for a in self.store.activities(code)
                if a["state"] == "open" and timers.closes_at_zero(a)]

    def close_at_zero(self, code, activity_id, deadline) -> bool:
        """Close the activity if its timer, still ending at `deadline` and closing at zero, has reached it;
        whether it closed. The timer stays, at zero, without `close`: reopened, the activity stays open."""
        activity = self._activity(code, activity_id)
        if (activity["state"] != "open" or activity["timer_deadline"] != deadline or not activity["timer_close"]
                or self.clock() < deadline):
            return False
        self.store.update_activity(code, activity_id, state="closed", timer_close=0)
        return True

    def _blank_or_unblank(self, code, action, _fields):
        """blank_beamer: the beamer shows a calm pause screen with the session's title; unblank_beamer: back."""
        self.store.set_beamer(code, beamer_blank=int(action == "blank_beamer"))

    def _set_qr(self, code, _action, fields):
        qr = fields.get("qr")
        if not isinstance(qr, str) or qr not in QR_MODES:
            raise WorkshopError(_("Kies voor de QR-code een van: %(modes)s.", modes=", ".join(QR_MODES)),
                                reason="invalid_qr")
        self.store.set_beamer(code, beamer_qr=qr)

    def set_language(self, code, language):
        """The language of the session's beamer, console and report."""
        self.store.set_language(code, session_language(language))

    def language(self, code) -> str:
        return self.store.session(code)["language"]

    def definitions(self, code, language=SOURCE) -> dict:
        """Activity id -> its definition in `language`, for the pages that draw each activity."""
        return {a["id"]: definition_of(a, language) for a in self.store.activities(code)}

    def overview(self, code, language=SOURCE) -> dict:
        """The session as the facilitator and the API see it; the activities worded in `language`."""
        session = self.store.session(code)
        activities = self.store.activities(code)
        rounds = rounds_by_id(activities)
        return {
            "code": code, "title": session["title"], "created_at": session["created_at"],
            "language": session["language"],
            "current_activity": session["current_activity"],
            "participants": self.store.participant_count(code),
            "connected": self.connected(code),
            "beamer": {"blank": bool(session["beamer_blank"]), "qr": session["beamer_qr"]},
            "activities": [{**_facilitator_view(a, language, self.views_of(code, a)),
                            "timer": timers.timer_view(a, self.clock()), **round_view(a, rounds)}
                           for a in activities],
            **self.network_overview(code),
        }

    def views_of(self, code, activity) -> tuple[tuple[str, str], ...]:
        """The views of an activity the beamer can show: its layout's, then those of what it is part of."""
        return definition_of(activity).views + self.extra_views(code, activity)

    def extra_views(self, code, activity) -> tuple[tuple[str, str], ...]:
        """The views an activity has beyond its layout's (a comparison of rounds, a network's trend)."""
        return self._round_views(code, activity) + self.trend_views(code, activity)

    def results(self, code, activity_id=None, organisation=None, language=SOURCE) -> dict:
        """Aggregates by activity id (as a string, as JSON objects have it). With `organisation` (a name
        from `organisations`), of the participants of that organisation only; labels in `language`."""
        activities = [self._activity(code, activity_id)] if activity_id is not None else self.store.activities(code)
        participants = self.store.people(code)
        network = self.store.network(code)[1] if organisation is None else None  # in memory: see Store.network
        if organisation is not None:
            names = organisation_names(participants)
            participants = {pid: p for pid, p in participants.items() if names[pid] == organisation}
        results = {}
        for activity in activities:
            answers = self.store.answer_values(code, activity["id"])
            if organisation is not None:
                answers = [a for a in answers if a.participant_id in participants]
            entries = [e for e in self.entries_of(code, activity) if e.participant_id in participants]
            definition = definition_of(activity, language)
            results[str(activity["id"])] = result = definition.result(answers, participants, entries)
            if activity.get("round_of"):
                result["compare"] = self._compare_rounds(code, activity, answers, participants)
            if network and (trend := self.live_trend(code, definition, answers, participants, network, language)):
                result["trend"] = trend
            if definition.has_text:
                result.update(self._card_overview(code, activity, result, organisation))
        return results

    def _card_overview(self, code, activity, aggregate, organisation=None) -> dict:
        """What an aggregate with cards adds: its themes with their counts, the cards in none, and per card item
        the words used most on its visible cards (stop words of the session's language left out). Made again only
        when the cards or the themes changed (the card version counts both): a snapshot is made several times a
        second, the words of 3000 cards take some 50 ms."""
        language = self.language(code)
        key = (code, activity["id"], organisation, language)
        cached = self._card_overviews.get(key)
        if cached is None or cached[0] != activity["card_version"]:
            if len(self._card_overviews) >= MAX_CACHED_WALLS:
                self._card_overviews.clear()
            cards = {item_id: summary["cards"] for item_id, summary in aggregate["items"].items()
                     if summary.get("kind") == "text"}
            words = {item_id: self._word_counts(key, item_id).top({c["id"]: c["text"] for c in visible_cards(mine)})
                     for item_id, mine in cards.items()}
            themes = theme_counts(self.store.themes(code, activity["id"]), [c for mine in cards.values() for c in mine])
            cached = self._card_overviews[key] = (activity["card_version"], {**themes, "words": words})
        return cached[1]

    def _word_counts(self, key: tuple, item_id: str) -> WordCounts:
        """The word counts of one card item as `_card_overview` of `key` saw them last."""
        if (key, item_id) not in self._words and len(self._words) >= MAX_CACHED_WALLS:
            self._words.clear()
        return self._words.setdefault((key, item_id), WordCounts(key[-1]))

    def entries_of(self, code, activity: dict) -> list[Entry]:
        """An activity's cards as the aggregation sees them, read again only when its card version changed
        (every change of a card counts there, also by another server process): the live snapshots read them
        several times a second."""
        key = (code, activity["id"])
        cached = self._entries.get(key)
        if cached is not None and cached[0] == activity["card_version"]:
            return cached[2]
        if cached is None and len(self._entries) >= MAX_CACHED_WALLS:
            self._entries.clear()
        # Only the cards changed since the version held (a card in a burst would read the whole wall again).
        by_id = dict(cached[1]) if cached else {}
        version, changed, deleted = self.store.card_changes(code, activity["id"], cached[0] if cached else -1)
        for entry_id in deleted:
            by_id.pop(entry_id, None)
        by_id.update((row["id"], entry_of(row)) for row in changed)
        if changed or deleted or cached is None:
            by_id = dict(sorted(by_id.items()))
        entries = list(by_id.values())
        self._entries[key] = (version, by_id, entries)
        return entries

    def live_results(self, code, activity_id, aggregate=None) -> dict:
        """An activity's aggregate (`aggregate`, when the caller read it) as its screens get it live:
        `{activity_id, aggregate, labels}`, without its cards (those come as `cards_since` deltas)."""
        if aggregate is None:
            aggregate = self.results(code, activity_id)[str(activity_id)]
        aggregate = without_cards(aggregate)
        names = [organisation["name"] for organisation in aggregate["progress"]["organisations"]]
        return {"activity_id": activity_id, "aggregate": aggregate, "labels": self.display_labels(code, names)}

    def screen_results(self, code) -> dict:
        """What a facilitator screen gets when it connects: every aggregate without its cards, and per activity
        with cards the whole wall (`cards`: activity id as a string -> a full `cards_since` delta)."""
        walls = {str(a["id"]): self._full_wall(code, a["id"]) for a in self.store.activities(code)
                 if definition_of(a).has_text}
        return {"results": {aid: without_cards(aggregate) for aid, aggregate in self.results(code).items()},
                "cards": walls}

    def cards_since(self, code, activity_id, version) -> dict:
        """The changes of an activity's cards after `version` (a screen's last known), or its whole wall when the
        screen knows nothing (0) or claims a version this session never reached."""
        activity = self._activity(code, activity_id)
        if not is_whole(version, 0, MAX_ROW_ID):
            raise WorkshopError(_("Ongeldige kaartversie: verwacht een geheel getal van 0 of meer."),
                                reason="invalid_version")
        if version == 0:
            return {"activity_id": activity["id"], **self._full_wall(code, activity["id"])}
        current, changed, deleted = self.store.card_changes(code, activity["id"], version)
        if version > current:
            return {"activity_id": activity["id"], **self._full_wall(code, activity["id"])}
        return {"activity_id": activity["id"], **delta(version, current, self._cards(code, changed), deleted)}

    def _full_wall(self, code, activity_id) -> dict:
        version, rows = self.store.card_wall(code, activity_id)
        return delta(0, version, self._cards(code, rows), [], full=True)

    def _cards(self, code, rows: list[dict]) -> list[dict]:
        """Stored cards as screens get them (see `card`), each with the card version of its last change."""
        if not rows:
            return []
        participants = self.store.people(code)
        org_of = organisation_names(participants)
        return [{**card(entry_of(row), participants, org_of), "version": row["version"]} for row in rows]

    def organisations(self, code) -> list[str]:
        """The organisations of the session's participants as the results name them, in their order."""
        participants = self.store.people(code)
        return ordered(organisation_names(participants).values())

    def display_labels(self, code, names: list[str] | None = None) -> dict[str, str]:
        """The organisation names (`names`, or those of every participant) that have long words, each with soft
        hyphens where those may break (by the rules of the session's language): for its screens to show, never
        stored or exported."""
        language = self.language(code)
        names = self.organisations(code) if names is None else names
        return {name: shown for name in names if (shown := display_label(name, language)) != name}

    def export(self, code, language=SOURCE) -> dict:
        """Everything stored about a session, for the facilitator (the activities worded in `language`)."""
        return {
            "session": self.overview(code, language),
            "participants": self.store.participants(code),
            "answers": [{k: a[k] for k in ("activity_id", "participant_id", "item", "value", "at")}
                        for a in self.store.answers(code)],
            "entries": [{**without_version(e), "hidden": bool(e["hidden"]), "highlighted": bool(e["highlighted"])}
                        for e in self.store.entries(code)],
            "themes": [theme_view(theme) for activity in self.store.activities(code)
                       for theme in self.store.themes(code, activity["id"])],
        }

    def _activity(self, code, activity_id) -> dict:
        activity = self.store.activity(code, activity_id) if is_row_id(activity_id) else None
        if activity is None:
            raise not_found(_("Deze activiteit bestaat niet in deze sessie."))
        return activity


def revoked() -> WorkshopError:
    return WorkshopError(_("Deze moderatorlink is ingetrokken door de procesbegeleider. Vraag om een nieuwe link "
                           "als je de sessie weer mee moet leiden."), status=403, reason="revoked")


@lru_cache(maxsize=4096)
def display_label(text: str, language: str) -> str:
    return hyphenate(text, language)


def is_row_id(value) -> bool:
    """Whether a client's `value` can name a row: a whole number (not a bool) in SQLite's range."""
    return is_whole(value, 1, MAX_ROW_ID)


def keeping_open(fields) -> bool:
    """A `control` message's `keep_open`: whether opening an activity leaves the other open ones open."""
    keep_open = fields.get("keep_open", False)
    if not isinstance(keep_open, bool):
        raise WorkshopError(_("Geef bij keep_open waar of onwaar op."), reason="invalid_keep_open")
    return keep_open


def session_language(language) -> str:
    if language is None:
        return SOURCE
    if not isinstance(language, str) or language not in LANGUAGES:
        raise WorkshopError(_("Kies als taal een van: %(languages)s.", languages=", ".join(LANGUAGES)),
                            reason="invalid_language")
    return language


def revision(activity: dict) -> str:
    """A short fingerprint of an activity's wording: a page drawn with another revision must be drawn again."""
    wording = f"{activity['title']}\0{activity['definition']}"
    if activity.get("voting_hidden"):  # a vote's cards hidden since: its phones draw it again
        wording += f"\0{activity['voting_hidden']}"
    return hashlib.sha256(wording.encode()).hexdigest()[:12]


def _facilitator_view(activity: dict, language: str, views) -> dict:
    with force_locale(language):  # the labels of the views too, whatever the language of the request
        definition = definition_of(activity, language).describe()
        views = [{"id": view, "label": str(label)} for view, label in views]
    return {**definition, "views": views, "id": activity["id"], "state": activity["state"],
            "show_results": bool(activity["show_results"]), "view": activity["view"],
            "show_names": bool(activity["show_names"]), "hidden": bool(activity["hidden"]),
            "results_released": bool(activity["results_released"]),
            "source_activity": activity.get("source_activity"),
            "revision": revision(activity),
            "wall": {"page": activity["wall_page"], "page_seconds": activity["wall_page_seconds"]},
            "spotlight": activity["wall_spotlight"]}


def has_cards(activity: dict) -> bool:
    return any(item.kind.name == "text" for item in definition_of(activity).items)


def wall_activity(activity: dict):
    """Refuse the spotlight on an activity without cards (a quickscan has no card to put in it)."""
    if not has_cards(activity):
        raise WorkshopError(_("Deze activiteit heeft geen kaarten."), status=409, reason="no_cards")


def theme_view(theme: dict) -> dict:
    """A theme as its screens and the ack see it."""
    return {key: theme[key] for key in ("id", "activity_id", "name", "position")}


def phone_entry(entry: dict) -> dict:
    """A card as a phone sees it; `partner` only on a card that names one."""
    card = {"id": entry["id"], "item": entry["item"], "text": entry["text"]}
    if entry.get("partner"):
        card["partner"] = entry["partner"]
    return card


def without_version(row: dict) -> dict:
    """A stored card without its card version: bookkeeping for the screens, not part of what was written."""
    return {key: value for key, value in row.items() if key != "version"}


def entry_of(row: dict) -> Entry:
    """A stored card as the aggregation sees it."""
    return Entry(row["id"], row["participant_id"], row["item"], row["text"], row["at"], bool(row["edited_at"]),
                 bool(row["hidden"]), bool(row["highlighted"]), row["theme_id"], row["merged_into"], row["partner"])



