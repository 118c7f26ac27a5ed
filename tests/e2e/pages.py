"""Pages of the app in the browser, shared by the end-to-end tests: console, beamer, phones."""

from playwright.sync_api import expect


def open_console(contexts, server, session, activities=1):
    page = contexts(1280, 900).new_page()
    page.goto(f"{server.base_url}/f/{session['code']}#key={session['facilitator_key']}")
    expect(page.locator("#activity-list .activity-item")).to_have_count(activities)  # the facilitate ack arrived
    return page


def open_beamer(contexts, server, session):
    page = contexts(1920, 1080).new_page()
    page.goto(f"{server.base_url}/f/{session['code']}/beamer#key={session['facilitator_key']}")
    expect(page).to_have_url(f"{server.base_url}/f/{session['code']}/beamer")  # the key is off the screen
    return page


def join_phone(contexts, server, code, name, organisation, width=390, height=844):
    """A phone opens the join link and joins through the form; returns the page, waiting or answering."""
    page = contexts(width, height, phone=True).new_page()
    page.goto(f"{server.base_url}/j/{code}")
    expect(page.locator("#join")).to_be_visible()
    assert_no_horizontal_scroll(page, width)
    page.fill("#name", name)
    page.fill("#organisation", organisation)
    page.locator("#join-form button[type=submit]").tap()
    expect(page.locator("#join")).to_be_hidden()
    expect(page.locator("#me")).to_have_text(f"{name} · {organisation}")
    return page


def assert_no_horizontal_scroll(page, width):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page scrolls sideways: scrollWidth {scroll_width} > {width} px"


def assert_fits_the_screen(beamer):
    """The beamer never scrolls (overflow hidden): everything of the shown result must be on screen."""
    overflow = beamer.evaluate("""() => {
        const shown = document.querySelector('.beamer-main > :not([hidden])');
        let bottom = 0, right = 0;
        for (const el of shown.querySelectorAll('*')) {
            const box = el.getBoundingClientRect();
            if (box.width && box.height) { bottom = Math.max(bottom, box.bottom); right = Math.max(right, box.right); }
        }
        return {bottom, right, height: innerHeight, width: innerWidth};
    }""")
    assert overflow["bottom"] <= overflow["height"] and overflow["right"] <= overflow["width"], overflow
