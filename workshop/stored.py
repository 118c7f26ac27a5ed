"""The definition a session stored with each activity, as JSON: written once when the activity is added, read back
(and parsed once per process) for every answer, snapshot and export, so the words the room saw never change."""

import dataclasses
import json
from functools import lru_cache

from flask_babel import gettext as _

from .activities import OWN, ActivityType, definition_from
from .i18n import SOURCE, library_text, translations
from .kinds import STOPLICHT, Points

PRESET_WORDS = frozenset(option.label for option in STOPLICHT.options)
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
    library's translation where there is one, the stored words (a facilitator's own) elsewhere. A vote leaves out
    the cards that no longer take dots (`voting_hidden`)."""
    return _parsed(activity["definition"], language, activity.get("voting_hidden") or "")


def in_language(definition: ActivityType, language: str) -> ActivityType:
    """A definition not stored (a library instrument, a preview) worded in `language`, as `definition_of`."""
    return definition if language == SOURCE else _worded(definition.describe(), language)


@lru_cache(maxsize=1024)
def _parsed(stored: str, language: str, left_out: str = "") -> ActivityType:
    definition = _worded(json.loads(stored), language)
    return without_options(definition, set(left_out.split(","))) if left_out else definition


def without_options(definition: ActivityType, values: set[str]) -> ActivityType:
    """A definition whose points items leave out the options of `values`."""
    items = tuple(dataclasses.replace(item, kind=item.kind.without(values)) if isinstance(item.kind, Points) else item
                  for item in definition.items)
    return dataclasses.replace(definition, items=items)


def _worded(described: dict, language: str) -> ActivityType:
    """A described definition in `language`: a library instrument marked as translated; an own activity in the
    facilitator's words, only the app's own translated (an own text that happens to be a library text stays)."""
    own = described.get("type", OWN) == OWN
    worded = translated(described, language, words=app_words if own else library_text)
    definition = definition_from(worded, _("Opgeslagen activiteit"))
    if language == SOURCE or own:
        return definition
    return dataclasses.replace(definition, translated=True)


def app_words(text, language: str):
    """A text in `language` if it is one of the app's own words in a definition (a stoplicht's Ja / Twijfelachtig /
    Nee); a facilitator's text that happens to be a message elsewhere in the app stays as written."""
    return translations(language).gettext(text) if text in PRESET_WORDS else text


def translated(value, language: str, key: str = "", words=library_text):
    """A described definition (or a part of it) with every text a person reads in `language`, through `words`
    (the library's translation, else the app's)."""
    if language == SOURCE:
        return value
    if isinstance(value, dict):
        return {field: translated(inner, language, field, words) for field, inner in value.items()}
    if isinstance(value, list):
        if key in ("rows", "columns"):  # [id, label] pairs
            return [[pair[0], words(pair[1], language)] for pair in value]
        return [translated(inner, language, key, words) for inner in value]
    return words(value, language) if key in TEXT_KEYS else value
