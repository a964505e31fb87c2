"""From parsed clauses to Whoosh queries: fields, synonyms, typo correction and the relaxed form.

Each idea the user typed (a word, a synonym phrase, a quoted phrase) becomes one "group": the
strict query needs every group, the relaxed one any. Inside a group, alternatives compete (MaxOr):
the words as typed, their synonyms, corrections of a typo. Single words with their synonyms are
one BM25F term (FieldedTerm), so a rare synonym cannot outrank the word typed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from catalogue.facets import FACET_BY_KEY
from catalogue.geography import countries
from catalogue.vocabulary import load_taxonomy
from search.analysis import (
    Expansion,
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
from search.scoring import FieldedPhrase, FieldedTerm, MaxOr, SumOr, TagQuery
from search.spelling import TWO_EDITS_FROM, Lexicon

# Words the user did not type count less than those typed: a synonym can match, but the tool that
# says what was typed comes first. Related terms have their own weight in synonyms.yaml.
SYNONYM_WEIGHT = 0.8
PHRASE_BONUS = 0.5  # extra for the typed words found as a phrase ("supply chain" beside "chain ... supply")
MAX_BONUS_PHRASE = 5  # longer queries are sentences; their words are not expected side by side
# A word not in the catalogue's vocabulary that is close to one that is: the user most likely meant
# the known word, so it counts fully; the typed form only matches by accident (the stem of
# "trafficing" is "traffic", as in "Traffic Jam") and counts less.
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
    phrases: set[tuple[str, ...]] = field(default_factory=set)  # highlighted where their words stand together
    suggestion: str | None = None
    messages: list[str] = field(default_factory=list)


class Planner:
    def __init__(self, reader, analyzer, lexicon: Lexicon, table: SynonymTable, matcher: SynonymMatcher,
                 tag_docs: dict[str, dict[str, list[int]]]):
        self.reader = reader
        self.tag_docs = tag_docs
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

    def term_query(self, texts: list[tuple[str, float]], fields: dict[str, float] = TEXT_WEIGHTS,
                   definitions: bool = True) -> wq.Query | None:
        """Weighted single stems as one BM25F term over the fields that have any of them, plus (for
        a free-text search) the tags whose vocabulary definition contains them."""
        weights = dict(texts)
        indexed = [(stem, w) for stem, w in weights.items() if any(self.present(name, stem) for name in fields)]
        present = [(name, w) for name, w in fields.items() if any(self.present(name, s) for s, _ in indexed)]
        parts: list[wq.Query] = [FieldedTerm(indexed, present)] if indexed else []
        if definitions and fields is TEXT_WEIGHTS:
            # Only words typed (or corrected): a synonym's definitions would add tags by the dozen.
            tags: dict[tuple[str, str], float] = {}
            for stem, weight in weights.items():
                if weight >= 1.0:
                    for tag in self.definition_tags.get(stem, ()):
                        tags[tag] = DEFINITION_WEIGHT
            if tags:
                parts.append(TagQuery([(key, value, w) for (key, value), w in sorted(tags.items())], self.tag_docs))
        return _or(parts)

    def phrase_query(self, stems: tuple[str, ...], weight: float = 1.0,
                     fields: dict[str, float] = TEXT_WEIGHTS) -> wq.Query | None:
        """Stems side by side, in this order, as one BM25F term over the fields that have them all."""
        present = [(name, w) for name, w in fields.items() if all(self.present(name, s) for s in stems)]
        return FieldedPhrase([(stems, 1.0)], present, boost=weight) if present else None

    def text_query(self, stems: tuple[str, ...], weight: float = 1.0,
                   fields: dict[str, float] = TEXT_WEIGHTS) -> wq.Query | None:
        """One stem as a term, several as a phrase."""
        if len(stems) == 1:
            return self.term_query([(stems[0], weight)], fields)
        return self.phrase_query(stems, weight, fields)

    def words_query(self, stems: tuple[str, ...], weight: float = 1.0) -> wq.Query | None:
        """All of several stems, each in any field (what a multi-word unit means without quotes)."""
        parts = [self.term_query([(stem, weight)]) for stem in stems]
        if any(part is None for part in parts):
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def expansions_query(self, expansions: list[Expansion], typed: list[tuple[str, float]]) -> wq.Query | None:
        """What a synonym match adds: the typed stems with the group's other single words as one
        term, the group's phrases, and related terms apart (a tool that only says a related term
        must not rank with one that says the idea itself)."""
        typed_stems = {stem for stem, _ in typed}
        same: dict[str, float] = dict(typed)
        related: dict[str, float] = {}
        phrases: list[wq.Query | None] = []
        for expansion in expansions:
            if len(expansion.stems) > 1:
                phrases.append(self.phrase_query(expansion.stems, expansion.weight * SYNONYM_WEIGHT))
                continue
            stem = expansion.stems[0]
            target = same if expansion.weight >= 1.0 else related
            weight = 1.0 if stem in typed_stems else expansion.weight * SYNONYM_WEIGHT
            target[stem] = max(target.get(stem, 0.0), weight)
        return _or([self.term_query(list(same.items())) if same else None,
                    self.term_query(list(related.items())) if related else None, *phrases], MaxOr)

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
        near = self.lexicon.near(folded, 1)
        if not near and len(folded) >= TWO_EDITS_FROM:
            near = self.lexicon.near(folded, 2)  # slower; only when nothing is one edit away
        scored = []
        for distance, candidate in near:
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
            if len(stems) == 1:
                query = self.term_query([(stems[0], 1.0)], fields, definitions=False)
            else:
                query = self.phrase_query(stems, 1.0, fields)
            return query or wq.NullQuery
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
        optional: list[wq.Query] = []  # raise the rank, never required
        excluded: list[wq.Query] = []
        suggestion_text = parsed.text
        corrected = False

        for clause in parsed.clauses:
            if clause.negated:
                if clause.kind == "field":
                    query = self.field_query(clause, plan.messages)
                else:
                    stems = self.stems(clause.text)
                    query = self.text_query(stems) if stems else None
                if query is not None and query is not wq.NullQuery:
                    excluded.append(query)
            elif clause.kind == "field":
                query = self.field_query(clause, plan.messages)
                if query is not None:
                    required.append(query)
            elif clause.kind == "phrase":
                stems = self.stems(clause.text)
                if stems:
                    groups.append(self.text_query(stems) or wq.NullQuery)
                    (plan.phrases.add(stems) if len(stems) > 1 else plan.stems.update(stems))

        # Plain words: synonyms may span several consecutive words, so handle them as one run.
        units = [(c, self.stems(c.text)) for c in parsed.clauses if c.kind == "word" and not c.negated]
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
            clause, stems = units[starts[position]]
            found = self.matcher.match(flat, position)
            if found and position + found[0] in ends:
                length, expansions = found
                span = tuple(flat[position:position + length])
                others = [e for e in expansions if e.stems != span]
                for expansion in others:
                    plan.stems.update(expansion.highlight)
                    plan.phrases.update(expansion.phrases)
                plan.stems.update(span)
                if length == 1:
                    query = self.expansions_query(others, [(span[0], 1.0)])
                else:
                    # "línea de ayuda": "línea", typed, is also a single-word synonym; it counts as typed.
                    typed = [(stem, 1.0) for stem in span if any(e.stems == (stem,) for e in others)]
                    query = _or([self.words_query(span), self.expansions_query(others, typed)], MaxOr)
                position += length
                single_word = length == len(stems)
            else:
                fixes = self.corrections(clause.text)
                plan.stems.update(stems)
                if fixes:
                    corrected = True
                    suggestion_text = _replace_word(suggestion_text, clause.raw or clause.text, fixes[0])
                if len(stems) == 1:
                    typed = [(stems[0], TYPED_UNKNOWN_WEIGHT if fixes else 1.0)]
                    for fix in fixes:
                        fix_stems = self.stems(fix)
                        if len(fix_stems) == 1:
                            typed.append((fix_stems[0], CORRECTION_WEIGHT))
                            plan.stems.add(fix_stems[0])
                    query = self.term_query(typed)
                else:
                    query = self.words_query(stems)  # "1-833-900-1010", "non-governmental"
                position += len(stems)
                single_word = True
            query = query or wq.NullQuery
            if single_word and fold(clause.text) in self.table.optional_words:
                optional.append(query)  # "tools", "app for ...": the form counts less than the need
            else:
                groups.append(query)

        if not groups and not required and optional:
            groups, optional = optional, []  # "tools" alone: the filler word is all there is
        if 2 <= len(flat) <= MAX_BONUS_PHRASE:
            # The words as typed, side by side, rank above the same words scattered.
            optional.append(self.phrase_query(tuple(flat), PHRASE_BONUS))
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
