"""Answer kind 'points' (punten verdelen): validation of a spread (good, bad and hostile), what is known,
labels, the summary ranked and per organisation, and its xlsx tables."""

import pytest

from workshop.activities import Answer
from workshop.errors import WorkshopError
from workshop.kinds import Points, kind_from
from workshop.kinds import points as points_kind

THEMES = kind_from({"kind": "points", "points": 10, "options": ["Wonen", "Zorg", "Werk"]}, "test")


def test_a_spread_is_stored_in_the_options_order_without_zeros():
    assert THEMES.validate({"werk": 3, "wonen": 5}) == "wonen:5,werk:3"
    assert THEMES.validate({"zorg": 10, "werk": 0}) == "zorg:10"
    assert THEMES.validate({"wonen": 1}) == "wonen:1"  # points may be left over


@pytest.mark.parametrize("value", [{"wonen": 11}, {"wonen": 6, "zorg": 5}, {}, {"wonen": 0}])
def test_a_spread_outside_1_to_n_points_is_refused_saying_how_many(value):
    with pytest.raises(WorkshopError) as refused:
        THEMES.validate(value)
    assert refused.value.reason in ("invalid_points", "invalid_value")
    assert "Verdeel je punten" in refused.value.message


def test_more_than_n_in_total_says_the_total():
    with pytest.raises(WorkshopError) as refused:
        THEMES.validate({"wonen": 6, "zorg": 5})
    assert refused.value.reason == "invalid_points"
    assert "hoogstens 10 punten (nu 11)" in refused.value.message


@pytest.mark.parametrize("value", [
    {"wonen": True}, {"wonen": 2**64}, {"wonen": -1, "zorg": 3}, {"wonen": 1.0}, {"wonen": "5"},
    {"wonen": [5]}, {"wonen": {"n": 5}}, {"onbekend": 1}, {"Wonen": 1}, {"wonen": None}, ["wonen"], "wonen:5",
    5, None, True, {"wonen": float("nan")}, {"wonen": 10**40, "zorg": -(10**40)}])
def test_hostile_spreads_are_refused(value):
    with pytest.raises(WorkshopError) as refused:
        THEMES.validate(value)
    assert refused.value.reason == "invalid_value"


def test_known_and_display_read_only_spreads_that_fit():
    assert THEMES.known("wonen:5,werk:3")
    assert THEMES.display("wonen:5,werk:3") == "Wonen: 5; Werk: 3"
    assert THEMES.spread("wonen:5,weg:3") == {"wonen": 5}  # an option no longer there is left out
    for stored in ("", "wonen:11", "wonen:x", "wonen:-1", "wonen:9999", "wonen:6,zorg:6", "wonen"):
        assert not THEMES.known(stored), stored


def test_summary_ranks_the_options_and_does_so_per_organisation():
    answers = [Answer(1, "g", "wonen:5,zorg:5"), Answer(2, "g", "zorg:2,werk:8"), Answer(3, "g", "wonen:10")]
    summary = THEMES.summary(answers, {1: "Venlo", 2: "Venlo"})
    assert summary["totals"] == {"wonen": 15, "zorg": 7, "werk": 8}
    assert summary["ranking"] == ["wonen", "werk", "zorg"]
    assert (summary["points"], summary["total"]) == (10, 3)
    venlo, nobody = summary["organisations"]
    assert venlo == {"name": "Venlo", "total": 2, "totals": {"wonen": 5, "zorg": 7, "werk": 8},
                     "ranking": ["werk", "zorg", "wonen"]}
    assert nobody["name"] == "" and nobody["ranking"][0] == "wonen"


def test_ties_keep_the_options_order():
    assert THEMES.ranking({"wonen": 0, "zorg": 4, "werk": 4}) == ["zorg", "werk", "wonen"]


def test_tables_rank_the_options_and_give_the_points_per_organisation():
    item = {"id": "g", "label": "Geld", **THEMES.describe()}
    summary = THEMES.summary([Answer(1, "g", "wonen:4,werk:6"), Answer(2, "g", "wonen:10")], {1: "Venlo", 2: "Zorg"})
    ranking, per_org = points_kind.tables([item], {"g": summary})
    assert ranking.headers == ["rang", "optie", "punten", "gemiddeld per persoon"]
    assert ranking.rows == [[1, "Wonen", 14, 7.0], [2, "Werk", 6, 3.0], [3, "Zorg", 0, 0.0]]
    assert per_org.headers == ["optie", "Venlo", "Zorg"]
    assert per_org.rows == [["personen", 1, 1], ["Wonen", 4, 10], ["Werk", 6, 0], ["Zorg", 0, 0]]


@pytest.mark.parametrize("points", [0, 101, True, "10", 2**64, 1.5])
def test_a_definition_refuses_points_outside_1_to_100(points):
    with pytest.raises(WorkshopError) as refused:
        Points.from_data({"options": ["a", "b"], "points": points}, "Vraag 1")
    assert refused.value.reason == "invalid_definition" and "Vraag 1" in refused.value.message
