"""What query words mean beyond themselves, built from data: places (regions.csv, Babel's French,
Spanish and Portuguese country names, search/places.yaml), language names (Babel, in the same four
languages and the language's own), synonyms (search/synonyms.yaml); and typo correction (rapidfuzz)."""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from catalogue.geography import countries
from catalogue.yamlio import load_project_yaml
from search.analysis import STOP, fold, stems_of, synonym_data, words_of

PLACES_PATH = Path(__file__).resolve().parent / "places.yaml"
LOCALES = ("en", "fr", "es", "pt")
REGION_LEVELS = ("m49_region", "m49_sub_region", "m49_intermediate_region", "ilo_region")


@dataclass
class Concept:
    """What a run of query words (as stems) stands for."""

    places: set[str] = field(default_factory=set)  # ISO alpha-3 codes of deployment
    languages: set[str] = field(default_factory=set)  # ISO 639-1 codes
    synonyms: dict[str, float] = field(default_factory=dict)  # other wordings -> weight


@lru_cache(maxsize=1)
def place_names() -> dict[str, set[str]]:
    """Every place name people may type -> the ISO alpha-3 codes it covers."""
    import pycountry
    from babel import Locale

    raw = load_project_yaml(PLACES_PATH) or {}
    table = countries()
    names: dict[str, set[str]] = {}

    def add(name: str, codes: Iterable[str]) -> None:
        if name and name.strip():
            names.setdefault(name.strip(), set()).update(codes)

    locales = [Locale(code) for code in LOCALES[1:]]
    regions: dict[str, set[str]] = {}
    for code, country in table.items():
        add(country.name, {code})
        alpha2 = getattr(pycountry.countries.get(alpha_3=code), "alpha_2", None)
        for locale in locales:
            add(locale.territories.get(alpha2, "") if alpha2 else "", {code})
        for level in REGION_LEVELS:
            regions.setdefault(getattr(country, level), set()).add(code)
    regions.pop("", None)
    for name, codes in regions.items():
        add(name, codes)
    for code, others in [*(raw.get("other_names") or {}).items(), *(raw.get("demonyms") or {}).items()]:
        for name in others:
            add(name, {code})
    for group in raw.get("groupings") or ():
        codes = set(group.get("countries") or ())
        for region in group.get("regions") or ():
            codes |= regions.get(region, set())
        for name in group["names"]:
            add(name, codes)
    return names


@lru_cache(maxsize=1)
def language_names() -> dict[str, set[str]]:
    """Language names in English, French, Spanish, Portuguese and the language itself -> ISO 639-1."""
    from babel import Locale, UnknownLocaleError

    names: dict[str, set[str]] = {}
    locales = [Locale(code) for code in LOCALES]
    for code in locales[0].languages:
        if not isinstance(code, str) or len(code) != 2:
            continue
        found = [locale.languages.get(code, "") for locale in locales]
        try:
            found.append(Locale(code).languages.get(code, ""))
        except (UnknownLocaleError, ValueError):
            pass
        for name in found:
            if len(name) > 3:
                names.setdefault(name, set()).add(code)
    return names


def fingerprint() -> str:
    return hashlib.sha256(PLACES_PATH.read_bytes()).hexdigest() + synonym_data()["fingerprint"]


@lru_cache(maxsize=1)
def concepts() -> dict[tuple[str, ...], Concept]:
    """Stems of a name or phrase -> what it means."""
    table: dict[tuple[str, ...], Concept] = {}

    def concept(text: str) -> Concept:
        return table.setdefault(stems_of(text), Concept())

    for name, codes in place_names().items():
        concept(name).places |= codes
    for name, codes in language_names().items():
        concept(name).languages |= codes
    for group in synonym_data()["groups"]:
        for member in group:
            concept(member).synonyms.update({other: 1.0 for other in group if other != member})
    table.pop((), None)  # names that are only stop words
    return table


def longest_concept(stems: list[str], start: int, table: dict[tuple[str, ...], Concept]) -> int:
    """Length of the longest concept starting at `start` (0 if none)."""
    for length in range(min(5, len(stems) - start), 0, -1):
        if tuple(stems[start:start + length]) in table:
            return length
    return 0


class Corrector:
    """Suggests a known word for one that is in no language of the catalogue's vocabulary."""

    MIN_CHARS = 4

    def __init__(self, texts: Iterable[str]):
        counts: Counter[str] = Counter(word for text in texts for word in words_of(text))
        for text in [*place_names(), *language_names(), *(m for group in synonym_data()["groups"] for m in group)]:
            counts.update(dict.fromkeys(words_of(text), 0))
        self.frequency = counts
        self.known = frozenset(counts) | STOP
        self._candidates = [word for word, count in counts.items() if count and word.isalpha() and len(word) > 2]

    def correct(self, word: str) -> str | None:
        folded = fold(word)
        if len(folded) < self.MIN_CHARS or not folded.isalpha() or folded in self.known:
            return None
        limit = 1 if len(folded) < 6 else 2
        near = process.extract(folded, self._candidates, scorer=OSA.distance, score_cutoff=limit, limit=50)
        near = [m for m in near if stems_of(m[0]) != stems_of(folded)]  # "kiln": "kilns" is the same word
        if not near:
            return None
        # Fewest edits, then the most typed letters kept ("maping": mapping, not making), then the commonest.
        best = min(near, key=lambda m: (m[1], Indel.distance(folded, m[0]), -self.frequency[m[0]], m[0]))
        return best[0]
