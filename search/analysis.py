"""Text analysis shared by indexing and querying, composed from stock Whoosh parts: words, lower
case, accents folded, spelling variants unified (labor = labour), function and question words of
English, French, Spanish and Portuguese dropped, English stemming."""
from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import cast

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

from catalogue.yamlio import safe_load

SYNONYMS_PATH = Path(__file__).resolve().parent / "synonyms.yaml"

# Letters and digits only: "Cybertip.ca" and "supply_chain" split into words people type.
TOKEN_PATTERN = r"[^\W_]+"  # noqa: S105 - a tokenizer's pattern, not a password
# whoosh keys accent_map by code point (what str.translate wants) but declares it dict[str, str].
_ACCENTS = cast("dict[int, str]", accent_map)
MAX_TOKEN_CHARS = 64  # longer runs are junk (hashes, URLs); dropping them also bounds query cost

# Words of a question that say nothing about the tool wanted.
QUESTION_WORDS = frozenset("""how many much where which what who whom whose why when each every get got can could
    would should do does did done there is are am any some tell show give want wants need needs looking look
    way ways someone somebody anyone anybody something people person us one ones please let make""".split())
# Function words of French, Spanish or Portuguese that are English content words.
KEEP = frozenset({"sea", "sin", "son", "era", "sentido", "estado", "estados", "ai"})
STOP = frozenset({w.lower().translate(_ACCENTS) for language in ("en", "fr", "es", "pt")
                  for w in stopwords_for_language(language)} | QUESTION_WORDS) - KEEP - {"us"}  # "us": the USA
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
    return text.lower().translate(_ACCENTS)


class VariantFilter(Filter):
    """Replaces spelling variants by one canonical form (labor -> labour) before stemming."""

    def __init__(self, variants: dict[str, str]):
        self.variants = dict(variants)

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.variants == other.variants

    def __repr__(self) -> str:  # part of the index fingerprint
        return f"VariantFilter({sorted(self.variants.items())!r})"

    # whoosh's own Filter narrows Composable.__call__(value, **kwargs) to (tokens) the same way.
    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        variants = self.variants
        for token in tokens:
            token.text = variants.get(token.text, token.text)
            yield token


@lru_cache(maxsize=2)
def text_analyzer():
    """The analyzer of every text field, and of queries."""
    return (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)
            | VariantFilter(synonym_data()["variants"]) | StopFilter(STOP, minsize=2, maxsize=MAX_TOKEN_CHARS)
            | StemFilter(cachesize=50000))


def stems_of(text: str) -> tuple[str, ...]:
    """The indexed forms of a text's words."""
    return tuple(token.text for token in text_analyzer()(clean_text(text)))


def words_of(text: str) -> list[str]:
    """Folded words of a text, stop words included (spelling, vocabulary)."""
    return [token.text for token in (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()
                                     | CharsetFilter(accent_map))(clean_text(text))]


@lru_cache(maxsize=2)
def synonym_data(path: Path = SYNONYMS_PATH) -> dict:
    """search/synonyms.yaml, read: spelling variants, synonym groups, optional words, and a fingerprint."""
    raw_text = path.read_text(encoding="utf-8")
    raw = safe_load(raw_text) or {}
    return {"variants": {fold(v): fold(canonical) for canonical, forms in (raw.get("spelling_variants") or {}).items()
                         for v in forms},
            "groups": [[str(member) for member in group] for group in raw.get("synonyms") or ()],
            "optional": frozenset(fold(word) for word in raw.get("optional_words") or ()),
            "fingerprint": hashlib.sha256(raw_text.encode("utf-8")).hexdigest()}
