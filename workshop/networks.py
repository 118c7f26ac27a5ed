"""Sessions of one network over time (issue 15): a session follows up an earlier one ("vervolg op …") and so joins
its network. There are no accounts and no file of the network: every member session keeps its own copy (its id,
name, members and aliases), and a change is written to every member that still exists. A member is matched on its
code and when it was made, so a deleted session's code, given again to a new session, never joins; a deleted
member is simply absent (its answers lived only in its own file). No Flask here; `Workshops` mixes this in."""

import json
import secrets
import threading

from flask_babel import gettext as _, lazy_gettext

from . import trend
from .errors import WorkshopError
from .i18n import SOURCE
from .kinds.fields import one_line
from .organisations import organisation_key
from .stored import definition_of

MAX_SESSIONS = 20
MAX_ALIASES = 100
NAME_LENGTH = 80  # of a network's name, an alias's spelling and the organisation it counts as
MAX_CACHED_MEMBERS = 256  # measured sessions kept in memory (see `_measured`)
TREND_VIEW = ("verloop", lazy_gettext("Verloop over de sessies"))
NOT_A_NAME = {"name": lazy_gettext("Geef het netwerk een naam: één regel tekst."),
              "spelling": lazy_gettext("Een schrijfwijze in de aliassen moet tekst zijn."),
              "organisation": lazy_gettext("Een organisatie in de aliassen moet tekst zijn.")}
TOO_LONG = {"name": lazy_gettext("De naam van het netwerk is te lang (maximaal %(n)s tekens).", n=NAME_LENGTH),
            "spelling": lazy_gettext("Een schrijfwijze in de aliassen is te lang (maximaal %(n)s tekens).",
                                     n=NAME_LENGTH),
            "organisation": lazy_gettext("Een organisatie in de aliassen is te lang (maximaal %(n)s tekens).",
                                         n=NAME_LENGTH)}


