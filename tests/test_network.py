"""Sessions of one network over time (issue 15 §2): follow-ups, the network, its trend, through the Flask test
client and phones answering through the Flask-SocketIO test client."""

import time

import pytest

from helpers import answer, control, facilitate, join, wait_for
from workshop.limits import EXTENSION


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def new_session(client):
    """Make a session (title, activities): the API's 201 reply."""
    def make(title="Vervolg", activities=("quickscan",)):
        reply = client.post("/api/sessions", json={"title": title, "activities": list(activities)})
        assert reply.status_code == 201
        return reply.get_json()
    return make


def follow(client, later, earlier, key=None):
    return client.put(f"/api/sessions/{later['code']}/follows", headers=bearer(later["facilitator_key"]),
                      json={"code": earlier["code"], "key": earlier["facilitator_key"] if key is None else key})


def overview(client, session):
    reply = client.get(f"/api/sessions/{session['code']}", headers=bearer(session["facilitator_key"]))
    assert reply.status_code == 200
    return reply.get_json()


def trend_of(client, session):
    reply = client.get(f"/api/sessions/{session['code']}/trend", headers=bearer(session["facilitator_key"]))
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()


def assert_refused(reply, status, reason):
    assert reply.status_code == status, reply.get_json()
    body = reply.get_json()
    assert body["reason"] == reason and body["error"], body
    return body["error"]


# --- linking ------------------------------------------------------------------------------------------------------


def test_a_follow_up_joins_a_network_named_after_the_earlier_session(client, new_session):
    first = new_session("Startbijeenkomst Wijkteam")
    second = new_session("Tweede bijeenkomst")
    assert overview(client, second)["follows"] is None and overview(client, second)["network"] is None
    reply = follow(client, second, first)
    assert reply.status_code == 200
    assert reply.get_json()["follows"] == {"code": first["code"], "title": "Startbijeenkomst Wijkteam"}
    assert reply.get_json()["network"] == {"name": "Startbijeenkomst Wijkteam", "sessions": 2}
    earlier = overview(client, first)
    assert earlier["follows"] is None and earlier["network"] == {"name": "Startbijeenkomst Wijkteam", "sessions": 2}


def test_the_same_follow_up_again_is_200_and_changes_nothing(client, new_session):
    first, second = new_session("Eerste"), new_session()
    assert follow(client, second, first).status_code == 200
    again = follow(client, second, first)
    assert again.status_code == 200 and again.get_json()["network"] == {"name": "Eerste", "sessions": 2}
    assert overview(client, first)["network"]["sessions"] == 2


def test_a_chain_of_follow_ups_is_one_network(client, new_session):
    first, second, third = new_session("Een"), new_session("Twee"), new_session("Drie")
    assert follow(client, second, first).status_code == 200
    assert follow(client, third, second).status_code == 200
    for session in (first, second, third):
        assert overview(client, session)["network"] == {"name": "Een", "sessions": 3}
    assert overview(client, third)["follows"]["code"] == second["code"]


def test_two_networks_merge_when_one_follows_up_a_session_of_the_other(client, new_session):
    a1, a2, b1, b2 = new_session("A1"), new_session("A2"), new_session("B1"), new_session("B2")
    assert follow(client, a2, a1).status_code == 200
    assert follow(client, b2, b1).status_code == 200  # B1 is newer than A2: it can follow up A2
    assert follow(client, b1, a2).status_code == 200
    for session in (a1, a2, b1, b2):
        assert overview(client, session)["network"] == {"name": "A1", "sessions": 4}
    codes = [s["code"] for s in trend_of(client, b2)["sessions"]]
    assert codes == [a1["code"], a2["code"], b1["code"], b2["code"]]


