"""What the user is looking at, and its permalink form.

The URL parameters are a public API: people bookmark and share them. Names never change; new ones may
be added. Parsing never raises: an unknown or malformed value is dropped, so an old or hand-edited
link still opens a sensible view. No Streamlit here, so the round trip is unit-tested directly.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from catalogue.facets import FACET_BY_KEY
from search import SORTS
from search.query import MAX_QUERY_CHARS

VIEWS = ("cards", "table")
# Facets the explorer offers as filters, in sidebar order. Every key of catalogue.facets is accepted in
# a URL (so links made by the CLI or by hand work); these are the ones with a widget.
FILTER_FACETS = (
    "purpose", "four_p", "ilo_region", "m49_sub_region", "country", "target_user", "technology",
    "exploitation_type", "sector", "org_type", "status", "seen_in_use", "access", "open_source",
)
MAX_VALUES_PER_FACET = 50

# Documented in docs/permalinks.md; tests/test_app_state.py fails when one is missing there.
PARAMETERS = {
    "q": "the search words",
    "sort": "result order: " + ", ".join(SORTS),
    "view": "results as " + " or ".join(VIEWS),
    "page": "results page, from 1",
    "launched_from": "first launch year included",
    "launched_to": "last launch year included",
    "tool": "the slug of the tool shown on the Tool page",
    "lang": "interface language: en, fr or es (app_pages/i18n.py reads it)",
}


@dataclass(frozen=True)
class ViewState:
    query: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    launched_from: int | None = None
    launched_to: int | None = None
    sort: str = "relevance"
    view: str = "cards"
    page: int = 1

    @property
    def years(self) -> tuple[int, int] | None:
        """The launch-year range for search, or None when no bound is set."""
        if self.launched_from is None and self.launched_to is None:
            return None
        return (self.launched_from or 0, self.launched_to or 9999)

    @property
    def active_filter_count(self) -> int:
        return sum(len(v) for v in self.filters.values()) + (self.years is not None)

    def filter_lists(self) -> dict[str, list[str]]:
        return {key: list(values) for key, values in self.filters.items() if values}

    def cleared(self) -> ViewState:
        """Same sort and layout, no query, no filters."""
        return replace(self, query="", filters={}, launched_from=None, launched_to=None, page=1)


def _first(params: Mapping[str, Sequence[str]], name: str) -> str:
    values = params.get(name) or ()
    if isinstance(values, str):
        return values
    return values[0] if values else ""


def _all(params: Mapping[str, Sequence[str]], name: str) -> list[str]:
    values = params.get(name) or ()
    return [values] if isinstance(values, str) else list(values)


def _year(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and 1900 <= int(text) <= 2100 else None


def parse_params(params: Mapping[str, Sequence[str] | str]) -> ViewState:
    """URL parameters (name -> values) to a ViewState; bad values are dropped, never raised."""
    filters: dict[str, tuple[str, ...]] = {}
    for key in FACET_BY_KEY:
        values = []
        for value in _all(params, key):
            value = value.strip()
            if value and value not in values and len(value) <= 100:
                values.append(value)
        if values:
            filters[key] = tuple(values[:MAX_VALUES_PER_FACET])
    sort = _first(params, "sort")
    view = _first(params, "view")
    page = _first(params, "page")
    return ViewState(
        query=_first(params, "q")[:MAX_QUERY_CHARS],
        filters=filters,
        launched_from=_year(_first(params, "launched_from")),
        launched_to=_year(_first(params, "launched_to")),
        sort=sort if sort in SORTS else "relevance",
        view=view if view in VIEWS else "cards",
        page=int(page) if page.isdigit() and 1 <= int(page) <= 10_000 else 1,
    )


def to_params(state: ViewState) -> dict[str, list[str]]:
    """The shortest parameters that reproduce `state`: defaults are left out."""
    params: dict[str, list[str]] = {}
    if state.query:
        params["q"] = [state.query]
    for key in FACET_BY_KEY:
        if state.filters.get(key):
            params[key] = list(state.filters[key])
    if state.launched_from is not None:
        params["launched_from"] = [str(state.launched_from)]
    if state.launched_to is not None:
        params["launched_to"] = [str(state.launched_to)]
    if state.sort != "relevance":
        params["sort"] = [state.sort]
    if state.view != "cards":
        params["view"] = [state.view]
    if state.page != 1:
        params["page"] = [str(state.page)]
    return params
