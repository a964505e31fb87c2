"""SearchEngine: the catalogue's full-text search, facet counts and related tools (the public API)."""
from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import query as wq

from catalogue.facets import FACET_BY_KEY, FACETS
from catalogue.model import Tool
from search.analysis import SynonymMatcher, synonym_table
from search.docset import DocTable, mask_of
from search.plan import Planner
from search.query import parse_query
from search.schema import SCORED_FACETS, TEXT_WEIGHTS, build_schema, spelling_texts
from search.scoring import FastBM25F, SumOr, evaluate, field_lengths
from search.snippets import WordFinder, plain, snippet
from search.spelling import Lexicon
from search.store import (
    Opened,
    build_in_memory,
    build_on_disk,
    discard,
    index_key,
    index_size,
    open_existing,
)

log = logging.getLogger(__name__)

SORTS = ("relevance", "name", "launched", "last_verified", "last_seen_active")  # stable URL values
MAX_LIMIT = 1000
RELAXED_MESSAGE = "No tool has all the words; showing tools with any of them."
FAILED_MESSAGE = "Search failed on this query; please try other words."

# Facets that make two tools alike for "related tools", with how much a shared value counts
# (their keyword fields are the scored ones: search.schema.SCORED_FACETS).
RELATED_FACETS = {
    "primary_purpose": 2.0,
    "purpose": 1.0,
    "exploitation_type": 1.0,
    "technology": 0.8,
    "sector": 1.0,
    "target_user": 0.6,
    "m49_sub_region": 0.5,
    "country": 0.5,
}
RELATED_TEXT_FIELDS = {"name": 1.0, "summary": 1.5, "description": 1.0}
RELATED_KEY_TERMS = 12


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
    relaxed: bool = False
    slugs: list[str] = field(default_factory=list)  # every match, in order


