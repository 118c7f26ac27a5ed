"""The quick scan through the API and Socket.IO: create, describe, grade, change, refuse, live results."""

from html.parser import HTMLParser
from unittest.mock import ANY

import pytest
from helpers import answer, assert_refused, control, facilitate, join, only_aggregate, received, wait_for

IDS = ["ambitie", "belangen", "relatie", "organisatie", "proces"]
TITLE = "Quick scan samenwerking"


def store_of(app):
    return app.extensions["werkatelier"].workshops.store


def stored(app, session):
    return sorted((r["participant_id"], r["item"], r["value"]) for r in store_of(app).answers(session["code"]))


@pytest.fixture
def quickscan(client):
    reply = client.post("/api/sessions", json={"title": "Evaluatie wijkteams", "activities": ["quickscan"]})
    assert reply.status_code == 201
    return reply.get_json()


@pytest.fixture
def opened(quickscan, sio):
    """The quick scan opened by a facilitator screen: (session, screen)."""
    screen, _ = facilitate(sio, quickscan)
    control(screen, "open", activity_id=1)
    return quickscan, screen


# --- the definition as the API and the pages show it ------------------------------------------------------------


def test_the_overview_describes_five_grades_with_their_help_questions(client, quickscan):
    reply = client.get(f"/api/sessions/{quickscan['code']}",
                       headers={"Authorization": f"Bearer {quickscan['facilitator_key']}"})
    assert reply.status_code == 200
    [activity] = reply.get_json()["activities"]
    assert (activity["id"], activity["type"], activity["title"], activity["state"]) == (1, "quickscan", TITLE,
                                                                                        "closed")
    assert activity["view"] == "verdeling"
    assert [view["id"] for view in activity["views"]] == ["verdeling", "organisaties"]
    assert [item["id"] for item in activity["items"]] == IDS
    for item in activity["items"]:
        assert (item["kind"], item["low"], item["high"]) == ("scale", 1, 10)
        assert (item["low_label"], item["high_label"]) == ("slecht", "uitstekend")
        assert len(item["help"]) == 4 and all(line.endswith("?") for line in item["help"])
    relatie = activity["items"][2]
    assert relatie["label"] == "Relatie"
    assert relatie["question"] == "Ontwikkel betekenisvolle persoonlijke relaties"
    assert relatie["help"][2] == "Hebben we de juiste mensen aan tafel?"


