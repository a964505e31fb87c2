"""Gaps: where tools are missing against need, for donors; every table downloadable, every figure sourced."""
import streamlit as st

from app_pages import charts, common, data, filters, i18n
from app_pages.i18n import _, ngettext
from app_pages.render import markdown_link
from catalogue import analysis
from catalogue.facets import GLOBAL_LABEL
from catalogue.i18n import N_

NUMBER = st.column_config.NumberColumn
LEVELS = {"ilo_region": N_("ILO regions"), "m49_sub_region": N_("UN M49 sub-regions")}
KINDS = {"region": N_("Region"), "region_purpose": N_("Region × purpose"), "form": N_("Form of exploitation")}

language = i18n.language_selector()
GAP_COLUMNS = {
    "kind": _("Kind"), "subject": _("Gap"), "tools": _("Tools"), "global_tools": _("Global tools"),
    "need_millions": NUMBER(_("Need (millions)"), format="%.1f"), "need_measure": _("Measure"),
    "people_per_tool": NUMBER(_("People per tool (millions)"), format="%.2f"), "sentence": _("In words"),
}
NEED_COLUMNS = {
    "ilo_region": _("ILO region"), "tools": _("Tools deployed"),
    "people_in_modern_slavery_millions": NUMBER(_("People in modern slavery (m)"), format="%.1f"),
    "forced_labour_millions": NUMBER(_("In forced labour (m)"), format="%.1f"),
    "prevalence_per_1000": NUMBER(_("Prevalence per 1,000"), format="%.1f"),
    "tools_per_million_people": NUMBER(_("Tools per million in modern slavery"), format="%.2f"),
    "tools_per_million_forced_labour": NUMBER(_("Tools per million in forced labour"), format="%.2f"),
    "estimate_year": NUMBER(_("Data year"), format="%d"), "note": _("Note"),
}
FORM_COLUMNS = {
    "form": _("Form"), "people_millions": NUMBER(_("People (millions)"), format="%.1f"),
    "exploitation_types": _("Counted as"), "tools_specific": _("Tools tagged with this form"),
    "tools_all_forms": _("Tools tagged all forms"),
    "tools_per_million": NUMBER(_("Tools per million people"), format="%.2f"),
}


def cite(frame) -> None:
    """The distinct sources of a need table on one line, each a link when it is http(s)."""
    sources = dict.fromkeys(zip(frame["source_title"], frame["source_url"], strict=True))
    label = ngettext("Source", "Sources", len(sources))
    st.markdown(f"{label}: " + "; ".join(markdown_link(str(title), str(url)) for title, url in sources) + ".")


catalogue = data.get_catalogue()
st.title(_("Gaps"))
st.caption(_("Where tools are missing: regions and purposes without tools, and tools against the number of people "
             "in modern slavery."))
common.load_notice(catalogue)
state, _result, tools = filters.selection(catalogue)
global_tools = analysis.count_global(tools)
selected = common.describe_selection(state, len(tools), len(catalogue.tools))
years = (" " + _("and") + " ").join(str(year) for year in analysis.estimate_years()) \
    or _("a year the source does not state")
global_label = _(GLOBAL_LABEL)

st.markdown("**" + ngettext("{count} of {total} tool", "{count} of {total} tools", len(catalogue.tools)).format(
    count=i18n.number(len(tools)), total=i18n.number(len(catalogue.tools))) + "** " + _("in the current selection."))
st.info(_("Tools usable anywhere (“{global_label}”, {global_tools} in this selection) are counted separately, "
          "never spread over regions: a region's count is the tools deployed in at least one of its countries. "
          "The need figures (Global Estimates of Modern Slavery, sources cited under each table) describe {years}; "
          "their publishers warn that regional comparisons suffer from data gaps, above all in conflict areas.").format(
    global_label=global_label, global_tools=i18n.number(global_tools), years=years))
if any(key in state.filters for key in ("ilo_region", "m49_region", "m49_sub_region", "country")):
    st.warning(_("A region or country filter is on: regions outside it show as empty because of the filter, "
                 "not because they have no tools."))

st.header(_("Largest gaps"))
gaps = analysis.gap_table(tools, language=language)
st.caption(_("Ranked by people per tool: millions of people affected divided by (tools + 1), so a region or purpose "
             "with no tool at all ranks by how many people it leaves without one. Regions, empty and thin "
             "(fewer than {thin} tools) region × purpose cells, and forms of exploitation are compared "
             "on that one scale.").format(thin=analysis.THIN_BELOW))
