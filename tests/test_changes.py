"""The pure comparison of two measurements: briefs per item and organisation, shifts, and what moved most."""

import pytest

from workshop.activities.base import Answer, Participant
from workshop.changes import brief_of, briefs, compare, gain, movement, score, shift
from workshop.kinds import STOPLICHT, Choice, Option, Scale
from workshop.library import definition_for

GRADE = Scale(1, 10)
PEOPLE = {1: Participant(1, "An", "Gemeente Utrecht"), 2: Participant(2, "Bo", "gemeente  utrecht"),
          3: Participant(3, "Cas", "GGD"), 4: Participant(4, "Dien", "")}


def answers(item, *values):
    return [Answer(pid, item, str(value)) for pid, value in enumerate(values, start=1)]


def test_a_scale_brief_is_the_number_of_grades_and_their_mean_rounded_to_two_decimals():
    assert brief_of(GRADE, ["7", "8", "8"]) == {"kind": "scale", "n": 3, "mean": 7.67, "low": 1, "high": 10}


def test_a_scale_brief_leaves_out_what_does_not_fit_the_scale_and_has_no_mean_without_grades():
    assert brief_of(GRADE, ["11", "x", "4"])["n"] == 1
    assert brief_of(GRADE, []) == {"kind": "scale", "n": 0, "mean": None, "low": 1, "high": 10}


def test_a_stoplicht_brief_counts_each_colour_and_its_share_of_the_people_who_answered():
    brief = brief_of(STOPLICHT, ["groen", "groen", "rood"])
    assert brief == {"kind": "choice", "n": 3, "counts": {"groen": 2, "oranje": 0, "rood": 1},
                     "shares": {"groen": 0.667, "oranje": 0.0, "rood": 0.333}}


def test_with_several_choices_allowed_the_shares_are_of_people_and_may_add_up_to_more_than_one():
    kind = Choice((Option("a", "A"), Option("b", "B")), multiple=True)
    assert brief_of(kind, ["a,b", "a"])["shares"] == {"a": 1.0, "b": 0.5}


def test_free_text_is_not_compared():
    definition = definition_for({"title": "Eigen", "items": [{"label": "Idee", "kind": "text"},
                                                             {"label": "Cijfer", "kind": "scale", "high": 10}]})
    assert list(briefs(definition, [], {})["items"]) == ["v2"]


def test_briefs_group_organisations_regardless_of_case_and_spacing_and_keep_people_without_one_last():
    definition = definition_for("quickscan")
    measured = briefs(definition, answers("ambitie", 6, 8, 5, 9), PEOPLE)
    assert measured["items"]["ambitie"]["mean"] == 7.0
    assert measured["items"]["belangen"]["n"] == 0
    by_name = {o["name"]: o["items"]["ambitie"] for o in measured["organisations"]}
    assert list(by_name) == ["Gemeente Utrecht", "GGD", ""]
    assert by_name["Gemeente Utrecht"]["mean"] == 7.0 and by_name[""]["mean"] == 9.0


def test_a_shift_in_mean_is_that_of_the_means_as_shown_so_the_numbers_on_the_screen_add_up():
    before, after = brief_of(GRADE, ["5", "6", "6"]), brief_of(GRADE, ["7", "7", "8"])
    assert (before["mean"], after["mean"]) == (5.67, 7.33)
    assert shift(before, after) == {"mean": 1.66}
    assert shift(after, before) == {"mean": -1.66}


def test_a_shift_in_shares_is_computed_from_the_counts_not_from_the_rounded_shares():
    before, after = brief_of(STOPLICHT, ["groen", "rood", "rood"]), brief_of(STOPLICHT, ["groen", "groen", "rood"])
    assert shift(before, after) == {"shares": {"groen": 0.333, "oranje": 0.0, "rood": -0.333}}


@pytest.mark.parametrize("before, after", [(None, ["5"]), (["5"], None), ([], ["5"]), (["5"], [])])
def test_there_is_no_shift_unless_both_measurements_have_answers(before, after):
    brief = lambda values: None if values is None else brief_of(GRADE, values)  # noqa: E731
    assert shift(brief(before), brief(after)) is None


def test_movement_makes_a_scale_and_a_choice_comparable():
    assert movement({"mean": -4.5}, brief_of(GRADE, ["1"])) == 0.5
    assert movement({"shares": {"groen": 0.25, "rood": -0.5}}, brief_of(STOPLICHT, ["rood"])) == 0.5
    assert movement(None, brief_of(GRADE, [])) == 0.0


