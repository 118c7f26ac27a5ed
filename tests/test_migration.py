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


def before_reciprocity(value):
    """`value` without what issue 14 added: a card's `partner`, the halen en brengen `reciprocity`."""
    if isinstance(value, dict):
        return {k: before_reciprocity(v) for k, v in value.items() if k not in ("partner", "reciprocity")}
    if isinstance(value, list):
        return [before_reciprocity(v) for v in value]
    return value


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def old_session(tmp_path) -> Workshops:
    shutil.copy(FIXTURE / "session.sqlite", tmp_path / f"{CODE}.sqlite")
    return Workshops(Store(tmp_path))


def test_an_old_session_exports_the_same_csv_and_results(tmp_path):
    workshops = old_session(tmp_path)
    # Since issue 14 a last column holds a card's partner: empty in a session from before.
    rows = csv_rows(exports.csv_bytes(workshops.export(CODE)))
    assert rows[0][-1] == "partner" and all(row[-1] == "" for row in rows[1:])
    assert [row[:-1] for row in rows] == csv_rows((FIXTURE / "export.csv").read_bytes())
    # Since issue 12 the results name "no organisation" by the marker "" instead of a Dutch word.
    expected = json.loads((FIXTURE / "results.json").read_text().replace('"Zonder organisatie"', '""'))
    results = before_reciprocity(json.loads(json.dumps(workshops.results(CODE))))
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
    assert all(entry["partner"] is None for entry in after["entries"])
    after = {**after, "entries": before_reciprocity(after["entries"])}
    assert {k: v for k, v in after.items() if k != "session"} == {k: v for k, v in before.items() if k != "session"}
    for old, new in zip(before["session"]["activities"], after["session"]["activities"], strict=True):
        assert new["layout"] in ("stoplicht", "quickscan", "motieven", "halen_brengen", "netwerkleiderschap")
        for key, value in old.items():
            if key not in ("views", "source"):
                assert new[key] == value, key
        # views are only added (halen en brengen: the reciprocity, issue 14)
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
