"""SearchEngine, the public API: a query is read into units (a word, a quoted phrase, a known name
of a place, language or synonym), each a Whoosh BM25F query over the weighted fields; tools matching
more units rank higher, and that ranking is fused by reciprocal rank with the ranking by meaning
(search.semantic). Facet counts, snippets, suggestions and related tools. See docs/search.md."""
from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, cast

import numpy as np
from whoosh import highlight
from whoosh import query as wq
from whoosh.qparser import MultifieldParser, OrGroup, PhrasePlugin
from whoosh.scoring import BM25F

from catalogue.facets import FACET_BY_KEY, FACETS
from catalogue.i18n import N_
from catalogue.model import Tool
from catalogue.vocabulary import load_taxonomy
from search import semantic
from search.analysis import clean_text, fold, stems_of, synonym_data, text_analyzer
from search.docset import DocTable, mask_of
from search.lexicon import Corrector, concepts, longest_concept, place_names
from search.query import MAX_QUERY_CHARS, Clause, Notice, parse_query
from search.schema import TEXT_FIELD_SYNTAX, TEXT_WEIGHTS, build_schema, spelling_texts
from search.store import Opened, build_in_memory, build_on_disk, discard, index_key, index_size, open_existing

log = logging.getLogger(__name__)

SORTS = ("relevance", "name", "launched", "last_verified", "last_seen_active")  # stable URL values
MAX_LIMIT = 1000
FAILED_MESSAGE = N_("Search failed on this query; please try other words.")
SNIPPET_CHARS = 220
YEAR_RANGE = re.compile(r"^(\d{4})(?:(?:-|\.\.)(\d{4}))?$")

# Ranking, tuned on tests/search_relevance.yaml (see docs/search.md).
SYNONYM_WEIGHT = 0.8  # another wording of what was typed counts less than the words typed
OPTIONAL_WEIGHT = 0.5  # "app", "tool", "online": a form, not a need
PLACE_SCORE = 25.0  # a tool deployed in a place typed: more than most word matches
PLACE_FACTOR = 3.0  # ... and their whole word score multiplied by this
GLOBAL_SHARE = 0.3  # a global tool, for a place typed, counts this share of both
LANGUAGE_SCORE = 12.0  # a tool offered in a language typed
COVERAGE_POWER = 2.0  # keyword score x (share of the query's units matched) ** this
RRF_K = 5  # reciprocal-rank fusion constant
MEANING_WEIGHT = 1.5  # weight of the meaning ranking in the fusion
MEANING_SHORT = 0.5  # its share for a one-word query
MEANING_EXTRA = 10  # tools found by meaning alone that join the results, at most
MEANING_MARGIN = 0.04  # ... and only within this cosine of the best one
MEANING_ONLY = 0.3  # share of their fused score (they have none of the words)

# Facets that make two tools alike for "related tools", with how much a shared value counts.
RELATED_FACETS = {"primary_purpose": 2.0, "purpose": 1.0, "exploitation_type": 1.0, "technology": 0.8,
                  "sector": 1.0, "target_user": 0.6, "m49_sub_region": 0.5, "country": 0.5}
RELATED_MEANING_WEIGHT = 8.0


@dataclass(frozen=True)
class Hit:
    slug: str
    name: str
    score: float
    snippet: str  # plain text; matched words wrapped in «guillemets»


@dataclass(frozen=True)
class SearchResult:
    query: str  # the query as used, after the length caps
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None
    message: str | None = None
    relaxed: bool = False  # kept for callers: ranking is any-word, so never "relaxed" now
    slugs: list[str] = field(default_factory=list)  # every match, in order
    notices: tuple = ()  # the messages as search.query.Notice (template and values), for translation


class Guillemets(highlight.Formatter):
    """Whoosh highlighter output as plain text: «matched» words, … where text was cut."""

    def format_token(self, text, token, replace=False):
        return "\u00ab" + highlight.get_text(text, token, replace) + "\u00bb"

    def format_fragment(self, fragment, replace=False):
        return ("\u2026" if fragment.startchar > 0 else "") + super().format_fragment(fragment, replace) + (
            "\u2026" if fragment.endchar < len(fragment.text) else "")


