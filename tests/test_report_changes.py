"""The pure builder of the report's "Wat is er veranderd": series of rounds and of a network's sessions, the
largest improvements and declines, per organisation, rounded as shown."""

from workshop.activities.base import Answer, Participant
from workshop.changes import briefs, compare
from workshop.exports import Formatted, change_tables
from workshop.library import definition_for
from workshop.report_changes import chapter, network_series, of_organisation, rounds_series, series_of

QUICKSCAN, SUCCES = definition_for("quickscan"), definition_for("succesfactoren")
PEOPLE = {1: Participant(1, "An", "Gemeente Utrecht"), 2: Participant(2, "Bo", "gemeente  utrecht"),
          3: Participant(3, "Cas", "GGD"), 4: Participant(4, "Dien", "GGD")}


def answered(**values):
    """Answers of person 1, 2, … to each item: answered(ambitie=(6, 7, 5)) -> three answers to 'ambitie'."""
    return [Answer(pid, item, str(value)) for item, row in values.items()
            for pid, value in enumerate(row, start=1) if value is not None]


def round_compare(definition, first, second, round_number=2, of=None):
    """The `compare` a later round's aggregate carries (the rounds contract), made by workshop.changes: round n is
    activity n, a round of activity n - 1 (or of `of`)."""
    return {"with": of or round_number - 1, "round": round_number, "with_round": round_number - 1,
            **compare(briefs(definition, first, PEOPLE), briefs(definition, second, PEOPLE))}


def rounds(definition, *measurements):
    """A chapter of a chain of rounds, each measurement the answers of one round."""
    compares = [(n, round_compare(definition, a, b, n))
                for n, (a, b) in enumerate(zip(measurements, measurements[1:]), start=2)]
    return chapter(rounds_series(definition.describe(), compares))


def figures(row):
    return [(f["option"]["value"] if f["option"] else None, f["before"], f["after"], f["change"])
            for f in row["figures"]]


def test_the_largest_improvements_and_declines_of_a_scale_with_their_means():
    part = rounds(QUICKSCAN,
                  answered(ambitie=(6, 6, 6, 6), belangen=(5, 5, 5, 5), relatie=(8, 8, 8, 8), organisatie=(7, 7, 7, 7),
                           proces=(6, 6, 6, 6)),
                  answered(ambitie=(7, 7, 7, 7), belangen=(8, 8, 8, 8), relatie=(6, 6, 6, 6), organisatie=(7, 7, 7, 7),
                           proces=(5, 5, 5, 5)))
    assert [row["item"] for row in part["improved"]] == ["belangen", "ambitie"]
    assert [row["item"] for row in part["declined"]] == ["relatie", "proces"]
    assert figures(part["improved"][0]) == [(None, 5.0, 8.0, 3.0)]
    assert part["improved"][0]["label"] == "Belangen"
    assert part["before"] == {"round": 1} and part["after"] == {"round": 2}
    assert {row["item"]: row["direction"] for row in part["rows"]}["organisatie"] == "same"
    assert part["moved"] == []


def test_a_change_is_the_difference_of_the_rounded_means_so_the_numbers_add_up():
    # 6.25 (shown 6,2) -> 7.75 (shown 7,8) is shown as +1,6, not as +1,5
    part = rounds(QUICKSCAN, answered(ambitie=(6, 6, 6, 7)), answered(ambitie=(8, 8, 8, 7)))
    [row] = part["improved"]
    assert figures(row) == [(None, 6.2, 7.8, 1.6)]


def test_a_change_too_small_to_show_is_no_improvement():
    # 6.25 -> 6.2: both shown as 6,2
    part = rounds(QUICKSCAN, answered(ambitie=(6, 6, 6, 7)), answered(ambitie=(6, 6, 6, 7, 6)))
    assert part["improved"] == part["declined"] == []
    assert {row["item"]: row["direction"] for row in part["rows"]}["ambitie"] == "same"


def test_only_the_top_three_and_ties_keep_the_order_of_the_items():
    first = answered(ambitie=(5,), belangen=(5,), relatie=(5,), organisatie=(5,), proces=(5,))
    second = answered(ambitie=(6,), belangen=(7,), relatie=(6,), organisatie=(6,), proces=(7,))
    part = rounds(QUICKSCAN, first, second)
    assert [row["item"] for row in part["improved"]] == ["belangen", "proces", "ambitie"]  # then relatie, organisatie


def test_a_stoplicht_improves_with_more_groen_and_less_rood_and_shows_those_shares():
    part = rounds(SUCCES, answered(visie=("groen", "rood", "rood", "oranje"), durf=("groen",) * 4),
                  answered(visie=("groen", "groen", "oranje", "oranje"), durf=("groen", "groen", "oranje", "rood")))
    [better] = part["improved"]
    assert better["item"] == "visie" and better["gain"] == 0.375
    assert figures(better) == [("groen", 25, 50, 25), ("rood", 50, 0, -50)]
    [worse] = part["declined"]
    assert worse["item"] == "durf" and figures(worse) == [("groen", 100, 50, -50), ("rood", 0, 25, 25)]


