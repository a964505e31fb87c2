"""The view of this session and the address bar that shows it: ViewState <-> st.query_params.

What a URL parameter means is defined in app_pages/state.py (no Streamlit there); this module only
reads and writes the session and the address.
"""
from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from app_pages import i18n
from app_pages.state import ViewState, parse_params, to_params

STATE_KEY = "view_state"


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


def view_link(state: ViewState) -> str:
    """The full address of this view (the server's own address as the browser used it, plus the state)."""
    address = urlsplit(st.context.url or "")
    base = f"{address.scheme}://{address.netloc}{address.path}" if address.netloc else ""
    query = urlencode(with_language(to_params(state)), doseq=True)
    return base + (f"?{query}" if query else "")


def tool_permalink(slug: str) -> str:
    return "/tool?" + urlencode(with_language({"tool": [slug]}), doseq=True)
