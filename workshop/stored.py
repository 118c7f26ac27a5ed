"""The definition a session stored with each activity, as JSON: written once when the activity is added, read back
(and parsed once per process) for every answer, snapshot and export, so the words the room saw never change."""

import json
from functools import lru_cache

from flask_babel import gettext as _

from .activities import ActivityType, definition_from
from .i18n import SOURCE, library_text

# The keys of a described definition whose values a person reads (strings, or lists of them).
TEXT_KEYS = frozenset({"title", "intro", "purpose", "source", "label", "question", "help", "low_label",
                       "high_label", "placeholder", "name", "kernvraag", "aim"})


def definition_json(definition: ActivityType) -> str:
    return json.dumps(definition.describe(), ensure_ascii=False, separators=(",", ":"))


def stored_activity(definition: ActivityType) -> dict:
    """A new activity as the store keeps it: its full definition, so its wording never changes under its answers."""
    return {"type": definition.kind, "title": definition.title, "view": definition.views[0][0],
            "definition": definition_json(definition)}


def definition_of(activity: dict, language: str = SOURCE) -> ActivityType:
    """The definition of a stored activity (a row with its `definition` JSON), worded in `language`: the
    library's translation where there is one, the stored words (a facilitator's own) elsewhere."""
    return _parsed(activity["definition"], language)


@lru_cache(maxsize=1024)
def _parsed(stored: str, language: str) -> ActivityType:
    return definition_from(translated(json.loads(stored), language), _("Opgeslagen activiteit"))


def translated(value, language: str, key: str = ""):
    """A described definition (or a part of it) with every text a person reads in `language`."""
    if language == SOURCE:
        return value
    if isinstance(value, dict):
        return {field: translated(inner, language, field) for field, inner in value.items()}
    if isinstance(value, list):
        if key in ("rows", "columns"):  # [id, label] pairs
            return [[pair[0], library_text(pair[1], language)] for pair in value]
        return [translated(inner, language, key) for inner in value]
    return library_text(value, language) if key in TEXT_KEYS else value
