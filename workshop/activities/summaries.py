"""Pure summaries of one item's answers, by answer kind: counts, grade statistics, cards."""

import statistics
from collections import Counter, defaultdict

from .organisations import NO_ORGANISATION, ordered

# The group disagrees when the standard deviation is at least 2/9 of the scale's width:
# 2 points on a grade 1–10, 0.89 on a scale 1–5. Fewer than 3 answers never count as disagreement.
DISAGREEMENT = 2 / 9
MIN_FOR_DISAGREEMENT = 3


def scale_value(kind, value) -> int | None:
    """A stored scale answer as a number, or None if it does not fit the scale."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if kind.low <= number <= kind.high else None


def choice_summary(kind, answers) -> dict:
    """How often each option was chosen."""
    counts = Counter(a.value for a in answers)
    return {"kind": "choice", "counts": {o.value: counts[o.value] for o in kind.options}, "total": len(answers)}


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


def scale_summary(kind, answers, org_of: dict[int, str]) -> dict:
    """Statistics of a scale item for the whole group and per organisation."""
    values = [scale_value(kind, a.value) for a in answers]
    per_org = defaultdict(list)
    for answer, value in zip(answers, values, strict=True):
        per_org[org_of.get(answer.participant_id, NO_ORGANISATION)].append(value)
    return {
        "kind": "scale", "low": kind.low, "high": kind.high, **scale_stats(values, kind.low, kind.high),
        "organisations": [{"name": name, **scale_stats(per_org[name], kind.low, kind.high)}
                          for name in ordered(per_org)],
    }


def card(entry, participants, org_of: dict[int, str]) -> dict:
    """A free-text card as screens show it; the page decides whether the name is shown."""
    person = participants.get(entry.participant_id)
    return {
        "id": entry.id, "item": entry.item, "text": entry.text,
        "organisation": org_of.get(entry.participant_id, NO_ORGANISATION),
        "name": person.name if person else "",
        "at": entry.at, "edited": entry.edited, "hidden": entry.hidden, "highlighted": entry.highlighted,
    }
