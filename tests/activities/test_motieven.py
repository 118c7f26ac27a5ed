"""Pure tests of the motieven definition (the worksheet's wording), validation and aggregation."""

import unicodedata

import pytest

from workshop.activities import Answer, Entry, Participant
from workshop.library import INSTRUMENTS, instrument
from workshop.kinds import Scale, Text
from workshop.organisations import NO_ORGANISATION
from workshop.errors import WorkshopError

MV = instrument("motieven")
MOTIVES = ["instrumenteel", "affectief", "moreel"]
QUESTIONS = ["bekend", "vertalen"]
PEOPLE = {
    1: Participant(1, "Anne", "Gemeente Roermond"),
    2: Participant(2, "Bo", "gemeente  roermond "),
    3: Participant(3, "Cas", "Zorggroep Noord"),
    4: Participant(4, "Dirk", ""),
    5: Participant(5, "Eva", "Woonstichting Maasdal"),
}


def card(entry_id, pid, item, text, **flags):
    return Entry(entry_id, pid, item, MV.clean_entry(item, text), f"2026-11-22T09:4{entry_id % 10}:00.000+00:00",
                 **flags)


def test_registered_with_three_card_questions_and_two_scales():
    assert INSTRUMENTS["motieven"] is MV
    assert [item.id for item in MV.items] == MOTIVES + QUESTIONS
    assert all(isinstance(MV.item(i).kind, Text) for i in MOTIVES)
    assert all(isinstance(MV.item(i).kind, Scale) for i in QUESTIONS)
    assert MV.per_organisation is True  # the motives are those of the participant's organisation
    assert [view for view, _ in MV.views] == ["kolommen", "organisaties", "vragen", "themas", "woorden"]


def test_wording_is_the_worksheets():
    assert MV.title == "Motieven van samenwerkingspartners"
    assert [MV.item(i).label for i in MOTIVES] == ["Instrumentele motieven", "Affectieve motieven", "Morele motieven"]
    assert MV.groups[0].question == \
        "Welke motieven of drijfveren zien we bij de samenwerkingspartners vertegenwoordigd?"
    assert MV.item("instrumenteel").help == (
        "Welke doelen, belangen of eigen strategische keuzes van de samenwerkingspartners spelen een rol?",)
    assert MV.item("affectief").help == (
        "Van welke gemeenschappen of netwerken voelen de samenwerkingspartners zich onderdeel?",
        "Naar welke samenwerkingspartners of netwerken voelen de samenwerkingspartners zich (nog meer) loyaal of "
        "solidair?")
    assert MV.item("moreel").help == (
        "Welke normen, waarden of idealen worden door de samenwerkingspartners nagestreefd?",)
    assert MV.item("affectief").question == "Meedoen omdat je je solidair voelt met de andere partijen."
    assert MV.item("moreel").question == "Een bijdrage leveren omdat je waarden- en normenbesef je daartoe oproept."
    assert MV.item("bekend").question == \
        "In hoeverre zijn de samenwerkingspartners bekend met elkaars motieven of drijfveren?"
    assert MV.item("vertalen").question == (
        "In hoeverre zijn de samenwerkingspartners in staat om de motieven en drijfveren te vertalen naar "
        "activiteiten of interventies die maken dat deelname logisch of aantrekkelijk is?")
    assert MV.groups[1].label == "Zijn de motieven op tafel?"
    assert "motieven" in MV.source.lower() and "Caluwé" in MV.source


def test_the_scales_run_from_zeer_geringe_to_zeer_grote_mate():
    for item_id in QUESTIONS:
        kind = MV.item(item_id).kind
        assert (kind.low, kind.high, kind.low_label, kind.high_label) == \
            (1, 5, "in zeer geringe mate", "in zeer grote mate")


def test_card_limits_are_sensible_and_every_card_question_has_a_dutch_placeholder():
    for item_id in MOTIVES:
        kind = MV.item(item_id).kind
        assert 80 <= kind.max_length <= 200 and 3 <= kind.max_entries <= 8
        assert kind.placeholder.startswith("bijv. ") and len(kind.placeholder) <= kind.max_length


