"""The motieven layout: cards with the instrumentele, affectieve and morele motieven of one's organisation, and
questions 'In hoeverre…' on a scale. Partners often connect on the affectieve and morele motieven, so the beamer
shows the kinds of motive side by side, per organisation if asked.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from flask_babel import gettext as _, lazy_gettext

from ..kinds import Scale, Text
from ..organisations import NO_ORGANISATION, ordered, organisation_names
from .base import CARD_VIEWS, ActivityType, Answer, Entry, Participant


@dataclass(frozen=True)
class Motieven(ActivityType):
    """The generic cards and scales, plus the organisations that took part, for the beamer's grouping."""

    layout: ClassVar[str] = "motieven"
    views: ClassVar[tuple[tuple[str, str], ...]] = (
        ("kolommen", lazy_gettext("Alle kaarten per soort motief")),
        ("organisaties", lazy_gettext("Per soort motief, per organisatie")),
        ("vragen", lazy_gettext("De twee vragen ‘In hoeverre…’")), *CARD_VIEWS)

    def check(self):
        kinds = {type(item.kind) for item in self.items}
        if kinds != {Text, Scale} or len(self.groups) < 2:
            raise ValueError(_("de motievenweergave wil kaarten en schalen, in twee groepen"))

    def aggregate(self, answers: list[Answer], participants: dict[int, Participant],
                  entries: list[Entry] = ()) -> dict:
        result = super().aggregate(answers, participants, entries)
        org_of = organisation_names(participants)
        motives = [item.id for item in self.items if isinstance(item.kind, Text)]
        respondents, shown = defaultdict(set), defaultdict(lambda: dict.fromkeys(motives, 0))
        for answer in self.known_answers(answers):
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

