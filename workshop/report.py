"""The printable session report: what it shows (gathered here), and its PDF (rendered by WeasyPrint).

The report holds the session's title, date and participants, per activity its definition and aggregate as the
beamer showed it, and a section per organisation: that organisation's aggregates next to the whole group's.
Cards the facilitator hid from the beamer are left out, unless asked for; then they are in, marked. No Flask
here apart from the template the caller renders: `gather` gives the data, `pdf` turns the HTML into a PDF.
"""

import mimetypes
from collections import Counter
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date
from flask_babel import format_decimal, gettext as _

from .i18n import SOURCE
from .library import citation
from .organisations import organisation_names
from .report_changes import chapter, of_organisation, series_of
from .themes import themed_cards

STATIC = Path(__file__).resolve().parent.parent / "static"
# The PDF is rendered with this base URL; it is never fetched: `local_fetcher` serves /static/ from disk.
BASE_URL = "https://werkatelier.invalid/"


def report_date(iso: str, language: str = SOURCE, zone: str = "Europe/Amsterdam") -> str:
    """'2026-11-23T09:30:00.000+00:00' -> '23 november 2026' ('23 November 2026' in English): the day in the
    Netherlands."""
    moment = datetime.fromisoformat(iso)
    try:
        moment = moment.astimezone(ZoneInfo(zone))
    except ZoneInfoNotFoundError:  # no time zone data on this machine: the day in UTC
        pass
    return format_date(moment.date(), "d MMMM y", locale=language)


def decimal(value) -> str:
    """A figure with at most one decimal, as the report's language writes it: 6.45 -> '6,5' in Dutch, '6.5' in
    English; 7.0 -> '7'; None -> '–'."""
    return "–" if value is None else format_decimal(Decimal(f"{float(value):.1f}"), format="0.#")


def is_card(value) -> bool:
    return isinstance(value, dict) and "text" in value and "hidden" in value


def visible(value, include_hidden: bool = False):
    """An aggregate with hidden cards left out (wherever they are in it), or kept when `include_hidden`."""
    if isinstance(value, dict):
        return {key: visible(item, include_hidden) for key, item in value.items()}
    if isinstance(value, list):
        return [visible(item, include_hidden) for item in value
                if include_hidden or not (is_card(item) and item["hidden"])]
    return value


def hidden_cards(value) -> set[int]:
    """The ids of the hidden cards anywhere in an aggregate."""
    if is_card(value):
        return {value["id"]} if value["hidden"] else set()
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return set().union(*(hidden_cards(item) for item in items))


def gather(workshops, code: str, include_hidden: bool = False, language: str = SOURCE) -> dict:
    """Everything the report shows, for templates/report/report.html, worded in `language`."""
    overview = workshops.overview(code, language)
    results = workshops.results(code, language=language)
    people = workshops.store.people(code)
    members = Counter(organisation_names(people).values())
    definitions = workshops.definitions(code, language)
    activities = []
    shown = [a for a in overview["activities"] if include_hidden or not a["hidden"]]
    changes = changes_of(shown, results, code, language)
    for number, activity in enumerate(shown, start=1):
        aggregate = results[str(activity["id"])]
        activities.append({"number": number, "activity": activity, "definition": definitions[activity["id"]],
                           "source": citation(definitions[activity["id"]]),
                           "aggregate": visible(aggregate, include_hidden), "hidden": len(hidden_cards(aggregate)),
                           "themes": themed_cards(aggregate), "unthemed": aggregate.get("unthemed", 0)})
    aliases = (workshops.network_view(code) or {}).get("aliases", {})
    organisations = []
    for number, name in enumerate(workshops.organisations(code), start=1):
        mine = workshops.results(code, organisation=name, language=language)
        organisations.append({
            "number": number, "name": name, "participants": members[name],
            "changes": of_organisation(changes, name, aliases),
            "parts": [{**part, "aggregate": visible(mine[str(part["activity"]["id"])], include_hidden),
                       "group": part["aggregate"]} for part in activities],
        })
    return {
        "code": code, "title": overview["title"], "date": report_date(overview["created_at"], language),
        "participants": overview["participants"], "activities": activities, "organisations": organisations,
        "changes": changes,
        "include_hidden": include_hidden, "hidden": sum(part["hidden"] for part in activities),
        "hidden_activities": sum(1 for a in overview["activities"] if a["hidden"]),
    }


def changes_of(activities: list[dict], results: dict, code: str, language: str = SOURCE) -> list[dict]:
    """The chapters of "Wat is er veranderd" (workshop/report_changes.py), their columns named in `language`."""
    series = series_of(activities, results, code)
    for part in series:
        part["columns"] = [{**column, "name": column_name(column, language)} for column in part["columns"]]
    return [chapter(part) for part in series]


def column_name(column: dict, language: str = SOURCE) -> str:
    """'ronde 2', or a session of a network: 'Quick scan Noord · 1 maart 2026'."""
    if "round" in column:
        return _("ronde %(n)s", n=column["round"])
    return f"{column['title']} · {report_date(column['created_at'], language)}"


def local_file(url: str) -> tuple[bytes, str]:
    """A resource of the report: a file under static/ (by its /static/ URL on BASE_URL, or a file: URL into
    static/), as its bytes and MIME type. Anything else is refused: nothing is fetched from the internet."""
    parts = urlsplit(url)
    path = None
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
    elif f"{parts.scheme}://{parts.netloc}/" == BASE_URL and parts.path.startswith("/static/"):
        path = STATIC / unquote(parts.path.removeprefix("/static/"))
    if path is not None:
        path = path.resolve()
        if path.is_relative_to(STATIC) and path.is_file():
            return path.read_bytes(), mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    raise ValueError(f"the report fetches nothing from outside: {url}")


def url_fetcher():
    """WeasyPrint's fetcher for the report: `local_file`, and data: URLs."""
    import weasyprint.urls as urls

    if not hasattr(urls, "URLFetcher"):  # WeasyPrint before 66: a function that returns a dict

        def fetch(url, *args, **kwargs):
            if url.startswith("data:"):
                return urls.default_url_fetcher(url)
            body, mime_type = local_file(url)
            return {"string": body, "mime_type": mime_type, "redirected_url": url}

        return fetch

    class LocalFetcher(urls.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            body, mime_type = local_file(url)
            return urls.URLFetcherResponse(url, body, {"Content-Type": mime_type})

    return LocalFetcher()


def pdf(html: str) -> bytes:
    """The report's HTML as an A4 PDF (the page size and margins are in static/css/report.css)."""
    from weasyprint import HTML  # imported when needed: it takes a moment to load

    return HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher()).write_pdf()