class Networks:
    """Follow-ups, the network and its trend, for `Workshops` (which gives `store`, `overview`, `organisations`)."""

    _network_writes = threading.Lock()  # one change of a network at a time: each is several files

    def follow(self, code, earlier) -> dict:
        """Make session `code` a follow-up of session `earlier` (whose key the caller checked): it joins the
        earlier one's network (one named after its title if it had none), and its own network, if any, merges in.
        The same follow-up again changes nothing. Returns the overview."""
        with self._network_writes:
            if earlier == code:
                raise conflict(_("Een sessie kan geen vervolg op zichzelf zijn."), "same_session")
            this, before = self.store.session(code), self.store.session(earlier)
            if before["created_at"] > this["created_at"]:
                raise conflict(_("Die sessie is nieuwer dan deze: een sessie kan alleen een vervolg zijn op een "
                                 "eerdere sessie."), "not_earlier")
            followed = self._followed(code)
            if followed == earlier:
                return self.overview(code)
            if followed:
                raise conflict(_("Deze sessie is al een vervolg op een andere sessie. Haal haar eerst uit dat "
                                 "netwerk."), "already_follows")
            _follows, mine = self.store.network(code)
            _follows, theirs = self.store.network(earlier)
            network = theirs or new_network(before)
            members = [m for m in merged(network["members"], (mine or {}).get("members", []), [member_of(this)])
                       if self._present(m)]
            if len(members) > MAX_SESSIONS:
                raise conflict(_("Een netwerk heeft hoogstens %(n)s sessies.", n=MAX_SESSIONS), "too_many_sessions")
            aliases = {**(mine or {}).get("aliases", {}), **network["aliases"]}
            self._write({**network, "members": members, "aliases": aliases}, members, {code: earlier})
        return self.overview(code)

    def leave_network(self, code):
        """Take the session out of its network; a network left with one session is none any more."""
        with self._network_writes:
            network = self._network(code)
            self.store.set_network(code, None, None)
            rest = [m for m in network["members"] if m["code"] != code and self._present(m)]
            self._write({**network, "members": rest} if len(rest) > 1 else None, rest)

    def change_network(self, code, fields: dict) -> dict:
        """`{"name"?, "aliases"?}`: rename the network, or say which spellings are which organisation (the aliases
        replace the earlier ones). Returns `{"network": …}`."""
        with self._network_writes:
            network = dict(self._network(code))
            members = [m for m in network["members"] if self._present(m)]
            if "name" in fields:
                network["name"] = network_text(fields["name"], "name")
            if "aliases" in fields:
                network["aliases"] = self._aliases(fields["aliases"], members)
            self._write(network, members)
        return {"network": self.network_view(code)}

    def network_codes(self, code) -> set[str]:
        """The codes of the sessions of this session's network that exist (none: in no network)."""
        _follows, network = self.store.network(code)
        return {m["code"] for m in network["members"] if self._present(m)} if network else set()

    def network_view(self, code) -> dict | None:
        """The session's network: `{"name", "aliases", "sessions": <members that exist>}`, or None."""
        _follows, network = self.store.network(code)
        if not network:
            return None
        return {"name": network["name"], "aliases": network["aliases"],
                "sessions": sum(map(self._present, network["members"]))}

    def network_overview(self, code) -> dict:
        """What the overview says of the network: `follows` `{"code", "title"}` and `network` `{"name",
        "sessions"}`, each None when there is none."""
        followed = self._followed(code)
        view = self.network_view(code)
        return {"follows": followed and {"code": followed, "title": self.store.session(followed)["title"]},
                "network": view and {"name": view["name"], "sessions": view["sessions"]}}

    def trend(self, code, language=SOURCE) -> dict:
        """`GET trend`: the network and, for every instrument in two or more of its sessions, the trend per item
        and organisation (trend.py); without a network only this session."""
        _follows, network = self.store.network(code)
        if not network:
            return {"network": None, "sessions": trend.sessions_of([self.store.session(code)]), "instruments": []}
        measured = self._measured_members(network, language, fresh=True)
        return {"network": {"name": network["name"], "aliases": network["aliases"]},
                **trend.trend(measured, network["aliases"])}

    def live_trend(self, code, definition, answers, participants, network, language=SOURCE) -> dict | None:
        """The aggregate's `trend`: this activity's instrument in the network, this session's column from these
        (live) answers, the others' as measured (cached). None when no other session has the instrument."""
        instrument = trend.instrument_of(definition)
        others = self._measured_members(network, language, leave_out=code)
        if not any(instrument in other["instruments"] for other in others):
            return None
        mine = trend.measurement(definition, answers, participants, network["aliases"])
        session = self.store.session(code)
        this = {**trend.sessions_of([session])[0], "instruments": {instrument: mine} if mine else {}}
        measured = sorted([*others, this], key=lambda m: m["created_at"])
        entry = trend.instrument_trend(measured, instrument, network["aliases"])
        return entry and {"sessions": trend.sessions_of(measured), **entry}

    def trend_views(self, code, activity) -> tuple[tuple[str, str], ...]:
        """`verloop` for an activity whose instrument another session of the network has."""
        _follows, network = self.store.network(code)
        if not network:
            return ()
        instrument = trend.instrument_of(definition_of(activity))
        others = self._measured_members(network, SOURCE, leave_out=code)
        return (TREND_VIEW,) if any(instrument in other["instruments"] for other in others) else ()

    def _network(self, code) -> dict:
        _follows, network = self.store.network(code)
        if not network:
            raise conflict(_("Deze sessie hoort niet bij een netwerk."), "no_network")
        return network

    def _followed(self, code) -> str | None:
        """The code of the session this one follows up, if that one is still a member of its network."""
        follows, network = self.store.network(code)
        if not follows or not network:
            return None
        return follows if any(m["code"] == follows and self._present(m) for m in network["members"]) else None

    def _present(self, member: dict) -> bool:
        """Whether a member still exists: a session with its code, made when it was."""
        try:
            return self.store.exists(member["code"]) and \
                self.store.session(member["code"])["created_at"] == member["created_at"]
        except WorkshopError:  # deleted meanwhile, or damaged: not in the network any more
            return False

    def _write(self, network: dict | None, members: list[dict], follows: dict[str, str] | None = None):
        """Write `network` to every member (None: out of it); each keeps the session it follows up while that one
        is a member too, unless `follows` gives it another."""
        codes = {m["code"] for m in members}
        for m in members:
            try:
                kept, _network = self.store.network(m["code"])
                kept = (follows or {}).get(m["code"], kept if network and kept in codes else None)
                self.store.set_network(m["code"], kept, network)
            except WorkshopError:  # deleted meanwhile: nothing of it is kept
                continue

    def _aliases(self, value, members: list[dict]) -> dict[str, str]:
        """Checked aliases as stored: `organisation_key(spelling)` -> the organisation of the network it is."""
        if not isinstance(value, dict):
            raise WorkshopError(_("Geef de aliassen als een object van schrijfwijze naar organisatie."),
                                reason="invalid_aliases")
        if len(value) > MAX_ALIASES:
            raise WorkshopError(_("Een netwerk heeft hoogstens %(n)s aliassen.", n=MAX_ALIASES),
                                reason="too_many_aliases")
        known = {organisation_key(name) for m in members for name in self.organisations(m["code"])} - {""}
        aliases = {}
        for spelling, target in value.items():
            spelling = network_text(spelling, "spelling")
            target = network_text(target, "organisation")
            if organisation_key(target) not in known:
                raise WorkshopError(_("%(name)s is geen organisatie uit de sessies van dit netwerk.", name=target),
                                    reason="unknown_organisation")
            aliases[organisation_key(spelling)] = target
        return aliases

    def _measured_members(self, network: dict, language: str, leave_out: str | None = None,
                          fresh: bool = False) -> list[dict]:
        return [measured for m in network["members"] if m["code"] != leave_out
                and (measured := self._measured(m, network["aliases"], language, fresh))]

    def _measured(self, member: dict, aliases: dict, language: str, fresh: bool = False) -> dict | None:
        """A member's measurements (`trend.measure`), kept in memory until its file changes (`fresh`: measured
        again all the same); None when it no longer exists. The time is taken before reading, so a change while
        measuring is measured next time; a file's time has a granularity of milliseconds, so `GET trend` measures
        afresh, and only the live snapshots, which come again, use what is kept."""
        code = member["code"]
        try:
            signature = (self.store.last_touched(code), member["created_at"], json.dumps(aliases, sort_keys=True))
            cached = self._measurements.get((code, language))
            if cached and cached[0] == signature and not fresh:
                return cached[1]
            session = self.store.session(code)
            if session["created_at"] != member["created_at"]:
                return None
            activities = [{"definition": definition_of(a, language), "answers": self.store.answer_values(code, a["id"])}
                          for a in self.store.activities(code) if not a["hidden"]]
            measured = trend.measure({**session, "participants": self.store.people(code), "activities": activities},
                                     aliases)
        except WorkshopError:
            return None
        if len(self._measurements) >= MAX_CACHED_MEMBERS:
            self._measurements.clear()
        self._measurements[code, language] = (signature, measured)
        return measured


def conflict(message, reason: str) -> WorkshopError:
    return WorkshopError(message, status=409, reason=reason)


def member_of(session: dict) -> dict:
    return {"code": session["code"], "created_at": session["created_at"]}


def new_network(session: dict) -> dict:
    """A network of one session, named after its title."""
    title = session["title"]
    name = title if len(title) <= NAME_LENGTH else title[:NAME_LENGTH - 1] + "…"
    return {"id": secrets.token_hex(8), "name": name, "members": [member_of(session)], "aliases": {}}


def merged(*member_lists) -> list[dict]:
    """Every member of the lists once (a member is its code and when it was made)."""
    seen = {}
    for members in member_lists:
        for m in members:
            seen.setdefault((m["code"], m["created_at"]), m)
    return list(seen.values())


def network_text(value, field: str) -> str:
    """A name of the network's (`field`: its own name, a spelling, an organisation): one line of text, at most
    NAME_LENGTH characters."""
    text = one_line(value) if isinstance(value, str) else ""
    if not text:
        raise WorkshopError(NOT_A_NAME[field], reason="invalid_" + field)
    if len(text) > NAME_LENGTH:
        raise WorkshopError(TOO_LONG[field], reason="too_long")
    return text
