"""Why a search found nothing: which single filter, once removed, would bring tools back.

Streamlit-free so it is tested directly; the Explore page only prints the sentences.
"""
from __future__ import annotations

import difflib
from dataclasses import replace

from app_pages.state import ViewState
from catalogue.facets import FACET_BY_KEY
from catalogue.i18n import DEFAULT, gettext, ngettext, number


def _count(engine, state: ViewState) -> int:
    return engine.search(state.query, filters=state.filter_lists(), years=state.years, limit=0).total


def empty_result_reasons(engine, state: ViewState, language: str = DEFAULT) -> list[str]:
    """One plain sentence per active constraint: how many tools its removal alone would show."""
    reasons = []

    def tools(count: int) -> str:
        return ngettext("{count} tool", "{count} tools", count, language).format(count=number(count, language))

    if state.query:
        count = _count(engine, replace(state, query=""))
        reasons.append(gettext("Without the search words “{query}”: {tools}.", language).format(
            query=state.query, tools=tools(count)))
    for key, values in state.filters.items():
        facet = FACET_BY_KEY.get(key)
        if facet is None or not values:
            continue
        others = {k: v for k, v in state.filters.items() if k != key}
        count = _count(engine, replace(state, filters=others))
        labels = ", ".join(facet.label_of(value, language) for value in values)
        reasons.append(gettext("Without the {filter} filter ({values}): {tools}.", language).format(
            filter=facet.title(language), values=labels, tools=tools(count)))
    if state.years is not None:
        count = _count(engine, replace(state, launched_from=None, launched_to=None))
        reasons.append(gettext("Without the launch-year range: {tools}.", language).format(tools=tools(count)))
    if not reasons:
        reasons.append(gettext("The catalogue has no entries loaded.", language))
    return reasons


def closest_slugs(slug: str, slugs: list[str], names: dict[str, str], limit: int = 5) -> list[str]:
    """Slugs most like an unknown one (typo, renamed entry), by slug and by name."""
    wanted = slug.strip().lower()[:100]
    by_slug = difflib.get_close_matches(wanted, slugs, n=limit, cutoff=0.5)
    lowered = {name.lower(): s for s, name in names.items()}
    by_name = [lowered[n]
               for n in difflib.get_close_matches(wanted.replace("-", " "), list(lowered), n=limit, cutoff=0.5)]
    contains = [s for s in slugs if wanted and (wanted in s or s in wanted)]
    found: list[str] = []
    for candidate in by_slug + by_name + contains:
        if candidate not in found:
            found.append(candidate)
    return found[:limit]
