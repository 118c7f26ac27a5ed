"""The outermost WSGI layer (inside ProxyFix, so a forwarded Host is what counts): the security headers on
every HTTP response, Socket.IO's included, and requests for a Host this server does not answer to refused
(DNS rebinding), before Socket.IO or Flask (whose TRUSTED_HOSTS hold the same list) see them."""

import html
import json
from urllib.parse import urlsplit

from werkzeug.exceptions import SecurityError
from werkzeug.wrappers import Request
from werkzeug.wsgi import get_host

from .i18n import chosen_language, translations


def trusted_hosts(config) -> list[str]:
    """localhost, the loopback addresses, PUBLIC_URL's host and the ones configured as TRUSTED_HOSTS."""
    hosts = ["localhost", "127.0.0.1", "::1"]
    public = urlsplit(config["PUBLIC_URL"] or "").hostname
    return hosts + ([public] if public else []) + [h for h in config["TRUSTED_HOSTS"] or () if h not in hosts]


def wrong_host_message(public_url: str | None, language: str) -> str:
    gettext = translations(language).gettext
    if public_url:
        return gettext("Deze server is niet bereikbaar onder dit adres. Open de pagina via %(url)s.") % {
            "url": public_url}
    return gettext("Deze server is niet bereikbaar onder dit adres. Open de pagina via het adres dat de "
                   "procesbegeleider toont.")


def refusal(path: str, message: str, language: str) -> tuple[str, bytes]:
    """A 400's content type and body: JSON for the API and Socket.IO, else a small page in `language`."""
    if path.startswith(("/api/", "/socket.io/")):
        return "application/json", json.dumps({"error": message, "reason": "untrusted_host"}).encode()
    title = translations(language).gettext("Verkeerd adres")
    page = (f'<!doctype html><html lang="{language}"><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<p>{html.escape(message)}</p></html>")
    return "text/html; charset=utf-8", page.encode()


def gate(wsgi_app, headers: dict, hosts: list[str], public_url: str | None):
    """Wrap `wsgi_app`: add `headers` to each response (not to a websocket's 101) and refuse a request whose
    Host is not in `hosts` with a 400 naming the address to use (in the language the request asks for, as
    i18n.chosen_language), before Socket.IO or Flask see it."""
    extra = list(headers.items())

    def app(environ, start_response):
        def with_headers(status, response_headers, exc_info=None):
            if not status.startswith("101"):
                present = {name.lower() for name, _ in response_headers}
                response_headers = [*response_headers, *((k, v) for k, v in extra if k.lower() not in present)]
            return start_response(status, response_headers, exc_info)

        try:
            get_host(environ, trusted_hosts=hosts)
        except SecurityError:
            language = chosen_language(Request(environ))
            content_type, body = refusal(environ.get("PATH_INFO", ""), wrong_host_message(public_url, language),
                                         language)
            with_headers("400 BAD REQUEST", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
            return [body]
        return wsgi_app(environ, with_headers)

    return app
