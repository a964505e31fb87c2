"""Reading what a user typed: caps, a small safe syntax, and plain words when the syntax is broken.

Supported: words (all preferred), "quoted phrases", -exclusion (of a word, phrase or field clause),
and `field:value` / `field:"two words"` for the fields in FIELD_NAMES. Nothing else is syntax:
brackets, wildcards and operators are dropped, so no input can nest or expand without bound.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from catalogue.facets import FACET_BY_KEY
from catalogue.i18n import N_
from search.analysis import clean_text
from search.schema import TEXT_FIELD_SYNTAX


class Notice(str):
    """A message in English, with its template and values kept so the app can show it translated."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Notice:
        notice = super().__new__(cls, template.format(**params))
        notice.template, notice.params = template, params
        return notice


MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 20

YEAR_FIELDS = ("launched", "year")
#: Every `name:` a query may use (lower case), mapped to what it searches.
FIELD_NAMES: dict[str, str] = {
    **{name: name for name in TEXT_FIELD_SYNTAX},
    **{key: key for key in FACET_BY_KEY},
    "global": "global",
    **dict.fromkeys(YEAR_FIELDS, "launched"),
}

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u2033": '"', "\uff02": '"'})
_DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-"})
_PIECE = re.compile(r'''
    (?P<neg>-)?
    (?:
        (?P<field>[A-Za-z_]+):(?:"(?P<fphrase>[^"]*)"|(?P<fvalue>[^\s"]+))
      | "(?P<phrase>[^"]*)"
      | (?P<word>[^\s"]+)
    )
''', re.VERBOSE)
_SYNTAX_CHARS = re.compile(r"[()\[\]{}*~^+\\|&]")  # "?", "!": punctuation of questions


@dataclass(frozen=True)
class Clause:
    kind: str  # "word", "phrase" or "field"
    text: str  # the word, the phrase, or the field's value
    field: str = ""  # canonical field name (FIELD_NAMES values) for kind "field"
    negated: bool = False
    raw: str = ""  # as it appeared in the query, for "did you mean"

    @property
    def term_count(self) -> int:
        return max(1, len(self.text.split())) if self.kind == "phrase" else 1


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # the query actually used, after the length cap
    clauses: tuple[Clause, ...]
    messages: tuple[str, ...] = field(default=())

    @property
    def term_count(self) -> int:
        return sum(clause.term_count for clause in self.clauses)


def parse_query(text: object) -> ParsedQuery:
    """Parse any input into clauses; never raises. Caps: MAX_QUERY_CHARS characters, MAX_QUERY_TERMS terms."""
    messages: list[str] = []
    text = clean_text(text).translate(_QUOTES).translate(_DASHES)
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rstrip()
        messages.append(Notice(N_("Query too long: only the first {count} characters were used."),
                               count=MAX_QUERY_CHARS))
    text_for_parse = text
    if text.count('"') % 2:  # an unmatched quote would swallow the rest of the query: plain words instead
        last = text.rfind('"')
        text_for_parse = text[:last] + " " + text[last + 1:]
        messages.append(Notice(N_("An unmatched quote was ignored.")))
    clauses: list[Clause] = []
    dropped_syntax = truncated = False
    terms = 0
    for match in _PIECE.finditer(text_for_parse):
        negated = bool(match.group("neg"))
        raw = match.group(0)
        if match.group("field") is not None:
            name = match.group("field").lower()
            value = match.group("fphrase") if match.group("fphrase") is not None else match.group("fvalue")
            canonical = FIELD_NAMES.get(name)
            if canonical is None:
                # Not a field we know (or a URL, "24:7"): search its parts as plain words.
                new = _words(f"{match.group('field')} {value}", negated)
            else:
                stripped, had_syntax = _strip_syntax(value)
                dropped_syntax |= had_syntax
                new = [Clause("field", stripped.strip(), canonical, negated, raw)] if stripped.strip() else []
        elif match.group("phrase") is not None:
            stripped, had_syntax = _strip_syntax(match.group("phrase"))
            dropped_syntax |= had_syntax
            words = stripped.split()
            new = [Clause("phrase", " ".join(words), "", negated, raw)] if len(words) > 1 else \
                [Clause("word", w, "", negated, w) for w in words]
        else:
            stripped, had_syntax = _strip_syntax(match.group("word"))
            dropped_syntax |= had_syntax
            new = _words(stripped, negated)
        for clause in new:
            if terms + clause.term_count > MAX_QUERY_TERMS:
                truncated = True
                break
            terms += clause.term_count
            clauses.append(clause)
        if truncated:
            break
    if dropped_syntax:
        messages.append(Notice(N_("Brackets, wildcards and operators are not supported: "
                                  "the plain words were searched.")))
    if truncated:
        messages.append(Notice(N_("Query too long: only the first {count} words were used."), count=MAX_QUERY_TERMS))
    return ParsedQuery(text=text, clauses=tuple(clauses), messages=tuple(messages))


def _strip_syntax(value: str) -> tuple[str, bool]:
    stripped = _SYNTAX_CHARS.sub(" ", value)
    return stripped, stripped != value


def _words(text: str, negated: bool) -> list[Clause]:
    words = (word.strip("-'.,;?!¿¡") for word in _strip_syntax(text)[0].replace(":", " ").split())
    return [Clause("word", word, "", negated, word) for word in words if word]
