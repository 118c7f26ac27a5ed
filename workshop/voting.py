"""Dot voting on cards: the facilitator turns the visible cards of an activity into a vote of its own, an own
activity with one points item whose options are the cards (at most `per_option` dots on one), put in the agenda
right after its source and on the phones. A vote is on the cards (`on: "cards"`, the default) or on the themes the
cards were grouped into (`on: "themes"`). A card hidden, deleted or merged into another later, or a theme deleted,
leaves the vote: its dots no longer count and no phone can give it more. What a vote is on comes from `_candidates`.
No Flask here; `Workshops` (sessions.py) mixes this in."""

from flask_babel import force_locale, gettext as _

from .errors import WorkshopError
from .kinds import Points
from .kinds.fields import LABEL_LENGTH
from .kinds.points import MAX_DOT_OPTIONS
from .stored import definition_of
from .whole import is_whole

MAX_DOTS = 20
VOTE_ITEM = "stippen"
ON = ("cards", "themes")  # what a vote can be on
THEME_PREFIX = "t"  # the options of a vote on themes: 't' and the theme's id; on cards 'k' and the card's id


def option_value(entry_id: int) -> str:
    """A card as an option of a vote: 'k' and the card's id."""
    return f"k{entry_id}"


def theme_option_value(theme_id: int) -> str:
    return f"{THEME_PREFIX}{theme_id}"


def voted_on(option_values) -> str:
    """Pure: what a vote with these options is on, "cards" or "themes"."""
    return "themes" if any(value.startswith(THEME_PREFIX) for value in option_values) else "cards"


def vote_spec(title: str, candidates: list[dict], dots: int, per_card: int, on: str = "cards") -> dict:
    """The own activity of a vote on `candidates` (each {value, label}), cards or themes (`on`), in the words of the
    current locale."""
    title = _("Stemmen: %(title)s", title=title)
    if on == "themes":
        intro = _("Zet je stippen op de thema's die voor jou het belangrijkst zijn.")
        question = _("Verdeel %(dots)s stippen over de thema's, hoogstens %(most)s op één thema.", dots=dots,
                     most=per_card)
    else:
        intro = _("Zet je stippen op de kaarten die voor jou het belangrijkst zijn.")
        question = _("Verdeel %(dots)s stippen over de kaarten, hoogstens %(most)s op één kaart.", dots=dots,
                     most=per_card)
    return {"title": title if len(title) <= LABEL_LENGTH else title[:LABEL_LENGTH - 1] + "…", "intro": intro,
            "items": [{"id": VOTE_ITEM, "label": _("Actiepunten"), "kind": "points", "points": dots,
                       "per_option": per_card, "question": question, "options": candidates}]}


def left_out(option_values, still: set[str]) -> str:
    """Pure: the options of a vote that are no longer candidates (not in `still`), as stored (joined by commas)."""
    return ",".join(value for value in option_values if value not in still)


class Voting:
    """The use cases of dot voting; they need `store`, `_activity`, `add_activity`, `_open_alone` and
    `language` of the class that mixes them in."""

    def _start_voting(self, code, _action, fields):
        """start_voting {activity_id, dots, max_per_card, on?}: a vote on the visible cards of that activity (or, with
        `on: "themes"`, on its themes), after it in the agenda, open and on the phones (other open activities
        closed, unless `keep_open`)."""
        source = self._activity(code, fields.get("activity_id"))
        dots, per_card = fields.get("dots"), fields.get("max_per_card")
        if not is_whole(dots, 1, MAX_DOTS):
            raise WorkshopError(_("Kies 1 tot en met %(n)s stippen per deelnemer.", n=MAX_DOTS), reason="invalid_dots")
        if not is_whole(per_card, 1, dots):
            raise WorkshopError(_("Kies per kaart hoogstens 1 tot en met %(n)s stippen (niet meer dan iedereen heeft).",
                                  n=dots), reason="invalid_max_per_card")
        on = fields.get("on", "cards")
        if not isinstance(on, str) or on not in ON:
            raise WorkshopError(_("Kies of de stemming over de kaarten of over de thema's gaat."), reason="invalid_on")
        if not definition_of(source).has_text:
            raise WorkshopError(_("Deze activiteit heeft geen kaarten om op te stemmen."), reason="no_cards")
        candidates = self._candidates(code, source["id"], on)
        if on == "themes" and not candidates:
            raise WorkshopError(_("Deze activiteit heeft nog geen thema's om op te stemmen. Maak eerst thema's en deel "
                                  "de kaarten in, of stem op de kaarten zelf."), status=409, reason="no_themes")
        if not candidates:
            raise WorkshopError(_("Deze activiteit heeft nog geen zichtbare kaarten om op te stemmen."), status=409,
                                reason="no_cards")
        if len(candidates) > MAX_DOT_OPTIONS:
            raise WorkshopError(_("Een stemming kan over hoogstens %(n)s kaarten gaan. Verberg eerst kaarten die "
                                  "dubbel zijn of niet meedoen.", n=MAX_DOT_OPTIONS), status=409,
                                reason="too_many_cards")
        keep_open = fields.get("keep_open", False)
        if not isinstance(keep_open, bool):
            raise WorkshopError(_("Geef bij keep_open waar of onwaar op."), reason="invalid_keep_open")
        with force_locale(self.language(code)):  # the vote's words are those of the session's screens
            spec = vote_spec(source["title"], candidates, dots, per_card, on)
        added = self.add_activity(code, spec)
        self.store.update_activity(code, added["id"], source_activity=source["id"])
        order = [a["id"] for a in self.store.activities(code) if a["id"] != added["id"]]
        order.insert(order.index(source["id"]) + 1, added["id"])
        self.store.set_positions(code, order)
        self._open_alone(code, added["id"], keep_open)
        self.store.set_current_activity(code, added["id"])

    def votes_changed(self, code, source_id) -> list[int]:
        """After a card of `source_id` was hidden, shown again, deleted or merged, or one of its themes deleted:
        bring its votes up to date; the ids of the votes whose options changed."""
        votes = [a for a in self.store.activities(code) if a["source_activity"] == source_id]
        changed = []
        for vote in votes:
            options = [o.value for item in definition_of({"definition": vote["definition"]}).items
                       if isinstance(item.kind, Points) for o in item.kind.options]
            still = {candidate["value"] for candidate in self._candidates(code, source_id, voted_on(options))}
            hidden = left_out(options, still)
            if hidden != vote["voting_hidden"]:
                self.store.update_activity(code, vote["id"], voting_hidden=hidden)
                changed.append(vote["id"])
        return changed

    def _candidates(self, code, source_id, on: str) -> list[dict]:
        """What a vote on activity `source_id` can be on now, as options {value, label}: its visible cards (not
        those merged into another: that one stands for them), or its themes."""
        if on == "themes":
            return [{"value": theme_option_value(theme["id"]), "label": theme["name"]}
                    for theme in self.store.themes(code, source_id)]
        return [{"value": option_value(entry["id"]), "label": entry["text"]}
                for entry in self.store.entries(code, activity_id=source_id)
                if not entry["hidden"] and not entry["merged_into"]]
