"""Kritische succesfactoren: twelve factors, each scored groen (ja), oranje (twijfelachtig), rood (nee).

Source: 'Handreiking samenwerking' (Beter samen), the table 'Kritische succesfactoren' at its end.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import partial

from .base import ActivityType, Answer, Choice, Entry, Item, Option, Participant
from .organisations import ordered, organisation_names

COLOURS = ("groen", "oranje", "rood")
TRAFFIC_LIGHT = Choice((Option("groen", "Ja", "check", "groen"),
                        Option("oranje", "Twijfelachtig", "question", "oranje"),
                        Option("rood", "Nee", "cross", "rood")))
Factor = partial(Item, kind=TRAFFIC_LIGHT)
# A heat-map cell's score: 1 = everyone says ja, 0 = everyone says nee.
SCORE = {"groen": 1.0, "oranje": 0.5, "rood": 0.0}

FACTORS = (
    Factor("visie", "(Overeenstemming over) visie en doelen",
         "Geven ze richting aan ons samenwerkingsverband, en vormen ze een leidraad voor beslissingen?"),
    Factor("durf", "Durf en pioniersgeest",
         "Kunnen we ‘omdenken’, durven we gebaande paden te verlaten voor een nog onzeker perspectief, "
         "en hebben we trekkers met lef en passie?"),
    Factor("interdependentie", "Interdependentie (bewustzijn)",
         "Hebben we elkaar nodig om de doelen te bereiken, is gelet daarop de samenstelling van ons "
         "samenwerkingsverband adequaat, zijn we ons de onderlinge afhankelijkheid ook goed bewust en "
         "gedragen we ons daar ook naar?"),
    Factor("domeinconsensus", "Domeinconsensus",
         "Is er voldoende overlap in het werk zodat samenwerken kan lonen, zijn we op de hoogte van "
         "elkaars werkgebied, betwisten we elkaars aanspraken op ieders domein niet, gunnen we de ander "
         "regie, en spreken we elkaar aan als dat nodig is?"),
    Factor("elkaar-kennen", "Elkaar kennen",
         "Hebben we zicht op elkaars werk, deskundigheid en specifieke competenties, erkennen en "
         "respecteren we die ook, en maken we daar optimaal gebruik van?"),
    Factor("onderhandelingsvermogen", "Onderhandelingsvermogen",
         "Erkennen we dat belangen legitiem zijn, dat open oog voor de belangen van de ander en "
         "duidelijkheid over de eigen belangen nodig zijn om tot resultaten te komen, kan en mag er "
         "over onderhandeld worden?"),
    Factor("middelen", "Middelen",
         "Beschikken we over de juiste en voldoende mensen en middelen in brede zin, hebben we met "
         "elkaar de competenties die nodig zijn om het doel te bereiken, zijn we adequaat en "
         "constructief op zoek naar eventuele aanvulling of verbetering van mensen en middelen (geld, ..)?"),
    Factor("structuur", "Structuur",
         "Hebben we een adequate structuur en sturing voor het samenwerkingsverband, inclusief "
         "procedures/spelregels, afspraken, overleg en besluitvorming?"),
    Factor("methodisch", "Methodisch en planmatig werken",
         "Biedt onze manier van werken voldoende garantie voor het bereiken van de doelen en geeft deze "
         "optimaal houvast aan de leden van het samenwerkingsverband, werken we systematisch aan het "
         "oplossen van problemen?"),
    Factor("vertrouwen", "Vertrouwen",
         "Realiseren we ons het belang van vertrouwen, investeren we in de groei ervan, weten we "
         "wantrouwen te signaleren en adequaat aan te pakken?"),
    Factor("klimaat", "Klimaat en sfeer",
         "Werken we constructief samen, met respect, een luisterend oor, werkelijke interesse in elkaar, "
         "in een open klimaat, waar ruimte is voor gezelligheid en ieder zichzelf kan zijn?"),
    Factor("evalueren", "Regelmatig evalueren",
         "Stappen we met enige regelmaat in de helikopter, om de zakelijke voortgang en de samenwerking "
         "kritisch te bekijken, leren we van wat we zien en nemen we waar nodig verbetermaatregelen?"),
)


@dataclass(frozen=True)
class Succesfactoren(ActivityType):
    """The traffic-light check of the twelve critical success factors."""

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


SUCCESFACTOREN = Succesfactoren(
    kind="succesfactoren",
    title="Kritische succesfactoren",
    intro="Beantwoord per factor de vraag: groen voor ‘ja’, oranje voor ‘twijfelachtig’, rood voor ‘nee’. "
          "Een ‘nee’ betekent dat er actie nodig is.",
    items=FACTORS,
    views=(("bars", "Per factor"), ("priority", "Prioriteren: meeste rood eerst"),
           ("heatmap", "Per organisatie (heatmap)")),
    source="Handreiking samenwerking (Beter samen), kritische succesfactoren",
)
