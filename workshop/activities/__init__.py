"""Activities: a definition (items with answer kinds) and the layout that aggregates and draws it."""

from .base import OWN, ActivityType, Answer, Entry, Group, Item, Participant
from .definitions import LAYOUTS, definition_from

__all__ = ["LAYOUTS", "OWN", "ActivityType", "Answer", "Entry", "Group", "Item", "Participant", "definition_from"]
