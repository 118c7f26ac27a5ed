"""The timer of an activity: its arithmetic, the start / pause / add a minute / stop use case and its refusals, the
overview and the phones carrying it, the closing at zero, and a restart while it runs."""

import time

import pytest

from helpers import assert_refused, control, facilitate, join, received, wait_for
from workshop import socketio, timers
from workshop.errors import WorkshopError
from workshop.sessions import Workshops
from workshop.store import Store


class Clock:
    """Wall-clock seconds that only move when told."""

    def __init__(self, now=1_800_000_000.0):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def connect_to():
    """Factory of Socket.IO test clients of a given app (a restart has two), disconnected at teardown."""
    made = []

    def connect(app):
        made.append(socketio.test_client(app))
        return made[-1]

    yield connect
    for test_client in made:
        if test_client.is_connected():
            test_client.disconnect()


@pytest.fixture
def workshops(data_dir, clock):
    made = Workshops(Store(data_dir), clock=clock)
    yield made
    made.close()


@pytest.fixture
def code(workshops):
    code, _key = workshops.create("Timer", ["succesfactoren", "motieven"])
    workshops.control(code, "open", 1)
    return code


def timer_of(workshops, code, activity_id=1):
    return next(a["timer"] for a in workshops.overview(code)["activities"] if a["id"] == activity_id)


def refused(call, reason):
    with pytest.raises(WorkshopError) as caught:
        call()
    assert caught.value.reason == reason
    return caught.value


# --- the arithmetic ---------------------------------------------------------------------------------------------


def test_a_running_timer_counts_to_its_deadline_and_stops_at_zero():
    row = timers.started(300, close=False, paused=False, now=1000.0)
    assert timers.remaining(row, 1000.0) == 300
    assert timers.remaining(row, 1250.5) == 49.5
    assert timers.remaining(row, 2000.0) == 0


def test_a_paused_timer_keeps_what_it_had_left():
    row = {**timers.started(300, close=False, paused=False, now=1000.0)}
    row.update(timers.paused_at(row, 1100.25))
    assert row["timer_deadline"] is None
    assert timers.remaining(row, 5000.0) == 199.75


def test_the_view_of_a_timer_running_paused_ended_and_none():
    running = {**timers.started(60, close=True, paused=False, now=0.0)}
    assert timers.timer_view(running, 15.0001) == {"seconds": 60, "remaining": 45.0, "running": True, "close": True}
    assert timers.timer_view(running, 61.0) == {"seconds": 60, "remaining": 0, "running": False, "close": True}
    paused = {**timers.started(90, close=False, paused=True, now=0.0)}
    assert timers.timer_view(paused, 500.0) == {"seconds": 90, "remaining": 90, "running": False, "close": False}
    assert timers.timer_view({**timers.STOPPED}, 0.0) is None


def test_only_a_running_timer_that_closes_closes_at_zero():
    assert timers.closes_at_zero(timers.started(60, close=True, paused=False, now=100.0))
    assert not timers.closes_at_zero(timers.started(60, close=False, paused=False, now=100.0))
    assert not timers.closes_at_zero(timers.started(60, close=True, paused=True, now=100.0))
    assert not timers.closes_at_zero({**timers.STOPPED})


# --- the use case -----------------------------------------------------------------------------------------------


def test_start_pause_resume_add_a_minute_and_stop(workshops, code, clock):
    assert timer_of(workshops, code) is None
    workshops.control(code, "start_timer", 1, {"seconds": 300})
    assert timer_of(workshops, code) == {"seconds": 300, "remaining": 300, "running": True, "close": False}
    clock.now += 100
    workshops.control(code, "pause_timer", 1, {})
    clock.now += 1000  # paused: no time passes for the timer
    assert timer_of(workshops, code) == {"seconds": 300, "remaining": 200, "running": False, "close": False}
    # + 1 minute on a paused timer: what is left plus 60, still paused
    workshops.control(code, "start_timer", 1, {"seconds": 260, "paused": True})
    assert timer_of(workshops, code) == {"seconds": 260, "remaining": 260, "running": False, "close": False}
    workshops.control(code, "start_timer", 1, {"seconds": 260})  # resume
    clock.now += 10
    assert timer_of(workshops, code)["remaining"] == 250
    workshops.control(code, "stop_timer", 1, {})
    assert timer_of(workshops, code) is None
    workshops.control(code, "stop_timer", 1, {})  # nothing to stop: nothing changes
    assert timer_of(workshops, code) is None


