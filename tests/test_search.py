"""The search engine: queries, filters and facet counts, sorting, snippets, related tools, caps."""
from __future__ import annotations

import datetime as dt
import logging

import pytest

from catalogue.facets import FACETS, matches
from search import SORTS, SearchEngine, SearchResult
from search.engine import FAILED_MESSAGE
from search.query import MAX_QUERY_CHARS, MAX_QUERY_TERMS, parse_query
from tests.support import in_threads, make_tool, real_engine, real_tools


@pytest.fixture(scope="module")
def small():
    tools = [
        make_tool("alpha-hotline", name="Alpha Hotline", summary="A telephone hotline for migrant workers.",
                  description="Workers in fishing call the hotline to report forced labour on boats.",
                  technologies=["hotline_sms_chat"], sectors=["fishing_seafood"], deployed_in=["THA"],
                  exploitation_types=["forced_labour"], launched=2012, last_verified=dt.date(2026, 3, 1)),
        make_tool("beta-app", name="Beta App", summary="A smartphone app that rates recruiters.",
                  description="Migrant workers rate recruitment agencies before they travel.",
                  technologies=["mobile_app"], purposes=["worker_voice"], primary_purpose="worker_voice",
                  deployed_in=["NPL", "QAT"], launched=2019, last_verified=dt.date(2025, 6, 1)),
        make_tool("gamma-images", name="Gamma Images", summary="Image hashing for platforms.",
                  description="Platforms match uploads against hashes of known abuse images.",
                  technologies=["computer_vision_image_recognition"], deployed_in=["global"],
                  exploitation_types=["online_child_sexual_exploitation"], launched=None,
                  last_verified=dt.date(2026, 9, 1)),
        make_tool("delta-research", name="Delta Research", summary="A dataset on brick kilns.",
                  description="Researchers count brick kilns from satellite images. «Quoted» text here.",
                  technologies=["geospatial_satellite"], deployed_in=["IND", "PAK"], launched=2017,
                  source_code="https://example.org/code", last_verified=dt.date(2024, 1, 1)),
    ]
    return SearchEngine.build(tools)


def params_of(result: SearchResult) -> list[dict[str, object]]:
    """What each notice names (the values it shows), whatever its wording or language."""
    return [notice.params for notice in result.notices]


def slugs(result: SearchResult) -> list[str]:
    return [hit.slug for hit in result.hits]


# -- basics -------------------------------------------------------------------------------------------
def test_empty_query_lists_every_tool_by_name(small):
    result = small.search("")
    assert result.total == small.tool_count == 4
    assert result.slugs == ["alpha-hotline", "beta-app", "delta-research", "gamma-images"]
    assert not result.relaxed and result.message is None and result.suggestion is None


def test_every_facet_has_counts_and_limit_zero_still_counts(small):
    result = small.search("", limit=0)
    assert result.hits == [] and result.total == 4
    assert set(result.facets) == {facet.key for facet in FACETS}
    assert result.facets["technology"]["mobile_app"] == 1
    assert result.facets["country"] == {"THA": 1, "NPL": 1, "QAT": 1, "global": 1, "IND": 1, "PAK": 1}
    assert all(count > 0 for counts in result.facets.values() for count in counts.values())


def test_any_word_matches_and_more_words_matched_rank_higher(small):
    assert slugs(small.search("hotline fishing")) == ["alpha-hotline"]  # name + description
    # Summary + deployment country; a global tool counts as partly there, after.
    assert slugs(small.search("recruiters Qatar")) == ["beta-app", "gamma-images"]
    result = small.search("hotline recruiters")  # no tool has both: each has one, no fallback message
    assert set(result.slugs) == {"alpha-hotline", "beta-app"} and result.message is None
    assert not result.relaxed
    assert small.search("migrant workers hotline").slugs == ["alpha-hotline", "beta-app"]  # all words first
    assert small.search("workers recruiters").slugs == ["beta-app", "alpha-hotline"]


def test_a_single_unknown_word_gives_an_empty_result_not_a_relaxed_one(small):
    result = small.search("zeppelin")
    assert result.total == 0 and not result.relaxed


def test_phrases_need_adjacent_words(small):
    assert slugs(small.search('"forced labour"')) == ["alpha-hotline"]
    assert small.search('"labour forced"').total == 0


def test_exclusion_removes_tools_with_the_word(small):
    assert "alpha-hotline" not in small.search("-hotline").slugs
    assert small.search("-hotline").total == 3
    assert slugs(small.search("workers -fishing")) == ["beta-app"]
    assert small.search('-"forced labour"').total == 3


