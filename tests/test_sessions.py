"""Use cases without Flask: create, join, answer, control."""

import pytest

from workshop.errors import WorkshopError
from workshop.sessions import CODE_ALPHABET, Workshops, clean_text, normalise_code
from workshop.store import Store


@pytest.fixture
def workshops(tmp_path):
    workshops = Workshops(Store(tmp_path))
    yield workshops
    workshops.store.close()


@pytest.fixture
def code_and_key(workshops):
    return workshops.create("Werkatelier", ["succesfactoren"])


def test_create_gives_a_readable_code_and_a_long_secret_key(workshops, code_and_key):
    code, key = code_and_key
    assert len(code) == 6 and set(code) <= set(CODE_ALPHABET)
    assert len(key) >= 40
    assert key not in (workshops.store.data_dir / f"{code}.sqlite").read_bytes().decode("latin-1")
    assert workshops.key_holder(code, key).role == "facilitator"
    for wrong in ("", key[:-1], None, 42):
        with pytest.raises(WorkshopError) as refused:
            workshops.key_holder(code, wrong)
        assert refused.value.status == 403


@pytest.mark.parametrize("title, kinds", [("", ["succesfactoren"]), ("x" * 121, ["succesfactoren"]),
                                          ("T", []), ("T", "succesfactoren"), ("T", ["quiz"]), (None, None)])
def test_create_refuses_bad_input(workshops, title, kinds):
    with pytest.raises(WorkshopError):
        workshops.create(title, kinds)
    assert list(workshops.store.data_dir.glob("*.sqlite")) == []


def test_codes_are_normalised_from_what_people_type():
    assert normalise_code(" hk4-t9m ") == "HK4T9M"
    assert clean_text("  Gemeente \n\t Utrecht\x00 ", "organisation", "Organisatie") == "Gemeente Utrecht"


def test_rejoining_with_the_token_keeps_the_participant_and_their_answers(workshops, code_and_key):
    code, _ = code_and_key
    first = workshops.join(code, "An", "Gemeente")
    workshops.control(code, "open", 1)
    workshops.answer(code, first["participant_id"], 1, "visie", "rood")
    again = workshops.join(code, token=first["token"])
    assert again["participant_id"] == first["participant_id"] and again["name"] == "An"
    assert workshops.participant_state(code, again["participant_id"])["answers"] == {"visie": "rood"}


def test_answers_only_while_open(workshops, code_and_key):
    code, _ = code_and_key
    pid = workshops.join(code)["participant_id"]
    with pytest.raises(WorkshopError) as refused:
        workshops.answer(code, pid, 1, "visie", "groen")
    assert refused.value.reason == "closed"
    workshops.control(code, "open", 1)
    workshops.answer(code, pid, 1, "visie", "groen")
    workshops.control(code, "close", 1)
    with pytest.raises(WorkshopError):
        workshops.answer(code, pid, 1, "visie", "rood")
    assert [a["value"] for a in workshops.store.answers(code)] == ["groen"]


def test_next_closes_the_current_activity_and_opens_the_following(tmp_path):
    workshops = Workshops(Store(tmp_path))
    code, _ = workshops.create("Twee rondes", ["succesfactoren", "succesfactoren"])
    workshops.control(code, "next")
    assert workshops.phone_activity(code)["id"] == 1
    overview = workshops.control(code, "next")
    assert overview["current_activity"] == 2
    assert [a["state"] for a in overview["activities"]] == ["closed", "open"]
    with pytest.raises(WorkshopError) as refused:
        workshops.control(code, "next")
    assert refused.value.reason == "no_next"
    workshops.store.close()


def test_previous_closes_the_current_activity_and_opens_the_one_before(tmp_path):
    workshops = Workshops(Store(tmp_path))
    code, _ = workshops.create("Drie rondes", ["succesfactoren", "quickscan", "motieven"])
    with pytest.raises(WorkshopError) as refused:
        workshops.control(code, "previous")  # nothing on the phones yet: nothing before it
    assert refused.value.reason == "no_previous"
    workshops.control(code, "open", 3)
    overview = workshops.control(code, "previous")
    assert overview["current_activity"] == 2
    assert [a["state"] for a in overview["activities"]] == ["closed", "open", "closed"]
    workshops.control(code, "previous")
    with pytest.raises(WorkshopError) as refused:
        workshops.control(code, "previous")
    assert refused.value.reason == "no_previous"
    assert workshops.overview(code)["current_activity"] == 1
    workshops.store.close()


def test_only_one_activity_is_open_unless_the_facilitator_keeps_the_other_open(tmp_path):
    workshops = Workshops(Store(tmp_path))
    code, _ = workshops.create("Twee tegelijk", ["succesfactoren", "quickscan"])
    workshops.control(code, "open", 1)
    states = [a["state"] for a in workshops.control(code, "open", 2)["activities"]]
    assert states == ["closed", "open"]
    states = [a["state"] for a in workshops.control(code, "open", 1, {"keep_open": True})["activities"]]
    assert states == ["open", "open"]
    with pytest.raises(WorkshopError) as refused:
        workshops.control(code, "open", 2, {"keep_open": "yes"})
    assert refused.value.reason == "invalid_keep_open"
    assert workshops.overview(code)["current_activity"] == 1  # a refusal changes nothing
    workshops.store.close()


def test_views_and_result_visibility_are_stored(workshops, code_and_key):
    code, _ = code_and_key
    workshops.control(code, "set_view", 1, {"view": "heatmap"})
    workshops.control(code, "hide_results", 1)
    activity = workshops.overview(code)["activities"][0]
    assert activity["view"] == "heatmap" and activity["show_results"] is False
    with pytest.raises(WorkshopError):
        workshops.control(code, "set_view", 1, {"view": "taart"})


def test_rejoining_changes_only_the_fields_given(workshops, code_and_key):
    code, _ = code_and_key
    first = workshops.join(code, "An", "Gemeente Venlo")
    renamed = workshops.join(code, name="Anne", token=first["token"])
    assert (renamed["name"], renamed["organisation"]) == ("Anne", "Gemeente Venlo")
    silent = workshops.join(code, token=first["token"])
    assert (silent["name"], silent["organisation"]) == ("Anne", "Gemeente Venlo")
    cleared = workshops.join(code, organisation="", token=first["token"])
    assert cleared["organisation"] == "" and cleared["participant_id"] == first["participant_id"]
