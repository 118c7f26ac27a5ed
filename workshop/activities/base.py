"""What every activity type has: a definition in data, validation of one answer, aggregation.

A type is a tuple of items, each with an answer kind: a choice (tap one option), a scale
(a number from low to high) or a text (free-text cards, several per person). Items can be
grouped, e.g. the four questions of one leadership role.
"""

import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from ..errors import WorkshopError
from .organisations import organisation_names
from .summaries import card, choice_summary, scale_summary, scale_value


def one_line(value: str) -> str:
    """A person's text as stored: Unicode NFC (so 'é' is one character), one line (whitespace collapsed),
    control characters and lone surrogates (half an emoji, e.g. cut off by a client) removed. Empty when
    nothing visible is left: only zero-width or direction marks, or combining marks on their own."""
    kept = "".join(ch for ch in value if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cs"))
    text = " ".join(unicodedata.normalize("NFC", kept).split())
    return text if any(_visible(ch) for ch in text) else ""


def _visible(ch: str) -> bool:
    """A letter, digit, punctuation or symbol (emoji); private-use and not yet assigned ones count too."""
    category = unicodedata.category(ch)
    return category[0] in "LNPS" or category in ("Co", "Cn")


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    icon: str = ""
    tone: str = ""  # groen, oranje or rood: the colour of the button and the bar


@dataclass(frozen=True)
class Choice:
    """Answer kind: one of a few options, e.g. groen / oranje / rood."""

    options: tuple[Option, ...]
    name = "choice"

    def validate(self, value) -> str:
        if value not in [o.value for o in self.options]:
            labels = [f"‘{o.label.lower()}’" for o in self.options]
            raise WorkshopError(f"Kies {', '.join(labels[:-1])} of {labels[-1]}.", reason="invalid_value")
        return value

    def describe(self) -> dict:
        return {"kind": self.name, "options": [vars(o) for o in self.options]}


@dataclass(frozen=True)
class Scale:
    """Answer kind: a whole number from `low` to `high`, e.g. a grade 1–10."""

    low: int
    high: int
    low_label: str = ""
    high_label: str = ""
    name = "scale"

    def validate(self, value) -> str:
        if isinstance(value, str) and value.strip().isdecimal() and len(value) <= 20:  # int() fails on '²', 5000 digits
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or not self.low <= value <= self.high:
            raise WorkshopError(f"Kies een getal van {self.low} tot en met {self.high}.", reason="invalid_value")
        return str(value)

    def describe(self) -> dict:
        return {"kind": self.name, "low": self.low, "high": self.high,
                "low_label": self.low_label, "high_label": self.high_label}


@dataclass(frozen=True)
class Text:
    """Answer kind: free-text cards; each person may add up to `max_entries` of `max_length` characters."""

    max_length: int = 280
    max_entries: int = 5
    placeholder: str = ""
    name = "text"

    def clean(self, value) -> str:
        """The text as stored (see `one_line`), or a Dutch refusal."""
        if not isinstance(value, str):
            raise WorkshopError("Je antwoord moet tekst zijn.", reason="invalid_text")
        text = one_line(value)
        if not text:
            raise WorkshopError("Je kaart is leeg: schrijf eerst iets op.", reason="empty_text")
        if len(text) > self.max_length:
            raise WorkshopError(f"Je tekst is te lang: {len(text)} tekens, maximaal {self.max_length}. "
                                "Maak hem korter of verdeel hem over twee kaarten.", reason="too_long")
        return text

    def describe(self) -> dict:
        return {"kind": self.name, "max_length": self.max_length, "max_entries": self.max_entries,
                "placeholder": self.placeholder}


@dataclass(frozen=True)
class Item:
    """One thing to answer, e.g. a succesfactor with its explanatory question."""

    id: str
    label: str
    question: str = ""
    kind: Choice | Scale | Text | None = None
    help: tuple[str, ...] = ()  # helping questions shown under the item
    group: str = ""  # id of the Group it belongs to, if any


@dataclass(frozen=True)
class Group:
    """Items that belong together on the phone and the beamer, e.g. one leadership role."""

    id: str
    label: str
    question: str = ""


class Answer(NamedTuple):
    """One stored answer to a choice or scale item, as the aggregation sees it (a tuple: a live snapshot
    of a full room builds thousands of them several times a second)."""

    participant_id: int
    item: str
    value: str


@dataclass(frozen=True)
class Entry:
    """One free-text card of a participant."""

    id: int
    participant_id: int
    item: str
    text: str
    at: str = ""
    edited: bool = False
    hidden: bool = False
    highlighted: bool = False


class Participant(NamedTuple):
    """Who answered, as the aggregation sees them (a tuple: a snapshot of a full room reads a thousand)."""

    id: int
    name: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class ActivityType:
    """An instrument from the handbooks: its items as data, plus the pure validation and aggregation."""

    kind: str
    title: str
    intro: str
    items: tuple[Item, ...]
    views: tuple[tuple[str, str], ...] = (("default", "Standaard"),)  # (id, label); the first is the default
    source: str = ""
    groups: tuple[Group, ...] = ()
    per_organisation: bool = False  # answers are for the participant's organisation, shared with colleagues

    def item(self, item_id) -> Item:
        """The item with this id, or a Dutch error."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise WorkshopError("Deze vraag hoort niet bij deze activiteit.", reason="unknown_item")

    def validate(self, item_id, value) -> str:
        """The choice or scale value to store, or a WorkshopError with a message for the participant."""
        kind = self.item(item_id).kind
        if isinstance(kind, Text):
            raise WorkshopError("Deze vraag beantwoord je met kaarten, niet met een keuze.", reason="wrong_kind")
        return kind.validate(value)

    def clean_entry(self, item_id, text) -> str:
        """The text of a card to store for a free-text item, or a WorkshopError."""
        item = self.item(item_id)
        if not isinstance(item.kind, Text):
            raise WorkshopError("Bij deze vraag hoort een keuze, geen tekst.", reason="wrong_kind")
        return item.kind.clean(text)

    @property
    def has_text(self) -> bool:
        return any(isinstance(item.kind, Text) for item in self.items)

    def sections(self) -> list[tuple[Group | None, list[Item]]]:
        """The items as the phone shows them: per group in order, ungrouped items on their own."""
        groups = {group.id: group for group in self.groups}
        sections: list[tuple[Group | None, list[Item]]] = []
        for item in self.items:
            group = groups.get(item.group)
            if group and sections and sections[-1][0] is group:
                sections[-1][1].append(item)
            else:
                sections.append((group, [item]))
        return sections

    def aggregate(self, answers: list[Answer], participants: dict[int, Participant],
                  entries: list[Entry] = ()) -> dict:
        """Pure: the live result, per item a summary of its kind. Types add what their beamer view needs."""
        org_of = organisation_names(participants)
        by_item = {item.id: item for item in self.items}
        answers = [a for a in answers if a.item in by_item and self._known(by_item[a.item].kind, a.value)]
        entries = [e for e in entries if isinstance(getattr(by_item.get(e.item), "kind", None), Text)]
        items = {}
        for item in self.items:
            mine = [a for a in answers if a.item == item.id]
            if isinstance(item.kind, Choice):
                items[item.id] = choice_summary(item.kind, mine)
            elif isinstance(item.kind, Scale):
                items[item.id] = scale_summary(item.kind, mine, org_of)
            else:
                items[item.id] = {"kind": "text", "cards": [card(e, participants, org_of) for e in entries
                                                            if e.item == item.id]}
        people = {a.participant_id for a in answers} | {e.participant_id for e in entries}
        return {"respondents": len(people), "items": items}

    @staticmethod
    def _known(kind, value) -> bool:
        """Whether a stored value still fits its item (definitions may change between versions)."""
        if isinstance(kind, Choice):
            return value in [o.value for o in kind.options]
        return isinstance(kind, Scale) and scale_value(kind, value) is not None

    def describe(self) -> dict:
        """The definition as JSON for pages and the API."""
        return {
            "type": self.kind,
            "title": self.title,
            "intro": self.intro,
            "views": [{"id": view, "label": label} for view, label in self.views],
            "source": self.source,
            "per_organisation": self.per_organisation,
            "groups": [vars(group) for group in self.groups],
            "items": [{"id": i.id, "label": i.label, "question": i.question, "help": list(i.help),
                       "group": i.group, **(i.kind.describe() if i.kind else {})} for i in self.items],
        }
