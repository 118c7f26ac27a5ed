"""Answer kind 'text': free-text cards; each person may add up to `max_entries` of `max_length` characters."""

from dataclasses import dataclass

from flask_babel import gettext as _

from ..errors import WorkshopError
from ..organisations import NO_ORGANISATION, organisation_label
from ..tables import Table, local_time, yes_no
from .fields import TEXT_LENGTH, one_line, text, whole

MAX_LENGTH = 280
MAX_ENTRIES = 8


def card(entry, participants, org_of: dict[int, str]) -> dict:
    """A free-text card as screens show it; the page decides whether the name is shown."""
    person = participants.get(entry.participant_id)
    return {
        "id": entry.id, "item": entry.item, "text": entry.text,
        "organisation": org_of.get(entry.participant_id, NO_ORGANISATION),
        "name": person.name if person else "",
        "at": entry.at, "edited": entry.edited, "hidden": entry.hidden, "highlighted": entry.highlighted,
        "theme_id": entry.theme_id, "merged_into": entry.merged_into,
        "partner": entry.partner,
    }


@dataclass(frozen=True)
class Text:
    max_length: int = MAX_LENGTH
    max_entries: int = 5
    placeholder: str = ""
    name = "text"

    @classmethod
    def from_data(cls, data: dict, where: str) -> "Text":
        return cls(whole(data, "max_length", where, 10, MAX_LENGTH, default=MAX_LENGTH),
                   whole(data, "max_entries", where, 1, MAX_ENTRIES, default=5),
                   text(data, "placeholder", where, TEXT_LENGTH))

    def clean(self, value) -> str:
        """The text as stored (see `one_line`), or a refusal."""
        if not isinstance(value, str):
            raise WorkshopError(_("Je antwoord moet tekst zijn."), reason="invalid_text")
        cleaned = one_line(value)
        if not cleaned:
            raise WorkshopError(_("Je kaart is leeg: schrijf eerst iets op."), reason="empty_text")
        if len(cleaned) > self.max_length:
            raise WorkshopError(_("Je tekst is te lang: %(length)s tekens, maximaal %(limit)s. Maak hem korter of "
                                  "verdeel hem over twee kaarten.", length=len(cleaned), limit=self.max_length),
                                reason="too_long")
        return cleaned

    def summary(self, entries, participants, org_of: dict[int, str]) -> dict:
        return {"kind": "text", "cards": [card(e, participants, org_of) for e in entries]}

    def describe(self) -> dict:
        return {"kind": self.name, "max_length": self.max_length, "max_entries": self.max_entries,
                "placeholder": self.placeholder}


def tables(items: list[dict], summaries: dict, caption: str | None = None, partner: bool = False) -> list[Table]:
    """Every card of these text items (for the xlsx), hidden ones included and marked; with `partner`, the
    organisation each asks from or offers to."""
    if not items:
        return []
    return [Table(caption or _("Kaarten"), [_("vraag"), _("tekst"), _("organisatie"), _("naam"), _("tijd"),
                                            _("gewijzigd"), _("verborgen"), _("uitgelicht")] + [_("partner")] * partner,
                  [[item["label"], card["text"], organisation_label(card["organisation"]), card["name"],
                    local_time(card["at"]),
                    yes_no(card["edited"]), yes_no(card["hidden"]), yes_no(card["highlighted"])]
                   + [card["partner"] or ""] * partner
                   for item in items for card in summaries[item["id"]]["cards"]])]
