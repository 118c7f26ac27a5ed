"""Reading kind fields from a facilitator's or a data file's JSON/TOML, with a Dutch error naming the place."""

import unicodedata

from ..errors import WorkshopError

LABEL_LENGTH = 120
TEXT_LENGTH = 400
OPTION_LENGTH = 80
MAX_OPTIONS = 12


# How a message names a field: Dutch words, with the field's name for whoever writes the JSON or the file.
NAMES = {"title": "de titel", "intro": "de inleiding", "label": "het label", "question": "de vraag",
         "help": "de hulptekst", "options": "de opties", "low": "het laagste getal", "high": "het hoogste getal",
         "low_label": "het woord bij het laagste getal", "high_label": "het woord bij het hoogste getal",
         "max_length": "de lengte van een kaart", "max_entries": "het aantal kaarten per persoon",
         "placeholder": "het voorbeeld", "points": "het aantal punten", "multiple": "meerdere antwoorden",
         "value": "de waarde", "source": "de bron", "purpose": "het doel", "handbook": "het handboek",
         "per_organisation": "per organisatie", "themes": "de thema’s", "groups": "de groepen"}


def named(field: str) -> str:
    return f"{NAMES[field]} ({field})" if field in NAMES else f"‘{field}’"


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


def invalid(where: str, message: str) -> WorkshopError:
    return WorkshopError(f"{where}: {message}", reason="invalid_definition")


def whole(data: dict, field: str, where: str, low: int, high: int, default: int | None = None) -> int:
    """A whole number from `low` to `high` (the default when absent and there is one)."""
    value = data.get(field, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise invalid(where, f"{named(field)} moet een geheel getal van {low} tot en met {high} zijn.")
    return value


def text(data: dict, field: str, where: str, limit: int = TEXT_LENGTH, required: bool = False) -> str:
    """A one-line text of at most `limit` characters (empty when absent, unless required)."""
    value = data.get(field, "")
    if not isinstance(value, str):
        raise invalid(where, f"{named(field)} moet tekst zijn.")
    value = one_line(value)
    if required and not value:
        raise invalid(where, f"vul {named(field)} in.")
    if len(value) > limit:
        raise invalid(where, f"{named(field)} is te lang ({len(value)} tekens, maximaal {limit}).")
    return value


def flag(data: dict, field: str, where: str) -> bool:
    value = data.get(field, False)
    if not isinstance(value, bool):
        raise invalid(where, f"{named(field)} moet waar of onwaar zijn (true of false).")
    return value


def listed(data: dict, field: str, where: str, low: int, high: int) -> list:
    value = data.get(field)
    if not isinstance(value, list) or not low <= len(value) <= high:
        raise invalid(where, f"{named(field)} moet een lijst van {low} tot en met {high} elementen zijn.")
    return value
