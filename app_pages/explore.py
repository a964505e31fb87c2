"""Explore: search, filter with live counts, and browse the tools as cards or a table."""
import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import common, data, filters, i18n, url_state
from app_pages.explain import empty_result_reasons
from app_pages.i18n import _, ngettext
from catalogue.export import export_csv, export_json
from catalogue.facets import FACET_BY_KEY
from catalogue.geography import GLOBAL, country_name

MAX_COUNTRIES_ON_CARD = 3


def countries_line(codes: tuple[str, ...]) -> str:
    """"Kenya, Uganda, Qatar and 4 more", or "Global (anywhere)"."""
    language = i18n.current()
    if GLOBAL in codes:
        return FACET_BY_KEY["country"].label_of(GLOBAL, language)
    names = [country_name(code, language) for code in codes]
    shown = ", ".join(names[:MAX_COUNTRIES_ON_CARD])
    more = len(names) - MAX_COUNTRIES_ON_CARD
    return ngettext("{countries} and {count} more", "{countries} and {count} more", more).format(
        countries=shown, count=more) if more > 0 else shown


language = i18n.language_selector()
catalogue = data.get_catalogue()
state, result = filters.current_view(catalogue, limit=filters.PAGE_SIZE, offset_from_page=True)
pages = max(1, -(-result.total // filters.PAGE_SIZE))
if state.page > pages:  # a shared link to page 9 of what is now a shorter list
    filters.go_to_page(pages)
    state, result = filters.current_view(catalogue, limit=filters.PAGE_SIZE, offset_from_page=True)

st.title(_("Anti-Trafficking Tech Catalogue"))
st.caption(_("An open, sourced catalogue of technology tools used against human trafficking and modern slavery."))
common.load_notice(catalogue)
filters.search_box(state)

if result.suggestion:
    st.button(_("Did you mean: {words}?").format(words=common.escape_markdown(result.suggestion)), key="suggestion",
              on_click=filters.use_suggestion, args=(result.suggestion,))
if result.message:
    # The search's notices are English templates with values: shown in the chosen language.
    shown = " ".join(_(notice.template).format(**notice.params) for notice in result.notices) or result.message
    st.info(common.escape_markdown(shown))

header, controls = st.columns([2, 3])
header.markdown("**" + ngettext("{count} of {total} tool", "{count} of {total} tools", len(catalogue.tools)).format(
    count=i18n.number(result.total), total=i18n.number(len(catalogue.tools))) + "**")
with controls:
    filters.sort_and_view(state)
if result.total:
    selected = [catalogue.by_slug[slug] for slug in result.slugs if slug in catalogue.by_slug]
    csv_column, json_column, link_column = st.columns(3)
    # Callables: the files are made only when a button is pressed, not on every rerun.
    csv_column.download_button("⬇️ " + _("Download these results (CSV)"), lambda: export_csv(selected),
                               file_name="tools-selection.csv", mime="text/csv", key="download_results_csv",
                               on_click="ignore")
    json_column.download_button("⬇️ " + _("Download these results (JSON)"), lambda: export_json(selected),
                                file_name="tools-selection.json", mime="application/json",
                                key="download_results_json", on_click="ignore")
    with link_column.popover("🔗 " + _("Copy link to this view")):
        st.caption(_("Anyone opening this link sees these results (use the copy button):"))
        st.code(url_state.view_link(state), language=None, wrap_lines=True)

if result.total == 0:
    st.warning(_("No tool matches."))
    for reason in empty_result_reasons(catalogue.engine, state, language):
        st.markdown("- " + common.escape_markdown(reason))
    st.button(_("Clear all filters and search"), key="clear_all_empty", on_click=filters.clear_all)
elif state.view == "table":
    rows = []
    for hit in result.hits:
        tool = catalogue.by_slug[hit.slug]
        rows.append({
            # The name after `#`: the link column shows it (display_text below), the URL stays a permalink.
            "Tool": f"{url_state.tool_permalink(tool.slug)}#{tool.name}",
            "Organisation": tool.organisation.name,
            "Primary purpose": FACET_BY_KEY["primary_purpose"].label_of(tool.primary_purpose, language),
            "Deployed in": countries_line(tool.deployed_in),
            "Status": FACET_BY_KEY["status"].label_of(tool.status, language),
            "Seen in use": tool.last_seen_active or None,
            "Launched": tool.launched,
            "Last verified": tool.last_verified,
        })
    # Column keys stay English (tests and code read them); the headers people see are translated.
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="results_table", column_config={
        "Tool": st.column_config.LinkColumn(_("Tool"), display_text=r"#(.*)$"),
        "Organisation": _("Organisation"), "Primary purpose": _("Primary purpose"), "Deployed in": _("Deployed in"),
        "Status": _("Status"), "Seen in use": _("Seen in use"),
        "Launched": st.column_config.NumberColumn(_("Launched"), format="%d"),
        "Last verified": st.column_config.DateColumn(_("Last verified")),
    })
else:
    for hit in result.hits:
        tool = catalogue.by_slug[hit.slug]
        with st.container(border=True, key=f"card_{tool.slug}"):
            common.tool_link(tool)
            st.caption(common.escape_markdown(f"{tool.organisation.name} · {countries_line(tool.deployed_in)}"))
            translated = tool.translation(language) if language != i18n.DEFAULT else None
            if translated:
                common.text(translated.summary)
            elif language != i18n.DEFAULT:
                common.in_english(hit.snippet or tool.summary, snippet=True)
            else:
                common.snippet(hit.snippet or tool.summary)
            # One Markdown line of badges: one element instead of one per badge keeps the page light.
            badges = [("blue", FACET_BY_KEY["purpose"].label_of(tool.primary_purpose, language))]
            badges += [("gray", FACET_BY_KEY["ilo_region"].label_of(region, language))
                       for region in tool.deployed_ilo_regions]
            status = FACET_BY_KEY["status"].label_of(tool.status, language)
            if tool.status in ("active", "scaling") and tool.seen_long_ago(dt.date.today()):
                # An old sighting is not shown as a green "active": say when it was last seen.
                badges.append(("orange", _("{status}, last seen in use {date}").format(
                    status=status, date=i18n.month_year(tool.last_seen_active))))
            else:
                badges.append(({"active": "green", "inactive": "red", "scaling": "green"}.get(tool.status, "orange"),
                               status))
                if tool.last_seen_active:
                    badges.append(("gray", _("seen in use: {date}").format(
                        date=i18n.month_year(tool.last_seen_active))))
            st.markdown(" ".join(f":{colour}-badge[{common.escape_markdown(label)}]" for colour, label in badges))

if pages > 1:
    back, where, forward = st.columns([1, 2, 1])
    back.button("← " + _("Previous"), key="page_back", disabled=state.page <= 1,
                on_click=filters.go_to_page, args=(state.page - 1,))
    where.markdown(_("Page {page} of {pages}").format(page=i18n.number(state.page), pages=i18n.number(pages)))
    forward.button(_("Next") + " →", key="page_next", disabled=state.page >= pages,
                   on_click=filters.go_to_page, args=(state.page + 1,))

# Drawn last: the browser shows elements in the order the script sends them, so the results appear
# before the sidebar's fourteen filters (which read the same state, so their counts still agree).
filters.filter_sidebar(catalogue, state, result)
