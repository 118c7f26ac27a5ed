"""The library is read from its files and checked: a mistake names the file and the place; own activities and
instrument objects are validated like any input."""

import json

import pytest

from workshop.activities import LAYOUTS
from workshop.errors import WorkshopError
from workshop.library import (FOLDER, INSTRUMENTS, TEMPLATES, LibraryError, definition_for, definitions_for,
                              load_instruments, load_templates)
from workshop.stored import definition_json, definition_of


def test_every_instrument_file_loads_and_round_trips_through_its_stored_json():
    files = sorted(path.stem for path in (FOLDER / "instruments").glob("*.toml"))
    assert sorted(INSTRUMENTS) == files and len(files) >= 5
    for definition in INSTRUMENTS.values():
        assert definition.layout in LAYOUTS and definition.purpose and definition.source and definition.handbook
        assert definition_of({"definition": definition_json(definition)}) == definition


def test_every_starter_template_names_instruments_that_exist():
    for template in TEMPLATES.values():
        assert template["title"] and definitions_for(template["activities"])


def write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("text", "said"), [
    ('title = "X"\nitems = [', "geen geldige TOML"),
    ('title = "X"\nhandbook = "004"\n[[items]]\nid = "a"\nlabel = "A"\nkind = "quiz"\n', "vraag 1: kies als soort"),
    ('title = "X"\nhandbook = "004"\n[[items]]\nid = "a"\nlabel = "A"\nkind = "scale"\nlow = 1\nhigh = 40\n',
     "vraag 1: het hoogste getal (high) moet een geheel getal"),
    ('title = "X"\nhandbook = "999"\n[[items]]\nid = "a"\nlabel = "A"\nkind = "stoplicht"\n', "‘999’"),
    ('title = "X"\nhandbook = "004"\nlayout = "halen_brengen"\n[[items]]\nid = "a"\nlabel = "A"\nkind = "text"\n',
     "balans"),
])
def test_a_broken_instrument_file_is_refused_with_its_name_and_place(tmp_path, text, said):
    with pytest.raises(LibraryError, match="kapot.toml") as refused:
        load_instruments(write(tmp_path / "instruments", "kapot.toml", text))
    assert said in str(refused.value)


def test_a_template_naming_an_unknown_instrument_is_refused(tmp_path):
    folder = write(tmp_path / "templates", "start.toml", 'title = "T"\n[[activities]]\ninstrument = "bestaat-niet"\n')
    with pytest.raises(LibraryError, match="start.toml: .*Onbekend soort activiteit"):
        load_templates(folder)


def test_an_instrument_object_gets_its_own_title_and_intro_and_keeps_the_wording():
    nulmeting = definition_for({"instrument": "quickscan", "title": "Nulmeting", "intro": "Zoals het nu is."})
    assert (nulmeting.title, nulmeting.intro) == ("Nulmeting", "Zoals het nu is.")
    assert nulmeting.items == INSTRUMENTS["quickscan"].items and nulmeting.layout == "quickscan"


def test_an_own_activity_of_stoplicht_items_gets_the_stoplicht_views_and_a_mixed_one_the_generic_ones():
    four = definition_for({"title": "Onze factoren", "items": [
        {"label": f"Factor {n}", "kind": "stoplicht"} for n in range(4)]})
    assert four.layout == "stoplicht" and [i.id for i in four.items] == ["v1", "v2", "v3", "v4"]
    mixed = definition_for({"title": "Mix", "items": [{"label": "A", "kind": "stoplicht"},
                                                       {"label": "B", "kind": "points", "options": ["x", "y"]}]})
    assert mixed.layout == "eigen" and mixed.kind == "eigen"


@pytest.mark.parametrize(("spec", "reason", "said"), [
    ({"title": "T", "items": []}, "invalid_definition", "1 tot en met 40 vragen"),
    ({"title": "T", "items": [{"label": "A", "kind": "stoplicht"}] * 41}, "invalid_definition", "40"),
    ({"title": "", "items": [{"label": "A", "kind": "stoplicht"}]}, "invalid_definition", "titel"),
    ({"title": "T", "items": [{"label": "A" * 121, "kind": "stoplicht"}]}, "invalid_definition", "te lang"),
    ({"title": "T", "items": [{"label": "A", "kind": "choice", "options": ["één"]}]}, "invalid_definition", "2 tot"),
    ({"title": "T", "items": [{"label": "A", "kind": "choice", "options": ["x"] * 13}]}, "invalid_definition", "12"),
    ({"title": "T", "items": [{"label": "A", "kind": "choice", "options": ["Ja", {"label": "Nee", "value": "ja"}]}]},
     "invalid_definition", "uniek"),
    ({"title": "T", "items": [{"label": "A", "kind": "points", "options": ["x", "y"], "points": 10**9}]},
     "invalid_definition", "1 tot en met 100"),
    ({"title": "T", "items": [{"label": "A", "kind": "text", "max_entries": 8}] * 8}, "invalid_definition", "60"),
    ({"title": "T", "items": [{"label": "A", "kind": "scale", "low": True, "high": 5}]}, "invalid_definition", "low"),
    ({"title": "T", "items": [{"label": "A", "kind": "stoplicht", "id": "../x"}]}, "invalid_definition", "id"),
    ({"title": "T", "items": [{"label": "A", "kind": "stoplicht", "group": "g"}]}, "invalid_definition", "groep"),
    ({"title": "T", "layout": "netwerkleiderschap", "items": "alles"}, "invalid_definition", "vragen"),
    ({"instrument": "bestaat-niet"}, "unknown_activity_type", "Kies uit"),
    ({"instrument": "quickscan", "title": ["Nulmeting"]}, "invalid_definition", "tekst"),
    (["quickscan"], "unknown_activity_type", "object"),
])
def test_hostile_activities_get_a_dutch_refusal_naming_the_place(spec, reason, said):
    with pytest.raises(WorkshopError) as refused:
        definitions_for([spec])
    assert refused.value.reason == reason and said in refused.value.message, refused.value.message
    assert refused.value.message.startswith("Activiteit 1")


def test_an_own_activity_cannot_choose_a_layout_or_a_type():
    """Only the library's files pick the handbook layouts: an own activity asking for one gets the generic view."""
    spec = {"title": "T", "layout": "halen_brengen", "type": "succesfactoren",
            "items": [{"label": "A", "kind": "choice", "options": ["x", "y"]}]}
    definition = definition_for(spec)
    assert (definition.layout, definition.kind) == ("eigen", "eigen")
    assert json.loads(definition_json(definition))["type"] == "eigen"