def test_a_choice_without_tones_only_moved():
    definition = definition_for({"title": "Eigen", "items": [
        {"label": "Waar", "kind": "choice", "options": ["Lokaal", "Regionaal", "Landelijk"]},
        {"label": "Cijfer", "kind": "scale", "high": 10}]})
    part = rounds(definition, answered(v1=("lokaal", "lokaal", "regionaal")),
                  answered(v1=("landelijk", "lokaal", "landelijk")))
    [moved] = part["moved"]
    assert part["improved"] == part["declined"] == []
    assert moved["direction"] == "moved" and figures(moved) == [("landelijk", 0, 67, 67)]
    assert moved["figures"][0]["option"]["label"] == "Landelijk"


def test_an_item_answered_in_one_round_only_is_not_compared():
    part = rounds(QUICKSCAN, answered(ambitie=(6, 6), belangen=(5,)), answered(ambitie=(8, 8)))
    rows = {row["item"]: row for row in part["rows"]}
    assert rows["belangen"]["direction"] is None and figures(rows["belangen"]) == [(None, 5.0, None, None)]
    assert rows["proces"]["direction"] is None and rows["proces"]["figures"] == []
    assert [row["item"] for row in part["improved"]] == ["ambitie"]


def test_per_organisation_its_own_changes_and_an_organisation_in_one_round_only_has_none():
    first = answered(ambitie=(6, 6, 4, 4))  # Utrecht 6, GGD 4
    second = answered(ambitie=(8, 8))  # Utrecht only: 8
    part = rounds(QUICKSCAN, first, second)
    organisations = {o["name"]: o for o in part["organisations"]}
    assert list(organisations) == ["Gemeente Utrecht", "GGD"]
    assert organisations["Gemeente Utrecht"]["compared"]
    assert figures(organisations["Gemeente Utrecht"]["improved"][0]) == [(None, 6.0, 8.0, 2.0)]
    assert not organisations["GGD"]["compared"] and organisations["GGD"]["improved"] == []
    [mine] = of_organisation([part], "gemeente utrecht ")
    assert mine["title"] == "Quick scan samenwerking" and mine["rows"][0]["direction"] == "better"
    assert of_organisation([part], "GGD")[0]["rows"] == []
    assert of_organisation([part], "Nergens")[0]["rows"] == []


def test_a_chain_of_three_rounds_compares_the_first_with_the_last():
    part = rounds(QUICKSCAN, answered(ambitie=(5, 5)), answered(ambitie=(9, 9)), answered(ambitie=(7, 7)))
    assert [column["round"] for column in part["columns"]] == [1, 2, 3]
    assert part["after"] == {"round": 3}
    assert figures(part["improved"][0]) == [(None, 5.0, 7.0, 2.0)]


# --- a network's sessions -----------------------------------------------------------------------------------------

SESSIONS = [{"code": code, "title": f"Quick scan {n}", "created_at": f"2026-0{n}-01T10:00:00+00:00"}
            for n, code in enumerate(["AAAAAA", "BBBBBB", "CCCCCC"], start=1)]


def trend_of(*measurements):
    """An aggregate's `trend` (the network contract) of three sessions' answers, made by workshop.changes."""
    measured = [briefs(QUICKSCAN, answers, PEOPLE) for answers in measurements]
    names = list(dict.fromkeys(o["name"] for m in measured for o in m["organisations"]))
    by_name = [{o["name"]: o["items"] for o in m["organisations"]} for m in measured]
    order = list(measured[0]["items"])
    return {"sessions": SESSIONS, "labels": {item: f"trend {item}" for item in order}, "order": order,
            "items": {item: [m["items"][item] for m in measured] for item in order},
            "organisations": [{"name": name, "items": {item: [b.get(name, {}).get(item) for b in by_name]
                                                       for item in order}} for name in names]}


def test_a_network_compares_the_first_session_with_this_one():
    trend = trend_of(answered(ambitie=(5, 5, 6, 6)), answered(ambitie=(6, 6, 6, 6)), answered(ambitie=(8, 8, 5, 5)))
    last = chapter(network_series(QUICKSCAN.describe(), trend, "CCCCCC"))
    assert last["kind"] == "network" and last["before"]["code"] == "AAAAAA" and last["after"]["code"] == "CCCCCC"
    assert figures(last["improved"][0]) == [(None, 5.5, 6.5, 1.0)]
    assert last["improved"][0]["label"] == "Ambitie"  # the activity's wording, not the trend's
    organisations = {o["name"]: o for o in last["organisations"]}
    assert figures(organisations["GGD"]["declined"][0]) == [(None, 6.0, 5.0, -1.0)]
    middle = chapter(network_series(QUICKSCAN.describe(), trend, "BBBBBB"))
    assert middle["after"]["code"] == "BBBBBB" and figures(middle["improved"][0]) == [(None, 5.5, 6.0, 0.5)]
    first = chapter(network_series(QUICKSCAN.describe(), trend, "AAAAAA"))  # the first: where it went since
    assert first["after"]["code"] == "CCCCCC"


