"""Free-text cards in a real browser: write, edit and delete on the phone; moderate in the console;
the beamer shows text as text, live, anonymous unless the facilitator shows names.

Uses the first text question of the motieven activity, so it tests the card machinery itself.
"""

import re

from playwright.sync_api import expect

from .pages import assert_no_horizontal_scroll, join_phone, open_beamer, open_console

HOSTILE = '<img src=x onerror="document.title=\'gehackt\'"> Café 👩‍⚕️ – “ëén”'


def test_cards_from_phone_to_beamer_with_editing_moderation_and_names(server, contexts, api, screenshots):
    session = api.create_session("Kaarten in de zaal", activities=("motieven",))
    console = open_console(contexts, server, session)
    beamer = open_beamer(contexts, server, session)
    phone = join_phone(contexts, server, session["code"], "Anna", "Gemeente Venlo", width=360, height=780)
    console.locator("[data-action=toggle-open]").click()

    field = phone.locator(".activity:not([hidden]) [data-kind=text]").first
    form = field.locator("[data-entry-form]")
    form.locator("textarea").fill(HOSTILE)
    expect(form.locator("[data-counter]")).to_have_text(re.compile(r"^\d+/\d+$"))
    form.locator("button[type=submit]").tap()
    expect(field.locator("[data-status]")).to_have_text("Opgeslagen ✓")
    expect(field.locator("[data-entries] li p")).to_have_text([HOSTILE])  # shown as text, not as an image
    expect(form.locator("textarea")).to_have_value("")

    notes = beamer.locator(".result:not([hidden]) .note")
    expect(notes).to_have_count(1)
    expect(notes.locator(".note-text")).to_have_text(HOSTILE)
    assert beamer.locator(".result img").count() == 0 and phone.locator(".activity img").count() == 0
    expect(notes.locator(".note-meta")).to_have_text("Gemeente Venlo")  # anonymous: no name
    assert "gehackt" not in (beamer.title(), phone.title(), console.title())

    # Edit the card on the phone.
    field.locator("[data-card-action=edit]").tap()
    expect(form.locator("textarea")).to_have_value(HOSTILE)
    expect(form.locator("[data-submit]")).to_have_text("Wijziging opslaan")
    form.locator("textarea").fill("Samen de wachtlijst korter maken")
    form.locator("button[type=submit]").tap()
    expect(field.locator("[data-entries] li p")).to_have_text(["Samen de wachtlijst korter maken"])
    expect(notes.locator(".note-text")).to_have_text("Samen de wachtlijst korter maken")

    # A second card, then delete it.
    form.locator("textarea").fill("Deze gaat weer weg")
    form.locator("button[type=submit]").tap()
    expect(notes).to_have_count(2)
    field.locator("[data-entries] li", has_text="Deze gaat weer weg").locator("[data-card-action=delete]").tap()
    expect(field.locator("[data-entries] li")).to_have_count(1)
    expect(notes).to_have_count(1)

    # Too long: refused on the phone with a Dutch message, the text stays to be shortened.
    max_length = int(form.locator("[data-counter]").get_attribute("data-max"))
    form.locator("textarea").fill("x" * (max_length + 1))
    expect(form.locator("[data-counter]")).to_have_class(re.compile("over"))
    form.locator("button[type=submit]").tap()
    expect(field.locator("[data-status]")).to_have_text(re.compile("te lang"))
    expect(form.locator("textarea")).to_have_value("x" * (max_length + 1))
    form.locator("textarea").fill("")
    assert_no_horizontal_scroll(phone, 360)
    phone.screenshot(path=screenshots / "cards-phone.png", full_page=True)

    # The console highlights and then hides the card; the beamer follows.
    preview = console.locator(".preview .result:not([hidden]) .note")
    expect(preview).to_have_count(1)
    preview.locator("[data-moderate=highlighted]").click()
    expect(notes).to_have_class(re.compile("note-highlighted"))
    console.locator("[data-action=toggle-names]").click()
    expect(notes.locator(".note-meta")).to_have_text("Gemeente Venlo · Anna")
    beamer.screenshot(path=screenshots / "cards-beamer-highlighted-names.png")
    console.locator("[data-action=toggle-names]").click()
    expect(notes.locator(".note-meta")).to_have_text("Gemeente Venlo")
    preview.locator("[data-moderate=hidden]").click()
    expect(notes).to_have_count(0)
    expect(preview).to_have_class(re.compile("note-hidden"))
    expect(preview.locator(".badge")).to_have_text("verborgen")
    console.screenshot(path=screenshots / "cards-console-moderation.png", full_page=True)
    export = api.get(f"/api/sessions/{session['code']}/export.json", session["facilitator_key"])
    assert [(e["text"], e["hidden"], e["highlighted"]) for e in export["entries"]] == \
        [("Samen de wachtlijst korter maken", True, True)]

    # Closed: the phone keeps its card but can no longer change it.
    console.locator("[data-action=toggle-open]").click()
    expect(phone.locator(".activity:not([hidden]) [data-closed-banner]")).to_be_visible()
    expect(field.locator("[data-card-action]")).to_have_count(0)
    expect(form.locator("textarea")).to_be_disabled()
    expect(field.locator("[data-entries] li p")).to_have_text(["Samen de wachtlijst korter maken"])
