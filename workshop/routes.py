"""HTML pages and the QR code, thin: each renders a template with what it needs in data- attributes."""

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from .activities import LAYOUTS
from .errors import WorkshopError
from .i18n import current_language, use_language
from .limits import guarded
from .links import base_url, is_local_only, qr_svg
from .sessions import normalise_code

bp = Blueprint("pages", __name__)

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def workshops():
    return current_app.extensions["werkatelier"].workshops


def join_url(code: str) -> str:
    return f"{base_url(current_app.config['PUBLIC_URL'], request.host_url)}/j/{code}"


def existing_code(raw) -> str:
    """The normalised code of an existing session, or a 404 error; 429 once this address tried too many
    unknown codes (limits.py)."""
    code = normalise_code(raw) if isinstance(raw, str) else ""
    guarded("codes", code, lambda: workshops().store.session(code))
    return code


def session_page(raw) -> tuple[str, str]:
    """A page of the room (console, beamer): drawn in the session's language."""
    code = existing_code(raw)
    language = workshops().language(code)
    use_language(language)
    return code, language


@bp.app_context_processor
def activity_layouts():
    """Every page links each layout's stylesheet (static/css/activities/<layout>.css)."""
    return {"activity_layouts": list(LAYOUTS)}


@bp.after_app_request
def add_security_headers(response):
    response.headers.update(SECURITY_HEADERS)
    return response


@bp.app_errorhandler(WorkshopError)
def workshop_error(error: WorkshopError):
    if request.path.startswith("/api/"):
        return {"error": error.message, "reason": error.reason}, error.status
    return render_template("error.html", message=error.message), error.status


HTTP_MESSAGES = {
    400: "Dit verzoek klopt niet.",
    404: "Deze pagina bestaat niet.",
    405: "Deze handeling is hier niet mogelijk.",
    413: "Dit verzoek is te groot.",
}


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Werkzeug's own errors (404, 405, 413, ...) in Dutch: JSON under /api/, a page elsewhere."""
    message = HTTP_MESSAGES.get(error.code, "Er ging iets mis. Probeer het opnieuw.")
    return workshop_error(WorkshopError(message, status=error.code, reason=error.name.lower().replace(" ", "_")))


@bp.get("/")
def home():
    """Start page: join with a code, or design and start a new session (static/js/designer/)."""
    return render_template("home.html")


@bp.get("/toegankelijkheid")
def accessibility():
    """The accessibility statement: what is supported, what is known not to be, how it is tested."""
    return render_template("accessibility.html")


@bp.get("/j")
def join_by_code():
    """The home page's code form lands here."""
    raw = request.args.get("code", "")
    try:
        code = existing_code(raw)
    except WorkshopError as error:
        message = error.message if error.status != 404 else \
            f"Er is geen sessie met code ‘{raw.strip()[:12]}’. Controleer de code op het scherm."
        return render_template("home.html", join_error=message), error.status
    return redirect(url_for("pages.participant", code=code))


@bp.get("/j/<code>")
def participant(code):
    """The phone page of a session."""
    code = existing_code(code)
    language = current_language()  # each phone its own: the browser's, or what the person chose
    return render_template("participant/session.html", session=workshops().overview(code, language),
                           types=workshops().definitions(code, language))


@bp.get("/f/<code>")
def console(code):
    """The facilitator console; it authenticates over Socket.IO with the key from the URL fragment."""
    code, language = session_page(code)
    url = join_url(code)
    return render_template("facilitator/console.html", session=workshops().overview(code, language), join_url=url,
                           local_only=is_local_only(url), types=workshops().definitions(code, language))


@bp.get("/f/<code>/beamer")
def beamer(code):
    """The full-screen view for the projector."""
    code, language = session_page(code)
    return render_template("beamer/beamer.html", session=workshops().overview(code, language),
                           join_url=join_url(code), types=workshops().definitions(code, language))


@bp.get("/qr/<code>.svg")
def qr(code):
    """An SVG QR code of the session's join URL."""
    code = existing_code(code)
    return Response(qr_svg(join_url(code)), mimetype="image/svg+xml",
                    headers={"Cache-Control": "private, no-store"})  # it names the Host asked for
