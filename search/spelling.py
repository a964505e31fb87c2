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

    Near words are found through deletions (as SymSpell does): a word is filed under itself and
    each string one letter shorter (two letters, for words long enough to be two edits away from a
    typed word); a typed word is looked up under itself and its own deletions, and the few
    candidates found are checked exactly. Checking every word of the same first letter instead took
    milliseconds per typo.
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
        for word in self.frequency:
            if len(word) > 32:
                continue  # longer words are never corrected (see MAX_FUZZY_CHARS)
            keys = {word} | _deletions(word)
            if len(word) >= TWO_EDITS_FROM:
                keys |= {shorter for key in list(keys) for shorter in _deletions(key)}
            for key in keys:
                self._filed.setdefault(key, []).append(word)

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
        if maxdist > 1:
            keys |= {shorter for key in list(keys) for shorter in _deletions(key)}
        candidates = {c for key in keys for c in self._filed.get(key, ()) if c != word and c[0] == word[0]}
        found = []
        for candidate in candidates:
            distance = damerau_levenshtein(word, candidate, maxdist + 1)
            if distance <= maxdist:
                found.append((distance, candidate))
        return sorted(found)
