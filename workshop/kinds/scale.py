"""Answer kind 'scale': a whole number from `low` to `high`, e.g. a grade 1–10, with words at both ends."""

import statistics
from collections import defaultdict
from dataclasses import dataclass

from flask_babel import gettext as _

from ..errors import WorkshopError
from ..organisations import NO_ORGANISATION, ordered, organisation_label
from ..tables import Shaded, Table, score_colour, yes_no
from .fields import OPTION_LENGTH, invalid, text, whole

# The group disagrees when the standard deviation is at least 2/9 of the scale's width:
# 2 points on a grade 1–10, 0.89 on a scale 1–5. Fewer than 3 answers never count as disagreement.
DISAGREEMENT = 2 / 9
MIN_FOR_DISAGREEMENT = 3
MAX_STEPS = 11  # buttons on a phone: 0–10 at most


def scale_stats(values: list[int], low: int, high: int) -> dict:
    """The distribution of numbers on a scale: a count per value, mean, median, spread, disagreement."""
    n = len(values)
    sd = statistics.pstdev(values) if n else None
    return {
        "n": n,
        "counts": [values.count(v) for v in range(low, high + 1)],  # counts[0] is the number of `low`s
        "mean": round(statistics.fmean(values), 2) if n else None,
        "median": statistics.median(values) if n else None,
        "sd": round(sd, 2) if n else None,
        "min": min(values) if n else None,
        "max": max(values) if n else None,
        "disagree": n >= MIN_FOR_DISAGREEMENT and sd >= DISAGREEMENT * (high - low),
    }


@dataclass(frozen=True)
class Scale:
    low: int
    high: int
    low_label: str = ""
    high_label: str = ""
    name = "scale"

    @classmethod
    def from_data(cls, data: dict, where: str) -> "Scale":
        low = whole(data, "low", where, 0, 10, default=1)
        high = whole(data, "high", where, low + 1, low + MAX_STEPS - 1, default=5 if low < 5 else None)
        if high - low + 1 > MAX_STEPS:
            raise invalid(where, _("een schaal heeft hoogstens %(n)s stappen.", n=MAX_STEPS))
        return cls(low, high, text(data, "low_label", where, OPTION_LENGTH), text(data, "high_label", where, OPTION_LENGTH))

    def validate(self, value) -> str:
        if isinstance(value, str) and value.strip().isdecimal() and len(value) <= 20:  # int() fails on '²', 5000 digits
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or not self.low <= value <= self.high:
            raise WorkshopError(_("Kies een getal van %(low)s tot en met %(high)s.", low=self.low, high=self.high),
                                reason="invalid_value")
        return str(value)

    def value(self, stored) -> int | None:
        """A stored answer as a number, or None if it does not fit the scale."""
        try:
            number = int(stored)
        except (TypeError, ValueError):
            return None
        return number if self.low <= number <= self.high else None

    def known(self, stored: str) -> bool:
        return self.value(stored) is not None

    def display(self, stored: str) -> str:
        return ""

    def summary(self, answers, org_of: dict[int, str]) -> dict:
        """Statistics for the whole group and per organisation."""
        values = [self.value(a.value) for a in answers]
        per_org = defaultdict(list)
        for answer, value in zip(answers, values, strict=True):
            per_org[org_of.get(answer.participant_id, NO_ORGANISATION)].append(value)
        return {
            "kind": "scale", "low": self.low, "high": self.high, **scale_stats(values, self.low, self.high),
            "organisations": [{"name": name, **scale_stats(per_org[name], self.low, self.high)}
                              for name in ordered(per_org)],
        }

    def describe(self) -> dict:
        return {"kind": self.name, "low": self.low, "high": self.high,
                "low_label": self.low_label, "high_label": self.high_label}


# --- the xlsx tables of scale items (exports.py writes them) -----------------------------------------------------


def tables(items: list[dict], summaries: dict, caption: str | None = None) -> list[Table]:
    """Per scale item the distribution, mean, median, sd and whether the group disagrees; then the mean per
    organisation, as on the beamer's organisation view."""
    caption = caption or _("Cijfers")
    by_range: dict[tuple, Table] = {}
    for item in items:
        summary = summaries[item["id"]]
        low, high = summary["low"], summary["high"]
        if (low, high) not in by_range:
            by_range[low, high] = Table(_("%(caption)s (%(low)s–%(high)s): verdeling", caption=caption, low=low,
                                          high=high), [
                _("vraag"), _("aantal"), *map(str, range(low, high + 1)), _("gemiddelde"), _("mediaan"),
                _("standaarddeviatie"), _("laagste"), _("hoogste"), _("verschil van inzicht")], [])
        by_range[low, high].rows.append([item["label"], summary["n"], *summary["counts"], summary["mean"],
                                         summary["median"], summary["sd"], summary["min"], summary["max"],
                                         yes_no(summary["disagree"]) if summary["n"] else ""])
    result = list(by_range.values())
    names = ordered(org["name"] for item in items for org in summaries[item["id"]]["organisations"])
    if names:  # rows the items, columns everyone and each organisation, as the beamer's organisation view
        stats = {(item["id"], org["name"]): org for item in items for org in summaries[item["id"]]["organisations"]}
        rows = []
        for item in items:
            summary = summaries[item["id"]]
            cells = [summary, *(stats.get((item["id"], name)) for name in names)]
            rows.append([item["label"], *(mean_cell(cell, summary) for cell in cells)])
        result.append(Table(_("%(caption)s: gemiddelde per organisatie", caption=caption),
                            [_("vraag"), _("iedereen"), *map(organisation_label, names)], rows))
    return result


def mean_cell(stats: dict | None, scale: dict):
    """A mean, coloured from red (the scale's low end) to green (its high end), or '–' without answers."""
    if not stats or not stats["n"]:
        return "–"
    return Shaded(stats["mean"], score_colour((stats["mean"] - scale["low"]) / (scale["high"] - scale["low"])))