def test_leaving_takes_the_session_out_and_a_network_of_one_is_none(client, new_session):
    first, second, third = new_session("Een"), new_session("Twee"), new_session("Drie")
    follow(client, second, first)
    follow(client, third, first)
    left = client.delete(f"/api/sessions/{third['code']}/follows", headers=bearer(third["facilitator_key"]))
    assert left.status_code == 204
    assert overview(client, third)["network"] is None and overview(client, third)["follows"] is None
    assert overview(client, first)["network"]["sessions"] == 2
    client.delete(f"/api/sessions/{second['code']}/follows", headers=bearer(second["facilitator_key"]))
    assert overview(client, first)["network"] is None
    again = client.delete(f"/api/sessions/{first['code']}/follows", headers=bearer(first["facilitator_key"]))
    assert_refused(again, 409, "no_network")
    assert follow(client, third, second).status_code == 200  # free to follow up another session now


# --- refusals -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [None, [], "x", {}, {"code": "ABCDEF"}, {"key": "x"}, {"code": 5, "key": "x"},
                                  {"code": "ABCDEF", "key": None}])
def test_a_malformed_body_is_400(client, new_session, body):
    later = new_session()
    reply = client.put(f"/api/sessions/{later['code']}/follows", headers=bearer(later["facilitator_key"]), json=body)
    assert reply.status_code == 400 and reply.get_json()["reason"] == "malformed"


def test_an_unknown_or_deleted_earlier_session_is_404(client, new_session):
    first, later = new_session("Weg"), new_session()
    assert_refused(follow(client, later, {"code": "ZZZZZZ", "facilitator_key": "x"}), 404, "not_found")
    assert client.delete(f"/api/sessions/{first['code']}", headers=bearer(first["facilitator_key"])).status_code == 204
    assert_refused(follow(client, later, first), 404, "not_found")
    assert overview(client, later)["network"] is None


def test_a_wrong_earlier_key_is_403_in_dutch(client, new_session, sio):
    first, other, later = new_session("Eerste"), new_session("Ander netwerk"), new_session()
    third = new_session("Derde")
    follow(client, third, other)  # a key of a session in another network
    moderator = client.post(f"/api/sessions/{first['code']}/moderators", headers=bearer(first["facilitator_key"]))
    _, joined = join(sio, first["code"], name="Piet")
    for key in ["nee", other["facilitator_key"], third["facilitator_key"], later["facilitator_key"],
                moderator.get_json()["key"], joined["token"]]:
        message = assert_refused(follow(client, later, first, key=key), 403, "forbidden")
        assert "sleutel" in message and "eerdere sessie" in message
    assert overview(client, later)["network"] is None and overview(client, first)["network"] is None


def test_wrong_earlier_keys_count_towards_the_addresss_limit(app, client, new_session):
    first, later = new_session("Eerste"), new_session()
    limit = app.extensions[EXTENSION]["keys"].limit
    for _ in range(limit):
        assert follow(client, later, first, key="fout").status_code == 403
    assert follow(client, later, first).status_code == 429


def test_itself_a_newer_one_and_another_follow_up_are_409(client, new_session):
    first, second, third = new_session("Een"), new_session("Twee"), new_session("Drie")
    assert_refused(follow(client, second, second), 409, "same_session")
    assert_refused(follow(client, first, second), 409, "not_earlier")
    assert follow(client, third, first).status_code == 200
    assert_refused(follow(client, third, second), 409, "already_follows")
    assert overview(client, third)["follows"]["code"] == first["code"]


def test_a_network_holds_at_most_20_sessions(client, new_session):
    first = new_session("Groot netwerk")
    for _ in range(19):
        assert follow(client, new_session(), first).status_code == 200
    assert overview(client, first)["network"]["sessions"] == 20
    one_more = new_session()
    assert_refused(follow(client, one_more, first), 409, "too_many_sessions")
    assert overview(client, one_more)["network"] is None


def test_without_its_own_key_or_with_a_moderator_key_nothing_opens(client, new_session, sio):
    first, later = new_session("Een"), new_session()
    moderator = client.post(f"/api/sessions/{later['code']}/moderators", headers=bearer(later["facilitator_key"]))
    _, joined = join(sio, later["code"], name="Piet")
    for headers in [{}, bearer(moderator.get_json()["key"]), bearer(joined["token"]), bearer(first["facilitator_key"])]:
        base = f"/api/sessions/{later['code']}"
        body = {"code": first["code"], "key": first["facilitator_key"]}
        for reply in [client.put(base + "/follows", json=body, headers=headers), client.delete(base + "/follows",
                      headers=headers), client.patch(base + "/network", json={"name": "x"}, headers=headers),
                      client.get(base + "/trend", headers=headers)]:
            assert reply.status_code == (401 if not headers else 403)
    assert overview(client, later)["network"] is None


