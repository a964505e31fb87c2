"""Text analysis shared by indexing and querying: folding, stop words, spelling variants, stemming, synonyms."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Tokenizer,
)
from whoosh.analysis.acore import Token
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

SYNONYMS_PATH = Path(__file__).resolve().parent / "synonyms.yaml"

# Letters and digits only: "Cybertip.ca" and "supply_chain" split into words people type.
TOKEN_PATTERN = r"[^\W_]+"
MAX_TOKEN_CHARS = 64  # longer runs are junk (hashes, URLs); dropping them also bounds query cost

# "us" is dropped from Whoosh's list (it is how people write the United States); function words of
# Spanish, French and Portuguese are added so "trata de personas" needs no "de" in the entry.
STOP = (STOP_WORDS - {"us"}) | frozenset(
    """i me my our what which who whom how where there their they them its into about do does any some so
    such than then these those was were been has had his her she he would should could also
    de la el los las del y en le les des du et da do das dos em para por""".split()
)


_INVISIBLE = ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp")


def clean_text(text: object) -> str:
    """Text safe to index or parse: str, no lone surrogates, no control characters, NFKC-normalised."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be encoded later
    text = unicodedata.normalize("NFKC", text)
    if text.isprintable():  # the common case, checked in C
        return text
    return "".join(" " if unicodedata.category(ch) in _INVISIBLE else ch for ch in text)


def fold(text: str) -> str:
    """Lowercase without accents, as the analyzers see words."""
    return text.lower().translate(accent_map)


class VariantFilter(Filter):
    """Replaces spelling variants by one canonical form (labor -> labour) before stemming."""

    def __init__(self, variants: dict[str, str]):
        self.variants = dict(variants)

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.variants == other.variants

    def __repr__(self) -> str:  # part of the index fingerprint
        return f"VariantFilter({sorted(self.variants.items())!r})"

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        variants = self.variants
        for token in tokens:
            token.text = variants.get(token.text, token.text)
            yield token


