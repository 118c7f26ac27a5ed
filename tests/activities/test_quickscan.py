"""Pure tests of the quick scan definition, the validation of a grade and the aggregation."""

import pytest

from workshop.activities import Answer, Participant
from workshop.library import instrument
from workshop.kinds import Scale
from workshop.organisations import NO_ORGANISATION
from workshop.errors import WorkshopError

QS = instrument("quickscan")
IDS = ["ambitie", "belangen", "relatie", "organisatie", "proces"]

# As in the handbook 'Handreiking Effectief Samenwerken' (seed 004): the five conditions for promising
# cooperation, and per condition the four questions of the worksheet 'Quick scan samenwerking'.
SEED = {
    "ambitie": ("Ambitie", "Werk aan gedeelde ambities", (
        "Hebben we een duidelijk beeld van onze gedeelde ambitie?",
        "Zijn we het eens over de gedeelde ambitie?",
        "Is deze ambitie inspirerend voor onszelf en onze achterbannen?",
        "Gaan we er echt voor en maken we voortgang?")),
    "belangen": ("Belangen", "Speel in op elkaars motieven en belangen", (
        "Bespreken we onze belangen expliciet?",
        "Draagt de ambitie in voldoende mate bij aan onze belangen?",
        "Zijn we oprecht geïnteresseerd in elkaars belangen?",
        "Doen we moeite om elkaars belangen te realiseren?")),
    "relatie": ("Relatie", "Ontwikkel betekenisvolle persoonlijke relaties", (
        "Is er aandacht voor de kwaliteit van groepsprocessen?",
        "Waarderen we de manier waarop het leiderschap in de samenwerking is vormgegeven?",
        "Hebben we de juiste mensen aan tafel?",
        "Is er voldoende onderling vertrouwen?")),
    "organisatie": ("Organisatie", "Organiseer professioneel", (
        "Past de organisatie van de samenwerking bij ons als partners en bij onze ambitie?",
        "Hebben we draagvlak van onze achterban?",
        "Kan er daadkrachtig worden besloten?",
        "Komen we afspraken na?")),
    "proces": ("Proces", "Zorg voor een goed proces", (
        "Zijn er duidelijke fasen en mijlpalen in het proces?",
        "Is er een goede balans tussen aandacht voor de inhoud en voor het proces?",
        "Is duidelijk wie de procesregie voert en functioneert dit goed?",
        "Evalueren we de inhoudelijke voortgang en de kwaliteit van de samenwerking voldoende?")),
}

PEOPLE = {
    1: Participant(1, "An", "Gemeente Roermond"),
    2: Participant(2, "Bo", "  gemeente   ROERMOND "),
    3: Participant(3, "Cas", "Zorggroep Noord"),
    4: Participant(4, "Dirk", ""),
    5: Participant(5, "Eva", "Gemeente roermond"),
    6: Participant(6, "Fien", "zorggroep noord"),
}


def grades(item, values, first_id=1):
    """One answer per participant, ids counting up from `first_id`, values as the store holds them."""
    return [Answer(first_id + n, item, str(value)) for n, value in enumerate(values)]


# --- definition ------------------------------------------------------------------------------------------------


def test_definition_has_the_five_conditions_with_their_four_questions_from_the_handbook():
    assert [item.id for item in QS.items] == IDS
    assert {item.id: (item.label, item.question, item.help) for item in QS.items} == SEED
    assert QS.title == "Quick scan samenwerking"
    assert "1 tot en met 10" in QS.intro


def test_every_condition_is_a_grade_from_1_to_10():
    for item in QS.items:
        assert isinstance(item.kind, Scale)
        assert (item.kind.low, item.kind.high) == (1, 10)
        assert item.kind.low_label and item.kind.high_label
        assert item.group == ""


def test_the_two_views_distribution_first():
    assert [view for view, _ in QS.views] == ["verdeling", "organisaties"]
    assert all(label for _, label in QS.views)


def test_describe_gives_the_phone_and_the_api_the_scale_and_the_help_questions():
    described = QS.describe()
    assert described["type"] == "quickscan" and described["per_organisation"] is False
    assert [item["id"] for item in described["items"]] == IDS
    for item in described["items"]:
        label, question, help_lines = SEED[item["id"]]
        assert (item["kind"], item["low"], item["high"]) == ("scale", 1, 10)
        assert (item["label"], item["question"], item["help"]) == (label, question, list(help_lines))
        assert (item["low_label"], item["high_label"]) == ("slecht", "uitstekend")


