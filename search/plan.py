"""From parsed clauses to Whoosh queries: fields, synonyms, typo correction and the relaxed form."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from catalogue.facets import FACET_BY_KEY
from catalogue.geography import countries
from catalogue.vocabulary import load_taxonomy
from search.analysis import (
    SynonymMatcher,
    SynonymTable,
    clean_text,
    fold,
    stems_of,
    synonym_table,
    word_analyzer,
)
from search.query import Clause, ParsedQuery
from search.schema import DEFINITION_WEIGHT, TEXT_FIELD_SYNTAX, TEXT_WEIGHTS, definition_index
from search.scoring import FastPhrase, MaxOr, SumOr
from search.spelling import Lexicon

# Words the user did not type count less than those typed: a synonym can match, but the tool that
# says what was typed comes first. Related terms have their own weight in synonyms.yaml.
SYNONYM_WEIGHT = 0.8
PHRASE_BONUS = 0.5  # extra for the typed words found as a phrase ("supply chain" beside "chain ... supply")
MAX_BONUS_PHRASE = 5  # longer queries are sentences; their words are not expected side by side
# A word not in the catalogue's vocabulary that is close to one that is: the user most likely meant
# the known word, so it counts fully; the typed form only matches by accident (stem of "trafficing"
# is "traffic", as in "Traffic Jam") and counts less.
CORRECTION_WEIGHT = 1.0
TYPED_UNKNOWN_WEIGHT = 0.5
MIN_FUZZY_CHARS = 4
MAX_FUZZY_CHARS = 30
MAX_CORRECTIONS = 2  # per word
YEAR_RANGE = re.compile(r"^(\d{4})(?:(?:-|\.\.)(\d{4}))?$")


@dataclass
class Plan:
    """Everything needed to run one user query."""

    strict: wq.Query | None  # None: no text query (list everything, then filter)
    relaxed: wq.Query | None  # any-word form, when it differs from the strict one
    stems: set[str] = field(default_factory=set)  # stems to highlight
    suggestion: str | None = None
    messages: list[str] = field(default_factory=list)


class Planner:
    def __init__(self, reader, analyzer, lexicon: Lexicon, table: SynonymTable, matcher: SynonymMatcher):
        self.reader = reader
        self.analyzer = analyzer
        self.word_analyzer = word_analyzer()
        self.lexicon = lexicon
        self.table = table
        self.matcher = matcher
        self.known_words = table.words
        self.definition_tags = definition_index(analyzer)
        self._present: dict[tuple[str, str], bool] = {}
        self._values = _facet_value_lookup()

    # -- text pieces -------------------------------------------------------------------------------
    def stems(self, text: str) -> tuple[str, ...]:
        return stems_of(self.analyzer, text)

    def present(self, name: str, stem: str) -> bool:
        """Whether any document has `stem` in field `name` (cached: asked for every field of every word)."""
        key = (name, stem)
        found = self._present.get(key)
        if found is None:
            if len(self._present) > 200_000:
                self._present.clear()
            found = self._present[key] = self.reader.doc_frequency(name, stem) > 0
        return found

    def text_query(self, stems: tuple[str, ...], weight: float = 1.0,
                   fields: dict[str, float] = TEXT_WEIGHTS) -> wq.Query | None:
        """Stems as a term (one) or phrase (several), in every given field that has them all.

        Fields lacking a stem are left out, so a query never builds matchers that cannot match:
        synonyms times fields would otherwise be hundreds of empty phrase matchers.
        """
        parts: list[wq.Query] = []
        for name, field_weight in fields.items():
            if all(self.present(name, stem) for stem in stems):
                if len(stems) == 1:
                    parts.append(wq.Term(name, stems[0], boost=field_weight * weight))
                else:
                    parts.append(FastPhrase(name, list(stems), boost=field_weight * weight))
        if len(stems) == 1 and fields is TEXT_WEIGHTS:
            for facet_key, value in self.definition_tags.get(stems[0], ()):
                parts.append(wq.Term(facet_key, value, boost=DEFINITION_WEIGHT * weight))
        return _or(parts)

    def words_query(self, stems: tuple[str, ...], weight: float = 1.0) -> wq.Query | None:
        """All of several stems, each in any field (what a multi-word unit means without quotes)."""
        if len(stems) == 1:
            return self.text_query(stems, weight)
        parts = [self.text_query((s,), weight) for s in stems]
        return None if any(p is None for p in parts) else wq.And(parts)

    # -- typos ---------------------------------------------------------------------------------------
    def corrections(self, word: str) -> list[str]:
        """Known words close to an unknown one, best first; [] when the word is known or too short."""
        tokens = [t.text for t in self.word_analyzer(word)]
        if len(tokens) != 1:
            return []
        folded = tokens[0]
        if (not MIN_FUZZY_CHARS <= len(folded) <= MAX_FUZZY_CHARS or not folded.isalpha()
                or folded in self.known_words or folded in self.lexicon):
            return []
        own_stem = self.stems(folded)
        own_frequency = max((self.reader.doc_frequency(name, own_stem[0]) for name in TEXT_WEIGHTS),
                            default=0) if len(own_stem) == 1 else 0
        maxdist = 1 if len(folded) < 8 else 2
        scored = []
        for distance, candidate in self.lexicon.near(folded, maxdist):
            frequency = self.lexicon.frequency[candidate]
            if own_stem and self.stems(candidate) == own_stem:
                continue  # same word to the index ("kilns" for "kiln"): nothing to correct
            if own_frequency and frequency < 3 * own_frequency:
                continue  # the typed form is a real, used word in its own right
            scored.append((distance, -frequency, candidate))
        scored.sort()
        if not scored:
            return []
        best = scored[0][0]
        return [c for d, _, c in scored if d == best][:MAX_CORRECTIONS]

    # -- clauses -------------------------------------------------------------------------------------
    def field_query(self, clause: Clause, messages: list[str]) -> wq.Query | None:
        name = clause.field
        if name in TEXT_FIELD_SYNTAX:
            stems = self.stems(clause.text)
            if not stems:
                return None
            fields = {f: TEXT_WEIGHTS[f] for f in TEXT_FIELD_SYNTAX[name]}
            return self.text_query(stems, fields=fields) or wq.NullQuery
        if name == "launched":
            found = YEAR_RANGE.match(clause.text.strip())
            if not found:
                messages.append(f"{clause.field}: needs a year or a range such as 2015-2020; ignored.")
                return None
            low = int(found.group(1))
            high = int(found.group(2) or low)
            return wq.NumericRange("launched", min(low, high), max(low, high))
        if name == "global":
            value = _yes_no(clause.text)
            if value is None:
                messages.append("global: needs yes or no; ignored.")
                return None
            return wq.Term("global", value)
        values = self._values.get(name, {}).get(_key(clause.text))
        if not values:
            messages.append(f"{name}: no value {clause.text!r}; ignored.")
            return None
        return _or([wq.Term(name, v.replace(",", " ")) for v in values])

    def build(self, parsed: ParsedQuery) -> Plan:
        plan = Plan(strict=None, relaxed=None, messages=list(parsed.messages))
        required: list[wq.Query] = []  # field clauses: required in both forms
        groups: list[wq.Query] = []  # words and phrases: all in the strict form, any in the relaxed one
        optional: list[wq.Query] = []
        excluded: list[wq.Query] = []
        suggestion_text = parsed.text
        corrected = False

        positives = [c for c in parsed.clauses if not c.negated]
        for clause in parsed.clauses:
            if clause.negated:
                if clause.kind == "field":
                    q = self.field_query(clause, plan.messages)
                else:
                    stems = self.stems(clause.text)
                    q = self.text_query(stems) if stems else None
                if q is not None and q is not wq.NullQuery:
                    excluded.append(q)
            elif clause.kind == "field":
                q = self.field_query(clause, plan.messages)
                if q is not None:
                    required.append(q)
            elif clause.kind == "phrase":
                stems = self.stems(clause.text)
                if stems:
                    groups.append(self.text_query(stems) or wq.NullQuery)
                    plan.stems.update(stems)

        # Plain words: synonyms may span several consecutive words, so handle them as one run.
        words = [c for c in positives if c.kind == "word"]
        units = [(clause, self.stems(clause.text)) for clause in words]
        flat: list[str] = []
        starts: dict[int, int] = {}  # flat position -> unit index starting there
        ends: set[int] = set()  # flat positions just after a unit
        for index, (_, stems) in enumerate(units):
            if stems:
                starts[len(flat)] = index
                flat.extend(stems)
                ends.add(len(flat))
        position = 0
        while position < len(flat):
            index = starts[position]
            clause, stems = units[index]
            found = self.matcher.match(flat, position)
            if found and position + found[0] in ends:
                length, expansions = found
                span = tuple(flat[position:position + length])
                alternatives = [self.words_query(span)]
                for expansion in expansions:
                    if expansion.stems == span:
                        continue  # what was typed, already the first alternative
                    alternatives.append(self.text_query(expansion.stems, expansion.weight * SYNONYM_WEIGHT))
                    plan.stems.update(expansion.highlight)
                plan.stems.update(span)
                groups.append(_or(alternatives, MaxOr) or wq.NullQuery)
                position += length
                continue
            fixes = self.corrections(clause.text)
            alternatives = [self.words_query(stems, TYPED_UNKNOWN_WEIGHT if fixes else 1.0)]
            plan.stems.update(stems)
            for fix in fixes:
                fix_stems = self.stems(fix)
                if fix_stems:
                    alternatives.append(self.words_query(fix_stems, CORRECTION_WEIGHT))
                    plan.stems.update(fix_stems)
            if fixes:
                corrected = True
                suggestion_text = _replace_word(suggestion_text, clause.raw or clause.text, fixes[0])
            query = _or(alternatives, MaxOr) or wq.NullQuery
            if fold(clause.text) in self.table.optional_words:
                optional.append(query)
            else:
                groups.append(query)
            position += len(stems)

        if not groups and not required and optional:
            groups, optional = optional, []  # "tools" alone: the filler word is all there is
        if 2 <= len(flat) <= MAX_BONUS_PHRASE:
            # The words as typed, side by side, rank above the same words scattered.
            optional.append(self.text_query(tuple(flat), PHRASE_BONUS))
        if corrected and suggestion_text.strip().lower() != parsed.text.strip().lower():
            plan.suggestion = suggestion_text

        relaxed: wq.Query | None = None
        if groups or required:
            # A word no entry has makes the all-words form match nothing (Whoosh's And would
            # otherwise drop the empty part and match the rest).
            nothing = any(q is wq.NullQuery for q in required + groups)
            strict = wq.NullQuery if nothing else _and(required + groups)
            if len(groups) > 1:
                any_group = _or(groups)
                possible = any_group is not None and not any(q is wq.NullQuery for q in required)
                relaxed = _and(required + [any_group]) if possible else None
        elif excluded:
            strict = wq.Every()
        else:
            if parsed.clauses:
                plan.messages.append("The query has only very common words: showing every tool.")
            return plan
        bonus = _or(optional)
        if bonus is not None and strict is not wq.NullQuery:
            strict = wq.AndMaybe(strict, bonus)
            relaxed = wq.AndMaybe(relaxed, bonus) if relaxed is not None else None
        exclusion = _or(excluded)
        if exclusion is not None:
            strict = wq.AndNot(strict, exclusion) if strict is not wq.NullQuery else strict
            relaxed = wq.AndNot(relaxed, exclusion) if relaxed is not None else None
        plan.strict, plan.relaxed = strict, relaxed
        return plan


def _and(parts: list[wq.Query]) -> wq.Query:
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _or(parts: list[wq.Query | None], kind: type[SumOr] = SumOr) -> wq.Query | None:
    """Any of the parts (scores summed, or the best one with kind=MaxOr); None when there is none."""
    parts = [p for p in parts if p is not None and p is not wq.NullQuery]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else kind(parts)


def _replace_word(text: str, word: str, replacement: str) -> str:
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)
    return pattern.sub(lambda _: replacement, text, count=1)


def _key(text: str) -> str:
    """How facet values are compared: folded, with spaces, hyphens and underscores alike."""
    return re.sub(r"[\s_\-]+", " ", fold(clean_text(text))).strip()


def _yes_no(text: str) -> str | None:
    return {"yes": "yes", "true": "yes", "1": "yes", "no": "no", "false": "no", "0": "no"}.get(text.lower())


def _facet_value_lookup() -> dict[str, dict[str, list[str]]]:
    """facet key -> typed value (key, label or country name, folded) -> facet values it means."""
    taxonomy = load_taxonomy()
    table = countries()
    other_names = synonym_table().country_names
    lookup: dict[str, dict[str, list[str]]] = {}
    for key, facet in FACET_BY_KEY.items():
        names: dict[str, list[str]] = {}

        def add(name: str, value: str) -> None:
            bucket = names.setdefault(_key(name), [])
            if value not in bucket:
                bucket.append(value)

        for value in facet.all_values():
            add(value, value)
            if facet.vocabulary:
                add(taxonomy.label(facet.vocabulary, value), value)
            elif key == "country" and value in table:
                add(table[value].name, value)
                for other in other_names.get(value, ()):
                    add(other, value)
        if key == "open_source":
            for typed in ("yes", "true", "1"):
                add(typed, "yes")
            for typed in ("no", "false", "0"):
                add(typed, "no")
        lookup[key] = names
    return lookup
