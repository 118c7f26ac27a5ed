"""The JSON API, thin: facilitator endpoints need `Authorization: Bearer <facilitator_key>`."""

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext

from .designs import checked_template
from .errors import WorkshopError, forbidden
from .i18n import current_language
from .library import INSTRUMENTS, TEMPLATES, definition_for, describe_instrument, template_in, theme_words
from .limits import count_use, guarded, remember
from .rendering import download, rendered
from .routes import existing_code, join_url, workshops
from .sessions import DOWNLOAD_SECONDS, FACILITATOR
from .stored import in_language

bp = Blueprint("api", __name__, url_prefix="/api")


def authorised_code(raw, downloads: bool = False) -> str:
    """The session code, once the request carries that session's facilitator key (401 or 403 otherwise).
    A download (export, report) may instead carry a download token from the console as `?t=`.
    Wrong keys and tokens count towards this address's limit (limits.py), like unknown codes. A moderator's key
    is right but opens none of the API (403): a moderator runs the room over Socket.IO, the facilitator owns the
    session."""
    code = existing_code(raw)
    token = request.args.get("t") if downloads else None
    if token:
        guarded("keys", code, lambda: workshops().check_download_token(code, token))
        return code
    scheme, _space, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise WorkshopError(_("Sleutel van de procesbegeleider ontbreekt."), status=401, reason="unauthorised")
    holder = guarded("keys", code, lambda: workshops().key_holder(code, key.strip()))
    if holder.role != FACILITATOR:
        raise forbidden(_("Dit kan alleen de procesbegeleider die de sessie beheert, niet een moderator."))
    return code


@bp.get("/instruments")
def instruments():
    """The library in the request's language: every instrument with its items, source and answer kinds, and the
    themes' words; no key needed."""
    language = current_language()
    return {"instruments": [describe_instrument(definition, language) for definition in INSTRUMENTS.values()],
            "themes": theme_words(language)}


@bp.get("/templates")
def starter_templates():
    """The starter templates from the handbooks in the request's language: an agenda each, as `POST /api/sessions`
    takes it."""
    return {"templates": [template_in(template, current_language()) for template in TEMPLATES.values()]}


@bp.post("/templates/check")
def check_template():
    """An imported template file, checked as a new session's agenda: the normalised template or the error."""
    body = request.get_json(silent=True)
    if body is None:
        raise WorkshopError(_("Een sjabloon is een JSON-bestand, maar dit is geen geldige JSON."), reason="malformed")
    count_use("previews")
    return checked_template(body)


@bp.post("/preview")
def preview():
    """`{"activity": spec}` -> the phone's form of that activity as HTML, its buttons disabled; no key needed."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or "activity" not in body:
        raise WorkshopError(_("Stuur JSON met de activiteit waarvan je een voorbeeld wilt zien."), reason="malformed")
    count_use("previews")
    definition = in_language(definition_for(body["activity"]), current_language())
    return {"title": definition.title, "layout": definition.layout,
            "html": render_template("activities/_preview.html", definition=definition)}


@bp.post("/sessions")
def create_session():
    """Create a session: `{"title", "activities": [instrument id or activity object, ...]}` -> 201 with code,
    URLs and the key."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise WorkshopError(_("Stuur JSON met een titel en een lijst activiteiten."), reason="malformed")
    count_use("creates")  # 429 once this address created too many lately
    code, key = workshops().create(body.get("title"), body.get("activities"), body.get("language"))
    return created(code, key), 201


def created(code: str, key: str) -> dict:
    """The reply for a new session: its code, the URLs and the facilitator key (shown only now)."""
    remember(code)  # its creator opens it even from an address refused for guessing codes
    return {
        "code": code,
        "join_url": join_url(code),
        "facilitator_url": console_url(code, key),
        "facilitator_key": key,
    }


def console_url(code: str, key: str) -> str:
    """The console's address with `key` in its fragment, which the browser never sends to the server."""
    base = join_url(code).rsplit("/j/", 1)[0]
    return f"{base}{url_for('pages.console', code=code)}#key={key}"


@bp.get("/sessions/<code>")
def session_overview(code):
    return workshops().overview(authorised_code(code))


@bp.patch("/sessions/<code>")
def change_session(code):
    """`{"language": "nl" | "en"}`: the language of the session's beamer, console and report; its screens redraw."""
    code = authorised_code(code)
    workshops().set_language(code, json_body().get("language"))
    current_app.extensions["werkatelier"].live.language_changed(code)
    return workshops().overview(code)


