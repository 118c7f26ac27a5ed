"""The stoplicht layout: items scored groen (ja), oranje (twijfelachtig), rood (nee), e.g. the twelve kritische
succesfactoren. The beamer shows bars per item, the items with the most rood first, or a heat map per organisation.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import ClassVar

from ..kinds import is_stoplicht
from ..kinds.choice import SCORE
from ..organisations import ordered, organisation_names
from .base import ActivityType, Answer, Entry, Participant

COLOURS = ("groen", "oranje", "rood")


@dataclass(frozen=True)
class Stoplicht(ActivityType):
    """A traffic-light check: every item a stoplicht."""

    layout: ClassVar[str] = "stoplicht"
    views: ClassVar[tuple[tuple[str, str], ...]] = (
        ("bars", "Per vraag"), ("priority", "Prioriteren: meeste rood eerst"), ("heatmap", "Per organisatie (heatmap)"))

    def check(self):
        if any(not is_stoplicht(item.kind) for item in self.items):
            raise ValueError("in de stoplichtweergave is elke vraag een stoplicht")

    def aggregate(self, answers: list[Answer], participants: dict[int, Participant],
                  entries: list[Entry] = ()) -> dict:
        org_of = organisation_names(participants)
        known = {item.id for item in self.items}
        answers = [a for a in answers if a.item in known and a.value in COLOURS]
        tally = Counter((org_of.get(pid, ""), item, value) for pid, item, value in answers)  # one pass, in C
        overall = {item.id: Counter() for item in self.items}
        per_org = defaultdict(lambda: {item.id: Counter() for item in self.items})
        for (organisation, item, value), count in tally.items():
            overall[item][value] += count
            per_org[organisation][item][value] = count
        respondents = {a.participant_id for a in answers}
        org_respondents = defaultdict(set)
        for pid in respondents:
            org_respondents[org_of.get(pid, "")].add(pid)
        return {
            "respondents": len(respondents),
            "items": [{"id": item.id, "label": item.label, **_counts(overall[item.id])} for item in self.items],
            "priority": self._priority(overall),
            "organisations": [
                {"name": name, "respondents": len(org_respondents[name]),
                 "items": {item_id: _cell(counter) for item_id, counter in per_org[name].items()}}
                for name in ordered(per_org)
            ],
        }

    def _priority(self, overall: dict[str, Counter]) -> list[str]:
        """Item ids with the most rood first, then the most oranje; ties keep the worksheet order."""
        position = {item.id: n for n, item in enumerate(self.items)}
        return sorted(overall, key=lambda i: (-overall[i]["rood"], -overall[i]["oranje"], position[i]))


def _counts(counter: Counter) -> dict:
    counts = {colour: counter[colour] for colour in COLOURS}
    return {**counts, "total": sum(counts.values())}


def _cell(counter: Counter) -> dict:
    """A heat-map cell: the counts and a score from 0 (all rood) to 1 (all groen), None if empty."""
    counts = _counts(counter)
    total = counts["total"]
    score = round(sum(SCORE[c] * counts[c] for c in COLOURS) / total, 3) if total else None
    return {**counts, "score": score}