def test_each_activity_has_its_own_timer_and_the_phones_see_the_current_ones(workshops, code, clock):
    workshops.control(code, "start_timer", 2, {"seconds": 60, "close": True})
    workshops.control(code, "start_timer", 1, {"seconds": 120})
    clock.now += 30
    assert timer_of(workshops, code, 2) == {"seconds": 60, "remaining": 30, "running": True, "close": True}
    assert workshops.phone_activity(code)["timer"] == {"seconds": 120, "remaining": 90, "running": True,
                                                       "close": False}


def test_closing_at_zero_happens_only_for_the_timer_set_and_after_zero(workshops, code, clock):
    workshops.control(code, "start_timer", 1, {"seconds": 60, "close": True})
    [(activity_id, deadline)] = workshops.closing_timers(code)
    assert activity_id == 1
    clock.now += 59
    assert workshops.close_at_zero(code, 1, deadline) is False  # not yet
    clock.now += 1
    assert workshops.close_at_zero(code, 1, deadline - 1) is False  # an alarm of an earlier start
    assert workshops.close_at_zero(code, 1, deadline) is True
    activity = workshops.overview(code)["activities"][0]
    assert activity["state"] == "closed"
    assert activity["timer"] == {"seconds": 60, "remaining": 0, "running": False, "close": False}
    assert workshops.closing_timers(code) == []
    workshops.control(code, "open", 1)  # opened again after the closing: it stays open
    assert workshops.closing_timers(code) == []


def test_a_paused_or_stopped_timer_does_not_close(workshops, code, clock):
    workshops.control(code, "start_timer", 1, {"seconds": 60, "close": True})
    [(_, deadline)] = workshops.closing_timers(code)
    workshops.control(code, "pause_timer", 1, {})
    assert workshops.closing_timers(code) == []
    clock.now += 100
    assert workshops.close_at_zero(code, 1, deadline) is False
    workshops.control(code, "stop_timer", 1, {})
    assert workshops.close_at_zero(code, 1, deadline) is False
    assert workshops.overview(code)["activities"][0]["state"] == "open"


def test_a_timer_that_does_not_close_leaves_its_activity_open(workshops, code, clock):
    workshops.control(code, "start_timer", 1, {"seconds": 60})
    assert workshops.closing_timers(code) == []
    clock.now += 61
    assert workshops.overview(code)["activities"][0]["state"] == "open"


@pytest.mark.parametrize("fields, reason", [
    ({}, "invalid_seconds"),
    ({"seconds": None}, "invalid_seconds"),
    ({"seconds": "60"}, "invalid_seconds"),
    ({"seconds": 60.0}, "invalid_seconds"),
    ({"seconds": 1.5}, "invalid_seconds"),
    ({"seconds": True}, "invalid_seconds"),
    ({"seconds": [60]}, "invalid_seconds"),
    ({"seconds": 0}, "seconds_out_of_range"),
    ({"seconds": -60}, "seconds_out_of_range"),
    ({"seconds": 4 * 3600 + 1}, "seconds_out_of_range"),
    ({"seconds": 2**64}, "seconds_out_of_range"),
    ({"seconds": 60, "close": "ja"}, "invalid_close"),
    ({"seconds": 60, "close": 1}, "invalid_close"),
    ({"seconds": 60, "close": None}, "invalid_close"),
    ({"seconds": 60, "paused": "false"}, "invalid_paused"),
])
def test_bad_starts_are_refused_and_change_nothing(workshops, code, fields, reason):
    workshops.control(code, "start_timer", 1, {"seconds": 90})
    before = timer_of(workshops, code)
    refused(lambda: workshops.control(code, "start_timer", 1, fields), reason)
    assert timer_of(workshops, code) == before


def test_the_longest_and_shortest_timers(workshops, code):
    workshops.control(code, "start_timer", 1, {"seconds": 4 * 3600})
    assert timer_of(workshops, code)["remaining"] == 14400
    workshops.control(code, "start_timer", 1, {"seconds": 1})
    assert timer_of(workshops, code)["remaining"] == 1


