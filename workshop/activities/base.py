"""What every activity has: a definition (from the library or a facilitator), validation of one answer,
aggregation. A definition is a tuple of items, each with an answer kind (workshop/kinds/); items can be
grouped, e.g. the four questions of one leadership role. Its layout (a subclass, see LAYOUTS) is how the
beamer shows it: the five handbook views, or the generic one for any own activity.
"""

from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from typing import ClassVar, NamedTuple

from flask_babel import gettext as _, lazy_gettext

from ..errors import WorkshopError
from ..kinds import Choice, Points, Scale, Text
from ..kinds.fields import one_line
from ..organisations import NO_ORGANISATION, ordered, organisation_key, organisation_names

OWN = "eigen"  # the type of a facilitator's own activity: never a library id
# The views every layout with cards adds (static/js/results/cardviews.js draws them): the themes with their counts,
# the words used most.
CARD_VIEWS = (("themas", lazy_gettext("Thema's")), ("woorden", lazy_gettext("Woorden")))
PARTNER_LENGTH = 80  # as long as an organisation's name may be


@dataclass(frozen=True)
class Item:
    """One thing to answer, e.g. a succesfactor with its explanatory question."""

    id: str
    label: str
    question: str = ""
    kind: Choice | Scale | Text | Points | None = None
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
    theme_id: int | None = None  # the theme the facilitator put it in
    merged_into: int | None = None  # the card it says the same as: not shown on its own
    partner: str | None = None  # halen en brengen: the organisation a card asks from or offers to


PARTICIPANT, ITEM, ITEM_AND_VALUE = itemgetter(0), itemgetter(1), itemgetter(1, 2)  # of an Answer


