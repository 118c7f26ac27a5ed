"""Results as the phones show them, built from the beamer's aggregate: numbers per item, and of the cards only
the visible ones a phone has room for. Nothing per person: no names, no organisations, no hidden cards. The
phone words the items and options itself (in its own language), so the payload is one for the whole room."""

from .activities.base import ActivityType
from .kinds import Choice, Points, Scale, Text

PHONE_CARDS = 12  # cards per item a phone shows: the highlighted ones first, then the newest


def phone_aggregate(definition: ActivityType, aggregate: dict) -> dict:
    """Pure: the phone-sized copy of `aggregate` (what `definition.aggregate` made) for every item the phones
    may see."""
    summaries = aggregate["items"]
    if isinstance(summaries, list):  # the stoplicht layout: a row per item with a count per colour
        summaries = {row["id"]: row for row in summaries}
    items = {item.id: phone_summary(item.kind, summaries[item.id])
             for item in definition.items if definition.shown_on_phones(item) and item.id in summaries}
    return {"respondents": aggregate["respondents"], "items": items,
            **({"complete": aggregate["complete"]} if "complete" in aggregate else {})}


def phone_summary(kind, summary: dict) -> dict:
    """One item's summary without what a phone does not show (per organisation, per person)."""
    if isinstance(kind, Choice):
        counts = summary["counts"] if "counts" in summary else {o.value: summary[o.value] for o in kind.options}
        return {"kind": "choice", "counts": counts, "total": summary["total"]}
    if isinstance(kind, Scale):
        return {"kind": "scale", **{key: summary[key] for key in ("low", "high", "n", "counts", "mean", "median")}}
    if isinstance(kind, Points):
        return {"kind": "points", **{key: summary[key] for key in ("points", "total", "totals", "ranking")}}
    if isinstance(kind, Text):
        return phone_cards(summary["cards"])
    raise ValueError(f"no phone summary for {kind!r}")


def phone_cards(cards: list[dict]) -> dict:
    """The visible cards, at most PHONE_CARDS (highlighted first, then the newest) in the order they were added;
    `count` is how many visible cards there are in all."""
    visible = [card for card in cards if not card["hidden"]]
    kept = sorted(visible, key=lambda card: (card["highlighted"], card["at"], card["id"]), reverse=True)[:PHONE_CARDS]
    kept.sort(key=lambda card: (card["at"], card["id"]))
    return {"kind": "text", "count": len(visible),
            "cards": [{"id": card["id"], "text": card["text"], "highlighted": card["highlighted"]} for card in kept]}
