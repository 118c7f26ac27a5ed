"""Pure: the words used most across the cards of an item, for the word view. Stop words (of the session's
language) are left out and a word counts once per card, so one long card cannot outweigh a room."""

import re
from collections import Counter
from functools import lru_cache

from stop_words import get_stop_words

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # letters, with inner hyphens or apostrophes (zorg-taken)
MIN_LENGTH = 2
MOST = 40  # words in the view: more cannot be read from the back of a room
# Words the library's lists lack that are as empty in a workshop's cards.
EXTRA_STOP_WORDS = {"nl": {"onze", "jullie", "elkaar"}, "en": set()}


@lru_cache(maxsize=4)
def stop_words(language: str) -> frozenset[str]:
    """The stop words of `language` ('nl' or 'en'; another gets the Dutch ones, the source language's)."""
    language = language if language in EXTRA_STOP_WORDS else "nl"
    return frozenset(get_stop_words(language)) | EXTRA_STOP_WORDS[language]


@lru_cache(maxsize=20000)  # the words are counted again after every card: each card's own are found once
def words_of(text: str, language: str) -> frozenset[str]:
    """The distinct words of one card, in lower case, without stop words."""
    skip = stop_words(language)
    found = {word.replace("’", "'") for word in WORD.findall(text.lower())}
    return frozenset(word for word in found if len(word) >= MIN_LENGTH and word not in skip)


def top_words(texts: list[str], language: str, most: int = MOST) -> list[dict]:
    """`[{word, count}]`: the words in most of `texts` (count: in how many), most first, then alphabetically."""
    counts = Counter(word for text in texts for word in words_of(text, language))
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return [{"word": word, "count": count} for word, count in ranked[:most]]
