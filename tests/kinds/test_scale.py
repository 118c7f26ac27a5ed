"""Answer kind 'scale': validation (good, bad, hostile), what is known, the summary per organisation, tables."""

import pytest

from workshop.activities import Answer
from workshop.errors import WorkshopError
from workshop.kinds import Scale, kind_from
from workshop.kinds import scale as scale_kind
from workshop.tables import Shaded

GRADE = kind_from({"kind": "scale", "low": 0, "high": 10, "low_label": "slecht", "high_label": "top"}, "test")


def test_a_number_or_its_digits_are_stored_as_text():
    assert GRADE.validate(0) == "0" and GRADE.validate(10) == "10" and GRADE.validate(" 7 ") == "7"


@pytest.mark.parametrize("value", [11, -1, True, False, 7.0, 2**64, "1e1", "0x5", "5" * 30, "²", None, [7],
                                   {"v": 7}, "", float("inf")])
def test_anything_else_is_refused_with_the_range(value):
    with pytest.raises(WorkshopError) as refused:
        GRADE.validate(value)
    assert refused.value.reason == "invalid_value"
    assert refused.value.message == "Kies een getal van 0 tot en met 10."


def test_known_only_within_the_range():
    assert GRADE.known("0") and GRADE.known("10")
    assert not GRADE.known("11") and not GRADE.known("x") and not GRADE.known("")


def test_summary_per_organisation():
    answers = [Answer(1, "c", "8"), Answer(2, "c", "6"), Answer(3, "c", "2")]
    summary = GRADE.summary(answers, {1: "Venlo", 2: "Venlo"})
    assert (summary["n"], summary["mean"], summary["median"], summary["low"], summary["high"]) == (3, 5.33, 6, 0, 10)
    assert [(o["name"], o["n"], o["mean"]) for o in summary["organisations"]] == [
        ("Venlo", 2, 7), ("", 1, 2)]  # "": no organisation
    assert len(summary["counts"]) == 11


def test_tables_give_the_distribution_and_the_mean_per_organisation():
    item = {"id": "c", "label": "Cijfer", **GRADE.describe()}
    summary = GRADE.summary([Answer(1, "c", "10"), Answer(2, "c", "0")], {1: "Venlo", 2: "Zorg"})
    distribution, means = scale_kind.tables([item], {"c": summary})
    assert distribution.caption == "Cijfers (0–10): verdeling"
    assert distribution.rows[0][:3] == ["Cijfer", 2, 1]
    assert means.headers == ["vraag", "iedereen", "Venlo", "Zorg"]
    _, everyone, venlo, zorg = means.rows[0]
    assert all(isinstance(cell, Shaded) for cell in (everyone, venlo, zorg))
    assert (everyone.value, venlo.value, zorg.value) == (5, 10, 0)


@pytest.mark.parametrize("fields", [{"low": 0, "high": 11}, {"low": 5, "high": 5}, {"low": True, "high": 5},
                                    {"low": 1, "high": 2**64}, {"low": 1, "high": 5, "low_label": ["x"]}])
def test_a_definition_refuses_a_scale_that_does_not_fit_a_phone(fields):
    with pytest.raises(WorkshopError) as refused:
        Scale.from_data(fields, "Vraag 2")
    assert refused.value.reason == "invalid_definition"
