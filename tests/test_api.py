"""The HTTP contract: the JSON API, the HTML pages, the QR code and the security headers."""

import re

import pytest

from helpers import facilitate, join

FACTOR_IDS = ["visie", "durf", "interdependentie", "domeinconsensus", "elkaar-kennen", "onderhandelingsvermogen",
              "middelen", "structuur", "methodisch", "vertrouwen", "klimaat", "evalueren"]
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
DUTCH_WORDS = {"de", "het", "een", "je", "niet", "deze", "dit", "is", "van", "met", "en", "of", "bij", "mag",
               "kies", "vul", "stuur", "te", "lang", "sessie", "titel", "activiteit", "sleutel", "ontbreekt",
               "bestaat", "gevonden", "lijst", "moet", "tekst", "alleen", "maximaal", "tekens", "minste", "één"}
ENGLISH_WORDS = {"the", "error", "not", "found", "invalid", "missing", "please", "request"}


def assert_dutch(message):
    """A non-empty message for a person, in Dutch (it uses Dutch words and no English ones)."""
    assert isinstance(message, str) and message.strip(), message
    words = set(re.findall(r"[a-zà-ÿé]+", message.lower()))
    assert words & DUTCH_WORDS, f"not Dutch: {message!r}"
    assert not words & ENGLISH_WORDS, f"English in: {message!r}"


def assert_api_error(reply, status, reason=None):
    assert reply.status_code == status, reply.data
    assert reply.is_json, reply.data
    body = reply.get_json()
    assert_dutch(body["error"])
    if reason:
        assert body["reason"] == reason
    return body


def other_code(code):
    """A well-formed code that is not `code` (and, in a fresh data dir, belongs to no session)."""
    return "".join(CODE_ALPHABET[(CODE_ALPHABET.index(c) + 1) % len(CODE_ALPHABET)] for c in code)


def sqlite_files(data_dir):
    return sorted(p.name for p in data_dir.glob("*.sqlite")) if data_dir.exists() else []


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


def control(screen, action, **fields):
    ack = screen.emit("control", {"action": action, **fields}, callback=True)
    assert ack["ok"] is True, ack
    return ack


def answer(phone, item, value, activity_id=1):
    ack = phone.emit("answer", {"activity_id": activity_id, "item": item, "value": value}, callback=True)
    assert ack["ok"] is True, ack
    return ack


# --- POST /api/sessions --------------------------------------------------------------------------------------


def test_create_session_returns_code_urls_and_key(client, data_dir):
    reply = client.post("/api/sessions", json={"title": "Werkatelier wijkaanpak", "activities": ["succesfactoren"]})
    assert reply.status_code == 201
    body = reply.get_json()
    code, key = body["code"], body["facilitator_key"]
    assert re.fullmatch(r"[A-Z2-9]{6}", code) and len(code) == 6
    assert set(code) <= set(CODE_ALPHABET)
    assert body["join_url"] == f"http://localhost/j/{code}"
    assert body["join_url"].endswith(f"/j/{code}")
    assert f"/f/{code}#key=" in body["facilitator_url"]
    assert body["facilitator_url"].endswith(f"#key={key}")
    assert isinstance(key, str) and len(key) >= 32
    assert sqlite_files(data_dir) == [f"{code}.sqlite"]


def test_create_session_uses_the_configured_public_url(make_app):
    client = make_app(PUBLIC_URL="https://atelier.example.nl/").test_client()
    body = client.post("/api/sessions", json={"title": "T", "activities": ["succesfactoren"]}).get_json()
    assert body["join_url"] == f"https://atelier.example.nl/j/{body['code']}"
    assert body["facilitator_url"].startswith(f"https://atelier.example.nl/f/{body['code']}#key=")


def test_two_sessions_get_different_codes_and_keys(client):
    replies = [client.post("/api/sessions", json={"title": f"S{n}", "activities": ["succesfactoren"]}).get_json()
               for n in range(2)]
    assert replies[0]["code"] != replies[1]["code"]
    assert replies[0]["facilitator_key"] != replies[1]["facilitator_key"]
    # one session's key does not open the other
    reply = client.get(f"/api/sessions/{replies[1]['code']}", headers=bearer(replies[0]["facilitator_key"]))
    assert_api_error(reply, 403, "forbidden")


