"""Card walls by delta: a screen gets an activity's cards once, then only the cards that changed. The live
aggregates go out without their lists of cards, so their size does not grow with the wall; each screen puts its
own cards back (static/js/results/card-store.js) in the same places."""


def without_cards(aggregate: dict) -> dict:
    """`aggregate` with each list of cards emptied: the items' `cards`, and the organisations' `cards` per item
    (halen en brengen; motieven count cards there, which stay)."""
    items = aggregate.get("items")
    if isinstance(items, dict):  # a layout of its own may list its items instead, without cards
        items = {item: {**summary, "cards": []} if isinstance(summary.get("cards"), list) else summary
                 for item, summary in items.items()}
    result = {**aggregate, "items": items}
    if isinstance(aggregate.get("organisations"), list):
        result["organisations"] = [{**org, "cards": {item: [] for item in org["cards"]}}
                                   if has_card_lists(org) else org for org in aggregate["organisations"]]
    return result


def has_card_lists(organisation: dict) -> bool:
    cards = organisation.get("cards")
    return isinstance(cards, dict) and any(isinstance(listed, list) for listed in cards.values())


def delta(since: int, version: int, cards: list[dict], deleted: list[int], full: bool = False) -> dict:
    """What a screen at version `since` applies to reach `version`; `full`: `cards` is the whole wall."""
    return {"from": since, "to": version, "cards": cards, "deleted": deleted, "full": full}
