"""Activities: a definition (items with answer kinds) and the layout that aggregates and draws it."""

from .base import ActivityType, Answer, Entry, Group, Item, Participant
from .definitions import LAYOUTS, definition_from

__all__ = ["LAYOUTS", "ActivityType", "Answer", "Entry", "Group", "Item", "Participant", "definition_from"]