def test_title_is_trimmed_and_may_be_120_characters(client):
    title = "  " + "x" * 120 + " \n"
    reply = client.post("/api/sessions", json={"title": title, "activities": ["succesfactoren"]})
    assert reply.status_code == 201
    key = reply.get_json()["facilitator_key"]
    overview = client.get(f"/api/sessions/{reply.get_json()['code']}", headers=bearer(key)).get_json()
    assert overview["title"] == "x" * 120


def test_title_whitespace_is_collapsed_and_control_characters_dropped(client):
    """A tab or newline separates words like a space; other control characters are dropped."""
    reply = client.post("/api/sessions", json={"title": "Werkatelier\twijk\x00aanpak\r\nNoord\x1b",
                                               "activities": ["succesfactoren"]})
    assert reply.status_code == 201
    created = reply.get_json()
    overview = client.get(f"/api/sessions/{created['code']}", headers=bearer(created["facilitator_key"])).get_json()
    assert overview["title"] == "Werkatelier wijkaanpak Noord"


@pytest.mark.parametrize("kwargs, reason", [
    ({"data": "title=Werkatelier&activities=succesfactoren",
      "content_type": "application/x-www-form-urlencoded"}, "malformed"),
    ({"data": "{not json", "content_type": "application/json"}, "malformed"),
    ({"json": ["Werkatelier", ["succesfactoren"]]}, "malformed"),
    ({"json": "Werkatelier"}, "malformed"),
    ({"json": {"activities": ["succesfactoren"]}}, "missing_title"),
    ({"json": {"title": "   \t ", "activities": ["succesfactoren"]}}, "missing_title"),
    ({"json": {"title": 42, "activities": ["succesfactoren"]}}, "invalid_title"),
    ({"json": {"title": "x" * 121, "activities": ["succesfactoren"]}}, "too_long"),
    ({"json": {"title": "Werkatelier"}}, "no_activities"),
    ({"json": {"title": "Werkatelier", "activities": []}}, "no_activities"),
    ({"json": {"title": "Werkatelier", "activities": "succesfactoren"}}, "no_activities"),
    ({"json": {"title": "Werkatelier", "activities": ["onbekend"]}}, "unknown_activity_type"),
    ({"json": {"title": "Werkatelier", "activities": ["succesfactoren", "onbekend"]}}, "unknown_activity_type"),
    ({"json": {"title": "Werkatelier", "activities": [["succesfactoren"]]}}, "unknown_activity_type"),
    ({"json": {"title": "Werkatelier", "activities": ["succesfactoren"] * 21}}, "too_many"),
], ids=["form", "broken-json", "json-list", "json-string", "no-title", "blank-title", "number-title",
        "long-title", "no-activities", "empty-activities", "activities-string", "unknown-activity",
        "one-unknown-activity", "unhashable-activity", "too-many-activities"])
def test_bad_create_requests_get_a_dutch_400_and_create_nothing(client, data_dir, kwargs, reason):
    before = sqlite_files(data_dir)
    reply = client.post("/api/sessions", **kwargs)
    assert_api_error(reply, 400, reason)
    assert sqlite_files(data_dir) == before == []


def test_oversized_create_request_is_refused_and_creates_nothing(client, data_dir):
    reply = client.post("/api/sessions", data='{"title": "' + "x" * 270_000 + '", "activities": ["succesfactoren"]}',
                        content_type="application/json")
    assert reply.status_code == 413
    assert sqlite_files(data_dir) == []


def test_oversized_create_request_gets_a_dutch_json_error(client):
    """Werkzeug's own errors (413 here) are Dutch JSON under /api/ too, so home.js can show them."""
    reply = client.post("/api/sessions", data='{"title": "' + "x" * 270_000 + '", "activities": ["succesfactoren"]}',
                        content_type="application/json")
    assert_api_error(reply, 413)


def test_wrong_method_on_the_api_gets_a_dutch_json_error(client):
    assert_api_error(client.get("/api/sessions"), 405, "method_not_allowed")


# --- GET /api/sessions/<code> --------------------------------------------------------------------------------


