"""Explore: search, filter with live counts, and browse the tools as cards or a table."""
import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.explain import empty_result_reasons
from catalogue.facets import FACET_BY_KEY

catalogue = common.get_catalogue()
state, result = common.current_view(catalogue, limit=common.PAGE_SIZE, offset_from_page=True)
pages = max(1, -(-result.total // common.PAGE_SIZE))
if state.page > pages:  # a shared link to page 9 of what is now a shorter list
    common.go_to_page(pages)
    state, result = common.current_view(catalogue, limit=common.PAGE_SIZE, offset_from_page=True)

st.title("Anti-Trafficking Tech Catalogue")
st.caption("An open, sourced catalogue of technology tools used against human trafficking and modern slavery.")
common.load_notice(catalogue)
common.search_box(state)
common.filter_sidebar(catalogue, state, result)

if result.suggestion:
    st.button(f"Did you mean: {common.escape_markdown(result.suggestion)}?", key="suggestion",
              on_click=common.use_suggestion, args=(result.suggestion,))
if result.message:
    st.info(common.escape_markdown(result.message))

header, controls = st.columns([2, 3])
header.markdown(f"**{result.total} of {len(catalogue.tools)} tools**")
with controls:
    common.sort_and_view(state)

if result.total == 0:
    st.warning("No tool matches.")
    for reason in empty_result_reasons(catalogue.engine, state):
        st.markdown("- " + common.escape_markdown(reason))
    st.button("Clear all filters and search", key="clear_all_empty", on_click=common.clear_all)
elif state.view == "table":
    rows = []
    for hit in result.hits:
        tool = catalogue.by_slug[hit.slug]
        rows.append({
            "Tool": common.tool_permalink(tool.slug),
            "Name": tool.name,
            "Organisation": tool.organisation.name,
            "Primary purpose": FACET_BY_KEY["primary_purpose"].label_of(tool.primary_purpose),
            "Deployed (ILO region)": ", ".join(FACET_BY_KEY["ilo_region"].label_of(r) for r in tool.deployed_ilo_regions),
            "Status": FACET_BY_KEY["status"].label_of(tool.status),
            "Seen in use": tool.last_seen_active or None,
            "Launched": tool.launched,
            "Last verified": tool.last_verified,
        })
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="results_table", column_config={
        "Tool": st.column_config.LinkColumn("Tool", display_text=r"tool=(.*)$"),
        "Launched": st.column_config.NumberColumn(format="%d"),
    })
else:
    for hit in result.hits:
        tool = catalogue.by_slug[hit.slug]
        with st.container(border=True, key=f"card_{tool.slug}"):
            common.tool_link(tool)
            st.caption(common.escape_markdown(tool.organisation.name))
            common.snippet(hit.snippet or tool.summary)
            # One Markdown line of badges: one element instead of one per badge keeps the page light.
            badges = [("blue", FACET_BY_KEY["purpose"].label_of(tool.primary_purpose))]
            badges += [("gray", FACET_BY_KEY["ilo_region"].label_of(region)) for region in tool.deployed_ilo_regions]
            status = FACET_BY_KEY["status"].label_of(tool.status)
            if tool.status in ("active", "scaling") and tool.seen_long_ago(dt.date.today()):
                # An old sighting is not shown as a green "active": say when it was last seen.
                badges.append(("orange", f"{status}, last seen in use {common.month_year(tool.last_seen_active)}"))
            else:
                badges.append(({"active": "green", "inactive": "red", "scaling": "green"}.get(tool.status, "orange"),
                               status))
                if tool.last_seen_active:
                    badges.append(("gray", f"seen in use: {common.month_year(tool.last_seen_active)}"))
            st.markdown(" ".join(f":{colour}-badge[{common.escape_markdown(label)}]" for colour, label in badges))

if pages > 1:
    back, where, forward = st.columns([1, 2, 1])
    back.button("← Previous", key="page_back", disabled=state.page <= 1,
                on_click=common.go_to_page, args=(state.page - 1,))
    where.markdown(f"Page {state.page} of {pages}")
    forward.button("Next →", key="page_next", disabled=state.page >= pages,
                   on_click=common.go_to_page, args=(state.page + 1,))