@bp.delete("/sessions/<code>")
def delete_session(code):
    """Delete the session for good; its screens and phones hear it, and every URL of it is 404 from now on."""
    code = authorised_code(code)
    language = workshops().language(code)
    workshops().delete(code)
    current_app.extensions["werkatelier"].live.deleted(code, language)
    return "", 204


@bp.post("/sessions/<code>/duplicate")
def duplicate_session(code):
    """A new session with the same title and activities, no answers: 201 as for a new session."""
    code = authorised_code(code)
    count_use("creates")
    new_code, key = workshops().duplicate(code)
    return created(new_code, key), 201


@bp.post("/sessions/<code>/moderators")
def add_moderator(code):
    """A new moderator link: 201 with its id, its key (shown only now) and the console's URL with that key."""
    code = authorised_code(code)
    moderator_id, key = workshops().add_moderator(code)
    return {"id": moderator_id, "key": key, "url": console_url(code, key)}, 201


@bp.get("/sessions/<code>/moderators")
def moderator_links(code):
    """The active moderator links: ids and when they were made, never their keys."""
    return {"moderators": workshops().moderator_links(authorised_code(code))}


@bp.delete("/sessions/<code>/moderators/<int:moderator_id>")
def revoke_moderator(code, moderator_id):
    """Revoke a moderator link: its key opens nothing from now on, and its open screens are told and dropped."""
    code = authorised_code(code)
    workshops().revoke_moderator(code, moderator_id)
    current_app.extensions["werkatelier"].live.moderator_revoked(code, moderator_id)
    return "", 204


def agenda_change(code: str, change):
    """Run a change of the agenda (a function of the use cases) and tell the session's screens and phones."""
    live = current_app.extensions["werkatelier"].live
    before = workshops().phone_activity(code)
    result = change(workshops())
    live.agenda_changed(code, before)
    return result


def json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise WorkshopError(_("Stuur een JSON-object."), reason="malformed")
    return body


@bp.post("/sessions/<code>/activities")
def add_activity(code):
    """Add an activity to a running session: the body is what `POST /api/sessions` takes as one activity (an
    instrument id or an object). 201 with the new activity as the overview shows it."""
    code = authorised_code(code)
    spec = request.get_json(silent=True)
    return agenda_change(code, lambda w: w.add_activity(code, spec)), 201


@bp.put("/sessions/<code>/agenda")
def reorder_agenda(code):
    """`{"order": [activity ids]}`: every activity of the session, hidden ones included, each once. 200 with the
    overview."""
    code = authorised_code(code)
    order = json_body().get("order")
    return agenda_change(code, lambda w: w.reorder(code, order))


@bp.patch("/sessions/<code>/activities/<int:activity_id>")
def edit_activity(code, activity_id):
    """`{"title"?, "intro"?, "hidden"?}`: retitle (only without answers), hide or show. 200 with the overview."""
    code = authorised_code(code)
    body = json_body()
    return agenda_change(code, lambda w: w.edit_activity(code, activity_id, body.get("title"), body.get("intro"),
                                                         body.get("hidden")))


@bp.delete("/sessions/<code>/activities/<int:activity_id>")
def remove_activity(code, activity_id):
    """Remove an activity without answers or cards; 200 with the overview."""
    code = authorised_code(code)
    return agenda_change(code, lambda w: w.remove_activity(code, activity_id))


def network_change(code: str, change):
    """Run a change of a network (a function of the use cases) and tell the screens of every session it was or is
    in."""
    before = workshops().network_codes(code)
    result = change(workshops())
    current_app.extensions["werkatelier"].live.network_changed(before | workshops().network_codes(code) | {code})
    return result


@bp.put("/sessions/<code>/follows")
def follow_up(code):
    """`{"code": <earlier code>, "key": <its facilitator key>}`: this session follows up the earlier one and joins
    its network. The earlier key is checked like this one (a wrong one counts towards the address's limit). 200
    with the overview."""
    code = authorised_code(code)
    body = json_body()
    earlier, key = body.get("code"), body.get("key")
    if not isinstance(earlier, str) or not isinstance(key, str):
        raise WorkshopError(_("Stuur de code van de eerdere sessie en de sleutel van haar procesbegeleider."),
                            reason="malformed")
    earlier = existing_code(earlier)
    if guarded("keys", earlier, lambda: earlier_key_holder(earlier, key.strip())).role != FACILITATOR:
        raise forbidden(WRONG_EARLIER_KEY)
    return network_change(code, lambda w: w.follow(code, earlier))


