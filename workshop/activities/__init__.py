"""The registry of activity types: adding a type is one module and one line here."""

from ..errors import WorkshopError
from .base import ActivityType, Answer, Entry, Item, Participant
from .halen_brengen import HALEN_BRENGEN
from .motieven import MOTIEVEN
from .netwerkleiderschap import NETWERKLEIDERSCHAP
from .quickscan import QUICKSCAN
from .succesfactoren import SUCCESFACTOREN

ACTIVITY_TYPES: dict[str, ActivityType] = {t.kind: t for t in (SUCCESFACTOREN, QUICKSCAN, MOTIEVEN,
                                                               HALEN_BRENGEN, NETWERKLEIDERSCHAP)}


def activity_type(kind) -> ActivityType:
    """The activity type called `kind`, or a Dutch error naming the known types."""
    try:
        return ACTIVITY_TYPES[kind]
    except (KeyError, TypeError):
        known = ", ".join(ACTIVITY_TYPES)
        raise WorkshopError(f"Onbekend soort activiteit. Kies uit: {known}.", reason="unknown_activity_type") from None


__all__ = ["ACTIVITY_TYPES", "ActivityType", "Answer", "Entry", "Item", "Participant", "activity_type"]
