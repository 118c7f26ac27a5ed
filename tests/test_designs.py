"""The designer's server side: POST /api/preview (the phone's form of one activity) and POST
/api/templates/check (an imported template file, checked and normalised), through the Flask test client."""

import json
import re

import pytest

from workshop.designs import TEMPLATE_FORMAT, checked_template, spec_of
from workshop.library import INSTRUMENTS, TEMPLATES, definition_for
from workshop.limits import EXTENSION

XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>"
OWN_ITEMS = [
    {"label": "Visie", "question": "Is er een gedeelde visie?", "kind": "stoplicht"},
    {"label": "Scope", "question": "Op welk niveau?", "kind": "choice", "options": ["Lokaal", "Regionaal"],
     "multiple": True},
    {"label": "Cijfer", "question": "Hoe tevreden ben je?", "kind": "scale", "low": 0, "high": 10,
     "low_label": "helemaal niet", "high_label": "heel erg"},
    {"label": "Ideeën", "question": "Wat moet er beter?", "kind": "text", "max_length": 140, "max_entries": 3},
    {"label": "Prioriteit", "question": "Waar gaan we mee aan de slag?", "kind": "points",
     "options": ["Wonen", "Zorg", "Werk"], "points": 7},
]
OWN = {"title": "Eigen check", "intro": "Vul in wat je denkt.", "items": OWN_ITEMS}


def template(**fields):
    return {"format": TEMPLATE_FORMAT, "version": 1, "title": "Mijn ontwerp", "activities": ["quickscan"], **fields}


def assert_error(reply, status, reason):
    assert reply.status_code == status, reply.data[:300]
    body = reply.get_json()
    assert body["reason"] == reason and body["error"], body
    return body["error"]


def preview(client, activity, **kwargs):
    return client.post("/api/preview", json={"activity": activity}, **kwargs)


# --- POST /api/preview ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("instrument", list(INSTRUMENTS))
def test_every_library_instrument_previews_as_its_phone_form(client, instrument):
    reply = preview(client, instrument)
    assert reply.status_code == 200
    body = reply.get_json()
    definition = INSTRUMENTS[instrument]
    assert body["title"] == definition.title and body["layout"] == definition.layout
    html = body["html"]
    assert f'data-type="{definition.layout}"' in html
    assert "<fieldset class=\"preview-fields\" disabled>" in html
    for item in definition.items:
        assert f'data-item="{item.id}"' in html


def test_a_library_instrument_previews_with_its_own_title_and_intro(client):
    reply = preview(client, {"instrument": "quickscan", "title": "Nulmeting", "intro": "Eerst de stand van nu."})
    html = reply.get_json()["html"]
    assert reply.get_json()["title"] == "Nulmeting"
    assert "<h2>Nulmeting</h2>" in html and "Eerst de stand van nu." in html


def test_an_own_activity_previews_each_kind_by_its_phone_field(client):
    reply = preview(client, OWN)
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["layout"] == "eigen" and body["title"] == "Eigen check"
    html = body["html"]
    for n, kind in enumerate(["choice", "choice", "scale", "text", "points"], start=1):
        assert re.search(rf'data-item="v{n}" data-kind="{kind}"', html), kind
    assert 'data-value="groen"' in html and 'data-value="regionaal"' in html
    assert 'data-value="0"' in html and 'data-value="10"' in html and "heel erg" in html
    assert 'data-max="140"' in html


def test_an_own_activity_of_stoplicht_items_previews_in_the_stoplicht_layout(client):
    items = [{"label": f"Factor {n}", "kind": "stoplicht"} for n in range(1, 5)]
    body = preview(client, {"title": "Vier factoren", "items": items}).get_json()
    assert body["layout"] == "stoplicht" and body["html"].count('class="factor"') == 4


