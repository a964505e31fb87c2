"""Nothing a user types or sends makes search raise; the caps bound the work done."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.facets import FACETS
from search import SORTS, SearchResult
from search.engine import FAILED_MESSAGE
from search.query import MAX_QUERY_CHARS, MAX_QUERY_TERMS, parse_query
from tests.support import logged_errors, real_engine, real_tools

SYNTAX = ["*", "?", "(((((", ")))", '"', '""', "-", "--", "name:", "name:polaris", "technology:mobile_app",
          "country:", "launched:[2010 TO", "launched:2015-2020", "global:maybe", "AND", "OR", "NOT", "~", "^2",
          "\\", ":", "«", "»", "\u201c", "trafficing", "forced", "labor", "trata", "hotline", "-app", "🙂",
          "\u0000", "\u202e", "ＡＢＣ", "İstanbul", "ß", "日本語", "x" * 70]

query_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(SYNTAX) | st.text(max_size=12), max_size=40).map(" ".join),
    st.lists(st.sampled_from(SYNTAX), max_size=40).map("".join),
    st.builds(lambda piece, times: piece * times, st.sampled_from(SYNTAX + ["word "]), st.integers(0, 3000)),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(result: SearchResult, offset: int = 0) -> None:
    assert isinstance(result, SearchResult)
    assert result.message != FAILED_MESSAGE
    assert len(result.query) <= MAX_QUERY_CHARS
    assert result.total == len(result.slugs) == len(set(result.slugs))
    start = max(0, offset)
    assert [h.slug for h in result.hits] == result.slugs[start:start + len(result.hits)]
    assert set(result.facets) == {facet.key for facet in FACETS}
    for hit in result.hits:
        assert hit.snippet.count("«") == hit.snippet.count("»")
        assert "<b>" not in hit.snippet


@SETTINGS
@given(query_text)
def test_any_text_searches_without_raising(text):
    check(real_engine().search(text, limit=5))


@SETTINGS
@given(query_text)
def test_parsing_is_capped(text):
    parsed = parse_query(text)
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert parsed.term_count <= MAX_QUERY_TERMS


def test_ten_thousand_characters_and_pathological_forms():
    engine = real_engine()
    for text in ["a" * 10_000, "(" * 10_000 + "hotline", "*" * 10_000, '"' * 9_999, "name:" * 2_000,
                 "-" * 10_000, "x " * 5_000, "\ud800" * 1_000 + "hotline"]:
        result = engine.search(text)
        check(result)
        assert len(result.query) <= MAX_QUERY_CHARS


filters = st.dictionaries(
    st.sampled_from([f.key for f in FACETS] + ["nonsense", "", "q"]),
    st.one_of(st.none(), st.text(max_size=10), st.lists(st.one_of(st.text(max_size=10), st.integers(),
                                                                  st.booleans(), st.none()), max_size=4)),
    max_size=5,
)


@SETTINGS
@given(filters, st.one_of(st.none(), st.tuples(st.integers(-10**6, 10**6), st.integers(-10**6, 10**6)),
                          st.tuples(st.text(max_size=3), st.none())),
       st.sampled_from(list(SORTS) + ["", "random", None]), st.integers(-5, 2_000), st.integers(-5, 10**6))
def test_any_filters_years_sort_and_paging(filter_map, years, sort, limit, offset):
    result = real_engine().search("hotline", filters=filter_map, years=years, sort=sort, limit=limit, offset=offset)
    check(result, offset)
    assert len(result.hits) <= max(0, limit)


# Real slugs too (read lazily, not at collection): random text never reaches the ranking code.
real_slug = st.integers(min_value=0).map(lambda i: (tools := real_tools())[i % len(tools)].slug)


@SETTINGS
@given(st.one_of(real_slug, st.text(max_size=50), st.none(), st.integers()), st.integers(-3, 50))
def test_related_never_raises(slug, limit):
    with logged_errors("search.engine") as errors:  # related() catches everything: a failure shows only here
        hits = real_engine().related(slug, limit=limit)
    assert not errors, errors[0].getMessage()
    assert isinstance(hits, list) and len(hits) <= max(0, limit)
