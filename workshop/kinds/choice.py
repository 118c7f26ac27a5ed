"""Answer kind 'choice': tap one of a few options, or several when `multiple`. 'Stoplicht' is the choice of
groen (ja) / oranje (twijfelachtig) / rood (nee)."""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _

from ..errors import WorkshopError
from ..organisations import ordered, organisation_label
from ..tables import Shaded, Table, score_colour
from .fields import MAX_OPTIONS, OPTION_LENGTH, flag, invalid, listed, text

TONES = ("", "groen", "oranje", "rood")
# A traffic-light cell's score: 1 = everyone says groen (ja), 0 = everyone says rood (nee).
SCORE = {"groen": 1.0, "oranje": 0.5, "rood": 0.0}
ICONS = ("", "check", "question", "cross", "alert")
VALUE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")  # no commas or colons: several are stored joined by them


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    icon: str = ""
    tone: str = ""  # groen, oranje or rood: the colour of the button and the bar


def slug(label: str) -> str:
    """'Bovenregionaal (provincie)' -> 'bovenregionaal-provincie': an option's value made from its label."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in plain).split())[:40] or "optie"


def options_from(data: dict, where: str, low: int = 2, most: int = MAX_OPTIONS,
                 length: int = OPTION_LENGTH) -> tuple[Option, ...]:
    """Options given as labels ("Ja") or as tables ({value, label, tone, icon}); values unique."""
    options, seen = [], set()
    for n, raw in enumerate(listed(data, "options", where, low, most), start=1):
        place = _("%(where)s, optie %(n)s", where=where, n=n)
        fields = raw if isinstance(raw, dict) else {"label": raw}
        label = text(fields, "label", place, length, required=True)
        value = text(fields, "value", place, 40) or slug(label)
        if value in seen and "value" not in fields:
            value = f"{value[:36]}-{n}"
        if not VALUE.match(value) or value in seen:
            raise invalid(place, _("de waarde van een optie is uniek en bestaat uit kleine letters, cijfers en "
                                   "streepjes."))
        tone, icon = fields.get("tone", ""), fields.get("icon", "")
        if tone not in TONES or icon not in ICONS:
            raise invalid(place, _("kies als kleur een van: %(tones)s.", tones=", ".join(TONES[1:])))
        seen.add(value)
        options.append(Option(value, label, icon, tone))
    return tuple(options)


@dataclass(frozen=True)
class Choice:
    """One of a few options, e.g. groen / oranje / rood; with `multiple`, any number of them (stored as
    their values in the options' order, joined by commas)."""

    options: tuple[Option, ...]
    multiple: bool = False
    name = "choice"

    @classmethod
    def from_data(cls, data: dict, where: str) -> "Choice":
        return cls(options_from(data, where), flag(data, "multiple", where))

    def validate(self, value) -> str:
        values = [o.value for o in self.options]
        if self.multiple:
            if not isinstance(value, list) or len(value) > len(values) or not all(v in values for v in value):
                raise WorkshopError(_("Kies een of meer van de opties."), reason="invalid_value")
            return ",".join(v for v in values if v in value)
        if value not in values:
            options = ", ".join(f"‘{o.label}’" for o in self.options)
            raise WorkshopError(_("Kies een van: %(options)s.", options=options), reason="invalid_value")
        return value

    def chosen(self, stored: str) -> list[str]:
        """The option values in a stored answer that (still) are options."""
        values = [o.value for o in self.options]
        parts = stored.split(",") if self.multiple else [stored]
        return [v for v in parts if v in values]

    def known(self, stored: str) -> bool:
        return bool(self.chosen(stored)) or (self.multiple and stored == "")

    def display(self, stored: str) -> str:
        """The labels of a stored answer, as a spreadsheet shows them."""
        labels = {o.value: o.label for o in self.options}
        return "; ".join(labels[v] for v in self.chosen(stored))

    def summary(self, answers, org_of=None) -> dict:
        """How often each option was chosen; `total` is the number of people who answered."""
        counts = Counter(v for a in answers for v in self.chosen(a.value))
        return {"kind": "choice", "counts": {o.value: counts[o.value] for o in self.options}, "total": len(answers)}

    def describe(self) -> dict:
        described = {"kind": self.name, "options": [vars(o) for o in self.options]}
        return {**described, "multiple": True} if self.multiple else described


def N_(message: str) -> str:
    """A message for the catalogue, stored as written and translated where it is shown (i18n.library_text)."""
    return message


STOPLICHT = Choice((Option("groen", N_("Ja"), "check", "groen"),
                    Option("oranje", N_("Twijfelachtig"), "question", "oranje"),
                    Option("rood", N_("Nee"), "cross", "rood")))


def is_stoplicht(kind) -> bool:
    """Groen / oranje / rood, whatever language its labels are in."""
    return isinstance(kind, Choice) and not kind.multiple and \
        [(o.value, o.icon, o.tone) for o in kind.options] == [(o.value, o.icon, o.tone) for o in STOPLICHT.options]


# --- the xlsx tables of choice items (exports.py writes them) ----------------------------------------------------


def tables(items: list[dict], summaries: dict, caption: str | None = None) -> list[Table]:
    """Per choice item how often each option was chosen (items with the same options share a table); then, where
    the summaries have them, the same per organisation: a heat map for groen / oranje / rood options."""
    groups: dict[tuple, list[dict]] = {}
    for item in items:
        groups.setdefault((tuple(o["value"] for o in item["options"]), bool(item.get("multiple"))), []).append(item)
    caption = caption or _("Keuzes")
    result = []
    for (values, multiple), group in groups.items():
        options = group[0]["options"]
        title = _("%(caption)s (meer dan één keuze mogelijk)", caption=caption) if multiple else caption
        result.append(Table(title, [_("vraag"), *(o["label"] for o in options), _("totaal")],
                            [[item["label"], *(summaries[item["id"]]["counts"].get(v, 0) for v in values),
                              summaries[item["id"]]["total"]] for item in group]))
        if any(summaries[item["id"]].get("organisations") for item in group):
            toned = all(o.get("tone") in SCORE for o in options)
            result.append(heat_table(group, summaries, options, caption) if toned
                          else organisation_table(group, summaries, options, title))
    return result


def organisation_table(items: list[dict], summaries: dict, options: list[dict], caption: str) -> Table:
    """A row per item and organisation: how often its people chose each option."""
    return Table(_("%(caption)s: per organisatie", caption=caption),
                 [_("vraag"), _("organisatie"), *(o["label"] for o in options), _("personen")],
                 [[item["label"], organisation_label(org["name"]), *(org["counts"].get(o["value"], 0) for o in options),
                   org["total"]]
                  for item in items for org in summaries[item["id"]]["organisations"]])


def heat_table(items: list[dict], summaries: dict, options: list[dict], caption: str) -> Table:
    """Items as rows, organisations as columns, each cell the counts coloured from rood (all nee) to groen."""
    names = ordered(org["name"] for item in items for org in summaries[item["id"]]["organisations"])
    rows = []
    for item in items:
        by_name = {org["name"]: org for org in summaries[item["id"]]["organisations"]}
        rows.append([item["label"], *(heat_cell(by_name.get(name), options) for name in names)])
    return Table(_("%(caption)s: per organisatie (heatmap), per cel %(options)s; de kleur loopt van rood (iedereen nee) "
                   "naar groen (iedereen ja)", caption=caption, options=" / ".join(o["label"].lower() for o in options)),
                 [_("vraag"), *map(organisation_label, names)], rows)


def heat_cell(summary: dict | None, options: list[dict]):
    if not summary or not summary["total"]:
        return "–"
    counts = summary["counts"]
    chosen = sum(counts.values())
    if not chosen:  # several answers allowed, and none chosen
        return "–"
    score = sum(SCORE[o["tone"]] * counts.get(o["value"], 0) for o in options) / chosen
    return Shaded(" / ".join(str(counts.get(o["value"], 0)) for o in options), score_colour(score))
