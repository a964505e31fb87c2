"""The search box, sort and layout choice and filter sidebar, and the one search they describe per run."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

import streamlit as st

from app_pages import i18n
from app_pages.data import Catalogue
from app_pages.i18n import _
from app_pages.render import escape_markdown
from app_pages.state import FILTER_FACETS, VIEWS, ViewState
from app_pages.url_state import set_view_state, sync_url, view_state
from catalogue.facets import FACET_BY_KEY
from catalogue.geography import GLOBAL
from catalogue.i18n import LANGUAGES, N_, number
from catalogue.model import Tool
from search import SORTS, SearchResult
from search.query import MAX_QUERY_CHARS

PAGE_SIZE = 20
SORT_LABELS = {"relevance": N_("Relevance"), "name": N_("Name"), "launched": N_("Launch year (newest first)"),
               "last_verified": N_("Last verified (newest first)"),
               "last_seen_active": N_("Seen in use (newest first)")}
VIEW_LABELS = {"cards": N_("Cards"), "table": N_("Table")}


def _widget_key(name: str) -> str:
    return f"w_{name}"


def _reset_widgets() -> None:
    for key in list(st.session_state.keys()):
        if str(key).startswith("w_"):
            del st.session_state[key]


def clear_all() -> None:
    """Callback: drop the query and every filter, keep sort and layout."""
    set_view_state(view_state().cleared())
    _reset_widgets()


def use_suggestion(suggestion: str) -> None:
    """Callback: search for the "did you mean" words instead."""
    set_view_state(replace(view_state(), query=suggestion, page=1))
    _reset_widgets()


def _seed(name: str, value) -> str:
    # A widget's key disappears when its page is left; re-seed it from the view state on return.
    key = _widget_key(name)
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def facet_options(catalogue: Catalogue, facet_key: str, selected: Iterable[str]) -> list[str]:
    """Values worth offering: those any tool has, plus whatever the URL already selected."""
    facet = FACET_BY_KEY[facet_key]
    present = catalogue.catalogue_facets.get(facet_key, {})
    ordered = [value for value in facet.all_values() if value in present]
    ordered += sorted(value for value in present if value not in ordered)
    if facet_key == "country":
        language = i18n.current()
        ordered.sort(key=lambda value: (value == GLOBAL, facet.label_of(value, language).casefold()))
    return ordered + [value for value in selected if value not in ordered]


_COUNT_SUFFIX = re.compile(r" \(\d+\)$")


def _as_facet_values(catalogue: Catalogue, facet_key: str, values: Iterable[str]) -> tuple[str, ...]:
    """The facet values behind what a filter widget holds.

    A multiselect keeps the *labels* the browser last showed and maps them back through this run's
    labels. The labels carry live counts, so when a new search changes a count, "South-eastern Asia (15)"
    no longer matches and came back as a value of its own: 0 results, and a broken URL.
    """
    facet = FACET_BY_KEY[facet_key]
    options = facet_options(catalogue, facet_key, ())
    # Labels in every language: a value picked just before the language changed still maps back.
    by_label = {facet.label_of(option, language): option for language in LANGUAGES for option in options}
    found = []
    for value in values:
        value = str(value)
        known = value if value in options else by_label.get(_COUNT_SUFFIX.sub("", value))
        if known is not None and known not in found:
            found.append(known)
    return tuple(found)


def read_widgets(catalogue: Catalogue, state: ViewState) -> ViewState:
    """The view the widgets describe now, read before drawing them so counts and results agree.

    After an interaction Streamlit already holds the new widget values in session state; reading them
    first means one search per rerun, and the counts drawn next to each option are never one step behind.
    """
    session = st.session_state
    query = str(session.get(_widget_key("q"), state.query)).strip()[:MAX_QUERY_CHARS]
    filters: dict[str, tuple[str, ...]] = {}
    for facet_key, values in state.filters.items():
        if facet_key not in FILTER_FACETS:
            filters[facet_key] = values  # from a hand-made link; no widget, stays in force
    for facet_key in FILTER_FACETS:
        key = _widget_key(f"f_{facet_key}")
        values = state.filters.get(facet_key, ())
        if key in session:
            values = _as_facet_values(catalogue, facet_key, session[key])
            if list(values) != list(session[key]):
                session[key] = list(values)  # before the widget is drawn this run: allowed, and fixes it
        if values:
            filters[facet_key] = tuple(values)
    launched_from, launched_to = state.launched_from, state.launched_to
    bounds = catalogue.year_bounds
    if bounds and bounds[0] < bounds[1] and _widget_key("years") in session:
        low, high = bounds
        chosen = session[_widget_key("years")]
        launched_from = chosen[0] if chosen[0] > low else None
        launched_to = chosen[1] if chosen[1] < high else None
    sort = session.get(_widget_key("sort"), state.sort)
    view = session.get(_widget_key("view"), state.view)
    new = replace(state, query=query, filters=filters, launched_from=launched_from, launched_to=launched_to,
                  sort=sort if sort in SORTS else state.sort, view=view if view in VIEWS else state.view)
    if (new.query, new.filters, new.years) != (state.query, state.filters, state.years):
        new = replace(new, page=1)
    return new


def sort_and_view(state: ViewState) -> None:
    left, right = st.columns([3, 2])
    left.selectbox(_("Sort by"), SORTS, key=_seed("sort", state.sort), format_func=i18n.labels(SORT_LABELS))
    right.radio(_("Show as"), VIEWS, key=_seed("view", state.view), format_func=i18n.labels(VIEW_LABELS),
                horizontal=True)


def go_to_page(page: int) -> None:
    """Callback for the pager."""
    set_view_state(replace(view_state(), page=max(1, page)))


def search_box(state: ViewState) -> None:
    st.text_input(_("Search tools"), key=_seed("q", state.query), max_chars=MAX_QUERY_CHARS,
                  placeholder=_("e.g. forced labour fishing Thailand, recruiter reviews, trata de personas"))


def filter_sidebar(catalogue: Catalogue, state: ViewState, result: SearchResult) -> None:
    """Draw the facet filters, each option with its live count under the current query and other filters."""
    sidebar = st.sidebar
    language = i18n.current()
    sidebar.header(_("Filters"))
    sidebar.button(_("Clear all"), on_click=clear_all, key="clear_all",
                   disabled=not state.active_filter_count and not state.query)
    for facet_key in FILTER_FACETS:
        facet = FACET_BY_KEY[facet_key]
        selected = state.filters.get(facet_key, ())
        options = facet_options(catalogue, facet_key, selected)
        counts = result.facets.get(facet_key, {})
        sidebar.multiselect(
            # select_all=False: with it, Enter after typing "South" selected every matching value.
            facet.title(language), options, key=_seed(f"f_{facet_key}", [v for v in selected if v in options]),
            select_all=False, help=facet.explanation(language) or None, placeholder=_("Choose options"),
            format_func=lambda value, f=facet, c=counts:
                f"{f.label_of(value, language)} ({number(c.get(value, 0), language)})",
        )
    for facet_key, values in state.filters.items():
        if facet_key not in FILTER_FACETS:
            facet = FACET_BY_KEY[facet_key]
            sidebar.caption(_("Also filtered by {filter}: {values}").format(
                filter=escape_markdown(facet.title(language)),
                values=", ".join(escape_markdown(facet.label_of(v, language)) for v in values)))
    if catalogue.year_bounds and catalogue.year_bounds[0] < catalogue.year_bounds[1]:
        low, high = catalogue.year_bounds
        current = (max(low, min(high, state.launched_from or low)), min(high, max(low, state.launched_to or high)))
        sidebar.slider(_("Launch year"), min_value=low, max_value=high, key=_seed("years", current),
                       help=_("Tools without a known launch year are left out when a range is set."))


def run_search(catalogue: Catalogue, state: ViewState, limit: int = PAGE_SIZE, offset: int = 0) -> SearchResult:
    return catalogue.engine.search(state.query, filters=state.filter_lists(), years=state.years,
                                   sort=state.sort, limit=limit, offset=offset)


def current_view(catalogue: Catalogue, limit: int = 0,
                 offset_from_page: bool = False) -> tuple[ViewState, SearchResult]:
    """Read the widgets, search once, remember the view and put it in the URL."""
    state = read_widgets(catalogue, view_state())
    offset = (state.page - 1) * limit if offset_from_page else 0
    result = run_search(catalogue, state, limit=limit, offset=offset)
    set_view_state(state)
    sync_url(state)
    return state, result


def selection(catalogue: Catalogue) -> tuple[ViewState, SearchResult, list[Tool]]:
    """For chart pages: search box, filters, and every tool matching them."""
    state, result = current_view(catalogue)
    search_box(state)
    filter_sidebar(catalogue, state, result)
    tools = [catalogue.by_slug[slug] for slug in result.slugs if slug in catalogue.by_slug]
    return state, result, tools
