"""Halen en brengen: per organisation its belangen, what it wants to halen from the collaboration and what
it brings, as cards; and the slotvraag whether bijdragen and revenuen are in balance, on a scale 1–5.

Source: 'Verbeter je samenwerking: Weer Thuis in de wijk' (002), 'Werkblad: halen en brengen' (Organisatie /
Belangen / Halen / Brengen) and '‘Halen en brengen’ (opnieuw) in balans brengen'. The beamer shows the
worksheet as a matrix: organisations as rows, belangen / halen / brengen as columns, the balance beside it.
"""

from collections import defaultdict
from dataclasses import dataclass

from .base import ActivityType, Answer, Entry, Group, Item, Participant, Scale, Text
from .organisations import NO_ORGANISATION, ordered, organisation_names
from .summaries import card, scale_stats, scale_value

BALANCE = Scale(1, 5, "helemaal niet in balans", "helemaal in balans")
CARD_TEXT = dict(max_length=140, max_entries=5)

COLUMNS = (
    Item("belangen", "Belangen",
         "Wat zijn de belangen van jouw organisatie bij deze gedeelde ambitie?",
         Text(**CARD_TEXT, placeholder="bijv. minder mensen op de wachtlijst"),
         group="werkblad"),
    Item("halen", "Halen",
         "Wat wil jouw organisatie daarvoor uit de samenwerking halen?",
         Text(**CARD_TEXT, placeholder="bijv. snel een woning voor onze cliënten"),
         ("Wat heeft jouw organisatie nodig van anderen dat zij zelf niet kan realiseren?",),
         group="werkblad"),
    Item("brengen", "Brengen",
         "Wat komt jouw organisatie brengen in de samenwerking?",
         Text(**CARD_TEXT, placeholder="bijv. begeleiding na de verhuizing"),
         ("En wat stopt jouw organisatie erin?",
          "Niet alleen geld of middelen: ook energie en betrokkenheid, of lobby- of communicatiekracht."),
         group="werkblad"),
)
BALANCE_ITEM = Item(
    "balans", "In balans?",
    "Zijn de bijdragen en revenuen van jouw organisatie voldoende in balans?",
    BALANCE,
    ("Het is geen rekensom: het gaat om de algemene indruk van balans in de samenwerking.",),
    group="slotvraag")
CARD_ITEMS = tuple(item.id for item in COLUMNS)


@dataclass(frozen=True)
class HalenBrengen(ActivityType):
    """The generic per-item summaries, plus the worksheet per organisation for the beamer's matrix."""

    def aggregate(self, answers: list[Answer], participants: dict[int, Participant],
                  entries: list[Entry] = ()) -> dict:
        result = super().aggregate(answers, participants, entries)
        org_of = organisation_names(participants)
        respondents = defaultdict(set)
        cards = defaultdict(lambda: {item: [] for item in CARD_ITEMS})
        balance = defaultdict(list)
        for answer in answers:
            value = scale_value(BALANCE, answer.value) if answer.item == BALANCE_ITEM.id else None
            if value is not None:
                organisation = org_of.get(answer.participant_id, NO_ORGANISATION)
                balance[organisation].append(value)
                respondents[organisation].add(answer.participant_id)
        for entry in entries:
            if entry.item in CARD_ITEMS:
                organisation = org_of.get(entry.participant_id, NO_ORGANISATION)
                # hidden cards stay, flagged: the console shows them greyed, the beamer leaves them out
                cards[organisation][entry.item].append(card(entry, participants, org_of))
                respondents[organisation].add(entry.participant_id)
        result["organisations"] = [
            {"name": name, "respondents": len(respondents[name]), "cards": cards[name],
             "balans": {"low": BALANCE.low, "high": BALANCE.high,
                        **scale_stats(balance[name], BALANCE.low, BALANCE.high)}}
            for name in ordered(respondents)]
        return result


HALEN_BRENGEN = HalenBrengen(
    kind="halen_brengen",
    title="Halen en brengen",
    intro="Vul in voor jouw eigen organisatie: de belangen bij de gedeelde ambitie, wat jullie uit de "
          "samenwerking willen halen en wat jullie komen brengen, één punt per kaart. Sluit af met de slotvraag: "
          "zijn de bijdragen en revenuen in balans?",
    items=(*COLUMNS, BALANCE_ITEM),
    groups=(Group("werkblad", "Werkblad halen en brengen",
                  "De gedeelde ambitie is het vertrekpunt. Wat zijn de belangen van de betrokken partijen, wat "
                  "willen zij uit de samenwerking halen en wat komen zij brengen?"),
            Group("slotvraag", "De slotvraag")),
    views=(("matrix", "Per organisatie: belangen, halen, brengen en balans"),),
    source="Verbeter je samenwerking: Weer Thuis in de wijk, werkblad ‘Halen en brengen’ en de paragraaf "
           "‘Halen en brengen (opnieuw) in balans brengen’",
    per_organisation=True,
)