# --- name and aliases ---------------------------------------------------------------------------------------------


def test_renaming_is_written_to_every_session(client, new_session):
    first, second = new_session("Een"), new_session("Twee")
    follow(client, second, first)
    reply = client.patch(f"/api/sessions/{second['code']}/network", headers=bearer(second["facilitator_key"]),
                         json={"name": "  Samenwerkingsverband\tNoord "})
    assert reply.status_code == 200
    assert reply.get_json() == {"network": {"name": "Samenwerkingsverband Noord", "aliases": {}, "sessions": 2}}
    assert overview(client, first)["network"]["name"] == "Samenwerkingsverband Noord"
    assert trend_of(client, first)["network"] == {"name": "Samenwerkingsverband Noord", "aliases": {}}


@pytest.mark.parametrize("body, reason", [
    ({"name": ""}, "invalid_name"), ({"name": 5}, "invalid_name"), ({"name": "x" * 81}, "too_long"),
    ({"aliases": []}, "invalid_aliases"), ({"aliases": {f"s{n}": "Gemeente" for n in range(101)}}, "too_many_aliases"),
    ({"aliases": {"Gem.": "Provincie"}}, "unknown_organisation"), ({"aliases": {"": "Gemeente"}}, "invalid_spelling"),
    ({"aliases": {"Gem.": 3}}, "invalid_organisation"), ({"aliases": {"Gem.": "G" * 81}}, "too_long"),
])
def test_a_bad_name_or_alias_is_400_and_changes_nothing(client, new_session, sio, body, reason):
    first, second = new_session("Een"), new_session("Twee")
    join(sio, first["code"], name="Ann", organisation="Gemeente")
    follow(client, second, first)
    reply = client.patch(f"/api/sessions/{second['code']}/network", headers=bearer(second["facilitator_key"]),
                         json=body)
    assert_refused(reply, 400, reason)
    assert trend_of(client, first)["network"] == {"name": "Een", "aliases": {}}


def test_changing_the_network_of_a_session_in_none_is_409(client, new_session):
    alone = new_session()
    reply = client.patch(f"/api/sessions/{alone['code']}/network", headers=bearer(alone["facilitator_key"]),
                         json={"name": "Noord"})
    assert_refused(reply, 409, "no_network")


def test_an_alias_may_name_any_spelling_of_an_organisation_of_the_network(client, new_session, sio):
    first, second = new_session("Een"), new_session("Twee")
    join(sio, first["code"], name="Ann", organisation="Gemeente Utrecht")
    follow(client, second, first)
    reply = client.patch(f"/api/sessions/{second['code']}/network", headers=bearer(second["facilitator_key"]),
                         json={"aliases": {"Gem.  Utrecht": "gemeente utrecht", "GU": "Gemeente Utrecht"}})
    assert reply.status_code == 200
    assert reply.get_json()["network"]["aliases"] == {"gem. utrecht": "gemeente utrecht", "gu": "Gemeente Utrecht"}


# --- the trend, with phones answering -----------------------------------------------------------------------------


def run_quickscan(client, sio, session, answers):
    """Phones answer the quick scan of `session`: `answers` is a list of (organisation, {item: value})."""
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    for n, (organisation, values) in enumerate(answers):
        phone, _ = join(sio, session["code"], name=f"P{n}", organisation=organisation)
        for item, value in values.items():
            assert answer(phone, item, value)["ok"]
    return screen


def quickscan_item(client):
    instrument = next(i for i in client.get("/api/instruments").get_json()["instruments"] if i["id"] == "quickscan")
    return instrument["items"][0]


