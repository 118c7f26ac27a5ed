"""The session designer on the home page in a real browser (1280×800): library, agenda (drag and drop, buttons,
keys), own activities, the phone preview, templates kept in this browser, exported and imported as a file."""

import json
import re

from playwright.sync_api import expect

from .pages import add, agenda_titles, assert_no_horizontal_scroll, build, drag, item, open_designer, preview_shows

XSS = "<img src=x onerror=alert(1)>"
ORDER = ["Prioriteiten", "Nulmeting", "Motieven van de partners", "Vervolgmeting", "Eigen stoplicht"]


def test_a_facilitator_designs_previews_saves_shares_and_starts_a_session(server, contexts, screenshots, tmp_path):
    page = open_designer(contexts, server)
    count = page.locator(".library-card").count()
    assert count >= 5

    # The library: filter by handbook, by theme and by words.
    handbook = page.locator(".library-card[data-instrument=quickscan] .library-source").inner_text().split(" · ")[0]
    page.locator("#library-handbook").select_option(label=handbook)
    shown = page.locator(".library-card:visible")
    assert 0 < shown.count() < count
    assert all(s.split(" · ")[0] == handbook for s in shown.locator(".library-source").all_inner_texts())
    page.locator("#library-handbook").select_option("")
    page.locator("#library-search").fill("instrumentele")
    expect(page.locator(".library-card[data-instrument=motieven]")).to_be_visible()
    expect(page.locator(".library-card[data-instrument=quickscan]")).to_be_hidden()
    page.locator("#library-search").fill("")
    theme = page.locator("#library-theme option").nth(1).get_attribute("value")
    page.locator("#library-theme").select_option(theme)
    assert 0 < page.locator(".library-card:visible").count() <= count
    page.locator("#library-theme").select_option("")
    expect(page.locator(".library-count")).to_have_text(f"{count} instrumenten")
    quickscan = page.locator(".library-card[data-instrument=quickscan]")
    expect(quickscan.locator(".library-meta")).to_have_text("5 vragen · schaal")
    page.locator(".designer-library").screenshot(path=screenshots / "designer-library.png")

    # The agenda: the quick scan twice, a library instrument, an own stoplicht of four items, own points.
    page.locator("#agenda-list [data-remove]").click()  # the default succesfactoren
    expect(page.locator(".agenda-empty")).to_be_visible()
    add(page, "quickscan", "Nulmeting")
    add(page, "quickscan", "Vervolgmeting")
    add(page, "motieven", "Motieven van de partners")
    build(page, "Eigen stoplicht", [(f"Factor {n}", "stoplicht", {}) for n in range(1, 5)])

    def refused_then_fixed(page):
        page.locator("#builder-dialog [data-builder-save]").click()  # one option only: the server says where
        error = item(page, 0).locator("[data-item-error]")
        expect(error).to_have_text(re.compile(r"^Activiteit, vraag 1: .*options"))
        page.screenshot(path=screenshots / "designer-builder-error.png")
        item(page, 0).locator("[data-options]").fill("Wonen\nZorg\nWerk\nVeiligheid")
        page.locator("#builder-dialog [data-builder-preview]").click()
        expect(error).to_be_hidden()
        expect(page.frame_locator("#builder-phone iframe").locator("[data-kind=points]")).to_have_count(1)
        page.screenshot(path=screenshots / "designer-builder.png")

    build(page, "Prioriteiten", [("Thema’s", "points", {"[data-options]": "Wonen", "[data-points]": "10"})],
          check_error=refused_then_fixed)
    assert agenda_titles(page) == ["Nulmeting", "Vervolgmeting", "Motieven van de partners", "Eigen stoplicht",
                                   "Prioriteiten"]
    expect(page.locator("#agenda-count")).to_have_text("5 van 20")

    # Reorder: drag the last one onto the upper half of the first, then Alt+↑ and the ↓ button.
    items = page.locator("#agenda-list .agenda-item")
    drag(page, items.nth(4).locator(".drag-handle"), items.nth(0))
    assert agenda_titles(page) == ["Prioriteiten", "Nulmeting", "Vervolgmeting", "Motieven van de partners",
                                   "Eigen stoplicht"]
    items.nth(3).focus()
    page.keyboard.press("Alt+ArrowUp")
    assert agenda_titles(page) == ["Prioriteiten", "Nulmeting", "Motieven van de partners", "Vervolgmeting",
                                   "Eigen stoplicht"]
    expect(items.nth(2)).to_be_focused()  # the moved activity keeps the focus: press again to move on
    page.keyboard.press("Alt+ArrowDown")
    items.nth(3).locator("[data-up]").click()
    assert agenda_titles(page) == ORDER

    # Preview each activity as the phone shows it.
    for n, title in enumerate(ORDER):
        items.nth(n).locator("[data-preview]").click()
        frame = preview_shows(page, title)
        if title == "Nulmeting":
            expect(frame.locator(".scale-step")).to_have_count(50)
            page.locator("#phone-preview").screenshot(path=screenshots / "designer-preview-scale.png")
    page.locator("#phone-preview").screenshot(path=screenshots / "designer-preview.png")
    expect(frame.locator(".factor")).to_have_count(4)  # the own stoplicht in the succesfactoren' layout
    expect(frame.locator(".choice-groen input").first).to_be_disabled()
    width = page.locator("#phone-preview iframe").evaluate("frame => frame.contentWindow.innerWidth")
    assert width == 390
    items.nth(0).locator("[data-preview]").click()
    preview_shows(page, "Prioriteiten")
    page.fill("#title", "Werkatelier Noord")
    page.locator("#designer").evaluate("node => node.scrollIntoView()")
    page.screenshot(path=screenshots / "designer.png")

    # Save as a template in this browser, and export it as a file.
    page.click("#save-template")
    expect(page.locator("#designer-message")).to_contain_text("Bewaard als sjabloon ‘Werkatelier Noord’")
    page.click("#open-templates")
    own = page.locator("#templates-dialog [data-own] .template-item")
    expect(own).to_have_count(1)
    expect(own.locator("[data-template-title]")).to_have_text("Werkatelier Noord")
    with page.expect_download() as download:
        own.locator("[data-export]").click()
    assert download.value.suggested_filename == "werkatelier-noord.werkatelier.json"
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    exported = json.loads(path.read_text())
    assert exported["format"] == "werkatelier-template" and exported["version"] == 1
    assert [a["title"] for a in exported["activities"]] == ORDER
    page.locator("#templates-dialog").screenshot(path=screenshots / "designer-templates.png")

    # Another facilitator, another browser: nothing of the first is listed, the file brings the design along.
    other = open_designer(contexts, server)
    other.click("#open-templates")
    expect(other.locator("#templates-dialog [data-own] .template-item")).to_have_count(0)
    other.keyboard.press("Escape")
    other.locator("#import-template").set_input_files(path)
    expect(other.locator("#designer-message")).to_contain_text("Sjabloon ‘Werkatelier Noord’ staat in de agenda")
    assert agenda_titles(other) == ORDER
    expect(other.locator("#title")).to_have_value("Werkatelier Noord")

    # Start the session: the console lists the activities in that order with those titles.
    other.locator("#create-form button[type=submit]").click()
    other.wait_for_url(re.compile(r"/f/[A-Z2-9]{6}$"))
    expect(other.locator("#activity-list .activity-item [data-title]")).to_have_text(ORDER)


