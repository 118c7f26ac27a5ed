"""Rounds within a session: the same activity again as round 2 (3, …), placed beside the round before, and its
aggregate compares the two (issue 15 §1). Over HTTP, the Socket.IO test client and a restart."""

import re

import pytest
from helpers import control, facilitate, join, wait_for

from workshop.agenda import rounds_by_id
from workshop.library import MAX_ACTIVITIES
from workshop.sessions import Workshops
from workshop.store import Store


@pytest.fixture
def running(client):
    """A session of the quick scan (1), motieven (2) and succesfactoren (3): the 201 reply."""
    reply = client.post("/api/sessions", json={"title": "Twee metingen",
                                               "activities": ["quickscan", "motieven", "succesfactoren"]})
    assert reply.status_code == 201
    return reply.get_json()


def bearer(session):
    return {"Authorization": f"Bearer {session['facilitator_key']}"}


def add_round(client, session, round_of):
    return client.post(f"/api/sessions/{session['code']}/activities", json={"round_of": round_of},
                       headers=bearer(session))


def overview(client, session):
    return client.get(f"/api/sessions/{session['code']}", headers=bearer(session)).get_json()


def refused(reply, status, reason):
    assert reply.status_code == status, reply.get_json()
    body = reply.get_json()
    assert body["reason"] == reason and body["error"].strip(), body
    return body["error"]


def test_a_round_is_the_same_activity_again_closed_right_after_the_one_before(client, running):
    reply = add_round(client, running, 1)
    assert reply.status_code == 201
    added = reply.get_json()
    first = overview(client, running)["activities"][0]
    assert (added["id"], added["round_of"], added["round"], added["state"]) == (4, 1, 2, "closed")
    assert (added["type"], added["title"], added["items"], added["intro"]) == (
        first["type"], first["title"], first["items"], first["intro"])
    assert [v["id"] for v in added["views"]] == [v["id"] for v in first["views"]] + ["vergelijking"]
    assert added["views"][-1]["label"] == "Vergelijking met ronde 1"
    assert added["view"] == first["views"][0]["id"]
    activities = overview(client, running)["activities"]
    assert [(a["id"], a["round_of"], a["round"]) for a in activities] == [
        (1, None, 1), (4, 1, 2), (2, None, 1), (3, None, 1)]
    assert "vergelijking" not in [v["id"] for v in activities[0]["views"]]


def test_round_3_follows_round_2_and_counts_along_the_chain(client, running):
    add_round(client, running, 1)
    reply = add_round(client, running, 4)
    assert reply.status_code == 201
    assert (reply.get_json()["round_of"], reply.get_json()["round"]) == (4, 3)
    assert reply.get_json()["views"][-1]["label"] == "Vergelijking met ronde 2"
    # another round of the first points to it (compares with it), and still goes after the chain's last
    again = add_round(client, running, 1).get_json()
    assert (again["round_of"], again["round"]) == (1, 2)
    assert [a["id"] for a in overview(client, running)["activities"]] == [1, 4, 5, 6, 2, 3]


def test_a_round_of_an_activity_moved_elsewhere_goes_after_its_chain(client, running):
    add_round(client, running, 3)  # 4 after 3
    client.put(f"/api/sessions/{running['code']}/agenda", json={"order": [3, 1, 2, 4]}, headers=bearer(running))
    add_round(client, running, 3)  # 5 after 4, the chain's last in the agenda
    assert [a["id"] for a in overview(client, running)["activities"]] == [3, 1, 2, 4, 5]


def test_the_consoles_of_an_english_session_name_the_view_in_english(client, running, sio):
    client.patch(f"/api/sessions/{running['code']}", json={"language": "en"}, headers=bearer(running))
    second = add_round(client, running, 1).get_json()["id"]
    _, ack = facilitate(sio, running)
    views = next(a for a in ack["session"]["activities"] if a["id"] == second)["views"]
    assert views[-1] == {"id": "vergelijking", "label": "Comparison with round 1"}


@pytest.mark.parametrize("round_of", [None, "1", 1.0, True, 0, -1, 2**63, [1], {"id": 1}])
def test_a_round_of_no_whole_number_is_refused_and_nothing_is_added(client, running, round_of):
    message = refused(add_round(client, running, round_of), 400, "invalid_round_of")
    assert "round_of" in message
    assert len(overview(client, running)["activities"]) == 3


def test_a_round_of_an_activity_not_in_this_session_is_a_404(client, running):
    refused(add_round(client, running, 99), 404, "not_found")
    client.delete(f"/api/sessions/{running['code']}/activities/3", headers=bearer(running))
    refused(add_round(client, running, 3), 404, "not_found")
    assert len(overview(client, running)["activities"]) == 2


