"""Landscape: charts of the current selection (search and filters), each with its data and a CSV."""
import streamlit as st

from app_pages import charts, common
from catalogue import analysis

catalogue = common.get_catalogue()
st.title("Landscape")
st.caption("What the tools in the current selection do, where they are used, what they are built with and "
           "who builds them. Narrow the selection with the search box and the filters.")
common.load_notice(catalogue)
state, _, tools = common.selection(catalogue)
selected = common.describe_selection(state, len(tools), len(catalogue.tools))
global_tools = analysis.count_global(tools)

st.markdown(f"**{len(tools)} of {len(catalogue.tools)} tools** in the current selection.")
if not tools:
    st.warning("No tool matches the current search and filters, so there is nothing to chart.")
    st.button("Clear all filters and search", key="clear_all_empty", on_click=common.clear_all)
    st.stop()
st.caption("A tool counts once under every value it has (a tool with two purposes counts under both), so bars "
           f"can add up to more than {len(tools)}. Tools usable anywhere ({global_tools} here) are their own bar, "
           "“Global (anywhere)”, never spread over regions or countries.")

COUNT_COLUMNS = {"label": "Value", "tools": st.column_config.NumberColumn("Tools"),
                 "percent": st.column_config.NumberColumn("% of selection", format="%.1f")}


def facet_chart(facet_key: str, heading: str) -> None:
    st.subheader(heading)
    table = analysis.count_by(tools, facet_key)
    charts.show(charts.bar_chart(table), table, f"tools_by_{facet_key}.csv", key=facet_key,
                column_config=COUNT_COLUMNS, shown_columns=["label", "tools", "percent"],
                title=f"Tools {heading[0].lower()}{heading[1:]}", selection=selected)


left, right = st.columns(2)
with left:
    facet_chart("purpose", "By purpose")
with right:
    facet_chart("four_p", "By the 4 Ps")
    st.caption("Each purpose rolls up to one of the 4 Ps: prevention, protection, prosecution, partnership.")

left, right = st.columns(2)
with left:
    facet_chart("ilo_region", "Deployed in, by ILO region")
with right:
    facet_chart("m49_sub_region", "Deployed in, by UN M49 sub-region")

left, right = st.columns(2)
with left:
    facet_chart("technology", "By technology")
with right:
    facet_chart("exploitation_type", "By exploitation type")

st.subheader("Launches per year")
years = analysis.launches_per_year(tools)
if years.table.empty:
    st.info("No tool in the selection has a known launch year.")
else:
    charts.show(charts.year_chart(years.table), years.table, "launches_per_year.csv", key="launches",
                title="Tools launched per year", selection=selected)
st.caption(f"{years.without_year} of {len(tools)} tools have no known launch year and are not in this chart.")

st.subheader("Who builds for whom")
level = st.radio("Regions", ["ilo_region", "m49_sub_region"], horizontal=True, key="landscape_level",
                 format_func={"ilo_region": "ILO regions", "m49_sub_region": "UN M49 sub-regions"}.get)
matrix = analysis.developed_vs_deployed(tools, level)
st.caption("Rows: where a tool was developed. Columns: where it is deployed. Each cell counts the tools "
           "developed in the row's region and deployed in the column's; a tool built or used in several "
           "regions counts in each.")
charts.show(charts.heatmap(matrix.set_index("developed_in"), "Developed in", "Deployed in"), matrix,
            f"developed_vs_deployed_{level}.csv", key="built_for", title="Where tools are built, and for where",
            selection=selected)
local = analysis.local_development(tools, level)
st.markdown("**Built where they are used?** Tools deployed in each region, and how many were developed only "
            "outside it.")
charts.show(None, local, f"local_development_{level}.csv", key="local", column_config={
    "region": "Deployed in", "tools_deployed": "Tools deployed", "developed_there": "Developed there (at least partly)",
    "developed_only_elsewhere": "Developed only elsewhere",
    "percent_only_elsewhere": st.column_config.NumberColumn("% developed only elsewhere", format="%.1f"),
})

st.subheader("Deployment countries")
by_country = analysis.deployment_by_country(tools)
if by_country.empty:
    st.info("No tool in the selection names a deployment country.")
else:
    charts.show(charts.world_map(by_country), by_country, "tools_by_country.csv", key="map",
                title="Tools deployed per country", selection=selected, column_config={
        "iso3": "ISO code", "country": "Country", "ilo_region": "ILO region",
        "m49_sub_region": "UN M49 sub-region", "tools": st.column_config.NumberColumn("Tools")})
    drawable = charts.mapped_countries()
    unmapped = [name for code, name in zip(by_country["iso3"], by_country["country"]) if code not in drawable]
    if unmapped:
        st.caption("Too small to draw on this map (they are in the table): "
                   + common.escape_markdown(", ".join(unmapped)) + ".")
st.caption(f"{global_tools} {'tool' if global_tools == 1 else 'tools'} usable anywhere (“Global (anywhere)”) "
           f"{'is' if global_tools == 1 else 'are'} not painted on any country.")