class SearchEngine:
    """Built from catalogue Tools; answers `search` and `related`. Thread-safe (one search at a time)."""

    def __init__(self, opened: Opened, tools: Sequence[Tool]):
        self._index = opened.index
        self.location: Path | None = opened.location
        self.built = opened.built
        self.build_seconds = opened.build_seconds
        self.notice = opened.notice
        self._lock = threading.Lock()
        with self._index.reader() as probe:
            # Text fields, and the keyword fields related tools score.
            scored = list(TEXT_WEIGHTS) + sorted(SCORED_FACETS)
            lengths, averages = field_lengths(probe, scored)
        self._searcher = self._index.searcher(weighting=FastBM25F(lengths, averages))
        try:
            ordered = self._documents(tools)
        except Exception:
            self._searcher.close()
            raise
        reader = self._searcher.reader()
        self._docs = DocTable(ordered)
        self._docnum = {tool.slug: docnum for docnum, tool in enumerate(ordered)}
        self._slugs = [tool.slug for tool in ordered]
        self._analyzer = self._index.schema["summary"].analyzer
        self._plain: dict[int, tuple[str, str, str]] = {}  # docnum -> (name, summary, description), lazily
        table = synonym_table()
        lexicon = Lexicon("\n".join(spelling_texts(tool)) for tool in ordered)
        tokenizer = self._analyzer.items[0]
        self._find_spans = WordFinder(lexicon.frequency, tokenizer.stem_of, tokenizer.spans)
        self._is_gap = lambda text: not tokenizer.kept(text)  # only stop words or punctuation
        self._planner = Planner(reader, self._analyzer, lexicon, table, SynonymMatcher(table, self._analyzer),
                                self._docs.value_docs)

    def _documents(self, tools: Sequence[Tool]) -> list[Tool]:
        """The tools in index order (document number = list position); the index must hold exactly them."""
        reader = self._searcher.reader()
        by_slug = {tool.slug: tool for tool in tools}
        ordered: list[Tool] = []
        for docnum in range(reader.doc_count_all()):
            slug = reader.stored_fields(docnum).get("slug")
            if slug not in by_slug:
                raise ValueError(f"index document {docnum} ({slug!r}) is not in the catalogue")
            ordered.append(by_slug[slug])
        if len({tool.slug for tool in ordered}) != len(by_slug):
            raise ValueError(f"the index holds {len(ordered)} documents for {len(by_slug)} tools")
        return ordered

    # -- construction ------------------------------------------------------------------------------
    @classmethod
    def build(cls, tools: Sequence[Tool], index_dir: str | Path | None = None) -> SearchEngine:
        """A fresh index: in memory (index_dir None), or written to index_dir and published atomically."""
        tools = _unique(tools)
        schema = build_schema()
        if index_dir is None:
            return cls(build_in_memory(tools, schema), tools)
        return cls(build_on_disk(tools, schema, Path(index_dir), index_key(tools, schema)), tools)

    @classmethod
    def open_or_build(cls, tools: Sequence[Tool], index_dir: str | Path | None) -> SearchEngine:
        """Reuse the on-disk index when its data + schema key matches; otherwise (re)build it.

        `index_dir=None` keeps the index in memory, as `build` does.
        """
        if index_dir is None:
            return cls.build(tools)
        tools = _unique(tools)
        schema = build_schema()
        key = index_key(tools, schema)
        existing = open_existing(Path(index_dir), key)
        if existing is not None:
            index, location = existing
            try:
                return cls(Opened(index, location, False, 0.0), tools)
            except Exception as error:  # readable, but not these tools: damaged inside
                log.warning("search index at %s does not match the catalogue (%s); rebuilding", location, error)
                discard(location)
        return cls(build_on_disk(tools, schema, Path(index_dir), key), tools)

    @property
    def tool_count(self) -> int:
        return self._docs.size

    @property
    def size_bytes(self) -> int:
        return index_size(self.location)

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
            messages.append(f"Unknown sort {str(sort)[:40]!r}: sorted by relevance.")
            sort = "relevance"
        limit = _clamp(limit, 20, 0, MAX_LIMIT)
        offset = _clamp(offset, 0, 0, 10 ** 9)
        try:
            with self._lock:
                return self._search(query, filters, years, sort, limit, offset, messages)
        except Exception:
            log.exception("search failed for %r", query)
            return SearchResult(query=str(query)[:200], total=0, hits=[],
                                facets={facet.key: {} for facet in FACETS}, message=FAILED_MESSAGE)

    def _search(self, query, filters, years, sort, limit, offset, messages) -> SearchResult:
        parsed = parse_query(query)
        plan = self._planner.build(parsed)
        messages[:0] = plan.messages
        docs = self._docs
        facet_masks = docs.facet_masks(filters)
        restriction = docs.years_mask(years)
        for mask in facet_masks.values():
            restriction &= mask

        relaxed = False
        scores: dict[int, float] = {}
        if plan.strict is None:
            matched = docs.all
        else:
            scores = self._run(plan.strict)
            matched = mask_of(scores, docs.size)
            if not matched & restriction and plan.relaxed is not None:
                scores = self._run(plan.relaxed)
                matched = mask_of(scores, docs.size)
                relaxed = bool(matched & restriction)
                if relaxed:
                    messages.append(RELAXED_MESSAGE)
        final = matched & docs.years_mask(years)
        counts = docs.counts(final, facet_masks)
        final &= restriction

        if sort == "relevance" and scores:
            order = sorted(scores, key=docs.name_rank.__getitem__)  # ties by name (the sorts are stable)
            order.sort(key=scores.__getitem__, reverse=True)
        else:
            order = {"name": docs.by_name, "relevance": docs.by_name, "launched": docs.by_launched,
                     "last_verified": docs.by_last_verified, "last_seen_active": docs.by_last_seen_active}[sort]
        docnums = docs.members(final, order)
        hits = []
        for docnum in docnums[offset:offset + limit]:
            name, summary, description = self._texts(docnum)
            hits.append(Hit(slug=docs.tools[docnum].slug, name=name, score=round(scores.get(docnum, 0.0), 4),
                            snippet=snippet(summary, description, plan.stems, self._find_spans, plan.phrases,
                                            self._is_gap)))
        return SearchResult(
            query=parsed.text,
            total=len(docnums),
            hits=hits,
            facets=counts,
            suggestion=plan.suggestion,
            message=" ".join(messages) or None,
            relaxed=relaxed,
            slugs=[self._slugs[d] for d in docnums],
        )

    def _texts(self, docnum: int) -> tuple[str, str, str]:
        texts = self._plain.get(docnum)
        if texts is None:
            tool = self._docs.tools[docnum]
            texts = self._plain[docnum] = (plain(tool.name), plain(tool.summary), plain(tool.description))
        return texts

    def _run(self, q: wq.Query) -> dict[int, float]:
        return evaluate(q, self._searcher)

    # -- related tools -----------------------------------------------------------------------------
    def related(self, slug: str, limit: int = 5) -> list[Hit]:
        """The tools most like `slug`: shared key words of its text plus shared facet values."""
        docnum = self._docnum.get(slug) if isinstance(slug, str) else None
        limit = _clamp(limit, 5, 0, MAX_LIMIT)
        if docnum is None or limit == 0:
            return []
        tool = self._docs.tools[docnum]
        try:
            with self._lock:
                return self._related(tool, docnum, limit)
        except Exception:
            log.exception("related failed for %r", slug)
            return []

    def _related(self, tool: Tool, docnum: int, limit: int) -> list[Hit]:
        searcher = self._searcher
        text = f"{tool.name}\n{tool.summary}\n{tool.description}"
        key_terms = searcher.key_terms_from_text("description", plain(text), numterms=RELATED_KEY_TERMS)
        parts: list[wq.Query] = [
            wq.Term(name, term, boost=weight * field_weight)
            for term, weight in key_terms for name, field_weight in RELATED_TEXT_FIELDS.items()
        ]
        for key, weight in RELATED_FACETS.items():
            parts.extend(wq.Term(key, value.replace(",", " "), boost=weight)
                         for value in FACET_BY_KEY[key].values_of(tool))
        if not parts:
            return []
        results = searcher.search(SumOr(parts), limit=limit, mask={docnum})
        hits = []
        for score, other in results.top_n:
            name, summary, _ = self._texts(other)
            hits.append(Hit(slug=self._docs.tools[other].slug, name=name, score=round(float(score or 0.0), 4),
                            snippet=snippet(summary, "", set(), None)))
        return hits


def _unique(tools: Sequence[Tool]) -> list[Tool]:
    """First tool per slug: an index key must be unique."""
    seen: dict[str, Tool] = {}
    for tool in tools:
        seen.setdefault(tool.slug, tool)
    return list(seen.values())


def _clamp(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return default
    return max(low, min(high, number))


def _clean_filters(filters: object) -> dict[str, list[str]]:
    """Known facet keys only; any value shape becomes a list of strings."""
    if not isinstance(filters, dict):
        return {}
    clean: dict[str, list[str]] = {}
    for key, values in filters.items():
        if key not in FACET_BY_KEY or values is None:
            continue
        if isinstance(values, (str, bytes, int, bool)):
            values = [values]
        try:
            items = [v if isinstance(v, str) else str(v) for v in values]
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
        low, high = (int(y) for y in years)  # type: ignore[union-attr]
    except (TypeError, ValueError, OverflowError):
        messages.append("The launch-year range was not understood and was ignored.")
        return None
    return (low, high) if low <= high else (high, low)
