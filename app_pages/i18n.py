"""The language of the interface for this session, its selector, and `_()` / `ngettext()` bound to it.

The language comes from `?lang=en|fr|es` (a permalink parameter), else from the selector once used,
else from the browser's preferred language (`st.context.locale`), else English. The messages live in
the gettext catalogs of locale/ (see catalogue/i18n.py); this module only chooses among them.
"""
from __future__ import annotations

import datetime as dt

import pycountry
import streamlit as st
from babel.dates import format_skeleton

from catalogue import i18n
from catalogue.i18n import DEFAULT, LANGUAGES, N_

PARAMETER = "lang"
STATE_KEY = "language"  # the chosen language, kept across pages
EXPLICIT_KEY = "language_explicit"  # True once the language came from a link or the selector
WIDGET_KEY = "language_select"


def normalise(code: str | None) -> str | None:
    """"fr", "fr-FR", "FR_ca" -> "fr"; None for a language the interface does not offer."""
    if not code:
        return None
    base = str(code).strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


def _from_browser() -> str | None:
    try:
        return normalise(st.context.locale)
    except Exception:  # no browser context (bare mode, some tests)
        return None


def current() -> str:
    """The interface language of this run: one of LANGUAGES."""
    session = st.session_state
    chosen = normalise(session.get(WIDGET_KEY))  # the selector's value, already updated by Streamlit
    if chosen and chosen != session.get(STATE_KEY):
        session[STATE_KEY], session[EXPLICIT_KEY] = chosen, True
    if STATE_KEY not in session:
        from_link = normalise(st.query_params.get(PARAMETER))
        session[STATE_KEY] = from_link or _from_browser() or DEFAULT
        session[EXPLICIT_KEY] = from_link is not None
    return session[STATE_KEY]


def url_language() -> list[str]:
    """The `lang` values every URL the app writes carries: the language, unless it is English by default."""
    language = current()
    return [language] if language != DEFAULT or st.session_state.get(EXPLICIT_KEY) else []


def _(message: str) -> str:
    """`message` in the interface language."""
    return i18n.gettext(message, current())


def labels(messages: dict[str, str]):
    """A format_func naming each key by its message, in this run's language.

    Bound now: Streamlit (and AppTest) may call a format_func again outside the script run.
    """
    language = current()
    return lambda key: i18n.gettext(messages[key], language)


def ngettext(singular: str, plural: str, count: int) -> str:
    return i18n.ngettext(singular, plural, count, current())


def number(value, digits: int | None = None) -> str:
    """A number as the interface language writes it."""
    return i18n.number(value, current(), digits)


def month_year(partial_date: str, language: str | None = None) -> str:
    """`2025-06` or `2025-06-03` as "June 2025" / "juin 2025" / "junio de 2025"; `2025` as itself."""
    parts = partial_date.split("-")
    if len(parts) < 2:
        return partial_date
    day = dt.date(int(parts[0]), int(parts[1]), 1)
    return format_skeleton("yMMMM", day, locale=i18n.locale(language or current()))


def date(value: dt.date, language: str | None = None) -> str:
    """A full date: ISO 8601 in English (as the data and the CLI write it), else 1 octobre 2026 /
    1 de octubre de 2026."""
    language = language or current()
    return value.isoformat() if language == DEFAULT else format_skeleton("yMMMMd", value, locale=i18n.locale(language))


def language_name(code: str, language: str | None = None) -> str:
    """An ISO 639-1 language (of a tool) named in the interface language: Babel's locale data, English
    names as pycountry has them."""
    language = language or current()
    if language == DEFAULT:
        found = pycountry.languages.get(alpha_2=code)
        return found.name if found else code
    name = i18n.locale(language).languages.get(code)
    return name[0].upper() + name[1:] if name else code


def native_name(code: str) -> str:
    """"English", "Français", "Español": each language in its own words (Babel)."""
    name = i18n.locale(code).get_display_name(code) or code
    return name[0].upper() + name[1:]


def _set_document_language(language: str) -> None:
    # Streamlit has no API for <html lang>. A zero-height frame from our own server runs one line that
    # sets it on the app's document; the value is one of LANGUAGES (never entry or user text).
    if language not in LANGUAGES:
        raise ValueError(f"not a supported language: {language!r}")
    st.iframe(f"<script>window.parent.document.documentElement.lang = '{language}';</script>", height=1,
              alt=_("Sets the page language"))


def language_selector() -> str:
    """The selector at the top of the sidebar, drawn from every page (platform notes); returns the language."""
    language = current()
    if st.session_state.get(WIDGET_KEY) not in LANGUAGES:
        st.session_state[WIDGET_KEY] = language  # re-seeded when the widget's key went with a page left
    with st.sidebar:
        st.selectbox(_(N_("Language")), LANGUAGES, key=WIDGET_KEY, format_func=native_name)
        _set_document_language(current())
    # Pages that write no address of their own (About, Contribute) still keep `lang` in it.
    wanted = url_language()
    if st.query_params.get_all(PARAMETER) != wanted:
        if wanted:
            st.query_params[PARAMETER] = wanted[0]
        else:
            del st.query_params[PARAMETER]
    return current()
