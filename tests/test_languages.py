"""Which language a page, a session and a phone get (workshop/i18n.py), through the Flask and Socket.IO clients."""

import re

import pytest

from tests.helpers import facilitate, received


def page_language(reply) -> str:
    return re.search(r'<html lang="(\w+)">', reply.get_data(as_text=True)).group(1)


def test_a_new_session_is_dutch_unless_asked_otherwise(client, session, auth):
    assert client.get(f"/api/sessions/{session['code']}", headers=auth).get_json()["language"] == "nl"
    english = client.post("/api/sessions", json={"title": "Workshop", "activities": ["quickscan"],
                                                 "language": "en"}).get_json()
    overview = client.get(f"/api/sessions/{english['code']}",
                          headers={"Authorization": f"Bearer {english['facilitator_key']}"}).get_json()
    assert overview["language"] == "en"


@pytest.mark.parametrize("language", ["de", "", 3, ["en"], "EN"])
def test_an_unknown_session_language_is_refused_in_the_language_of_the_request(app, client, language):
    reply = client.post("/api/sessions?lang=en", json={"title": "T", "activities": ["quickscan"],
                                                       "language": language})
    assert reply.status_code == 400
    assert reply.get_json() == {"error": "Choose one of these languages: nl, en.", "reason": "invalid_language"}
    dutch = app.test_client().post("/api/sessions", json={"title": "T", "activities": ["quickscan"], "language": language})
    assert dutch.get_json()["error"] == "Kies als taal een van: nl, en."


def test_console_and_beamer_follow_the_session_language_whatever_the_browser(client, session, auth):
    code = session["code"]
    english_browser = {"Accept-Language": "en-GB,en;q=0.9"}
    assert page_language(client.get(f"/f/{code}", headers=english_browser)) == "nl"
    reply = client.patch(f"/api/sessions/{code}", json={"language": "en"}, headers=auth)
    assert reply.status_code == 200 and reply.get_json()["language"] == "en"
    assert page_language(client.get(f"/f/{code}")) == "en"
    assert page_language(client.get(f"/f/{code}/beamer", headers={"Accept-Language": "nl"})) == "en"


def test_changing_the_language_tells_the_screens_and_keeps_everything_else(client, session, auth, sio):
    screen, _ = facilitate(sio, session)
    screen.get_received()
    client.patch(f"/api/sessions/{session['code']}", json={"language": "en"}, headers=auth)
    assert received(screen, "language") == [{"language": "en"}]
    assert client.patch(f"/api/sessions/{session['code']}", json={"language": "fr"}, headers=auth).status_code == 400
    overview = client.get(f"/api/sessions/{session['code']}", headers=auth).get_json()
    assert overview["language"] == "en" and [a["type"] for a in overview["activities"]] == ["succesfactoren"]


def test_a_participant_changes_the_language_only_with_the_key(client, session):
    reply = client.patch(f"/api/sessions/{session['code']}", json={"language": "en"})
    assert reply.status_code == 401


def test_a_phone_follows_the_browser_then_its_own_choice(client, session):
    code = session["code"]
    assert page_language(client.get(f"/j/{code}")) == "nl"
    assert page_language(client.get(f"/j/{code}", headers={"Accept-Language": "en-US,en;q=0.8"})) == "en"
    assert page_language(client.get(f"/j/{code}", headers={"Accept-Language": "fr, de"})) == "nl"
    chosen = client.get(f"/j/{code}?lang=en", headers={"Accept-Language": "nl"})
    assert page_language(chosen) == "en" and "lang=en" in chosen.headers["Set-Cookie"]
    assert page_language(client.get(f"/j/{code}", headers={"Accept-Language": "nl"})) == "en"  # the cookie
    assert page_language(client.get(f"/j/{code}?lang=xx")) == "en"  # an unknown choice changes nothing


def test_every_library_instrument_reads_back_in_english_with_the_same_ids(app):
    """A stored definition is translated before it is read: its checks (a stoplicht layout wants stoplichten) hold
    for the translated wording, and item and option ids stay those the answers are stored under."""
    from workshop.library import INSTRUMENTS
    from workshop.stored import definition_json, definition_of

    for instrument, definition in INSTRUMENTS.items():
        english = definition_of({"definition": definition_json(definition)}, "en")
        assert [i.id for i in english.items] == [i.id for i in definition.items], instrument
        assert [getattr(i.kind, "options", None) and [o.value for o in i.kind.options] for i in english.items] == \
            [getattr(i.kind, "options", None) and [o.value for o in i.kind.options] for i in definition.items]


def test_a_library_title_shown_in_english_is_stored_as_the_librarys_own_words(client):
    """The designer in English sends the titles it showed: a Dutch session shows the Dutch wording, an English
    phone the English; a title of the facilitator's own stays as written."""
    reply = client.post("/api/sessions", json={"title": "Workshop", "activities": [
        {"instrument": "quickscan", "title": "Collaboration quick scan"},
        {"instrument": "quickscan", "title": "Nulmeting van ons netwerk"}]}).get_json()
    auth = {"Authorization": f"Bearer {reply['facilitator_key']}"}
    titles = [a["title"] for a in client.get(f"/api/sessions/{reply['code']}", headers=auth).get_json()["activities"]]
    assert titles == ["Quick scan samenwerking", "Nulmeting van ons netwerk"]
    english = client.get(f"/j/{reply['code']}?lang=en").get_data(as_text=True)
    assert "Collaboration quick scan" in english and "Nulmeting van ons netwerk" in english