def test_a_hostile_or_broken_template_file_is_refused_or_shown_as_text(server, contexts, tmp_path):
    page = open_designer(contexts, server)
    broken = tmp_path / "kapot.werkatelier.json"
    broken.write_text("{ dit is geen json")
    page.locator("#import-template").set_input_files(broken)
    expect(page.locator("#designer-message")).to_have_text(
        "Dit sjabloon kan niet worden gebruikt. Dit bestand is geen sjabloon: het is geen geldige JSON.")
    wrong = tmp_path / "ander.json"
    wrong.write_text(json.dumps({"format": "iets-anders", "title": "T", "activities": ["quickscan"]}))
    page.locator("#import-template").set_input_files(wrong)
    expect(page.locator("#designer-message")).to_contain_text("Dit is geen sjabloon van Werkatelier")
    too_many = tmp_path / "groot.werkatelier.json"
    too_many.write_text(json.dumps({"format": "werkatelier-template", "version": 1, "title": "Groot",
                                    "activities": ["quickscan"] * 300}))
    page.locator("#import-template").set_input_files(too_many)
    expect(page.locator("#designer-message")).to_contain_text("hoogstens 20 activiteiten")
    assert agenda_titles(page) == ["Kritische succesfactoren"]  # nothing lost of what was there

    hostile = tmp_path / "xss.werkatelier.json"
    hostile.write_text(json.dumps({"format": "werkatelier-template", "version": 1, "title": f"Sjabloon {XSS}",
                                   "activities": [{"instrument": "quickscan", "title": XSS}]}))
    page.locator("#import-template").set_input_files(hostile)
    expect(page.locator("#designer-message")).to_contain_text(XSS)
    assert agenda_titles(page) == [XSS]
    page.click("#open-templates")
    expect(page.locator("#templates-dialog [data-template-title]")).to_have_text(f"Sjabloon {XSS}")
    assert page.locator("img[src=x]").count() == 0 and page.dialogs == []  # text, never markup


