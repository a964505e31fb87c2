"""Two speed-ups of stock Whoosh scoring that keep its results (tests compare them with stock Whoosh).

Profiling showed a query's time going to per-posting overhead rather than to ranking itself:
field lengths read through Whoosh's column files for every posting, and an "array" Or matcher
that zero-fills 2,048 slots however small the index.
"""
from __future__ import annotations

from collections.abc import Sequence

from whoosh import query as wq
from whoosh.matching import ArrayUnionMatcher, ListMatcher, NullMatcher
from whoosh.scoring import BM25F, BM25FScorer

ARRAY_PART = 2048  # Whoosh's own block size for the array matcher


class FastBM25F(BM25F):
    """BM25F whose scorers look field lengths up in lists prepared once per index."""

    def __init__(self, lengths: dict[str, Sequence[int]], **kwargs: float):
        super().__init__(**kwargs)
        self.lengths = lengths

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        table = self.lengths.get(fieldname)
        if table is not None and isinstance(scorer, BM25FScorer):
            scorer.dfl = table.__getitem__
        return scorer


def field_lengths(reader, fieldnames: Sequence[str]) -> dict[str, list[int]]:
    """Per field, the length of every document, as Whoosh's scorer reads it (1 when absent)."""
    count = reader.doc_count_all()
    return {name: [reader.doc_field_length(docnum, name, 1) for docnum in range(count)]
            for name in fieldnames if reader.schema[name].scorable}


class UnionOr(wq.Or):
    """Or that adds up its children's scores in an array, sized to the index (Whoosh's array
    matcher, minus zero-filling 2,048 slots for a 200-document index). Same matches, same scores."""

    def _matcher(self, subs, searcher, context):
        scored = context.weighting is not None if context else True
        matchers = [sub.matcher(searcher, context) for sub in subs]
        count = searcher.doc_count_all()
        return ArrayUnionMatcher(matchers, count, boost=self.boost, scored=scored,
                                 partsize=max(1, min(count, ARRAY_PART)))


class FastPhrase(wq.Phrase):
    """An exact phrase (slop 1), matched from the words' position lists in one pass.

    Same documents and scores as Whoosh's Phrase, whose score is the sum of its words' scores,
    without the span-matcher machinery that made each phrase cost a millisecond here.
    """

    def matcher(self, searcher, context=None):
        if not self.words:
            return NullMatcher()
        if self.slop != 1 or len(self.words) < 2:
            return super().matcher(searcher, context)
        reader = searcher.reader()
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return NullMatcher()
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)
        words = []
        for index, word in enumerate(self.words):
            btext = field.to_bytes(word)
            if (fieldname, btext) not in reader:
                return NullMatcher()
            words.append((reader.doc_frequency(fieldname, btext), index, word))
        words.sort()  # rarest word first: it bounds the candidate documents
        candidates: dict[int, tuple[set[int], float]] | None = None
        for _, index, word in words:
            postings = searcher.postings(fieldname, word)
            found: dict[int, tuple[set[int], float]] = {}
            if candidates is None:
                while postings.is_active():
                    starts = {p - index for p in postings.value_as("positions")}
                    found[postings.id()] = (starts, postings.score())
                    postings.next()
            else:
                for docnum in sorted(candidates):
                    if not postings.is_active():
                        break
                    postings.skip_to(docnum)
                    if not postings.is_active() or postings.id() != docnum:
                        continue
                    starts, score = candidates[docnum]
                    starts = starts & {p - index for p in postings.value_as("positions")}
                    if starts:
                        found[docnum] = (starts, score + postings.score())
            candidates = found
            if not candidates:
                return NullMatcher()
        ids = sorted(candidates)
        return ListMatcher(ids, [candidates[d][1] * self.boost for d in ids])
