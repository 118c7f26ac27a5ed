"""The generic layout of a facilitator's own activity (and of library instruments without a view of their own):
each item drawn by its answer kind, for the whole group or per organisation."""

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from flask_babel import lazy_gettext

from ..kinds import Choice
from ..organisations import NO_ORGANISATION, ordered, organisation_names
from .base import CARD_VIEWS, ActivityType, Answer, Entry, Participant


@dataclass(frozen=True)
class Eigen(ActivityType):
    """Per item the summary of its kind; a choice also per organisation (scales and points have that already)."""

    layout: ClassVar[str] = "eigen"
    base_views: ClassVar[tuple[tuple[str, str], ...]] = (("vragen", lazy_gettext("Per vraag")),
                                                          ("organisaties", lazy_gettext("Per organisatie")))

    @property
    def views(self) -> tuple[tuple[str, str], ...]:
        """An own activity with cards has the card views too."""
        return self.base_views + (CARD_VIEWS if self.has_text else ())

    def aggregate(self, answers: list[Answer], participants: dict[int, Participant],
                  entries: list[Entry] = ()) -> dict:
        result = super().aggregate(answers, participants, entries)
        org_of = organisation_names(participants)
        answers = self.known_answers(answers)
        for item in self.items:
            if isinstance(item.kind, Choice):
                per_org = defaultdict(list)
                for answer in answers:
                    if answer.item == item.id:
                        per_org[org_of.get(answer.participant_id, NO_ORGANISATION)].append(answer)
                result["items"][item.id]["organisations"] = [
                    {"name": name, **item.kind.summary(per_org[name])} for name in ordered(per_org)]
        return result
