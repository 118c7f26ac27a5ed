"""The facilitator's archive in a real browser: earlier sessions on the home page, duplicate, download,
delete with confirmation (the phones hear it), and the console's export menu."""

import json
import re

from playwright.sync_api import expect

from .pages import join_phone, open_session_menu

TITLE = "Werkatelier wijkaanpak Zuid"


def start_session(page, server, title, kinds=("succesfactoren",)):
    """Start a session from the home page; returns its code once the console is up."""
    page.goto(server.base_url + "/")
    page.fill("#title", title)
    agenda = page.locator("#agenda-list .agenda-item")
    expect(agenda).to_have_count(1)  # the designer starts with the succesfactoren
    agenda.locator("[data-remove]").click()
    for kind in kinds:
        page.locator(f".library-card[data-instrument='{kind}'] [data-add]").click()
    expect(agenda).to_have_count(len(kinds))
    page.locator("#create-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/f/[A-Z2-9]{6}$"))
    expect(page.locator("#activity-list .activity-item")).to_have_count(len(kinds))
    return page.url.rsplit("/", 1)[1]


def test_home_lists_earlier_sessions_and_duplicates_downloads_and_deletes_them(server, contexts, api, screenshots):
    facilitator = contexts(1280, 900)
    page = facilitator.new_page()
    first = start_session(page, server, TITLE, ("succesfactoren", "motieven"))
    phone = join_phone(contexts, server, first, "Zoë", "Gemeente Súdwest-Fryslân")

    page.goto(server.base_url + "/")
    item = page.locator(f".archive-item[data-code='{first}']")
    expect(item.locator("[data-title]")).to_have_text(TITLE)
    expect(item.locator("[data-meta]")).to_have_text(re.compile(rf"^\d+ \w+ 20\d\d.* · 1 deelnemer · code {first}$"))
    page.goto(server.base_url + "/?lang=en")  # the same list in English, the date as the British write it
    expect(item.locator("[data-meta]")).to_have_text(
        re.compile(rf"^\d+ [A-Z][a-z]+ 20\d\d.* · 1 participant · code {first}$"))
    expect(item.locator("[data-delete]")).to_have_text("Delete")
    page.goto(server.base_url + "/?lang=nl")

    # Download from the archive: JSON through a short-lived download token.
    item.locator("details.menu summary").click()
    with page.expect_download() as downloaded:
        item.locator("[data-file='export.json']").click()
    export = json.loads(downloaded.value.path().read_text(encoding="utf-8"))
    assert downloaded.value.suggested_filename == f"werkatelier-{first}.json"
    assert export["session"]["title"] == TITLE and export["participants"][0]["name"] == "Zoë"

    # Duplicate: a new session with the same activities, opened in its console.
    item.locator("[data-duplicate]").click()
    page.wait_for_url(re.compile(r"/f/[A-Z2-9]{6}$"))
    copy = page.url.rsplit("/", 1)[1]
    assert copy != first
    expect(page.locator("#activity-list [data-title]")).to_have_text(
        ["Kritische succesfactoren", "Motieven van samenwerkingspartners"])
    expect(page.locator("[data-participants]").first).to_have_text("0")
    page.goto(server.base_url + "/")
    expect(page.locator(".archive-item")).to_have_count(2)
    expect(page.locator(".archive-item").first).to_have_attribute("data-code", copy)  # newest first
    page.screenshot(path=screenshots / "archive-home.png", full_page=True)

    # Delete asks first; cancelling keeps everything.
    item = page.locator(f".archive-item[data-code='{first}']")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    item.locator("[data-delete]").click()
    expect(item).to_be_visible()
    assert TITLE in questions[0] and "niet ongedaan" in questions[0]
    assert api.request("GET", f"/api/sessions/{first}")[0] == 401  # still there (asks for the key)

    page.once("dialog", lambda dialog: dialog.accept())
    item.locator("[data-delete]").click()
    expect(item).to_have_count(0)
    expect(page.locator(".archive-item")).to_have_count(1)
    assert api.request("GET", f"/api/sessions/{first}")[0] == 404
    expect(phone.locator(".phone-main")).to_have_text("Deze sessie is verwijderd door de procesbegeleider.")
    assert phone.evaluate(f"localStorage.getItem('werkatelier:token:{first}')") is None
    phone.goto(f"{server.base_url}/j/{first}")
    expect(phone.locator("body")).to_contain_text("bestaat niet")

    # After a reload the deleted session stays away; a session deleted elsewhere disappears too.
    page.reload()
    expect(page.locator(".archive-item")).to_have_count(1)
    copy_key = page.evaluate(f"localStorage.getItem('werkatelier:key:{copy}')")
    status, _ = api.request("DELETE", f"/api/sessions/{copy}", key=copy_key)
    assert status == 204
    page.reload()
    expect(page.locator("#archive")).to_be_hidden()
    assert page.evaluate(f"localStorage.getItem('werkatelier:key:{copy}')") is None


def test_the_console_downloads_and_deletes_its_session(server, contexts, api, screenshots):
    page = contexts(1280, 900).new_page()
    code = start_session(page, server, "Console-export")
    beamer = page.context.new_page()
    beamer.goto(f"{server.base_url}/f/{code}/beamer")
    expect(beamer.locator(".join-code")).to_have_text(code)

    page.locator(".console-actions details.menu > summary").click()
    expect(page.locator("#downloads button")).to_have_count(5)
    page.screenshot(path=screenshots / "console-export-menu.png")
    with page.expect_download() as downloaded:
        page.locator("#downloads [data-file='export.json']").click()
    assert json.loads(downloaded.value.path().read_text(encoding="utf-8"))["session"]["code"] == code
    for file, magic in (("export.xlsx", b"PK"), ("export.csv", "\ufeff".encode()), ("report.pdf", b"%PDF")):
        page.locator(".console-actions details.menu[open]").count() or page.locator(
            ".console-actions details.menu > summary").click()
        with page.expect_download() as downloaded:
            page.locator(f"#downloads [data-file='{file}']").click()
        assert downloaded.value.suggested_filename == f"werkatelier-{code}.{file.split('.')[1]}"
        assert downloaded.value.path().read_bytes().startswith(magic), file
    with page.context.expect_page() as opened:
        page.locator("#downloads [data-file='report.html']").click()
    report = opened.value
    expect(report.locator("h1")).to_contain_text("Console-export")
    assert report.evaluate("window.opener") is None  # the report cannot reach back into the console
    report.close()

    page.once("dialog", lambda dialog: dialog.accept())
    open_session_menu(page)
    page.locator("#delete-session").click()
    page.wait_for_url(server.base_url + "/")
    assert api.request("GET", f"/api/sessions/{code}")[0] == 404
    expect(beamer.locator("#auth-error")).to_have_text("Deze sessie is verwijderd door de procesbegeleider.")
