"""Answer kind 'text': cleaning a card (good, bad, hostile), the summary's cards, and the cards table."""

import pytest

from workshop.activities import Entry, Participant
from workshop.errors import WorkshopError
from workshop.kinds import Text, kind_from
from workshop.kinds import text as text_kind

CARDS = kind_from({"kind": "text", "max_length": 20, "max_entries": 2}, "test")


def test_a_card_is_one_clean_line():
    assert CARDS.clean("  meer\n\tkoffie ") == "meer koffie"
    assert CARDS.clean("e\u0301") == "é"


@pytest.mark.parametrize(("value", "reason"), [
    ("", "empty_text"), ("\u200b\u202e", "empty_text"), (" \n ", "empty_text"), ("x" * 21, "too_long"),
    (None, "invalid_text"), (7, "invalid_text"), (["a"], "invalid_text"), ({"text": "a"}, "invalid_text")])
def test_empty_long_or_wrong_cards_are_refused(value, reason):
    with pytest.raises(WorkshopError) as refused:
        CARDS.clean(value)
    assert refused.value.reason == reason


def test_summary_cards_carry_their_organisation():
    people = {1: Participant(1, "Anna", "Venlo")}
    summary = CARDS.summary([Entry(3, 1, "idee", "Koffie", "2026-12-01T10:00:00+00:00")], people, {1: "Venlo"})
    [card] = summary["cards"]
    assert (card["text"], card["organisation"], card["name"], card["hidden"]) == ("Koffie", "Venlo", "Anna", False)


def test_the_cards_table_has_every_card_hidden_ones_marked():
    item = {"id": "idee", "label": "Idee", **CARDS.describe()}
    people = {1: Participant(1, "Anna", "Venlo")}
    entries = [Entry(3, 1, "idee", "Koffie", "2026-12-01T10:00:00+00:00", hidden=True)]
    [table] = text_kind.tables([item], {"idee": CARDS.summary(entries, people, {1: "Venlo"})})
    assert table.rows == [["Idee", "Koffie", "Venlo", "Anna", "01-12-2026 11:00:00", "nee", "ja", "nee"]]
    assert text_kind.tables([], {}) == []


@pytest.mark.parametrize("fields", [{"max_length": 9}, {"max_length": 281}, {"max_entries": 0},
                                    {"max_entries": True}, {"placeholder": 5}])
def test_a_definition_refuses_limits_out_of_range(fields):
    with pytest.raises(WorkshopError) as refused:
        Text.from_data(fields, "Vraag 3")
    assert refused.value.reason == "invalid_definition"
