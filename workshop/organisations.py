"""Grouping participants by the organisation they typed, forgiving case and spacing."""

NO_ORGANISATION = "Zonder organisatie"


def organisation_key(name: str) -> str:
    """The grouping key: 'gemeente  Utrecht' and 'Gemeente Utrecht' are one organisation."""
    return " ".join(name.split()).casefold()


def organisation_names(participants: dict) -> dict[int, str]:
    """Map participant id (of `Participant`s) -> display name of their organisation (first spelling seen wins)."""
    spelling: dict[str, str] = {}
    names = {}
    for pid in sorted(participants):
        raw = " ".join(participants[pid].organisation.split())
        key = organisation_key(raw)
        names[pid] = spelling.setdefault(key, raw) if key else NO_ORGANISATION
    return names


def ordered(names) -> list[str]:
    """Organisations alphabetically, 'Zonder organisatie' last."""
    return sorted(set(names), key=lambda n: (n == NO_ORGANISATION, n.casefold()))