class Participant(NamedTuple):
    """Who answered, as the aggregation sees them (a tuple: a snapshot of a full room reads a thousand)."""

    id: int
    name: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class ActivityType:
    """An activity's definition: its items as data, plus the pure validation and aggregation of its layout."""

    kind: str  # the library instrument's id, or 'eigen' for a facilitator's own activity
    title: str
    intro: str
    items: tuple[Item, ...]
    source: str = ""
    groups: tuple[Group, ...] = ()
    per_organisation: bool = False  # answers are for the participant's organisation, shared with colleagues
    purpose: str = ""  # one line, for the library
    handbook: str = ""  # the library's handbook id, e.g. '004'
    themes: tuple[str, ...] = ()
    translated: bool = False  # worded in a translation of the library's Dutch, which stays the reference
    layout: ClassVar[str] = "eigen"
    views: ClassVar[tuple[tuple[str, str], ...]] = ()  # (id, lazy label); the first is the default

    @classmethod
    def layout_fields(cls, data: dict, where: str) -> dict:
        """What a layout reads from a definition beyond the items (e.g. the leadership roles)."""
        return {}

    def check(self):
        """Raise a ValueError when the items do not fit this layout (a library file is checked at start-up)."""

    def item(self, item_id) -> Item:
        """The item with this id, or an error."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise WorkshopError(_("Deze vraag hoort niet bij deze activiteit."), reason="unknown_item")

    def validate(self, item_id, value) -> str:
        """The choice or scale value to store, or a WorkshopError with a message for the participant."""
        kind = self.item(item_id).kind
        if isinstance(kind, Text):
            raise WorkshopError(_("Deze vraag beantwoord je met kaarten, niet met een keuze."),
                                reason="wrong_kind")
        return kind.validate(value)

    def clean_entry(self, item_id, text) -> str:
        """The text of a card to store for a free-text item, or a WorkshopError."""
        item = self.item(item_id)
        if not isinstance(item.kind, Text):
            raise WorkshopError(_("Bij deze vraag hoort een keuze, geen tekst."), reason="wrong_kind")
        return item.kind.clean(text)

    @property
    def partner_items(self) -> dict:
        """The card items whose cards may name a partner organisation (halen en brengen: halen and brengen), each
        with the phone's question for it."""
        return {}

    def clean_partner(self, item_id, partner, room: list[str], own: str) -> str | None:
        """The partner of a card to store: one of the `room`'s organisations (as the results name them) other than
        `own`; None for none (None or ""). Else a WorkshopError."""
        if partner is None or partner == "":
            return None
        if item_id not in self.partner_items:
            raise WorkshopError(_("Alleen een kaart bij halen of brengen kan een organisatie noemen."),
                                reason="no_partner")
        if not isinstance(partner, str):
            raise WorkshopError(_("Kies de organisatie uit de lijst."), reason="invalid_partner")
        cleaned = one_line(partner)
        if len(cleaned) > PARTNER_LENGTH:
            raise WorkshopError(_("Die organisatie is te lang (maximaal %(n)s tekens).", n=PARTNER_LENGTH),
                                reason="too_long")
        key = organisation_key(cleaned)
        if key and key == organisation_key(own):
            raise WorkshopError(_("Kies een andere organisatie dan je eigen."), reason="own_organisation")
        named = next((name for name in room if name and organisation_key(name) == key), None)
        if named is None:
            raise WorkshopError(_("Die organisatie doet niet mee in deze sessie. Kies er een uit de lijst."),
                                reason="unknown_partner")
        return named

    def shown_on_phones(self, item: Item) -> bool:
        """Whether released results on the phones show this item (a layout leaves out what names people)."""
        return True

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
        answers = self.known_answers(answers)
        entries = [e for e in entries if isinstance(getattr(by_item.get(e.item), "kind", None), Text)]
        items = {}
        for item in self.items:
            if isinstance(item.kind, Text):
                mine = [e for e in entries if e.item == item.id]
                items[item.id] = item.kind.summary(mine, participants, org_of)
            else:
                items[item.id] = item.kind.summary([a for a in answers if a.item == item.id], org_of)
        people = {a.participant_id for a in answers} | {e.participant_id for e in entries}
        return {"respondents": len(people), "items": items}

    def result(self, answers: list[Answer], participants: dict[int, Participant],
               entries: list[Entry] = ()) -> dict:
        """Pure: the aggregate of this layout, with the progress that every layout carries."""
        return {**self.aggregate(answers, participants, entries), **self.progress(answers, participants, entries)}

    def progress(self, answers: list[Answer], participants: dict[int, Participant],
                 entries: list[Entry] = ()) -> dict:
        """Pure: how far the room is, counted, never who. `complete`: the participants who answered every item
        (a card item: at least one card on it, hidden or not); per item the participants who answered it; per
        organisation of the participants how many joined, answered something, answered everything."""
        cards = {item.id for item in self.items if isinstance(item.kind, Text)}
        known = self.known_answers(answers)  # one per participant and item (the store's key): counted in C
        with_cards = {(e.participant_id, e.item) for e in entries if e.item in cards}
        items_done, per_item = Counter(map(PARTICIPANT, known)), Counter(map(ITEM, known))
        items_done.update(map(PARTICIPANT, with_cards))
        per_item.update(map(ITEM, with_cards))
        done = {pid for pid, n in items_done.items() if n == len(self.items)}
        org_of = organisation_names(participants)
        joined = Counter(org_of.values())
        respondents = Counter(org_of.get(pid, NO_ORGANISATION) for pid in items_done)
        complete = Counter(org_of.get(pid, NO_ORGANISATION) for pid in done)
        return {"complete": len(done), "progress": {
            "items": {item.id: per_item[item.id] for item in self.items},
            "organisations": [{"name": name, "participants": joined[name], "respondents": respondents[name],
                               "complete": complete[name]} for name in ordered(joined | respondents)]}}

    def known_answers(self, answers: list[Answer]) -> list[Answer]:
        """The answers to this definition's choice, scale and points items whose value fits the item."""
        kinds = {item.id: item.kind for item in self.items if not isinstance(item.kind, Text)}
        given = set(map(ITEM_AND_VALUE, answers))  # few: a room gives the same answers, each checked once
        fits = {(item, value) for item, value in given if item in kinds and kinds[item].known(value)}
        if len(fits) == len(given):  # the usual case: no second pass
            return list(answers)
        return [a for a in answers if (a.item, a.value) in fits]

    def describe(self) -> dict:
        """The definition as JSON for pages and the API."""
        return {
            "type": self.kind,
            "layout": self.layout,
            "title": self.title,
            "intro": self.intro,
            "purpose": self.purpose,
            "handbook": self.handbook,
            "themes": list(self.themes),
            "views": [{"id": view, "label": str(label)} for view, label in self.views],
            "source": self.source,
            "per_organisation": self.per_organisation,
            "groups": [vars(group) for group in self.groups],
            "items": [{"id": i.id, "label": i.label, "question": i.question, "help": list(i.help),
                       "group": i.group, **i.kind.describe()} for i in self.items],
            **({"translated": True} if self.translated else {}),
        }
