"""The halen en brengen layout: per organisation its belangen, what it wants to halen from the collaboration and
what it brings, as cards; and the slotvraag 'balans', whether bijdragen and revenuen are in balance, on a scale.
The beamer shows the worksheet as a matrix: organisations as rows, the card items as columns, the balance beside it;
or the reciprocity: per pair of organisations what one asks of the other and what the other offers it.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from flask_babel import gettext as _, lazy_gettext

from ..kinds import Scale, Text
from ..kinds.scale import scale_stats
from ..kinds.text import card
from ..organisations import NO_ORGANISATION, ordered, organisation_key, organisation_names
from .base import CARD_VIEWS, ActivityType, Answer, Entry, Participant

BALANCE = "balans"  # the item of the slotvraag
ASKS, BRINGS = "halen", "brengen"  # the card items that may name a partner organisation
PARTNER_QUESTIONS = {ASKS: lazy_gettext("Van welke organisatie hier vraag je dit? (niet verplicht)"),
                     BRINGS: lazy_gettext("Aan welke organisatie hier bied je dit aan? (niet verplicht)")}


@dataclass(frozen=True)
class HalenBrengen(ActivityType):
    """The generic per-item summaries, plus the worksheet per organisation for the beamer's matrix."""

    layout: ClassVar[str] = "halen_brengen"
    views: ClassVar[tuple[tuple[str, str], ...]] = (
        ("matrix", lazy_gettext("Per organisatie: belangen, halen, brengen en balans")),
        ("wederkerigheid", lazy_gettext("Wederkerigheid: wie vraagt wat van wie")), *CARD_VIEWS)

    def check(self):
        balance = next((item for item in self.items if item.id == BALANCE), None)
        if balance is None or not isinstance(balance.kind, Scale) or not self.card_items:
            raise ValueError(_("de weergave halen en brengen wil kaarten en een schaal ‘balans’"))

    @property
    def partner_items(self) -> dict:
        return {item: question for item, question in PARTNER_QUESTIONS.items() if item in self.card_items}

    @property
    def card_items(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items if isinstance(item.kind, Text))

    def aggregate(self, answers: list[Answer], participants: dict[int, Participant],
                  entries: list[Entry] = ()) -> dict:
        result = super().aggregate(answers, participants, entries)
        org_of = organisation_names(participants)
        balance_kind, card_items = self.item(BALANCE).kind, self.card_items
        respondents = defaultdict(set)
        cards = defaultdict(lambda: {item: [] for item in card_items})
        balance = defaultdict(list)
        for answer in answers:
            value = balance_kind.value(answer.value) if answer.item == BALANCE else None
            if value is not None:
                organisation = org_of.get(answer.participant_id, NO_ORGANISATION)
                balance[organisation].append(value)
                respondents[organisation].add(answer.participant_id)
        for entry in entries:
            if entry.item in card_items:
                organisation = org_of.get(entry.participant_id, NO_ORGANISATION)
                # hidden cards stay, flagged: the console shows them greyed, the beamer leaves them out
                cards[organisation][entry.item].append(card(entry, participants, org_of))
                respondents[organisation].add(entry.participant_id)
        result["organisations"] = [
            {"name": name, "respondents": len(respondents[name]), "cards": cards[name],
             "balans": {"low": balance_kind.low, "high": balance_kind.high,
                        **scale_stats(balance[name], balance_kind.low, balance_kind.high)}}
            for name in ordered(respondents)]
        visible = [c for row in result["organisations"] for item in self.partner_items for c in row["cards"][item]
                   if not c["hidden"]]
        result["reciprocity"] = reciprocity(visible, org_of.values())
        return result


def reciprocity(cards: list[dict], room) -> dict:
    """Pure: who asks what of whom. For every ordered pair of organisations (asker, giver) with a card between them:
    the ids of the asker's halen cards naming the giver (`asks`) and of the giver's brengen cards naming the asker
    (`brings`), flagged `matched` (both), `unmet` (asked, nobody brings) or `unasked` (offered, nobody asks).
    `organisations`: the room's and any partner named, in order; `unnamed`: the ids of cards naming nobody."""
    names = {organisation_key(name): name for name in room if name}
    asks, brings = defaultdict(list), defaultdict(list)
    unnamed = {ASKS: [], BRINGS: []}
    for card in sorted(cards, key=lambda c: c["id"]):
        own = card["organisation"]
        partner = names.get(organisation_key(card["partner"] or ""), card["partner"])  # or as stored: since left
        if not partner or own == NO_ORGANISATION:
            unnamed[card["item"]].append(card["id"])
        elif card["item"] == ASKS:
            asks[own, partner].append(card["id"])
        else:
            brings[partner, own].append(card["id"])
    organisations = ordered({*names.values(), *(name for pair in (*asks, *brings) for name in pair)})
    position = {name: number for number, name in enumerate(organisations)}
    pairs = sorted({*asks, *brings}, key=lambda pair: (position[pair[0]], position[pair[1]]))
    return {"organisations": organisations, "unnamed": unnamed,
            "pairs": [{"asker": asker, "giver": giver, "asks": asks[asker, giver], "brings": brings[asker, giver],
                       "flag": flag(asks[asker, giver], brings[asker, giver])} for asker, giver in pairs]}


def flag(asks: list, brings: list) -> str:
    if asks and brings:
        return "matched"
    return "unmet" if asks else "unasked"

