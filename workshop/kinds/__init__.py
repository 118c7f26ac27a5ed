"""Answer kinds: how one item is answered, validated, summarised and described. Code, a module each.

Instruments (workshop/library/) say which kind each item has; adding a kind is a module here (with its xlsx
`tables`), registered in KINDS, plus its phone field (templates/kinds/<kind>.html), its beamer part
(static/js/kinds/<kind>.js) and its report section (templates/kinds/<kind>_report.html). See the README.
"""

from ..errors import WorkshopError
from .choice import STOPLICHT, Choice, Option, is_stoplicht
from .points import Points
from .scale import Scale
from .text import Text

KINDS = {kind.name: kind for kind in (Choice, Scale, Text, Points)}
# What a facilitator may write as `kind`: the kinds, and 'stoplicht', a choice of groen / oranje / rood.
KIND_NAMES = ("stoplicht", *KINDS)


def kind_from(data: dict, where: str):
    """The answer kind an item's data describes (its `kind` and that kind's fields), or a Dutch error."""
    name = data.get("kind")
    if name == "stoplicht":
        return STOPLICHT
    if not isinstance(name, str) or name not in KINDS:
        raise WorkshopError(f"{where}: kies als soort vraag een van: {', '.join(KIND_NAMES)}.", reason="invalid_kind")
    return KINDS[name].from_data(data, where)


__all__ = ["KINDS", "KIND_NAMES", "STOPLICHT", "Choice", "Option", "Points", "Scale", "Text", "is_stoplicht", "kind_from"]
