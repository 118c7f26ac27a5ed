"""Pure tests of the succesfactoren definition, validation and aggregation."""

import pytest

from workshop.activities import Answer, Participant
from workshop.library import instrument
from workshop.organisations import NO_ORGANISATION
from workshop.errors import WorkshopError

SF = instrument("succesfactoren")
PEOPLE = {
    1: Participant(1, "An", "Gemeente Roermond"),
    2: Participant(2, "Bo", "gemeente  roermond "),
    3: Participant(3, "Cas", "Zorggroep Noord"),
    4: Participant(4, "", ""),
}


def test_definition_has_the_twelve_factors_of_the_handbook():
    labels = [item.label for item in SF.items]
    assert len(labels) == 12 and len({item.id for item in SF.items}) == 12
    assert labels[0] == "(Overeenstemming over) visie en doelen"
    assert labels[-1] == "Regelmatig evalueren"
    assert all(item.question.endswith("?") for item in SF.items)


@pytest.mark.parametrize("value", ["groen", "oranje", "rood"])
def test_validate_accepts_the_three_colours(value):
    assert SF.validate("visie", value) == value


@pytest.mark.parametrize("item, value", [("visie", "paars"), ("visie", None), ("visie", 1), ("visie", "GROEN"),
                                         ("onbekend", "groen"), (None, "groen"), (["visie"], "groen")])
def test_validate_refuses_anything_else_with_a_dutch_message(item, value):
    with pytest.raises(WorkshopError) as refused:
        SF.validate(item, value)
    assert refused.value.status == 400 and refused.value.message


def test_aggregate_counts_colours_and_respondents():
    answers = [Answer(1, "visie", "rood"), Answer(2, "visie", "rood"), Answer(3, "visie", "groen"),
               Answer(3, "durf", "oranje"), Answer(4, "durf", "groen")]
    result = SF.aggregate(answers, PEOPLE)
    by_id = {item["id"]: item for item in result["items"]}
    assert result["respondents"] == 4
    assert by_id["visie"] == {"id": "visie", "label": SF.items[0].label, "groen": 1, "oranje": 0, "rood": 2, "total": 3}
    assert by_id["durf"]["groen"] == 1 and by_id["durf"]["oranje"] == 1
    assert by_id["middelen"]["total"] == 0


def test_priority_puts_most_red_first_then_most_orange_then_worksheet_order():
    answers = [Answer(1, "klimaat", "rood"), Answer(2, "klimaat", "rood"), Answer(1, "durf", "rood"),
               Answer(2, "middelen", "oranje"), Answer(3, "middelen", "oranje"), Answer(3, "structuur", "oranje")]
    priority = SF.aggregate(answers, PEOPLE)["priority"]
    assert priority[:4] == ["klimaat", "durf", "middelen", "structuur"]
    assert priority[4:] == [i.id for i in SF.items if i.id not in {"klimaat", "durf", "middelen", "structuur"}]


def test_heatmap_groups_organisations_forgiving_case_and_spaces():
    answers = [Answer(1, "visie", "groen"), Answer(2, "visie", "rood"), Answer(3, "visie", "groen"),
               Answer(4, "visie", "oranje")]
    organisations = SF.aggregate(answers, PEOPLE)["organisations"]
    assert [o["name"] for o in organisations] == ["Gemeente Roermond", "Zorggroep Noord", NO_ORGANISATION]
    roermond = organisations[0]
    assert roermond["respondents"] == 2
    assert roermond["items"]["visie"] == {"groen": 1, "oranje": 0, "rood": 1, "total": 2, "score": 0.5}
    assert organisations[2]["items"]["visie"]["score"] == 0.5
    assert organisations[1]["items"]["durf"]["score"] is None


def test_a_heatmap_score_is_rounded_to_three_decimals_for_the_screens():
    answers = [Answer(1, "visie", "groen"), Answer(2, "visie", "rood"), Answer(3, "visie", "rood")]
    people = {pid: Participant(pid, "", "Gemeente Venlo") for pid in (1, 2, 3)}
    assert SF.aggregate(answers, people)["organisations"][0]["items"]["visie"]["score"] == 0.333


def test_aggregate_ignores_stored_values_it_does_not_know():
    result = SF.aggregate([Answer(1, "visie", "paars"), Answer(1, "weg", "rood")], PEOPLE)
    assert result["respondents"] == 0 and result["organisations"] == []


def test_aggregate_of_nothing_is_an_empty_result():
    result = SF.aggregate([], {})
    assert result["respondents"] == 0 and all(item["total"] == 0 for item in result["items"])
