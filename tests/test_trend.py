"""The pure trend of a network's sessions: measurements per instrument and session, side by side per item and
organisation."""

from workshop.activities.base import Answer, Participant
from workshop.library import definition_for
from workshop.trend import instrument_of, measure, network_name, trend

QUICKSCAN = definition_for("quickscan")
OWN = {"title": "Onze  samenwerking", "items": [{"id": "sfeer", "label": "Sfeer", "kind": "scale", "high": 5},
                                                 {"id": "idee", "label": "Idee", "kind": "text"}]}


def session(code, created_at, participants, *activities):
    """A session as `measure` takes it: activities as (definition, {participant id: {item: value}})."""
    return {"code": code, "title": f"Sessie {code}", "created_at": created_at,
            "participants": {pid: Participant(pid, f"P{pid}", organisation) for pid, organisation in participants},
            "activities": [{"definition": definition, "answers": [Answer(pid, item, str(value))
                                                                  for pid, values in given.items()
                                                                  for item, value in values.items()]}
                           for definition, given in activities]}


def measured(*sessions, aliases=None):
    return [measure(s, aliases or {}) for s in sessions]


def entry(body, instrument="quickscan"):
    return next(i for i in body["instruments"] if i["instrument"] == instrument)


def test_the_sessions_come_oldest_first_and_each_item_has_a_brief_per_session():
    newer = session("BBBBBB", "2026-03-01T10:00:00.000+00:00", [(1, "GGD")], (QUICKSCAN, {1: {"ambitie": 8}}))
    older = session("AAAAAA", "2026-01-01T10:00:00.000+00:00", [(1, "GGD")], (QUICKSCAN, {1: {"ambitie": 6}}))
    body = trend(measured(newer, older), {})
    assert [s["code"] for s in body["sessions"]] == ["AAAAAA", "BBBBBB"]
    assert [b["mean"] for b in entry(body)["items"]["ambitie"]] == [6.0, 8.0]
    assert entry(body)["labels"]["ambitie"] == QUICKSCAN.item("ambitie").label


def test_means_are_rounded_to_two_decimals_as_the_briefs_are():
    people = [(1, "A"), (2, "A"), (3, "B")]
    first = session("AAAAAA", "1", people, (QUICKSCAN, {1: {"ambitie": 7}, 2: {"ambitie": 8}, 3: {"ambitie": 8}}))
    second = session("BBBBBB", "2", people, (QUICKSCAN, {1: {"ambitie": 5}, 2: {"ambitie": 6}, 3: {"ambitie": 6}}))
    [ambitie_first, ambitie_second] = entry(trend(measured(first, second), {}))["items"]["ambitie"]
    assert (ambitie_first["mean"], ambitie_second["mean"]) == (7.67, 5.67)


def test_an_organisation_missing_in_a_session_is_none_there():
    first = session("AAAAAA", "1", [(1, "GGD"), (2, "Gemeente")], (QUICKSCAN, {1: {"ambitie": 6}, 2: {"ambitie": 4}}))
    second = session("BBBBBB", "2", [(1, "gemeente")], (QUICKSCAN, {1: {"ambitie": 9}}))
    organisations = {o["name"]: o["items"]["ambitie"] for o in entry(trend(measured(first, second), {}))["organisations"]}
    assert list(organisations) == ["gemeente", "GGD"]  # spelled as the newest session that has it spells it
    assert [b and b["mean"] for b in organisations["gemeente"]] == [4.0, 9.0]
    assert organisations["GGD"][0]["mean"] == 6.0 and organisations["GGD"][1] is None


