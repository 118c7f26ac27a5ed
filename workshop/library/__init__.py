"""The library: the handbooks' instruments and starter templates as data files (instruments/, templates/,
handbooks.toml), read and checked once at start-up; and what a facilitator may ask for as an activity.

An instrument file is TOML in the format of `ActivityType.describe` (see README, 'Een instrument toevoegen');
its id is its file name. A mistake in a file stops the server at start-up with the file and the place named.
"""

import dataclasses
import re
import tomllib
from pathlib import Path

from flask_babel import gettext as _

from ..activities import OWN, ActivityType, definition_from
from ..activities.definitions import INTRO_LENGTH
from ..errors import WorkshopError
from ..i18n import SOURCE, library_source, library_text
from ..kinds.fields import LABEL_LENGTH, text
from ..stored import in_language

FOLDER = Path(__file__).resolve().parent
FILE_ID = re.compile(r"^[a-z0-9_]{1,40}$")
MAX_ACTIVITIES = 20


class LibraryError(ValueError):
    """A library file that cannot be used; the message names the file and what is wrong (in Dutch: it is found
    at import, outside any request)."""


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise LibraryError(_("%(file)s: geen geldige TOML (%(error)s).", file=path.name, error=error)) from None


def _files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.toml"))
    for path in files:
        if not FILE_ID.match(path.stem) or path.stem == OWN:
            raise LibraryError(_("%(file)s: een bestandsnaam is kleine letters, cijfers en _ (niet ‘%(own)s’).",
                                 file=path.name, own=OWN))
    return files


def load_instruments(folder: Path) -> dict[str, ActivityType]:
    """Every instrument file in `folder`, by id, listed by handbook and then by title."""
    instruments = {}
    for path in _files(folder):
        data = _read(path)
        try:
            instruments[path.stem] = definition_from({**data, "type": path.stem}, path.name)
        except WorkshopError as error:
            raise LibraryError(error.message) from None
        if instruments[path.stem].handbook not in HANDBOOKS:
            raise LibraryError(_("%(file)s: het handboek ‘%(handbook)s’ staat niet in handbooks.toml.",
                                 file=path.name, handbook=instruments[path.stem].handbook))
    return dict(sorted(instruments.items(), key=lambda pair: (pair[1].handbook, pair[1].title.casefold())))


def load_handbooks(path: Path) -> dict[str, dict]:
    """The handbooks the instruments come from: id -> {title, short}."""
    handbooks = _read(path)
    for key, handbook in handbooks.items():
        if not isinstance(handbook, dict) or not all(isinstance(handbook.get(f), str) for f in ("title", "short")):
            raise LibraryError(_("%(file)s: [%(key)s] heeft een ‘title’ en een ‘short’.", file=path.name, key=key))
    return handbooks


HANDBOOKS = load_handbooks(FOLDER / "handbooks.toml")
INSTRUMENTS = load_instruments(FOLDER / "instruments")


def instrument(instrument_id, where: str = "") -> ActivityType:
    """The library instrument with this id, or an error naming the ids there are."""
    if isinstance(instrument_id, str) and instrument_id in INSTRUMENTS:
        return INSTRUMENTS[instrument_id]
    message = _("Onbekend soort activiteit. Kies uit: %(ids)s.", ids=", ".join(INSTRUMENTS))
    raise WorkshopError(_("%(where)s: %(problem)s", where=where, problem=message) if where else message,
                        reason="unknown_activity_type")


