"""The library in the request's language (GET /api/instruments, GET /api/templates, POST /api/preview) and in a
session's: the library's wording translated and marked as such, a facilitator's own words as written, answers
aggregating together whatever the language. Through the Flask and Socket.IO test clients."""

import pytest

from tests.helpers import answer, control, facilitate, join, wait_for
from workshop.i18n import LANGUAGES, SOURCE
from workshop.library import INSTRUMENTS, TEMPLATES, definitions_for, describe_instrument, template_in
from workshop.stored import TEXT_KEYS, in_language

TRANSLATIONS = [language for language in LANGUAGES if language != SOURCE]
OWN_ACTIVITY = {"title": "Onze eigen vraag", "intro": "Zeg het maar.",
                "items": [{"label": "Halen", "question": "Wat halen we hier?", "kind": "stoplicht"}]}


def structure(value, key=""):
    """A described instrument without the words a person reads: ids, values, kinds and numbers only."""
    if isinstance(value, dict):
        return {field: structure(inner, field) for field, inner in value.items()
                if field not in TEXT_KEYS | {"translated", "short"}}
    if isinstance(value, list):
        return [pair[0] for pair in value] if key in ("rows", "columns") else [structure(v, key) for v in value]
    return value


def listing(client, query=""):
    reply = client.get(f"/api/instruments{query}")
    assert reply.status_code == 200
    body = reply.get_json()
    return {instrument["id"]: instrument for instrument in body["instruments"]}, body["themes"]


def test_the_library_in_english_has_english_words_and_the_same_ids_values_and_options(client):
    dutch, dutch_themes = listing(client)
    english, english_themes = listing(client, "?lang=en")
    assert list(english) == list(dutch)
    for instrument in dutch:
        assert structure(english[instrument]) == structure(dutch[instrument]), instrument
    motives = english["motieven"]
    assert motives["title"] == "Motives of collaboration partners" and motives["translated"] is True
    assert [item["label"] for item in motives["items"]][:3] == ["Instrumental motives", "Affective motives",
                                                                "Moral motives"]
    governance = {item["id"]: item for item in english["governancemodel"]["items"]}["model"]
    assert [(o["value"], o["label"]) for o in governance["options"]] == [
        ("zelfregulerend-netwerk", "Self-governing network"), ("leiderorganisatie", "Lead organisation"),
        ("netwerkbureau", "Network office")]
    assert english["drie_domeinen"]["source"].startswith("Chapter 5, § 5.2 ‘Setting up the collaboration model")
    assert english["halen_brengen"]["handbook"] == {"id": "002", "short": "Weer Thuis",
                                                    "title": "Verbeter je samenwerking: Weer Thuis in de wijk"}


def test_the_dutch_library_is_the_source_unmarked_and_its_themes_are_their_own_words(client):
    dutch, themes = listing(client, "?lang=nl")
    assert dutch["motieven"]["title"] == "Motieven van samenwerkingspartners"
    assert not any("translated" in instrument for instrument in dutch.values())
    assert set(themes) == {theme for instrument in dutch.values() for theme in instrument["themes"]}
    assert all(word == theme for theme, word in themes.items())
    _, english = listing(client, "?lang=en")
    assert set(english) == set(themes)
    assert (english["belangen"], english["borgen"], english["reflectie"]) == ("interests", "embedding", "reflection")