@pytest.fixture
def three_sessions(client, sio, new_session):
    """Three sessions of one network with the quick scan answered by phones: (sessions, the item, its scale)."""
    item = quickscan_item(client)
    low, high = item["low"], item["high"]
    sessions = [new_session(f"Bijeenkomst {n}") for n in (1, 2, 3)]
    run_quickscan(client, sio, sessions[0], [("Gemeente Utrecht", {item["id"]: str(low)}),
                                             ("Woonstichting", {item["id"]: str(low)})])
    run_quickscan(client, sio, sessions[1], [("gemeente  utrecht", {item["id"]: str(low + 1)}),
                                             ("GGD", {item["id"]: str(high)})])
    run_quickscan(client, sio, sessions[2], [("Gem. Utrecht", {item["id"]: str(high)})])
    assert follow(client, sessions[1], sessions[0]).status_code == 200
    assert follow(client, sessions[2], sessions[1]).status_code == 200
    return sessions, item


def test_the_trend_of_three_sessions_per_item_and_organisation(client, three_sessions):
    sessions, item = three_sessions
    body = trend_of(client, sessions[2])
    assert [s["code"] for s in body["sessions"]] == [s["code"] for s in sessions]
    [quickscan] = body["instruments"]
    assert quickscan["instrument"] == "quickscan" and quickscan["labels"][item["id"]] == item["label"]
    means = [brief["mean"] for brief in quickscan["items"][item["id"]]]
    assert means == [item["low"], round((item["low"] + 1 + item["high"]) / 2, 2), item["high"]]
    assert quickscan["order"][0] == item["id"]  # the only item that moved
    by_name = {o["name"]: o["items"][item["id"]] for o in quickscan["organisations"]}
    # one organisation in spite of case and spacing, spelled as the newest session that has it spells it
    assert set(by_name) == {"Gem. Utrecht", "GGD", "gemeente utrecht", "Woonstichting"}
    assert [b and b["mean"] for b in by_name["gemeente utrecht"]] == [item["low"], item["low"] + 1, None]
    assert by_name["GGD"][0] is None and by_name["Woonstichting"][1:] == [None, None]


def test_an_alias_makes_two_spellings_one_organisation_in_the_trend(client, three_sessions):
    sessions, item = three_sessions
    reply = client.patch(f"/api/sessions/{sessions[0]['code']}/network", headers=bearer(sessions[0]["facilitator_key"]),
                         json={"aliases": {"Gem. Utrecht": "Gemeente Utrecht"}})
    assert reply.status_code == 200
    [quickscan] = trend_of(client, sessions[1])["instruments"]
    by_name = {o["name"]: o["items"][item["id"]] for o in quickscan["organisations"]}
    assert set(by_name) == {"GGD", "Gemeente Utrecht", "Woonstichting"}
    assert [b["mean"] for b in by_name["Gemeente Utrecht"]] == [item["low"], item["low"] + 1, item["high"]]


def test_a_deleted_session_leaves_the_trend_without_a_trace(client, three_sessions):
    sessions, item = three_sessions
    middle = sessions[1]
    assert client.delete(f"/api/sessions/{middle['code']}", headers=bearer(middle["facilitator_key"])).status_code \
        == 204
    body = trend_of(client, sessions[2])
    assert [s["code"] for s in body["sessions"]] == [sessions[0]["code"], sessions[2]["code"]]
    [quickscan] = body["instruments"]
    assert [b["mean"] for b in quickscan["items"][item["id"]]] == [item["low"], item["high"]]
    assert "GGD" not in {o["name"] for o in quickscan["organisations"]}
    assert overview(client, sessions[0])["network"]["sessions"] == 2
    assert overview(client, sessions[2])["follows"] is None  # what it followed up is gone


