"""Pure: what changed between two measurements of the same items (two rounds in a session, or two sessions of a
network). A measurement is summarised per item as a *brief* that does not depend on the layout: for a scale the
mean, for a choice (stoplicht included) the share of each option; the shift is the difference of those.

A brief: scale `{"kind": "scale", "n", "mean", "low", "high"}`; choice `{"kind": "choice", "n", "counts",
"shares"}` (shares of the `n` people who answered, 0–1, three decimals; with several choices allowed they may add
up to more than 1). Free text and points have no brief: they are not compared.
"""

import statistics
from collections import defaultdict

from .kinds import Choice, Scale
from .kinds.choice import SCORE
from .organisations import NO_ORGANISATION, ordered, organisation_names


def brief_of(kind, values: list[str]) -> dict | None:
    """The brief of one item's stored answers (`values`), or None for a kind that is not compared."""
    if isinstance(kind, Scale):
        numbers = [n for n in map(kind.value, values) if n is not None]
        mean = round(statistics.fmean(numbers), 2) if numbers else None
        return {"kind": "scale", "n": len(numbers), "mean": mean, "low": kind.low, "high": kind.high}
    if isinstance(kind, Choice):
        answered = [kind.chosen(v) for v in values if kind.known(v)]
        counts = {o.value: sum(o.value in chosen for chosen in answered) for o in kind.options}
        n = len(answered)
        return {"kind": "choice", "n": n, "counts": counts,
                "shares": {value: round(count / n, 3) if n else None for value, count in counts.items()}}
    return None


def briefs(definition, answers, participants) -> dict:
    """Every compared item's brief for the whole room and per organisation (as the results name them):
    `{"items": {item id: brief}, "organisations": [{"name", "items": {item id: brief}}]}`. `answers` are
    `Answer`s, `participants` `Participant`s by id."""
    org_of = organisation_names(participants)
    compared = {item.id: item.kind for item in definition.items if isinstance(item.kind, (Scale, Choice))}
    values, per_org = defaultdict(list), defaultdict(lambda: defaultdict(list))
    for answer in answers:
        if answer.item in compared:
            values[answer.item].append(answer.value)
            per_org[org_of.get(answer.participant_id, NO_ORGANISATION)][answer.item].append(answer.value)
    return {"items": {item: brief_of(kind, values[item]) for item, kind in compared.items()},
            "organisations": [{"name": name, "items": {item: brief_of(kind, per_org[name][item])
                                                       for item, kind in compared.items()}}
                              for name in ordered(per_org)]}


def shift(before: dict | None, after: dict | None) -> dict | None:
    """The change from `before` to `after` (briefs of one item), None unless both were answered. A scale:
    `{"mean": Δ}`, the difference of the means as shown (so the numbers on a screen add up); a choice: `{"shares":
    {option: Δ}}`, computed from the counts."""
    if not before or not after or not before["n"] or not after["n"] or before["kind"] != after["kind"]:
        return None
    if before["kind"] == "scale":
        return {"mean": round(after["mean"] - before["mean"], 2)}
    return {"shares": {option: round(after["counts"][option] / after["n"] - count / before["n"], 3)
                       for option, count in before["counts"].items() if option in after["counts"]}}


def movement(change: dict | None, brief: dict) -> float:
    """How far an item moved, 0–1, comparable across kinds: a scale's change in mean as a part of its width, a
    choice's largest change in an option's share. 0 without a shift."""
    if not change:
        return 0.0
    if "mean" in change:
        return abs(change["mean"]) / (brief["high"] - brief["low"])
    return max(map(abs, change["shares"].values()), default=0.0)


def compare(before: dict, after: dict) -> dict:
    """Two measurements (`briefs`) side by side: per item the earlier and current brief and the shift, the items
    that moved most first in `order` (ties keep the items' order); the same per organisation that occurs in
    either. An item or organisation in one measurement only has None for the other and no shift."""
    earlier, current = _by_name(before), _by_name(after)
    return {**_side_by_side(before["items"], after["items"]),
            "organisations": [{"name": name, **_side_by_side(earlier.get(name, {}), current.get(name, {}))}
                              for name in ordered(earlier.keys() | current.keys())]}


def _by_name(measurement: dict) -> dict[str, dict]:
    return {organisation["name"]: organisation["items"] for organisation in measurement["organisations"]}


def _side_by_side(before: dict, after: dict) -> dict:
    ids = list(dict.fromkeys([*before, *after]))
    items = {}
    for item in ids:
        earlier, current = before.get(item), after.get(item)
        change = shift(earlier, current)
        items[item] = {"before": earlier, "after": current, "shift": change,
                       "movement": round(movement(change, current or earlier), 3)}
    order = sorted(ids, key=lambda item: -items[item]["movement"])  # sorted() is stable: ties keep the order
    return {"items": items, "order": order}


def score(brief: dict, tones: dict[str, str]) -> float | None:
    """A choice brief's score by its options' tones (`tones`: option value -> tone), 0–1: groen 1, oranje 0.5,
    rood 0 for each option chosen. None without toned options or without answers for them."""
    weights = {option: SCORE[tone] for option, tone in tones.items() if tone in SCORE}
    chosen = sum(brief["counts"].get(option, 0) for option in weights)
    if not chosen:
        return None
    return sum(weight * brief["counts"].get(option, 0) for option, weight in weights.items()) / chosen


def gain(before: dict | None, after: dict | None, tones: dict[str, str] | None = None) -> float | None:
    """How much better `after` is than `before` (briefs of one item), -1 to 1, comparable across kinds: a scale's
    change in mean as a part of its width (higher is better, as with grades), a choice's change in score by the
    tones of its options (more groen and less rood is better). Positive is an improvement, negative a decline.
    None when there is no direction: not answered in both, or a choice without tones (it can only have moved)."""
    change = shift(before, after)
    if change is None:
        return None
    if "mean" in change:
        return round(change["mean"] / (after["high"] - after["low"]), 3)
    earlier, current = score(before, tones or {}), score(after, tones or {})
    return None if earlier is None or current is None else round(current - earlier, 3)
