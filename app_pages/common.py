"""Streamlit plumbing shared by the pages: cached data, the filter sidebar, URL state, safe output.

Pages call these and hold no business logic; the logic lives in `catalogue/` and `search/`.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

import streamlit as st

from app_pages import i18n
from app_pages.i18n import _, ngettext
from app_pages.render import escape_markdown, highlight, markdown_link
from app_pages.state import FILTER_FACETS, VIEWS, ViewState, parse_params, to_params
from catalogue.export import csv_text
from catalogue.facets import FACET_BY_KEY
from catalogue.geography import GLOBAL
from catalogue.i18n import LANGUAGES, N_, number
from catalogue.load import LoadResult, load_catalogue
from catalogue.model import Tool
from catalogue.problems import printable
from catalogue.validate import entry_files
from catalogue.paths import REPO_DIR, TOOLS_DIR
from search import SORTS, SearchEngine, SearchResult
from search.query import MAX_QUERY_CHARS

PAGE_SIZE = 20
TOOL_PAGE = "app_pages/tool.py"
EXPLORE_PAGE = "app_pages/explore.py"
STATE_KEY = "view_state"
SORT_LABELS = {"relevance": N_("Relevance"), "name": N_("Name"), "launched": N_("Launch year (newest first)"),
               "last_verified": N_("Last verified (newest first)"),
               "last_seen_active": N_("Seen in use (newest first)")}
VIEW_LABELS = {"cards": N_("Cards"), "table": N_("Table")}


def catalogue_dir() -> Path:
    """The entries folder: `CATALOGUE_DIR` for tests and benchmarks, else the bundled data."""
    return Path(os.environ.get("CATALOGUE_DIR") or TOOLS_DIR)


def index_dir() -> Path | None:
    """Where the search index is kept on disk; `CATALOGUE_INDEX_DIR=memory` keeps it in memory."""
    configured = os.environ.get("CATALOGUE_INDEX_DIR", "")
    if configured == "memory":
        return None
    return Path(configured) if configured else REPO_DIR / ".index"


@dataclass(frozen=True)
class Catalogue:
    result: LoadResult
    engine: SearchEngine
    by_slug: dict[str, Tool]
    catalogue_facets: dict[str, dict[str, int]]  # counts over the whole catalogue, for filter options
    year_bounds: tuple[int, int] | None

    @property
    def tools(self) -> tuple[Tool, ...]:
        return self.result.tools


@st.cache_data(ttl=2, show_spinner=False)
def _signature(directory: str) -> str:
    # File names, sizes and modification times: a cheap fingerprint that changes when any entry does.
    # Returned as a short digest so the cache below hashes 64 characters, not thousands of tuples.
    # lstat: a dangling link or a link loop must not break every page (the validator reports links).
    stats = []
    for path in entry_files(Path(directory)):
        try:
            info = path.lstat()
        except OSError:  # removed between listing and stat
            continue
        stats.append((path.name, info.st_mtime_ns, info.st_size))
    return hashlib.sha256(repr(sorted(stats)).encode()).hexdigest()


@st.cache_resource(show_spinner=False, max_entries=2)
def _load(directory: str, signature: str) -> Catalogue:
    result = load_catalogue(Path(directory))
    engine = SearchEngine.open_or_build(result.tools, index_dir())
    everything = engine.search("", limit=0)
    years = [tool.launched for tool in result.tools if tool.launched]
    return Catalogue(result=result, engine=engine, by_slug=result.by_slug(),
                     catalogue_facets=everything.facets,
                     year_bounds=(min(years), max(years)) if years else None)


def get_catalogue() -> Catalogue:
    """The loaded catalogue and its index, rebuilt only when an entry file changes."""
    directory = str(catalogue_dir())
    signature = _signature(directory)
    with st.spinner(_("Loading the catalogue…")):
        return _load(directory, signature)


# ---------------------------------------------------------------- URL state

def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def view_state() -> ViewState:
    """The current view: from the URL on a session's first run, then from the session."""
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = parse_params(_url_params())
    return st.session_state[STATE_KEY]


def set_view_state(state: ViewState) -> None:
    st.session_state[STATE_KEY] = state


def with_language(params: dict[str, list[str]]) -> dict[str, list[str]]:
    """The parameters plus `lang`, so that every link and address the app writes keeps the language."""
    language = i18n.url_language()
    return {**params, i18n.PARAMETER: language} if language else dict(params)


def write_url(params: dict[str, list[str]]) -> None:
    """Make the address bar a permalink of what is shown (only when it differs, to avoid churn)."""
    params = with_language(params)
    if _url_params() != params:
        st.query_params.from_dict(params)


def sync_url(state: ViewState) -> None:
    write_url(to_params(state))


# ---------------------------------------------------------------- filters

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
    if catalogue.year_bounds and catalogue.year_bounds[0] < catalogue.year_bounds[1] and _widget_key("years") in session:
        low, high = catalogue.year_bounds
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
            format_func=lambda value, f=facet, c=counts: f"{f.label_of(value, language)} ({number(c.get(value, 0), language)})",
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


