"""Soft hyphens in long words (pyphen's dictionaries), for text in narrow boxes such as the phone's answer
buttons: Chromium on Linux does not hyphenate Dutch by itself (`hyphens: auto` leaves "Twijfelachtig" whole,
and without it a word breaks anywhere)."""

import re
from functools import cache

import pyphen

from .i18n import current_language

DICTIONARIES = {"nl": "nl_NL", "en": "en_GB"}
SOFT_HYPHEN = "\u00ad"
LONG_WORD = re.compile(r"\w{8,}")  # shorter words fit any button


@cache
def dictionary(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=DICTIONARIES[language])


def hyphenate(text, language: str | None = None) -> str:
    """`text` with soft hyphens where its long words may break, by the rules of `language` (the page's)."""
    words = dictionary(language or current_language())
    return LONG_WORD.sub(lambda word: words.inserted(word.group(), hyphen=SOFT_HYPHEN), str(text))
