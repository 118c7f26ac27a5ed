"""Who is in the room: `presence` and the overview count the participants connected now (people, not
connections) next to everyone who ever joined, and follow joins, disconnects and returns."""

import pytest
from helpers import control, facilitate, join, wait_for


def overview(client, session):
    reply = client.get(f"/api/sessions/{session['code']}",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    assert reply.status_code == 200
    return reply.get_json()


def counted(screen, connected, participants):
    """Wait for the screen's `presence` with these counts; returns it."""
    events = wait_for(screen, "presence", lambda p: (p["connected"], p["participants"]) == (connected, participants))
    return events[-1]


@pytest.fixture
def screen(session, sio):
    screen, ack = facilitate(sio, session)
    assert (ack["session"]["connected"], ack["session"]["participants"]) == (0, 0)
    return screen


def test_a_join_and_a_disconnect_change_who_is_connected(client, session, sio, screen):
    anna, _ = join(sio, session["code"], name="Anna")
    counted(screen, connected=1, participants=1)
    bas, _ = join(sio, session["code"], name="Bas")
    counted(screen, connected=2, participants=2)
    assert (overview(client, session)["connected"], overview(client, session)["participants"]) == (2, 2)
    anna.disconnect()
    counted(screen, connected=1, participants=2)  # Anna joined once: she stays among everyone who joined
    assert overview(client, session)["connected"] == 1


def test_a_phone_that_comes_back_counts_again(session, sio, screen):
    anna, joined = join(sio, session["code"], name="Anna")
    counted(screen, connected=1, participants=1)
    anna.disconnect()
    counted(screen, connected=0, participants=1)
    again, back = join(sio, session["code"], token=joined["token"])
    assert back["participant_id"] == joined["participant_id"]
    counted(screen, connected=1, participants=1)


def test_two_tabs_of_one_participant_count_once(session, sio, screen):
    first, joined = join(sio, session["code"], name="Anna")
    second, _ = join(sio, session["code"], token=joined["token"])
    counted(screen, connected=1, participants=1)
    first.disconnect()
    presence = counted(screen, connected=1, participants=1)  # the other tab is still there
    assert presence["connected"] == 1
    second.disconnect()
    counted(screen, connected=0, participants=1)


def test_screens_are_not_participants(session, sio, screen):
    beamer, _ = facilitate(sio, session)
    join(sio, session["code"], name="Anna")
    counted(screen, connected=1, participants=1)
    beamer.disconnect()
    ack = control(screen, "open", activity_id=1)
    assert ack["session"]["connected"] == 1


def test_the_session_event_carries_who_is_connected(session, sio, screen):
    join(sio, session["code"], name="Anna")
    counted(screen, connected=1, participants=1)
    control(screen, "open", activity_id=1)
    [last] = wait_for(screen, "session", lambda s: s["connected"] == 1)[-1:]
    assert last["participants"] == 1


def test_another_session_is_counted_apart(client, session, sio, screen):
    other = client.post("/api/sessions", json={"title": "Ander", "activities": ["quickscan"]}).get_json()
    join(sio, other["code"], name="Anna")
    join(sio, session["code"], name="Bas")
    counted(screen, connected=1, participants=1)
    assert overview(client, other)["connected"] == 1


def test_a_connection_that_joins_another_session_leaves_the_first(client, session, sio, screen):
    other = client.post("/api/sessions", json={"title": "Ander", "activities": ["quickscan"]}).get_json()
    anna, _ = join(sio, session["code"], name="Anna")
    counted(screen, connected=1, participants=1)
    assert anna.emit("join", {"code": other["code"], "name": "Anna"}, callback=True)["ok"]
    counted(screen, connected=0, participants=1)
    assert overview(client, other)["connected"] == 1