def test_describe_has_kinds_limits_and_groups():
    described = MV.describe()
    items = {item["id"]: item for item in described["items"]}
    assert items["moreel"]["kind"] == "text" and items["moreel"]["max_length"] == MV.item("moreel").kind.max_length
    assert items["bekend"]["kind"] == "scale" and items["bekend"]["high_label"] == "in zeer grote mate"
    assert [g["id"] for g in described["groups"]] == ["motieven", "op-tafel"]
    assert {item["group"] for item in described["items"]} == {"motieven", "op-tafel"}
    assert described["per_organisation"] is True


@pytest.mark.parametrize("value, stored", [(1, "1"), (5, "5"), ("3", "3"), (" 4 ", "4")])
def test_validate_accepts_whole_numbers_one_to_five(value, stored):
    assert MV.validate("bekend", value) == stored


@pytest.mark.parametrize("value", [0, 6, -1, 2.5, "2.5", "", None, True, "vijf", [3]])
def test_validate_refuses_anything_else_with_a_dutch_message(value):
    with pytest.raises(WorkshopError) as refused:
        MV.validate("vertalen", value)
    assert refused.value.reason == "invalid_value" and "1 tot en met 5" in refused.value.message


def test_cards_and_scales_each_need_their_own_answer():
    with pytest.raises(WorkshopError) as refused:
        MV.validate("moreel", 3)
    assert refused.value.reason == "wrong_kind"
    with pytest.raises(WorkshopError) as refused:
        MV.clean_entry("bekend", "Een kaart")
    assert refused.value.reason == "wrong_kind"
    with pytest.raises(WorkshopError) as refused:
        MV.clean_entry("financieel", "Een kaart")
    assert refused.value.reason == "unknown_item"


def test_card_text_keeps_emoji_and_diacritics_as_one_nfc_line():
    decomposed = unicodedata.normalize("NFD", "Cliënten  écht\nthuis 🏠 👩‍⚕️")
    assert MV.clean_entry("moreel", decomposed) == "Cliënten écht thuis 🏠 👩‍⚕️"
    limit = MV.item("moreel").kind.max_length
    assert MV.clean_entry("moreel", "é" * limit) == "é" * limit  # characters, not bytes
    with pytest.raises(WorkshopError) as refused:
        MV.clean_entry("moreel", "é" * (limit + 1))
    assert refused.value.reason == "too_long" and "te lang" in refused.value.message
    with pytest.raises(WorkshopError) as refused:
        MV.clean_entry("affectief", " \t ")
    assert refused.value.reason == "empty_text"


def test_aggregate_puts_each_card_in_its_column_with_organisation_and_name():
    entries = [card(1, 1, "instrumenteel", "Minder wachtlijsten 👍"), card(2, 3, "moreel", "Iedereen een thuis"),
               card(3, 2, "instrumenteel", "<b>Geen</b> overlast"), card(4, 3, "affectief", "Solidair met de wijk",
                                                                       highlighted=True)]
    result = MV.aggregate([], PEOPLE, entries)
    assert result["respondents"] == 3
    assert set(result["items"]) == set(MOTIVES + QUESTIONS)
    instrumenteel = result["items"]["instrumenteel"]
    assert instrumenteel["kind"] == "text"
    assert [(c["id"], c["text"], c["organisation"], c["name"]) for c in instrumenteel["cards"]] == [
        (1, "Minder wachtlijsten 👍", "Gemeente Roermond", "Anne"),
        (3, "<b>Geen</b> overlast", "Gemeente Roermond", "Bo")]  # one organisation, however it was typed
    [solidair] = result["items"]["affectief"]["cards"]
    assert solidair["highlighted"] is True and solidair["hidden"] is False and solidair["item"] == "affectief"