class SearchEngine:
    """Built from catalogue Tools; answers `search` and `related`. Thread-safe (one search at a time)."""

    @cached_property
    def _concepts(self) -> dict:
        return concepts()

    @cached_property
    def _corrector(self) -> Corrector:  # on the first word to correct: 0.9 s no first visit waits for
        return Corrector(text for tool in self._docs.tools for text in spelling_texts(tool))

    def __init__(self, opened: Opened, tools: Sequence[Tool], model: semantic.Model | None = None,
                 vectors: dict[str, np.ndarray] | None = None):
        self._index = opened.index
        self.location: Path | None = opened.location
        self.built, self.build_seconds, self.notice = opened.built, opened.build_seconds, opened.notice
        self._lock = threading.Lock()
        self._meaning = ThreadPoolExecutor(max_workers=1)
        self._searcher = self._index.searcher(weighting=BM25F(B=0.75, K1=1.2))
        try:
            ordered = self._documents(tools)
        except Exception:
            self._searcher.close()
            raise
        self._docs = DocTable(ordered)
        self._docnum = {tool.slug: docnum for docnum, tool in enumerate(ordered)}
        self._language_docs = {code: [d for d, t in enumerate(ordered) if code in t.languages]
                               for code in {code for tool in ordered for code in tool.languages}}
        schema = self._index.schema
        self._parser = MultifieldParser(list(TEXT_WEIGHTS), schema, fieldboosts=TEXT_WEIGHTS, group=OrGroup,
                                        plugins=[PhrasePlugin()])
        self._field_parsers = {name: MultifieldParser(list(fields), schema, group=OrGroup, plugins=[PhrasePlugin()])
                               for name, fields in TEXT_FIELD_SYNTAX.items() if fields != ("where",)}
        # Place and language names (1.3 s of Babel data) load in the background: a first page needs none.
        threading.Thread(target=lambda: self._concepts, daemon=True, name="search-concepts").start()
        self._values = _facet_value_lookup()
        self._fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        self._cache: dict[str, dict[int, float]] = {}  # remembered, as the index never changes under us:
        self._known: dict[str, bool] = {}  # Whoosh's results by query, words in the index, parsed queries
        self._parsed: dict[str, wq.Query] = {}
        # Meaning: stored vectors of the entries, by document number; the model loads on first use.
        self._model = model or semantic.Model()
        stored = semantic.load_vectors() if vectors is None else vectors
        keys = [semantic.vector_key(tool) for tool in ordered]
        self._has_vector = np.array([key in stored for key in keys], dtype=bool)
        blank = np.zeros_like(next(iter(stored.values()), np.zeros(384, np.float32)))
        self._vectors = np.stack([stored.get(key, blank) for key in keys]) if ordered else blank[None, :0]
        missing = int((~self._has_vector).sum())
        if 0 < missing < len(ordered):
            self.notice = self.notice or (f"{missing} entries have no stored meaning vector yet (run "
                                          "`python -m search embed`); they are found by their words.")

    def _documents(self, tools: Sequence[Tool]) -> list[Tool]:
        """The tools in index order (document number = list position); the index must hold exactly them."""
        reader, by_slug = self._searcher.reader(), {tool.slug: tool for tool in tools}
        ordered = [by_slug[reader.stored_fields(docnum)["slug"]] for docnum in range(reader.doc_count_all())]
        if len({tool.slug for tool in ordered}) != len(by_slug):
            raise ValueError(f"the index holds {len(ordered)} documents for {len(by_slug)} tools")
        return ordered

    # -- construction ------------------------------------------------------------------------------
    @classmethod
    def build(cls, tools: Sequence[Tool], index_dir: str | Path | None = None, **meaning) -> SearchEngine:
        """A fresh index: in memory (index_dir None), or written to index_dir and published atomically."""
        tools = _unique(tools)
        schema = build_schema()
        if index_dir is None:
            return cls(build_in_memory(tools, schema), tools, **meaning)
        return cls(build_on_disk(tools, schema, Path(index_dir), index_key(tools, schema)), tools, **meaning)

    @classmethod
    def open_or_build(cls, tools: Sequence[Tool], index_dir: str | Path | None, **meaning) -> SearchEngine:
        """Reuse the on-disk index when its data + schema key matches, else (re)build it; `index_dir=None`:
        in memory. `meaning` may pass `model` (a semantic.Model) and `vectors` (key -> vector)."""
        if index_dir is None:
            return cls.build(tools, **meaning)
        tools, schema = _unique(tools), build_schema()
        key = index_key(tools, schema)
        existing = open_existing(Path(index_dir), key)
        if existing is not None:
            index, location = existing
            try:
                return cls(Opened(index, location, False, 0.0), tools, **meaning)
            except Exception as error:  # readable, but not these tools: damaged inside
                log.warning("search index at %s does not match the catalogue (%s); rebuilding", location, error)
                discard(location)
        return cls(build_on_disk(tools, schema, Path(index_dir), key), tools, **meaning)

    tool_count = property(lambda self: self._docs.size)
    size_bytes = property(lambda self: index_size(self.location))

    def close(self) -> None:
        with self._lock:
            self._searcher.close()

    # -- search ------------------------------------------------------------------------------------
    def search(self, query: str = "", filters: dict[str, list[str]] | None = None,
               years: tuple[int, int] | None = None, sort: str = "relevance", limit: int = 20,
               offset: int = 0) -> SearchResult:
        """Ranked hits, facet counts, suggestion and messages. Never raises on user input."""
        messages: list[str] = []
        filters = _clean_filters(filters)
        years = _clean_years(years, messages)
        if sort not in SORTS:
            messages.append(Notice(N_("Unknown sort {sort!r}: sorted by relevance."), sort=str(sort)[:40]))
            sort = "relevance"
        limit = _clamp(limit, 20, 0, MAX_LIMIT)
        offset = _clamp(offset, 0, 0, 10 ** 9)
        try:
            with self._lock:
                return self._search(query, filters, years, sort, limit, offset, messages)
        except Exception:
            log.exception("search failed for %r", query)
            return SearchResult(query=str(query)[:MAX_QUERY_CHARS], total=0, hits=[],
                                facets={facet.key: {} for facet in FACETS}, message=FAILED_MESSAGE,
                                notices=(Notice(FAILED_MESSAGE),))

    def _search(self, query, filters, years, sort, limit, offset, messages) -> SearchResult:
        parsed = parse_query(query)
        messages[:0] = parsed.messages
        docs = self._docs
        required, excluded = docs.all, 0
        # Units: query, weight, extra score by docnum (places, languages), query of other wordings.
        units: list[tuple[wq.Query, float, dict[int, float], wq.Query | None]] = []
        words: list[Clause] = []
        terms: list[tuple[str, ...]] = []  # the wordings to highlight, as stems
        semantic_text: list[str] = []
        for clause in parsed.clauses:
            if clause.kind == "field":
                found = self._field_docs(clause, messages)
                if found is not None and clause.negated:
                    excluded |= found
                elif found is not None:
                    required &= found
            elif clause.negated:
                if stems_of(clause.text):
                    excluded |= mask_of(self._run(self._parse(clause.text)), docs.size)
            elif clause.kind == "phrase" and stems_of(clause.text):
                units.append((self._parse(clause.text), 1.0, {}, None))
                terms.append(stems_of(clause.text))
                semantic_text.append(clause.text)
            else:
                words.append(clause)
                semantic_text.append(clause.text)
        meaning = self._meaning.submit(self._model.query, " ".join(semantic_text)) \
            if semantic_text and self._has_vector.any() else None  # embeds while Whoosh works (ctypes frees the GIL)
        place: dict[int, float] = {}  # factor of the tools deployed in a place named
        suggestion = self._word_units(words, units, terms, parsed.text, place)

        scores: dict[int, float] = {}
        if units:
            matched_units: dict[int, float] = {}
            total_weight = sum(unit[1] for unit in units)
            for q, weight, bonus, synonyms in units:
                unit_scores = dict(self._run(q))
                if synonyms is not None:  # other wordings: their best counts less than the best typed one
                    other = self._run(synonyms)
                    top = max(other.values(), default=0.0) or 1.0
                    scale = SYNONYM_WEIGHT * min(1.0, max(unit_scores.values(), default=top) / top)
                    for docnum, score in other.items():
                        unit_scores[docnum] = max(unit_scores.get(docnum, 0.0), score * scale)
                for docnum in unit_scores.keys() | bonus.keys():
                    scores[docnum] = scores.get(docnum, 0.0) + unit_scores.get(docnum, 0.0) + bonus.get(docnum, 0.0)
                    matched_units[docnum] = matched_units.get(docnum, 0.0) + weight
            scores = {d: s * (matched_units[d] / total_weight) ** COVERAGE_POWER * place.get(d, 1.0)
                      for d, s in scores.items()}
            scores = self._fuse(scores, meaning.result() if meaning else None, len(units), messages)
            matched = mask_of(scores, docs.size)
        else:
            if words or semantic_text:
                messages.append(Notice(N_("The query has only very common words: showing every tool.")))
            matched = docs.all
        matched &= required & ~excluded & docs.all

        facet_masks = docs.facet_masks(filters)
        final = matched & docs.years_mask(years)
        counts = docs.counts(final, facet_masks)
        for mask in facet_masks.values():
            final &= mask
        if sort == "relevance" and scores:
            order = sorted(scores, key=docs.name_rank.__getitem__)  # ties by name (the sorts are stable)
            order.sort(key=scores.__getitem__, reverse=True)
        else:
            order = {"name": docs.by_name, "relevance": docs.by_name, "launched": docs.by_launched,
                     "last_verified": docs.by_last_verified, "last_seen_active": docs.by_last_seen_active}[sort]
        docnums = docs.members(final, order)
        hits = [self._hit(d, scores.get(d, 0.0), terms) for d in docnums[offset:offset + limit]]
        return SearchResult(query=parsed.text, total=len(docnums), hits=hits, facets=counts,
                            suggestion=suggestion, message=" ".join(messages) or None, notices=tuple(messages),
                            slugs=[docs.tools[d].slug for d in docnums])

    def _word_units(self, words: list[Clause], units: list, terms: list, text: str, place: dict) -> str | None:
        """Plain words: names of places, languages and synonyms (longest first), else single words,
        corrected when they are in no language of the catalogue. Returns the suggestion, if any."""
        suggestion = text
        typed: list[str] = []
        for clause in words:
            fix = self._corrector.correct(clause.text) if len(stems_of(clause.text)) == 1 else None
            if fix:  # a word in no language of the catalogue: read as the known word it is closest to
                suggestion = re.sub(r"(?<!\w)" + re.escape(clause.raw or clause.text) + r"(?!\w)", _literal(fix),
                                    suggestion, count=1, flags=re.IGNORECASE)
            typed.append(fix or clause.text)
        # Stems, and which word each comes from ("1-833-900" gives three stems).
        stems = [stem for word in typed for stem in stems_of(word)]
        owner = [index for index, word in enumerate(typed) for _ in stems_of(word)]
        raws = [typed[i] for i in owner]
        optional = synonym_data()["optional"]
        position = 0
        while position < len(stems):
            length = longest_concept(stems, position, self._concepts)
            if length:
                span = stems[position:position + length]
                joined = " ".join(dict.fromkeys(raws[position:position + length]))
                concept = self._concepts[tuple(span)]
                others = [self._parse(wording) for wording in concept.synonyms  # new matches only
                          if not (len(span) == 1 and span[0] in stems_of(wording)) and self._indexed(wording)]
                terms.extend(stems_of(wording) for wording in concept.synonyms)
                # Tools deployed in the place (their whole score multiplied) or offered in the language,
                # then global tools.
                bonus = dict.fromkeys(self._docs.value_docs["country"].get("global", ()) if concept.places else (),
                                      PLACE_SCORE * GLOBAL_SHARE)
                for d in (d for code in concept.places for d in self._docs.value_docs["country"].get(code, ())):
                    bonus[d] = PLACE_SCORE
                    place[d] = PLACE_FACTOR
                for d in self._docs.value_docs["country"].get("global", ()) if concept.places else ():
                    place[d] = 1 + (PLACE_FACTOR - 1) * GLOBAL_SHARE
                for code in concept.languages:
                    for d in self._language_docs.get(code, ()):
                        bonus[d] = bonus.get(d, 0.0) + LANGUAGE_SCORE
                terms.append(tuple(span))
                units.append((self._parse(joined), 1.0, bonus, wq.Or(others) if others else None))
                position += length
                continue
            raw = raws[position]
            terms.append(stems_of(raw))
            units.append((self._parse(raw), OPTIONAL_WEIGHT if fold(raw) in optional else 1.0, {}, None))
            position += 1
            while position < len(stems) and owner[position] == owner[position - 1]:
                position += 1  # the other stems of the same word: in the phrase already
        return suggestion if suggestion.strip().lower() != text.strip().lower() else None

    def _fuse(self, keyword: dict[int, float], vector, size: int, messages: list[str]) -> dict[int, float]:
        """Reciprocal-rank fusion of the keyword scores with the ranking by meaning (which counts
        less for a one-word query: an acronym or a name is better matched by its letters)."""
        if not self._has_vector.any():
            return keyword
        if vector is None:
            messages.append(Notice(semantic.UNAVAILABLE))
            return keyword
        similarity = self._vectors @ vector
        similarity[~self._has_vector] = -1.0
        by_meaning = np.argsort(-similarity, kind="stable")
        best = float(similarity[by_meaning[0]])
        weight = MEANING_WEIGHT * (MEANING_SHORT if size == 1 else 1.0)
        fused = {d: 1.0 / (RRF_K + rank) for rank, d in enumerate(sorted(keyword, key=keyword.__getitem__,
                                                                      reverse=True), start=1)}
        for rank, d in enumerate(by_meaning.tolist(), start=1):
            if d in fused:
                fused[d] += weight / (RRF_K + rank)
            elif rank <= MEANING_EXTRA and similarity[d] >= best - MEANING_MARGIN:
                fused[d] = MEANING_ONLY * weight / (RRF_K + rank)
        return {d: round(s * 1000, 4) for d, s in fused.items()}

    def _indexed(self, text: str) -> bool:  # else its phrase cannot match
        if text not in self._known:
            reader = self._searcher.reader()
            self._known[text] = all(any(reader.doc_frequency(name, stem) for name in TEXT_WEIGHTS)
                                    for stem in stems_of(text))
        return self._known[text]

    def _parse(self, text: str) -> wq.Query:  # one word or a phrase, by the MultifieldParser
        found = self._parsed.get(text)
        if found is None:
            if len(self._parsed) > 5000:
                self._parsed.clear()
            found = self._parsed[text] = self._parser.parse(_quoted(text))
        return found

    def _run(self, q: wq.Query) -> dict[int, float]:  # Whoosh's scores of the documents matching q
        key = repr(q)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > 2000:
                self._cache.clear()
            found = self._cache[key] = {}
            matcher = q.normalize().matcher(self._searcher)  # all matches: no collector, no sorting
            while matcher.is_active():
                found[matcher.id()] = matcher.score()
                matcher.next()
        return found

    def _field_docs(self, clause: Clause, messages: list[str]) -> int | None:
        """The tools a `field:value` clause means, as a mask; None (with a message) if it means nothing."""
        name, docs = clause.field, self._docs
        if name in self._field_parsers:
            return mask_of(self._run(self._field_parsers[name].parse(_quoted(clause.text))), docs.size)
        if name in ("place", "places"):
            codes = getattr(self._concepts.get(stems_of(clause.text)), "places", None)
            if not codes:
                messages.append(Notice(N_("{field}: no place {value!r}; ignored."), field=name, value=clause.text))
                return None
            return mask_of((d for code in codes for d in docs.value_docs["country"].get(code, ())), docs.size)
        if name == "launched":
            found = YEAR_RANGE.match(clause.text.strip())
            if found:
                low, high = int(found.group(1)), int(found.group(2) or found.group(1))
                return docs.years_mask((min(low, high), max(low, high)))
            messages.append(Notice(N_("{field}: needs a year or a range such as 2015-2020; ignored."),
                                   field=clause.field))
            return None
        if name == "global":
            value = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}.get(
                clause.text.lower())
            if value is not None:
                return mask_of((d for d, tool in enumerate(docs.tools) if tool.is_global == value), docs.size)
            messages.append(Notice(N_("global: needs yes or no; ignored.")))
            return None
        values = self._values.get(name, {}).get(_key(clause.text))
        if not values:
            messages.append(Notice(N_("{field}: no value {value!r}; ignored."), field=name, value=clause.text))
            return None
        return docs.facet_masks({name: values}).get(name, 0)

    def _hit(self, docnum: int, score: float, terms: list[tuple[str, ...]]) -> Hit:
        tool = self._docs.tools[docnum]
        return Hit(slug=tool.slug, name=plain(tool.name), score=round(score, 4),
                   snippet=self._snippet(plain(tool.summary), plain(tool.description), terms))

    def _snippet(self, summary: str, description: str, terms: list[tuple[str, ...]]) -> str:
        """The summary, or the part of the description with more of the matched words, marked by
        Whoosh's highlighter (phrase-aware: "help line" is marked only where the two words meet)."""
        singles = {t[0] for t in terms if len(t) == 1}
        phrases = [wq.Phrase("text", list(t)) for t in set(terms) if len(t) > 1]
        wanted = singles | {stem for t in terms for stem in t}
        best, best_count = _cut(summary), 0
        for text in (summary, description) if terms else ():
            found = len({stem for stem, _, _ in _token_list(text)} & wanted)
            if found > best_count:
                tokens = highlight.set_matched_filter_phrases(_tokens(text), text, [wq.Term("text", s) for s in
                                                              singles], phrases) if phrases else \
                    highlight.set_matched_filter(_tokens(text), frozenset(singles))
                fragmenter = self._fragmenter if len(text) > SNIPPET_CHARS else highlight.WholeFragmenter()
                fragments = highlight.top_fragments(fragmenter.fragment_tokens(text, tokens), 1,
                                                    highlight.BasicFragmentScorer(), highlight.FIRST, 1)
                marked = Guillemets()(text, fragments)
                best, best_count = marked or best, found
        return best

    # -- related tools -----------------------------------------------------------------------------
    def related(self, slug: str, limit: int = 5) -> list[Hit]:
        """The tools most like `slug`: close in meaning, sharing key words and facet values."""
        docnum = self._docnum.get(slug) if isinstance(slug, str) else None
        limit = _clamp(limit, 5, 0, MAX_LIMIT)
        if docnum is None or limit == 0:
            return []
        try:
            with self._lock:
                return self._related(docnum, limit)
        except Exception:
            log.exception("related failed for %r", slug)
            return []

    def _related(self, docnum: int, limit: int) -> list[Hit]:
        docs = self._docs
        tool = docs.tools[docnum]
        scores: dict[int, float] = {}
        for key, weight in RELATED_FACETS.items():  # shared values, rarer ones counting more
            for value in FACET_BY_KEY[key].values_of(tool):
                members = docs.value_docs[key].get(value, ())
                for other in members:
                    scores[other] = scores.get(other, 0.0) + weight * float(np.log(1 + docs.size / len(members)))
        if self._has_vector[docnum]:  # and closeness in meaning
            for other in np.flatnonzero(self._has_vector).tolist():
                scores[other] = scores.get(other, 0.0) + RELATED_MEANING_WEIGHT * float(
                    self._vectors[other] @ self._vectors[docnum])
        else:  # or, without a vector, the key words of its text
            text = plain(f"{tool.name}\n{tool.summary}\n{tool.description}")
            terms = self._searcher.key_terms_from_text("description", text, numterms=12)
            for other, score in self._run(wq.Or([wq.Term("description", t, boost=w) for t, w in terms])).items():
                scores[other] = scores.get(other, 0.0) + score
        scores.pop(docnum, None)
        order = sorted(scores, key=lambda d: (-scores[d], docs.name_rank[d]))[:limit]
        return [Hit(slug=docs.tools[d].slug, name=plain(docs.tools[d].name), score=round(scores[d], 4),
                    snippet=_cut(plain(docs.tools[d].summary))) for d in order]


