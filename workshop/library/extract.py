"""Babel extractor for the library's TOML files (babel.cfg): every text a person reads, under the gettext
context "library", so `pybabel extract` puts the instruments' wording in the one catalogue."""

import tomllib

from ..i18n import LIBRARY

TEXT_KEYS = {"title", "short", "intro", "purpose", "source", "label", "question", "help", "low_label",
             "high_label", "placeholder", "name", "kernvraag", "aim", "options", "rows", "columns", "themes"}


def texts(value, key=None):
    """The readable strings in a parsed TOML value, depth first: values of TEXT_KEYS, the labels of
    [id, label] pairs (rows, columns) and of option tables."""
    if isinstance(value, dict):
        for field, inner in value.items():
            yield from texts(inner, field)
    elif isinstance(value, list):
        if key in ("rows", "columns"):
            yield from (pair[1] for pair in value)
        else:
            for inner in value:
                yield from texts(inner, key)
    elif isinstance(value, str) and key in TEXT_KEYS and value:
        yield value


def extract_library(fileobj, keywords, comment_tags, options):
    raw = fileobj.read().decode("utf-8")
    for text in dict.fromkeys(texts(tomllib.loads(raw))):
        line = raw[:raw.find(text)].count("\n") + 1 if text in raw else 1
        yield line, "pgettext", (LIBRARY, text), []
