"""The fast parts give what the stock Whoosh parts they replace give."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq
from whoosh.scoring import BM25F

from search.analysis import base_tokenizer, composed_text_analyzer, text_analyzer
from search.scoring import FastBM25F, FieldedPhrase, FieldedTerm, SumOr, field_lengths
from search.spelling import Lexicon
from tests.test_search_support import real_engine, real_tools

FIELDS = ["name", "aliases", "summary", "description", "topics", "places"]


def _tokens(analyzer, text, **kwargs):
    return [(t.text, t.pos, t.startchar, t.endchar, t.stopped)
            for t in analyzer(text, positions=True, chars=True, **kwargs)]


def test_one_pass_tokenizer_equals_the_composed_whoosh_chain_on_the_catalogue():
    fused, composed = base_tokenizer(), composed_text_analyzer()
    for tool in real_tools():
        for text in (tool.name, tool.summary, tool.description, *tool.aliases):
            assert _tokens(fused, text) == _tokens(composed, text), text
            assert _tokens(fused, text, removestops=False) == _tokens(composed, text, removestops=False)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_one_pass_tokenizer_equals_the_composed_whoosh_chain_on_any_text(text):
    assert _tokens(base_tokenizer(), text) == _tokens(composed_text_analyzer(), text)


@pytest.fixture(scope="module")
def searchers():
    engine = real_engine()
    index = engine._index
    with index.reader() as reader:
        lengths, averages = field_lengths(reader, FIELDS)
    fast = index.searcher(weighting=FastBM25F(lengths, averages))
    stock = index.searcher(weighting=BM25F())
    yield engine, fast, stock
    fast.close()
    stock.close()


def _scores(searcher, q):
    return {docnum: round(score, 9) for score, docnum in searcher.search(q, limit=None).top_n}


WORDS = ["traffick", "hotlin", "labour", "forc", "child", "app", "migrant", "worker", "brazil"]


@pytest.mark.parametrize("word", WORDS)
def test_fast_bm25f_and_sum_or_score_like_stock_whoosh(searchers, word):
    _, fast, stock = searchers
    terms = [wq.Term(name, word, boost=1.5) for name in FIELDS]
    assert _scores(fast, SumOr(terms)) == _scores(stock, wq.Or(terms))
    assert _scores(fast, terms[3]) == _scores(stock, terms[3])


@pytest.mark.parametrize("word", WORDS)
def test_fielded_term_on_one_field_is_plain_bm25(searchers, word):
    _, fast, stock = searchers
    fielded = FieldedTerm([(word, 1.0)], [("description", 1.0)], boost=2.0)
    assert _scores(fast, fielded) == _scores(stock, wq.Term("description", word, boost=2.0))


def test_fielded_term_saturates_across_fields(searchers):
    _, fast, _ = searchers
    everywhere = _scores(fast, FieldedTerm([("traffick", 1.0)], [(name, 1.0) for name in FIELDS]))
    summed = _scores(fast, SumOr([FieldedTerm([("traffick", 1.0)], [(name, 1.0)]) for name in FIELDS]))
    assert everywhere.keys() == summed.keys()
    assert all(everywhere[d] <= summed[d] + 1e-9 for d in everywhere)
    k1 = 1.2
    assert max(everywhere.values()) < (k1 + 1) * (math.log(len(real_tools())) + 1)  # bounded, whatever the fields


@pytest.mark.parametrize("phrase", [("forc", "labour"), ("child", "sexual", "abus", "materi"), ("migrant", "worker"),
                                    ("suppli", "chain"), ("labour", "forc"), ("traffick", "traffick")])
@pytest.mark.parametrize("name", ["name", "summary", "description", "topics"])
def test_fielded_phrase_matches_what_whoosh_phrase_matches(searchers, phrase, name):
    _, fast, stock = searchers
    ours = _scores(fast, FieldedPhrase([(phrase, 1.0)], [(name, 1.0)]))
    theirs = _scores(stock, wq.Phrase(name, list(phrase)))
    assert ours.keys() == theirs.keys()


def test_word_finder_equals_the_tokenizer(searchers):
    engine, _, _ = searchers
    tokenizer = engine._analyzer.items[0]
    stems = {"traffick", "labour", "forc", "linea", "cote", "usa", "hotlin", "migrant"}
    for docnum in range(engine.tool_count):
        _, summary, description = engine._texts(docnum)
        for text in (summary, description):
            assert engine._find_spans(text, stems) == tokenizer.spans(text, stems)


def test_group_tokens_do_not_change_the_words_around_them():
    plain = [t.text for t in base_tokenizer()("hotline for child sexual abuse material reports")]
    marked = [t.text for t in text_analyzer().items[0]("hotline for child sexual abuse material reports")
              if not t.text.startswith("_")]
    assert plain == marked


def test_lexicon_near_words():
    lexicon = Lexicon(["trafficking hotline", "trafficking data", "traffic lights"])
    assert lexicon.frequency["trafficking"] == 2
    assert (1, "trafficking") in lexicon.near("trafficing", 1)
    assert lexicon.near("xyz", 2) == [] and lexicon.near("", 1) == []


@pytest.mark.parametrize("typed, meant", [("trafficing", "trafficking"), ("trafiking", "trafficking"),
                                          ("trafficknig", "trafficking"), ("rtafficking", None),
                                          ("recruitmnet", "recruitment"), ("hotlnie", "hotline"),
                                          ("slavry", "slavery"), ("survivr", "survivor")])
def test_lexicon_finds_one_and_two_edit_typos(typed, meant):
    lexicon = Lexicon(["trafficking recruitment hotline slavery survivor"])
    maxdist = 1 if len(typed) < 8 else 2
    found = [word for _, word in lexicon.near(typed, maxdist)]
    assert found == ([meant] if meant else [])  # a wrong first letter is not corrected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdeilnorst", min_size=1, max_size=12), st.lists(
    st.text(alphabet="abcdeilnorst", min_size=2, max_size=12), min_size=1, max_size=30))
def test_lexicon_near_finds_exactly_the_words_within_the_distance(typed, words):
    from whoosh.support.levenshtein import damerau_levenshtein
    lexicon = Lexicon([" ".join(words)])
    maxdist = 1 if len(typed) < 8 else 2
    expected = sorted((damerau_levenshtein(typed, w), w) for w in set(lexicon.frequency)
                      if w != typed and w[0] == typed[0] and damerau_levenshtein(typed, w) <= maxdist)
    assert lexicon.near(typed, maxdist) == expected