def test_the_aggregate_carries_the_trend_live_and_the_activity_has_the_view_verloop(client, sio, three_sessions):
    sessions, item = three_sessions
    last = sessions[2]
    activity = overview(client, last)["activities"][0]
    assert "verloop" in [view["id"] for view in activity["views"]]
    screen, _ = facilitate(sio, last)
    phone, _ = join(sio, last["code"], name="Laat", organisation="GGD")
    assert answer(phone, item["id"], str(item["low"]))["ok"]
    seen = wait_for(screen, "results", lambda r: r["aggregate"]["respondents"] == 2)
    live = seen[-1]["aggregate"]["trend"]
    assert [s["code"] for s in live["sessions"]] == [s["code"] for s in sessions]
    assert live["items"][item["id"]][-1]["mean"] == round((item["high"] + item["low"]) / 2, 2)
    assert set(live) >= {"sessions", "labels", "order", "items", "organisations"}
    reply = client.get(f"/api/sessions/{last['code']}/results", headers=bearer(last["facilitator_key"]))
    assert reply.get_json()["activities"][0]["aggregate"]["trend"] == live
    control(screen, "set_view", activity_id=1, view="verloop")
    assert overview(client, last)["activities"][0]["view"] == "verloop"


def test_a_session_without_a_network_has_no_trend_and_no_view_verloop(client, new_session):
    alone = new_session("Alleen")
    body = trend_of(client, alone)
    assert body == {"network": None, "instruments": [],
                    "sessions": [{"code": alone["code"], "title": "Alleen",
                                  "created_at": overview(client, alone)["created_at"]}]}
    activity = overview(client, alone)["activities"][0]
    assert "verloop" not in [view["id"] for view in activity["views"]]
    reply = client.get(f"/api/sessions/{alone['code']}/results", headers=bearer(alone["facilitator_key"]))
    assert "trend" not in reply.get_json()["activities"][0]["aggregate"]


def test_an_instrument_in_one_session_only_has_no_trend(client, sio, new_session):
    first, second = new_session("Een", ["quickscan"]), new_session("Twee", ["succesfactoren"])
    follow(client, second, first)
    assert trend_of(client, second)["instruments"] == []
    activity = overview(client, second)["activities"][0]
    assert "verloop" not in [view["id"] for view in activity["views"]]


# --- the live snapshot stays as cheap as it was -------------------------------------------------------------------


def statements_of_a_snapshot(app, code):
    """The SQL that one more live snapshot of activity 1 runs, once everything it reads is in memory."""
    workshops = app.extensions["werkatelier"].workshops
    workshops.live_results(code, 1)
    run = []
    connection = workshops.store.pool._open[code].db.conn
    connection.set_trace_callback(run.append)
    try:
        workshops.live_results(code, 1)
    finally:
        connection.set_trace_callback(None)
    return run


def test_a_snapshot_of_a_session_without_a_network_reads_nothing_of_networks(app, client, sio, new_session):
    alone = new_session("Alleen")
    workshops = app.extensions["werkatelier"].workshops
    with app.test_request_context():  # no screens: no snapshot in the background reads along
        workshops.control(alone["code"], "open", 1)
        workshops.answer(alone["code"], workshops.join(alone["code"], organisation="GGD")["participant_id"], 1,
                         "ambitie", 7)
    run = statements_of_a_snapshot(app, alone["code"])
    assert not any("network" in statement or "follows" in statement for statement in run), run  # known in memory
    assert run.count("PRAGMA data_version") == 2, run  # the answers' check and the network's: no table read
    assert sum('from "session"' in statement for statement in run) <= 1, run  # the session's language, as before


def settled(app, timeout=5.0):
    """Wait until no live snapshot is being sent in the background."""
    live = app.extensions["werkatelier"].live
    deadline = time.monotonic() + timeout
    while live._dirty and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not live._dirty


def test_a_snapshot_in_a_network_measures_the_other_sessions_only_when_their_files_change(app, client, sio,
                                                                                         three_sessions):
    sessions, item = three_sessions
    workshops = app.extensions["werkatelier"].workshops
    settled(app)  # the snapshots that linking sent in the background measured what they measure
    measure_calls = []
    original = workshops.store.activities
    workshops.store.activities = lambda code: measure_calls.append(code) or original(code)
    try:
        for _ in range(3):
            assert "trend" in workshops.live_results(sessions[2]["code"], 1)["aggregate"]
        assert measure_calls == []  # measured when the network was made; nothing changed since
        phone, _ = join(sio, sessions[0]["code"], name="Nog een", organisation="GGD")
        assert answer(phone, item["id"], str(item["high"]))["ok"]
        settled(app)
        live = workshops.live_results(sessions[2]["code"], 1)["aggregate"]["trend"]
        # the first session measured again (once: by its own snapshot or this one), the second never
        assert measure_calls.count(sessions[0]["code"]) == 1 and sessions[1]["code"] not in measure_calls
        assert live["items"][item["id"]][0]["n"] == 3
    finally:
        workshops.store.activities = original


