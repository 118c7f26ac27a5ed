"""Motieven van samenwerkingspartners: cards with the instrumentele, affectieve and morele motieven of
one's organisation, and two questions 'In hoeverre…' on a scale 1–5.

Source: 'Verbeter je samenwerking: Weer Thuis in de wijk' (002), 'Werkblad: motieven van
samenwerkingspartners' (de Caluwé & Kaats, 2019); the theme 'Is het duidelijk waarom we dit doen? Zijn de
motieven op tafel?' of 'Samenwerken in het sociaal domein' (004). Partners often connect on the affectieve
and morele motieven, so the beamer shows the three kinds side by side, per organisation if asked.
"""

from collections import defaultdict
from dataclasses import dataclass

from .base import ActivityType, Answer, Entry, Group, Item, Participant, Scale, Text
from .organisations import NO_ORGANISATION, ordered, organisation_names

EXTENT = Scale(1, 5, "in zeer geringe mate", "in zeer grote mate")
MOTIVE_TEXT = dict(max_length=140, max_entries=5)

MOTIVES = (
    Item("instrumenteel", "Instrumentele motieven",
         "Meedoen vanwege belangen: maatschappelijke, organisatie- en persoonlijke belangen.",
         Text(**MOTIVE_TEXT, placeholder="bijv. minder wachtlijsten, kosten beheersen"),
         ("Welke doelen, belangen of eigen strategische keuzes van de samenwerkingspartners spelen een rol?",),
         group="motieven"),
    Item("affectief", "Affectieve motieven",
         "Meedoen omdat je je solidair voelt met de andere partijen.",
         Text(**MOTIVE_TEXT, placeholder="bijv. ons netwerk in de wijk, loyaal aan de zorgpartners"),
         ("Van welke gemeenschappen of netwerken voelen de samenwerkingspartners zich onderdeel?",
          "Naar welke samenwerkingspartners of netwerken voelen de samenwerkingspartners zich (nog meer) "
          "loyaal of solidair?"),
         group="motieven"),
    Item("moreel", "Morele motieven",
         "Een bijdrage leveren omdat je waarden- en normenbesef je daartoe oproept.",
         Text(**MOTIVE_TEXT, placeholder="bijv. iedereen verdient een thuis in de wijk"),
         ("Welke normen, waarden of idealen worden door de samenwerkingspartners nagestreefd?",),
         group="motieven"),
)
QUESTIONS = (
    Item("bekend", "Bekend met elkaars motieven",
         "In hoeverre zijn de samenwerkingspartners bekend met elkaars motieven of drijfveren?",
         EXTENT, group="op-tafel"),
    Item("vertalen", "Motieven vertalen naar activiteiten",
         "In hoeverre zijn de samenwerkingspartners in staat om de motieven en drijfveren te vertalen naar "
         "activiteiten of interventies die maken dat deelname logisch of aantrekkelijk is?",
         EXTENT, group="op-tafel"),
)


@dataclass(frozen=True)
class Motieven(ActivityType):
    """The generic cards and scales, plus the organisations that took part, for the beamer's grouping."""

    def aggregate(self, answers: list[Answer], participants: dict[int, Participant],
                  entries: list[Entry] = ()) -> dict:
        result = super().aggregate(answers, participants, entries)
        org_of = organisation_names(participants)
        motives = [item.id for item in self.items if isinstance(item.kind, Text)]
        respondents, shown = defaultdict(set), defaultdict(lambda: dict.fromkeys(motives, 0))
        kinds = {item.id: item.kind for item in self.items}
        for answer in answers:
            if answer.item in kinds and self._known(kinds[answer.item], answer.value):
                respondents[org_of.get(answer.participant_id, NO_ORGANISATION)].add(answer.participant_id)
        for entry in entries:
            if entry.item in motives:
                organisation = org_of.get(entry.participant_id, NO_ORGANISATION)
                respondents[organisation].add(entry.participant_id)
                counts = shown[organisation]  # an organisation whose cards are all hidden still counts zeros
                if not entry.hidden:
                    counts[entry.item] += 1
        result["organisations"] = [{"name": name, "respondents": len(respondents[name]), "cards": shown[name]}
                                   for name in ordered(respondents)]
        return result


MOTIEVEN = Motieven(
    kind="motieven",
    title="Motieven van samenwerkingspartners",
    intro="Schrijf per soort motief op wat voor jouw organisatie meespeelt: één motief per kaart. Beantwoord "
          "daarna de twee vragen ‘In hoeverre…’ over alle samenwerkingspartners.",
    items=MOTIVES + QUESTIONS,
    groups=(Group("motieven", "Motieven en drijfveren",
                  "Welke motieven of drijfveren zien we bij de samenwerkingspartners vertegenwoordigd?"),
            Group("op-tafel", "Zijn de motieven op tafel?")),
    views=(("kolommen", "Alle kaarten per soort motief"), ("organisaties", "Per soort motief, per organisatie"),
           ("vragen", "De twee vragen ‘In hoeverre…’")),
    source="Verbeter je samenwerking: Weer Thuis in de wijk, werkblad ‘Motieven van samenwerkingspartners’ "
           "(de Caluwé & Kaats, 2019)",
    per_organisation=True,
)
