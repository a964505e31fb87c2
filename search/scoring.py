"""Scoring: BM25F across fields (FieldedTerm, FieldedPhrase), evaluated term-at-a-time.

Whoosh supplies the postings (read once and cached: the index never changes under an engine);
`evaluate` combines query parts in dictionaries. Besides better ranking (see _Fielded), this is
much faster than Whoosh's matcher trees, which step through documents one Python call at a time
and cost more than the scoring itself (profiled). Each query still offers a Whoosh matcher, and
SumOr scores like Whoosh's Or, FastBM25F like Whoosh's BM25F (tests compare them).
"""
from __future__ import annotations

import heapq
from collections.abc import Sequence
from math import log

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.scoring import BM25F, BM25FScorer

POSTINGS_CACHE = 500_000  # postings (document entries) kept in memory at most: some tens of MB
BONUS_DOCS = 200  # an optional (bonus) query part is scored for this many best documents only


class FastBM25F(BM25F):
    """BM25F whose scorers look field lengths up in lists prepared once per index."""

    def __init__(self, lengths: dict[str, Sequence[int]], averages: dict[str, float], **kwargs: float):
        super().__init__(**kwargs)
        self.lengths = lengths
        self.averages = averages
        # Postings read for BM25F queries, kept: the index never changes under an engine, and
        # decoding Whoosh's blocks was most of a query's time. Bounded by POSTINGS_CACHE entries.
        self.postings: dict[tuple, dict] = {}
        self._cached = 0

    def cached(self, key: tuple, read) -> dict:
        found = self.postings.get(key)
        if found is None:
            found = read()
            if self._cached + len(found) > POSTINGS_CACHE:
                self.postings.clear()
                self._cached = 0
            self.postings[key] = found
            self._cached += len(found) + 1
        return found

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        table = self.lengths.get(fieldname)
        if table is not None and isinstance(scorer, BM25FScorer):
            scorer.dfl = table.__getitem__
        return scorer


def field_lengths(reader, fieldnames: Sequence[str]) -> tuple[dict[str, list[int]], dict[str, float]]:
    """Per field: every document's length as Whoosh's scorer reads it, and the average length."""
    count = reader.doc_count_all()
    lengths: dict[str, list[int]] = {}
    averages: dict[str, float] = {}
    for name in fieldnames:
        if reader.schema[name].scorable:
            # Whoosh returns None for a document without the field; no posting ever asks for it.
            lengths[name] = [reader.doc_field_length(docnum, name, 1) or 0 for docnum in range(count)]
            averages[name] = (reader.field_length(name) / (count or 1)) or 1.0
    return lengths, averages


class _Fielded(wq.Query):
    """Base of the BM25F queries: words searched in several weighted fields, scored as one term.

    Whoosh's BM25F scores each field apart and the scores are added, so a common word present in
    a tool's name, summary, description and tags outweighs a rare word the user typed once. Here
    the field-weighted, length-normalised frequencies are added first and saturated once
    (Robertson and Zaragoza's BM25F), with one idf over the documents that match in any field.
    """

    def __init__(self, texts: Sequence[tuple[str, float]], fields: Sequence[tuple[str, float]],
                 boost: float = 1.0):
        self.texts = tuple(texts)
        self.fields = tuple(fields)
        self.boost = boost

    def __eq__(self, other: object) -> bool:
        return (type(self) is type(other) and self.texts == other.texts and self.fields == other.fields
                and self.boost == other.boost)

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.texts, self.fields, self.boost))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.texts!r}, {self.fields!r}, boost={self.boost:g})"

    def __str__(self) -> str:
        return f"{'|'.join(name for name, _ in self.fields)}:({' '.join(str(t) for t, _ in self.texts)})"

    def field(self) -> None:
        return None  # several fields

    def normalize(self):
        return self

    def estimate_size(self, ixreader) -> int:
        return ixreader.doc_count_all()

    def frequencies(self, reader, weighting: FastBM25F, name: str, text,
                    within: set[int] | None = None) -> dict[int, float]:
        """Document -> how often `text` occurs in field `name` (a subclass defines what text is);
        `within` may limit the documents looked at."""
        raise NotImplementedError

    def normalised(self, searcher, weighting: FastBM25F, text, within: set[int] | None = None) -> dict[int, float]:
        """Document -> the field-weighted, length-normalised frequency of one text over the fields
        (cached: it depends on the index only). With `within`, only those documents are looked at
        (and nothing is cached) unless the whole answer is cached already."""
        key = (type(self).__name__, text, self.fields)
        if within is not None and key not in weighting.postings:
            return self._normalised(searcher.reader(), weighting, text, within)
        found = weighting.cached(key, lambda: self._normalised(searcher.reader(), weighting, text, None))
        return found if within is None else {d: tf for d, tf in found.items() if d in within}

    def _normalised(self, reader, weighting: FastBM25F, text, within: set[int] | None) -> dict[int, float]:
        b = weighting.B
        found: dict[int, float] = {}
        for name, field_weight in self.fields:
            lengths = weighting.lengths[name]
            average = weighting.averages[name]
            for docnum, frequency in self.frequencies(reader, weighting, name, text, within).items():
                tf = field_weight * frequency / ((1 - b) + b * lengths[docnum] / average)
                found[docnum] = found.get(docnum, 0.0) + tf
        return found

    def scores(self, searcher, within: set[int] | None = None) -> dict[int, float]:
        weighting = searcher.weighting
        if not isinstance(weighting, FastBM25F):
            raise TypeError(f"{type(self).__name__} needs a searcher with FastBM25F weighting")
        k1 = weighting.K1
        if len(self.texts) == 1:
            text, text_weight = self.texts[0]
            pseudo_tf = weighted = self.normalised(searcher, weighting, text, within)
            share = text_weight
        else:
            pseudo_tf, weighted = {}, {}  # the second with each text weighted too
            for text, text_weight in self.texts:
                for docnum, tf in self.normalised(searcher, weighting, text, within).items():
                    pseudo_tf[docnum] = pseudo_tf.get(docnum, 0.0) + tf
                    weighted[docnum] = weighted.get(docnum, 0.0) + text_weight * tf
            share = 1.0
        if not pseudo_tf:
            return {}
        idf = log(searcher.reader().doc_count_all() / (len(pseudo_tf) + 1)) + 1
        factor = self.boost * idf * (k1 + 1) * share
        # Saturation measures how much a tool is about the idea; the weighted share, how directly
        # it says it (the word typed: 1, a synonym: less), applied after saturation so it still tells.
        return {d: factor * weighted[d] / (tf + k1) for d, tf in pseudo_tf.items()}

    def matcher(self, searcher, context=None):
        return _list_matcher(self.scores(searcher))


