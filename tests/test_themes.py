"""Themes: cards grouped per activity, merged cards, counts (pure), and the `theme` event through the real
Socket.IO contract: every action, every refusal, a moderator allowed, a participant refused; exports and report."""

import csv
import io

import pytest
from helpers import assert_refused, facilitate, join, wait_for
from openpyxl import load_workbook

from workshop.themes import theme_counts, themed_cards

PROEF = {"title": "Proefkaarten", "intro": "Schrijf op wat je opvalt.", "items": [
    {"id": "idee", "label": "Idee", "kind": "text", "max_entries": 8},
    {"id": "zorg", "label": "Zorg", "kind": "text"},
    {"id": "eens", "label": "Eens?", "kind": "choice", "options": ["Ja", "Nee"]}]}
KEUZE = {"title": "Alleen kiezen", "intro": "Kies.", "items": [
    {"id": "eens", "label": "Eens?", "kind": "choice", "options": ["Ja", "Nee"]}]}


def card(id, theme_id=None, merged_into=None, hidden=False):
    return {"id": id, "text": f"kaart {id}", "theme_id": theme_id, "merged_into": merged_into, "hidden": hidden}


# --- pure: the counts ---------------------------------------------------------------------------------------------


def test_a_theme_counts_its_visible_cards_with_the_cards_merged_into_them():
    themes = [{"id": 1, "name": "Vertrouwen"}, {"id": 2, "name": "Geld"}, {"id": 3, "name": "Leeg"}]
    cards = [card(1, 1), card(2, 1), card(3, merged_into=1), card(4, 2, merged_into=1),  # merged: their card's
             card(5, 2), card(6, 2, hidden=True), card(7, merged_into=5, hidden=True),  # hidden: not counted
             card(8), card(9, merged_into=8), card(10, 99)]  # a theme that is gone: in none
    assert theme_counts(themes, cards) == {
        "themes": [{"id": 1, "name": "Vertrouwen", "count": 4}, {"id": 2, "name": "Geld", "count": 1},
                   {"id": 3, "name": "Leeg", "count": 0}], "unthemed": 3}


def test_no_themes_all_visible_cards_are_unthemed():
    assert theme_counts([], [card(1), card(2, hidden=True)]) == {"themes": [], "unthemed": 1}


def test_themed_cards_lists_per_theme_its_cards_and_what_each_stands_for():
    aggregate = {"items": {"idee": {"kind": "text", "cards": [card(1, 1), card(2, merged_into=1), card(3, 2)]},
                           "eens": {"kind": "choice"}},
                 "themes": [{"id": 1, "name": "A", "count": 2}, {"id": 2, "name": "B", "count": 1}]}
    assert themed_cards(aggregate) == [{"name": "A", "count": 2, "cards": [{"text": "kaart 1", "stands_for": 2}]},
                                       {"name": "B", "count": 1, "cards": [{"text": "kaart 3", "stands_for": 1}]}]
    assert themed_cards({"items": {}}) == []


# --- the `theme` event ----------------------------------------------------------------------------------------------


@pytest.fixture
def room(client, sio):
    """An opened own activity with four cards of Anna (1-3 on 'idee', 4 on 'zorg') and a choice-only activity:
    (session, facilitator screen, Anna's phone)."""
    session = client.post("/api/sessions", json={"title": "Thema's", "activities": [PROEF, KEUZE]}).get_json()
    screen, _ = facilitate(sio, session)
    assert screen.emit("control", {"action": "open", "activity_id": 1}, callback=True)["ok"]
    phone, _ = join(sio, session["code"], name="Anna", organisation="Gemeente Venlo")
    for item, text in (("idee", "Meer vertrouwen"), ("idee", "Vertrouwen tussen partners"), ("idee", "Geld"),
                       ("zorg", "Vertrouwen")):
        assert phone.emit("add_entry", {"activity_id": 1, "item": item, "text": text}, callback=True)["ok"]
    return session, screen, phone


def theme(screen, **message):
    return screen.emit("theme", message, callback=True)


