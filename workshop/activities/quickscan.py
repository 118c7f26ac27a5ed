"""The quickscan layout: a grade per item, e.g. the five conditions of the Quick scan samenwerking. The scan exists
to exchange perspectives, so the beamer shows every grade and marks where the group disagrees.
"""

from dataclasses import dataclass
from typing import ClassVar

from flask_babel import gettext as _, lazy_gettext

from ..kinds import Scale
from .base import ActivityType


@dataclass(frozen=True)
class Quickscan(ActivityType):
    """Grades per item: their distribution, or per organisation."""

    layout: ClassVar[str] = "quickscan"
    views: ClassVar[tuple[tuple[str, str], ...]] = (("verdeling", lazy_gettext("Verdeling per conditie")),
                                                     ("organisaties", lazy_gettext("Per organisatie")))

    def check(self):
        if not all(isinstance(item.kind, Scale) for item in self.items):
            raise ValueError(_("in de quickscanweergave is elke vraag een schaal"))
