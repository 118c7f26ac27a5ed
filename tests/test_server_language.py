"""The server's messages in the language of whoever reads them: a phone's own (the Socket.IO handshake's `?lang=`,
its cookie or Accept-Language), a console's or beamer's session's, an API request's, the command line's."""

import sqlite3

import pytest

from workshop import socketio
from workshop.activities import definition_from
from workshop.errors import WorkshopError
from workshop.i18n import environment_language
from tests.helpers import answer, assert_refused, control, facilitate, join, received


def english_session(client, **fields) -> dict:
    reply = client.post("/api/sessions", json={"title": "Workshop", "activities": ["succesfactoren"],
                                               "language": "en", **fields})
    assert reply.status_code == 201
    return reply.get_json()


@pytest.fixture
def connect(sio):
    """Socket.IO test clients with a handshake of their own (conftest's `sio`)."""
    return sio


def joined(phone, code):
    assert phone.emit("join", {"code": code, "name": "Anna"}, callback=True)["ok"]
    return phone


# --- Socket.IO: a phone in its own language ----------------------------------------------------------------------

def test_a_phone_asking_for_english_gets_english_refusals_and_one_without_gets_dutch(session, sio, connect):
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    english = joined(connect(query_string="lang=en"), session["code"])
    dutch = joined(connect(), session["code"])
    refused = answer(english, "visie", "paars")
    assert refused == {"ok": False, "reason": "invalid_value", "error": "Choose one of: ‘Yes’, ‘Doubtful’, ‘No’."}
    assert_refused(answer(dutch, "visie", "paars"), "invalid_value")
    assert answer(dutch, "visie", "paars")["error"] == "Kies een van: ‘Ja’, ‘Twijfelachtig’, ‘Nee’."
    assert answer(english, "visie", "groen")["ok"] and answer(dutch, "visie", "rood")["ok"]


def test_the_traffic_light_in_english_is_still_a_traffic_light(client, session):
    """Its options translated (Yes / Doubtful / No), the stoplicht layout still takes it."""
    page = client.get(f"/j/{session['code']}?lang=en")
    assert page.status_code == 200
    assert "<span>Yes</span>" in page.get_data(as_text=True)


def test_a_phone_follows_its_browser_and_cookie_when_it_does_not_ask(session, sio, connect):
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    by_browser = joined(connect(headers={"Accept-Language": "en-GB,en;q=0.9"}), session["code"])
    by_cookie = joined(connect(headers={"Cookie": "lang=en", "Accept-Language": "nl"}), session["code"])
    for phone in (by_browser, by_cookie):
        ack = phone.emit("add_entry", {"activity_id": 1, "item": "visie", "text": "x"}, callback=True)
        assert ack["error"] == "This question takes a choice, not a text.", ack


def test_refusals_before_joining_and_of_the_place_are_english_too(session, connect):
    phone = connect(query_string="lang=en")
    assert phone.emit("answer", {"activity_id": 1, "item": "visie", "value": "groen"}, callback=True)["error"] == \
        "You have not joined a session (yet). Reload the page."
    assert phone.emit("join", "not an object", callback=True)["error"] == \
        "Invalid message: expected an object with fields."
    assert phone.emit("join", {"code": "ZZZZZZ"}, callback=True)["error"] == \
        "This session code does not exist. Check the code and try again."
    long_name = phone.emit("join", {"code": session["code"], "name": "A" * 61}, callback=True)
    assert long_name["error"] == "Your name is too long (at most 60 characters)."


def test_a_closed_activity_says_so_in_the_phones_language(session, sio, connect):
    english = joined(connect(query_string="lang=en"), session["code"])
    assert answer(english, "visie", "groen")["error"] == \
        "This activity is closed: your answers are saved, but you can no longer change them."


# --- Socket.IO: a console or beamer in its session's language ----------------------------------------------------

