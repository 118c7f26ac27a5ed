"""Pure tests of the halen en brengen definition, validation and aggregation."""

import pytest

from workshop.activities import Answer, Entry, Participant
from workshop.library import instrument
from workshop.kinds import Scale, Text
from workshop.organisations import NO_ORGANISATION
from workshop.errors import WorkshopError

HB = instrument("halen_brengen")
PEOPLE = {
    1: Participant(1, "An", "Gemeente Roermond"),
    2: Participant(2, "Bo", " gemeente  ROERMOND"),
    3: Participant(3, "Cas", "Woonstichting Noord"),
    4: Participant(4, "Dewi", "GGD Limburg"),
    5: Participant(5, "", ""),
}


def cards_of(organisation, item):
    return [(c["id"], c["text"], c["hidden"]) for c in organisation["cards"][item]]


def test_definition_follows_the_worksheet_and_asks_for_the_own_organisation():
    assert HB.per_organisation is True
    assert [item.id for item in HB.items] == ["belangen", "halen", "brengen", "balans"]
    assert [item.label for item in HB.items[:3]] == ["Belangen", "Halen", "Brengen"]
    for item in HB.items[:3]:
        assert isinstance(item.kind, Text) and item.kind.max_entries >= 3 and item.kind.max_length >= 100
        assert "jouw organisatie" in item.question and item.question.endswith("?")
    balance = HB.item("balans")
    assert isinstance(balance.kind, Scale) and (balance.kind.low, balance.kind.high) == (1, 5)
    assert balance.kind.low_label and balance.kind.high_label
    assert "bijdragen en revenuen" in balance.question and "in balans" in balance.question
    assert any("geen rekensom" in line for line in balance.help)
    assert "nodig van anderen" in HB.item("halen").help[0]
    described = HB.describe()
    assert described["per_organisation"] is True and [v["id"] for v in described["views"]] == [
        "matrix", "wederkerigheid", "themas", "woorden"]


@pytest.mark.parametrize("value, stored", [(1, "1"), (5, "5"), ("3", "3")])
def test_the_balance_is_a_number_from_1_to_5(value, stored):
    assert HB.validate("balans", value) == stored


@pytest.mark.parametrize("item, value, reason", [("balans", 0, "invalid_value"), ("balans", 6, "invalid_value"),
                                                 ("balans", "veel", "invalid_value"), ("balans", True, "invalid_value"),
                                                 ("halen", 3, "wrong_kind"), ("rekensom", 3, "unknown_item")])
def test_anything_else_is_refused_in_dutch(item, value, reason):
    with pytest.raises(WorkshopError) as refused:
        HB.validate(item, value)
    assert refused.value.reason == reason and refused.value.message


def test_cards_are_cleaned_and_limited_per_column():
    assert HB.clean_entry("brengen", "  Wooncoaches\tvoor  de wijk ") == "Wooncoaches voor de wijk"
    with pytest.raises(WorkshopError) as refused:
        HB.clean_entry("brengen", "x" * (HB.item("brengen").kind.max_length + 1))
    assert refused.value.reason == "too_long"
    with pytest.raises(WorkshopError) as refused:
        HB.clean_entry("balans", "een kaart")
    assert refused.value.reason == "wrong_kind"


def test_the_matrix_has_a_row_per_organisation_with_its_cards_per_column_and_its_balance():
    answers = [Answer(1, "balans", "4"), Answer(2, "balans", "2"), Answer(3, "balans", "5"),
               Answer(5, "balans", "3")]
    entries = [Entry(1, 1, "belangen", "Minder mensen op de wachtlijst"), Entry(2, 2, "halen", "Snel een woning"),
               Entry(3, 3, "brengen", "Wooncoaches"), Entry(4, 2, "brengen", "Regie", hidden=True),
               Entry(5, 4, "halen", "Cijfers over gezondheid", highlighted=True)]
    result = HB.aggregate(answers, PEOPLE, entries)
    assert result["respondents"] == 5
    organisations = result["organisations"]
    assert [o["name"] for o in organisations] == ["Gemeente Roermond", "GGD Limburg", "Woonstichting Noord",
                                                  NO_ORGANISATION]  # as organisations.ordered: alphabetical
    roermond, ggd, woonstichting, without = organisations
    assert roermond["respondents"] == 2  # 'gemeente  ROERMOND' is the same organisation
    assert cards_of(roermond, "belangen") == [(1, "Minder mensen op de wachtlijst", False)]
    assert cards_of(roermond, "halen") == [(2, "Snel een woning", False)]
    assert cards_of(roermond, "brengen") == [(4, "Regie", True)]  # hidden stays, flagged
    assert roermond["cards"]["halen"][0]["name"] == "Bo" and roermond["cards"]["halen"][0]["organisation"] == \
        "Gemeente Roermond"
    assert ggd["cards"]["halen"][0]["highlighted"] is True and ggd["balans"]["n"] == 0
    assert ggd["balans"]["mean"] is None and ggd["balans"]["counts"] == [0, 0, 0, 0, 0]
    assert roermond["balans"] == {"low": 1, "high": 5, "n": 2, "counts": [0, 1, 0, 1, 0], "mean": 3.0,
                                  "median": 3.0, "sd": 1.0, "min": 2, "max": 4, "disagree": False}
    assert woonstichting["balans"]["mean"] == 5 and cards_of(woonstichting, "brengen") == [(3, "Wooncoaches", False)]
    assert without["respondents"] == 1 and without["balans"]["counts"] == [0, 0, 1, 0, 0]
    assert all(without["cards"][item] == [] for item in ("belangen", "halen", "brengen"))
    # the generic summaries stay as for every type
    assert result["items"]["balans"]["n"] == 4 and len(result["items"]["brengen"]["cards"]) == 2


def test_an_organisation_that_disagrees_on_the_balance_is_marked():
    people = {n: Participant(n, "", "Zorggroep") for n in range(1, 5)}
    answers = [Answer(1, "balans", "1"), Answer(2, "balans", "5"), Answer(3, "balans", "1"), Answer(4, "balans", "5")]
    [zorggroep] = HB.aggregate(answers, people)["organisations"]
    assert zorggroep["balans"]["disagree"] is True and zorggroep["balans"]["mean"] == 3


def test_two_answers_never_count_as_disagreement():
    people = {1: Participant(1, "", "Zorggroep"), 2: Participant(2, "", "Zorggroep")}
    [zorggroep] = HB.aggregate([Answer(1, "balans", "1"), Answer(2, "balans", "5")], people)["organisations"]
    assert zorggroep["balans"]["disagree"] is False


def test_an_organisation_with_only_hidden_cards_keeps_its_row():
    [row] = HB.aggregate([], PEOPLE, [Entry(1, 3, "halen", "Weg ermee", hidden=True)])["organisations"]
    assert row["name"] == "Woonstichting Noord" and row["respondents"] == 1
    assert cards_of(row, "halen") == [(1, "Weg ermee", True)]


def test_stored_values_that_no_longer_fit_are_ignored():
    answers = [Answer(1, "balans", "9"), Answer(1, "balans", "veel"), Answer(1, "weg", "3")]
    entries = [Entry(1, 1, "verdwenen", "oud")]
    result = HB.aggregate(answers, PEOPLE, entries)
    assert result["respondents"] == 0 and result["organisations"] == []


def test_aggregate_of_nothing_is_an_empty_matrix():
    result = HB.aggregate([], {}, [])
    assert result["respondents"] == 0 and result["organisations"] == []
    assert result["items"]["balans"]["n"] == 0 and result["items"]["halen"]["cards"] == []