def test_compare_puts_the_items_that_moved_most_first_and_keeps_the_order_of_ties():
    definition = definition_for("quickscan")
    first = briefs(definition, answers("ambitie", 6, 6) + answers("belangen", 5, 5) + answers("relatie", 7, 7), PEOPLE)
    second = briefs(definition, answers("ambitie", 7, 7) + answers("belangen", 8, 8) + answers("relatie", 7, 7),
                    PEOPLE)
    compared = compare(first, second)
    assert compared["order"] == ["belangen", "ambitie", "relatie", "organisatie", "proces"]
    assert compared["items"]["belangen"]["before"]["mean"] == 5.0
    assert compared["items"]["belangen"]["after"]["mean"] == 8.0
    assert compared["items"]["belangen"]["shift"] == {"mean": 3.0}
    assert compared["items"]["belangen"]["movement"] == 0.333
    assert compared["items"]["proces"]["shift"] is None


def test_an_item_answered_in_one_round_only_has_no_shift():
    definition = definition_for("quickscan")
    compared = compare(briefs(definition, answers("ambitie", 6), PEOPLE), briefs(definition, [], PEOPLE))
    assert compared["items"]["ambitie"]["before"]["n"] == 1
    assert compared["items"]["ambitie"]["after"]["n"] == 0
    assert compared["items"]["ambitie"]["shift"] is None


def test_an_organisation_in_one_measurement_only_is_compared_with_nothing():
    definition = definition_for("quickscan")
    first = briefs(definition, answers("ambitie", 6, 6, 4), PEOPLE)  # Utrecht twice, GGD
    second = briefs(definition, [Answer(1, "ambitie", "8")], PEOPLE)  # Utrecht only
    organisations = {o["name"]: o for o in compare(first, second)["organisations"]}
    assert list(organisations) == ["Gemeente Utrecht", "GGD"]
    assert organisations["Gemeente Utrecht"]["items"]["ambitie"]["shift"] == {"mean": 2.0}
    assert organisations["GGD"]["items"]["ambitie"]["before"]["mean"] == 4.0
    assert organisations["GGD"]["items"]["ambitie"]["after"] is None
    assert organisations["GGD"]["items"]["ambitie"]["shift"] is None


# --- the direction of a change: an improvement or a decline ------------------------------------------------------

TONES = {o.value: o.tone for o in STOPLICHT.options}


def test_a_higher_grade_is_an_improvement_as_a_part_of_the_scale():
    assert gain(brief_of(GRADE, ["5", "6"]), brief_of(GRADE, ["7", "8"])) == 0.222  # +2 of 9
    assert gain(brief_of(GRADE, ["7", "8"]), brief_of(GRADE, ["5", "6"])) == -0.222
    assert gain(brief_of(GRADE, ["7"]), brief_of(GRADE, ["7"])) == 0.0


def test_more_groen_and_less_rood_is_an_improvement_of_the_score():
    before = brief_of(STOPLICHT, ["groen", "rood", "rood", "oranje"])  # (1 + 0 + 0 + 0.5) / 4 = 0.375
    after = brief_of(STOPLICHT, ["groen", "groen", "oranje", "oranje"])  # 3 / 4
    assert score(before, TONES) == 0.375 and score(after, TONES) == 0.75
    assert gain(before, after, TONES) == 0.375
    assert gain(after, before, TONES) == -0.375


def test_rood_becoming_oranje_is_an_improvement_even_without_more_groen():
    assert gain(brief_of(STOPLICHT, ["groen", "rood"]), brief_of(STOPLICHT, ["groen", "oranje"]), TONES) == 0.25


def test_a_choice_without_tones_has_no_direction_it_only_moved():
    kind = Choice((Option("a", "A"), Option("b", "B")))
    before, after = brief_of(kind, ["a", "a"]), brief_of(kind, ["b", "b"])
    assert gain(before, after, {"a": "", "b": ""}) is None and gain(before, after) is None
    assert movement(shift(before, after), after) == 1.0


def test_there_is_no_direction_unless_both_were_answered():
    assert gain(None, brief_of(GRADE, ["7"])) is None
    assert gain(brief_of(STOPLICHT, ["rood"]), brief_of(STOPLICHT, []), TONES) is None


def test_only_the_toned_options_count_in_a_score():
    kind = Choice((Option("ja", "Ja", tone="groen"), Option("nvt", "Weet niet"), Option("nee", "Nee", tone="rood")))
    tones = {o.value: o.tone for o in kind.options}
    before, after = brief_of(kind, ["nee", "nvt", "nvt"]), brief_of(kind, ["ja", "nvt", "nee"])
    assert (score(before, tones), score(after, tones)) == (0.0, 0.5)
    assert score(brief_of(kind, ["nvt"]), tones) is None and gain(brief_of(kind, ["nvt"]), after, tones) is None