def test_the_screens_of_every_session_of_the_network_hear_of_a_change(client, sio, new_session):
    first, second = new_session("Een"), new_session("Twee")
    run_quickscan(client, sio, first, [("GGD", {"ambitie": "4"})])
    screen = run_quickscan(client, sio, second, [("GGD", {"ambitie": "8"})])
    earlier_screen, _ = facilitate(sio, first)
    assert follow(client, second, first).status_code == 200
    wait_for(earlier_screen, "session", lambda s: s["network"] == {"name": "Een", "sessions": 2})
    seen = wait_for(screen, "results", lambda r: "trend" in r["aggregate"])
    trend = next(r for r in seen if "trend" in r["aggregate"])["aggregate"]["trend"]
    assert [b["mean"] for b in trend["items"]["ambitie"]] == [4.0, 8.0]
    client.patch(f"/api/sessions/{second['code']}/network", headers=bearer(second["facilitator_key"]),
                 json={"name": "Noord"})
    wait_for(earlier_screen, "session", lambda s: s["network"] == {"name": "Noord", "sessions": 2})
    assert client.delete(f"/api/sessions/{first['code']}/follows",
                         headers=bearer(first["facilitator_key"])).status_code == 204
    wait_for(screen, "session", lambda s: s["network"] is None and "verloop" not in
             [view["id"] for view in s["activities"][0]["views"]])


def test_an_english_request_is_refused_in_english(client, new_session):
    first, later = new_session("Een"), new_session("Twee")
    reply = client.put(f"/api/sessions/{later['code']}/follows?lang=en", headers=bearer(later["facilitator_key"]),
                       json={"code": first["code"], "key": "wrong"})
    assert reply.status_code == 403
    assert reply.get_json()["error"] == "This is not the facilitator key of the earlier session."
    reply = client.delete(f"/api/sessions/{later['code']}/follows", headers={
        **bearer(later["facilitator_key"]), "Accept-Language": "en"})
    assert reply.get_json()["error"] == "This session is not part of a network."


def test_the_trend_of_an_english_session_is_worded_in_english(client, new_session):
    first, second = new_session("Een"), new_session("Two")
    follow(client, second, first)
    client.patch(f"/api/sessions/{second['code']}", headers=bearer(second["facilitator_key"]), json={"language": "en"})
    english = next(i for i in client.get("/api/instruments?lang=en").get_json()["instruments"] if i["id"] == "quickscan")
    [quickscan] = trend_of(client, second)["instruments"]
    assert quickscan["title"] == english["title"]
    assert quickscan["labels"] == {item["id"]: item["label"] for item in english["items"]}
    [dutch] = trend_of(client, first)["instruments"]
    assert (dutch["labels"]["ambitie"], quickscan["labels"]["ambitie"]) == ("Ambitie", "Ambition")


def test_a_new_session_given_a_deleted_members_code_never_joins(app, client, new_session, data_dir):
    first, second = new_session("Een"), new_session("Twee")
    follow(client, second, first)
    assert client.delete(f"/api/sessions/{first['code']}", headers=bearer(first["facilitator_key"])).status_code \
        == 204
    stranger = new_session("Onbekend")
    app.extensions["werkatelier"].workshops.store.close()
    (data_dir / f"{stranger['code']}.sqlite").rename(data_dir / f"{first['code']}.sqlite")  # as if given again
    assert [s["code"] for s in trend_of(client, second)["sessions"]] == [second["code"]]
    assert overview(client, second)["network"]["sessions"] == 1 and overview(client, second)["follows"] is None
    assert follow(client, second, {**stranger, "code": first["code"]}).status_code == 409  # it is newer