# --- validation ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("grade", range(1, 11))
def test_every_whole_grade_is_accepted_as_number_and_as_text(grade):
    assert QS.validate("ambitie", grade) == str(grade)
    assert QS.validate("proces", str(grade)) == str(grade)


@pytest.mark.parametrize("value, stored", [(" 7 ", "7"), ("07", "7"), ("10", "10")])
def test_digit_strings_are_stored_as_the_plain_number(value, stored):
    assert QS.validate("relatie", value) == stored


@pytest.mark.parametrize("value", [0, 11, -1, 100, 7.5, 7.0, True, False, "zeven", None, "", " ", "0", "11",
                                   "7.5", "7,5", "-3", "+7", "²", "1" * 5000, [7], {"cijfer": 7}],
                         ids=repr)
def test_anything_else_is_refused_with_a_dutch_message(value):
    with pytest.raises(WorkshopError) as refused:
        QS.validate("belangen", value)
    assert refused.value.status == 400
    assert refused.value.reason == "invalid_value"
    assert refused.value.message == "Kies een getal van 1 tot en met 10."


@pytest.mark.parametrize("item", ["onbekend", None, "Ambitie", ["ambitie"]])
def test_an_unknown_condition_is_refused(item):
    with pytest.raises(WorkshopError) as refused:
        QS.validate(item, 7)
    assert refused.value.reason == "unknown_item" and refused.value.status == 400
    assert "vraag" in refused.value.message


def test_a_grade_is_not_a_text_card():
    with pytest.raises(WorkshopError) as refused:
        QS.clean_entry("ambitie", "Goed bezig")
    assert refused.value.reason == "wrong_kind"


# --- aggregation -----------------------------------------------------------------------------------------------


def test_aggregate_counts_each_grade_and_gives_mean_median_and_spread():
    values = [6, 7, 7, 8, 9, 3]
    result = QS.aggregate(grades("ambitie", values), PEOPLE)
    ambitie = result["items"]["ambitie"]
    assert result["respondents"] == 6
    assert (ambitie["kind"], ambitie["low"], ambitie["high"], ambitie["n"]) == ("scale", 1, 10, 6)
    assert ambitie["counts"] == [0, 0, 1, 0, 0, 1, 2, 1, 1, 0]  # counts[0] is the number of 1s
    assert ambitie["mean"] == 6.67
    assert ambitie["median"] == 7
    assert ambitie["sd"] == 1.89  # population sd: just under the 2 points that mean disagreement
    assert (ambitie["min"], ambitie["max"]) == (3, 9)
    assert ambitie["disagree"] is False


def test_median_of_an_even_group_lies_between_two_grades():
    ambitie = QS.aggregate(grades("ambitie", [5, 6, 8, 9]), PEOPLE)["items"]["ambitie"]
    assert ambitie["median"] == 7 and ambitie["mean"] == 7
    ambitie = QS.aggregate(grades("ambitie", [5, 6]), PEOPLE)["items"]["ambitie"]
    assert ambitie["median"] == 5.5 and ambitie["mean"] == 5.5


def test_a_spread_out_group_disagrees_and_a_close_one_does_not():
    answers = grades("relatie", [2, 9, 3, 10, 8, 4]) + grades("proces", [7, 8, 7, 6, 8, 7])
    items = QS.aggregate(answers, PEOPLE)["items"]
    assert items["relatie"]["disagree"] is True
    assert items["relatie"]["sd"] >= 2
    assert items["proces"]["disagree"] is False
    assert items["proces"]["sd"] < 1


def test_disagreement_starts_at_a_spread_of_two_points():
    items = QS.aggregate(grades("ambitie", [3, 7, 3, 7]) + grades("belangen", [3, 7, 3, 7, 5]), PEOPLE)["items"]
    assert items["ambitie"]["sd"] == 2.0 and items["ambitie"]["disagree"] is True
    assert items["belangen"]["sd"] == 1.79 and items["belangen"]["disagree"] is False


