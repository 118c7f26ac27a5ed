"""Use cases of a running session's agenda: add, reorder, retitle, hide and remove activities. An activity with
answers or cards keeps its words: it can only be hidden. No Flask here; `Workshops` (sessions.py) mixes this in."""

import dataclasses

from flask_babel import gettext as _, lazy_gettext

from .errors import WorkshopError
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
        """Add an activity (what `library.definition_for` accepts) at the end of the agenda, closed; returns it
        as the overview shows it."""
        definition = definition_for(spec)
        added = self.store.add_activity(code, stored_activity(definition), MAX_ACTIVITIES)
        if added is None:
            raise WorkshopError(_("Een sessie heeft hoogstens %(n)s activiteiten (verborgen activiteiten tellen mee). "
                                  "Verwijder er eerst een.", n=MAX_ACTIVITIES), status=409, reason="too_many")
        return next(a for a in self.overview(code)["activities"] if a["id"] == added["id"])

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


def has_answers(change: str) -> WorkshopError:
    return WorkshopError(HAS_ANSWERS[change], status=409, reason="has_answers")