def test_cards_or_points_only_have_nothing_to_compare(client, running):
    url = f"/api/sessions/{running['code']}/activities"
    cards = {"title": "Ideeën", "items": [{"label": "Idee", "kind": "text"}]}
    for spec in (cards, "regiovisie_themas"):
        added = client.post(url, json=spec, headers=bearer(running)).get_json()
        message = refused(add_round(client, running, added["id"]), 409, "not_comparable")
        assert "kaarten of punten" in message
    assert add_round(client, running, 2).status_code == 201  # motieven: its two scales are compared
    assert len(overview(client, running)["activities"]) == 6


def test_the_refusals_speak_english_in_an_english_session(client, running):
    client.patch(f"/api/sessions/{running['code']}", json={"language": "en"}, headers=bearer(running))
    themes = client.post(f"/api/sessions/{running['code']}/activities", json="regiovisie_themas",
                         headers=bearer(running)).get_json()
    reply = client.post(f"/api/sessions/{running['code']}/activities", json={"round_of": themes["id"]},
                        headers={**bearer(running), "Accept-Language": "en"})
    assert reply.status_code == 409 and "cards or points" in reply.get_json()["error"]


def test_a_round_counts_towards_the_most_activities(client, running):
    for _ in range(MAX_ACTIVITIES - 3):
        assert add_round(client, running, 1).status_code == 201
    refused(add_round(client, running, 1), 409, "too_many")
    assert len(overview(client, running)["activities"]) == MAX_ACTIVITIES


def test_removing_a_round_without_answers_keeps_the_chain(client, running):
    add_round(client, running, 1)  # 4
    add_round(client, running, 4)  # 5
    assert client.delete(f"/api/sessions/{running['code']}/activities/4", headers=bearer(running)).status_code == 200
    fifth = next(a for a in overview(client, running)["activities"] if a["id"] == 5)
    assert (fifth["round_of"], fifth["round"]) == (1, 2)


def quickscan_answers(phone, activity_id, grades):
    for item, grade in grades.items():
        ack = phone.emit("answer", {"activity_id": activity_id, "item": item, "value": grade}, callback=True)
        assert ack["ok"], ack


def test_phones_answer_both_rounds_and_the_snapshot_compares_them(client, running, sio):
    code = running["code"]
    second = add_round(client, running, 1).get_json()["id"]
    screen, _ = facilitate(sio, running)
    anne, _ = join(sio, code, name="Anne", organisation="Gemeente Venlo")
    bram, _ = join(sio, code, name="Bram", organisation="Woonzorg")
    control(screen, "open", activity_id=1)
    quickscan_answers(anne, 1, {"ambitie": 4, "relatie": 6})
    quickscan_answers(bram, 1, {"ambitie": 6, "relatie": 6})
    control(screen, "open", activity_id=second)
    quickscan_answers(anne, second, {"ambitie": 8, "relatie": 6})
    quickscan_answers(bram, second, {"ambitie": 9, "relatie": 5})
    def complete(snapshot):
        return (snapshot["activity_id"] == second
                and snapshot["aggregate"]["compare"]["items"]["relatie"]["after"]["mean"] == 5.5)

    compare = next(filter(complete, wait_for(screen, "results", complete)))["aggregate"]["compare"]
    assert (compare["with"], compare["round"], compare["with_round"]) == (1, 2, 1)
    ambitie = compare["items"]["ambitie"]
    assert (ambitie["before"]["mean"], ambitie["after"]["mean"], ambitie["shift"]) == (5.0, 8.5, {"mean": 3.5})
    assert compare["items"]["relatie"]["shift"] == {"mean": -0.5}
    assert compare["order"][:2] == ["ambitie", "relatie"]
    assert compare["items"]["belangen"]["shift"] is None  # answered in neither round
    venlo = next(o for o in compare["organisations"] if o["name"] == "Gemeente Venlo")
    assert venlo["items"]["ambitie"]["shift"] == {"mean": 4.0}
    # the first round's own aggregate compares with nothing
    results = client.get(f"/api/sessions/{code}/results", headers=bearer(running)).get_json()["activities"]
    assert [("compare" in a["aggregate"]) for a in results] == [False, True, False, False]