def test_overview_lists_the_activity_with_its_twelve_items(client, session, auth):
    reply = client.get(f"/api/sessions/{session['code']}", headers=auth)
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["code"] == session["code"]
    assert body["title"] == "Werkatelier wijkaanpak"
    assert body["participants"] == 0
    assert body["current_activity"] is None
    [activity] = body["activities"]
    assert activity["id"] == 1
    assert activity["type"] == "succesfactoren"
    assert activity["title"] == "Kritische succesfactoren"
    assert activity["state"] == "closed"
    assert activity["view"] == "bars"
    assert [item["id"] for item in activity["items"]] == FACTOR_IDS
    assert all(isinstance(item["label"], str) and item["label"] for item in activity["items"])
    assert activity["items"][0]["label"] == "(Overeenstemming over) visie en doelen"
    assert all([o["value"] for o in item["options"]] == ["groen", "oranje", "rood"] for item in activity["items"])
    assert "key_hash" not in reply.get_data(as_text=True)


def test_overview_keeps_the_order_of_several_activities(client):
    created = client.post("/api/sessions", json={"title": "Twee rondes",
                                                 "activities": ["succesfactoren", "succesfactoren"]}).get_json()
    body = client.get(f"/api/sessions/{created['code']}", headers=bearer(created["facilitator_key"])).get_json()
    assert [(a["id"], a["state"]) for a in body["activities"]] == [(1, "closed"), (2, "closed")]


@pytest.mark.parametrize("path", ["", "/results", "/export.json"])
def test_facilitator_endpoints_need_the_right_key(client, session, auth, path):
    base = f"/api/sessions/{session['code']}{path}"
    assert client.get(base, headers=auth).status_code == 200
    assert_api_error(client.get(base), 401, "unauthorised")
    assert_api_error(client.get(base, headers={"Authorization": "Bearer "}), 401, "unauthorised")
    assert_api_error(client.get(base, headers={"Authorization": session["facilitator_key"]}), 401, "unauthorised")
    assert_api_error(client.get(base, headers={"Authorization": f"Basic {session['facilitator_key']}"}), 401,
                     "unauthorised")
    assert_api_error(client.get(base, headers=bearer("verkeerde-sleutel")), 403, "forbidden")
    assert_api_error(client.get(base, headers=bearer(session["facilitator_key"][:-1])), 403, "forbidden")
    # the scheme is case-insensitive, as HTTP says
    assert client.get(base, headers={"Authorization": f"bearer {session['facilitator_key']}"}).status_code == 200


@pytest.mark.parametrize("path", ["", "/results", "/export.json"])
def test_unknown_code_is_404_even_with_a_key(client, session, auth, path):
    assert_api_error(client.get(f"/api/sessions/{other_code(session['code'])}{path}", headers=auth), 404,
                     "not_found")


def test_code_is_case_and_spacing_insensitive(client, session, auth):
    code = session["code"]
    for variant in (code.lower(), f"{code[:3].lower()}-{code[3:]}", f"{code[:3]}%20{code[3:]}"):
        reply = client.get(f"/api/sessions/{variant}", headers=auth)
        assert reply.status_code == 200, variant
        assert reply.get_json()["code"] == code


@pytest.mark.parametrize("raw", ["..%2F..", "..%2F..%2Fetc%2Fpasswd", "..", "%2E%2E", "ABCDE", "ABCDEFG",
                                 "ABC0EF", "ABCDEF%00"])
def test_malformed_codes_and_path_traversal_are_404(client, session, auth, data_dir, raw):
    reply = client.get(f"/api/sessions/{raw}", headers=auth)
    assert reply.status_code == 404
    assert reply.is_json
    assert_dutch(reply.get_json()["error"])
    assert sqlite_files(data_dir) == [f"{session['code']}.sqlite"]


def test_path_traversal_towards_a_real_code_does_not_reach_it(client, session, auth):
    reply = client.get(f"/api/sessions/..%2F{session['code']}", headers=auth)
    assert reply.status_code == 404


def test_participant_token_is_not_a_facilitator_key(client, session, sio):
    _, joined = join(sio, session["code"], name="Anna")
    token = joined["token"]
    for path in ("", "/results", "/export.json"):
        reply = client.get(f"/api/sessions/{session['code']}{path}", headers=bearer(token))
        assert_api_error(reply, 403, "forbidden")


# --- results and export ----------------------------------------------------------------------------------------