for sentence in gaps["sentence"].head(10):
    st.markdown("- " + common.escape_markdown(sentence))
gaps["kind"] = [_(KINDS.get(kind, kind)) for kind in gaps["kind"]]
charts.show(None, gaps, "largest_gaps.csv", key="gaps", column_config=GAP_COLUMNS, language=language)

st.header(_("Region × purpose"))
level = st.radio(_("Regions"), list(LEVELS), horizontal=True, key="gaps_level", format_func=i18n.labels(LEVELS))
matrix = analysis.coverage_matrix(tools, level, language=language)
grid = analysis.coverage_grid(matrix, language)
st.caption(_("Each cell: tools deployed in the region (column) that serve the purpose (row); a tool counts under "
             "each of its purposes. “{empty}” = no tool; “{thin_marker}” = fewer than {thin} tools. "
             "The last column is the global bucket.").format(
    empty=_(analysis.COVERAGE_MARKERS["empty"]), thin_marker=_(analysis.COVERAGE_MARKERS["thin"]),
    thin=analysis.THIN_BELOW))
SHAPES = {"chart": N_("Chart"), "list": N_("List by region")}
shape = st.radio(_("Show as"), list(SHAPES), horizontal=True, key="gaps_matrix_shape",
                 index=1 if common.on_phone() else 0, format_func=i18n.labels(SHAPES),
                 help=_("On a phone the list is shown first: a matrix this wide is hard to read on a narrow screen."))
if shape == "list":
    for region in [column for column in grid.columns if column != "purpose"]:
        cells = "; ".join(f"{purpose} {cell}" for purpose, cell in zip(grid["purpose"], grid[region], strict=True))
        st.markdown(f"**{common.escape_markdown(region)}**: {common.escape_markdown(cells)}")
else:
    st.plotly_chart(charts.with_caption(charts.heatmap(analysis.coverage_counts(matrix), _("Purpose"), _("Deployed in"),
                                                      text=grid.set_index("purpose"), language=language),
                                       _("Tools per purpose and region ({level})").format(level=_(LEVELS[level])),
                                       selected, language=language),
                    key="chart_coverage", config=charts.PLOTLY_CONFIG)
with st.expander(_("Data as a table"), expanded=True):
    st.dataframe(grid, hide_index=True, key="table_coverage", column_config={"purpose": _("Purpose")})
# Counts only (the table above adds markers for reading): one row per purpose, one column per region.
common.download_csv(_("Download CSV"), charts.readable_table(analysis.coverage_counts(matrix).reset_index(),
                                                             {"purpose": _("Purpose")}),
                    f"coverage_{level}.csv", key="download_coverage")

st.header(_("Tools against need, by ILO region"))
need = analysis.need_coverage(tools, language=language)
st.caption(_("Tools deployed in each region per million people in modern slavery, and per million in forced labour. "
             "Global tools ({global_tools}) are in no region.").format(global_tools=i18n.number(global_tools)))
need_chart = charts.grouped_bars(need, "ilo_region", {
    "tools_per_million_people": _("Tools per million people in modern slavery"),
    "tools_per_million_forced_labour": _("Tools per million people in forced labour")}, _("Tools per million people"),
    language=language)
charts.show(need_chart, need, "need_coverage.csv", key="need", column_config=NEED_COLUMNS,
            shown_columns=list(NEED_COLUMNS), expanded=True, title=_("Tools per million people, by ILO region"),
            selection=selected, language=language)
for region, note in zip(need["ilo_region"], need["note"], strict=True):
    if note:
        st.caption(common.escape_markdown(f"{region}: {note}"))
cite(need)

st.header(_("Forms of exploitation against the estimates"))
forms = analysis.exploitation_coverage(tools, language=language)
st.caption(_("Tools tagged with each form the Global Estimates measure. Tools tagged “{all_forms}” apply to every row "
             "and are counted separately, not added in.").format(
    all_forms=analysis.load_taxonomy().label("exploitation_types", "all_forms", language)))
forms_chart = charts.grouped_bars(forms, "form", {"tools_per_million": _("Tools per million people")},
                                  _("Tools tagged with the form, per million people"), language=language)
charts.show(forms_chart, forms, "exploitation_coverage.csv", key="forms", column_config=FORM_COLUMNS,
            shown_columns=list(FORM_COLUMNS), expanded=True,
            title=_("Tools per million people, by form of exploitation"), selection=selected, language=language)
cite(forms)
