"""Pure: the words used most across the cards of an item, for the word view. Stop words (of the session's
language) are left out and a word counts once per card, so one long card cannot outweigh a room."""

import heapq
import re
import threading
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
    return ranked(Counter(word for text in texts for word in words_of(text, language)), most)


def ranked(counts: Counter, most: int = MOST) -> list[dict]:
    """The `most` words counted most (above 0), then alphabetically, as `top_words` gives them."""
    best = heapq.nsmallest(most, ((-count, word) for word, count in counts.items() if count > 0))
    return [{"word": word, "count": -negative} for negative, word in best]


class WordCounts:
    """`top_words` of the cards of one item, kept from one call to the next: only the cards added, changed or gone
    since are counted again (in a burst the wall grows by a card or two between snapshots)."""

    def __init__(self, language: str):
        self.language = language
        self.counts = Counter()
        self.texts: dict[int, str] = {}  # card id -> the text counted
        self._lock = threading.Lock()  # in threading mode two snapshots may be made at once

    def top(self, cards: dict[int, str], most: int = MOST) -> list[dict]:
        """`top_words` of these cards (card id -> text)."""
        with self._lock:
            return self._top(cards, most)

    def _top(self, cards: dict[int, str], most: int) -> list[dict]:
        for card_id in self.texts.keys() - cards.keys():
            self.counts.subtract(words_of(self.texts.pop(card_id), self.language))
        for card_id, text in cards.items():
            counted = self.texts.get(card_id)
            if counted != text:
                if counted is not None:
                    self.counts.subtract(words_of(counted, self.language))
                self.counts.update(words_of(text, self.language))
                self.texts[card_id] = text
        return ranked(self.counts, most)