def current_view(catalogue: Catalogue, limit: int = 0, offset_from_page: bool = False) -> tuple[ViewState, SearchResult]:
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


# ---------------------------------------------------------------- output

def load_notice(catalogue: Catalogue) -> None:
    """A visible notice naming each entry file that was skipped because it has errors."""
    skipped = catalogue.result.skipped_files
    if not skipped:
        return
    names = ", ".join(f"`{printable(Path(path).name).replace('`', '')}`" for path in skipped)
    with st.expander("⚠️ " + ngettext("{count} entry file skipped because of errors: {names}",
                                      "{count} entry files skipped because of errors: {names}",
                                      len(skipped)).format(count=len(skipped), names=names)):
        for problem in catalogue.result.problems:
            if problem.is_error:
                st.text(problem.format())


def tool_link(tool: Tool, label: str | None = None) -> None:
    st.page_link(TOOL_PAGE, label=f"**{escape_markdown(label or tool.name)}**",
                 query_params=with_language({"tool": [tool.slug]}))


def describe_selection(state: ViewState, count: int, total: int) -> str:
    """The current selection in words, for chart captions: '12 of 400 tools matching “fishing”; ILO region: Africa'."""
    language = i18n.current()
    numbers = {"count": i18n.number(count), "total": i18n.number(total), "query": state.query}
    if state.query:
        first = ngettext("{count} of {total} tool matching “{query}”", "{count} of {total} tools matching “{query}”",
                         total)
    else:
        first = ngettext("{count} of {total} tool", "{count} of {total} tools", total)
    parts = [first.format(**numbers)]
    for facet_key, values in state.filters.items():
        facet = FACET_BY_KEY.get(facet_key)
        if facet:
            parts.append(f"{facet.title(language)}: " + ", ".join(facet.label_of(value, language) for value in values))
    if state.years:
        parts.append(_("launched {first}–{last}").format(first=state.years[0], last=state.years[1]))
    return "; ".join(parts)


STYLESHEET = REPO_DIR / "static" / "app.css"


def stylesheet() -> None:
    """The project's own CSS (static/app.css), the only raw HTML the app writes: no entry text in it."""
    st.html(f"<style>{STYLESHEET.read_text(encoding='utf-8')}</style>")


def on_phone() -> bool:
    """True when the browser says it is a phone ("Mobi" in its User-Agent, as browsers advise)."""
    try:
        return "Mobi" in (st.context.headers.get("User-Agent") or "")
    except Exception:  # noqa: BLE001 - no request context (bare mode): assume a wide screen
        return False


def view_link(state: ViewState) -> str:
    """The full address of this view (the server's own address as the browser used it, plus the state)."""
    from urllib.parse import urlencode, urlsplit
    address = urlsplit(st.context.url or "")
    base = f"{address.scheme}://{address.netloc}{address.path}" if address.netloc else ""
    query = urlencode(with_language(to_params(state)), doseq=True)
    return base + (f"?{query}" if query else "")


def tool_permalink(slug: str) -> str:
    from urllib.parse import urlencode
    return "/tool?" + urlencode(with_language({"tool": [slug]}), doseq=True)


def text(value: str) -> None:
    """Untrusted entry text, shown exactly as written."""
    st.markdown(escape_markdown(value))


def snippet(value: str) -> None:
    st.markdown(highlight(value))


def in_english(value: str, snippet: bool = False) -> None:
    """Untrusted entry text that has no translation in the interface language, marked "(in English)"."""
    st.markdown((highlight(value) if snippet else escape_markdown(value)) + " *" + escape_markdown(_("(in English)")) + "*")


def entry_text(tool: Tool, field: str) -> None:
    """An entry's summary or description in the interface language when the entry has it, else in English, marked."""
    language = i18n.current()
    english = getattr(tool, field)
    if language == i18n.DEFAULT:
        text(english)
        return
    translated = tool.translation(language)
    value = getattr(translated, field, "") if translated else ""
    if value:
        text(value)
    else:
        in_english(english)


def link(label: str, url: str) -> None:
    st.markdown(markdown_link(label, url))


def download_csv(label: str, frame, file_name: str, key: str) -> None:
    """A CSV download of a table (the label is translated by the caller)."""
    csv = csv_text(frame.to_dict("records"), [str(column) for column in frame.columns])
    st.download_button(label, csv.encode("utf-8"), file_name=file_name, mime="text/csv", key=key)


__all__ = [
    "Catalogue", "PAGE_SIZE", "SORTS", "SORT_LABELS", "VIEWS", "EXPLORE_PAGE", "TOOL_PAGE", "clear_all",
    "download_csv", "view_link", "with_language", "describe_selection", "on_phone", "stylesheet", "filter_sidebar", "get_catalogue", "link", "load_notice", "run_search", "search_box",
    "read_widgets", "sort_and_view", "go_to_page", "current_view", "selection", "set_view_state", "snippet", "sync_url", "text", "tool_link", "tool_permalink",
    "use_suggestion", "view_state", "write_url",
]
