"""Use cases of a running session's agenda: add, reorder, retitle, hide and remove activities, and add the next
round of an activity (the same items again, compared with the round before). An activity with answers or cards keeps
its words: it can only be hidden. No Flask here; `Workshops` (sessions.py) mixes this in."""

import dataclasses

from flask_babel import gettext as _, lazy_gettext

from . import changes
from .errors import WorkshopError
from .kinds import Choice, Scale
from .kinds.fields import LABEL_LENGTH, text
from .library import INTRO_LENGTH, MAX_ACTIVITIES, definition_for
from .stored import definition_json, definition_of, stored_activity

# What an activity with answers or cards refuses, by change: its words and its place in the session stay.
HAS_ANSWERS = {
    "title": lazy_gettext("Deze activiteit heeft al antwoorden of kaarten: de titel wijzigen kan niet meer, anders "
                          "passen de antwoorden niet meer bij de vraag. Verberg haar in plaats daarvan."),
    "intro": lazy_gettext("Deze activiteit heeft al antwoorden of kaarten: de inleiding wijzigen kan niet meer, "
                          "anders passen de antwoorden niet meer bij de vraag. Verberg haar in plaats daarvan."),
    "remove": lazy_gettext("Deze activiteit heeft al antwoorden of kaarten: verwijderen kan niet meer, anders passen "
                           "de antwoorden niet meer bij de vraag. Verberg haar in plaats daarvan."),
}