def test_the_library_follows_the_browser_when_nothing_was_chosen(app):
    english = app.test_client().get("/api/instruments", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_json()
    assert english["instruments"][0]["translated"] is True


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_instrument_and_starter_template_can_be_drawn_in_every_language(language):
    for definition in INSTRUMENTS.values():
        assert in_language(definition, language).translated, definition.kind
        assert describe_instrument(definition, language)["translated"] is True
    for template in TEMPLATES.values():
        definitions_for(template_in(template, language)["activities"])  # titles and intros within their limits


def test_the_starter_templates_in_english_are_agendas_the_api_accepts(client):
    templates = {t["id"]: t for t in client.get("/api/templates?lang=en").get_json()["templates"]}
    dutch = {t["id"]: t for t in client.get("/api/templates?lang=nl").get_json()["templates"]}
    first = templates["uitdaging_1_van_wal_komen"]
    assert first["title"] == "Challenge 1: getting started" and first["translated"] is True
    assert first["source"] == "Chapter 4, ‘Challenge 1: getting started’"
    assert first["activities"][1] == {"instrument": "netwerkleiderschap",
                                      "title": "Finding and mobilising allies: forging a core coalition",
                                      "intro": "A lot of energy comes from the collaboration’s network leaders. "
                                               "When is everyone at their strongest?"}
    assert "translated" not in dutch["uitdaging_1_van_wal_komen"]
    for template_id, template in templates.items():
        assert [a["instrument"] for a in template["activities"]] == [
            a["instrument"] for a in dutch[template_id]["activities"]]
        reply = client.post("/api/sessions", json={"title": template["title"], "activities": template["activities"],
                                                   "language": "en"})
        assert reply.status_code == 201, (template_id, reply.get_json())


def test_a_preview_follows_the_request_language_and_keeps_own_words(app, client):
    english = client.post("/api/preview?lang=en", json={"activity": "motieven"}).get_json()
    assert english["title"] == "Motives of collaboration partners" and "Instrumental motives" in english["html"]
    assert "Instrumentele motieven" not in english["html"]
    dutch = app.test_client().post("/api/preview", json={"activity": "motieven"}).get_json()
    assert dutch["title"] == "Motieven van samenwerkingspartners" and "Instrumentele motieven" in dutch["html"]
    own = client.post("/api/preview?lang=en", json={"activity": OWN_ACTIVITY}).get_json()
    assert own["title"] == "Onze eigen vraag" and "Wat halen we hier?" in own["html"]


def test_a_facilitators_own_words_stay_as_written_in_an_english_session(client, app):
    created = client.post("/api/sessions", json={
        "title": "Our workshop", "language": "en",
        "activities": [OWN_ACTIVITY, {"instrument": "halen_brengen", "title": "Wat wij halen en brengen",
                                      "intro": "Vul het samen in."}]}).get_json()
    workshops = app.extensions["werkatelier"].workshops
    own, instrument = workshops.overview(created["code"], "en")["activities"]
    assert (own["title"], own["intro"]) == ("Onze eigen vraag", "Zeg het maar.")
    assert (own["items"][0]["label"], own["items"][0]["question"]) == ("Halen", "Wat halen we hier?")
    assert "translated" not in own
    assert (instrument["title"], instrument["intro"]) == ("Wat wij halen en brengen", "Vul het samen in.")
    assert [item["label"] for item in instrument["items"]] == ["Interests", "Take", "Bring", "In balance?"]
    assert instrument["translated"] is True
    assert "translated" not in workshops.overview(created["code"], "nl")["activities"][1]


def test_answers_from_phones_in_either_language_aggregate_together(client, sio):
    session = client.post("/api/sessions", json={"title": "T", "activities": ["governancemodel"]}).get_json()
    screen, _ = facilitate(sio, session)
    control(screen, "open", activity_id=1)
    values = {}
    for language in LANGUAGES:
        instruments, _ = listing(client, f"?lang={language}")
        model = {item["id"]: item for item in instruments["governancemodel"]["items"]}["model"]
        values[language] = model["options"][1]["value"]
        phone, _ = join(sio, session["code"], name=f"Phone {language}")
        assert answer(phone, "model", values[language])["ok"]
    assert values["en"] == values["nl"] == "leiderorganisatie"
    snapshots = wait_for(screen, "results", lambda r: r["aggregate"]["respondents"] == len(LANGUAGES))
    assert snapshots[-1]["aggregate"]["items"]["model"]["counts"]["leiderorganisatie"] == len(LANGUAGES)