def test_pausing_what_does_not_run_is_refused(workshops, code, clock):
    assert refused(lambda: workshops.control(code, "pause_timer", 1, {}), "not_running").status == 409
    workshops.control(code, "start_timer", 1, {"seconds": 60, "paused": True})
    refused(lambda: workshops.control(code, "pause_timer", 1, {}), "not_running")
    workshops.control(code, "start_timer", 1, {"seconds": 60})
    clock.now += 60
    refused(lambda: workshops.control(code, "pause_timer", 1, {}), "not_running")  # at zero


@pytest.mark.parametrize("action", ["start_timer", "pause_timer", "stop_timer"])
@pytest.mark.parametrize("activity_id", [None, 99, "1", True, 2**64])
def test_a_timer_of_no_activity_is_not_found(workshops, code, action, activity_id):
    refused(lambda: workshops.control(code, action, activity_id, {"seconds": 60}), "not_found")


def test_the_timer_survives_a_restart_and_keeps_counting(data_dir, clock):
    before = Workshops(Store(data_dir), clock=clock)
    code, _key = before.create("Timer", ["succesfactoren", "motieven"])
    before.control(code, "start_timer", 1, {"seconds": 600, "close": True})
    before.control(code, "start_timer", 2, {"seconds": 300})
    clock.now += 100
    before.control(code, "pause_timer", 2, {})
    before.close()
    clock.now += 50  # the server is down for 50 s
    after = Workshops(Store(data_dir), clock=clock)
    assert timer_of(after, code, 1) == {"seconds": 600, "remaining": 450, "running": True, "close": True}
    assert timer_of(after, code, 2) == {"seconds": 300, "remaining": 200, "running": False, "close": False}
    after.close()


# --- over Socket.IO -----------------------------------------------------------------------------------------------


def test_every_screen_and_phone_hears_the_timer(session, sio):
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, session["code"])
    beamer, _ = facilitate(sio, session)
    received(beamer, "session", timeout=0.1)
    ack = control(screen, "start_timer", activity_id=1, seconds=180, close=True)
    timer = ack["session"]["activities"][0]["timer"]
    assert timer == {"seconds": 180, "remaining": timer["remaining"], "running": True, "close": True}
    assert 179 < timer["remaining"] <= 180
    [overview] = received(beamer, "session")
    assert overview["activities"][0]["timer"]["running"] is True
    assert 179 < overview["activities"][0]["timer"]["remaining"] <= 180
    assert received(phone, "activity")[-1]["activity"]["timer"]["seconds"] == 180
    state = phone.emit("state", {}, callback=True)
    assert state["activity"]["timer"]["seconds"] == 180
    again, _ = facilitate(sio, session)  # a console that comes later gets it with its ack
    assert again.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]},
                      callback=True)["session"]["activities"][0]["timer"]["seconds"] == 180


def test_an_agenda_change_elsewhere_does_not_send_the_phones_their_running_timer_again(client, session, auth, sio):
    """A running timer's remaining differs at every read: the phones hear of an agenda change only when what they
    show changed, not because the clock moved."""
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    control(screen, "start_timer", activity_id=1, seconds=300)
    phone, _ = join(sio, session["code"])
    received(phone, "activity", timeout=0.1)
    reply = client.post(f"/api/sessions/{session['code']}/activities", json="quickscan", headers=auth)
    assert reply.status_code == 201, reply.get_json()
    assert received(screen, "session")  # the screens heard the change
    assert received(phone, "activity", timeout=0.3) == []
    reply = client.patch(f"/api/sessions/{session['code']}/activities/1", json={"hidden": True}, headers=auth)
    assert reply.status_code == 200
    assert received(phone, "activity") == [{"activity": None}]  # what they show did change


def test_the_api_overview_carries_the_timer(client, session, auth, sio):
    screen, _ = facilitate(sio, session)
    control(screen, "start_timer", activity_id=1, seconds=120, paused=True)
    overview = client.get(f"/api/sessions/{session['code']}", headers=auth).get_json()
    assert overview["activities"][0]["timer"] == {"seconds": 120, "remaining": 120, "running": False, "close": False}


