"""Languages: every string a person reads comes from one gettext catalogue (Dutch source text, translations
in workshop/translations/<language>/LC_MESSAGES/messages.po), through Flask-Babel.

Which language a request gets: the page's own (`use_language`: a session's language for its console, beamer
and report), else `?lang=` (remembered in a cookie), the cookie, the browser's Accept-Language, Dutch."""

import os
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import support
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import g, has_request_context, request
from flask_babel import Babel, Domain, get_locale, refresh

SOURCE = "nl"  # the language the messages are written in, and the default
LANGUAGES = {"nl": "Nederlands", "en": "English"}  # each in its own words, for the language switch
COOKIE = "lang"
TRANSLATIONS = Path(__file__).parent / "translations"
JS_SOURCES = "static/js/"  # messages extracted from here go to the browser (js_catalogue)
LIBRARY = "library"  # the gettext context of the instrument library's wording (workshop/library/extract.py)


def valid(language) -> str | None:
    return language if isinstance(language, str) and language in LANGUAGES else None


def chosen_language(asking=None) -> str:
    """The language this request (or `asking`, a werkzeug Request) asked for: `?lang=`, the cookie, the browser's
    preference, or Dutch."""
    asking = asking or request
    return (valid(asking.args.get("lang")) or valid(asking.cookies.get(COOKIE))
            or asking.accept_languages.best_match(LANGUAGES) or SOURCE)


def environment_language(environ=os.environ) -> str:
    """The language of the command line (run.py's help and messages): the first of LANGUAGE, LC_ALL, LC_MESSAGES
    and LANG that is set, when it starts with one of LANGUAGES ("en_GB.UTF-8"), otherwise Dutch."""
    value = next((environ[name] for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    return valid(value[:2].lower()) or SOURCE


def use_language(language):
    """This request is drawn in `language` (a session's own language), whatever the browser prefers."""
    g.language = valid(language) or SOURCE
    refresh()  # Flask-Babel keeps the locale it chose first


def current_language() -> str:
    if not has_request_context():
        return str(get_locale() or SOURCE)
    return g.get("language") or chosen_language()


def remember_choice(response):
    """A `?lang=` choice is kept in a cookie for the next pages."""
    language = valid(request.args.get("lang"))
    if language and request.cookies.get(COOKIE) != language:
        response.set_cookie(COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax")
    return response


@cache
def catalogue(language: str):
    """The parsed .po catalogue of a translation (None for the source language)."""
    if language == SOURCE:
        return None
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file, locale=language)


@cache
def translations(language: str) -> support.NullTranslations:
    """The gettext translations of a language, built once per process straight from its .po file."""
    if catalogue(language) is None:
        return support.NullTranslations()
    compiled = BytesIO()
    write_mo(compiled, catalogue(language))
    compiled.seek(0)
    return support.Translations(compiled)


class Catalogue(Domain):
    """Flask-Babel's domain, reading the process-wide translations instead of loading .mo files per request."""

    def get_translations(self):
        return translations(str(get_locale() or SOURCE))


@cache
def js_catalogue(language: str) -> dict:
    """The messages of the JavaScript (static/js) in `language`: msgid -> text, or a list of plural forms."""
    messages = catalogue(language)
    if messages is None:
        return {}
    return {message.id if isinstance(message.id, str) else message.id[0]: message.string
            for message in messages
            if message.string and not message.fuzzy and message.context is None
            and any(path.startswith(JS_SOURCES) for path, _ in message.locations)}


@cache
def library_sources(language: str) -> dict:
    """The library's wording in `language`, back to its Dutch text."""
    messages = catalogue(language)
    return {} if messages is None else {m.string: m.id for m in messages if m.context == LIBRARY and m.string}


def library_source(text):
    """The library's Dutch text of `text` if it is a translation of it (a title the designer showed in English),
    so it is stored as the library's own words and shown in every screen's language; other text as it is."""
    for language in LANGUAGES:
        if language != SOURCE and text in library_sources(language):
            return library_sources(language)[text]
    return text


def library_text(text, language: str):
    """An activity's wording in `language`: the library's translation (the Dutch text is the reference), else
    the app's own (the stoplicht's Ja / Twijfelachtig / Nee); a facilitator's own words stay as written."""
    if language == SOURCE or not isinstance(text, str) or not text:
        return text
    translated = translations(language).pgettext(LIBRARY, text)
    return translated if translated != text else translations(language).gettext(text)


def init_app(app):
    babel = Babel(app, locale_selector=current_language)
    babel.domain_instance = Catalogue()  # in place of Flask-Babel's, which reads .mo files
    app.after_request(remember_choice)

    @app.context_processor
    def language_context():
        language = current_language()
        return {"language": language, "languages": LANGUAGES, "js_catalogue": js_catalogue(language)}
