"""What every activity type has: a definition in data, validation of one answer, aggregation."""

from dataclasses import dataclass

from ..errors import WorkshopError


@dataclass(frozen=True)
class Item:
    """One thing to answer, e.g. a succesfactor with its explanatory question."""

    id: str
    label: str
    question: str = ""


@dataclass(frozen=True)
class Answer:
    """One stored answer as the aggregation sees it."""

    participant_id: int
    item: str
    value: str


@dataclass(frozen=True)
class Participant:
    id: int
    name: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class ActivityType:
    """Base of the activity types; subclasses add their answer kinds and `aggregate`."""

    kind: str
    title: str
    intro: str
    items: tuple[Item, ...]
    views: tuple[tuple[str, str], ...] = (("default", "Standaard"),)  # (id, label); the first is the default
    source: str = ""

    def item(self, item_id) -> Item:
        """The item with this id, or a Dutch error."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise WorkshopError("Deze vraag hoort niet bij deze activiteit.", reason="unknown_item")

    def validate(self, item_id, value) -> str:
        """Return the value to store, or raise WorkshopError with a message for the participant."""
        raise NotImplementedError

    def aggregate(self, answers: list[Answer], participants: dict[int, Participant]) -> dict:
        """Pure: the live result of all answers."""
        raise NotImplementedError

    def describe(self) -> dict:
        """The definition as JSON for pages and the API."""
        return {
            "type": self.kind,
            "title": self.title,
            "intro": self.intro,
            "views": [{"id": view, "label": label} for view, label in self.views],
            "source": self.source,
            "items": [{"id": i.id, "label": i.label, "question": i.question} for i in self.items],
        }
