"""A facilitator's design of a session, as the home page's designer sends it: each activity as a spec
(`library.definition_for`), and a template file (export/import) checked and normalised. Pure: no Flask."""

from .activities import ActivityType
from .errors import WorkshopError
from .kinds import is_stoplicht
from .kinds.fields import LABEL_LENGTH, text
from .library import OWN, definitions_for

TEMPLATE_FORMAT = "werkatelier-template"
TEMPLATE_VERSION = 1


def spec_of(definition: ActivityType) -> dict:
    """The activity as `POST /api/sessions` takes it, worded as checked: a library instrument with its title and
    intro, or an own activity with its items (a stoplicht item stays 'stoplicht', so it keeps its views)."""
    if definition.kind != OWN:
        return {"instrument": definition.kind, "title": definition.title, "intro": definition.intro}
    items = []
    for item, described in zip(definition.items, definition.describe()["items"], strict=True):
        fields = {"kind": "stoplicht"} if is_stoplicht(item.kind) else {
            k: v for k, v in described.items() if k not in ("id", "label", "question", "help", "group")}
        helps = {"help": list(item.help)} if item.help else {}
        items.append({"id": item.id, "label": item.label, "question": item.question, **helps, **fields})
    return {"title": definition.title, "intro": definition.intro, "items": items}


def checked_template(data) -> dict:
    """A template file's content, checked as a new session's agenda would be and normalised:
    `{"format", "version", "title", "activities": [spec, ...]}`, or a Dutch error."""
    if not isinstance(data, dict) or data.get("format") != TEMPLATE_FORMAT:
        raise WorkshopError("Dit is geen sjabloon van Werkatelier (een .werkatelier.json-bestand).",
                            reason="wrong_format")
    if data.get("version") != TEMPLATE_VERSION:
        raise WorkshopError(f"Deze versie van het sjabloon kennen we niet; versie {TEMPLATE_VERSION} wel.",
                            reason="unsupported_version")
    title = text(data, "title", "Sjabloon", LABEL_LENGTH, required=True)
    activities = [spec_of(definition) for definition in definitions_for(data.get("activities"))]
    return {"format": TEMPLATE_FORMAT, "version": TEMPLATE_VERSION, "title": title, "activities": activities}
