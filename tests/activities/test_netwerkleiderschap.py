"""Pure tests of the netwerkleiderschap definition, validation and aggregation."""

import pytest

from workshop.activities import Answer, Entry, Participant
from workshop.library import instrument
from workshop.kinds import Choice, Text
from workshop.activities.netwerkleiderschap import count_names, split_names
from workshop.errors import WorkshopError

NL = instrument("netwerkleiderschap")
ROLES = ("strateeg", "verkenner", "ontwikkelaar", "procesmanager")
PEOPLE = {1: Participant(1, "An", "Gemeente Venlo"), 2: Participant(2, "Bo", "GGD"), 3: Participant(3, "Cas", "")}


def names_entry(entry_id, participant, text, role="strateeg", hidden=False):
    return Entry(entry_id, participant, f"{role}-namen", text, hidden=hidden)


def test_four_roles_with_their_kernvraag_and_the_worksheets_four_questions_each():
    groups = {group.id: group for group in NL.groups}
    assert [g.label for g in NL.groups[:4]] == [f"De netwerkleider als {role}" for role in ROLES]
    assert groups["strateeg"].question == "Kernvraag: hoe geven we invulling aan de koers van het netwerk?"
    assert groups["verkenner"].question == \
        "Kernvraag: hoe houden we contact met en staan we open voor onze omgeving?"
    assert groups["ontwikkelaar"].question == \
        "Kernvraag: hoe creëren we condities om betekenisvol samen te werken?"
    assert groups["procesmanager"].question == "Kernvraag: hoe zorgen we voor effectieve samenwerkingsprocessen?"
    assert len(NL.items) == 17
    for role in ROLES:
        belegd, namen, bijdrage, versterking = [item for item in NL.items if item.group == role]
        assert belegd.label == f"Is de rol van {role} voldoende belegd?"
        assert namen.label == f"Welke personen of organisaties leveren vooral een bijdrage als {role}?"
        assert bijdrage.label == f"Wat is mijn persoonlijke bijdrage als {role}?"
        assert versterking.label.startswith("Indien relevant: wat zijn mogelijkheden ter versterking")
        assert isinstance(belegd.kind, Choice)
        assert belegd.question.startswith(f"De bijdrage van de {role} is gericht op")
        assert all(isinstance(item.kind, Text) for item in (namen, bijdrage, versterking))
        assert namen.kind.max_length < bijdrage.kind.max_length and namen.kind.max_entries > 1
    balance = NL.items[-1]
    assert balance.id == "balans" and balance.label == "Zijn de rollen in balans vertegenwoordigd?"
    assert "netwerkleaderschap" not in repr(NL.describe()).lower()  # the seed's misspelling stays out


def test_the_choice_is_ja_deels_nee_in_traffic_light_tones():
    options = NL.item("strateeg-belegd").kind.options
    assert [(o.value, o.label, o.tone) for o in options] == \
        [("ja", "Ja", "groen"), ("deels", "Deels", "oranje"), ("nee", "Nee", "rood")]
    assert NL.item("balans").kind == NL.item("strateeg-belegd").kind
    assert NL.validate("balans", "deels") == "deels"
    with pytest.raises(WorkshopError, match="Kies een van: ‘Ja’, ‘Deels’, ‘Nee’"):
        NL.validate("verkenner-belegd", "misschien")
    with pytest.raises(WorkshopError):
        NL.validate("verkenner-namen", "ja")


def test_the_quadrant_places_each_role_as_in_the_model():
    places = {role.id: (role.row, role.column) for role in NL.roles}
    assert places == {"strateeg": ("richten", "verduurzamen"), "verkenner": ("richten", "vernieuwen"),
                      "ontwikkelaar": ("inrichten", "verduurzamen"), "procesmanager": ("inrichten", "vernieuwen")}
    assert dict(NL.rows) == {"richten": "Richten", "inrichten": "Inrichten & verrichten"}
    assert dict(NL.columns) == {"verduurzamen": "Verduurzamen", "vernieuwen": "Vernieuwen"}
    assert {role.id: NL.place(role) for role in NL.roles} == \
        {"strateeg": (1, 1), "verkenner": (1, 2), "ontwikkelaar": (2, 1), "procesmanager": (2, 2)}
    roles = NL.aggregate([], {}, [])["roles"]
    assert [(r["id"], r["row"], r["column"]) for r in roles] == \
        [(role.id, role.row, role.column) for role in NL.roles]