@pytest.mark.parametrize("activity, reason, where", [
    ("bestaat-niet", "unknown_activity_type", ""),
    ({"instrument": "bestaat-niet"}, "unknown_activity_type", ""),
    ({"title": "", "items": OWN_ITEMS}, "invalid_definition", "Activiteit: "),
    ({"title": "Leeg", "items": []}, "invalid_definition", "Activiteit: "),
    ({"title": "T", "items": [OWN_ITEMS[0], {"label": "Schaal", "kind": "scale", "low": 5, "high": 3}]},
     "invalid_definition", "Activiteit, vraag 2: "),
    ({"title": "T", "items": [{"label": "Keuze", "kind": "choice", "options": ["Alleen"]}]},
     "invalid_definition", "Activiteit, vraag 1: "),
    ({"title": "T", "items": [{"label": "Punten", "kind": "points", "options": ["a", "b"], "points": 1000}]},
     "invalid_definition", "Activiteit, vraag 1: "),
    ({"title": "T", "items": [{"label": "Kaart", "kind": "text", "max_length": 5000}]},
     "invalid_definition", "Activiteit, vraag 1: "),
    ({"title": "T", "items": [{"label": "?", "kind": "tekening"}]}, "invalid_kind", "Activiteit, vraag 1: "),
    ({"title": "T", "items": [{"label": f"V{n}", "kind": "stoplicht"} for n in range(41)]},
     "invalid_definition", "Activiteit: "),
    (["quickscan"], "unknown_activity_type", ""),
    (12, "unknown_activity_type", ""),
], ids=["unknown-id", "unknown-instrument", "no-title", "no-items", "scale-range", "one-option", "points-too-many",
        "text-too-long", "unknown-kind", "41-items", "list", "number"])
def test_a_bad_activity_gets_the_dutch_error_naming_the_question(client, activity, reason, where):
    message = assert_error(preview(client, activity), 400, reason)
    assert message.startswith(where), message


@pytest.mark.parametrize("body", [None, [], {"activiteit": "quickscan"}, "quickscan"])
def test_a_preview_without_an_activity_is_malformed(client, body):
    reply = client.post("/api/preview", data=json.dumps(body), content_type="application/json")
    assert_error(reply, 400, "malformed")


def test_an_oversized_preview_is_refused_in_dutch(client):
    reply = client.post("/api/preview", data='{"activity": {"title": "' + "x" * 270_000 + '"}}',
                        content_type="application/json")
    assert reply.status_code == 413 and reply.get_json()["error"] == "Dit verzoek is te groot."


def test_the_preview_limit_is_generous_and_comes_from_the_environment(make_app, monkeypatch):
    limiter = make_app().extensions[EXTENSION]["previews"]
    assert (limiter.limit, limiter.window) == (600, 600.0)
    monkeypatch.setenv("WORKSHOP_PREVIEW_LIMIT", "5")
    monkeypatch.setenv("WORKSHOP_PREVIEW_WINDOW", "60")
    limiter = make_app().extensions[EXTENSION]["previews"]
    assert (limiter.limit, limiter.window) == (5, 60.0)


# --- POST /api/templates/check ----------------------------------------------------------------------------------


def test_a_good_template_comes_back_normalised(client):
    reply = client.post("/api/templates/check", json=template(
        title="  Werkatelier   Noord ", activities=["quickscan", {"instrument": "quickscan", "title": "Vervolgmeting"},
                                                    OWN]))
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["format"] == TEMPLATE_FORMAT and body["version"] == 1 and body["title"] == "Werkatelier Noord"
    first, second, own = body["activities"]
    assert first == {"instrument": "quickscan", "title": "Quick scan samenwerking",
                     "intro": INSTRUMENTS["quickscan"].intro}
    assert second["title"] == "Vervolgmeting" and second["intro"] == INSTRUMENTS["quickscan"].intro
    assert own["title"] == "Eigen check" and [i["kind"] for i in own["items"]] == [
        "stoplicht", "choice", "scale", "text", "points"]
    assert own["items"][1]["multiple"] is True and own["items"][4]["points"] == 7


def test_a_normalised_template_starts_the_same_session(client):
    body = client.post("/api/templates/check", json=template(activities=["motieven", OWN])).get_json()
    again = client.post("/api/templates/check", json=body).get_json()
    assert again == body
    created = client.post("/api/sessions", json={"title": body["title"], "activities": body["activities"]})
    assert created.status_code == 201


def test_spec_of_keeps_a_stoplicht_activity_in_its_layout():
    items = [{"label": f"Factor {n}", "kind": "stoplicht"} for n in range(1, 5)]
    definition = definition_for({"title": "Vier", "items": items})
    assert definition.layout == "stoplicht"
    assert definition_for(spec_of(definition)) == definition
    own = definition_for(OWN)
    assert definition_for(spec_of(own)) == own
    helped = definition_for({"title": "Hulp", "items": [{**OWN_ITEMS[0], "help": ["Denk aan de wijk."]}]})
    assert spec_of(helped)["items"][0]["help"] == ["Denk aan de wijk."]
    assert definition_for(spec_of(helped)) == helped


