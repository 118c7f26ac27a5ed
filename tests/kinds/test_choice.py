"""Answer kind 'choice', with one answer and with several (`multiple`): validation, what is known, labels,
summaries (for the group and per organisation, through the eigen layout) and its xlsx tables."""

import pytest

from workshop.activities import Answer, Participant
from workshop.errors import WorkshopError
from workshop.kinds import STOPLICHT, Choice, kind_from
from workshop.kinds import choice as choice_kind
from workshop.library import definition_for
from workshop.tables import Shaded

THEMES = kind_from({"kind": "choice", "multiple": True, "options": ["Wonen", "Zorg", "Werk"]}, "test")


def test_several_are_stored_in_the_options_order_once_each():
    assert THEMES.validate(["werk", "wonen"]) == "wonen,werk"
    assert THEMES.validate(["zorg", "zorg"]) == "zorg"
    assert THEMES.validate([]) == ""


@pytest.mark.parametrize("value", ["wonen", "wonen,zorg", ["onbekend"], ["wonen", 1], [["wonen"]],
                                   [{"wonen": 1}], {"wonen": True}, [True], [None], None, 7, 2**64,
                                   ["wonen"] * 4, ["Wonen"]])
def test_several_refuse_anything_but_a_short_list_of_option_values(value):
    with pytest.raises(WorkshopError) as refused:
        THEMES.validate(value)
    assert refused.value.reason == "invalid_value"
    assert "Kies" in refused.value.message


@pytest.mark.parametrize("value", [["groen"], True, 1, None, {"groen": 1}, "Groen", "groen,rood", "", 2**70])
def test_one_answer_refuses_lists_bools_numbers_and_unknown_options(value):
    with pytest.raises(WorkshopError) as refused:
        STOPLICHT.validate(value)
    assert refused.value.reason == "invalid_value"
    assert refused.value.message == "Kies een van: ‘Ja’, ‘Twijfelachtig’, ‘Nee’."


def test_known_and_display_read_what_is_stored():
    assert THEMES.known("wonen,werk") and THEMES.known("")  # nothing chosen is an answer too
    assert not THEMES.known("weg,ook-weg")
    assert THEMES.display("wonen,werk") == "Wonen; Werk"
    assert THEMES.display("wonen,weg") == "Wonen"  # an option no longer there is left out
    assert STOPLICHT.display("rood") == "Nee"
    assert not STOPLICHT.known("") and not STOPLICHT.known("groen,rood")


def test_summary_counts_every_chosen_option_and_the_people():
    answers = [Answer(1, "t", "wonen,zorg"), Answer(2, "t", "wonen"), Answer(3, "t", "")]
    assert THEMES.summary(answers) == {"kind": "choice", "counts": {"wonen": 2, "zorg": 1, "werk": 0}, "total": 3}


def test_the_eigen_layout_adds_the_counts_per_organisation():
    definition = definition_for({"title": "T", "items": [
        {"id": "t", "label": "Thema's", "kind": "choice", "multiple": True, "options": ["Wonen", "Zorg", "Werk"]},
        {"id": "s", "label": "Stoplicht", "kind": "stoplicht"}]})
    people = {1: Participant(1, "A", "Gemeente Venlo"), 2: Participant(2, "B", "gemeente venlo"),
              3: Participant(3, "C", "")}
    answers = [Answer(1, "t", "wonen,zorg"), Answer(2, "t", "zorg"), Answer(3, "t", "werk"), Answer(1, "s", "rood")]
    summary = definition.aggregate(answers, people)["items"]["t"]
    assert summary["organisations"] == [
        {"name": "Gemeente Venlo", "kind": "choice", "counts": {"wonen": 1, "zorg": 2, "werk": 0}, "total": 2},
        {"name": "", "kind": "choice", "counts": {"wonen": 0, "zorg": 0, "werk": 1}, "total": 1}]


def test_tables_count_per_option_then_per_organisation_with_a_heat_map_for_stoplicht():
    items = [{"id": "s", "label": "Draagvlak?", **STOPLICHT.describe()},
             {"id": "t", "label": "Thema's", **THEMES.describe()}]
    summaries = {
        "s": {"counts": {"groen": 1, "oranje": 0, "rood": 1}, "total": 2, "organisations": [
            {"name": "Venlo", "counts": {"groen": 1, "oranje": 0, "rood": 0}, "total": 1},
            {"name": "Zorg", "counts": {"groen": 0, "oranje": 0, "rood": 1}, "total": 1}]},
        "t": {"counts": {"wonen": 2, "zorg": 0, "werk": 1}, "total": 2, "organisations": [
            {"name": "Venlo", "counts": {"wonen": 1, "zorg": 0, "werk": 1}, "total": 1}]}}
    counts, heat, several, per_org = choice_kind.tables(items, summaries)
    assert counts.headers == ["vraag", "Ja", "Twijfelachtig", "Nee", "totaal"]
    assert counts.rows == [["Draagvlak?", 1, 0, 1, 2]]
    assert heat.headers == ["vraag", "Venlo", "Zorg"]
    [[label, venlo, zorg]] = heat.rows
    assert (label, venlo.value, zorg.value) == ("Draagvlak?", "1 / 0 / 0", "0 / 0 / 1")
    assert isinstance(venlo, Shaded) and venlo.colour != zorg.colour
    assert "meer dan één keuze" in several.caption and several.rows == [["Thema's", 2, 0, 1, 2]]
    assert per_org.rows == [["Thema's", "Venlo", 1, 0, 1, 1]]


def test_a_definition_refuses_a_multiple_that_is_not_true_or_false():
    with pytest.raises(WorkshopError) as refused:
        Choice.from_data({"options": ["a", "b"], "multiple": "ja"}, "Vraag 1")
    assert refused.value.reason == "invalid_definition" and "waar of onwaar" in refused.value.message


def test_long_options_are_one_per_row_on_the_phone_and_short_ones_side_by_side(client):
    """'Leiderorganisatie' in a third of a 390 px phone broke mid-word; a list row keeps it whole."""
    reply = client.post("/api/sessions", json={"title": "Knoppen", "activities": [{"title": "Keuzes", "items": [
        {"id": "lang", "label": "Model", "kind": "choice", "options": ["Zelfregulerend", "Leiderorganisatie"]},
        {"id": "kort", "label": "Eens?", "kind": "choice", "options": ["Ja", "Nee", "Weet niet"]}]}]})
    html = client.get(f"/j/{reply.get_json()['code']}").get_data(as_text=True)
    lang, kort = html.split('data-item="lang"')[1].split('data-item="kort"')
    assert 'class="choices choices-list"' in lang
    assert 'class="choices"' in kort