class FieldedTerm(_Fielded):
    """Words (a typed word with its weighted synonyms or corrections) as one BM25F term: their
    frequencies add up, and the idf is that of the idea, so a rare synonym does not outrank the
    word typed, and a tool saying it both ways ranks above one saying it once."""

    def has_terms(self) -> bool:
        return True

    def terms(self, phrases: bool = False):
        for text, _ in self.texts:
            for name, _ in self.fields:
                yield (name, text)

    def frequencies(self, reader, weighting: FastBM25F, name: str, text: str,
                    within: set[int] | None = None) -> dict[int, float]:
        if (name, text) not in reader:
            return {}
        postings = reader.postings(name, text)
        found = {}
        while postings.is_active():
            found[postings.id()] = postings.weight()
            postings.next()
        return found if within is None else {d: w for d, w in found.items() if d in within}


class FieldedPhrase(_Fielded):
    """Exact phrases (tuples of stems, adjacent in this order) as one BM25F term; a phrase counts
    once per occurrence. Matched from the words' position lists, rarest word first."""

    def frequencies(self, reader, weighting: FastBM25F, name: str, words: tuple[str, ...],
                    within: set[int] | None = None) -> dict[int, float]:
        field = reader.schema[name]
        if not field.format or not field.format.supports("positions"):
            return {}
        order = []
        for index, word in enumerate(words):
            if (name, word) not in reader:
                return {}
            order.append((reader.doc_frequency(name, word), index, word))
        order.sort()
        candidates: dict[int, set[int]] | None = None
        for _, index, word in order:
            key = ("positions", name, word)
            if within is not None and key not in weighting.postings:
                # A bonus phrase for documents already found: decode only their positions.
                positions = _positions(reader, name, word, sorted(candidates if candidates is not None else within))
            else:
                positions = weighting.cached(key, lambda word=word: _positions(reader, name, word))
            if candidates is None:
                candidates = {d: {p - index for p in found} for d, found in positions.items()
                              if within is None or d in within}
            else:
                candidates = {d: starts for d, starts in
                              ((d, s & {p - index for p in positions[d]}) for d, s in candidates.items()
                               if d in positions) if starts}
            if not candidates:
                return {}
        return {docnum: float(len(starts)) for docnum, starts in (candidates or {}).items()}


def _positions(reader, name: str, word: str, only: list[int] | None = None) -> dict[int, tuple[int, ...]]:
    """Document -> positions of `word` in field `name`: every document, or only those listed (sorted)."""
    postings = reader.postings(name, word)
    found = {}
    if only is None:
        while postings.is_active():
            found[postings.id()] = tuple(postings.value_as("positions"))
            postings.next()
        return found
    for docnum in only:
        if not postings.is_active():
            break
        if postings.id() < docnum:
            postings.skip_to(docnum)
        if postings.is_active() and postings.id() == docnum:
            found[docnum] = tuple(postings.value_as("positions"))
    return found