def aggregate(client, session, activity=0):
    reply = client.get(f"/api/sessions/{session['code']}/results",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    return reply.get_json()["activities"][activity]["aggregate"]


def test_create_rename_and_delete_a_theme_the_screens_get_the_counts(room, client):
    session, screen, _ = room
    ack = theme(screen, action="create", activity_id=1, name="  Vertrouwen\t")
    assert ack == {"ok": True, "activity_id": 1, "theme": {"id": 1, "activity_id": 1, "name": "Vertrouwen",
                                                           "position": 0}}
    assert theme(screen, action="create", activity_id=1, name="Geld")["theme"]["position"] == 1
    wait_for(screen, "results", lambda r: [t["name"] for t in r["aggregate"]["themes"]] == ["Vertrouwen", "Geld"])
    assert theme(screen, action="rename", theme_id=1, name="Samen vertrouwen")["theme"]["name"] == "Samen vertrouwen"
    assert theme(screen, action="assign", entry_id=1, theme_id=1)["entry"] == {"id": 1, "theme_id": 1,
                                                                             "merged_into": None}
    assert aggregate(client, session)["themes"][0] == {"id": 1, "name": "Samen vertrouwen", "count": 1}
    assert aggregate(client, session)["unthemed"] == 3
    assert theme(screen, action="delete", theme_id=1) == {
        "ok": True, "activity_id": 1, "deleted": True,
        "theme": {"id": 1, "activity_id": 1, "name": "Samen vertrouwen", "position": 0}}
    result = aggregate(client, session)
    assert result["themes"] == [{"id": 2, "name": "Geld", "count": 0}] and result["unthemed"] == 4
    assert result["items"]["idee"]["cards"][0]["theme_id"] is None  # back to 'zonder thema'


def test_every_theme_action_moves_the_card_version_on_so_the_themes_are_read_again_and_walls_follow(room, client):
    """The themes count in the activity's card version: the aggregate's themes are read again only when it moved on,
    and a screen's wall follows it by deltas (without cards when only a theme changed)."""
    session, screen, _ = room
    wait_for(screen, "cards", lambda delta: delta["to"] == 4)  # Anna's four cards
    theme(screen, action="create", activity_id=1, name="Vertrouwen")
    assert aggregate(client, session)["themes"] == [{"id": 1, "name": "Vertrouwen", "count": 0}]
    theme(screen, action="rename", theme_id=1, name="Geld")
    assert aggregate(client, session)["themes"] == [{"id": 1, "name": "Geld", "count": 0}]
    theme(screen, action="delete", theme_id=1)
    assert aggregate(client, session)["themes"] == []
    deltas = wait_for(screen, "cards", lambda delta: delta["to"] == 7)
    assert all(delta["cards"] == [] and delta["deleted"] == [] for delta in deltas)
    assert [delta["from"] for delta in deltas][0] == 4 and all(
        later["from"] <= earlier["to"] for earlier, later in zip(deltas, deltas[1:]))


@pytest.mark.parametrize(("message", "votes_read"), [
    ({"action": "create", "activity_id": 1, "name": "Nieuw"}, False),
    ({"action": "rename", "theme_id": 1, "name": "Anders"}, False),
    ({"action": "assign", "entry_id": 1, "theme_id": 1}, False),
    ({"action": "merge", "entry_id": 2, "into": 1}, True),
    ({"action": "delete", "theme_id": 1}, True)])
def test_only_a_theme_action_that_can_change_a_vote_looks_at_the_votes(room, app, monkeypatch, message, votes_read):
    session, screen, _ = room
    theme(screen, action="create", activity_id=1, name="Vertrouwen")
    workshops, looked = app.extensions["werkatelier"].workshops, []
    real = workshops.votes_changed
    monkeypatch.setattr(workshops, "votes_changed", lambda *args: looked.append(args) or real(*args))
    assert theme(screen, **message)["ok"]
    assert looked == ([(session["code"], 1)] if votes_read else [])


def test_assign_to_a_theme_and_back_to_none(room, client):
    session, screen, _ = room
    theme(screen, action="create", activity_id=1, name="Geld")
    assert theme(screen, action="assign", entry_id=3, theme_id=1)["ok"]
    wait_for(screen, "results", lambda r: [t["count"] for t in r["aggregate"]["themes"]] == [1])
    assert theme(screen, action="assign", entry_id=3, theme_id=None)["entry"]["theme_id"] is None
    assert aggregate(client, session)["themes"][0]["count"] == 0


def test_merge_counts_with_its_card_follows_its_theme_and_unmerge_undoes_it(room, client):
    session, screen, _ = room
    theme(screen, action="create", activity_id=1, name="Vertrouwen")
    theme(screen, action="assign", entry_id=1, theme_id=1)
    assert theme(screen, action="merge", entry_id=2, into=1)["entry"] == {"id": 2, "theme_id": None,
                                                                        "merged_into": 1}
    result = aggregate(client, session)
    assert result["themes"][0]["count"] == 2 and result["unthemed"] == 2
    assert [c["merged_into"] for c in result["items"]["idee"]["cards"]] == [None, 1, None]
    assert theme(screen, action="merge", entry_id=1, into=3)["ok"]  # card 2 goes along: never a chain
    assert [c["merged_into"] for c in aggregate(client, session)["items"]["idee"]["cards"]] == [3, 3, None]
    assert theme(screen, action="unmerge", entry_id=1)["entry"]["merged_into"] is None
    assert theme(screen, action="unmerge", entry_id=2)["ok"]
    assert aggregate(client, session)["themes"][0]["count"] == 1


def test_deleting_a_card_frees_the_cards_merged_into_it(room, client):
    session, screen, phone = room
    theme(screen, action="merge", entry_id=2, into=1)
    assert phone.emit("delete_entry", {"id": 1}, callback=True)["ok"]
    assert [c["merged_into"] for c in aggregate(client, session)["items"]["idee"]["cards"]] == [None, None]


@pytest.mark.parametrize("message, reason", [
    ({}, "unknown_action"), ({"action": "paint"}, "unknown_action"), ({"action": ["create"]}, "unknown_action"),
    ({"action": "create", "activity_id": 99, "name": "X"}, "not_found"),
    ({"action": "create", "activity_id": "1", "name": "X"}, "not_found"),
    ({"action": "create", "activity_id": 2, "name": "X"}, "no_cards"),
    ({"action": "create", "activity_id": 1}, "invalid_name"),
    ({"action": "create", "activity_id": 1, "name": 7}, "invalid_name"),
    ({"action": "create", "activity_id": 1, "name": " \t\u200b "}, "missing_name"),
    ({"action": "create", "activity_id": 1, "name": "x" * 81}, "too_long"),
    ({"action": "create", "activity_id": 1, "name": "geld"}, "duplicate_name"),
    ({"action": "rename", "theme_id": 2, "name": "X"}, "not_found"),
    ({"action": "rename", "theme_id": True, "name": "X"}, "not_found"),
    ({"action": "rename", "theme_id": 1, "name": ""}, "missing_name"),
    ({"action": "delete", "theme_id": 2**63}, "not_found"),
    ({"action": "delete"}, "not_found"),
    ({"action": "assign", "entry_id": 99, "theme_id": 1}, "not_found"),
    ({"action": "assign", "entry_id": 1}, "invalid_theme"),
    ({"action": "assign", "entry_id": 1, "theme_id": 42}, "not_found"),
    ({"action": "assign", "entry_id": 1, "theme_id": "1"}, "not_found"),
    ({"action": "merge", "entry_id": 1, "into": 1}, "same_card"),
    ({"action": "merge", "entry_id": 1, "into": 4}, "other_item"),
    ({"action": "merge", "entry_id": 1, "into": 99}, "not_found"),
    ({"action": "merge", "entry_id": 1}, "not_found"),
    ({"action": "unmerge", "entry_id": 1}, "not_merged"),
    ({"action": "unmerge", "entry_id": -1}, "not_found"),
])
def test_every_bad_theme_message_is_refused_in_dutch_and_changes_nothing(room, client, message, reason):
    session, screen, _ = room
    theme(screen, action="create", activity_id=1, name="Geld")
    before = aggregate(client, session)
    assert_refused(theme(screen, **message), reason)
    assert aggregate(client, session) == before


def test_a_merged_card_or_a_theme_of_another_activity_is_refused(room, client, sio):
    session, screen, _ = room
    theme(screen, action="create", activity_id=1, name="Geld")
    theme(screen, action="merge", entry_id=2, into=1)
    assert_refused(theme(screen, action="merge", entry_id=3, into=2), "merged")
    assert_refused(theme(screen, action="assign", entry_id=2, theme_id=1), "merged")
    other = client.post("/api/sessions", json={"title": "Ander", "activities": [PROEF, PROEF]}).get_json()
    other_screen, _ = facilitate(sio, other)
    assert other_screen.emit("control", {"action": "open", "activity_id": 1}, callback=True)["ok"]
    phone, _ = join(sio, other["code"], name="Bo")
    assert phone.emit("add_entry", {"activity_id": 1, "item": "idee", "text": "Eén"}, callback=True)["ok"]
    assert theme(other_screen, action="create", activity_id=2, name="Elders")["theme"]["id"] == 1
    assert_refused(theme(other_screen, action="assign", entry_id=1, theme_id=1), "other_activity")


def test_at_most_fifty_themes_per_activity(room):
    _, screen, _ = room
    for n in range(50):
        assert theme(screen, action="create", activity_id=1, name=f"Thema {n}")["ok"]
    assert_refused(theme(screen, action="create", activity_id=1, name="Eén te veel"), "too_many_themes")


def test_a_moderator_may_group_cards_a_participant_may_not(room, client, sio):
    session, _, phone = room
    link = client.post(f"/api/sessions/{session['code']}/moderators",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()
    moderator = sio()
    assert moderator.emit("facilitate", {"code": session["code"], "key": link["key"]}, callback=True)["ok"]
    assert theme(moderator, action="create", activity_id=1, name="Door de moderator")["ok"]
    assert theme(moderator, action="assign", entry_id=1, theme_id=1)["ok"]
    refused = theme(phone, action="create", activity_id=1, name="Van een telefoon")
    assert refused["ok"] is False and refused["reason"] == "forbidden"
    assert_refused(theme(phone, action="assign", entry_id=1, theme_id=None), "forbidden")
    assert [t["name"] for t in aggregate(client, session)["themes"]] == ["Door de moderator"]
    assert aggregate(client, session)["items"]["idee"]["cards"][0]["theme_id"] == 1


def test_the_word_view_counts_the_visible_cards_per_item(room, client):
    session, screen, _ = room
    assert screen.emit("moderate", {"id": 3, "hidden": True}, callback=True)["ok"]
    theme(screen, action="merge", entry_id=2, into=1)
    words = aggregate(client, session)["words"]
    assert words == {"idee": [{"word": "vertrouwen", "count": 1}], "zorg": [{"word": "vertrouwen", "count": 1}]}
    assert screen.emit("moderate", {"id": 3, "hidden": False}, callback=True)["ok"]  # counted again, not kept
    assert {"word": "geld", "count": 1} in aggregate(client, session)["words"]["idee"]


def test_themes_are_in_the_csv_the_xlsx_the_json_and_the_report(room, client):
    session, screen, _ = room
    theme(screen, action="create", activity_id=1, name="Vertrouwen")
    theme(screen, action="assign", entry_id=1, theme_id=1)
    theme(screen, action="merge", entry_id=2, into=1)
    auth = {"Authorization": f"Bearer {session['facilitator_key']}"}
    base = f"/api/sessions/{session['code']}"
    exported = client.get(f"{base}/export.json", headers=auth).get_json()
    assert exported["themes"] == [{"id": 1, "activity_id": 1, "name": "Vertrouwen", "position": 0}]
    assert [(e["theme_id"], e["merged_into"]) for e in exported["entries"]] == [(1, None), (None, 1), (None, None),
                                                                               (None, None)]
    rows = list(csv.DictReader(io.StringIO(client.get(f"{base}/export.csv", headers=auth).data.decode("utf-8-sig")),
                               delimiter=";"))
    assert [(r["antwoord"], r["thema"], r["samengevoegd met"]) for r in rows if r["soort"] == "kaart"] == [
        ("Meer vertrouwen", "Vertrouwen", ""), ("Vertrouwen tussen partners", "Vertrouwen", "1"),
        ("Geld", "", ""), ("Vertrouwen", "", "")]
    book = load_workbook(io.BytesIO(client.get(f"{base}/export.xlsx", headers=auth).data))
    cells = [[c for c in row if c is not None] for row in book.worksheets[1].iter_rows(values_only=True)]
    at = cells.index(["Thema's"])
    assert cells[at + 1:at + 4] == [["thema", "kaarten", "kaarten in dit thema"],
                                    ["Vertrouwen", 2, "• Meer vertrouwen (×2)"], ["zonder thema", 2]]
    report = client.get(f"{base}/report.html", headers=auth).data.decode()
    assert "Thema&#39;s" in report and "2 kaarten" in report and "(2× genoemd)" in report
    assert "2 kaarten zonder thema" in report


def test_a_session_without_themes_exports_as_before(room, client):
    session, _, _ = room
    auth = {"Authorization": f"Bearer {session['facilitator_key']}"}
    result = aggregate(client, session)
    assert result["themes"] == [] and result["unthemed"] == 4
    assert "themes" not in aggregate(client, session, activity=1)  # no cards: nothing to group
    report = client.get(f"/api/sessions/{session['code']}/report.html", headers=auth).data.decode()
    assert "zonder thema" not in report


def test_an_own_activity_has_the_card_views_only_with_cards(client):
    session = client.post("/api/sessions", json={"title": "Weergaven", "activities": [PROEF, KEUZE]}).get_json()
    reply = client.get(f"/api/sessions/{session['code']}",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"}).get_json()
    assert [[v["id"] for v in a["views"]] for a in reply["activities"]] == [
        ["vragen", "organisaties", "themas", "woorden"], ["vragen", "organisaties"]]
    assert [v["label"] for v in reply["activities"][0]["views"]][2:] == ["Thema's", "Woorden"]