def test_a_console_is_answered_in_the_sessions_language_whatever_its_handshake(client, session, connect):
    english = english_session(client)
    console = connect(query_string="lang=nl", headers={"Accept-Language": "nl"})
    ack = console.emit("facilitate", {"code": english["code"], "key": english["facilitator_key"]}, callback=True)
    assert ack["ok"]
    assert [view["label"] for view in ack["session"]["activities"][0]["views"]] == \
        ["Per question", "Prioritise: most red first", "Per organisation (heat map)"]
    assert console.emit("control", {"action": "sing"}, callback=True)["error"] == "Unknown command."
    dutch = connect(query_string="lang=en")
    assert dutch.emit("facilitate", {"code": session["code"], "key": session["facilitator_key"]},
                      callback=True)["ok"]
    assert dutch.emit("control", {"action": "sing"}, callback=True)["error"] == "Onbekende opdracht."
    assert console.emit("answer", {"activity_id": 1, "item": "visie", "value": "groen"}, callback=True)["error"] == \
        "Only a participant's phone can do this; a projector view or console gives no answers."


def test_the_overview_for_the_screens_has_the_view_labels_of_the_sessions_language(client, sio):
    english = english_session(client)
    auth = {"Authorization": f"Bearer {english['facilitator_key']}"}
    reply = client.patch(f"/api/sessions/{english['code']}/activities/1", json={"hidden": False},
                         headers={**auth, "Accept-Language": "nl"})
    assert reply.status_code == 200
    screen, _ = facilitate(sio, english)
    screen.get_received()
    client.patch(f"/api/sessions/{english['code']}/activities/1", json={"hidden": False},
                 headers={**auth, "Accept-Language": "nl"})
    [overview] = received(screen, "session")
    assert overview["activities"][0]["views"][0]["label"] == "Per question"


def test_a_deleted_session_is_announced_in_its_language(client, sio):
    english = english_session(client)
    screen, _ = facilitate(sio, english)
    phone, _ = join(sio, english["code"])
    screen.get_received(), phone.get_received()
    reply = client.delete(f"/api/sessions/{english['code']}?lang=nl",
                          headers={"Authorization": f"Bearer {english['facilitator_key']}"})
    assert reply.status_code == 204
    for test_client in (screen, phone):
        assert received(test_client, "deleted") == [{"message": "This session was deleted by the facilitator."}]


# --- HTTP ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("asking", [{"query_string": "lang=en"}, {"headers": {"Accept-Language": "en-GB"}}])
def test_the_api_refuses_in_the_language_of_the_request(client, asking):
    assert client.post("/api/sessions", data="x", **asking).get_json() == \
        {"error": "Send JSON with a title and a list of activities.", "reason": "malformed"}
    reply = client.post("/api/sessions", json={"title": "T", "activities": [
        "quickscan", {"title": "Own", "items": [{"label": "Q", "kind": "scale", "low": 1, "high": 40}]}]}, **asking)
    assert reply.get_json() == {"reason": "invalid_definition", "error":
                                "Activity 2, question 1: the highest number (high) must be a whole number from 2 to 11."}
    assert client.get("/api/sessions/ZZZZZZ", **asking).get_json()["error"] == \
        "This session code does not exist. Check the code and try again."
    assert client.get("/api/nowhere", **asking).get_json() == {"error": "This page does not exist.",
                                                                "reason": "not_found"}


def test_the_same_refusals_are_dutch_by_default(client):
    reply = client.post("/api/sessions", json={"title": "T", "activities": [
        "quickscan", {"title": "Eigen", "items": [{"label": "V", "kind": "scale", "low": 1, "high": 40}]}]})
    assert reply.get_json()["error"] == \
        "Activiteit 2, vraag 1: het hoogste getal (high) moet een geheel getal van 2 tot en met 11 zijn."
    assert client.get("/api/nowhere").get_json()["error"] == "Deze pagina bestaat niet."


def test_a_key_and_the_agenda_are_refused_in_english(client, session, auth):
    code = session["code"]
    assert client.get(f"/api/sessions/{code}?lang=en").get_json()["error"] == "The facilitator's key is missing."
    assert client.put(f"/api/sessions/{code}/agenda?lang=en", json={"order": [7]}, headers=auth).get_json()[
        "error"] == "The order must name every activity of this session exactly once, hidden activities included."
    assert client.post("/api/templates/check?lang=en", json={"format": "x"}).get_json()["error"] == \
        "This is not a Werkatelier template (a .werkatelier.json file)."


