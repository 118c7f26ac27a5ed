"""Every registered activity type is complete: definition, answer kinds, templates, renderer, stylesheet."""

import pytest

from workshop import ROOT
from workshop.activities import ACTIVITY_TYPES, Answer, Entry, Participant, activity_type
from workshop.activities.base import Choice, Scale, Text
from workshop.errors import WorkshopError


@pytest.mark.parametrize("kind", sorted(ACTIVITY_TYPES))
def test_every_type_has_its_view_renderer_and_stylesheet(kind):
    assert (ROOT / "templates" / "activities" / kind / "_result.html").is_file()
    assert (ROOT / "static" / "js" / "results" / f"{kind}.js").is_file()
    assert (ROOT / "static" / "css" / "activities" / f"{kind}.css").is_file()


@pytest.mark.parametrize("kind", sorted(ACTIVITY_TYPES))
def test_every_item_has_an_answer_kind_and_a_unique_id(kind):
    activity = ACTIVITY_TYPES[kind]
    assert activity.views and activity.title and activity.intro and activity.source
    assert len({item.id for item in activity.items}) == len(activity.items)
    assert all(isinstance(item.kind, Choice | Scale | Text) for item in activity.items)
    groups = {group.id for group in activity.groups}
    assert all(item.group in groups for item in activity.items if item.group)


@pytest.mark.parametrize("kind", sorted(ACTIVITY_TYPES))
def test_every_type_round_trips_one_answer_of_each_item(kind):
    activity = ACTIVITY_TYPES[kind]
    answers, entries = [], []
    for n, item in enumerate(activity.items):
        if isinstance(item.kind, Text):
            entries.append(Entry(n + 1, 1, item.id, activity.clean_entry(item.id, "  Een   kaart 😀 é ")))
        else:
            value = item.kind.options[0].value if isinstance(item.kind, Choice) else item.kind.high
            answers.append(Answer(1, item.id, activity.validate(item.id, value)))
    result = activity.aggregate(answers, {1: Participant(1, "An", "Gemeente Roermond")}, entries)
    assert result["respondents"] == 1
    assert all(entry.text == "Een kaart 😀 é" for entry in entries)
    described = activity.describe()
    assert described["type"] == kind and len(described["items"]) == len(activity.items)


@pytest.mark.parametrize("kind", sorted(ACTIVITY_TYPES))
def test_every_type_aggregates_nothing_to_an_empty_result(kind):
    assert ACTIVITY_TYPES[kind].aggregate([], {}, [])["respondents"] == 0


def test_unknown_activity_type_is_a_clear_error():
    with pytest.raises(WorkshopError, match="Onbekend soort activiteit"):
        activity_type("quiz")