def test_a_network_matches_an_organisation_through_its_aliases():
    trend = trend_of(answered(ambitie=(5, 5, 6, 6)), answered(ambitie=(6, 6, 6, 6)), answered(ambitie=(8, 8, 5, 5)))
    part = chapter(network_series(QUICKSCAN.describe(), trend, "CCCCCC"))
    [mine] = of_organisation([part], "Gem. Utrecht", {"gem. utrecht": "Gemeente Utrecht"})
    assert mine["rows"][0]["item"] == "ambitie" and mine["rows"][0]["direction"] == "better"
    assert of_organisation([part], "Gem. Utrecht")[0]["rows"] == []


# --- a session's series, and the xlsx sheet's tables ---------------------------------------------------------------


def described(activity_id, definition, round_of=None):
    """An activity as the overview describes it (the rounds contract adds round_of)."""
    return {**definition.describe(), "id": activity_id, "round_of": round_of}


def test_a_session_has_a_series_per_chain_of_rounds_and_per_trend():
    first, second, third = answered(ambitie=(5, 5)), answered(ambitie=(6, 6)), answered(ambitie=(8, 8))
    activities = [described(1, QUICKSCAN), described(2, SUCCES), described(3, QUICKSCAN, round_of=1),
                  described(4, QUICKSCAN, round_of=3)]
    trend = trend_of(answered(ambitie=(5, 5, 6, 6)), answered(ambitie=(6, 6, 6, 6)), answered(ambitie=(8, 8, 5, 5)))
    later = trend_of(answered(ambitie=(5, 5, 6, 6)), answered(ambitie=(6, 6, 6, 6)), answered(ambitie=(9, 9)))
    aggregates = {"1": {"trend": trend, "respondents": 2}, "2": {},
                  "3": {"compare": round_compare(QUICKSCAN, first, second, 2), "trend": later, "respondents": 2},
                  "4": {"compare": round_compare(QUICKSCAN, second, third, 3, of=3), "trend": trend, "respondents": 0}}
    [rounds_part, network_part] = series_of(activities, aggregates, "CCCCCC")
    assert rounds_part["kind"] == "rounds" and [c["round"] for c in rounds_part["columns"]] == [1, 2, 3]
    assert network_part["kind"] == "network"  # once: of the last round with answers
    assert network_part["items"]["ambitie"][2]["mean"] == 9.0 and network_part["title"] == "Quick scan samenwerking"
    assert series_of([described(1, QUICKSCAN)], {"1": {}}, "CCCCCC") == []


def test_two_rounds_of_the_same_round_are_both_columns_and_the_last_is_compared():
    activities = [described(1, QUICKSCAN), described(2, QUICKSCAN, round_of=1), described(3, QUICKSCAN, round_of=1)]
    first, second, again = answered(ambitie=(5, 5)), answered(ambitie=(6, 6)), answered(ambitie=(9, 9))
    aggregates = {"1": {}, "2": {"compare": round_compare(QUICKSCAN, first, second, 2)},
                  "3": {"compare": round_compare(QUICKSCAN, first, again, 2, of=1)}}
    [series] = series_of(activities, aggregates, "CCCCCC")
    assert series["columns"] == [{"round": 1}, {"round": 2}, {"round": 2}]
    assert [brief["mean"] for brief in series["items"]["ambitie"]] == [5.0, 6.0, 9.0]
    assert figures(chapter(series)["improved"][0]) == [(None, 5.0, 9.0, 4.0)]


def test_the_xlsx_tables_hold_numbers_a_column_per_round_and_the_change(app):
    activities = [described(1, SUCCES), described(2, SUCCES, round_of=1)]
    aggregates = {"1": {}, "2": {"compare": round_compare(
        SUCCES, answered(visie=("groen", "rood", "rood", "oranje")), answered(visie=("groen", "groen", "oranje")))}}
    with app.test_request_context("/"):
        [table] = change_tables(activities, aggregates, "CCCCCC", "nl")
    assert table.caption == "Kritische succesfactoren: ronde 1 → ronde 2"
    assert table.headers == ["vraag", "antwoord", "organisatie", "ronde 1", "ronde 2", "verandering", "richting"]
    rows = {(row[0], row[1], row[2]): row[3:] for row in table.rows}
    visie = "(Overeenstemming over) visie en doelen"
    assert rows[visie, "Ja", "iedereen"] == [Formatted(0.25, "0%"), Formatted(0.667, "0%"),
                                             Formatted(0.417, "+0%;-0%;0%"), "beter"]
    assert rows[visie, "Nee", "GGD"] == [Formatted(0.5, "0%"), Formatted(0.0, "0%"), Formatted(-0.5, "+0%;-0%;0%"),
                                         "beter"]
    assert rows["Durf en pioniersgeest", "Ja", "iedereen"][:2] == [None, None]
