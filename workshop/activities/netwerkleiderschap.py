"""The netwerkleiderschap layout: four leadership roles in a network on two axes (richten / inrichten & verrichten ×
verduurzamen / vernieuwen), each checked for coverage ('<role>-belegd', a choice) and contributors ('<role>-namen',
cards of names), with the roles' balance ('balans', a choice) at the end.

The beamer shows the roles in the model's 2x2 quadrant, each with how well it is covered and the people or
organisations named most often as contributors; a second view shows the cards per role.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import ClassVar

from flask_babel import gettext as _, lazy_gettext

from ..kinds.fields import invalid, listed, text
from .base import CARD_VIEWS, ActivityType, Answer, Entry, Participant

TOP_NAMES = 5  # how many of the names mentioned most the beamer shows per role
# A card of names is split on these; what is left is trimmed of spaces, bullets, quotes and a final full stop.
SEPARATORS = str.maketrans({";": ",", "\n": ","})
TRIM = " .-–—•·\"'“”‘’"


@dataclass(frozen=True)
class Role:
    id: str
    name: str  # as in a sentence: 'strateeg'
    kernvraag: str
    aim: str  # what the role's contribution aims at
    row: str
    column: str

    @property
    def label(self) -> str:
        return self.name.capitalize()


BALANCE = "balans"


def name_key(name: str) -> str:
    """Names count as one regardless of case and spacing: 'gemeente  venlo' is 'Gemeente Venlo'."""
    return " ".join(name.split()).casefold()


def split_names(text: str) -> list[str]:
    """The names on one card: split on commas and semicolons, trimmed, empty parts left out."""
    parts = (" ".join(part.split()).strip(TRIM) for part in text.translate(SEPARATORS).split(","))
    return [part for part in parts if part]


def count_names(entries: list[Entry]) -> list[dict]:
    """Names on the (visible) cards, most often mentioned first: per name the number of participants who
    mentioned it (a person naming it twice counts once), shown in its most common spelling."""
    people: dict[str, set[int]] = defaultdict(set)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for entry in entries:
        if entry.hidden:
            continue
        for name in split_names(entry.text):
            key = name_key(name)
            people[key].add(entry.participant_id)
            spellings[key][name] += 1  # Counter keeps first-seen order for ties in most_common
    names = [{"name": spellings[key].most_common(1)[0][0], "count": len(people[key])} for key in people]
    return sorted(names, key=lambda n: (-n["count"], n["name"].casefold()))


@dataclass(frozen=True)
class Netwerkleiderschap(ActivityType):
    """The worksheet netwerkleiderschap: per role coverage, contributors, own contribution, reinforcement."""

    roles: tuple[Role, ...] = ()
    rows: tuple[tuple[str, str], ...] = ()  # the model's axes, (id, label), in the order the beamer draws them
    columns: tuple[tuple[str, str], ...] = ()
    layout: ClassVar[str] = "netwerkleiderschap"
    views: ClassVar[tuple[tuple[str, str], ...]] = (("kwadrant", lazy_gettext("Kwadrant: dekking en namen per rol")),
                                                     ("kaarten", lazy_gettext("Kaarten per rol")), *CARD_VIEWS)

    @classmethod
    def layout_fields(cls, data: dict, where: str) -> dict:
        axes = {}
        for axis in ("rows", "columns"):
            pairs = listed(data, axis, where, 2, 2)
            if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs):
                raise invalid(where, _("‘%(axis)s’ is een lijst van twee paren [id, label].", axis=axis))
            axes[axis] = tuple(tuple(pair) for pair in pairs)
        roles = tuple(Role(**{field: text(role, field, where, required=True) for field in Role.__dataclass_fields__})
                      for role in listed(data, "roles", where, 4, 4) if isinstance(role, dict))
        return {"roles": roles, **axes}

    def check(self):
        rows, columns = {r for r, _ in self.rows}, {c for c, _ in self.columns}
        if len(self.roles) != 4 or not all(r.row in rows and r.column in columns for r in self.roles):
            raise ValueError(_("netwerkleiderschap wil vier rollen, elk op een rij en een kolom van het kwadrant"))
        for role in self.roles:
            self.item(f"{role.id}-belegd"), self.item(f"{role.id}-namen")
        self.item(BALANCE)

    def shown_on_phones(self, item) -> bool:
        """The cards of contributors name people: they stay on the beamer, off the phones."""
        return item.id not in {f"{role.id}-namen" for role in self.roles}

    def place(self, role: Role) -> tuple[int, int]:
        """(row, column) of a role in the quadrant, counting from 1."""
        return [r for r, _ in self.rows].index(role.row) + 1, [c for c, _ in self.columns].index(role.column) + 1

    def describe(self) -> dict:
        return {**super().describe(), "rows": [list(r) for r in self.rows], "columns": [list(c) for c in self.columns],
                "roles": [vars(role) for role in self.roles]}

    def aggregate(self, answers: list[Answer], participants: dict[int, Participant],
                  entries: list[Entry] = ()) -> dict:
        result = super().aggregate(answers, participants, entries)
        items = result["items"]
        roles = []
        for role in self.roles:
            names = count_names([e for e in entries if e.item == f"{role.id}-namen"])
            roles.append({
                "id": role.id, "label": role.label, "question": role.kernvraag, "aim": role.aim,
                "row": role.row, "column": role.column,
                "coverage": items[f"{role.id}-belegd"],
                "names": names[:TOP_NAMES], "more_names": max(0, len(names) - TOP_NAMES),
            })
        return {**result, "roles": roles, "balance": items[BALANCE]}

