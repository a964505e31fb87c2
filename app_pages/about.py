"""About: what the catalogue covers, its vocabulary, licence, citation, need-data sources, earlier mappings, downloads.

Every statement is computed in catalogue.about and catalogue.export; this page only draws.
"""
import datetime as dt

import streamlit as st

from app_pages import common, data, i18n
from app_pages.guide import GUIDE_SECTIONS, guide_section, read_guide
from app_pages.i18n import _
from catalogue import about
from catalogue.export import EXPORT_FORMAT_VERSION, export_csv, export_json
from catalogue.facets import GLOBAL_LABEL

language = i18n.language_selector()
catalogue = data.get_catalogue()
tools = list(catalogue.tools)
summary = about.coverage(tools)

st.title(_("About the catalogue"))
st.markdown(_(
    "The **Anti-Trafficking Tech Catalogue** is an open, sourced list of the technology tools used against "
    "human trafficking and modern slavery: hotlines and chat lines, worker-voice and recruiter-review apps, "
    "supply-chain risk tools, image matching for investigators, survivor case management, training and more. "
    "Each tool is one file written in the contributors' own words, with the public pages that back it, and "
    "anyone can add or correct one (see Contribute)."
))
if language != i18n.DEFAULT:
    st.info(_("The interface is translated; the entries themselves are written in English, and show a translated "
              "summary where a contributor has added one."))
counts = st.columns(5)
counts[0].metric(_("Tools"), i18n.number(summary.tools))
counts[1].metric(_("Countries of deployment"), i18n.number(summary.countries),
                 help=_("Tools open to anyone anywhere are not counted here."))
counts[2].metric(_(GLOBAL_LABEL), i18n.number(summary.global_tools),
                 help=_("Tools open to anyone in any country, counted apart."))
counts[3].metric(_("Organisations"), i18n.number(summary.organisations))
counts[4].metric(_("Data last verified"), i18n.date(summary.last_verified) if summary.last_verified else "–")

# ---------------------------------------------------------------- scope

st.header(_("What is included, and what is not"))
st.markdown(
    "- " + _("**Included:** a technology-based product or service (app, website or platform, phone, SMS or chat "
             "line, database or hash list, data set or index, model, online course) for which fighting trafficking, "
             "forced labour, modern slavery or child sexual exploitation is a documented purpose, at any stage from "
             "concept to closed.") + "\n"
    "- " + _("**Not included:** organisations without a tool of their own, general-purpose software not adapted to "
             "trafficking, reports or campaigns on their own, and tools without a public source.") + "\n"
    "- " + _("**Every fact has a public source**, listed with the tool. Status *active* rests on a dated source "
             "showing the tool in use, and its date is shown with the status; *global* is used only for tools open "
             "to anyone anywhere, never spread over regions.") + "\n"
    "- " + _("**No personal data** about victims, survivors or staff.")
)
guide = read_guide()
inclusion = guide_section(guide, GUIDE_SECTIONS[0]) if guide else ""
if inclusion:
    label = _("The full inclusion rules (from CONTRIBUTING.md)")
    with st.expander(label if language == i18n.DEFAULT else label + " " + _("(in English)")):
        st.markdown(inclusion)  # project text, not entry text

# ---------------------------------------------------------------- vocabulary

st.header(_("Vocabulary"))
st.markdown(_("Tools are described with a controlled vocabulary (catalogue/taxonomy.yaml). Every list, with the "
              "definition of each value:"))
lists = about.vocabulary_lists(language)
for tab, vocabulary in zip(st.tabs([v.title for v in lists]), lists, strict=True):
    with tab:
        st.caption(_("Used in {fields}.").format(fields=vocabulary.used_in))
        # A list, not a table: definitions read in full on any screen, and a phone gets no sideways
        # scrolling region (which keyboard users cannot reach). Taxonomy text is project text.
        st.markdown("\n".join(
            f"- **{row['Label']}** (`{row['Key']}`"
            + (f", {row['4P']}" if "4P" in row else "") + f"): {row['Definition']}" for row in vocabulary.rows))

# ---------------------------------------------------------------- need data

st.header(_("Where the need figures come from"))
st.markdown(_("The Gaps page sets the tools against the 2022 Global Estimates of Modern Slavery (ILO, Walk Free, "
              "IOM), published only for the five ILO regions. Walk Free warns that regional comparisons suffer "
              "from data gaps, above all in conflict areas."))
for source in about.need_sources(language=language):
    common.link(source.title, source.url)
    st.caption(" · ".join(common.escape_markdown(item) for item in source.covers))

# ---------------------------------------------------------------- earlier mappings

st.header(_("Earlier mappings"))
for mapping in about.EARLIER_MAPPINGS:
    st.markdown(f"**{common.escape_markdown(mapping.title)}** ({mapping.year})")
    st.markdown(common.escape_markdown(mapping.summary(language)))
    for label, url in mapping.links:
        common.link(label, url)

# ---------------------------------------------------------------- licence, citation, downloads

st.header(_("Licence"))
data_name, data_url = about.DATA_LICENCE
code_name, code_url = about.CODE_LICENCE
st.markdown(_("The entries in `tools_data/` are licensed under [{data_name}]({data_url}): reuse them with "
              "attribution. The code is licensed under [{code_name}]({code_url}). Pages linked from an entry's "
              "sources, and the names of the tools and organisations, belong to their owners.").format(
    data_name=data_name, data_url=data_url, code_name=code_name, code_url=code_url))

st.header(_("How to cite"))
st.markdown(_("The catalogue changes as contributors add and correct entries: cite the date you used it."))
st.code(about.citation(tools, accessed=dt.date.today()), language=None, wrap_lines=True)
with st.expander("BibTeX"):
    st.code(about.bibtex(tools), language=None)

st.header(_("Download the data"))
st.markdown(_("Every entry ({count} tools) with its derived fields (4P roll-up, ILO and UN M49 regions, "
              "open source). The JSON (`format_version` {version}) is a stable interface; the CSV "
              "joins list fields with `;`.").format(count=i18n.number(summary.tools), version=EXPORT_FORMAT_VERSION))
csv_column, json_column = st.columns(2)
csv_column.download_button("⬇️ " + _("Whole catalogue as CSV"), export_csv(tools).encode("utf-8"),
                           file_name=f"{about.EXPORT_STEM}.csv", mime="text/csv", key="download_all_csv",
                           on_click="ignore")
json_column.download_button("⬇️ " + _("Whole catalogue as JSON"), export_json(tools).encode("utf-8"),
                            file_name=f"{about.EXPORT_STEM}.json", mime="application/json", key="download_all_json",
                            on_click="ignore")

st.header(_("Entry files skipped"))
if catalogue.result.skipped_files:
    common.load_notice(catalogue)
else:
    st.markdown(_("None: every entry file passed the validator and is shown."))
