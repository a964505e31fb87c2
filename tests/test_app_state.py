"""URL parameters <-> view state: the permalink contract."""
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app_pages.state import PARAMETERS, ViewState, parse_params, to_params
from catalogue.facets import FACET_BY_KEY
from search.query import MAX_QUERY_CHARS

REPO = Path(__file__).resolve().parent.parent


def test_round_trip_keeps_every_part_of_the_view():
    state = ViewState(query="forced labour fishing",
                      filters={"ilo_region": ("Africa", "global"), "technology": ("mobile_app",)},
                      launched_from=2010, launched_to=2020, sort="name", view="table", page=3)
    assert parse_params(to_params(state)) == state


def test_defaults_are_left_out_of_the_url():
    assert to_params(ViewState()) == {}
    assert to_params(ViewState(query="x")) == {"q": ["x"]}


def test_bad_values_are_dropped_not_raised():
    state = parse_params({"sort": ["sideways"], "view": ["<script>"], "page": ["-4"], "launched_from": ["19x"],
                          "launched_to": ["99999"], "unknown": ["1"], "purpose": ["", "  "]})
    assert state == ViewState()


def test_repeated_values_are_kept_once_and_query_is_capped():
    state = parse_params({"purpose": ["worker_voice", "worker_voice", "safe_migration"], "q": ["a" * 500]})
    assert state.filters == {"purpose": ("worker_voice", "safe_migration")}
    assert len(state.query) == MAX_QUERY_CHARS


def test_single_strings_are_accepted_as_well_as_lists():
    assert parse_params({"q": "hotline", "status": "active"}) == ViewState(query="hotline",
                                                                           filters={"status": ("active",)})


def test_years_property():
    assert ViewState().years is None
    assert ViewState(launched_from=2015).years == (2015, 9999)


@given(st.dictionaries(st.text(max_size=20), st.lists(st.text(max_size=50), max_size=5), max_size=8))
def test_any_parameters_parse(params):
    state = parse_params(params)
    assert parse_params(to_params(state)) == state


def test_every_parameter_is_documented():
    doc = (REPO / "docs" / "permalinks.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_0-9]+)` \|", doc, flags=re.M))
    assert set(PARAMETERS) | set(FACET_BY_KEY) <= documented
