"""The readable words of the catalogue, for typo correction and "did you mean".

Kept in Python rather than as an index field: an unstemmed copy of every text doubled the index
build time, and a dictionary of a few thousand words is built in milliseconds.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import re

from whoosh.support.levenshtein import damerau_levenshtein

from search.analysis import MAX_TOKEN_CHARS, STOP, TOKEN_PATTERN, fold


class Lexicon:
    """Folded, unstemmed words with the number of documents that contain each."""

    def __init__(self, documents: Iterable[str]):
        """`documents`: one text per document (join a document's fields first)."""
        words = re.compile(TOKEN_PATTERN)
        frequency: Counter[str] = Counter()
        for text in documents:
            frequency.update(set(words.findall(fold(text))))
        # The same words the text analyzer keeps, before stemming (see word_analyzer).
        self.frequency = {word: count for word, count in frequency.items()
                          if 2 <= len(word) <= MAX_TOKEN_CHARS and word not in STOP}
        self._by_initial: dict[str, list[str]] = {}
        for word in sorted(self.frequency):
            self._by_initial.setdefault(word[0], []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self.frequency

    def __len__(self) -> int:
        return len(self.frequency)

    def near(self, word: str, maxdist: int) -> list[tuple[int, str]]:
        """(distance, known word) within `maxdist` edits; the first letter must match, as it
        almost always does in a typo, which also keeps this fast."""
        if not word:
            return []
        found = []
        for candidate in self._by_initial.get(word[0], ()):
            if abs(len(candidate) - len(word)) > maxdist or candidate == word:
                continue
            distance = damerau_levenshtein(word, candidate, maxdist + 1)
            if distance <= maxdist:
                found.append((distance, candidate))
        return found
