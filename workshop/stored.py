"""The definition a session stored with each activity, as JSON: written once when the activity is added, read back
(and parsed once per process) for every answer, snapshot and export, so the words the room saw never change."""

import json
from functools import lru_cache

from .activities import ActivityType, definition_from


def definition_json(definition: ActivityType) -> str:
    return json.dumps(definition.describe(), ensure_ascii=False, separators=(",", ":"))


def stored_activity(definition: ActivityType) -> dict:
    """A new activity as the store keeps it: its full definition, so its wording never changes under its answers."""
    return {"type": definition.kind, "title": definition.title, "view": definition.views[0][0],
            "definition": definition_json(definition)}


def definition_of(activity: dict) -> ActivityType:
    """The definition of a stored activity (a row with its `definition` JSON)."""
    return _parsed(activity["definition"])


@lru_cache(maxsize=1024)
def _parsed(stored: str) -> ActivityType:
    return definition_from(json.loads(stored), "Opgeslagen activiteit")
