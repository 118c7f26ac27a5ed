"""Socket.IO handlers, thin: check who is asking, call the use case, acknowledge, notify the rooms."""

import functools
import logging
from dataclasses import dataclass

from flask import current_app, request
from flask_babel import force_locale, gettext as _
from flask_socketio import emit, join_room, leave_room

from . import socketio
from .organisations import organisation_key
from .errors import StorageError, WorkshopError, forbidden
from .i18n import use_language
from .limits import count_use, guarded
from .live import PRESENCE, colleagues_room, facilitator_room, moderator_room, participant_room
from .routes import existing_code
from .sessions import SCREEN_ONLY_ACTIONS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Client:
    """Who is behind one Socket.IO connection."""

    code: str
    participant_id: int | None = None  # None for a facilitator screen
    organisation: str = ""  # grouping key of the participant's organisation
    moderator_id: int | None = None  # a facilitator screen opened with this moderator link's key

    @property
    def is_facilitator(self) -> bool:
        return self.participant_id is None

    @property
    def rooms(self) -> list[str]:
        if self.moderator_id is not None:
            return [facilitator_room(self.code), moderator_room(self.code, self.moderator_id)]
        if self.is_facilitator:
            return [facilitator_room(self.code)]
        rooms = [participant_room(self.code)]
        if self.organisation:
            rooms.append(colleagues_room(self.code, self.organisation))
        return rooms


def connected_people(clients: dict[str, Client], code: str) -> int:
    """The participants of a session with a connection to this process: people, not connections (two tabs of
    one phone count once). With a message queue each process counts its own connections."""
    connections = list(clients.values())  # a copy in one step: another connection may join while we count
    return len({c.participant_id for c in connections if c.code == code and not c.is_facilitator})


def app_state():
    return current_app.extensions["werkatelier"]


def acknowledged(handler):
    """Turn a handler's result into an ack `{ok: true, ...}` and any refusal into `{ok: false, error}`. A phone
    is answered in its own language (the handshake's `?lang=`, cookie or Accept-Language), a console or beamer in
    the session's."""

    @functools.wraps(handler)
    def wrapper(data=None, *_ignored):
        try:
            speak_to(app_state().clients.get(request.sid))
            if not isinstance(data, dict):
                raise WorkshopError(_("Ongeldig bericht: verwacht een object met velden."), reason="malformed")
            return {"ok": True, **(handler(data) or {})}
        except StorageError as error:
            warn_facilitators(error)
            return error.as_ack()
        except WorkshopError as error:
            return error.as_ack()
        except Exception:
            log.exception("Socket.IO handler %s failed", handler.__name__)
            return {"ok": False, "error": _("Er ging iets mis op de server. Wat al was opgeslagen blijft bewaard; "
                                            "probeer het opnieuw."), "reason": "server_error"}

    return wrapper


def speak_to(client: Client | None):
    """Answer this event in the language of whoever sent it: a facilitator screen in its session's language."""
    if client is not None and client.is_facilitator:
        use_language(app_state().workshops.language(client.code))


def warn_facilitators(error: StorageError):
    """Storage failed for someone in a session: its console and beamer show it (in the session's language), so
    the facilitator knows."""
    client = app_state().clients.get(request.sid)
    if client:
        try:
            with force_locale(app_state().workshops.language(client.code)):
                message = str(error.wording)
        except WorkshopError:  # the session's own row cannot be read either
            message = error.message
        emit("problem", {"message": message, "reason": error.reason}, to=facilitator_room(client.code))


def become(client: Client):
    """Bind this connection to `client` and its rooms, leaving the rooms it was in before."""
    previous = app_state().clients.get(request.sid)
    for room in previous.rooms if previous else ():
        leave_room(room)
    app_state().clients[request.sid] = client
    for room in client.rooms:
        join_room(room)


def current_client(facilitator: bool) -> Client:
    """Who sent this event, refused unless they joined in the role the event needs."""
    client = app_state().clients.get(request.sid)
    if client is None:
        raise WorkshopError(_("Je bent (nog) niet aangemeld bij een sessie. Herlaad de pagina."), status=401,
                            reason="not_joined")
    if facilitator and not client.is_facilitator:
        raise forbidden()
    if facilitator and client.moderator_id is not None:  # revoked meanwhile, perhaps by another server process
        app_state().workshops.check_moderator(client.code, client.moderator_id)
    if not facilitator and client.is_facilitator:
        raise forbidden(_("Dit kan alleen vanaf de telefoon van een deelnemer; een beamer of console geeft geen "
                          "antwoorden."))
    return client


@socketio.on("join")
@acknowledged
def on_join(data):
    """Phone -> server: join a session (again, with its token); ack holds the token and what to show.
    A connection that joined the code before always gets its own participant back (renamed or moved)."""
    state = app_state()
    code = existing_code(data.get("code"))  # 404, or 429 after too many unknown codes from this address
    tokens = state.tokens.setdefault(request.sid, {})  # one participant per connection and code: no minting
    joined = state.workshops.join(code, data.get("name"), data.get("organisation"),
                                  tokens.get(code) or data.get("token"), admit=lambda: count_use("joins"))
    tokens[code] = joined["token"]
    previous = joined.pop("previous_organisation")
    card_versions = joined.pop("card_versions")
    left = state.clients.get(request.sid)
    become(Client(code, joined["participant_id"], organisation_key(joined["organisation"])))
    state.live.changed(code, PRESENCE)
    state.timers.watch(code)
    if left and left.code != code:  # this connection moved here from another session: one fewer there
        state.live.changed(left.code, PRESENCE)
    if previous is not None:  # renamed or moved: results by organisation and colleagues' cards change
        state.live.participant_changed(code, (previous, joined["organisation"]), card_versions)
    return {**joined, **phone_state(code, joined["participant_id"])}


