"""Results released to the phones (§4 of issue 13): the phone-sized payload, release and withdraw, the cadence."""

import json
import time

import pytest

from tests.helpers import answer, assert_refused, control, facilitate, join, received, wait_for
from workshop.kinds import Choice, Points, Scale, Text
from workshop.phone_results import PHONE_CARDS, phone_aggregate
from workshop.sessions import Workshops
from workshop.store import Store
from workshop.stored import definition_of

OWN = {"title": "Eigen check", "intro": "Vul in wat je denkt.", "items": [
    {"label": "Visie", "question": "Is er een gedeelde visie?", "kind": "stoplicht"},
    {"label": "Scope", "question": "Op welk niveau?", "kind": "choice", "options": ["Lokaal", "Regionaal"],
     "multiple": True},
    {"label": "Cijfer", "question": "Hoe tevreden ben je?", "kind": "scale", "low": 0, "high": 10},
    {"label": "Ideeën", "question": "Wat moet er beter?", "kind": "text", "max_length": 140, "max_entries": 8},
    {"label": "Prioriteit", "question": "Waar gaan we mee aan de slag?", "kind": "points",
     "options": ["Wonen", "Zorg", "Werk"], "points": 7}]}
LAYOUTS = ["succesfactoren", "quickscan", "motieven", "halen_brengen", "netwerkleiderschap", OWN]
NAME, ORGANISATION, SECRET = "Annabel Geheimnaam", "Gemeente Verstopt", "Deze kaart is verborgen"


def a_value(kind):
    if isinstance(kind, Choice):
        return [kind.options[0].value] if kind.multiple else kind.options[0].value
    if isinstance(kind, Scale):
        return kind.low
    if isinstance(kind, Points):
        return {kind.options[0].value: 1}


@pytest.fixture
def answered(tmp_path):
    """Every layout, each item answered by two named people of an organisation; per text item up to ten cards,
    one hidden and one highlighted."""
    workshops = Workshops(Store(tmp_path))
    code, _key = workshops.create("Alle weergaven", LAYOUTS)
    people = [workshops.join(code, f"{NAME} {n}", ORGANISATION)["participant_id"] for n in (1, 2)]
    for activity in workshops.store.activities(code):
        workshops.control(code, "open", activity["id"])
        for item in definition_of(activity).items:
            for person in people:
                if isinstance(item.kind, Text):
                    cards = [workshops.add_entry(code, person, activity["id"], item.id, f"Kaart {n} van {person}")
                             for n in range(cards_per_person(item))]
                    if person == people[0]:
                        workshops.moderate(code, cards[0]["entry"]["id"], hidden=True)
                        workshops.store.update_entry(code, cards[0]["entry"]["id"], text=SECRET)
                        workshops.moderate(code, cards[1]["entry"]["id"], highlighted=True)
                else:
                    workshops.answer(code, person, activity["id"], item.id, a_value(item.kind))
    yield workshops, code
    workshops.close()


def cards_per_person(item) -> int:
    assert item.kind.max_entries >= 2
    return min(5, item.kind.max_entries)


def phone_payloads(workshops, code):
    for activity in workshops.store.activities(code):
        aggregate = workshops.results(code, activity["id"])[str(activity["id"])]
        yield definition_of(activity), aggregate, phone_aggregate(definition_of(activity), aggregate)


def test_the_phone_payload_names_nobody_and_hides_what_the_beamer_hides(answered):
    workshops, code = answered
    for definition, aggregate, phone in phone_payloads(workshops, code):
        text = json.dumps(phone, ensure_ascii=False)
        if definition.has_text:  # the beamer's cards carry their authors; the phone's do not
            assert NAME in json.dumps(aggregate, ensure_ascii=False)
        for secret in (NAME, ORGANISATION, SECRET, '"hidden"', '"name"', '"organisation'):
            assert secret not in text, (definition.layout, secret)
        assert phone["respondents"] == 2, definition.layout