@pytest.mark.parametrize("text, names", [
    ("Gemeente Venlo", ["Gemeente Venlo"]),
    ("Gemeente Venlo, GGD;  wethouder   Jansen ", ["Gemeente Venlo", "GGD", "wethouder Jansen"]),
    ("Piet.; , - Kees", ["Piet", "Kees"]),
    (",;", []),
    ("“Zorggroep Noord”", ["Zorggroep Noord"]),
])
def test_a_card_is_split_into_names_on_commas_and_semicolons(text, names):
    assert split_names(text) == names


def test_names_are_counted_per_participant_forgiving_case_and_spacing_without_hidden_cards():
    entries = [
        names_entry(1, 1, "Gemeente Venlo, GGD"),
        names_entry(2, 2, "gemeente  venlo; Zorggroep Noord"),
        names_entry(3, 3, "Gemeente Venlo"),
        names_entry(4, 1, "GEMEENTE VENLO"),           # An names it twice: still one person
        names_entry(5, 3, "Onzin, GGD", hidden=True),  # hidden by the facilitator: not counted
        names_entry(6, 2, "ggd"),
    ]
    assert count_names(entries) == [{"name": "Gemeente Venlo", "count": 3}, {"name": "GGD", "count": 2},
                                    {"name": "Zorggroep Noord", "count": 1}]


def test_the_aggregate_has_per_role_coverage_and_the_top_five_names():
    answers = [Answer(1, "strateeg-belegd", "ja"), Answer(2, "strateeg-belegd", "deels"),
               Answer(3, "strateeg-belegd", "ja"), Answer(1, "procesmanager-belegd", "nee"),
               Answer(2, "balans", "nee"), Answer(3, "balans", "misschien")]
    entries = [names_entry(1, 1, "A, B, C, D, E, F, G"), names_entry(2, 2, "g; f"),
               names_entry(3, 3, "Mevrouw X", role="verkenner"),
               Entry(4, 3, "strateeg-bijdrage", "Ik zit de stuurgroep voor", hidden=True)]
    result = NL.aggregate(answers, PEOPLE, entries)
    assert result["respondents"] == 3
    roles = {role["id"]: role for role in result["roles"]}
    assert list(roles) == list(ROLES)
    strateeg = roles["strateeg"]
    assert strateeg["label"] == "Strateeg" and strateeg["question"].startswith("Hoe geven we invulling")
    assert strateeg["coverage"] == {"kind": "choice", "counts": {"ja": 2, "deels": 1, "nee": 0}, "total": 3}
    assert strateeg["names"] == [{"name": "F", "count": 2}, {"name": "G", "count": 2}, {"name": "A", "count": 1},
                                 {"name": "B", "count": 1}, {"name": "C", "count": 1}]
    assert strateeg["more_names"] == 2
    assert roles["verkenner"]["names"] == [{"name": "Mevrouw X", "count": 1}]
    assert roles["procesmanager"]["coverage"]["counts"] == {"ja": 0, "deels": 0, "nee": 1}
    assert roles["ontwikkelaar"]["coverage"]["total"] == 0 and roles["ontwikkelaar"]["names"] == []
    assert result["balance"] == {"kind": "choice", "counts": {"ja": 0, "deels": 0, "nee": 1}, "total": 1}
    assert result["balance"] == result["items"]["balans"]
    # The cards stay in the generic items, hidden ones too (the console shows them greyed).
    [card] = result["items"]["strateeg-bijdrage"]["cards"]
    assert card["text"] == "Ik zit de stuurgroep voor" and card["hidden"] is True
    assert len(result["items"]["strateeg-namen"]["cards"]) == 2


def test_an_empty_aggregate_has_four_empty_roles():
    result = NL.aggregate([], {}, [])
    assert result["respondents"] == 0 and result["balance"]["total"] == 0
    assert all(r["coverage"]["total"] == 0 and r["names"] == [] and r["more_names"] == 0 for r in result["roles"])