@socketio.on("answer")
@acknowledged
def on_answer(data):
    """Phone -> server: store one answer; the facilitator screens get the new aggregate shortly after."""
    client = current_client(facilitator=False)
    state = app_state()
    stored = state.workshops.answer(client.code, client.participant_id, data.get("activity_id"),
                                    data.get("item"), data.get("value"))
    state.live.changed(client.code, stored["activity_id"])
    return stored


@socketio.on("add_entry")
@acknowledged
def on_add_entry(data):
    """Phone -> server: add a free-text card to an item of an open activity."""
    client = current_client(facilitator=False)
    change = app_state().workshops.add_entry(client.code, client.participant_id, data.get("activity_id"),
                                             data.get("item"), data.get("text"), data.get("partner"))
    app_state().live.entry_changed(client.code, change)
    return {"entry": change["entry"]}


@socketio.on("edit_entry")
@acknowledged
def on_edit_entry(data):
    """Phone -> server: change the text of one's own card."""
    client = current_client(facilitator=False)
    change = app_state().workshops.edit_entry(client.code, client.participant_id, data.get("id"), data.get("text"),
                                              data.get("partner"))
    app_state().live.entry_changed(client.code, change)
    return {"entry": change["entry"]}


@socketio.on("delete_entry")
@acknowledged
def on_delete_entry(data):
    """Phone -> server: remove one's own card."""
    client = current_client(facilitator=False)
    change = app_state().workshops.delete_entry(client.code, client.participant_id, data.get("id"))
    app_state().live.entry_changed(client.code, change)
    return {"entry": change["entry"]}


@socketio.on("moderate")
@acknowledged
def on_moderate(data):
    """Console -> server: hide a card from the beamer or show it again, highlight it or not."""
    client = current_client(facilitator=True)
    change = app_state().workshops.moderate(client.code, data.get("id"), data.get("hidden"), data.get("highlighted"))
    app_state().live.entry_changed(client.code, change)
    return {"entry": change["entry"]}


@socketio.on("theme")
@acknowledged
def on_theme(data):
    """Console -> server: create, rename or delete a theme, put a card in one, merge a card into another or undo
    that; the facilitator screens get the new results."""
    client = current_client(facilitator=True)
    change = app_state().workshops.theme(client.code, data)
    app_state().live.changed(client.code, change["activity_id"])
    app_state().live.cards_changed(client.code, change["activity_id"], change["version"])  # themes count there too
    app_state().live.votes_changed(client.code, change["votes"])
    return {key: value for key, value in change.items() if key not in ("version", "votes")}


@socketio.on("facilitate")
@acknowledged
def on_facilitate(data):
    """Console or beamer -> server: prove the facilitator's or a moderator's key; ack holds the role, the session
    and its results."""
    state = app_state()
    code = existing_code(data.get("code"))
    holder = guarded("keys", code, lambda: state.workshops.key_holder(code, data.get("key")))
    become(Client(code, moderator_id=holder.moderator_id))
    state.timers.watch(code)
    seq = state.live.next_seq()  # taken before reading: a later change always gets a higher seq
    language = state.workshops.language(code)
    use_language(language)
    return {"role": holder.role, "session": {**state.workshops.overview(code, language), "seq": seq},
            **state.workshops.screen_results(code), "labels": state.workshops.display_labels(code)}


@socketio.on("cards_since")
@acknowledged
def on_cards_since(data):
    """Console or beamer -> server: the card changes of an activity after the screen's `version` (it noticed a
    `cards` delta it missed), or the whole wall for version 0."""
    client = current_client(facilitator=True)
    return app_state().workshops.cards_since(client.code, data.get("activity_id"), data.get("version"))


@socketio.on("control")
@acknowledged
def on_control(data):
    """Console -> server: open, close, show or hide results, change view; every screen hears the new state."""
    client = current_client(facilitator=True)
    overview = app_state().workshops.control(client.code, data.get("action"), data.get("activity_id"), data)
    overview["seq"] = app_state().live.next_seq()  # taken after the change: newer than any earlier snapshot
    app_state().timers.update(client.code)  # a timer started with close: its alarm
    emit("session", overview, to=facilitator_room(client.code))
    if data.get("action") not in SCREEN_ONLY_ACTIONS:
        emit("activity", {"activity": app_state().workshops.phone_activity(client.code)},
             to=participant_room(client.code))
        app_state().live.phone_results_changed(client.code)
    return {"session": overview}


@socketio.on("state")
@acknowledged
def on_state(data):
    """Phone -> server: after an `activity` change, fetch the current activity and own answers to it."""
    client = current_client(facilitator=False)
    return phone_state(client.code, client.participant_id)


def phone_state(code: str, participant_id: int) -> dict:
    """What a phone shows, with the current activity's `phone_results` when they are released (else null)."""
    state = app_state().workshops.participant_state(code, participant_id)
    return {**state, "phone_results": app_state().live.phone_snapshot(code, state["activity"])}


@socketio.on("disconnect")
def on_disconnect(*_reason):
    """Forget the connection; the participant and their answers stay stored. The console hears who is still
    connected."""
    client = app_state().clients.pop(request.sid, None)
    app_state().tokens.pop(request.sid, None)
    if client and not client.is_facilitator:
        app_state().live.changed(client.code, PRESENCE)
