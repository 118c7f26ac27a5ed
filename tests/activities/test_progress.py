"""Pure tests of the progress every aggregate carries: `complete` (every item answered, a card item with at least
one card) and, for the console, the respondents per item and per organisation — counts, never who."""

import json

import pytest

from workshop.activities import Answer, Entry, Participant
from workshop.kinds import Choice, Points, Scale, Text
from workshop.library import definition_for, instrument

OWN = {"title": "Eigen", "items": [
    {"id": "idee", "label": "Jouw idee", "kind": "text"},
    {"id": "thema", "label": "Thema's", "kind": "choice", "multiple": True, "options": ["Wonen", "Zorg"]},
    {"id": "geld", "label": "Geld", "kind": "points", "points": 10, "options": ["Wonen", "Zorg"]},
    {"id": "cijfer", "label": "Cijfer", "kind": "scale", "min": 1, "max": 5}]}
LAYOUTS = {"stoplicht": instrument("succesfactoren"), "quickscan": instrument("quickscan"),
           "motieven": instrument("motieven"), "halen_brengen": instrument("halen_brengen"),
           "netwerkleiderschap": instrument("netwerkleiderschap"), "eigen": definition_for(OWN)}
PEOPLE = {
    1: Participant(1, "Anna Geheim", "Gemeente Venlo"),
    2: Participant(2, "Bram Geheim", " gemeente  VENLO"),  # the same organisation, typed otherwise
    3: Participant(3, "Cas Geheim", "GGD Limburg"),
    4: Participant(4, "Dewi Geheim", ""),
    5: Participant(5, "Eva Geheim", "Woonstichting Noord"),  # joined, answered nothing
}


def stored_value(kind) -> str:
    """A stored answer that fits `kind`."""
    if isinstance(kind, Choice):
        return kind.options[0].value
    if isinstance(kind, Scale):
        return str(kind.low)
    assert isinstance(kind, Points)
    return f"{kind.options[0].value}:1"


def answers_to(definition, participant_id, items) -> tuple[list[Answer], list[Entry]]:
    """What one participant gave to `items`: an answer to a choice, scale or points item, a card to a text item."""
    answers, entries = [], []
    for item in items:
        if isinstance(item.kind, Text):
            entries.append(Entry(100 * participant_id + len(entries), participant_id, item.id, "Een kaart"))
        else:
            answers.append(Answer(participant_id, item.id, stored_value(item.kind)))
    return answers, entries


def room(definition):
    """Anna answered every item, Bram all but the last, Cas only the first, Dewi all (no organisation), Eva none."""
    items = definition.items
    answers, entries = [], []
    for pid, given in ((1, items), (2, items[:-1]), (3, items[:1]), (4, items)):
        more_answers, more_entries = answers_to(definition, pid, given)
        answers += more_answers
        entries += more_entries
    return answers, entries


@pytest.mark.parametrize("layout", LAYOUTS)
def test_complete_counts_who_answered_every_item_next_to_the_respondents(layout):
    definition = LAYOUTS[layout]
    answers, entries = room(definition)
    result = definition.result(answers, PEOPLE, entries)
    assert (result["respondents"], result["complete"]) == (4, 2)
    assert result.keys() >= definition.aggregate(answers, PEOPLE, entries).keys()  # the layout's own fields stay
    first, *middle, last = (item.id for item in definition.items)
    assert result["progress"]["items"] == {first: 4, **dict.fromkeys(middle, 3), last: 2}
    assert result["progress"]["organisations"] == [
        {"name": "Gemeente Venlo", "participants": 2, "respondents": 2, "complete": 1},
        {"name": "GGD Limburg", "participants": 1, "respondents": 1, "complete": 0},
        {"name": "Woonstichting Noord", "participants": 1, "respondents": 0, "complete": 0},
        {"name": "", "participants": 1, "respondents": 1, "complete": 1},  # without an organisation, last
    ]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_progress_names_organisations_never_people(layout):
    definition = LAYOUTS[layout]
    answers, entries = room(definition)
    progress = json.dumps(definition.progress(answers, PEOPLE, entries))
    assert "Geheim" not in progress and '"id"' not in progress


@pytest.mark.parametrize("layout", LAYOUTS)
def test_nobody_has_answered_yet(layout):
    definition = LAYOUTS[layout]
    result = definition.result([], PEOPLE, [])
    assert (result["respondents"], result["complete"]) == (0, 0)
    assert set(result["progress"]["items"].values()) == {0}
    assert [o["respondents"] for o in result["progress"]["organisations"]] == [0, 0, 0, 0]


def test_a_card_item_counts_once_however_many_cards_and_hidden_ones_count():
    definition = LAYOUTS["motieven"]
    answers, entries = answers_to(definition, 1, definition.items)
    card_item = next(item.id for item in definition.items if isinstance(item.kind, Text))
    for n in range(3):
        entries.append(Entry(900 + n, 3, card_item, "Nog een", hidden=n == 1))
    progress = definition.progress(answers, PEOPLE, entries)
    assert progress["progress"]["items"][card_item] == 2
    assert progress["complete"] == 1
    hidden_only = [Entry(e.id, e.participant_id, e.item, e.text, hidden=True) for e in entries]
    assert definition.progress(answers, PEOPLE, hidden_only)["complete"] == 1  # the beamer leaves it out, it is given


def test_what_does_not_fit_an_item_answers_nothing():
    """An answer whose option is gone, to an unknown item, or a card on a choice item does not count."""
    definition = LAYOUTS["stoplicht"]
    answers, _ = answers_to(definition, 1, definition.items)
    first, second = definition.items[0].id, definition.items[1].id
    answers[0] = Answer(1, first, "paars")
    odd = [Answer(2, "verdwenen", "groen"), Answer(3, first, "")]
    cards = [Entry(1, 4, second, "Een kaart bij een stoplicht")]
    result = definition.result(answers + odd, PEOPLE, cards)
    assert (result["respondents"], result["complete"]) == (1, 0)
    assert result["progress"]["items"][first] == 0 and result["progress"]["items"][second] == 1


def test_an_empty_choice_of_several_is_an_answer_as_the_phone_counts_it():
    """Unticking every option of a choice of several stores '': the phone counts the item as answered, so does
    the progress."""
    definition = LAYOUTS["eigen"]
    answers, entries = answers_to(definition, 1, definition.items)
    answers = [Answer(1, "thema", "") if a.item == "thema" else a for a in answers]
    assert definition.progress(answers, PEOPLE, entries)["complete"] == 1


def test_an_organisation_is_listed_even_if_its_participants_are_not_known():
    """A participant missing from `participants` (not yet read) still counts, without an organisation."""
    definition = LAYOUTS["quickscan"]
    answers, _ = answers_to(definition, 9, definition.items)
    progress = definition.progress(answers, {}, [])
    assert progress["complete"] == 1
    assert progress["progress"]["organisations"] == [{"name": "", "participants": 0, "respondents": 1,
                                                     "complete": 1}]
