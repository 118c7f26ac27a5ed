"""Grouping participants by the organisation they typed, forgiving case and spacing.

Answers without an organisation are grouped under NO_ORGANISATION, the empty name (no typed organisation is
empty): a marker, not a word, so it sorts and compares the same in every language. `organisation_label` gives
the name a person reads."""

from flask_babel import gettext as _

NO_ORGANISATION = ""


def organisation_key(name: str) -> str:
    """The grouping key: 'gemeente  Utrecht' and 'Gemeente Utrecht' are one organisation."""
    return " ".join(name.split()).casefold()


def organisation_names(participants: dict) -> dict[int, str]:
    """Map participant id (of `Participant`s) -> display name of their organisation (first spelling seen wins)."""
    spelling: dict[str, str] = {}  # grouping key -> the first spelling
    named: dict[str, str] = {}  # as typed -> display name: a room types a few organisations, each cleaned once
    names = {}
    for pid in sorted(participants):
        typed = participants[pid].organisation
        if typed not in named:
            raw = " ".join(typed.split())
            key = organisation_key(raw)
            named[typed] = spelling.setdefault(key, raw) if key else NO_ORGANISATION
        names[pid] = named[typed]
    return names


def ordered(names) -> list[str]:
    """Organisations alphabetically, the group without one last."""
    return sorted(set(names), key=lambda n: (n == NO_ORGANISATION, n.casefold()))


def organisation_label(name: str) -> str:
    """An organisation's name as shown, in the page's language for the group without one."""
    return _("Zonder organisatie") if name == NO_ORGANISATION else name
