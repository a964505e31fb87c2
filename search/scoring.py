"""Faster stand-ins for stock Whoosh scoring parts, with the same results (tests compare them).

Profiling showed a query's time going to per-posting overhead rather than to ranking itself:
field lengths read through Whoosh's column files for every posting, union matcher trees, and
span matchers for phrases. MaxOr is the one addition: the best of several alternatives.
"""
from __future__ import annotations

from collections.abc import Sequence

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.scoring import BM25F, BM25FScorer

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


class SumOr(wq.Or):
    """Any of the subqueries; a document's score is the sum of theirs (several fields of one word).

    Matched term-at-a-time into a list: Whoosh's union tree cost more than the scoring itself
    here, and its array matcher zero-fills 2,048 slots however small the index. Same matches and
    scores as Whoosh's Or (a test compares them).
    """

    tiebreak = 1.0  # share of the non-best subquery scores added to the best one

    def matcher(self, searcher, context=None):
        best: dict[int, float] = {}
        total: dict[int, float] = {}
        for query in self.subqueries:
            m = query.matcher(searcher, context)
            while m.is_active():
                docnum = m.id()
                score = m.score()
                if score > best.get(docnum, -1.0):
                    best[docnum] = score
                total[docnum] = total.get(docnum, 0.0) + score
                m.next()
        if not best:
            return NullMatcher()
        ids = sorted(best)
        tiebreak, boost = self.tiebreak, self.boost
        return ListMatcher(ids, [boost * (best[d] + tiebreak * (total[d] - best[d])) for d in ids])


class MaxOr(SumOr):
    """Any of the subqueries; a document's score is the best one plus a tenth of the others
    (alternatives for one idea: synonyms, corrections, so three synonyms do not outweigh a typed word)."""

    tiebreak = 0.1


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
