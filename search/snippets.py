"""Plain-text snippets where the words that matched are wrapped in «guillemets» (never HTML)."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from whoosh.support.charset import accent_map

from search.analysis import clean_text

Spans = list[tuple[int, int, str]]  # (start, end, stem) of matched words
SpanFinder = Callable[[str, set[str]], Spans]

SNIPPET_CHARS = 220
LEAD_CHARS = 50  # context kept before the first highlighted word
OPEN, CLOSE, ELLIPSIS = "\u00ab", "\u00bb", "\u2026"


class WordFinder:
    """Finds the words of a text whose stem is wanted, with one regular expression per query.

    Tokenizing every hit's description word by word cost more than the search itself; instead the
    known spellings of the wanted stems become one pattern run over the folded text (same offsets
    when folding keeps the length, which it almost always does; otherwise the tokenizer is used).
    """

    def __init__(self, words: Iterable[str], normal: Callable[[str], str], fallback: SpanFinder):
        self.forms: dict[str, set[str]] = {}
        self.stem_of: dict[str, str] = {}
        for word in words:
            stem = normal(word)
            if stem:
                self.forms.setdefault(stem, set()).add(word)
                self.stem_of[word] = stem
        self.fallback = fallback
        self._patterns: dict[frozenset[str], re.Pattern[str] | None] = {}

    def pattern(self, stems: set[str]) -> re.Pattern[str] | None:
        key = frozenset(stems)
        if key not in self._patterns:
            forms = sorted({f for s in key for f in self.forms.get(s, ())}, key=lambda f: (-len(f), f))
            if len(self._patterns) > 256:
                self._patterns.clear()
            self._patterns[key] = (re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, forms)) + r")(?![^\W_])")
                                   if forms else None)
        return self._patterns[key]

    def __call__(self, text: str, stems: set[str]) -> Spans:
        folded = text.lower().translate(accent_map)
        if len(folded) != len(text):
            return self.fallback(text, stems)
        pattern = self.pattern(stems)
        if pattern is None:
            return []
        return [(m.start(), m.end(), self.stem_of[m.group(0)]) for m in pattern.finditer(folded)]


def plain(text: str) -> str:
    """Entry text made safe for the marker convention: guillemets in the text become quotes."""
    text = clean_text(text).replace(OPEN, '"').replace(CLOSE, '"')
    return " ".join(text.split())


def _window(text: str, spans: list[tuple[int, int, str]]) -> tuple[int, int, int]:
    """(start, end, distinct stems) of the stretch of text with the most different matched words."""
    if len(text) <= SNIPPET_CHARS:
        return 0, len(text), len({s for _, _, s in spans})
    best = (0, 0, 0, 0)
    for first, _, _ in spans:
        start = max(0, first - LEAD_CHARS)
        end = min(len(text), start + SNIPPET_CHARS)
        distinct = len({s for a, b, s in spans if a >= start and b <= end})
        if distinct > best[2]:
            best = (start, end, distinct, first)
    start, end, distinct, first = best
    if start > 0:  # begin and end at whole words
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first, end)
        end = space if space != -1 else end
    return start, end, distinct


def _mark(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str:
    pieces = [ELLIPSIS if start > 0 else ""]
    cursor = start
    for a, b, _ in spans:
        if a < cursor or b > end:
            continue
        pieces.append(text[cursor:a])
        pieces.append(OPEN + text[a:b] + CLOSE)
        cursor = b
    pieces.append(text[cursor:end])
    pieces.append(ELLIPSIS if end < len(text) else "")
    return "".join(pieces)


def _keep_phrases(text: str, spans: Spans, singles: set[str], phrases: set[tuple[str, ...]],
                  is_gap: Callable[[str], bool]) -> Spans:
    """The spans of single words wanted, and of phrase words where the whole phrase stands together
    ("help" alone is not highlighted for the phrase "help line")."""
    keep = {i for i, span in enumerate(spans) if span[2] in singles}
    starting: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        starting.setdefault(phrase[0], []).append(phrase)
    for i, span in enumerate(spans):
        for phrase in starting.get(span[2], ()):
            size = len(phrase)
            if i + size > len(spans):
                continue
            for j in range(1, size):
                if spans[i + j][2] != phrase[j] or not is_gap(text[spans[i + j - 1][1]:spans[i + j][0]]):
                    break
            else:
                keep.update(range(i, i + size))
    return [spans[i] for i in sorted(keep)]


def snippet(summary: str, description: str, stems: set[str], find_spans: SpanFinder | None,
            phrases: set[tuple[str, ...]] = frozenset(), is_gap: Callable[[str], bool] | None = None) -> str:
    """The summary, or the part of the description that explains the match better.

    Both texts must already be `plain`; `find_spans(text, stems)` gives (start, end, stem) of matches;
    `is_gap(text)` says whether text between two words holds no indexed word (phrases need it).
    """
    wanted = set(stems) | {stem for phrase in phrases for stem in phrase}
    if not wanted or find_spans is None:
        return _cut(summary)
    best: tuple[int, str] | None = None
    for text in (summary, description):
        spans = find_spans(text, wanted)
        if phrases and is_gap is not None:
            spans = _keep_phrases(text, spans, set(stems), phrases, is_gap)
        elif phrases:
            spans = [span for span in spans if span[2] in stems]
        if not spans:
            continue
        start, end, distinct = _window(text, spans)
        if best is None or distinct > best[0]:
            best = (distinct, _mark(text, start, end, spans))
    return best[1] if best else _cut(summary)


def _cut(text: str) -> str:
    if len(text) <= SNIPPET_CHARS:
        return text
    space = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[:space if space > 0 else SNIPPET_CHARS] + ELLIPSIS