class TagQuery(wq.Query):
    """Tools tagged with any of some facet values, each tag scoring weight x idf (as a term found
    once would): how a word of a vocabulary definition finds the tools with that tag. Matched from
    the document lists the engine already holds, not from the index."""

    def __init__(self, tags: Sequence[tuple[str, str, float]], docs: dict[str, dict[str, list[int]]],
                 boost: float = 1.0):
        self.tags = tuple(tags)
        self.docs = docs
        self.boost = boost

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.tags == other.tags and self.boost == other.boost

    def __hash__(self) -> int:
        return hash((self.tags, self.boost))

    def __repr__(self) -> str:
        return f"TagQuery({self.tags!r})"

    def __str__(self) -> str:
        return "tags:(" + " ".join(f"{key}={value}" for key, value, _ in self.tags) + ")"

    def field(self) -> None:
        return None

    def normalize(self):
        return self

    def estimate_size(self, ixreader) -> int:
        return ixreader.doc_count_all()

    def scores(self, searcher, within: set[int] | None = None) -> dict[int, float]:
        count = searcher.reader().doc_count_all()
        scores: dict[int, float] = {}
        for key, value, weight in self.tags:
            docs = self.docs.get(key, {}).get(value, ())
            if not docs:
                continue
            score = self.boost * weight * (log(count / (len(docs) + 1)) + 1)
            for docnum in docs:
                scores[docnum] = scores.get(docnum, 0.0) + score
        return scores

    def matcher(self, searcher, context=None):
        return _list_matcher(self.scores(searcher))


class SumOr(wq.Or):
    """Any of the subqueries; a document's score is the sum of theirs (several fields of one word).

    Matched term-at-a-time into a list: Whoosh's union tree cost more than the scoring itself
    here, and its array matcher zero-fills 2,048 slots however small the index. Same matches and
    scores as Whoosh's Or (a test compares them).
    """

    tiebreak = 1.0  # share of the non-best subquery scores added to the best one

    def scores(self, searcher, within: set[int] | None = None) -> dict[int, float]:
        parts = [part for part in (evaluate(query, searcher, within) for query in self.subqueries) if part]
        if not parts:
            return {}
        if len(parts) == 1:
            found = parts[0]
        else:
            # Copy the largest part (C speed), then walk only the others' documents.
            parts.sort(key=len, reverse=True)
            if self.tiebreak == 1.0:
                found = dict(parts[0])
                for part in parts[1:]:
                    for docnum, score in part.items():
                        found[docnum] = found.get(docnum, 0.0) + score
            else:
                best, total = dict(parts[0]), dict(parts[0])
                for part in parts[1:]:
                    for docnum, score in part.items():
                        total[docnum] = total.get(docnum, 0.0) + score
                        if score > best.get(docnum, 0.0):
                            best[docnum] = score
                tiebreak = self.tiebreak
                found = {d: b + tiebreak * (total[d] - b) for d, b in best.items()} if tiebreak else best
        return {d: self.boost * s for d, s in found.items()} if self.boost != 1.0 else found

    def matcher(self, searcher, context=None):
        return _list_matcher(self.scores(searcher))


class MaxOr(SumOr):
    """Any of the subqueries; a document's score is the best one plus a tenth of the others
    (alternatives for one idea: synonyms, corrections, so three synonyms do not outweigh a typed word)."""

    tiebreak = 0.1


def _list_matcher(scores: dict[int, float]):
    if not scores:
        return NullMatcher()
    ids = sorted(scores)
    return ListMatcher(ids, [scores[d] for d in ids])


def evaluate(query, searcher, within: set[int] | None = None) -> dict[int, float]:
    """Document -> score for a query, combining parts in Python dictionaries: And intersects,
    AndNot removes, AndMaybe adds where present. Whoosh's matcher trees step document by document
    through Python calls, which at 10,000 documents cost more than everything else; a query part
    this module does not know (a facet Term, a year range) is run by Whoosh. `within`, when given,
    says only those documents matter: parts may skip the others (a ranking bonus does)."""
    if query is wq.NullQuery:
        return {}
    own = getattr(query, "scores", None)
    if own is not None:
        return own(searcher, within)
    boost = getattr(query, "boost", 1.0)
    if isinstance(query, wq.And):
        parts = sorted((evaluate(q, searcher, within) for q in query.subqueries), key=len)
        if not parts or not parts[0]:
            return {}
        found = dict(parts[0])
        for part in parts[1:]:
            found = {d: s + part[d] for d, s in found.items() if d in part}
            if not found:
                return {}
    elif isinstance(query, wq.AndNot):
        found = dict(evaluate(query.a, searcher, within))
        for docnum in (evaluate(query.b, searcher, set(found)) if found else ()):
            found.pop(docnum, None)
    elif isinstance(query, wq.AndMaybe):
        found = dict(evaluate(query.a, searcher, within))
        # The optional part only reorders: work it out for the best-scoring documents alone
        # (decoding phrase positions for thousands of documents was most of a cold query's time).
        best = set(found) if len(found) <= BONUS_DOCS else set(heapq.nlargest(BONUS_DOCS, found, key=found.__getitem__))
        for docnum, score in (evaluate(query.b, searcher, best).items() if found else ()):
            if docnum in found:
                found[docnum] += score
    elif isinstance(query, wq.Or):
        return SumOr(list(query.subqueries), boost=boost).scores(searcher, within)
    else:
        return {docnum: float(score or 0.0) for score, docnum in searcher.search(query, limit=None).top_n}
    return {d: boost * s for d, s in found.items()} if boost != 1.0 else found
