"""The screens of a network's sessions follow its changes (issue 15 §2): linking, new aliases and leaving send the
session's screens (and those of the other sessions of the network) the new overview and results with their trend, so
a follow-up's projector view shows `verloop` before anyone answered in it."""

import time

from tests.helpers import answer, control, facilitate, join, received


def newest(test_client, wanted, timeout=3.0):
    """Read what `test_client` receives until, for each event named in `wanted`, one satisfies its predicate (the
    events come interleaved); returns the newest matching args of each."""
    deadline = time.monotonic() + timeout
    found = {}
    while time.monotonic() < deadline and found.keys() != wanted.keys():
        for packet in test_client.get_received():
            name, args = packet["name"], packet["args"][0]
            if name in wanted and wanted[name](args):
                found[name] = args
        time.sleep(0.01)
    assert found.keys() == wanted.keys(), f"no matching {set(wanted) - set(found)} within {timeout}s"
    return found


def bearer(session):
    return {"Authorization": f"Bearer {session['facilitator_key']}"}


def quickscan_session(client, title):
    reply = client.post("/api/sessions", json={"title": title, "activities": ["quickscan"]})
    assert reply.status_code == 201
    return reply.get_json()


def answered(sio, session, organisation, grade):
    screen, _ack = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    phone, _ack = join(sio, session["code"], name="Anna", organisation=organisation)
    assert answer(phone, "ambitie", grade)["ok"]
    return screen


def trend_of(event):
    return event["aggregate"].get("trend")


def test_linking_sends_the_new_views_and_the_trend_to_both_sessions_screens(client, sio):
    first = quickscan_session(client, "Nulmeting")
    first_screen = answered(sio, first, "Gemeente Venlo", 6)
    second = quickscan_session(client, "Vervolgmeting")
    screen, ack = facilitate(sio, second)
    assert "trend" not in ack["results"]["1"]
    received(first_screen, "results", timeout=0.3)  # what the answer sent: not of interest here
    reply = client.put(f"/api/sessions/{second['code']}/follows", headers=bearer(second),
                       json={"code": first["code"], "key": first["facilitator_key"]})
    assert reply.status_code == 200, reply.get_json()

    seen = newest(screen, {"session": lambda s: s["network"] is not None, "results": trend_of})
    assert "verloop" in [view["id"] for view in seen["session"]["activities"][0]["views"]]
    trend = trend_of(seen["results"])
    assert [s["code"] for s in trend["sessions"]] == [first["code"], second["code"]]
    assert trend["items"]["ambitie"][0]["mean"] == 6 and trend["items"]["ambitie"][1]["n"] == 0  # none answered yet
    earlier = newest(first_screen, {"results": trend_of})["results"]
    assert [s["code"] for s in trend_of(earlier)["sessions"]] == [first["code"], second["code"]]


def test_an_alias_and_leaving_reach_the_screens_too(client, sio):
    first = quickscan_session(client, "Nulmeting")
    answered(sio, first, "Gemeente Venlo", 6)
    second = quickscan_session(client, "Vervolgmeting")
    screen = answered(sio, second, "gem. Venlo", 8)
    assert client.put(f"/api/sessions/{second['code']}/follows", headers=bearer(second),
                      json={"code": first["code"], "key": first["facilitator_key"]}).status_code == 200
    newest(screen, {"results": trend_of})

    reply = client.patch(f"/api/sessions/{second['code']}/network", headers=bearer(second),
                         json={"aliases": {"gem. Venlo": "Gemeente Venlo"}})
    assert reply.status_code == 200, reply.get_json()
    merged = newest(screen, {"results": lambda r: trend_of(r) and len(trend_of(r)["organisations"]) == 1})
    organisation = trend_of(merged["results"])["organisations"][0]
    assert organisation["name"] == "Gemeente Venlo"
    assert [brief["mean"] for brief in organisation["items"]["ambitie"]] == [6, 8]

    assert client.delete(f"/api/sessions/{second['code']}/follows", headers=bearer(second)).status_code == 204
    newest(screen, {"session": lambda s: s["network"] is None, "results": lambda r: trend_of(r) is None})