@lru_cache(maxsize=4096)
def _token_list(text: str) -> tuple[tuple[str, int, int], ...]:
    """An entry text's tokens, remembered: highlighting reads the same texts again and again."""
    return tuple((t.text, t.startchar, t.endchar) for t in text_analyzer()(text, chars=True))


def _tokens(text: str, **kwargs):
    """The text analyzer, as Whoosh's highlighter calls it, from the remembered tokens."""
    token = highlight.Token(chars=True, positions=False)
    for token.text, token.startchar, token.endchar in _token_list(text):
        token.stopped, token.boost = False, 1.0
        yield token


def plain(text: str) -> str:
    """Entry text made safe for the marker convention: guillemets in the text become quotes."""
    return " ".join(clean_text(text).replace("\u00ab", '"').replace("\u00bb", '"').split())


def _cut(text: str, chars: int = SNIPPET_CHARS) -> str:
    if len(text) <= chars:
        return text
    space = text.rfind(" ", 0, chars)
    return text[:space if space > 0 else chars] + "\u2026"


def _literal(text: str):
    """A re.sub replacement that inserts `text` as it is (a string replacement would read its backslashes)."""
    return lambda _match: text


def _quoted(text: str) -> str:
    """Text for the parser: one word, or a phrase in quotes; no other syntax can get through."""
    words = re.findall(r"[^\W_]+", text)
    return words[0] if len(words) == 1 else '"' + " ".join(words) + '"'


