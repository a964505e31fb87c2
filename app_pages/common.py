"""What the pages draw besides widgets: entry text made inert, links, notices, captions, the stylesheet.

Pages call these and hold no business logic; the logic lives in `catalogue/` and `search/`.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages import i18n
from app_pages.data import Catalogue
from app_pages.i18n import _, ngettext
from app_pages.render import escape_markdown, highlight, markdown_link
from app_pages.state import ViewState
from app_pages.url_state import with_language
from catalogue.export import csv_text
from catalogue.facets import FACET_BY_KEY
from catalogue.model import Tool
from catalogue.paths import REPO_DIR
from catalogue.problems import printable

TOOL_PAGE = "app_pages/tool.py"
EXPLORE_PAGE = "app_pages/explore.py"


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
    except Exception:  # no request context (bare mode): assume a wide screen
        return False


def text(value: str) -> None:
    """Untrusted entry text, shown exactly as written."""
    st.markdown(escape_markdown(value))


def snippet(value: str) -> None:
    st.markdown(highlight(value))


def in_english(value: str, snippet: bool = False) -> None:
    """Untrusted entry text that has no translation in the interface language, marked "(in English)"."""
    shown = highlight(value) if snippet else escape_markdown(value)
    st.markdown(shown + " *" + escape_markdown(_("(in English)")) + "*")


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