class FoldingStemTokenizer(Tokenizer):
    """The whole text analysis in one pass: tokenize, lowercase, fold accents, unify spelling
    variants, drop stop words and stem.

    It gives exactly what the composed Whoosh chain of `composed_text_analyzer` gives (a test checks
    this) at about half the cost, which is most of the index build time.
    """

    def __init__(self, variants: dict[str, str], stoplist: frozenset[str] = STOP, minsize: int = 2,
                 maxsize: int = MAX_TOKEN_CHARS, stem_words: bool = True,
                 phrases: dict[tuple[str, ...], str] | None = None):
        self.variants = dict(variants)
        # Multi-word synonyms (as stems) -> the token added where they occur (see GROUP_TOKEN).
        self.phrases = dict(phrases or {})
        self._phrase_starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, group_token in sorted(self.phrases.items()):
            self._phrase_starts.setdefault(phrase[0], []).append((phrase, group_token))
        self.stoplist = frozenset(stoplist)
        self.minsize = minsize
        self.maxsize = maxsize
        self.stem_words = stem_words
        self.expression = re.compile(TOKEN_PATTERN)
        self._cache: dict[str, str] = {}

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and repr(self) == repr(other)

    def __repr__(self) -> str:  # part of the index fingerprint
        return (f"FoldingStemTokenizer(pattern={TOKEN_PATTERN!r}, variants={sorted(self.variants.items())!r}, "
                f"stoplist={sorted(self.stoplist)!r}, minsize={self.minsize}, maxsize={self.maxsize}, "
                f"stem={self.stem_words}, phrases={sorted(self.phrases.items())!r})")

    def spans(self, text: str, wanted: set[str]) -> list[tuple[int, int, str]]:
        """(start, end, stem) of the words of `text` whose stem is wanted: highlighting, fast."""
        normal = self._normal
        found = []
        for match in self.expression.finditer(text):
            stemmed = normal(match.group(0))[0]
            if stemmed in wanted:
                found.append((match.start(), match.end(), stemmed))
        return found

    def stem_of(self, word: str) -> str:
        """The indexed form of one word ("" for a stop word)."""
        return self._normal(word)[0]

    def _normal(self, text: str) -> tuple[str, bool]:
        """(indexed form, stopped) of one raw token."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached, cached == ""
        word = text.lower().translate(accent_map)
        word = self.variants.get(word, word)
        if len(word) < self.minsize or len(word) > self.maxsize or word in self.stoplist:
            result = ""
        else:
            result = stem(word) if self.stem_words else word
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[text] = result
        return result, result == ""

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs) -> Iterator[Token]:
        if removestops and tokenize and not keeporiginal:
            return self._fast(value, positions, chars, start_pos, start_char, mode, **kwargs)
        return self._words(value, positions, chars, keeporiginal, removestops, start_pos, start_char, tokenize,
                           mode, **kwargs)

    def kept(self, value: str, start_pos: int = 0) -> list[tuple[str, int, int, int]]:
        """(stem, position, start, end) of the words kept, numbered as Whoosh's StopFilter renumbers."""
        cache = self._cache
        normal = self._normal
        found = []
        pos = None
        for raw_pos, match in enumerate(self.expression.finditer(value)):
            raw = match.group()
            stemmed = cache.get(raw)
            if stemmed is None:
                stemmed = normal(raw)[0]
            if stemmed:
                pos = start_pos + raw_pos if pos is None else pos + 1
                found.append((stemmed, pos, match.start(), match.end()))
        return found

    def _fast(self, value: str, positions: bool, chars: bool, start_pos: int, start_char: int, mode: str,
              **kwargs) -> Iterator[Token]:
        """The common path (indexing, querying): one pass, then group tokens where phrases occur."""
        kept = self.kept(value, start_pos)
        if self.phrases:
            kept = self._add_group_tokens(kept)
        token = Token(positions, chars, removestops=True, mode=mode, **kwargs)
        token.stopped = False
        for text, pos, start, end in kept:
            token.text = text
            token.boost = 1.0
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token

    def _add_group_tokens(self, kept: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
        """After each word that starts a multi-word synonym present here, its group's token."""
        starts = self._phrase_starts
        out = []
        for index, item in enumerate(kept):
            out.append(item)
            for phrase, group_token in starts.get(item[0], ()):
                end = index + len(phrase)
                if end <= len(kept) and all(kept[index + i][0] == word for i, word in enumerate(phrase)):
                    out.append((group_token, item[1], item[2], kept[end - 1][3]))
        return out

    def _words(self, value: str, positions: bool, chars: bool, keeporiginal: bool, removestops: bool,
               start_pos: int, start_char: int, tokenize: bool, mode: str, **kwargs) -> Iterator[Token]:
        """The general path (stop words kept, untokenized values, originals): as Whoosh's chain does."""
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        matches = self.expression.finditer(value) if tokenize else None
        pieces = ((m.group(0), m.start(), m.end()) for m in matches) if matches is not None \
            else iter([(value, 0, len(value))])
        kept_pos = None
        for raw_pos, (raw, start, end) in enumerate(pieces):
            normal, stopped = self._normal(raw)
            if stopped:
                if removestops:
                    continue
                token.text = raw.lower().translate(accent_map)
                token.text = self.variants.get(token.text, token.text)
                token.stopped = True
                pos = start_pos + raw_pos
            else:
                token.text = normal
                token.stopped = False
                kept_pos = start_pos + raw_pos if kept_pos is None else kept_pos + 1
                pos = kept_pos
            token.boost = 1.0
            if keeporiginal:
                token.original = raw
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


#: The token that marks, in an entry's text, any multi-word member of synonym group N. Real tokens
#: never contain "_" (see TOKEN_PATTERN), so it cannot collide with a word.
GROUP_TOKEN = "_syn{}"


def base_tokenizer(variants: dict[str, str] | None = None) -> FoldingStemTokenizer:
    return FoldingStemTokenizer(synonym_table().variants if variants is None else variants)


def group_phrases(table: SynonymTable, tokenizer: FoldingStemTokenizer) -> dict[tuple[str, ...], str]:
    """Stems of every multi-word synonym -> its group's token."""
    phrases: dict[tuple[str, ...], str] = {}
    for index, group in enumerate(table.groups):
        for member in group:
            stems = tuple(t.text for t in tokenizer(clean_text(member)))
            if len(stems) > 1:
                phrases.setdefault(stems, GROUP_TOKEN.format(index))
    return phrases


def text_analyzer(variants: dict[str, str] | None = None, with_synonyms: bool = True):
    """The analyzer of every scored text field: fold, drop stop words, unify variants, stem, and
    mark multi-word synonyms with their group's token (so a query needs one term, not N phrases)."""
    tokenizer = base_tokenizer(variants)
    if with_synonyms:
        tokenizer = FoldingStemTokenizer(tokenizer.variants, phrases=group_phrases(synonym_table(), tokenizer))
    return CompositeAnalyzer(tokenizer)


def composed_text_analyzer(variants: dict[str, str] | None = None):
    """The same analysis as `text_analyzer`, composed from stock Whoosh parts (the reference in tests)."""
    if variants is None:
        variants = synonym_table().variants
    return (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)
            | VariantFilter(variants) | StopFilter(STOP, minsize=2, maxsize=MAX_TOKEN_CHARS)
            | StemFilter(cachesize=50000))


def word_analyzer():
    """Readable words (spelling suggestions, highlighting): folded and stopped, never stemmed."""
    return CompositeAnalyzer(FoldingStemTokenizer({}, stem_words=False))


