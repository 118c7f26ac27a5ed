"""A definition from data: a library file, a facilitator's own activity, or what a session stored. Validated with
Dutch errors naming the place, so a mistake in a file or a request says where it is."""

import re

from ..errors import WorkshopError
from ..kinds import kind_from
from ..kinds.fields import LABEL_LENGTH, flag, invalid, named, text
from .base import OWN, ActivityType, Group, Item
from .eigen import Eigen
from .halen_brengen import HalenBrengen
from .motieven import Motieven
from .netwerkleiderschap import Netwerkleiderschap
from .quickscan import Quickscan
from .stoplicht import Stoplicht

LAYOUTS: dict[str, type[ActivityType]] = {layout.layout: layout for layout in (
    Stoplicht, Quickscan, Motieven, HalenBrengen, Netwerkleiderschap, Eigen)}
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MAX_ITEMS = 40
MAX_HELP = 10
MAX_GROUPS = 12
MAX_THEMES = 6
INTRO_LENGTH = 1000
MAX_CARDS = 60  # cards one participant can add to one activity, over all its text items


def definition_from(data, where: str) -> ActivityType:
    """The definition `data` describes (the format of `ActivityType.describe`, or of a library file)."""
    if not isinstance(data, dict):
        raise invalid(where, "een activiteit is een object met een titel en vragen.")
    layout = data.get("layout", "eigen")
    layout = LAYOUTS.get(layout) if isinstance(layout, str) else None
    if layout is None:
        raise invalid(where, f"kies als weergave een van: {', '.join(LAYOUTS)}.")
    groups = tuple(_group(g, f"{where}, groep {n}") for n, g in enumerate(_list(data, "groups", where, MAX_GROUPS), 1))
    items = _items(data, where, {g.id for g in groups})
    themes = _list(data, "themes", where, MAX_THEMES)
    if not all(isinstance(theme, str) and ID.match(theme) for theme in themes):
        raise invalid(where, "een thema is één woord in kleine letters.")
    if sum(getattr(item.kind, "max_entries", 0) for item in items) > MAX_CARDS:
        raise invalid(where, f"samen hoogstens {MAX_CARDS} kaarten per deelnemer over alle open vragen.")
    definition = layout(
        kind=data.get("type", OWN), title=text(data, "title", where, LABEL_LENGTH, required=True),
        intro=text(data, "intro", where, INTRO_LENGTH), items=items, source=text(data, "source", where),
        groups=groups, per_organisation=flag(data, "per_organisation", where),
        purpose=text(data, "purpose", where), handbook=text(data, "handbook", where, 20), themes=tuple(themes),
        **layout.layout_fields(data, where))
    try:
        definition.check()
    except (ValueError, WorkshopError) as error:  # WorkshopError: an item the layout needs is missing
        raise invalid(where, getattr(error, "message", str(error))) from None
    return definition


def _list(data: dict, field: str, where: str, most: int) -> list:
    value = data.get(field, [])
    if not isinstance(value, list) or len(value) > most:
        raise invalid(where, f"{named(field)} moet een lijst van hoogstens {most} elementen zijn.")
    return value


def _group(data, where: str) -> Group:
    if not isinstance(data, dict) or not ID.match(str(data.get("id", ""))):
        raise invalid(where, "een groep heeft een id van kleine letters, cijfers en streepjes.")
    return Group(data["id"], text(data, "label", where, LABEL_LENGTH, required=True), text(data, "question", where))


def _items(data: dict, where: str, groups: set[str]) -> tuple[Item, ...]:
    raw = data.get("items")
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_ITEMS:
        raise invalid(where, f"een activiteit heeft 1 tot en met {MAX_ITEMS} vragen.")
    items, seen = [], set()
    for n, fields in enumerate(raw, start=1):
        place = f"{where}, vraag {n}"
        if not isinstance(fields, dict):
            raise invalid(place, "een vraag is een object met een label en een soort.")
        item_id = fields.get("id", f"v{n}")
        if not isinstance(item_id, str) or not ID.match(item_id) or item_id in seen:
            raise invalid(place, "elke vraag heeft een eigen id van kleine letters, cijfers en streepjes.")
        group = fields.get("group", "")
        if group != "" and (not isinstance(group, str) or group not in groups):
            raise invalid(place, f"de groep ‘{group}’ bestaat niet.")
        help_lines = _list(fields, "help", place, MAX_HELP)
        if not all(isinstance(line, str) for line in help_lines):
            raise invalid(place, "‘help’ is een lijst van teksten.")
        seen.add(item_id)
        items.append(Item(item_id, text(fields, "label", place, LABEL_LENGTH, required=True),
                          text(fields, "question", place), kind_from(fields, place),
                          tuple(text({"help": line}, "help", place) for line in help_lines), group))
    return tuple(items)