def definition_for(spec, where=None) -> ActivityType:
    """The definition of an activity a facilitator asks for: a library id ("quickscan"), a library instrument
    with its own title and intro ({"instrument", "title", "intro"}), or an own activity ({"title", "intro",
    "items"}); an own activity of stoplicht items only gets the stoplicht views."""
    where = where or _("Activiteit")
    if isinstance(spec, str) or spec is None:
        return instrument(spec, where)
    if not isinstance(spec, dict):
        raise WorkshopError(_("%(where)s: geef de id van een instrument of een object.", where=where),
                            reason="unknown_activity_type")
    if "instrument" in spec:
        chosen = instrument(spec["instrument"], where)
        given = {field: text(spec, field, where, limit) for field, limit in
                 (("title", LABEL_LENGTH), ("intro", INTRO_LENGTH)) if spec.get(field) not in (None, "")}
        # a text that cleaning empties (a lone surrogate, control characters) keeps the library's, as "" does
        return dataclasses.replace(chosen, **{field: library_source(value) for field, value in given.items() if value})
    items = spec.get("items")
    stoplicht = isinstance(items, list) and items and all(
        isinstance(i, dict) and i.get("kind") == "stoplicht" for i in items)
    return definition_from({"type": OWN, "layout": "stoplicht" if stoplicht else "eigen", "title": spec.get("title"),
                            "intro": spec.get("intro", ""), "items": items}, where)


def definitions_for(specs) -> list[ActivityType]:
    """The definitions of a session's agenda: 1 to MAX_ACTIVITIES activities, each as `definition_for`."""
    if not isinstance(specs, list) or not specs:
        raise WorkshopError(_("Kies ten minste één activiteit."), reason="no_activities")
    if len(specs) > MAX_ACTIVITIES:
        raise WorkshopError(_("Een sessie heeft hoogstens %(n)s activiteiten.", n=MAX_ACTIVITIES), reason="too_many")
    return [definition_for(spec, _("Activiteit %(n)s", n=n)) for n, spec in enumerate(specs, start=1)]


def citation(definition: ActivityType, language: str = SOURCE) -> str:
    """Where an activity's wording comes from, for the report: handbook and section; empty for an own activity."""
    handbook = library_text(HANDBOOKS.get(definition.handbook, {}).get("title", ""), language)
    return ", ".join(part for part in (handbook, definition.source) if part)


def describe_instrument(definition: ActivityType, language: str = SOURCE) -> dict:
    """An instrument as the library lists it (GET /api/instruments), worded in `language`."""
    described = in_language(definition, language).describe()
    kinds = []
    for item in described["items"]:
        if item["kind"] not in kinds:
            kinds.append(item["kind"])
    handbook = {field: library_text(value, language) for field, value in HANDBOOKS[definition.handbook].items()}
    return {"id": definition.kind, **described, "kinds": kinds, "handbook": {"id": definition.handbook, **handbook}}


def theme_words(language: str = SOURCE) -> dict[str, str]:
    """The instruments' themes, id -> the word the library's filter shows in `language`."""
    ids = sorted({theme for definition in INSTRUMENTS.values() for theme in definition.themes})
    return {theme: library_text(theme, language) for theme in ids}


def load_templates(folder: Path) -> dict[str, dict]:
    """The starter templates: id -> {id, title, purpose, source, handbook, activities}, each activity checked."""
    templates = {}
    for path in _files(folder):
        data = _read(path)
        try:
            title = text(data, "title", path.name, LABEL_LENGTH, required=True)
            definitions_for(data.get("activities"))
        except WorkshopError as error:
            raise LibraryError(_("%(where)s: %(problem)s", where=path.name, problem=error.message)) from None
        templates[path.stem] = {"id": path.stem, "title": title, "purpose": data.get("purpose", ""),
                                "source": data.get("source", ""), "handbook": data.get("handbook", ""),
                                "activities": data["activities"]}
    return templates


def template_in(template: dict, language: str = SOURCE) -> dict:
    """A starter template worded in `language`: its own texts and its agenda's titles and intros."""
    if language == SOURCE:
        return template
    worded = {field: library_text(template[field], language) for field in ("title", "purpose", "source")}
    agenda = [{**spec, **{field: library_text(spec[field], language) for field in ("title", "intro") if field in spec}}
              if isinstance(spec, dict) else spec for spec in template["activities"]]
    return {**template, **worded, "activities": agenda, "translated": True}


TEMPLATES = load_templates(FOLDER / "templates")
__all__ = ["HANDBOOKS", "INSTRUMENTS", "OWN", "TEMPLATES", "LibraryError", "citation", "definition_for", "definitions_for",
           "describe_instrument", "instrument", "template_in", "theme_words"]