def test_the_phone_payload_has_every_item_in_a_phone_sized_summary(answered):
    workshops, code = answered
    for definition, _aggregate, phone in phone_payloads(workshops, code):
        shown = [item for item in definition.items if definition.shown_on_phones(item)]
        assert list(phone["items"]) == [item.id for item in shown], definition.layout
        for item in shown:
            summary = phone["items"][item.id]
            if isinstance(item.kind, Choice):
                assert summary == {"kind": "choice", "total": 2,
                                   "counts": {o.value: 2 * (n == 0) for n, o in enumerate(item.kind.options)}}
            elif isinstance(item.kind, Scale):
                assert (summary["kind"], summary["n"], summary["mean"], summary["counts"][0]) == ("scale", 2,
                                                                                                 item.kind.low, 2)
            elif isinstance(item.kind, Points):
                assert summary["totals"][item.kind.options[0].value] == 2 and summary["total"] == 2
            else:  # every card but the hidden one, as many as a phone shows, in the order added
                visible = 2 * cards_per_person(item) - 1
                assert summary["count"] == visible and len(summary["cards"]) == min(visible, PHONE_CARDS)
                ids = [card["id"] for card in summary["cards"]]
                assert ids == sorted(ids) and [c for c in summary["cards"] if c["highlighted"]]
                assert set(summary["cards"][0]) == {"id", "text", "highlighted"}


def test_cards_are_trimmed_to_what_a_phone_shows_keeping_the_highlighted():
    cards = [{"id": n, "text": f"kaart {n}", "at": f"2026-12-01T10:{n:02}", "hidden": n == 39,
              "highlighted": n == 0, "name": "X", "organisation": "Y"} for n in range(40)]
    summary = phone_aggregate(definition_of_text(), {"respondents": 3, "items": {"ideeen": {"kind": "text",
                                                                                          "cards": cards}}})
    kept = summary["items"]["ideeen"]
    assert kept["count"] == 39
    assert [c["id"] for c in kept["cards"]] == [0, *range(28, 39)]  # the highlighted one, then the 11 newest


def definition_of_text():
    from workshop.library import definition_for
    return definition_for({"title": "Kaarten", "intro": "", "items": [
        {"id": "ideeen", "label": "Ideeën", "question": "Wat?", "kind": "text"}]})


def test_netwerkleiderschap_keeps_the_names_of_contributors_off_the_phones(answered):
    workshops, code = answered
    definition, aggregate, phone = next(p for p in phone_payloads(workshops, code)
                                        if p[0].layout == "netwerkleiderschap")
    assert any(role["names"] for role in aggregate["roles"])  # the beamer shows them
    assert not [item for item in phone["items"] if item.endswith("-namen")]
    assert [item for item in phone["items"] if item.endswith("-belegd")]


# --- release and withdraw through Socket.IO ---------------------------------------------------------------------


@pytest.fixture
def app(make_app):
    return make_app(PHONE_RESULTS_INTERVAL=0.3)


@pytest.fixture
def room(session, sio):
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    phone, joined = join(sio, session["code"], name="Anna", organisation="Gemeente Roermond")
    assert joined["phone_results"] is None
    return session, screen, phone


def heard_both(client, *events, timeout=3.0) -> dict:
    """Every one of `events` the test client got until it got each at least once (in whatever order)."""
    deadline = time.monotonic() + timeout
    heard = {event: [] for event in events}
    while not all(heard.values()) and time.monotonic() < deadline:
        for packet in client.get_received():
            if packet["name"] in heard:
                heard[packet["name"]].append(packet["args"][0])
        time.sleep(0.01)
    assert all(heard.values()), heard
    return heard


def test_release_and_withdraw_show_in_the_overview_and_on_the_phones(room):
    session, screen, phone = room
    ack = control(screen, "release_results", activity_id=1)
    assert ack["session"]["activities"][0]["results_released"] is True
    heard = heard_both(phone, "activity", "phone_results")
    assert heard["activity"][-1]["activity"]["results_released"] is True
    [snapshot] = heard["phone_results"]
    assert snapshot["activity_id"] == 1 and snapshot["aggregate"]["respondents"] == 0 and snapshot["seq"] > 0
    state = phone.emit("state", {}, callback=True)
    assert state["phone_results"]["aggregate"] == snapshot["aggregate"]
    ack = control(screen, "withdraw_results", activity_id=1)
    assert ack["session"]["activities"][0]["results_released"] is False
    assert received(phone, "activity")[-1]["activity"]["results_released"] is False
    assert phone.emit("state", {}, callback=True)["phone_results"] is None
    assert answer(phone, "visie", "groen")["ok"]
    wait_for(screen, "results", lambda r: r["aggregate"]["respondents"] == 1)
    assert received(phone, "phone_results", timeout=0.3) == []  # withdrawn: nothing more on the phones