@dataclass(frozen=True)
class Expansion:
    """An alternative way to match what the user typed: stems (a phrase if several, or one group
    token), a weight, and what to highlight when it matches: single stems, and phrases (highlighted
    only where their words stand together)."""

    stems: tuple[str, ...]
    weight: float
    text: str  # as written in synonyms.yaml, for explanations and tests
    highlight: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class SynonymTable:
    variants: dict[str, str]  # folded variant word -> canonical word
    groups: tuple[tuple[str, ...], ...]  # as written
    related: dict[str, tuple[str, ...]]
    related_weight: float
    optional_words: frozenset[str]  # folded
    country_names: dict[str, tuple[str, ...]]  # ISO alpha-3 -> other names
    fingerprint: str

    @cached_property
    def words(self) -> frozenset[str]:
        """Every folded word the table knows, so it is never 'corrected' as a typo."""
        found: set[str] = set()
        for group in self.groups:
            for member in group:
                found.update(re.findall(TOKEN_PATTERN, fold(member)))
        return frozenset(found)


@lru_cache(maxsize=4)
def synonym_table(path: Path = SYNONYMS_PATH) -> SynonymTable:
    raw_text = path.read_text(encoding="utf-8")
    raw = yaml.safe_load(raw_text) or {}
    variants = {fold(variant): fold(canonical)
                for canonical, forms in (raw.get("spelling_variants") or {}).items() for variant in forms}
    groups = tuple(tuple(str(member) for member in group) for group in raw.get("synonyms") or ())
    related = {str(key): tuple(str(v) for v in values) for key, values in (raw.get("related") or {}).items()}
    return SynonymTable(
        variants=variants,
        groups=groups,
        related=related,
        related_weight=float(raw.get("related_weight", 0.5)),
        optional_words=frozenset(fold(word) for word in raw.get("optional_words") or ()),
        country_names={code: tuple(str(n) for n in names) for code, names in (raw.get("country_names") or {}).items()},
        fingerprint=hashlib.sha256(raw_text.encode("utf-8")).hexdigest(),
    )


def stems_of(analyzer, text: str) -> tuple[str, ...]:
    """The stems of a text as a query sees them (group tokens are for entries only)."""
    return tuple(token.text for token in analyzer(clean_text(text)) if not token.text.startswith("_"))


class SynonymMatcher:
    """Finds synonyms in a sequence of query stems and returns what else to match them with."""

    def __init__(self, table: SynonymTable, analyzer):
        self.table = table
        members = [[(stems_of(analyzer, m), m) for m in group] for group in table.groups]
        group_of: dict[tuple[str, ...], int] = {}
        for index, group in enumerate(members):
            for stems, _ in group:
                if stems:
                    group_of.setdefault(stems, index)

        def group_expansions(index: int, weight: float) -> list[Expansion]:
            group = [(stems, text) for stems, text in members[index] if stems]
            found = [Expansion(stems, weight, text, stems) for stems, text in group if len(stems) == 1]
            phrases = [(stems, text) for stems, text in group if len(stems) > 1]
            if phrases:
                found.append(Expansion((GROUP_TOKEN.format(index),), weight,
                                       " | ".join(text for _, text in phrases), (),
                                       tuple(stems for stems, _ in phrases)))
            return found

        expansions: dict[tuple[str, ...], list[Expansion]] = {}
        for stems, index in group_of.items():
            expansions[stems] = group_expansions(index, 1.0)
        for key, targets in table.related.items():
            key_stems = stems_of(analyzer, key)
            if not key_stems:
                continue
            extra: list[Expansion] = []
            for target in targets:
                target_stems = stems_of(analyzer, target)
                if target_stems in group_of:
                    extra.extend(group_expansions(group_of[target_stems], table.related_weight))
                elif len(target_stems) == 1:
                    extra.append(Expansion(target_stems, table.related_weight, target, target_stems))
                elif target_stems:
                    extra.append(Expansion(target_stems, table.related_weight, target, (), (target_stems,)))
            keys = ([stems for stems, i in group_of.items() if i == group_of[key_stems]]
                    if key_stems in group_of else [key_stems])
            for stems in keys:
                base = expansions.get(stems) or [Expansion(stems, 1.0, key, stems if len(stems) == 1 else (),
                                                           () if len(stems) == 1 else (stems,))]
                known = {e.stems for e in base}
                expansions[stems] = base + [e for e in extra if e.stems not in known]
        self.expansions = expansions
        self.longest = max((len(stems) for stems in expansions), default=0)

    def match(self, stems: list[str], start: int) -> tuple[int, list[Expansion]] | None:
        """The longest synonym key starting at `start`: (length, expansions), or None."""
        for length in range(min(self.longest, len(stems) - start), 0, -1):
            found = self.expansions.get(tuple(stems[start:start + length]))
            if found:
                return length, found
        return None