def test_the_join_form_says_in_english_that_there_is_no_such_code(client):
    page = client.get("/j?code=QQ7&lang=en").get_data(as_text=True)
    assert "There is no session with code ‘QQ7’. Check the code on the screen." in page


def test_rate_limits_say_how_long_to_wait_in_the_language_of_the_request(make_app):
    app = make_app(CREATE_LIMIT=1, CREATE_WINDOW=600.0)
    body = {"title": "T", "activities": ["quickscan"]}
    assert app.test_client().post("/api/sessions", json=body).status_code == 201
    assert app.test_client().post("/api/sessions?lang=en", json=body).get_json()["error"] == \
        "Too many sessions have been created from this address. Wait 10 minutes and try again."
    assert app.test_client().post("/api/sessions", json=body).get_json()["error"] == \
        "Vanaf dit adres zijn te veel sessies aangemaakt. Wacht 10 minuten en probeer het opnieuw."


def test_a_wrong_host_is_refused_in_the_language_the_request_asks_for(client):
    english = client.get("/", headers={"Host": "evil.example", "Accept-Language": "en"})
    assert english.status_code == 400
    page = english.get_data(as_text=True)
    assert '<html lang="en">' in page and "<title>Wrong address</title>" in page
    assert "This server cannot be reached at this address." in page
    dutch = client.get("/api/instruments", headers={"Host": "evil.example"})
    assert dutch.get_json() == {"reason": "untrusted_host", "error": "Deze server is niet bereikbaar onder dit "
                                "adres. Open de pagina via het adres dat de procesbegeleider toont."}


# --- outside a request: the library at import, the command line --------------------------------------------------

def test_a_definition_checked_outside_any_request_is_refused_in_dutch():
    with pytest.raises(WorkshopError) as refused:
        definition_from({"title": "T", "items": [{"label": "V", "kind": "raadsel"}]}, "eigen.toml")
    assert refused.value.message.startswith("eigen.toml, vraag 1: kies als soort vraag een van: stoplicht, choice")


@pytest.mark.parametrize(("environ", "language"), [
    ({}, "nl"), ({"LANG": "C.UTF-8"}, "nl"), ({"LANG": "en_GB.UTF-8"}, "en"), ({"LANG": "nl_NL.UTF-8"}, "nl"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"), ({"LANGUAGE": "nl", "LC_ALL": "en_US.UTF-8"}, "nl"),
    ({"LANGUAGE": "", "LC_MESSAGES": "en"}, "en"), ({"LANG": "de_DE.UTF-8"}, "nl")])
def test_the_command_line_speaks_english_only_when_its_environment_does(environ, language):
    assert environment_language(environ) == language


def test_a_storage_problem_reaches_the_phone_in_its_language_and_the_console_in_the_sessions(
        make_app, data_dir):
    app = make_app(DB_BUSY_TIMEOUT=0.1)
    english = app.test_client().post("/api/sessions", json={"title": "Faults", "activities": ["motieven"],
                                                             "language": "en"}).get_json()
    clients = [socketio.test_client(app), socketio.test_client(app, query_string="lang=nl")]
    try:
        screen, phone = clients
        assert screen.emit("facilitate", {"code": english["code"], "key": english["facilitator_key"]},
                           callback=True)["ok"]
        control(screen, "open", activity_id=1)
        assert phone.emit("join", {"code": english["code"], "organisation": "Gemeente Venlo"}, callback=True)["ok"]
        blocker = sqlite3.connect(data_dir / f"{english['code']}.sqlite", isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")  # another writer holds the database
        try:
            screen.get_received()
            refused = phone.emit("add_entry", {"activity_id": 1, "item": "moreel", "text": "Slot"}, callback=True)
            assert refused["error"] == "De opslag van de server is even bezet: dit is niet bewaard. Probeer het zo " \
                                       "opnieuw."
            [problem] = received(screen, "problem")
            assert problem == {"reason": "storage_busy", "message": "The server's storage is busy for a moment: this "
                                                                    "was not saved. Try again shortly."}
        finally:
            blocker.close()  # and its transaction with it
    finally:
        for test_client in clients:
            test_client.disconnect()