def test_field_syntax(small):
    assert slugs(small.search("name:alpha")) == ["alpha-hotline"]
    assert small.search("name:fishing").total == 0  # only in the description
    assert slugs(small.search("technology:mobile_app")) == ["beta-app"]
    assert slugs(small.search('technology:"mobile app"')) == ["beta-app"]  # the label works too
    assert slugs(small.search("country:tha")) == ["alpha-hotline"]
    assert slugs(small.search("country:Thailand")) == ["alpha-hotline"]
    assert slugs(small.search("launched:2015-2020")) == ["beta-app", "delta-research"]
    assert slugs(small.search("launched:2012")) == ["alpha-hotline"]
    assert slugs(small.search("global:yes")) == ["gamma-images"]
    assert slugs(small.search("open_source:yes")) == ["delta-research"]
    assert "beta-app" not in small.search("-technology:mobile_app").slugs


def test_field_syntax_mistakes_give_a_message_not_an_error(small):
    result = small.search("technology:teleportation")
    assert result.total == 4 and params_of(result) == [{"field": "technology", "value": "teleportation"}]
    assert params_of(small.search("launched:soon")) == [{"field": "launched"}]
    # An unknown field name is read as plain words.
    assert small.search("fishing:hotline").slugs == ["alpha-hotline"]
    assert small.search("colour:hotline").slugs[0] == "alpha-hotline"


def test_filters_or_within_and_across_facets(small):
    assert small.search("", filters={"technology": ["mobile_app", "hotline_sms_chat"]}).total == 2
    result = small.search("", filters={"technology": ["mobile_app", "hotline_sms_chat"], "country": ["THA"]})
    assert result.slugs == ["alpha-hotline"]
    assert small.search("", filters={"no_such_facet": ["x"]}).total == 4  # unknown keys ignored
    assert small.search("", filters={"technology": []}).total == 4  # empty list = no filter


def test_disjunctive_counts_keep_the_other_values_of_a_selected_facet(small):
    result = small.search("", filters={"technology": ["mobile_app"]})
    assert result.total == 1
    assert result.facets["technology"] == {"hotline_sms_chat": 1, "mobile_app": 1,
                                           "computer_vision_image_recognition": 1, "geospatial_satellite": 1}
    assert result.facets["country"] == {"NPL": 1, "QAT": 1}  # other facets: under the selection


def test_years_filter_is_inclusive_and_drops_unknown_years(small):
    assert small.search("", years=(2012, 2017)).slugs == ["alpha-hotline", "delta-research"]
    assert small.search("", years=(2017, 2012)).total == 2  # reversed bounds are read in order
    assert "gamma-images" not in small.search("", years=(1990, 2100)).slugs
    result = small.search("", years=("x", None))
    assert result.total == 4 and result.message and len(result.notices) == 1


@pytest.mark.parametrize("sort, expected", [
    ("name", ["alpha-hotline", "beta-app", "delta-research", "gamma-images"]),
    ("launched", ["beta-app", "delta-research", "alpha-hotline", "gamma-images"]),  # newest, unknown last
    ("last_verified", ["gamma-images", "alpha-hotline", "beta-app", "delta-research"]),
])
def test_sorts(small, sort, expected):
    assert sort in SORTS
    assert small.search("", sort=sort).slugs == expected


def test_relevance_puts_name_matches_first_and_unknown_sort_falls_back(small):
    result = small.search("images")  # Gamma's name, Delta's description
    assert result.slugs == ["gamma-images", "delta-research"]
    assert result.hits[0].score > result.hits[1].score > 0
    assert small.search("brick images").slugs[0] == "delta-research"  # both words beat the name
    assert small.search("images", sort="by-magic").slugs == result.slugs
    assert params_of(small.search("images", sort="by-magic")) == [{"sort": "by-magic"}]


def test_paging_and_all_slugs(small):
    full = small.search("", sort="name")
    page = small.search("", sort="name", limit=2, offset=1)
    assert slugs(page) == full.slugs[1:3] and page.slugs == full.slugs and page.total == 4
    assert small.search("", limit=-5, offset=-3).hits == []  # clamped, no error
    assert slugs(small.search("", limit="7", offset="x")) == full.slugs


# -- snippets -----------------------------------------------------------------------------------------
def test_snippets_mark_matched_words_in_plain_text(small):
    hit = small.search("rates recruiters").hits[0]
    assert hit.snippet == "A smartphone app that «rates» «recruiters»."
    assert "<" not in hit.snippet


def test_snippets_prefer_the_text_with_more_matched_words(small):
    hit = small.search("kilns satellite").hits[0]
    assert "«satellite»" in hit.snippet and "«kilns»" in hit.snippet