class AgendaChanges:
    """The agenda use cases; they need `store`, `_activity` and `overview` of the class that mixes them in."""

    def add_activity(self, code, spec) -> dict:
        """Add an activity (what `library.definition_for` accepts) at the end of the agenda, closed, or with
        `{"round_of": id}` the next round of that activity (see `_next_round`); returns it as the overview shows
        it."""
        if isinstance(spec, dict) and "round_of" in spec:
            added = self._next_round(code, spec["round_of"])
        else:
            added = self._stored_new(code, stored_activity(definition_for(spec)))
        return next(a for a in self.overview(code)["activities"] if a["id"] == added["id"])

    def _stored_new(self, code, activity: dict) -> dict:
        added = self.store.add_activity(code, activity, MAX_ACTIVITIES)
        if added is None:
            raise WorkshopError(_("Een sessie heeft hoogstens %(n)s activiteiten (verborgen activiteiten tellen mee). "
                                  "Verwijder er eerst een.", n=MAX_ACTIVITIES), status=409, reason="too_many")
        return added

    # --- rounds: the same activity again, later, compared with the round before --------------------------------

    def _next_round(self, code, round_of) -> dict:
        """A round of activity `round_of`: its stored definition and title again, closed, placed right after the
        last round of its chain in the agenda (so rounds 1, 2, 3 stay together); `round_of` is the activity given."""
        from .sessions import is_row_id  # sessions.py mixes this module in

        if not is_row_id(round_of):
            raise WorkshopError(_("Geef bij round_of het nummer (id) van de activiteit waarvan je een nieuwe ronde "
                                  "wilt."), reason="invalid_round_of")
        earlier = self._activity(code, round_of)
        if not comparable(definition_of(earlier)):
            raise WorkshopError(_("Deze activiteit heeft alleen kaarten of punten: daarin valt tussen twee rondes "
                                  "niets te vergelijken. Een nieuwe ronde kan bij een activiteit met schalen of keuzes "
                                  "(zoals stoplichten)."), status=409, reason="not_comparable")
        added = self._stored_new(code, {"type": earlier["type"], "title": earlier["title"],
                                        "view": definition_of(earlier).views[0][0],
                                        "definition": earlier["definition"], "round_of": earlier["id"]})
        activities = self.store.activities(code)
        rounds = rounds_by_id(activities)
        first = rounds[earlier["id"]][0]
        order = [a["id"] for a in activities if a["id"] != added["id"]]
        last = max(at for at, activity_id in enumerate(order) if rounds[activity_id][0] == first)
        order.insert(last + 1, added["id"])
        self.store.set_positions(code, order)
        return added

    def _round_views(self, code, activity) -> tuple[tuple[str, str], ...]:
        """A later round's view that compares it with the round before."""
        if not activity.get("round_of"):
            return ()
        earlier = rounds_by_id(self.store.activities(code))[activity["round_of"]][1]
        return (("vergelijking", lazy_gettext("Vergelijking met ronde %(n)s", n=earlier)),)

    def _compare_rounds(self, code, activity, answers, participants) -> dict:
        """What a later round's aggregate carries as `compare`: per item (and organisation) the round before and
        this one, from the `answers` of this round and of the round before by `participants` only."""
        rounds = rounds_by_id(self.store.activities(code))
        earlier = self.store.activity(code, activity["round_of"])
        before = [a for a in self.store.answer_values(code, earlier["id"]) if a.participant_id in participants]
        return {"with": earlier["id"], "round": rounds[activity["id"]][1], "with_round": rounds[earlier["id"]][1],
                **changes.compare(changes.briefs(definition_of(earlier), before, participants),
                                  changes.briefs(definition_of(activity), answers, participants))}

    def reorder(self, code, order) -> dict:
        """Put the agenda in `order`: exactly the session's activity ids (hidden ones included), each once."""
        ids = [a["id"] for a in self.store.activities(code)]
        if not isinstance(order, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in order):
            raise WorkshopError(_("Geef de volgorde als een lijst met de nummers (ids) van de activiteiten."),
                                reason="invalid_order")
        if len(order) != len(ids) or set(order) != set(ids):
            raise WorkshopError(_("De volgorde moet elke activiteit van deze sessie precies één keer noemen, ook de "
                                  "verborgen activiteiten."), reason="invalid_order")
        self.store.set_positions(code, order)
        return self.overview(code)

    def edit_activity(self, code, activity_id, title=None, intro=None, hidden=None) -> dict:
        """Retitle an activity or change its intro (only while it has no answers or cards), or hide it from the
        agenda or show it again (always). A hidden activity is closed and taken off the phones."""
        activity = self._activity(code, activity_id)
        if title is None and intro is None and hidden is None:
            raise WorkshopError(_("Geef een nieuwe titel of inleiding, of geef aan of de activiteit verborgen is."),
                                reason="nothing_to_change")
        if hidden is not None and not isinstance(hidden, bool):
            raise WorkshopError(_("Geef bij verborgen waar of onwaar (true of false)."), reason="invalid_hidden")
        changes = {field: text({field: value}, field, _("Activiteit"), limit, required=field == "title")
                   for field, value, limit in (("title", title, LABEL_LENGTH), ("intro", intro, INTRO_LENGTH))
                   if value is not None}
        if changes:
            definition = dataclasses.replace(definition_of(activity), **changes)
            fields = {"definition": definition_json(definition), "title": definition.title}
            if not self.store.update_unanswered(code, activity["id"], **fields):
                raise has_answers("title" if "title" in changes else "intro")
        if hidden is not None:
            self.store.update_activity(code, activity["id"], hidden=int(hidden),
                                       **({"state": "closed"} if hidden else {}))
            if hidden and self.store.session(code)["current_activity"] == activity["id"]:
                self.store.set_current_activity(code, None)
        return self.overview(code)

    def remove_activity(self, code, activity_id) -> dict:
        """Remove an activity without answers or cards for good; one with them can only be hidden."""
        activity = self._activity(code, activity_id)
        if not self.store.delete_activity(code, activity["id"]):
            raise has_answers("remove")
        return self.overview(code)


def comparable(definition) -> bool:
    """Whether a later round of an activity has something to compare: a scale or a choice (a stoplicht too)."""
    return any(isinstance(item.kind, (Scale, Choice)) for item in definition.items)


def rounds_by_id(activities: list[dict]) -> dict[int, tuple[int, int]]:
    """Pure: per activity id the id of the first round of its chain and its round number (1 for an activity without
    rounds), counted along `round_of`. An earlier round always has the smaller id."""
    rounds = {}
    for activity in sorted(activities, key=lambda a: a["id"]):
        earlier = rounds.get(activity.get("round_of"))
        rounds[activity["id"]] = (earlier[0], earlier[1] + 1) if earlier else (activity["id"], 1)
    return rounds


def round_view(activity: dict, rounds: dict[int, tuple[int, int]]) -> dict:
    """What the overview says of an activity's rounds."""
    return {"round_of": activity.get("round_of"), "round": rounds[activity["id"]][1]}


def has_answers(change: str) -> WorkshopError:
    return WorkshopError(HAS_ANSWERS[change], status=409, reason="has_answers")