class Tags(HTMLParser):
    """The start tags of a page with their attributes, and its text."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.text = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_the_phone_page_has_ten_grade_buttons_and_the_help_questions_per_condition(client, quickscan):
    reply = client.get(f"/j/{quickscan['code']}")
    assert reply.status_code == 200
    page = Tags(reply.get_data(as_text=True))
    fields = [attrs for tag, attrs in page.tags if "data-item" in attrs and attrs.get("data-kind") == "scale"]
    assert [field["data-item"] for field in fields] == IDS
    steps = [attrs for tag, attrs in page.tags if tag == "input" and attrs.get("type") == "radio"]
    assert [step["value"] for step in steps] == [str(n) for n in range(1, 11)] * 5
    assert len({step["name"] for step in steps}) == 5 and not any("checked" in step for step in steps)
    ends = {tuple(step["aria-describedby"].split()) for step in steps}  # each grade says what 1 and 10 mean
    assert len(ends) == 5 and all(low.endswith("-low") and high.endswith("-high") for low, high in ends)
    text = " ".join(page.text)
    assert "Is duidelijk wie de procesregie voert en functioneert dit goed?" in text
    assert "1 = slecht" in text and "10 = uitstekend" in text


def test_the_beamer_page_has_a_row_per_condition(client, quickscan):
    reply = client.get(f"/f/{quickscan['code']}/beamer")
    assert reply.status_code == 200
    page = Tags(reply.get_data(as_text=True))
    rows = [attrs["data-item"] for tag, attrs in page.tags if tag == "li" and attrs.get("class") == "qs-row"]
    assert rows == IDS


def test_facilitate_acknowledges_with_an_empty_quick_scan(quickscan, sio):
    _, ack = facilitate(sio, quickscan)
    aggregate = ack["results"]["1"]
    assert aggregate["respondents"] == 0
    assert list(aggregate["items"]) == IDS
    for summary in aggregate["items"].values():
        assert (summary["kind"], summary["n"], summary["counts"], summary["mean"]) == ("scale", 0, [0] * 10, None)


# --- answering ---------------------------------------------------------------------------------------------------


def test_phones_give_grades_and_the_api_returns_the_aggregate(opened, sio, app, client):
    session, _ = opened
    anna, a = join(sio, session["code"], name="Anna", organisation="Gemeente Roermond")
    bas, b = join(sio, session["code"], name="Bas", organisation="gemeente  roermond")
    cor, c = join(sio, session["code"], name="Cor", organisation="Zorggroep Noord")
    ack = answer(anna, "ambitie", 8)
    assert ack == {"ok": True, "activity_id": 1, "item": "ambitie", "value": "8"}
    assert answer(anna, "relatie", "3")["value"] == "3"  # a digit string, as some phones send it
    assert answer(bas, "ambitie", 6)["ok"]
    assert answer(bas, "relatie", 10)["ok"]
    assert answer(cor, "ambitie", 7)["ok"]
    assert answer(cor, "relatie", 1)["ok"]

    assert stored(app, session) == sorted([
        (a["participant_id"], "ambitie", "8"), (a["participant_id"], "relatie", "3"),
        (b["participant_id"], "ambitie", "6"), (b["participant_id"], "relatie", "10"),
        (c["participant_id"], "ambitie", "7"), (c["participant_id"], "relatie", "1")])
    aggregate = only_aggregate(client, session, "quickscan")
    assert aggregate["respondents"] == 3
    ambitie, relatie = aggregate["items"]["ambitie"], aggregate["items"]["relatie"]
    assert ambitie["counts"] == [0, 0, 0, 0, 0, 1, 1, 1, 0, 0]
    assert (ambitie["n"], ambitie["mean"], ambitie["median"], ambitie["min"], ambitie["max"]) == (3, 7, 7, 6, 8)
    assert ambitie["disagree"] is False
    assert relatie["counts"] == [1, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    assert (relatie["mean"], relatie["median"], relatie["sd"]) == (4.67, 3, 3.86)
    assert relatie["disagree"] is True
    assert [(o["name"], o["n"], o["mean"]) for o in relatie["organisations"]] == [
        ("Gemeente Roermond", 2, 6.5), ("Zorggroep Noord", 1, 1)]
    assert aggregate["items"]["proces"]["n"] == 0


def test_changing_a_grade_replaces_it(opened, sio, app, client):
    session, _ = opened
    phone, joined = join(sio, session["code"], name="Anna")
    for grade in (4, 9, "6"):
        assert answer(phone, "proces", grade)["ok"]
    assert stored(app, session) == [(joined["participant_id"], "proces", "6")]
    proces = only_aggregate(client, session, "quickscan")["items"]["proces"]
    assert (proces["n"], proces["counts"], proces["mean"]) == (1, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0], 6)
    assert phone.emit("state", {}, callback=True)["answers"] == {"proces": "6"}


def test_a_reloaded_phone_gets_its_grades_back(opened, sio):
    session, _ = opened
    phone, first = join(sio, session["code"], name="Anna")
    assert answer(phone, "ambitie", 10)["ok"]
    assert answer(phone, "belangen", 1)["ok"]
    phone.disconnect()
    _, again = join(sio, session["code"], token=first["token"])
    assert again["participant_id"] == first["participant_id"]
    assert again["activity"] == {"id": 1, "type": "quickscan", "title": TITLE, "state": "open", "revision": ANY, "timer": None}
    assert again["answers"] == {"ambitie": "10", "belangen": "1"}


def test_the_facilitator_screen_hears_the_new_numbers(opened, sio):
    session, screen = opened
    screen.get_received()
    phones = [join(sio, session["code"], organisation=org)[0]
              for org in ("Gemeente Roermond", "Gemeente Roermond", "Zorggroep Noord", "")]
    for phone, grade in zip(phones, (2, 9, 10, 3), strict=True):
        assert answer(phone, "organisatie", grade)["ok"]
    for phone in phones:
        assert answer(phone, "proces", 7)["ok"]

    def complete(event):
        items = event["aggregate"]["items"]
        return items["organisatie"]["n"] == 4 and items["proces"]["n"] == 4

    last = wait_for(screen, "results", complete)[-1]
    assert last["activity_id"] == 1
    organisatie, proces = last["aggregate"]["items"]["organisatie"], last["aggregate"]["items"]["proces"]
    assert last["aggregate"]["respondents"] == 4
    assert organisatie["counts"] == [0, 1, 1, 0, 0, 0, 0, 0, 1, 1]
    assert (organisatie["mean"], organisatie["median"], organisatie["disagree"]) == (6, 6, True)
    assert (proces["mean"], proces["median"], proces["sd"], proces["disagree"]) == (7, 7, 0, False)
    assert [(o["name"], o["n"]) for o in organisatie["organisations"]] == [
        ("Gemeente Roermond", 2), ("Zorggroep Noord", 1), ("", 1)]  # "": no organisation, last
    assert received(phones[0], "results", timeout=0.1) == []  # a phone does not get the results


@pytest.mark.parametrize("value", [0, 11, 7.5, "7,5", True, "zeven", None, "", [8], "²", "9" * 5000], ids=repr)
def test_an_invalid_grade_is_refused_in_dutch_and_loses_nothing(opened, sio, app, client, value):
    session, _ = opened
    phone, joined = join(sio, session["code"], name="Anna")
    assert answer(phone, "ambitie", 7)["ok"]
    before = only_aggregate(client, session, "quickscan")
    ack = answer(phone, "ambitie", value)
    assert_refused(ack, "invalid_value")
    assert ack["error"] == "Kies een getal van 1 tot en met 10."
    assert stored(app, session) == [(joined["participant_id"], "ambitie", "7")]
    assert only_aggregate(client, session, "quickscan") == before
    assert answer(phone, "ambitie", 8)["ok"]  # and the phone can go on


def test_a_grade_without_a_value_or_for_an_unknown_condition_is_refused(opened, sio, app):
    session, _ = opened
    phone, _ = join(sio, session["code"])
    assert_refused(phone.emit("answer", {"activity_id": 1, "item": "ambitie"}, callback=True), "invalid_value")
    assert_refused(answer(phone, "vertrouwen", 7), "unknown_item")
    assert_refused(answer(phone, "Ambitie", 7), "unknown_item")
    assert stored(app, session) == []


def test_a_card_is_not_a_grade(opened, sio, app):
    session, _ = opened
    phone, _ = join(sio, session["code"])
    ack = phone.emit("add_entry", {"activity_id": 1, "item": "ambitie", "text": "Een acht"}, callback=True)
    assert_refused(ack, "wrong_kind")
    assert store_of(app).entries(session["code"]) == [] and stored(app, session) == []


def test_grading_before_the_facilitator_opens_is_refused(quickscan, sio, app):
    phone, _ = join(sio, quickscan["code"], name="Anna")
    ack = answer(phone, "ambitie", 7)
    assert_refused(ack, "closed")
    assert "gesloten" in ack["error"]
    assert stored(app, quickscan) == []


def test_grading_a_closed_quick_scan_is_refused_and_the_grades_are_kept(opened, sio, app, client):
    session, screen = opened
    phone, joined = join(sio, session["code"])
    assert answer(phone, "belangen", 5)["ok"]
    control(screen, "close", activity_id=1)
    assert_refused(answer(phone, "belangen", 9), "closed")
    assert_refused(answer(phone, "proces", 9), "closed")
    assert stored(app, session) == [(joined["participant_id"], "belangen", "5")]
    assert only_aggregate(client, session, "quickscan")["items"]["belangen"]["counts"] == [0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    state = phone.emit("state", {}, callback=True)
    assert state["activity"]["state"] == "closed" and state["answers"] == {"belangen": "5"}


# --- views -------------------------------------------------------------------------------------------------------


def test_the_facilitator_switches_between_the_two_views(opened, sio, client):
    session, screen = opened
    beamer, _ = facilitate(sio, session)
    ack = control(screen, "set_view", activity_id=1, view="organisaties")
    assert ack["session"]["activities"][0]["view"] == "organisaties"
    [pushed] = received(beamer, "session")
    assert pushed["activities"][0]["view"] == "organisaties"
    control(screen, "set_view", activity_id=1, view="verdeling")
    assert received(beamer, "session")[-1]["activities"][0]["view"] == "verdeling"


@pytest.mark.parametrize("view", ["heatmap", "bars", "default", ""])
def test_a_view_of_another_type_is_refused(opened, client, view):
    session, screen = opened
    ack = screen.emit("control", {"action": "set_view", "activity_id": 1, "view": view}, callback=True)
    assert_refused(ack, "unknown_view")
    reply = client.get(f"/api/sessions/{session['code']}",
                       headers={"Authorization": f"Bearer {session['facilitator_key']}"})
    assert reply.get_json()["activities"][0]["view"] == "verdeling"