@pytest.mark.parametrize("starter", list(TEMPLATES))
def test_every_starter_template_checks_as_a_file(client, starter):
    activities = TEMPLATES[starter]["activities"]
    reply = client.post("/api/templates/check", json=template(title=TEMPLATES[starter]["title"],
                                                             activities=activities))
    assert reply.status_code == 200
    assert len(reply.get_json()["activities"]) == len(activities)


@pytest.mark.parametrize("data, reason", [
    ("niet json", "malformed"),
    ("[" * 50_000, "malformed"),
    ('{"format": "werkatelier-template", "version": 1, "title": "T", "activities": ' + "[" * 50_000, "malformed"),
    ("[]", "wrong_format"),
    ('"werkatelier-template"', "wrong_format"),
    ("null", "malformed"),
    (json.dumps(template(format="iets-anders")), "wrong_format"),
    (json.dumps({"title": "T", "activities": ["quickscan"]}), "wrong_format"),
    (json.dumps(template(version=2)), "unsupported_version"),
    (json.dumps(template(version="1")), "unsupported_version"),
    (json.dumps(template(title="")), "invalid_definition"),
    (json.dumps(template(title=["T"])), "invalid_definition"),
    (json.dumps(template(activities=[])), "no_activities"),
    (json.dumps(template(activities="quickscan")), "no_activities"),
    (json.dumps(template(activities=["quickscan"] * 300)), "too_many"),
    (json.dumps(template(activities=["quickscan", "__import__('os')"])), "unknown_activity_type"),
    (json.dumps(template(activities=[{"title": "T", "items": [{"label": "x", "kind": "scale", "low": -1}]}])),
     "invalid_definition"),
    (json.dumps(template(activities=[{"title": "T", "items": [[[[[[[["diep"]]]]]]]]}])), "invalid_definition"),
], ids=["not-json", "deep-list", "deep-activities", "list", "string", "null", "other-format", "no-format",
        "version-2", "version-string", "no-title", "title-list", "no-activities", "activities-string",
        "300-activities", "code-as-id", "bad-scale", "nested-item"])
def test_a_hostile_template_file_gets_a_dutch_400(client, data, reason):
    reply = client.post("/api/templates/check", data=data, content_type="application/json")
    assert_error(reply, 400, reason)


def test_a_template_error_names_the_activity_and_question(client):
    bad = {"title": "Eigen", "items": [OWN_ITEMS[0], OWN_ITEMS[1], {"label": "x", "kind": "points", "options": []}]}
    message = assert_error(client.post("/api/templates/check", json=template(activities=["quickscan", bad])), 400,
                           "invalid_definition")
    assert message.startswith("Activiteit 2, vraag 3: ")


def test_a_script_in_a_template_stays_text(client):
    hostile = template(title=XSS, activities=[{"instrument": "quickscan", "title": XSS, "intro": XSS},
                                              {"title": XSS, "items": [{"label": XSS, "kind": "choice",
                                                                        "options": [XSS, "Nee"]}]}])
    body = client.post("/api/templates/check", json=hostile).get_json()
    assert body["title"] == XSS and body["activities"][0]["title"] == XSS
    assert body["activities"][1]["items"][0]["options"][0]["label"] == XSS
    reply = client.post("/api/templates/check", json=hostile)
    assert reply.mimetype == "application/json" and reply.headers["X-Content-Type-Options"] == "nosniff"


def test_an_oversized_template_file_is_refused(client):
    reply = client.post("/api/templates/check", data=json.dumps(template(title="x" * 270_000)),
                        content_type="application/json")
    assert reply.status_code == 413 and reply.get_json()["reason"] == "request_entity_too_large"


def test_checked_template_is_pure_and_refuses_what_is_no_template():
    assert checked_template(template())["activities"][0]["instrument"] == "quickscan"
    for data in (None, 1, "x", [template()]):
        with pytest.raises(Exception) as error:
            checked_template(data)
        assert getattr(error.value, "reason", None) == "wrong_format"
