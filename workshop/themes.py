"""Pure: how many cards each theme of an activity holds, as its screens and exports show it."""


def visible_cards(cards: list[dict]) -> list[dict]:
    """The cards shown as cards of their own: not hidden, not merged into another."""
    return [card for card in cards if not card["hidden"] and not card.get("merged_into")]


def weights(cards: list[dict]) -> dict[int, int]:
    """Card id -> how many cards it stands for: itself and the cards (not hidden) merged into it."""
    shown = {card["id"]: 1 for card in visible_cards(cards)}
    for card in cards:
        if not card["hidden"] and card.get("merged_into") in shown:
            shown[card["merged_into"]] += 1
    return shown


def theme_counts(themes: list[dict], cards: list[dict]) -> dict:
    """`themes`: per theme (in order) id, name and the cards in it, merged ones counted with their card;
    `unthemed`: the cards in no theme, counted the same way."""
    stands_for = weights(cards)
    counts = dict.fromkeys([theme["id"] for theme in themes], 0)
    unthemed = 0
    for card in visible_cards(cards):
        if card.get("theme_id") in counts:
            counts[card["theme_id"]] += stands_for[card["id"]]
        else:
            unthemed += stands_for[card["id"]]
    return {"themes": [{"id": theme["id"], "name": theme["name"], "count": counts[theme["id"]]} for theme in themes],
            "unthemed": unthemed}


def card_theme(card: dict, cards_by_id: dict[int, dict], names: dict[int, str]) -> str:
    """The name of the theme a card is in (a merged card: that of its card), '' for none."""
    shown = cards_by_id.get(card.get("merged_into"), card)
    return names.get(shown.get("theme_id"), "")


def all_cards(aggregate: dict) -> list[dict]:
    """Every card of an aggregate's card items."""
    return [card for summary in aggregate["items"].values() if summary.get("kind") == "text"
            for card in summary["cards"]]


def themed_cards(aggregate: dict) -> list[dict]:
    """Per theme of an aggregate (in order) its name, count and visible cards (`text`, `stands_for`: how many
    cards it stands for); empty without themes."""
    if not aggregate.get("themes"):
        return []
    cards = all_cards(aggregate)
    stands_for = weights(cards)
    return [{"name": theme["name"], "count": theme["count"],
             "cards": [{"text": card["text"], "stands_for": stands_for[card["id"]]} for card in visible_cards(cards)
                       if card.get("theme_id") == theme["id"]]}
            for theme in aggregate.get("themes", [])]
