"""A session written before the designer (tests/fixtures/before-designer, made by the code of 2026-12-01 before
issue 11) opens, answers and exports as it did: its activities get the library's definition of their type."""

import csv
import io
import json
import shutil
from pathlib import Path

from workshop import exports
from workshop.sessions import Workshops
from workshop.store import Store

FIXTURE = Path(__file__).parent / "fixtures" / "before-designer"
CODE = (FIXTURE / "code.txt").read_text().strip()


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def old_session(tmp_path) -> Workshops:
    shutil.copy(FIXTURE / "session.sqlite", tmp_path / f"{CODE}.sqlite")
    return Workshops(Store(tmp_path))


def before_issue_14(value):
    """An aggregate or export as before issue 14: without a card's theme, merge and partner, and without the
    themes, the cards in none, the words and the reciprocity of an aggregate (an old session has none of them)."""
    new = {"theme_id", "merged_into", "themes", "unthemed", "words", "partner", "reciprocity"}
    if isinstance(value, dict):
        return {key: before_issue_14(item) for key, item in value.items() if key not in new}
    return [before_issue_14(item) for item in value] if isinstance(value, list) else value


def test_an_old_session_exports_the_same_csv_and_results(tmp_path):
    workshops = old_session(tmp_path)
    # Since issue 14 the csv ends in three columns: a card's theme, the card it was merged into, its partner.
    rows = csv_rows(exports.csv_bytes(workshops.export(CODE)))
    assert rows[0][-3:] == ["thema", "samengevoegd met", "partner"] and all(row[-3:] == [""] * 3 for row in rows[1:])
    assert [row[:-3] for row in rows] == csv_rows((FIXTURE / "export.csv").read_bytes())
    # Since issue 12 the results name "no organisation" by the marker "" instead of a Dutch word.
    expected = json.loads((FIXTURE / "results.json").read_text().replace('"Zonder organisatie"', '""'))
    results = before_issue_14(json.loads(json.dumps(workshops.results(CODE))))
    # Since issue 13 every aggregate also says how far the room is: besides what it had.
    assert {activity: {k: v for k, v in aggregate.items() if k not in ("complete", "progress")}
            for activity, aggregate in results.items()} == expected
    assert all(0 <= aggregate["complete"] <= aggregate["respondents"] for aggregate in results.values())
    workshops.close()


def test_an_old_session_keeps_every_field_of_its_export(tmp_path):
    """The export only gains fields (the layout, the library's purpose); everything it had keeps its value, apart
    from one view label the stoplicht layout now shares with own activities, and the source, which now names the
    section only (the handbook is a field of its own; the quick scan's was attributed to the wrong one)."""
    workshops = old_session(tmp_path)
    before = json.loads((FIXTURE / "export.json").read_text())
    after = json.loads(json.dumps(workshops.export(CODE)))
    assert after.pop("themes") == []
    assert all(entry["partner"] is None for entry in after["entries"])
    after = {**before_issue_14({k: v for k, v in after.items() if k != "session"}), "session": after["session"]}
    assert {k: v for k, v in after.items() if k != "session"} == {k: v for k, v in before.items() if k != "session"}
    for old, new in zip(before["session"]["activities"], after["session"]["activities"], strict=True):
        assert new["layout"] in ("stoplicht", "quickscan", "motieven", "halen_brengen", "netwerkleiderschap")
        for key, value in old.items():
            if key not in ("views", "source"):
                assert new[key] == value, key
        # Since issue 14 views are only added: themes and words where there are cards, the reciprocity.
        assert [v["id"] for v in new["views"]][:len(old["views"])] == [v["id"] for v in old["views"]]
    workshops.close()


def test_an_old_session_takes_new_answers_and_duplicates_with_its_wording(tmp_path):
    workshops = old_session(tmp_path)
    activities = workshops.overview(CODE)["activities"]
    quickscan = next(a for a in activities if a["type"] == "quickscan")
    phone = workshops.join(CODE, name="Nieuw")
    workshops.control(CODE, "open", quickscan["id"])
    workshops.answer(CODE, phone["participant_id"], quickscan["id"], "relatie", 9)
    assert workshops.results(CODE)[str(quickscan["id"])]["items"]["relatie"]["counts"][8] == 1
    copy, _ = workshops.duplicate(CODE)
    assert [a["items"] for a in workshops.overview(copy)["activities"]] == [a["items"] for a in activities]
    workshops.close()


def test_an_old_session_gets_no_votes_and_can_start_one_on_its_cards(tmp_path, app):
    """m012_voting: every old activity is no vote; a vote on the old cards works like on new ones."""
    workshops = old_session(tmp_path)
    activities = workshops.overview(CODE)["activities"]
    assert all(activity["source_activity"] is None for activity in activities)
    with_cards = next(a for a in activities if any(item["kind"] == "text" for item in a["items"])
                      and workshops.store.entries(CODE, activity_id=a["id"]))
    with app.test_request_context():
        overview = workshops.control(CODE, "start_voting", fields={"activity_id": with_cards["id"], "dots": 3,
                                                                    "max_per_card": 1})
    vote = next(a for a in overview["activities"] if a["source_activity"] == with_cards["id"])
    visible = [e for e in workshops.store.entries(CODE, activity_id=with_cards["id"]) if not e["hidden"]]
    assert [o["value"] for o in vote["items"][0]["options"]] == [f"k{e['id']}" for e in visible]
    workshops.close()


def test_an_old_session_is_in_no_network_and_can_follow_up_an_older_one(tmp_path, app):
    """m016_networks: an old session follows up none and is in no network; a new session can follow it up, and the
    trend reads its old answers."""
    workshops = old_session(tmp_path)
    overview = workshops.overview(CODE)
    assert (overview["follows"], overview["network"]) == (None, None)
    assert workshops.trend(CODE)["network"] is None
    with app.test_request_context():
        later, _ = workshops.create("Vervolg", [a["type"] for a in overview["activities"]])
        workshops.follow(later, CODE)
    assert workshops.overview(later)["follows"] == {"code": CODE, "title": overview["title"]}
    assert workshops.overview(CODE)["network"] == {"name": overview["title"][:80], "sessions": 2}
    body = workshops.trend(later)
    assert [s["code"] for s in body["sessions"]] == [CODE, later]
    answered = [i for i in body["instruments"] if any(brief and brief["n"] for brief in next(iter(i["items"].values())))]
    assert answered and all(column[1]["n"] == 0 for i in answered for column in i["items"].values())
    workshops.close()
