"""The per-address limit on new sessions, as a facilitator meets it on the home page."""

import pytest

from .support import Api, Server


@pytest.fixture
def limited_server(tmp_path):
    """A server that lets one address create two sessions per ten minutes."""
    running = Server(tmp_path / "sessions", tmp_path / "server.log", env={"WORKSHOP_CREATE_LIMIT": "2"})
    running.start()
    yield running
    running.stop()


def test_over_the_session_limit_the_home_page_says_how_long_to_wait(limited_server, contexts, screenshots):
    Api(limited_server.base_url).create_session("Eerste")
    Api(limited_server.base_url).create_session("Tweede")
    page = contexts(1280, 800).new_page()
    page.goto(limited_server.base_url + "/")
    page.fill("#title", "Derde")
    page.click("#create-form button[type=submit]")
    problem = page.locator("#create-error")
    problem.wait_for(state="visible")
    assert "te veel sessies aangemaakt" in problem.inner_text() and "Wacht 10 minuten" in problem.inner_text()
    assert page.url.rstrip("/") == limited_server.base_url  # still on the home page, the title still typed
    assert page.input_value("#title") == "Derde"
    page.screenshot(path=str(screenshots / "home-create-limited.png"))