def test_results_count_answers_per_item_and_respondents(client, session, auth, sio):
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    anna, _ = join(sio, session["code"], name="Anna", organisation="Gemeente Roermond")
    bas, _ = join(sio, session["code"], name="Bas", organisation="Zorggroep Noord")
    join(sio, session["code"], name="Cor")  # joins, answers nothing: not a respondent
    answer(anna, "visie", "groen")
    answer(anna, "durf", "rood")
    answer(bas, "visie", "oranje")
    answer(bas, "durf", "rood")
    answer(bas, "vertrouwen", "groen")

    reply = client.get(f"/api/sessions/{session['code']}/results", headers=auth)
    assert reply.status_code == 200
    [activity] = reply.get_json()["activities"]
    assert (activity["id"], activity["type"], activity["title"]) == (1, "succesfactoren", "Kritische succesfactoren")
    aggregate = activity["aggregate"]
    assert aggregate["respondents"] == 2
    items = {item["id"]: item for item in aggregate["items"]}
    assert [item["id"] for item in aggregate["items"]] == FACTOR_IDS
    assert {k: items["visie"][k] for k in ("groen", "oranje", "rood", "total")} == \
        {"groen": 1, "oranje": 1, "rood": 0, "total": 2}
    assert {k: items["durf"][k] for k in ("groen", "oranje", "rood", "total")} == \
        {"groen": 0, "oranje": 0, "rood": 2, "total": 2}
    assert {k: items["vertrouwen"][k] for k in ("groen", "oranje", "rood", "total")} == \
        {"groen": 1, "oranje": 0, "rood": 0, "total": 1}
    assert items["klimaat"]["total"] == 0
    assert aggregate["priority"][:2] == ["durf", "visie"]
    organisations = {o["name"]: o for o in aggregate["organisations"]}
    assert set(organisations) == {"Gemeente Roermond", "Zorggroep Noord"}
    assert organisations["Zorggroep Noord"]["respondents"] == 1
    assert organisations["Gemeente Roermond"]["items"]["visie"]["score"] == 1.0


def test_results_of_a_new_session_are_empty(client, session, auth):
    [activity] = client.get(f"/api/sessions/{session['code']}/results", headers=auth).get_json()["activities"]
    assert activity["aggregate"]["respondents"] == 0
    assert all(item["total"] == 0 for item in activity["aggregate"]["items"])


