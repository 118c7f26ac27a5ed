"""The home page, the console and the error page in either language (Flask test client): one language a page,
the language switch, the session's language offered where a facilitator chooses it."""

import re

from tests.test_languages import page_language


def text_of(reply) -> str:
    """The page's visible text, roughly: tags, scripts and the embedded catalogue left out."""
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", reply.get_data(as_text=True), flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_home_page_speaks_the_language_chosen_by_its_switch(client):
    dutch = client.get("/")
    assert page_language(dutch) == "nl" and "Nieuwe sessie" in text_of(dutch) and "Sessie starten" in text_of(dutch)
    assert '<a href="?lang=en" lang="en" hreflang="en"' in dutch.get_data(as_text=True)
    english = client.get("/?lang=en")
    text = text_of(english)
    assert page_language(english) == "en"
    assert "New session" in text and "Start session" in text and "Session code from the screen" in text
    assert not re.search(r"\b(Deelnemen|Nieuwe sessie|Sessie starten|Bibliotheek)\b", text)
    assert "lang=en" in english.headers["Set-Cookie"]
    assert page_language(client.get("/")) == "en"  # the cookie keeps the choice
    assert 'aria-current="true">English</a>' in client.get("/").get_data(as_text=True)


def test_the_designer_offers_the_session_language_defaulting_to_the_page(client):
    english = client.get("/?lang=en").get_data(as_text=True)
    assert re.search(r'<option value="en" lang="en" selected>English</option>', english)
    dutch = client.get("/?lang=nl").get_data(as_text=True)
    assert re.search(r'<option value="nl" lang="nl" selected>Nederlands</option>', dutch)
    assert "Taal van de sessie" in dutch


def test_the_console_is_in_the_session_language_and_offers_to_change_it(client, session, auth):
    code = session["code"]
    dutch = client.get(f"/f/{code}")
    assert "Beamer openen" in text_of(dutch) and "0 deelnemers" in text_of(dutch)
    client.patch(f"/api/sessions/{code}", json={"language": "en"}, headers=auth)
    english = client.get(f"/f/{code}", headers={"Accept-Language": "nl"})
    text = text_of(english)
    assert page_language(english) == "en"
    assert "Open projector view" in text and "Next activity ›" in text and "0 participants" in text
    assert not re.search(r"\b(Beamer openen|Deelnemen|Activiteiten|deelnemers|Verwijderen)\b", text)
    assert '<option value="en" lang="en" selected>English</option>' in english.get_data(as_text=True)


def test_the_console_names_the_setting_to_change_when_phones_cannot_reach_it(client, session):
    page = client.get(f"/f/{session['code']}?lang=en").get_data(as_text=True)
    assert "phones cannot reach" not in page  # ?lang= does not change a session's page
    warning = re.search(r'<p class="warning" role="note">(.*?)</p>', client.get(f"/f/{session['code']}")
                        .get_data(as_text=True), re.DOTALL).group(1)
    assert '<code>make run ARGS="--lan"</code>' in warning and "<code>WORKSHOP_PUBLIC_URL</code>" in warning


def test_the_error_page_is_in_the_language_of_the_browser(client):
    english = client.get("/j/ZZZZZZ", headers={"Accept-Language": "en"})
    assert english.status_code == 404 and page_language(english) == "en"
    assert "That did not work" in text_of(english) and "Session code" in text_of(english)
    assert "Dat lukt niet" in text_of(client.get("/j/ZZZZZZ"))