def test_guillemets_in_entry_text_cannot_fake_highlighting(small):
    hit = small.search("quoted").hits[0]
    assert hit.snippet.count("«") == 1 and "«Quoted»" in hit.snippet and '"' in hit.snippet


def test_phrases_are_highlighted_only_where_their_words_stand_together():
    engine = SearchEngine.build([make_tool("lines", summary="A help desk, then a phone line for the help of workers.")])
    snippet = engine.search("hotline").hits[0].snippet  # "phone line" is a synonym of hotline
    assert snippet == "A help desk, then a «phone» «line» for the help of workers."
    quoted = engine.search('"help of workers"').hits[0].snippet
    assert quoted == "A help desk, then a phone line for the «help» of «workers»."


def test_snippet_without_query_is_the_summary(small):
    assert small.search("", limit=1).hits[0].snippet == "A telephone hotline for migrant workers."


# -- suggestions --------------------------------------------------------------------------------------
def test_typos_are_forgiven_and_suggested_in_readable_words(small):
    result = small.search("recruters")
    assert slugs(result) == ["beta-app"]
    assert result.suggestion == "recruiters"
    assert small.search("hotlnie fishing").suggestion == "hotline fishing"


def test_no_suggestion_for_known_words_of_any_language(small):
    assert small.search("recruiters").suggestion is None
    assert small.search("kiln").suggestion is None
    # Function words of French, Spanish and Portuguese, and names of places and languages, are words.
    for query in ("cómo", "où", "quién", "Kenia", "español", "pêche"):
        assert small.search(query).suggestion is None, query


def test_the_correction_keeping_the_most_letters_wins():
    engine = SearchEngine.build([make_tool("m1", summary="Mapping of farms."),
                                 make_tool("m2", summary="Making and making and making of things.")])
    assert engine.search("maping").suggestion == "mapping"
    assert engine.search("maping").slugs == ["m1"]


# -- related ------------------------------------------------------------------------------------------
def test_related_tools_share_words_and_facets():
    engine = real_engine()
    related = engine.related("golden-dreams", limit=5)
    assert len(related) == 5 and "golden-dreams" not in [h.slug for h in related]
    assert any(h.slug in {"issara-inclusive-labour-monitoring", "shuvayatra", "ami-probashi"} for h in related)
    assert all(h.score > 0 and h.snippet for h in related)
    assert [h.score for h in related] == sorted((h.score for h in related), reverse=True)


def test_related_of_an_unknown_slug_is_empty(small):
    assert small.related("no-such-tool") == []
    assert small.related(None) == [] and small.related("alpha-hotline", limit=0) == []


def _fail(*args, **kwargs):
    raise RuntimeError("damaged index")


def test_a_failure_inside_related_is_logged_and_answers_nothing(small, monkeypatch, caplog):
    assert small.related("alpha-hotline")  # works before the failure is planted
    monkeypatch.setattr(small, "_related", _fail)
    with caplog.at_level(logging.ERROR, logger="search.engine"):
        assert small.related("alpha-hotline") == []
    [record] = [r for r in caplog.records if r.name == "search.engine"]
    assert record.levelno == logging.ERROR and "alpha-hotline" in record.getMessage()
    assert record.exc_info and isinstance(record.exc_info[1], RuntimeError)  # with its traceback


def test_a_failure_inside_search_is_logged_and_says_so(small, monkeypatch, caplog):
    monkeypatch.setattr(small, "_search", _fail)
    with caplog.at_level(logging.ERROR, logger="search.engine"):
        result = small.search("hotline")
    assert result.total == 0 and result.hits == [] and result.message == FAILED_MESSAGE
    assert set(result.facets) == {facet.key for facet in FACETS}
    [record] = [r for r in caplog.records if r.name == "search.engine"]
    assert record.exc_info and isinstance(record.exc_info[1], RuntimeError)


# -- caps and hostile input ---------------------------------------------------------------------------
def test_long_queries_are_capped_with_a_message(small):
    result = small.search("hotline " * 100)
    assert len(result.query) <= MAX_QUERY_CHARS and {"count": MAX_QUERY_CHARS} in params_of(result)
    parsed = parse_query(" ".join(f"w{i}" for i in range(50)))
    assert parsed.term_count == MAX_QUERY_TERMS and [n.params for n in parsed.messages] == [{"count": MAX_QUERY_TERMS}]


@pytest.mark.parametrize("query", ["*", "*hotline", "(((((hotline", '"unbalanced hotline', "AND OR NOT",
                                   "year:[2010 TO", "name:", "-", '""', "\x00\ud800hotline", "🙂" * 300])