@pytest.mark.parametrize("values", [[1, 10], [1], []])
def test_fewer_than_three_answers_never_count_as_disagreement(values):
    organisatie = QS.aggregate(grades("organisatie", values), PEOPLE)["items"]["organisatie"]
    assert organisatie["n"] == len(values)
    assert organisatie["disagree"] is False
    three = QS.aggregate(grades("organisatie", [1, 10, 1]), PEOPLE)["items"]["organisatie"]
    assert three["disagree"] is True


def test_an_unanswered_condition_has_zero_counts_and_no_statistics():
    result = QS.aggregate(grades("ambitie", [8]), PEOPLE)
    proces = result["items"]["proces"]
    assert proces["counts"] == [0] * 10 and proces["n"] == 0
    assert [proces[k] for k in ("mean", "median", "sd", "min", "max")] == [None] * 5
    assert proces["disagree"] is False and proces["organisations"] == []


def test_aggregate_of_nothing_is_an_empty_result():
    result = QS.aggregate([], {})
    assert result["respondents"] == 0
    assert list(result["items"]) == IDS
    assert all(item["n"] == 0 and item["mean"] is None for item in result["items"].values())


def test_respondents_are_people_not_answers():
    answers = grades("ambitie", [5, 6]) + grades("belangen", [7, 8]) + grades("proces", [9], first_id=3)
    assert QS.aggregate(answers, PEOPLE)["respondents"] == 3


def test_per_organisation_stats_group_forgiving_case_and_spacing():
    # Roermond: participants 1, 2 and 5 (three spellings); Zorggroep: 3 and 6; 4 has no organisation.
    answers = grades("belangen", [2, 9, 7, 5, 10, 6])
    belangen = QS.aggregate(answers, PEOPLE)["items"]["belangen"]
    organisations = belangen["organisations"]
    assert [o["name"] for o in organisations] == ["Gemeente Roermond", "Zorggroep Noord", NO_ORGANISATION]
    roermond, zorggroep, nobody = organisations
    assert (roermond["n"], roermond["counts"]) == (3, [0, 1, 0, 0, 0, 0, 0, 0, 1, 1])
    assert roermond["mean"] == 7 and roermond["median"] == 9
    assert roermond["disagree"] is True  # 2, 9 and 10: they see it very differently
    assert (zorggroep["n"], zorggroep["mean"], zorggroep["median"]) == (2, 6.5, 6.5)
    assert zorggroep["disagree"] is False  # only two answers
    assert (nobody["n"], nobody["mean"], nobody["min"], nobody["max"]) == (1, 5, 5, 5)
    assert sum(o["n"] for o in organisations) == belangen["n"] == 6


def test_an_organisation_only_appears_at_the_conditions_it_answered():
    answers = [Answer(1, "ambitie", "8"), Answer(3, "proces", "4")]
    items = QS.aggregate(answers, PEOPLE)["items"]
    assert [o["name"] for o in items["ambitie"]["organisations"]] == ["Gemeente Roermond"]
    assert [o["name"] for o in items["proces"]["organisations"]] == ["Zorggroep Noord"]


def test_a_participant_unknown_to_the_aggregate_counts_as_without_organisation():
    ambitie = QS.aggregate([Answer(99, "ambitie", "6")], PEOPLE)["items"]["ambitie"]
    assert [(o["name"], o["n"]) for o in ambitie["organisations"]] == [(NO_ORGANISATION, 1)]


def test_stored_values_that_no_longer_fit_are_ignored():
    answers = [Answer(1, "ambitie", "11"), Answer(2, "ambitie", "0"), Answer(3, "ambitie", "zeven"),
               Answer(4, "ambitie", "groen"), Answer(5, "vertrouwen", "8"), Answer(6, "ambitie", ""),
               Answer(1, "proces", "8")]
    result = QS.aggregate(answers, PEOPLE)
    assert result["respondents"] == 1  # only participant 1's 'proces' still fits
    assert result["items"]["ambitie"]["n"] == 0 and result["items"]["ambitie"]["organisations"] == []
    assert result["items"]["proces"]["counts"] == [0] * 7 + [1, 0, 0]
    assert set(result["items"]) == set(IDS)
