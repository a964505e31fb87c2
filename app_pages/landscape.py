"""Landscape: charts of the current selection (search and filters), each with its data and a CSV."""
import streamlit as st

from app_pages import charts, common, data, filters, i18n
from app_pages.i18n import _, ngettext
from catalogue import analysis
from catalogue.facets import GLOBAL_LABEL
from catalogue.i18n import N_

language = i18n.language_selector()
catalogue = data.get_catalogue()
st.title(_("Landscape"))
st.caption(_("What the tools in the current selection do, where they are used, what they are built with and "
             "who builds them. Narrow the selection with the search box and the filters."))
common.load_notice(catalogue)
state, _result, tools = filters.selection(catalogue)
selected = common.describe_selection(state, len(tools), len(catalogue.tools))
global_tools = analysis.count_global(tools)
count, total = i18n.number(len(tools)), i18n.number(len(catalogue.tools))

st.markdown("**" + ngettext("{count} of {total} tool", "{count} of {total} tools", len(catalogue.tools)).format(
    count=count, total=total) + "** " + _("in the current selection."))
if not tools:
    st.warning(_("No tool matches the current search and filters, so there is nothing to chart."))
    st.button(_("Clear all filters and search"), key="clear_all_empty", on_click=filters.clear_all)
    st.stop()
st.caption(_("A tool counts once under every value it has (a tool with two purposes counts under both), so bars "
             "can add up to more than {count}. Tools usable anywhere ({global_tools} here) are their own bar, "
             "“{global_label}”, never spread over regions or countries.").format(
    count=count, global_tools=i18n.number(global_tools), global_label=_(GLOBAL_LABEL)))

COUNT_COLUMNS = {"label": _("Value"), "tools": st.column_config.NumberColumn(_("Tools")),
                 "percent": st.column_config.NumberColumn(_("Share of selection (%)"), format="%.1f")}
# Headings, and the chart titles made from them.
HEADINGS = {
    "purpose": (N_("By purpose"), N_("Tools by purpose")),
    "four_p": (N_("By the 4 Ps"), N_("Tools by the 4 Ps")),
    "ilo_region": (N_("Deployed in, by ILO region"), N_("Tools deployed in, by ILO region")),
    "m49_sub_region": (N_("Deployed in, by UN M49 sub-region"), N_("Tools deployed in, by UN M49 sub-region")),
    "technology": (N_("By technology"), N_("Tools by technology")),
    "exploitation_type": (N_("By exploitation type"), N_("Tools by exploitation type")),
}
LEVELS = {"ilo_region": N_("ILO regions"), "m49_sub_region": N_("UN M49 sub-regions")}


def facet_chart(facet_key: str) -> None:
    heading, title = HEADINGS[facet_key]
    st.subheader(_(heading))
    table = analysis.count_by(tools, facet_key, language)
    charts.show(charts.bar_chart(table, language=language), table, f"tools_by_{facet_key}.csv", key=facet_key,
                column_config=COUNT_COLUMNS, shown_columns=["label", "tools", "percent"],
                title=_(title), selection=selected, language=language)


left, right = st.columns(2)
with left:
    facet_chart("purpose")
with right:
    facet_chart("four_p")
    st.caption(_("Each purpose rolls up to one of the 4 Ps: prevention, protection, prosecution, partnership."))

left, right = st.columns(2)
with left:
    facet_chart("ilo_region")
with right:
    facet_chart("m49_sub_region")

left, right = st.columns(2)
with left:
    facet_chart("technology")
with right:
    facet_chart("exploitation_type")

st.subheader(_("Launches per year"))
years = analysis.launches_per_year(tools)
if years.table.empty:
    st.info(_("No tool in the selection has a known launch year."))
else:
    charts.show(charts.year_chart(years.table, language), years.table, "launches_per_year.csv", key="launches",
                title=_("Tools launched per year"), selection=selected, language=language,
                column_config={"year": _("Year"), "tools": st.column_config.NumberColumn(_("Tools"))})
st.caption(ngettext("{without} of {count} tool has no known launch year and is not in this chart.",
                    "{without} of {count} tools have no known launch year and are not in this chart.",
                    len(tools)).format(without=i18n.number(years.without_year), count=count))

st.subheader(_("Who builds for whom"))
level = st.radio(_("Regions"), list(LEVELS), horizontal=True, key="landscape_level", format_func=i18n.labels(LEVELS))
matrix = analysis.developed_vs_deployed(tools, level, language)
st.caption(_("Rows: where a tool was developed. Columns: where it is deployed. Each cell counts the tools "
             "developed in the row's region and deployed in the column's; a tool built or used in several "
             "regions counts in each."))
charts.show(charts.heatmap(matrix.set_index("developed_in"), _("Developed in"), _("Deployed in"), language=language),
            matrix, f"developed_vs_deployed_{level}.csv", key="built_for",
            title=_("Where tools are built, and for where"), selection=selected, language=language,
            column_config={"developed_in": _("Developed in")})
local = analysis.local_development(tools, level, language)
st.markdown(_("**Built where they are used?** Tools deployed in each region, and how many were developed only "
              "outside it."))
charts.show(None, local, f"local_development_{level}.csv", key="local", language=language, column_config={
    "region": _("Deployed in"), "tools_deployed": _("Tools deployed"),
    "developed_there": _("Developed there (at least partly)"),
    "developed_only_elsewhere": _("Developed only elsewhere"),
    "percent_only_elsewhere": st.column_config.NumberColumn(_("Developed only elsewhere (%)"), format="%.1f"),
})

st.subheader(_("Deployment countries"))
by_country = analysis.deployment_by_country(tools, language)
if by_country.empty:
    st.info(_("No tool in the selection names a deployment country."))
else:
    charts.show(charts.world_map(by_country, language), by_country, "tools_by_country.csv", key="map",
                title=_("Tools deployed per country"), selection=selected, language=language, column_config={
        "iso3": _("ISO code"), "country": _("Country"), "ilo_region": _("ILO region"),
        "m49_sub_region": _("UN M49 sub-region"), "tools": st.column_config.NumberColumn(_("Tools"))})
    drawable = charts.mapped_countries()
    unmapped = [name for code, name in zip(by_country["iso3"], by_country["country"], strict=True)
                if code not in drawable]
    if unmapped:
        st.caption(_("Too small to draw on this map (they are in the table): {countries}.").format(
            countries=common.escape_markdown(", ".join(unmapped))))
st.caption(ngettext("{count} tool usable anywhere (“{global_label}”) is not painted on any country.",
                    "{count} tools usable anywhere (“{global_label}”) are not painted on any country.",
                    global_tools).format(count=i18n.number(global_tools), global_label=_(GLOBAL_LABEL)))
