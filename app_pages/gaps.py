"""Gaps: where tools are missing against need, for donors; every table downloadable, every figure sourced."""
import streamlit as st

from app_pages import charts, common
from app_pages.render import markdown_link
from catalogue import analysis

NUMBER = st.column_config.NumberColumn
GAP_COLUMNS = {
    "kind": "Kind", "subject": "Gap", "tools": "Tools", "global_tools": "Global tools",
    "need_millions": NUMBER("Need (millions)", format="%.1f"), "need_measure": "Measure",
    "people_per_tool": NUMBER("People per tool (millions)", format="%.2f"), "sentence": "In words",
}
NEED_COLUMNS = {
    "ilo_region": "ILO region", "tools": "Tools deployed",
    "people_in_modern_slavery_millions": NUMBER("People in modern slavery (m)", format="%.1f"),
    "forced_labour_millions": NUMBER("In forced labour (m)", format="%.1f"),
    "prevalence_per_1000": NUMBER("Prevalence per 1,000", format="%.1f"),
    "tools_per_million_people": NUMBER("Tools per million in modern slavery", format="%.2f"),
    "tools_per_million_forced_labour": NUMBER("Tools per million in forced labour", format="%.2f"),
    "estimate_year": NUMBER("Data year", format="%d"), "note": "Note",
}
FORM_COLUMNS = {
    "form": "Form", "people_millions": NUMBER("People (millions)", format="%.1f"), "exploitation_types": "Counted as",
    "tools_specific": "Tools tagged with this form", "tools_all_forms": "Tools tagged all forms",
    "tools_per_million": NUMBER("Tools per million people", format="%.2f"),
}
LEVELS = {"ilo_region": "ILO regions", "m49_sub_region": "UN M49 sub-regions"}


def cite(frame) -> None:
    """The distinct sources of a need table on one line, each a link when it is http(s)."""
    sources = dict.fromkeys(zip(frame["source_title"], frame["source_url"]))
    label = "Source" if len(sources) == 1 else "Sources"
    st.markdown(f"{label}: " + "; ".join(markdown_link(str(title), str(url)) for title, url in sources) + ".")


catalogue = common.get_catalogue()
st.title("Gaps")
st.caption("Where tools are missing: regions and purposes without tools, and tools against the number of people "
           "in modern slavery.")
common.load_notice(catalogue)
state, _, tools = common.selection(catalogue)
global_tools = analysis.count_global(tools)
selected = common.describe_selection(state, len(tools), len(catalogue.tools))
years = " and ".join(str(year) for year in analysis.estimate_years()) or "a year the source does not state"

st.markdown(f"**{len(tools)} of {len(catalogue.tools)} tools** in the current selection.")
st.info(f"Tools usable anywhere (“Global (anywhere)”, {global_tools} in this selection) are counted separately, "
        "never spread over regions: a region's count is the tools deployed in at least one of its countries. "
        f"The need figures (Global Estimates of Modern Slavery, sources cited under each table) describe {years}; "
        "their publishers warn that regional comparisons suffer from data gaps, above all in conflict areas.")
if any(key in state.filters for key in ("ilo_region", "m49_region", "m49_sub_region", "country")):
    st.warning("A region or country filter is on: regions outside it show as empty because of the filter, "
               "not because they have no tools.")

st.header("Largest gaps")
gaps = analysis.gap_table(tools)
st.caption("Ranked by people per tool: millions of people affected divided by (tools + 1), so a region or purpose "
           "with no tool at all ranks by how many people it leaves without one. Regions, empty and thin "
           f"(fewer than {analysis.THIN_BELOW} tools) region × purpose cells, and forms of exploitation are compared "
           "on that one scale.")
for sentence in gaps["sentence"].head(10):
    st.markdown("- " + common.escape_markdown(sentence))
charts.show(None, gaps, "largest_gaps.csv", key="gaps", column_config=GAP_COLUMNS)

st.header("Region × purpose")
level = st.radio("Regions", list(LEVELS), horizontal=True, key="gaps_level", format_func=LEVELS.get)
matrix = analysis.coverage_matrix(tools, level)
grid = analysis.coverage_grid(matrix)
st.caption("Each cell: tools deployed in the region (column) that serve the purpose (row); a tool counts under "
           f"each of its purposes. “{analysis.COVERAGE_MARKERS['empty']}” = no tool; "
           f"“{analysis.COVERAGE_MARKERS['thin']}” = fewer than {analysis.THIN_BELOW} tools. "
           "The last column is the global bucket.")
shape = st.radio("Show as", ["chart", "list"], horizontal=True, key="gaps_matrix_shape",
                 index=1 if common.on_phone() else 0, format_func={"chart": "Chart", "list": "List by region"}.get,
                 help="On a phone the list is shown first: a matrix this wide is hard to read on a narrow screen.")
if shape == "list":
    for region in [column for column in grid.columns if column != "purpose"]:
        cells = "; ".join(f"{purpose} {cell}" for purpose, cell in zip(grid["purpose"], grid[region]))
        st.markdown(f"**{common.escape_markdown(region)}**: {common.escape_markdown(cells)}")
else:
    st.plotly_chart(charts.with_caption(charts.heatmap(analysis.coverage_counts(matrix), "Purpose", "Deployed in",
                                                      text=grid.set_index("purpose")),
                                       f"Tools per purpose and region ({LEVELS[level]})", selected),
                    key="chart_coverage", config=charts.PLOTLY_CONFIG)
with st.expander("Data as a table", expanded=True):
    st.dataframe(grid, hide_index=True, key="table_coverage")
# Counts only (the table above adds markers for reading): one row per purpose, one column per region.
common.download_csv("Download CSV", charts.readable_table(analysis.coverage_counts(matrix).reset_index()),
                    f"coverage_{level}.csv", key="download_coverage")

st.header("Tools against need, by ILO region")
need = analysis.need_coverage(tools)
st.caption("Tools deployed in each region per million people in modern slavery, and per million in forced labour. "
           f"Global tools ({global_tools}) are in no region.")
need_chart = charts.grouped_bars(need, "ilo_region", {
    "tools_per_million_people": "Tools per million people in modern slavery",
    "tools_per_million_forced_labour": "Tools per million people in forced labour"}, "Tools per million people")
charts.show(need_chart, need, "need_coverage.csv", key="need", column_config=NEED_COLUMNS,
            shown_columns=list(NEED_COLUMNS), expanded=True, title="Tools per million people, by ILO region",
            selection=selected)
for region, note in zip(need["ilo_region"], need["note"]):
    if note:
        st.caption(common.escape_markdown(f"{region}: {note}"))
cite(need)

st.header("Forms of exploitation against the estimates")
forms = analysis.exploitation_coverage(tools)
st.caption("Tools tagged with each form the Global Estimates measure. Tools tagged “All forms” apply to every row "
           "and are counted separately, not added in.")
forms_chart = charts.grouped_bars(forms, "form", {"tools_per_million": "Tools per million people"},
                                  "Tools tagged with the form, per million people")
charts.show(forms_chart, forms, "exploitation_coverage.csv", key="forms", column_config=FORM_COLUMNS,
            shown_columns=list(FORM_COLUMNS), expanded=True, title="Tools per million people, by form of exploitation",
            selection=selected)
cite(forms)