def test_released_after_closing_too(room):
    _session, screen, phone = room
    assert answer(phone, "visie", "rood")["ok"]
    control(screen, "close", activity_id=1)
    control(screen, "release_results", activity_id=1)
    wait_for(phone, "phone_results",
             lambda r: r["aggregate"]["items"]["visie"]["counts"] == {"groen": 0, "oranje": 0, "rood": 1})


def test_a_burst_of_answers_reaches_the_phones_as_a_handful_of_snapshots(session, sio):
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    phones = [join(sio, session["code"], name=f"P{n}")[0] for n in range(5)]
    control(screen, "release_results", activity_id=1)
    wait_for(phones[0], "phone_results", lambda r: True)
    for phone in phones:
        phone.get_received()
    items = ["visie", "durf", "interdependentie", "domeinconsensus", "elkaar-kennen", "onderhandelingsvermogen",
             "middelen", "structuur", "methodisch", "vertrouwen"]
    for n in range(50):
        assert answer(phones[n % 5], items[n // 5], "groen")["ok"]
    snapshots = wait_for(phones[1], "phone_results", lambda r: r["aggregate"]["respondents"] == 5
                         and r["aggregate"]["items"]["vertrouwen"]["total"] == 5)
    assert 1 <= len(snapshots) <= 8  # coalesced: 50 answers, not 50 snapshots
    assert [s["seq"] for s in snapshots] == sorted(s["seq"] for s in snapshots)


def test_a_phone_that_joins_or_gets_the_activity_while_released_has_the_results_at_once(room, sio):
    session, screen, phone = room
    assert answer(phone, "visie", "groen")["ok"]
    control(screen, "release_results", activity_id=1)
    wait_for(phone, "phone_results", lambda r: r["aggregate"]["respondents"] == 1)
    _late, joined = join(sio, session["code"], name="Laat")
    assert joined["phone_results"]["activity_id"] == 1
    assert joined["phone_results"]["aggregate"]["items"]["visie"]["counts"]["groen"] == 1
    again = phone.emit("join", {"code": session["code"], "token": "onbekend"}, callback=True)
    assert again["phone_results"]["aggregate"]["respondents"] == 1


def test_the_phones_get_the_results_of_the_activity_they_show(client, sio):
    reply = client.post("/api/sessions", json={"title": "Twee", "activities": ["succesfactoren", "quickscan"]})
    two = reply.get_json()
    screen, _ = facilitate(sio, two)
    control(screen, "open", activity_id=1)
    phone, _ = join(sio, two["code"], name="Anna")
    control(screen, "release_results", activity_id=2)  # not on the phones: nothing to show yet
    assert received(phone, "phone_results", timeout=0.3) == []
    assert phone.emit("state", {}, callback=True)["phone_results"] is None
    control(screen, "next")
    state = phone.emit("state", {}, callback=True)
    assert state["activity"]["id"] == 2 and state["phone_results"]["activity_id"] == 2


@pytest.mark.parametrize("action", ["release_results", "withdraw_results"])
def test_a_phone_cannot_release_or_withdraw(room, action):
    _session, _screen, phone = room
    assert_refused(phone.emit("control", {"action": action, "activity_id": 1}, callback=True), "forbidden")


@pytest.mark.parametrize("activity_id", [None, 99, "1", True, 2**70])
def test_release_needs_an_activity_of_the_session(room, activity_id):
    _session, screen, _phone = room
    ack = screen.emit("control", {"action": "release_results", "activity_id": activity_id}, callback=True)
    assert_refused(ack, "not_found")


def test_a_hidden_activity_cannot_be_released(client, sio):
    reply = client.post("/api/sessions", json={"title": "Twee", "activities": ["succesfactoren", "quickscan"]})
    two = reply.get_json()
    headers = {"Authorization": f"Bearer {two['facilitator_key']}"}
    assert client.patch(f"/api/sessions/{two['code']}/activities/2", json={"hidden": True},
                        headers=headers).status_code == 200
    screen, _ = facilitate(sio, two)
    assert_refused(screen.emit("control", {"action": "release_results", "activity_id": 2}, callback=True), "hidden")


def test_the_release_survives_a_server_restart(data_dir):
    workshops = Workshops(Store(data_dir))
    code, _key = workshops.create("Blijft", ["succesfactoren"])
    workshops.control(code, "open", 1)
    workshops.control(code, "release_results", 1)
    workshops.close()
    again = Workshops(Store(data_dir))
    assert again.overview(code)["activities"][0]["results_released"] is True
    assert again.phone_activity(code)["results_released"] is True
    assert again.phone_results(code)["aggregate"]["respondents"] == 0
    again.close()