def test_a_stoplicht_round_compares_the_shares_and_per_organisation(client, running, sio):
    code = running["code"]
    second = add_round(client, running, 3).get_json()["id"]
    screen, _ = facilitate(sio, running)
    phones = [join(sio, code, name=f"P{n}", organisation=org)[0]
              for n, org in enumerate(["Venlo", "Venlo", "Horst"])]
    control(screen, "open", activity_id=3)
    for phone, value in zip(phones, ["rood", "rood", "groen"], strict=True):
        assert phone.emit("answer", {"activity_id": 3, "item": "visie", "value": value}, callback=True)["ok"]
    control(screen, "open", activity_id=second)
    for phone, value in zip(phones, ["groen", "rood", "groen"], strict=True):
        assert phone.emit("answer", {"activity_id": second, "item": "visie", "value": value}, callback=True)["ok"]
    aggregate = client.get(f"/api/sessions/{code}/results", headers=bearer(running)).get_json()["activities"][3]
    assert aggregate["id"] == second
    visie = aggregate["aggregate"]["compare"]["items"]["visie"]
    assert visie["shift"]["shares"]["groen"] == pytest.approx(0.333, abs=0.001)
    assert visie["shift"]["shares"]["rood"] == pytest.approx(-0.333, abs=0.001)
    assert aggregate["aggregate"]["compare"]["order"][0] == "visie"
    horst = next(o for o in aggregate["aggregate"]["compare"]["organisations"] if o["name"] == "Horst")
    assert horst["items"]["visie"]["shift"]["shares"]["groen"] == 0.0


def test_the_comparison_view_can_be_chosen_only_for_a_round(client, running, sio):
    second = add_round(client, running, 1).get_json()["id"]
    screen, _ = facilitate(sio, running)
    ack = control(screen, "set_view", activity_id=second, view="vergelijking")
    assert next(a for a in ack["session"]["activities"] if a["id"] == second)["view"] == "vergelijking"
    refusal = screen.emit("control", {"action": "set_view", "activity_id": 1, "view": "vergelijking"}, callback=True)
    assert refusal["ok"] is False and refusal["reason"] == "unknown_view"


def test_rounds_survive_a_restart(data_dir, client, running):
    add_round(client, running, 1)
    workshops = Workshops(Store(data_dir))
    assert [(a["id"], a["round"]) for a in workshops.overview(running["code"])["activities"]][:2] == [(1, 1), (4, 2)]
    assert workshops.results(running["code"])["4"]["compare"]["with"] == 1
    workshops.close()


def test_round_numbers_follow_the_chain():
    rows = [{"id": 1, "round_of": None}, {"id": 3, "round_of": 1}, {"id": 2, "round_of": None},
            {"id": 5, "round_of": 3}, {"id": 6, "round_of": 1}, {"id": 7, "round_of": 42}]
    assert rounds_by_id(rows) == {1: (1, 1), 2: (2, 1), 3: (1, 2), 5: (1, 3), 6: (1, 2), 7: (7, 1)}


def test_a_round_in_a_network_compares_with_its_round_and_keeps_the_trend(client, running, sio):
    later = client.post("/api/sessions", json={"title": "Vervolg", "activities": ["quickscan"]}).get_json()
    reply = client.put(f"/api/sessions/{later['code']}/follows", headers=bearer(later),
                       json={"code": running["code"], "key": running["facilitator_key"]})
    assert reply.status_code in (200, 204), reply.get_json()
    second = add_round(client, later, 1).get_json()
    assert [v["id"] for v in second["views"]][-2:] == ["vergelijking", "verloop"]
    aggregate = client.get(f"/api/sessions/{later['code']}/results", headers=bearer(later)).get_json()["activities"][1]
    assert aggregate["id"] == second["id"] and aggregate["aggregate"]["compare"]["with"] == 1
    assert "trend" in aggregate["aggregate"]


def phone_heading(client, session, activity_id, language="nl"):
    """The text of an activity's heading on the phone page, tags left out."""
    page = client.get(f"/j/{session['code']}?lang={language}").get_data(as_text=True)
    heading = re.search(rf'<h2 id="activity-{activity_id}"[^>]*>(.*?)</h2>', page, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", heading).split())


def test_the_phone_says_which_round_it_is_and_the_first_round_says_none(client, running):
    third = add_round(client, running, add_round(client, running, 1).get_json()["id"]).get_json()
    assert phone_heading(client, running, 1) == "Quick scan samenwerking"
    assert phone_heading(client, running, 4) == "Quick scan samenwerking ronde 2"
    assert phone_heading(client, running, third["id"]) == "Quick scan samenwerking ronde 3"
    assert phone_heading(client, running, 4, "en").endswith("round 2")
