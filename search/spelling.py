"""The readable words of the catalogue, for typo correction and "did you mean".

Kept in Python rather than as an index field: an unstemmed copy of every text doubled the index
build time, and a dictionary of a few thousand words is built in milliseconds.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from whoosh.support.levenshtein import damerau_levenshtein

from search.analysis import MAX_TOKEN_CHARS, STOP, TOKEN_PATTERN, fold


TWO_EDITS_FROM = 8  # typed words this long may be corrected by two edits (see search.plan)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class Lexicon:
    """Folded, unstemmed words with the number of documents that contain each.

    Words one edit away are found through deletions (as SymSpell does): a word is filed under
    itself and each string one letter shorter, and a typed word is looked up under itself and its
    own deletions; the few candidates are checked exactly. Two edits away (long words only), words
    of the same first letter and a near length are checked one by one.
    """

    def __init__(self, documents: Iterable[str]):
        """`documents`: one text per document (join a document's fields first)."""
        words = re.compile(TOKEN_PATTERN)
        frequency: Counter[str] = Counter()
        for text in documents:
            frequency.update(set(words.findall(fold(text))))
        # The same words the text analyzer keeps, before stemming (see word_analyzer).
        self.frequency = {word: count for word, count in frequency.items()
                          if 2 <= len(word) <= MAX_TOKEN_CHARS and word not in STOP}
        self._filed: dict[str, list[str]] = {}
        self._by_initial: dict[str, list[str]] = {}
        for word in self.frequency:
            if len(word) > 32:
                continue  # longer words are never corrected (see MAX_FUZZY_CHARS)
            for key in {word} | _deletions(word):
                self._filed.setdefault(key, []).append(word)
            self._by_initial.setdefault(word[0], []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self.frequency

    def __len__(self) -> int:
        return len(self.frequency)

    def near(self, word: str, maxdist: int) -> list[tuple[int, str]]:
        """(distance, known word) within `maxdist` (1 or 2) edits that start with the same letter, as
        typos almost always do."""
        if not word or maxdist < 1:
            return []
        keys = {word} | _deletions(word)
        candidates = {c for key in keys for c in self._filed.get(key, ()) if c != word and c[0] == word[0]}
        found = self._check(word, candidates, 1)
        if maxdist > 1:
            # Two edits: look at every word of the same first letter and a near length; slower,
            # so the distance-1 words above are looked up through the index first.
            nearby = (c for c in self._by_initial.get(word[0], ()) if abs(len(c) - len(word)) <= 2 and c != word)
            found = sorted(set(found) | set(self._check(word, nearby, 2)))
        return found

    @staticmethod
    def _check(word: str, candidates: Iterable[str], maxdist: int) -> list[tuple[int, str]]:
        found = []
        for candidate in candidates:
            distance = damerau_levenshtein(word, candidate, maxdist + 1)
            if distance <= maxdist:
                found.append((distance, candidate))
        return sorted(found)