def test_the_agenda_says_it_is_full_before_the_server_has_to(server, contexts):
    page = open_designer(contexts, server)
    for _ in range(19):
        add(page, "quickscan")
    expect(page.locator("#agenda-count")).to_have_text("20 van 20")
    expect(page.locator("#agenda-full")).to_be_visible()
    expect(page.locator(".library-card[data-instrument=motieven] [data-add]")).to_be_disabled()
    expect(page.locator("#build-own")).to_be_disabled()
    page.locator("#agenda-list [data-remove]").first.click()
    expect(page.locator("#agenda-full")).to_be_hidden()
    expect(page.locator("#build-own")).to_be_enabled()


def test_the_servers_error_is_shown_next_to_the_activity_it_names(server, contexts):
    page = open_designer(contexts, server)
    add(page, "quickscan", "x" * 120)
    page.locator("#agenda-list [data-title]").last.evaluate("field => field.removeAttribute('maxlength')")
    page.locator("#agenda-list [data-title]").last.fill("x" * 130)
    page.fill("#title", "Te lang")
    page.locator("#create-form button[type=submit]").click()
    error = page.locator("#agenda-list .agenda-item").nth(1).locator("[data-error]")
    expect(error).to_have_text(re.compile(r"^Activiteit 2: de titel \(title\) is te lang"))
    expect(page.locator("#agenda-list .agenda-item").nth(0).locator("[data-error]")).to_be_hidden()
    assert page.url.rstrip("/") == server.base_url  # still designing, nothing lost
    assert agenda_titles(page) == ["Kritische succesfactoren", "x" * 130]

    # An own activity: its error shows at the activity, and again in the builder when it is opened.
    page.locator("#agenda-list [data-remove]").last.click()
    build(page, "Eigen", [("Factor", "stoplicht", {})])
    page.locator("#agenda-list [data-title]").last.evaluate("field => field.removeAttribute('maxlength')")
    page.locator("#agenda-list [data-title]").last.fill("y" * 125)
    page.locator("#create-form button[type=submit]").click()
    expect(page.locator("#agenda-list .agenda-item").nth(1).locator("[data-error]")).to_contain_text(
        "Activiteit 2: de titel (title) is te lang (125 tekens")
    page.locator("#agenda-list .agenda-item").nth(1).locator("[data-edit]").click()
    expect(page.locator("#builder-dialog [data-builder-error]")).to_contain_text("Activiteit 2: de titel")
    expect(item(page, 0).locator("[data-label]")).to_have_value("Factor")
    page.locator("#builder-title").fill("Eigen check")
    page.locator("#builder-dialog [data-builder-save]").click()
    assert agenda_titles(page) == ["Kritische succesfactoren", "Eigen check"]
    page.locator("#create-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/f/[A-Z2-9]{6}$"))


