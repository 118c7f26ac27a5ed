"""Netwerkleiderschap through the API and Socket.IO: create, describe, answer, cards, moderation, live results."""

import time

import pytest
from helpers import add_card, answer, assert_refused, control, facilitate, join, only_aggregate, received

ROLES = ["strateeg", "verkenner", "ontwikkelaar", "procesmanager"]
TITLE = "Netwerkleiderschap"


def role(aggregate, role_id):
    return next(r for r in aggregate["roles"] if r["id"] == role_id)


def latest_results(screen, predicate, timeout=3.0):
    """The last `results` event the screen got once one satisfies `predicate`; fails after `timeout`."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        seen += received(screen, "results", timeout=min(0.2, max(0.01, deadline - time.monotonic())))
        if seen and predicate(seen[-1]["aggregate"]):
            return seen[-1]["aggregate"]
    raise AssertionError(f"no matching results within {timeout}s; got {seen[-1:]!r}")


@pytest.fixture
def created(client):
    reply = client.post("/api/sessions", json={"title": "Regio Noord", "activities": ["netwerkleiderschap"]})
    assert reply.status_code == 201
    return reply.get_json()


@pytest.fixture
def opened(created, sio):
    screen, _ = facilitate(sio, created)
    control(screen, "open", activity_id=1)
    return created, screen


def test_the_overview_describes_the_roles_and_their_questions(created, client):
    overview = client.get(f"/api/sessions/{created['code']}",
                          headers={"Authorization": f"Bearer {created['facilitator_key']}"}).get_json()
    [activity] = overview["activities"]
    assert activity["type"] == "netwerkleiderschap" and activity["view"] == "kwadrant"
    assert [v["id"] for v in activity["views"]] == ["kwadrant", "kaarten", "themas", "woorden"]
    assert [g["id"] for g in activity["groups"]] == [*ROLES, "balans"]
    assert activity["groups"][0]["question"] == "Kernvraag: hoe geven we invulling aan de koers van het netwerk?"
    kinds = {item["id"]: item["kind"] for item in activity["items"]}
    assert len(kinds) == 17 and kinds["balans"] == "choice"
    for role_id in ROLES:
        assert [kinds[f"{role_id}-{q}"] for q in ("belegd", "namen", "bijdrage", "versterking")] == \
            ["choice", "text", "text", "text"]
    belegd = next(item for item in activity["items"] if item["id"] == "verkenner-belegd")
    assert [(o["value"], o["tone"]) for o in belegd["options"]] == [("ja", "groen"), ("deels", "oranje"),
                                                                      ("nee", "rood")]


def test_the_phone_page_shows_every_role_with_its_kernvraag(created, client):
    page = client.get(f"/j/{created['code']}").get_data(as_text=True)
    for role_id in ROLES:
        assert f"De netwerkleider als {role_id}" in page
        assert f'data-item="{role_id}-namen" data-kind="text"' in page
    assert "Kernvraag: hoe zorgen we voor effectieve samenwerkingsprocessen?" in page
    assert "Zijn de rollen in balans vertegenwoordigd?" in page
    assert "van 17 beantwoord" in page
    beamer = client.get(f"/f/{created['code']}/beamer").get_data(as_text=True)
    assert "Inrichten &amp; verrichten" in beamer and "Verduurzamen" in beamer and "Vernieuwen" in beamer


def test_phones_answer_and_write_cards_and_the_results_count_coverage_and_names(opened, sio, client):
    session, screen = opened
    anna, _ = join(sio, session["code"], name="Anna", organisation="Gemeente Venlo")
    bram, _ = join(sio, session["code"], name="Bram", organisation="GGD Limburg-Noord")
    assert answer(anna, "strateeg-belegd", "ja")["ok"]
    assert answer(bram, "strateeg-belegd", "deels")["ok"]
    assert answer(bram, "strateeg-belegd", "nee")["ok"]  # a changed answer replaces the earlier one
    assert answer(anna, "balans", "deels")["ok"]
    assert add_card(anna, "strateeg-namen", "Gemeente Venlo, wethouder Jansen")["ok"]
    first = add_card(bram, "strateeg-namen", "gemeente  venlo; GGD")["entry"]
    assert first["text"] == "gemeente venlo; GGD"
    assert add_card(anna, "strateeg-bijdrage", "Ik bewaak de koers in de stuurgroep")["ok"]
    assert add_card(bram, "verkenner-versterking", "Vaker op werkbezoek bij partners")["ok"]

    aggregate = only_aggregate(client, session, "netwerkleiderschap")
    assert aggregate["respondents"] == 2
    strateeg = role(aggregate, "strateeg")
    assert strateeg["coverage"] == {"kind": "choice", "counts": {"ja": 1, "deels": 0, "nee": 1}, "total": 2}
    assert strateeg["names"] == [{"name": "Gemeente Venlo", "count": 2}, {"name": "GGD", "count": 1},
                                 {"name": "wethouder Jansen", "count": 1}]
    assert (strateeg["row"], strateeg["column"]) == ("richten", "verduurzamen")
    assert aggregate["balance"]["counts"] == {"ja": 0, "deels": 1, "nee": 0}
    assert [c["text"] for c in aggregate["items"]["strateeg-bijdrage"]["cards"]] == \
        ["Ik bewaak de koers in de stuurgroep"]
    assert aggregate["items"]["verkenner-versterking"]["cards"][0]["organisation"] == "GGD Limburg-Noord"

    # Bram edits his card of names, then deletes it: the counts follow.
    edited = bram.emit("edit_entry", {"id": first["id"], "text": "GGD, Zorggroep Noord"}, callback=True)
    assert edited == {"ok": True, "entry": {"id": first["id"], "item": "strateeg-namen",
                                            "text": "GGD, Zorggroep Noord"}}
    names = role(only_aggregate(client, session, "netwerkleiderschap"), "strateeg")["names"]  # ties: alphabetical
    assert [(n["name"], n["count"]) for n in names] == [("Gemeente Venlo", 1), ("GGD", 1), ("wethouder Jansen", 1),
                                                        ("Zorggroep Noord", 1)]
    assert bram.emit("delete_entry", {"id": first["id"]}, callback=True)["ok"]
    assert [n["name"] for n in role(only_aggregate(client, session, "netwerkleiderschap"), "strateeg")["names"]] == \
        ["Gemeente Venlo", "wethouder Jansen"]


def test_a_hidden_card_of_names_is_not_counted_but_stays_in_the_aggregate(opened, sio, client):
    session, screen = opened
    anna, _ = join(sio, session["code"], name="Anna")
    rude = add_card(anna, "ontwikkelaar-namen", "Iemand die we niet noemen, Gemeente Venlo")["entry"]
    assert add_card(anna, "ontwikkelaar-namen", "Zorggroep Noord")["ok"]
    assert screen.emit("moderate", {"id": rude["id"], "hidden": True}, callback=True)["ok"]
    aggregate = only_aggregate(client, session, "netwerkleiderschap")
    assert role(aggregate, "ontwikkelaar")["names"] == [{"name": "Zorggroep Noord", "count": 1}]
    hidden = [c for c in aggregate["items"]["ontwikkelaar-namen"]["cards"] if c["hidden"]]
    assert [c["id"] for c in hidden] == [rude["id"]]


def test_wrong_answers_are_refused_in_dutch(opened, sio):
    session, _ = opened
    anna, _ = join(sio, session["code"])
    assert_refused(answer(anna, "strateeg-belegd", "misschien"), "invalid_value")
    assert_refused(answer(anna, "strateeg-namen", "ja"), "wrong_kind")
    assert_refused(add_card(anna, "balans", "ja hoor"), "wrong_kind")
    assert_refused(add_card(anna, "strateeg-namen", "x" * 81), "too_long")
    for n in range(8):
        assert add_card(anna, "strateeg-namen", f"Naam {n}")["ok"]
    assert_refused(add_card(anna, "strateeg-namen", "Nog een"), "too_many_entries")


def test_the_facilitator_screen_receives_live_results_and_switches_to_the_cards_view(opened, sio):
    session, screen = opened
    screen.get_received()
    anna, _ = join(sio, session["code"], name="Anna")
    assert answer(anna, "procesmanager-belegd", "nee")["ok"]
    assert add_card(anna, "procesmanager-namen", "Projectbureau Noord")["ok"]
    aggregate = latest_results(screen, lambda a: role(a, "procesmanager")["names"])
    procesmanager = role(aggregate, "procesmanager")
    assert procesmanager["coverage"]["counts"]["nee"] == 1
    assert procesmanager["names"] == [{"name": "Projectbureau Noord", "count": 1}]
    assert (procesmanager["row"], procesmanager["column"]) == ("inrichten", "vernieuwen")
    assert received(anna, "results", timeout=0.1) == []  # phones do not get the results
    ack = control(screen, "set_view", activity_id=1, view="kaarten")
    assert ack["session"]["activities"][0]["view"] == "kaarten"
    assert_refused(screen.emit("control", {"action": "set_view", "activity_id": 1, "view": "bars"}, callback=True),
                   "unknown_view")