def test_broken_syntax_falls_back_to_plain_words(small, query):
    result = small.search(query)
    assert isinstance(result, SearchResult) and result.message != FAILED_MESSAGE
    if "hotline" in query:
        assert "alpha-hotline" in result.slugs


def test_only_common_words_lists_everything_with_a_message(small):
    result = small.search("the of and")
    assert result.total == 4 and result.message and len(result.notices) == 1


def test_untrusted_entry_text_is_indexed_safely():
    hostile = make_tool("hostile", name="Bad\x00Name \ud800", summary="<script>alert(1)</script> «x»",
                        description="word " * 5000 + "needle", aliases=["\u202eevil"])
    engine = SearchEngine.build([hostile, make_tool("calm")])
    hit = engine.search("needle").hits[0]
    assert hit.slug == "hostile" and "\x00" not in hit.name and "«needle»" in hit.snippet
    # Plain text with markers only; the app escapes it before turning the markers into bold.
    assert engine.search("script").hits[0].snippet == '<«script»>alert(1)</«script»> "x"'


@pytest.mark.parametrize("query", ["", "hotline", "hotline trafficking", "trafficing", '"forced labour"', "-app",
                                   "technology:mobile_app", "launched:2015"])
def test_an_empty_catalogue_answers_everything(query):
    engine = SearchEngine.build([])
    result = engine.search(query, filters={"country": ["KEN"]}, years=(2000, 2020))
    assert result.total == 0 and result.hits == [] and result.message != FAILED_MESSAGE
    assert set(result.facets) == {facet.key for facet in FACETS} and engine.related("x") == []


def test_duplicate_slugs_keep_the_first_tool():
    engine = SearchEngine.build([make_tool("same", name="First"), make_tool("same", name="Second")])
    assert engine.tool_count == 1 and engine.search("").hits[0].name == "First"


def test_concurrent_searches_agree():
    engine = real_engine()
    expected = engine.search("forced labour").slugs
    seen, errors = in_threads(lambda: [engine.search("forced labour").slugs for _ in range(5)])
    assert not errors and len(seen) == 4 and all(s == expected for run in seen for s in run)


# -- facet counts against catalogue.facets (brute force) ---------------------------------------------
FILTER_CASES = [
    {},
    {"ilo_region": ["Africa"]},
    {"ilo_region": ["Africa", "Americas"], "technology": ["hotline_sms_chat"]},
    {"purpose": ["worker_voice"], "target_user": ["workers_migrants"], "open_source": ["no"]},
    {"country": ["BRA", "global"], "status": ["active", "unknown"]},
    {"m49_sub_region": ["South-eastern Asia"], "exploitation_type": ["forced_labour"], "sector": ["fishing_seafood"]},
]


@pytest.mark.parametrize("query", ["", "hotline", "forced labour", "app"])
@pytest.mark.parametrize("filters", FILTER_CASES)
def test_facet_counts_agree_with_catalogue_facets(query, filters):
    engine = real_engine()
    by_slug = {tool.slug: tool for tool in real_tools()}
    years = (2010, 2022) if query == "app" else None
    result = engine.search(query, filters=filters, years=years, limit=0)
    # The tools the query alone matches (no filters, same years); the counting is what is checked.
    matched = [by_slug[s] for s in engine.search(query, years=years, limit=0).slugs]
    assert result.total == sum(matches(tool, filters) for tool in matched)
    for facet in FACETS:
        others = {key: values for key, values in filters.items() if key != facet.key}
        expected: dict[str, int] = {}
        for tool in matched:
            if matches(tool, others):
                for value in facet.values_of(tool):
                    expected[value] = expected.get(value, 0) + 1
        assert result.facets[facet.key] == expected, facet.key


def test_result_slugs_are_exactly_the_matching_tools_under_filters():
    engine = real_engine()
    by_slug = {tool.slug: tool for tool in real_tools()}
    filters = {"ilo_region": ["Asia and the Pacific"], "technology": ["mobile_app", "web_platform"]}
    unfiltered = set(engine.search("workers", limit=0).slugs)
    filtered = engine.search("workers", filters=filters, limit=0).slugs
    assert set(filtered) == {s for s in unfiltered if matches(by_slug[s], filters)}


def test_question_marks_are_punctuation_not_syntax(small):
    result = small.search("¿Quién rates recruiters?")
    assert result.message is None and result.slugs[0] == "beta-app"
    wildcard = small.search("*recruiters")  # real syntax, dropped: said once, and the words still searched
    assert len(wildcard.notices) == 1 and wildcard.slugs[0] == "beta-app"