def test_an_item_answered_in_one_session_only_has_an_empty_brief_in_the_other_and_does_not_lead_the_order():
    first = session("AAAAAA", "1", [(1, "A")], (QUICKSCAN, {1: {"ambitie": 5, "belangen": 2}}))
    second = session("BBBBBB", "2", [(1, "A")], (QUICKSCAN, {1: {"ambitie": 6}}))
    quickscan = entry(trend(measured(first, second), {}))
    assert quickscan["items"]["belangen"][0]["n"] == 1 and quickscan["items"]["belangen"][1]["n"] == 0
    assert quickscan["order"][0] == "ambitie"  # the one item that moved; the others keep the instrument's order
    assert quickscan["order"][1:] == [item.id for item in QUICKSCAN.items if item.id != "ambitie"]


def test_aliases_make_two_spellings_one_organisation_named_as_the_alias_says():
    aliases = {"gem. utrecht": "Gemeente Utrecht", "gu": "gem. utrecht"}  # an alias of an alias is followed along
    first = session("AAAAAA", "1", [(1, "Gemeente Utrecht"), (2, "GU")],
                    (QUICKSCAN, {1: {"ambitie": 4}, 2: {"ambitie": 6}}))
    second = session("BBBBBB", "2", [(1, "Gem. Utrecht"), (2, "gemeente utrecht")],
                     (QUICKSCAN, {1: {"ambitie": 8}, 2: {"ambitie": 9}}))
    organisations = entry(trend(measured(first, second, aliases=aliases), aliases))["organisations"]
    assert [o["name"] for o in organisations] == ["Gemeente Utrecht"]
    assert [b["n"] for b in organisations[0]["items"]["ambitie"]] == [2, 2]
    assert [b["mean"] for b in organisations[0]["items"]["ambitie"]] == [5.0, 8.5]
    assert network_name("GU", aliases) == "Gemeente Utrecht" and network_name("GGD", aliases) == "GGD"
    assert network_name("a", {"a": "b", "b": "a"}) == "a"  # a circle of aliases ends


def test_an_own_activity_is_the_same_instrument_by_its_title_and_item_ids():
    own, retitled = definition_for(OWN), definition_for({**OWN, "title": "onze samenwerking"})
    other_items = definition_for({**OWN, "items": OWN["items"][:1] + [{"id": "x", "label": "X", "kind": "text"}]})
    assert instrument_of(own) == instrument_of(retitled) != instrument_of(other_items)
    assert instrument_of(QUICKSCAN) == "quickscan"
    first = session("AAAAAA", "1", [(1, "A")], (own, {1: {"sfeer": 2}}))
    second = session("BBBBBB", "2", [(1, "A")], (retitled, {1: {"sfeer": 4}}))
    third = session("CCCCCC", "3", [(1, "A")], (other_items, {1: {"sfeer": 5}}))
    [own_trend] = trend(measured(first, second, third), {})["instruments"]
    assert own_trend["title"] == "onze samenwerking" and list(own_trend["items"]) == ["sfeer"]  # text is not compared
    assert [b and b["mean"] for b in own_trend["items"]["sfeer"]] == [2.0, 4.0, None]


def test_an_instrument_in_one_session_only_is_left_out():
    first = session("AAAAAA", "1", [(1, "A")], (QUICKSCAN, {1: {"ambitie": 5}}),
                    (definition_for("succesfactoren"), {1: {"visie": "groen"}}))
    second = session("BBBBBB", "2", [(1, "A")], (QUICKSCAN, {1: {"ambitie": 6}}))
    assert [i["instrument"] for i in trend(measured(first, second), {})["instruments"]] == ["quickscan"]
    assert trend(measured(first), {})["instruments"] == []


def test_a_session_counts_the_last_round_with_answers_else_its_last_activity():
    first = session("AAAAAA", "1", [(1, "A")], (QUICKSCAN, {1: {"ambitie": 3}}), (QUICKSCAN, {1: {"ambitie": 5}}),
                    (QUICKSCAN, {}))
    second = session("BBBBBB", "2", [(1, "A")], (QUICKSCAN, {}), (QUICKSCAN, {}))
    [first_brief, second_brief] = entry(trend(measured(first, second), {}))["items"]["ambitie"]
    assert first_brief["mean"] == 5.0 and second_brief["n"] == 0
