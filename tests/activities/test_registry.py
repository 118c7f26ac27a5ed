"""Every layout has its templates, renderer and stylesheet; every library instrument is complete and round-trips."""

import pytest

from workshop import ROOT
from workshop.activities import LAYOUTS, Answer, Entry, Participant
from workshop.library import INSTRUMENTS, instrument
from workshop.kinds import Choice, Points, Scale, Text
from workshop.errors import WorkshopError


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_has_its_views_templates_renderer_and_stylesheet(layout):
    assert LAYOUTS[layout].views
    for template in ("_result.html", "_report.html"):
        assert (ROOT / "templates" / "activities" / layout / template).is_file()
    assert (ROOT / "static" / "js" / "results" / f"{layout}.js").is_file()
    assert (ROOT / "static" / "css" / "activities" / f"{layout}.css").is_file()


@pytest.mark.parametrize("kind", sorted(INSTRUMENTS))
def test_every_item_has_an_answer_kind_and_a_unique_id(kind):
    activity = INSTRUMENTS[kind]
    assert activity.views and activity.title and activity.intro and activity.source
    assert len({item.id for item in activity.items}) == len(activity.items)
    assert all(isinstance(item.kind, Choice | Scale | Text | Points) for item in activity.items)
    groups = {group.id for group in activity.groups}
    assert all(item.group in groups for item in activity.items if item.group)


@pytest.mark.parametrize("kind", sorted(INSTRUMENTS))
def test_every_type_round_trips_one_answer_of_each_item(kind):
    activity = INSTRUMENTS[kind]
    answers, entries = [], []
    for n, item in enumerate(activity.items):
        if isinstance(item.kind, Text):
            entries.append(Entry(n + 1, 1, item.id, activity.clean_entry(item.id, "  Een   kaart 😀 é ")))
        else:
            answers.append(Answer(1, item.id, activity.validate(item.id, one_answer(item.kind))))
    result = activity.aggregate(answers, {1: Participant(1, "An", "Gemeente Roermond")}, entries)
    assert result["respondents"] == 1
    assert all(entry.text == "Een kaart 😀 é" for entry in entries)
    described = activity.describe()
    assert described["type"] == kind and len(described["items"]) == len(activity.items)


def one_answer(kind):
    """A valid answer of a choice, points or scale item: the first option (all points on it), or the highest."""
    if isinstance(kind, Points):
        return {kind.options[0].value: kind.points}
    if isinstance(kind, Choice):
        return [kind.options[0].value] if kind.multiple else kind.options[0].value
    return kind.high


@pytest.mark.parametrize("kind", sorted(INSTRUMENTS))
def test_every_type_aggregates_nothing_to_an_empty_result(kind):
    assert INSTRUMENTS[kind].aggregate([], {}, [])["respondents"] == 0


def test_unknown_activity_type_is_a_clear_error():
    with pytest.raises(WorkshopError, match="Onbekend soort activiteit"):
        instrument("quiz")
