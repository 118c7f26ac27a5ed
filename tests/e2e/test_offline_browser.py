"""A phone that loses its connection (wifi gone, screen asleep) and comes back: same participant, its
answers kept, taps made while offline sent on return, typed text never lost.

Identity lives in the phone's token and answers in the server's database; nothing on the server
expires, so how long the phone was away does not matter. Here it is away for some seconds."""

import re

from playwright.sync_api import expect

from .pages import join_phone, open_console


def test_a_phone_offline_keeps_its_identity_answers_and_unsent_work(server, contexts, api, screenshots):
    session = api.create_session("Zonder wifi", activities=("succesfactoren", "motieven"))
    console = open_console(contexts, server, session, activities=2)
    console.locator("[data-action=toggle-open]").first.click()
    phone = join_phone(contexts, server, session["code"], "Noor", "Gemeente Venlo")
    factor = phone.locator(".activity:not([hidden]) .factor[data-item=visie]")
    factor.locator("label[data-value=groen]").tap()
    expect(factor.locator("[data-status]")).to_have_text("Opgeslagen ✓")

    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_be_visible()
    other = phone.locator(".activity:not([hidden]) .factor[data-item=durf]")
    other.locator("label[data-value=rood]").tap()  # tapped while offline
    expect(other.locator("[data-status]")).to_have_text(re.compile("Nog niet opgeslagen"))
    expect(other.locator("input[value=rood]")).to_be_checked()
    phone.screenshot(path=screenshots / "offline-phone.png")

    phone.context.set_offline(False)
    expect(phone.locator("#connection")).to_be_hidden(timeout=15000)
    expect(other.locator("[data-status]")).to_have_text("Opgeslagen ✓", timeout=15000)
    expect(factor.locator("input[value=groen]")).to_be_checked()
    export = api.get(f"/api/sessions/{session['code']}/export.json", session["facilitator_key"])
    assert len(export["participants"]) == 1  # the same participant, not a new one
    assert sorted((a["item"], a["value"]) for a in export["answers"]) == [("durf", "rood"), ("visie", "groen")]

    # Cards: text typed while offline stays in the box to send again.
    console.locator("#next").click()
    field = phone.locator(".activity:not([hidden]) [data-kind=text]").first
    expect(field).to_be_visible()
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_be_visible()
    field.locator("textarea").fill("Getypt in de trein")
    field.locator("button[type=submit]").tap()
    expect(field.locator("[data-status]")).to_have_text(re.compile("Geen verbinding"))
    expect(field.locator("textarea")).to_have_value("Getypt in de trein")
    phone.context.set_offline(False)
    expect(phone.locator("#connection")).to_be_hidden(timeout=15000)
    field.locator("button[type=submit]").tap()
    expect(field.locator("[data-entries] li p")).to_have_text(["Getypt in de trein"])
    export = api.get(f"/api/sessions/{session['code']}/export.json", session["facilitator_key"])
    assert [e["text"] for e in export["entries"]] == ["Getypt in de trein"] and len(export["participants"]) == 1