def test_hidden_cards_stay_in_the_aggregate_but_do_not_count_for_the_beamer():
    entries = [card(1, 3, "moreel", "Zichtbaar"), card(2, 3, "moreel", "Weg ermee", hidden=True),
               card(3, 5, "affectief", "Ook weg", hidden=True)]
    result = MV.aggregate([], PEOPLE, entries)
    assert [(c["text"], c["hidden"]) for c in result["items"]["moreel"]["cards"]] == \
        [("Zichtbaar", False), ("Weg ermee", True)]
    organisations = {o["name"]: o for o in result["organisations"]}
    assert organisations["Zorggroep Noord"]["cards"] == {"instrumenteel": 0, "affectief": 0, "moreel": 1}
    # An organisation whose only card is hidden is still at the table, with nothing to show.
    assert organisations["Woonstichting Maasdal"]["cards"] == {"instrumenteel": 0, "affectief": 0, "moreel": 0}
    assert result["respondents"] == 2


def test_organisations_are_ordered_grouped_and_counted_for_cards_and_scales():
    entries = [card(1, 1, "instrumenteel", "a"), card(2, 2, "instrumenteel", "b"), card(3, 2, "moreel", "c"),
               card(4, 3, "affectief", "d")]
    answers = [Answer(1, "bekend", "2"), Answer(4, "bekend", "5"), Answer(5, "vertalen", "3"),
               Answer(5, "vertalen", "9"), Answer(3, "onbekend", "1")]
    result = MV.aggregate(answers, PEOPLE, entries)
    assert result["respondents"] == 5
    assert result["organisations"] == [
        {"name": "Gemeente Roermond", "respondents": 2, "cards": {"instrumenteel": 2, "affectief": 0, "moreel": 1}},
        {"name": "Woonstichting Maasdal", "respondents": 1, "cards": {"instrumenteel": 0, "affectief": 0, "moreel": 0}},
        {"name": "Zorggroep Noord", "respondents": 1, "cards": {"instrumenteel": 0, "affectief": 1, "moreel": 0}},
        {"name": NO_ORGANISATION, "respondents": 1, "cards": {"instrumenteel": 0, "affectief": 0, "moreel": 0}},
    ]


def test_scale_summaries_with_disagreement_and_per_organisation():
    answers = [Answer(1, "bekend", "1"), Answer(2, "bekend", "2"), Answer(3, "bekend", "5"), Answer(5, "bekend", "5"),
               Answer(1, "vertalen", "3"), Answer(3, "vertalen", "3"), Answer(5, "vertalen", "4")]
    result = MV.aggregate(answers, PEOPLE)
    bekend = result["items"]["bekend"]
    assert (bekend["kind"], bekend["low"], bekend["high"]) == ("scale", 1, 5)
    assert bekend["counts"] == [1, 1, 0, 0, 2] and bekend["n"] == 4 and bekend["mean"] == 3.25
    assert bekend["disagree"] is True
    assert [(o["name"], o["n"], o["mean"]) for o in bekend["organisations"]] == [
        ("Gemeente Roermond", 2, 1.5), ("Woonstichting Maasdal", 1, 5.0), ("Zorggroep Noord", 1, 5.0)]
    assert result["items"]["vertalen"]["disagree"] is False and result["items"]["vertalen"]["median"] == 3


def test_cards_of_unknown_items_and_answers_to_card_items_are_left_out():
    entries = [card(1, 1, "moreel", "blijft"), Entry(2, 1, "financieel", "weg"), Entry(3, 1, "bekend", "weg")]
    result = MV.aggregate([Answer(3, "moreel", "3")], PEOPLE, entries)
    assert [c["text"] for item in MOTIVES for c in result["items"][item]["cards"]] == ["blijft"]
    assert result["respondents"] == 1 and [o["name"] for o in result["organisations"]] == ["Gemeente Roermond"]


def test_an_empty_room_has_empty_columns_scales_and_no_organisations():
    result = MV.aggregate([], {}, [])
    assert result["respondents"] == 0 and result["organisations"] == []
    assert all(result["items"][i]["cards"] == [] for i in MOTIVES)
    assert all(result["items"][i]["n"] == 0 and result["items"][i]["mean"] is None for i in QUESTIONS)