WRONG_EARLIER_KEY = lazy_gettext("Dit is niet de sleutel van de procesbegeleider van de eerdere sessie.")


def earlier_key_holder(earlier: str, key: str):
    """Whose key of the earlier session `key` is; a wrong one is refused in words about that session."""
    try:
        return workshops().key_holder(earlier, key)
    except WorkshopError as error:
        if error.status == 403:
            raise forbidden(WRONG_EARLIER_KEY) from None
        raise


@bp.delete("/sessions/<code>/follows")
def leave_network(code):
    """Take the session out of its network (409 `no_network` if in none): 204."""
    code = authorised_code(code)
    network_change(code, lambda w: w.leave_network(code))
    return "", 204


@bp.patch("/sessions/<code>/network")
def change_network(code):
    """`{"name"?, "aliases"?: {spelling: organisation}}`: written to every session of the network. 200 with
    `{"network": …}`."""
    code = authorised_code(code)
    body = json_body()
    return network_change(code, lambda w: w.change_network(code, body))


@bp.get("/sessions/<code>/trend")
def session_trend(code):
    """The trend of every instrument in two or more sessions of the network, per item and organisation; worded in
    the session's language, as its console and report are."""
    code = authorised_code(code)
    return workshops().trend(code, workshops().language(code))


@bp.get("/sessions/<code>/results")
def session_results(code):
    """Each activity with its aggregate, in the session's order."""
    code = authorised_code(code)
    results = workshops().results(code)
    return {"activities": [
        {"id": a["id"], "type": a["type"], "title": a["title"], "aggregate": results[str(a["id"])]}
        for a in workshops().overview(code)["activities"]]}


@bp.post("/sessions/<code>/download-token")
def download_token(code):
    """A short-lived token for download links the console opens in the browser: `?t=<token>`."""
    code = authorised_code(code)
    return {"token": workshops().download_token(code), "expires_in": DOWNLOAD_SECONDS}


@bp.get("/sessions/<code>/export.json")
def export_json(code):
    code = authorised_code(code, downloads=True)
    response = current_app.json.response(workshops().export(code))
    response.headers["Content-Disposition"] = f'attachment; filename="werkatelier-{code}.json"'
    return response


@bp.get("/sessions/<code>/export.csv")
def export_csv(code):
    """Every answer and card, a row each; ';'-separated UTF-8 with a BOM, as Dutch Excel opens it."""
    code = authorised_code(code, downloads=True)
    return download(rendered(code, "csv"), "text/csv; charset=utf-8", f"werkatelier-{code}.csv")


@bp.get("/sessions/<code>/export.xlsx")
def export_xlsx(code):
    """The workbook: the session, a sheet per activity as the beamer showed it, and every answer and card."""
    code = authorised_code(code, downloads=True)
    return download(rendered(code, "xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    f"werkatelier-{code}.xlsx")


def report_links(code: str, include_hidden: bool) -> dict | None:
    """Opened with a download token, the report links to its PDF and to the version with(out) hidden cards."""
    token = request.args.get("t")
    if not token:
        return None
    hidden = {"verborgen": "1"} if include_hidden else {}
    return {"pdf": url_for("api.report_pdf", code=code, t=token, **hidden),
            "toggle_hidden": url_for("api.report_html", code=code, t=token,
                                     **({} if include_hidden else {"verborgen": "1"}))}


@bp.get("/sessions/<code>/report.html")
def report_html(code):
    """The printable session report, A4 when printed; `?verborgen=1` includes hidden cards and activities, marked."""
    code = authorised_code(code, downloads=True)
    include_hidden = request.args.get("verborgen") == "1"
    return download(rendered(code, "html", include_hidden, report_links(code, include_hidden)),
                    "text/html; charset=utf-8")


@bp.get("/sessions/<code>/report.pdf")
def report_pdf(code):
    """The same report as an A4 PDF, rendered by WeasyPrint."""
    code = authorised_code(code, downloads=True)
    return download(rendered(code, "pdf", request.args.get("verborgen") == "1"), "application/pdf",
                    f"werkatelier-{code}.pdf")