def _unique(tools: Sequence[Tool]) -> list[Tool]:
    """First tool per slug: an index key must be unique."""
    seen: dict[str, Tool] = {}
    for tool in tools:
        seen.setdefault(tool.slug, tool)
    return list(seen.values())


def _clamp(value: object, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(cast(Any, value))))  # anything int() takes; the rest is the default
    except (TypeError, ValueError, OverflowError):
        return default


def _clean_filters(filters: object) -> dict[str, list[str]]:
    """Known facet keys only; any value shape becomes a list of strings."""
    clean: dict[str, list[str]] = {}
    for key, values in (filters.items() if isinstance(filters, dict) else ()):
        if key not in FACET_BY_KEY or values is None:
            continue
        try:
            items = [str(v) for v in ([values] if isinstance(values, (str, bytes, int, bool)) else values)]
        except TypeError:
            continue
        if key == "open_source":
            items = [{"true": "yes", "false": "no", "True": "yes", "False": "no"}.get(v, v) for v in items]
        if items:
            clean[key] = items
    return clean


def _clean_years(years: object, messages: list[str]) -> tuple[int, int] | None:
    if years is None:
        return None
    try:
        low, high = (int(y) for y in cast(Iterable[Any], years))  # anything else: the TypeError below
    except (TypeError, ValueError, OverflowError):
        messages.append(Notice(N_("The launch-year range was not understood and was ignored.")))
        return None
    return min(low, high), max(low, high)


def _key(text: str) -> str:
    """How facet values are compared: folded, with spaces, hyphens and underscores alike."""
    return re.sub(r"[\s_\-]+", " ", fold(clean_text(text))).strip()


def _facet_value_lookup() -> dict[str, dict[str, list[str]]]:
    """facet key -> typed value (key, label or country name, folded) -> facet values it means."""
    taxonomy = load_taxonomy()
    places = place_names()
    lookup: dict[str, dict[str, list[str]]] = {}
    for key, facet in FACET_BY_KEY.items():
        names: dict[str, list[str]] = {}
        for value in facet.all_values():
            names.setdefault(_key(value), []).append(value)
            if facet.vocabulary:
                names.setdefault(_key(taxonomy.label(facet.vocabulary, value)), []).append(value)
        if key == "country":
            for name, codes in places.items():
                if len(codes) == 1:
                    names.setdefault(_key(name), []).extend(codes)
        if key == "open_source":
            for typed, value in (("true", "yes"), ("1", "yes"), ("false", "no"), ("0", "no")):
                names.setdefault(typed, []).append(value)
        lookup[key] = {name: list(dict.fromkeys(values)) for name, values in names.items()}
    return lookup