def test_a_refused_start_is_dutch_and_tells_no_one(session, sio):
    screen, _ = facilitate(sio, session)
    phone, _ = join(sio, session["code"])
    received(phone, "activity", timeout=0.1)
    ack = screen.emit("control", {"action": "start_timer", "activity_id": 1, "seconds": 99999}, callback=True)
    assert_refused(ack, "seconds_out_of_range")
    assert "4 uur" in ack["error"]
    assert received(phone, "activity", timeout=0.2) == []


def test_in_an_english_session_the_refusal_is_english(client, sio):
    session = client.post("/api/sessions", json={"title": "Timer", "activities": ["succesfactoren"],
                                                 "language": "en"}).get_json()
    screen, _ = facilitate(sio, session)
    ack = screen.emit("control", {"action": "pause_timer", "activity_id": 1}, callback=True)
    assert ack["reason"] == "not_running"
    assert ack["error"] == "No timer is running for this activity."


def test_a_phone_cannot_run_the_timer(session, sio):
    phone, _ = join(sio, session["code"])
    for action in ("start_timer", "pause_timer", "stop_timer"):
        ack = phone.emit("control", {"action": action, "activity_id": 1, "seconds": 60}, callback=True)
        assert_refused(ack, "forbidden")


def open_with_a_screen(app, connect_to):
    """A new session on `app` with its first activity open, and a facilitator screen on it."""
    session = app.test_client().post("/api/sessions", json={"title": "T", "activities": ["succesfactoren"]})
    session = session.get_json()
    screen = connect_to(app)
    assert screen.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]},
                       callback=True)["ok"]
    control(screen, "open", activity_id=1)
    return session, screen


def test_at_zero_the_activity_closes_and_everyone_hears_it(make_app, connect_to):
    app = make_app(TIMER_GRACE=0.05)
    session, screen = open_with_a_screen(app, connect_to)
    phone = connect_to(app)
    assert phone.emit("join", {"code": session["code"]}, callback=True)["ok"]
    received(phone, "activity", timeout=0.1)
    control(screen, "start_timer", activity_id=1, seconds=1, close=True)
    closed = lambda overview: overview["activities"][0]["state"] == "closed"  # noqa: E731
    [overview] = [o for o in wait_for(screen, "session", closed, timeout=5) if closed(o)]
    assert overview["activities"][0]["timer"] == {"seconds": 1, "remaining": 0, "running": False, "close": False}
    wait_for(phone, "activity", lambda a: a["activity"]["state"] == "closed")
    refusal = phone.emit("answer", {"activity_id": 1, "item": "visie", "value": "groen"}, callback=True)
    assert_refused(refusal, "closed")


def test_after_a_restart_the_closing_is_set_again_when_the_session_is_touched(make_app, connect_to):
    first = make_app(TIMER_GRACE=0.05)
    session, screen = open_with_a_screen(first, connect_to)
    # set directly in the store: no alarm of this process could close it
    store = first.extensions["werkatelier"].workshops.store
    store.update_activity(session["code"], 1, **timers.started(1, close=True, paused=False,
                                                               now=first.extensions["werkatelier"].workshops.clock()))
    screen.disconnect()
    second = make_app(TIMER_GRACE=0.05)  # the restart
    phone = connect_to(second)
    joined = phone.emit("join", {"code": session["code"]}, callback=True)  # touches the session
    assert joined["activity"]["state"] == "open"
    wait_for(phone, "activity", lambda a: a["activity"]["state"] == "closed", timeout=5)


def test_a_session_deleted_before_its_timer_closes_it_is_no_error(make_app, connect_to, caplog):
    app = make_app(TIMER_GRACE=0.05)
    http = app.test_client()
    session = http.post("/api/sessions", json={"title": "T", "activities": ["succesfactoren"]}).get_json()
    screen = connect_to(app)
    assert screen.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]},
                       callback=True)["ok"]
    control(screen, "open", activity_id=1)
    control(screen, "start_timer", activity_id=1, seconds=1, close=True)
    assert http.delete(f"/api/sessions/{session['code']}",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"}).status_code == 204
    alarms = app.extensions["werkatelier"].timers
    wait_for_nothing_set = time.monotonic() + 5
    while alarms._set and time.monotonic() < wait_for_nothing_set:
        time.sleep(0.05)
    assert not alarms._set  # the alarm rang
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