def test_export_holds_session_participants_and_every_answer(client, session, auth, sio):
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    zoe, zoe_ack = join(sio, session["code"], name="Zoë 👩‍⚕️", organisation="Gemeente Súdwest-Fryslân")
    cees, cees_ack = join(sio, session["code"], name="Cées Ĳsselmeer", organisation="Woonstichting ’t Hûs 🏠")
    answer(zoe, "visie", "groen")
    answer(zoe, "durf", "oranje")
    answer(cees, "visie", "rood")
    answer(zoe, "visie", "rood")  # changed: replaces her earlier groen

    reply = client.get(f"/api/sessions/{session['code']}/export.json", headers=auth)
    assert reply.status_code == 200
    assert reply.mimetype == "application/json"
    assert reply.headers["Content-Disposition"] == f'attachment; filename="werkatelier-{session["code"]}.json"'
    export = reply.get_json()

    assert export["session"]["code"] == session["code"]
    assert export["session"]["title"] == "Werkatelier wijkaanpak"
    assert export["session"]["participants"] == 2
    assert [(p["id"], p["name"], p["organisation"]) for p in export["participants"]] == [
        (zoe_ack["participant_id"], "Zoë 👩‍⚕️", "Gemeente Súdwest-Fryslân"),
        (cees_ack["participant_id"], "Cées Ĳsselmeer", "Woonstichting ’t Hûs 🏠"),
    ]
    assert all(set(p) == {"id", "name", "organisation", "joined_at"} for p in export["participants"])

    answers = export["answers"]
    assert all(set(a) == {"activity_id", "participant_id", "item", "value", "at"} for a in answers)
    rows = sorted((a["activity_id"], a["participant_id"], a["item"], a["value"]) for a in answers)
    assert rows == sorted([
        (1, zoe_ack["participant_id"], "visie", "rood"),
        (1, zoe_ack["participant_id"], "durf", "oranje"),
        (1, cees_ack["participant_id"], "visie", "rood"),
    ])
    zoe_visie = [a for a in answers if a["participant_id"] == zoe_ack["participant_id"] and a["item"] == "visie"]
    assert len(zoe_visie) == 1 and zoe_visie[0]["value"] == "rood"
    assert all(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", a["at"]) for a in answers)
    # the changed answer carries the time of the change: it is the latest
    assert zoe_visie[0]["at"] == max(a["at"] for a in answers)

    text = reply.get_data(as_text=True)
    assert "token" not in text and "key_hash" not in text
    assert zoe_ack["token"] not in text and session["facilitator_key"] not in text


def test_export_of_an_empty_session(client, session, auth):
    export = client.get(f"/api/sessions/{session['code']}/export.json", headers=auth).get_json()
    assert export["participants"] == [] and export["answers"] == []
    assert export["session"]["activities"][0]["state"] == "closed"


# --- pages and the QR code -------------------------------------------------------------------------------------


def test_qr_code_is_an_svg(client, session):
    reply = client.get(f"/qr/{session['code']}.svg")
    assert reply.status_code == 200
    assert reply.mimetype == "image/svg+xml"
    assert reply.get_data(as_text=True).startswith("<svg")
    assert "<path" in reply.get_data(as_text=True)
    assert client.get(f"/qr/{session['code'].lower()}.svg").status_code == 200


def test_qr_code_of_an_unknown_session_is_404(client, session):
    reply = client.get(f"/qr/{other_code(session['code'])}.svg")
    assert reply.status_code == 404
    assert "Deze sessiecode bestaat niet" in reply.get_data(as_text=True)


def test_participant_page_of_a_session(client, session):
    reply = client.get(f"/j/{session['code']}")
    assert reply.status_code == 200
    assert reply.mimetype == "text/html"
    page = reply.get_data(as_text=True)
    assert "Werkatelier wijkaanpak" in page
    assert f'data-code="{session["code"]}"' in page
    assert session["facilitator_key"] not in page


def test_participant_page_of_an_unknown_session_is_a_dutch_404(client, session):
    reply = client.get(f"/j/{other_code(session['code'])}")
    assert reply.status_code == 404
    assert reply.mimetype == "text/html"
    page = reply.get_data(as_text=True)
    assert "Deze sessiecode bestaat niet. Controleer de code en probeer het opnieuw." in page
    assert '<html lang="nl"' in page


def test_join_form_normalises_the_code_and_redirects(client, session):
    code = session["code"]
    typed = f"{code[:3].lower()} {code[3:].lower()}"
    reply = client.get("/j", query_string={"code": typed})
    assert reply.status_code == 302
    assert reply.headers["Location"].endswith(f"/j/{code}")
    assert client.get(reply.headers["Location"]).status_code == 200
    reply = client.get("/j", query_string={"code": f" {code[:3]}-{code[3:]} "})
    assert reply.status_code == 302 and reply.headers["Location"].endswith(f"/j/{code}")


def test_join_form_with_an_unknown_code_shows_the_form_with_a_message(client, session):
    unknown = other_code(session["code"]).lower()
    reply = client.get("/j", query_string={"code": f"  {unknown} "})
    assert reply.status_code == 404
    page = reply.get_data(as_text=True)
    assert f"Er is geen sessie met code ‘{unknown}’. Controleer de code op het scherm." in page
    assert 'role="alert"' in page
    reply = client.get("/j", query_string={"code": ""})
    assert reply.status_code == 404
    assert "Er is geen sessie met code" in reply.get_data(as_text=True)
    assert client.get("/j").status_code == 404


def test_join_form_escapes_what_was_typed(client):
    reply = client.get("/j", query_string={"code": "<img src=x>"})
    assert reply.status_code == 404
    page = reply.get_data(as_text=True)
    assert "<img src=x>" not in page
    assert "&lt;img src=x&gt;" in page


@pytest.mark.parametrize("suffix", ["", "/beamer"])
def test_facilitator_pages_render_without_the_key(client, session, suffix):
    reply = client.get(f"/f/{session['code']}{suffix}")
    assert reply.status_code == 200
    assert reply.mimetype == "text/html"
    page = reply.get_data(as_text=True)
    assert "Werkatelier wijkaanpak" in page
    assert session["join_url"] in page
    assert session["facilitator_key"] not in page
    assert client.get(f"/f/{other_code(session['code'])}{suffix}").status_code == 404


def html_paths(session):
    code = session["code"]
    return [("/", 200), (f"/j/{code}", 200), (f"/j/{other_code(code)}", 404), ("/j?code=xyz", 404),
            (f"/f/{code}", 200), (f"/f/{code}/beamer", 200), (f"/f/{other_code(code)}", 404),
            ("/bestaat-niet", 404)]


def test_every_html_page_has_the_security_headers(client, session):
    for path, status in html_paths(session):
        reply = client.get(path)
        assert reply.status_code == status, path
        assert reply.mimetype == "text/html", path
        csp = reply.headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, path
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
        assert "frame-ancestors 'none'" in csp, path
        assert reply.headers.get("X-Content-Type-Options") == "nosniff", path


def test_html_pages_need_no_inline_script_or_style(client, session):
    """The CSP forbids inline code, so the pages must not rely on any."""
    for path, _ in html_paths(session):
        page = client.get(path).get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", page):
            assert "src=" in tag, (path, tag)
        assert not re.search(r"<script\b[^>]*>\s*[^<\s]", page), path
        assert "<style" not in page and " style=" not in page, path
        assert not re.search(r"\son[a-z]+=", page), path


def test_api_and_qr_replies_carry_nosniff_too(client, session, auth):
    for reply in (client.get(f"/api/sessions/{session['code']}", headers=auth),
                  client.get(f"/api/sessions/{session['code']}"),
                  client.get(f"/qr/{session['code']}.svg")):
        assert reply.headers.get("X-Content-Type-Options") == "nosniff"


def test_the_library_lists_every_instrument_with_its_items_source_and_kinds_without_a_key(client):
    reply = client.get("/api/instruments")
    assert reply.status_code == 200
    listed = {i["id"]: i for i in reply.get_json()["instruments"]}
    from workshop.library import INSTRUMENTS

    assert set(listed) == set(INSTRUMENTS)
    quickscan = listed["quickscan"]
    assert {"id", "title", "purpose", "source", "kinds", "items"} <= set(quickscan)
    assert quickscan["kinds"] == ["scale"] and len(quickscan["items"]) == 5
    assert quickscan["handbook"]["title"] == "Handreiking Effectief Samenwerken"
    assert listed["netwerkleiderschap"]["kinds"] == ["choice", "text"]


def test_starter_templates_are_agendas_the_api_accepts(client):
    templates = client.get("/api/templates").get_json()["templates"]
    for template in templates:
        reply = client.post("/api/sessions", json={"title": template["title"], "activities": template["activities"]})
        assert reply.status_code == 201, (template["id"], reply.get_json())


def test_a_session_of_instrument_objects_and_own_activities_keeps_their_titles_order_and_wording(client):
    reply = client.post("/api/sessions", json={"title": "Op maat", "activities": [
        {"instrument": "quickscan", "title": "Nulmeting", "intro": "Hoe staan we er nu voor?"},
        {"title": "Onze vier", "items": [{"label": f"Factor {n}", "question": f"Gaat {n} goed?", "kind": "stoplicht"}
                                        for n in range(1, 5)]},
        {"title": "Prioriteiten", "items": [{"label": "Waar gaan we voor?", "kind": "points", "points": 10,
                                             "options": ["Wonen", "Zorg", "Werk"]}]},
        "quickscan"]})
    assert reply.status_code == 201, reply.get_json()
    created = reply.get_json()
    overview = client.get(f"/api/sessions/{created['code']}",
                          headers={"Authorization": f"Bearer {created['facilitator_key']}"}).get_json()
    activities = overview["activities"]
    assert [(a["type"], a["layout"], a["title"]) for a in activities] == [
        ("quickscan", "quickscan", "Nulmeting"), ("eigen", "stoplicht", "Onze vier"), ("eigen", "eigen", "Prioriteiten"),
        ("quickscan", "quickscan", "Quick scan samenwerking")]
    assert activities[0]["intro"] == "Hoe staan we er nu voor?"
    assert [i["question"] for i in activities[1]["items"]] == [f"Gaat {n} goed?" for n in range(1, 5)]
    assert activities[2]["items"][0]["options"][1] == {"value": "zorg", "label": "Zorg", "icon": "", "tone": ""}
    assert activities[1]["views"][0]["id"] == "bars"


def test_an_own_activity_with_a_mistake_is_refused_in_dutch_and_creates_nothing(client, data_dir):
    reply = client.post("/api/sessions", json={"title": "Fout", "activities": [
        "quickscan", {"title": "Eigen", "items": [{"label": "Goed", "kind": "stoplicht"},
                                                  {"label": "Fout", "kind": "scale", "low": 1, "high": 99}]}]})
    assert reply.status_code == 400
    body = reply.get_json()
    assert body["reason"] == "invalid_definition"
    assert body["error"].startswith("Activiteit 2, vraag 2: het hoogste getal (high)")
    assert sqlite_files(data_dir) == []
