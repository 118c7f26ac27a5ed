"""Answer kind 'points' (punten verdelen): each person spreads up to `points` points over the options, e.g. to
prioritise themes. An answer is {option value: points}; it is stored as 'wonen:5,zorg:3' in the options' order.
With `per_option` it is dot voting: at most that many points (dots) on one option, and the options may be many
and long (the cards of an activity, see workshop/voting.py)."""

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from flask_babel import gettext as _, ngettext

from ..errors import WorkshopError
from ..organisations import NO_ORGANISATION, ordered, organisation_label
from ..tables import Table
from .choice import Option, options_from
from .fields import whole
from .text import MAX_LENGTH as CARD_LENGTH

MAX_POINTS = 100
MAX_DOT_OPTIONS = 200  # the cards one vote can hold


@dataclass(frozen=True)
class Points:
    options: tuple[Option, ...]
    points: int = 10
    per_option: int = 0  # dot voting: at most this many on one option (0: no limit but `points`)
    name = "points"

    @classmethod
    def from_data(cls, data: dict, where: str) -> "Points":
        points = whole(data, "points", where, 1, MAX_POINTS, default=10)
        if "per_option" not in data:
            return cls(options_from(data, where), points)
        per_option = whole(data, "per_option", where, 1, points)
        return cls(options_from(data, where, 1, MAX_DOT_OPTIONS, CARD_LENGTH), points, per_option)

    def validate(self, value) -> str:
        values = [o.value for o in self.options]
        if not isinstance(value, dict) or not all(
                isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= self.points for n in value.values()):
            raise WorkshopError(_("Verdeel je punten over de opties: per optie een geheel getal vanaf 0."),
                                reason="invalid_value")
        if not all(key in values for key in value):
            if self.per_option:
                raise WorkshopError(_("Op deze kaart kun je niet (meer) stemmen: de procesbegeleider heeft haar "
                                      "verborgen."), reason="not_an_option")
            raise WorkshopError(_("Verdeel je punten over de opties: per optie een geheel getal vanaf 0."),
                                reason="invalid_value")
        if self.per_option and max(value.values(), default=0) > self.per_option:
            raise WorkshopError(ngettext("Je mag hoogstens %(num)s stip op één kaart zetten.",
                                         "Je mag hoogstens %(num)s stippen op één kaart zetten.", self.per_option),
                                reason="too_many_on_one")
        total = sum(value.values())
        if self.per_option and not 1 <= total <= self.points:
            raise WorkshopError(ngettext("Je hebt %(num)s stip: zet er ten minste 1 en hoogstens %(num)s (nu "
                                         "%(total)s).",
                                         "Je hebt %(num)s stippen: zet er ten minste 1 en hoogstens %(num)s (nu "
                                         "%(total)s).", self.points, total=total), reason="invalid_points")
        if not 1 <= total <= self.points:
            raise WorkshopError(_("Verdeel je punten over de opties: per optie een geheel getal vanaf 0, samen ten "
                                  "minste 1 en hoogstens %(points)s punten (nu %(total)s).",
                                  points=self.points, total=total), reason="invalid_points")
        return ",".join(f"{v}:{value[v]}" for v in values if value.get(v))

    def spread(self, stored: str) -> dict[str, int]:
        """A stored answer as {option value: points}; parts that no longer fit are left out."""
        values, spread = {o.value for o in self.options}, {}
        for part in stored.split(","):
            value, _, number = part.partition(":")
            if value in values and number.isdecimal() and len(number) <= 3:
                spread[value] = int(number)
        return spread if 0 < sum(spread.values()) <= self.points else {}

    def known(self, stored: str) -> bool:
        return bool(self.spread(stored))

    def display(self, stored: str) -> str:
        labels = {o.value: o.label for o in self.options}
        return "; ".join(f"{labels[v]}: {n}" for v, n in self.spread(stored).items())

    def summary(self, answers, org_of: dict[int, str]) -> dict:
        """Points per option for the group and per organisation, and the options ranked by points."""
        totals = dict.fromkeys((o.value for o in self.options), 0)
        per_org = defaultdict(lambda: dict.fromkeys(totals, 0))
        people = defaultdict(int)
        for answer in answers:
            organisation = org_of.get(answer.participant_id, NO_ORGANISATION)
            people[organisation] += 1
            for value, number in self.spread(answer.value).items():
                totals[value] += number
                per_org[organisation][value] += number
        return {
            "kind": "points", "points": self.points, "per_option": self.per_option, "total": len(answers),
            "totals": totals,
            "ranking": self.ranking(totals),
            "organisations": [{"name": name, "total": people[name], "totals": per_org[name],
                               "ranking": self.ranking(per_org[name])} for name in ordered(people)],
        }

    def ranking(self, totals: dict[str, int]) -> list[str]:
        """Option values with the most points first; ties keep the options' order."""
        position = {o.value: n for n, o in enumerate(self.options)}
        return sorted(totals, key=lambda v: (-totals[v], position[v]))

    def describe(self) -> dict:
        described = {"kind": self.name, "options": [vars(o) for o in self.options], "points": self.points}
        return {**described, "per_option": self.per_option} if self.per_option else described

    def without(self, values: set[str]) -> "Points":
        """The same, with the options of `values` left out: votes on them no longer count or can be given."""
        return dataclasses.replace(self, options=tuple(o for o in self.options if o.value not in values))


# --- the xlsx tables of points items (exports.py writes them) ----------------------------------------------------


def tables(items: list[dict], summaries: dict) -> list[Table]:
    """Per points item its options ranked by points (the total, and per person who spread points), then the
    points per organisation in the same order."""
    result = []
    for item in items:
        summary = summaries[item["id"]]
        labels = {o["value"]: o["label"] for o in item["options"]}
        people = summary["total"]
        result.append(Table(caption(item, summary),
                            [_("rang"), _("kaart"), _("stippen"), _("gemiddeld per persoon")] if item.get("per_option")
                            else [_("rang"), _("optie"), _("punten"), _("gemiddeld per persoon")],
                            [[rank, labels[value], summary["totals"][value],
                              round(summary["totals"][value] / people, 2) if people else "–"]
                             for rank, value in enumerate(summary["ranking"], start=1)]))
        organisations = summary["organisations"]
        if organisations:
            result.append(Table(_("%(label)s: punten per organisatie, in de volgorde van de hele groep",
                                  label=item["label"]),
                                [_("optie"), *(organisation_label(org["name"]) for org in organisations)],
                                [[_("personen"), *(org["total"] for org in organisations)]]
                                + [[labels[value], *(org["totals"][value] for org in organisations)]
                                   for value in summary["ranking"]]))
    return result


def caption(item: dict, summary: dict) -> str:
    """The title of a points item's ranking: punten verdelen, or a dot vote with its maximum per card."""
    if item.get("per_option"):
        return ngettext("%(label)s: stemmen met stippen (%(points)s stippen per persoon, hoogstens %(most)s op één "
                        "kaart, %(num)s persoon)",
                        "%(label)s: stemmen met stippen (%(points)s stippen per persoon, hoogstens %(most)s op één "
                        "kaart, %(num)s personen)", summary["total"], label=item["label"], points=summary["points"],
                        most=item["per_option"])
    return ngettext("%(label)s: punten verdelen (%(points)s punten per persoon, %(num)s persoon)",
                    "%(label)s: punten verdelen (%(points)s punten per persoon, %(num)s personen)",
                    summary["total"], label=item["label"], points=summary["points"])