def test_a_starter_template_from_the_handbooks_fills_the_agenda(server, contexts, api):
    starters = api.get("/api/templates", None)["templates"]
    titles = {i["id"]: i["title"] for i in api.get("/api/instruments", None)["instruments"]}
    page = open_designer(contexts, server)
    page.click("#open-templates")
    listed = page.locator("#templates-dialog [data-starters] .template-item")
    if not starters:
        expect(page.locator("#templates-dialog")).to_contain_text("Er zijn nog geen sjablonen uit de handboeken.")
        return
    expect(listed).to_have_count(len(starters))
    listed.first.locator("button").click()
    expect(page.locator("#templates-dialog")).to_be_hidden()
    wanted = [a.get("title") or titles[a["instrument"]] for a in starters[0]["activities"]]
    assert agenda_titles(page) == wanted
    expect(page.locator("#title")).to_have_value(starters[0]["title"])


def test_the_builder_makes_every_kind_and_keeps_its_settings_when_edited_again(server, contexts, screenshots):
    page = open_designer(contexts, server)

    def fill_kinds(page):
        item(page, 0).locator("[data-multiple='1']").check()
        page.locator("#builder-dialog [data-add-item]").click()  # a fifth question, then removed again
        item(page, 4).locator("[data-label]").fill("Weg")
        item(page, 4).locator("[data-remove-item]").click()
        page.locator("#builder-dialog [data-builder-preview]").click()
        frame = page.frame_locator("#builder-phone iframe")
        expect(frame.locator("[data-item]")).to_have_count(4)
        expect(frame.locator("[data-item=v2] .scale-step")).to_have_count(11)
        expect(frame.locator("[data-item=v3] [data-counter]")).to_have_attribute("data-max", "60")
        item(page, 1).scroll_into_view_if_needed()
        page.screenshot(path=screenshots / "designer-builder-kinds.png")

    build(page, "Alles door elkaar", [
        ("Niveau", "choice", {"[data-options]": "Lokaal\nRegionaal\nBovenregionaal"}),
        ("Cijfer", "scale", {"[data-low]": "0", "[data-high]": "10"}),
        ("Ideeën", "text", {"[data-max-length]": "60", "[data-max-entries]": "2"}),
        ("Thema’s", "points", {"[data-options]": "Wonen\nZorg", "[data-points]": "5"}),
    ], check_error=fill_kinds)
    assert agenda_titles(page)[-1] == "Alles door elkaar"
    page.locator("#agenda-list [data-edit]").click()
    expect(item(page, 0).locator("[data-multiple='1']")).to_be_checked()
    expect(item(page, 0).locator("[data-options]")).to_have_value("Lokaal\nRegionaal\nBovenregionaal")
    expect(item(page, 1).locator("[data-high]")).to_have_value("10")
    expect(item(page, 2).locator("[data-max-entries]")).to_have_value("2")
    expect(item(page, 3).locator("[data-points]")).to_have_value("5")
    item(page, 3).locator("[aria-label='Vraag 4 omhoog']").click()  # reorder the questions
    expect(item(page, 2).locator("[data-label]")).to_have_value("Thema’s")
    page.locator("#builder-dialog [data-builder-save]").click()
    expect(page.locator("#builder-dialog")).to_be_hidden()
    frame = preview_shows(page, "Alles door elkaar")
    expect(frame.locator("[data-item]").nth(2)).to_contain_text("Thema’s")


def test_on_a_phone_the_home_page_opens_at_joining_and_never_scrolls_sideways(server, contexts, screenshots):
    page = contexts(390, 844, phone=True).new_page()
    page.goto(server.base_url + "/")
    expect(page.locator("#agenda-list .agenda-item")).to_have_count(1)
    expect(page.frame_locator("#phone-preview iframe").locator("h2")).to_have_text("Kritische succesfactoren")
    assert page.evaluate("scrollY") == 0
    expect(page.locator("#code")).to_be_in_viewport()
    assert_no_horizontal_scroll(page, 390)
    page.screenshot(path=screenshots / "designer-home-phone.png")
