"""Reading kind fields from a facilitator's or a data file's JSON/TOML, with an error naming the place."""

import unicodedata

from flask_babel import gettext as _, lazy_gettext

from ..errors import WorkshopError

LABEL_LENGTH = 120
TEXT_LENGTH = 400
OPTION_LENGTH = 80
MAX_OPTIONS = 12


# How a message names a field: words for the person, with the field's name for whoever writes the JSON or the file.
NAMES = {"title": lazy_gettext("de titel"), "intro": lazy_gettext("de inleiding"), "label": lazy_gettext("het label"),
         "question": lazy_gettext("de vraag"), "help": lazy_gettext("de hulptekst"),
         "options": lazy_gettext("de opties"), "low": lazy_gettext("het laagste getal"),
         "high": lazy_gettext("het hoogste getal"), "low_label": lazy_gettext("het woord bij het laagste getal"),
         "high_label": lazy_gettext("het woord bij het hoogste getal"),
         "max_length": lazy_gettext("de lengte van een kaart"),
         "max_entries": lazy_gettext("het aantal kaarten per persoon"), "placeholder": lazy_gettext("het voorbeeld"),
         "points": lazy_gettext("het aantal punten"),
         "per_option": lazy_gettext("het maximum per optie"), "multiple": lazy_gettext("meerdere antwoorden"),
         "value": lazy_gettext("de waarde"), "source": lazy_gettext("de bron"), "purpose": lazy_gettext("het doel"),
         "handbook": lazy_gettext("het handboek"), "per_organisation": lazy_gettext("per organisatie"),
         "themes": lazy_gettext("de thema’s"), "groups": lazy_gettext("de groepen")}


def named(field: str) -> str:
    if field in NAMES:
        # Translators: a field's name in words ("the title") and as written in the JSON or the file ("title").
        return _("%(name)s (%(field)s)", name=NAMES[field], field=field)
    return _("‘%(field)s’", field=field)


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


def invalid(where, message) -> WorkshopError:
    """A refused definition: `where` names the place ("Activiteit 2, vraag 3"), `message` what is wrong there."""
    # Translators: where is e.g. "Activity 2, question 3"; problem a message starting in lower case.
    return WorkshopError(_("%(where)s: %(problem)s", where=where, problem=message), reason="invalid_definition")


def whole(data: dict, field: str, where: str, low: int, high: int, default: int | None = None) -> int:
    """A whole number from `low` to `high` (the default when absent and there is one)."""
    value = data.get(field, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise invalid(where, _("%(field)s moet een geheel getal van %(low)s tot en met %(high)s zijn.",
                               field=named(field), low=low, high=high))
    return value


def text(data: dict, field: str, where: str, limit: int = TEXT_LENGTH, required: bool = False) -> str:
    """A one-line text of at most `limit` characters (empty when absent, unless required)."""
    value = data.get(field, "")
    if not isinstance(value, str):
        raise invalid(where, _("%(field)s moet tekst zijn.", field=named(field)))
    value = one_line(value)
    if required and not value:
        raise invalid(where, _("vul %(field)s in.", field=named(field)))
    if len(value) > limit:
        raise invalid(where, _("%(field)s is te lang (%(length)s tekens, maximaal %(limit)s).",
                               field=named(field), length=len(value), limit=limit))
    return value


def flag(data: dict, field: str, where: str) -> bool:
    value = data.get(field, False)
    if not isinstance(value, bool):
        raise invalid(where, _("%(field)s moet waar of onwaar zijn (true of false).", field=named(field)))
    return value


def listed(data: dict, field: str, where: str, low: int, high: int) -> list:
    value = data.get(field)
    if not isinstance(value, list) or not low <= len(value) <= high:
        raise invalid(where, _("%(field)s moet een lijst van %(low)s tot en met %(high)s elementen zijn.",
                               field=named(field), low=low, high=high))
    return value
