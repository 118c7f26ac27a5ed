"""The beamer as the facilitator steers it (issue 13 §2): blanked to a pause screen and back, the QR code big,
small or hidden; stored on the session, in the overview, so a reloaded or restarted beamer shows it the same."""

import pytest
from helpers import assert_refused, control, facilitate, join, received

from workshop.errors import WorkshopError
from workshop.sessions import Workshops
from workshop.store import Store


@pytest.fixture
def workshops(tmp_path):
    opened = Workshops(Store(tmp_path))
    yield opened
    opened.close()


def test_a_new_session_shows_its_beamer_with_the_qr_code_as_usual(workshops):
    code, _ = workshops.create("Wijkaanpak", ["succesfactoren"])
    assert workshops.overview(code)["beamer"] == {"blank": False, "qr": "auto"}


def test_the_beamer_is_blanked_and_back_and_its_qr_code_set_stored(workshops, tmp_path):
    code, _ = workshops.create("Wijkaanpak", ["succesfactoren"])
    assert workshops.control(code, "blank_beamer")["beamer"] == {"blank": True, "qr": "auto"}
    assert workshops.control(code, "blank_beamer")["beamer"]["blank"] is True  # twice is still blank
    assert workshops.control(code, "set_qr", fields={"qr": "hidden"})["beamer"] == {"blank": True, "qr": "hidden"}
    workshops.close()
    restarted = Workshops(Store(tmp_path))
    assert restarted.overview(code)["beamer"] == {"blank": True, "qr": "hidden"}
    assert restarted.control(code, "unblank_beamer")["beamer"] == {"blank": False, "qr": "hidden"}
    assert restarted.control(code, "set_qr", fields={"qr": "small"})["beamer"]["qr"] == "small"
    restarted.close()


@pytest.mark.parametrize("qr", [None, "", "big", "AUTO", 1, True, ["small"], {"qr": "small"}])
def test_an_unknown_qr_choice_is_refused_and_changes_nothing(workshops, qr):
    code, _ = workshops.create("Wijkaanpak", ["succesfactoren"])
    workshops.control(code, "set_qr", fields={"qr": "small"})
    with pytest.raises(WorkshopError) as refused:
        workshops.control(code, "set_qr", fields={"qr": qr})
    assert refused.value.reason == "invalid_qr"
    assert str(refused.value.message) == "Kies voor de QR-code een van: auto, small, hidden."
    assert workshops.overview(code)["beamer"]["qr"] == "small"


def test_blanking_tells_every_facilitator_screen_and_leaves_the_phones_alone(session, sio):
    console, _ = facilitate(sio, session)
    beamer, ack = facilitate(sio, session)
    assert ack["session"]["beamer"] == {"blank": False, "qr": "auto"}
    control(console, "open", activity_id=1)
    phone, _ = join(sio, session["code"], name="Anna")
    received(beamer, "session")
    phone.get_received()
    assert control(console, "blank_beamer")["session"]["beamer"]["blank"] is True
    assert received(beamer, "session")[-1]["beamer"] == {"blank": True, "qr": "auto"}
    assert received(phone, "activity", timeout=0.2) == []  # the phones keep the open activity, untold
    control(console, "set_qr", qr="hidden")
    assert received(beamer, "session")[-1]["beamer"] == {"blank": True, "qr": "hidden"}
    reloaded, ack = facilitate(sio, session)  # a beamer that reloads stays blank, its QR code hidden
    assert ack["session"]["beamer"] == {"blank": True, "qr": "hidden"}
    control(console, "unblank_beamer")
    assert received(reloaded, "session")[-1]["beamer"] == {"blank": False, "qr": "hidden"}


def test_a_bad_qr_choice_is_refused_in_dutch_over_socketio(session, sio):
    console, _ = facilitate(sio, session)
    assert_refused(console.emit("control", {"action": "set_qr", "qr": "groot"}, callback=True), "invalid_qr")
    assert_refused(console.emit("control", {"action": "set_qr"}, callback=True), "invalid_qr")
    assert facilitate(sio, session)[1]["session"]["beamer"]["qr"] == "auto"


def test_an_english_session_refuses_a_bad_qr_choice_in_english(client, sio):
    english = client.post("/api/sessions", json={"title": "Workshop", "activities": ["quickscan"],
                                                 "language": "en"}).get_json()
    console, _ = facilitate(sio, english)
    ack = console.emit("control", {"action": "set_qr", "qr": "big"}, callback=True)
    assert ack == {"ok": False, "error": "Choose one of these for the QR code: auto, small, hidden.",
                   "reason": "invalid_qr"}


@pytest.mark.parametrize("action", ["blank_beamer", "unblank_beamer", "set_qr"])
def test_a_phone_cannot_blank_the_beamer_or_hide_its_qr_code(session, sio, action):
    console, _ = facilitate(sio, session)
    phone, _ = join(sio, session["code"], name="Anna")
    assert_refused(phone.emit("control", {"action": action, "qr": "hidden"}, callback=True), "forbidden")
    stranger = sio()
    assert_refused(stranger.emit("control", {"action": action, "qr": "hidden"}, callback=True), "not_joined")
    assert facilitate(sio, session)[1]["session"]["beamer"] == {"blank": False, "qr": "auto"}


def test_the_overview_over_http_carries_the_beamer(client, session, auth, sio):
    console, _ = facilitate(sio, session)
    control(console, "blank_beamer")
    overview = client.get(f"/api/sessions/{session['code']}", headers=auth).get_json()
    assert overview["beamer"] == {"blank": True, "qr": "auto"}


def test_organisation_names_get_soft_hyphens_for_display_only(workshops):
    """The screens get each long organisation name with soft hyphens (by the session's language) beside the
    results; the results and the export keep the names as typed."""
    code, _ = workshops.create("Wijkaanpak", ["succesfactoren"])
    for organisation in ("Woningcorporatie Wonen Limburg", "GGD", "Jeugdzorgaanbieder"):
        workshops.join(code, name="Anna", organisation=organisation)
    assert workshops.display_labels(code) == {
        "Woningcorporatie Wonen Limburg": "Wo\u00adning\u00adcor\u00adpo\u00adra\u00adtie Wonen Limburg",
        "Jeugdzorgaanbieder": "Jeugd\u00adzorg\u00adaan\u00adbie\u00adder"}
    assert "\u00ad" not in str(workshops.export(code)) + str(workshops.results(code))
    english, _ = workshops.create("Workshop", ["succesfactoren"], "en")
    workshops.join(english, name="Ann", organisation="Collaboration Partners")
    assert workshops.display_labels(english) == {
        "Collaboration Partners": "Col\u00adlab\u00ador\u00ada\u00adtion Part\u00adners"}
