"""Pure tests of halen en brengen as reciprocity: a card's partner, checked against the room, and the matrix of who
asks what of whom with its flags."""

import pytest

from workshop.activities import Entry, Participant
from workshop.activities.halen_brengen import reciprocity
from workshop.errors import WorkshopError
from workshop.library import instrument

HB = instrument("halen_brengen")
ROOM = ["Gemeente Roermond", "GGD Limburg", "Woonstichting Noord", ""]
PEOPLE = {
    1: Participant(1, "An", "Gemeente Roermond"),
    2: Participant(2, "Bo", "GGD Limburg"),
    3: Participant(3, "Cas", "Woonstichting Noord"),
    4: Participant(4, "Dewi", " gemeente  ROERMOND"),
}


def test_only_halen_and_brengen_take_a_partner():
    assert list(HB.partner_items) == ["halen", "brengen"]
    assert "organisatie" in str(HB.partner_items["halen"]) and "niet verplicht" in str(HB.partner_items["brengen"])
    assert instrument("motieven").partner_items == {}
    with pytest.raises(WorkshopError) as refused:
        HB.clean_partner("belangen", "GGD Limburg", ROOM, "Gemeente Roermond")
    assert refused.value.reason == "no_partner" and "halen of brengen" in str(refused.value)


@pytest.mark.parametrize("partner", [None, ""])
def test_no_partner_is_none(partner):
    assert HB.clean_partner("halen", partner, ROOM, "Gemeente Roermond") is None
    assert HB.clean_partner("belangen", partner, ROOM, "Gemeente Roermond") is None  # old clients: nothing sent


def test_a_partner_is_one_of_the_room_as_the_results_name_it():
    assert HB.clean_partner("halen", "  ggd   LIMBURG ", ROOM, "Gemeente Roermond") == "GGD Limburg"
    assert HB.clean_partner("brengen", "Woonstichting Noord", ROOM, "GGD Limburg") == "Woonstichting Noord"


@pytest.mark.parametrize("partner, own, reason", [
    ("Provincie Limburg", "Gemeente Roermond", "unknown_partner"),  # not in the room
    ("gemeente roermond", "Gemeente Roermond", "own_organisation"),
    ("x" * 81, "Gemeente Roermond", "too_long"),
    (["GGD Limburg"], "Gemeente Roermond", "invalid_partner"),
    (7, "Gemeente Roermond", "invalid_partner"),
    ("\u200b", "Gemeente Roermond", "unknown_partner"),  # nothing visible names no organisation of the room
])
def test_a_partner_outside_the_room_is_refused_in_dutch(partner, own, reason):
    with pytest.raises(WorkshopError) as refused:
        HB.clean_partner("halen", partner, ROOM, own)
    assert refused.value.reason == reason and str(refused.value)


def card(id, organisation, item, partner, hidden=False):
    return {"id": id, "organisation": organisation, "item": item, "partner": partner, "hidden": hidden}


def test_the_matrix_pairs_what_one_asks_with_what_the_other_brings_and_flags_the_rest():
    cards = [
        card(1, "Gemeente Roermond", "halen", "GGD Limburg"),
        card(2, "GGD Limburg", "brengen", "Gemeente Roermond"),  # matches 1
        card(3, "Gemeente Roermond", "halen", "Woonstichting Noord"),  # asked, nobody brings
        card(4, "Woonstichting Noord", "brengen", "GGD Limburg"),  # offered, nobody asks
        card(5, "GGD Limburg", "halen", None),  # names nobody
        card(6, "Gemeente Roermond", "halen", "GGD Limburg"),
    ]
    matrix = reciprocity(cards, ["GGD Limburg", "Woonstichting Noord", "Gemeente Roermond"])
    assert matrix["organisations"] == ["Gemeente Roermond", "GGD Limburg", "Woonstichting Noord"]
    assert matrix["pairs"] == [
        {"asker": "Gemeente Roermond", "giver": "GGD Limburg", "asks": [1, 6], "brings": [2], "flag": "matched"},
        {"asker": "Gemeente Roermond", "giver": "Woonstichting Noord", "asks": [3], "brings": [], "flag": "unmet"},
        {"asker": "GGD Limburg", "giver": "Woonstichting Noord", "asks": [], "brings": [4], "flag": "unasked"},
    ]
    assert matrix["unnamed"] == {"halen": [5], "brengen": []}


def test_a_partner_who_left_the_room_keeps_its_stored_name_and_an_empty_room_has_no_pairs():
    matrix = reciprocity([card(1, "GGD Limburg", "brengen", "Provincie Limburg")], ["GGD Limburg"])
    assert matrix["organisations"] == ["GGD Limburg", "Provincie Limburg"]
    assert matrix["pairs"] == [{"asker": "Provincie Limburg", "giver": "GGD Limburg", "asks": [], "brings": [1],
                                "flag": "unasked"}]
    assert reciprocity([], []) == {"organisations": [], "unnamed": {"halen": [], "brengen": []}, "pairs": []}


def test_the_aggregate_carries_the_partner_and_leaves_hidden_cards_out_of_the_matrix():
    entries = [Entry(1, 1, "halen", "Huisartsen", partner="GGD Limburg"),
               Entry(2, 2, "brengen", "Wijkverpleging", partner="gemeente roermond"),  # spelled otherwise
               Entry(3, 4, "halen", "Woningen", partner="Woonstichting Noord", hidden=True),
               Entry(4, 3, "belangen", "Minder wachtlijst")]
    aggregate = HB.aggregate([], PEOPLE, entries)
    assert [c["partner"] for c in aggregate["items"]["halen"]["cards"]] == ["GGD Limburg", "Woonstichting Noord"]
    assert aggregate["items"]["belangen"]["cards"][0]["partner"] is None
    assert aggregate["reciprocity"]["pairs"] == [
        {"asker": "Gemeente Roermond", "giver": "GGD Limburg", "asks": [1], "brings": [2], "flag": "matched"}]
    assert aggregate["reciprocity"]["organisations"] == ["Gemeente Roermond", "GGD Limburg", "Woonstichting Noord"]
