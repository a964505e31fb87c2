"""Tool: every field of one entry (`?tool=<slug>`), its sources and the tools most like it."""
import datetime as dt

import streamlit as st

from app_pages import common, data, i18n, url_state
from app_pages.explain import closest_slugs
from app_pages.i18n import _
from app_pages.settings import edit_url
from catalogue.facets import FACET_BY_KEY
from catalogue.geography import GLOBAL, country_name
from catalogue.vocabulary import load_taxonomy

language = i18n.language_selector()
catalogue = data.get_catalogue()
taxonomy = load_taxonomy()
slug = (st.query_params.get("tool") or "").strip()[:100]
tool = catalogue.by_slug.get(slug)
url_state.write_url({"tool": [slug]} if slug else {})


def terms(list_name: str, keys) -> str:
    return ", ".join(taxonomy.label(list_name, key, language) for key in keys) or "—"


def places(codes) -> str:
    return ", ".join(FACET_BY_KEY["country"].label_of(GLOBAL, language) if code == GLOBAL
                     else country_name(code, language) for code in codes)


def spoken(code: str) -> str:
    return i18n.language_name(code)


def yes_no(value) -> str:
    return {True: _("Yes"), False: _("No"), None: _("Not stated")}[value]


def row(label: str, value: str) -> None:
    left, right = st.columns([1, 3])
    left.markdown(f"**{label}**")
    right.markdown(common.escape_markdown(value))


def link_row(label: str, url: str) -> None:
    left, right = st.columns([1, 3])
    left.markdown(f"**{label}**")
    with right:
        common.link(url, url)


if tool is None:
    st.title(_("Tool not found"))
    if slug:
        st.markdown(_("No tool has the identifier “{slug}”.").format(slug=common.escape_markdown(slug)))
    else:
        st.markdown(_("No tool was chosen. Pick one on the Explore page."))
    matches = closest_slugs(slug, list(catalogue.by_slug), {s: t.name for s, t in catalogue.by_slug.items()})
    if matches:
        st.markdown(_("Did you mean one of these?"))
        for match in matches:
            common.tool_link(catalogue.by_slug[match])
    st.page_link(common.EXPLORE_PAGE, label="← " + _("Back to Explore"))
    st.stop()

st.page_link(common.EXPLORE_PAGE, label="← " + _("Back to results"))
st.title(common.escape_markdown(tool.name))
if tool.aliases:
    st.caption(_("Also known as: {names}").format(names=common.escape_markdown(", ".join(tool.aliases))))
common.entry_text(tool, "summary")
common.link(_("Official page: {url}").format(url=tool.url), tool.url)

st.subheader(_("Description"))
common.entry_text(tool, "description")

st.subheader(_("Who runs it"))
row(_("Organisation"),
    f"{tool.organisation.name} ({taxonomy.label('organisation_types', tool.organisation.type, language)})")
if tool.organisation.website:
    link_row(_("Organisation website"), tool.organisation.website)
if tool.partners:
    row(_("Partners"), ", ".join(tool.partners))

st.subheader(_("What it does"))
row(_("Primary purpose"), taxonomy.label("purposes", tool.primary_purpose, language))
row(_("Purposes"), terms("purposes", tool.purposes))
row(_("4P"), terms("four_ps", tool.four_ps))
row(_("Target users"), terms("target_users", tool.target_users))
row(_("Technologies"), terms("technologies", tool.technologies))
row(_("Exploitation types"), terms("exploitation_types", tool.exploitation_types))
row(_("Sectors"), terms("sectors", tool.sectors) if tool.sectors else _("Not stated"))

st.subheader(_("Where"))
row(_("Developed in"), places(tool.developed_in))
row(_("Deployed in"), places(tool.deployed_in))
row(_("ILO regions (deployed)"),
    ", ".join(FACET_BY_KEY["ilo_region"].label_of(r, language) for r in tool.deployed_ilo_regions))
row(_("UN M49 sub-regions (deployed)"),
    ", ".join(FACET_BY_KEY["m49_sub_region"].label_of(r, language) for r in tool.deployed_m49_sub_regions))
row(_("Languages"), ", ".join(spoken(code) for code in tool.languages) if tool.languages else _("Not stated"))

st.subheader(_("Status and access"))
row(_("Status"), taxonomy.label("status", tool.status, language))
if not tool.last_seen_active:
    row(_("Seen in use"), _("No dated source shows it in use"))
elif tool.seen_long_ago(dt.date.today()):
    row(_("Seen in use"), _("{date}: over three years ago, so it may have stopped").format(
        date=i18n.month_year(tool.last_seen_active)))
else:
    row(_("Seen in use"), i18n.month_year(tool.last_seen_active))
row(_("Launched"), str(tool.launched) if tool.launched else _("Not stated"))
if tool.discontinued:
    row(_("Discontinued"), str(tool.discontinued))
row(_("Access"), taxonomy.label("access", tool.access, language))
row(_("Licence"), tool.licence or _("Not stated"))
row(_("Open source"), _("Yes") if tool.open_source else _("No"))
if tool.source_code:
    link_row(_("Source code"), tool.source_code)
row(_("Survivors took part in its design"), yes_no(tool.survivor_informed))
row(_("Handles personal data"), yes_no(tool.handles_personal_data))
if tool.evidence_of_impact:
    link_row(_("Evidence of impact"), tool.evidence_of_impact)

st.subheader(_("Sources"))
for source in tool.sources:
    common.link(source, source)
st.caption(_("Facts last verified on {date}.").format(date=i18n.date(tool.last_verified)))

related = catalogue.engine.related(tool.slug, limit=5)
if related:
    st.subheader(_("Related tools"))
    for hit in related:
        if hit.slug in catalogue.by_slug:
            common.tool_link(catalogue.by_slug[hit.slug])

st.divider()
url = edit_url(tool.slug)
if url:
    st.link_button(_("Suggest an edit"), url)
    st.caption(_("Opens tools_data/{slug}.yaml in the repository; see the Contribute page for how.").format(
        slug=tool.slug))
else:
    st.markdown(_("**Suggest an edit:** change `tools_data/{slug}.yaml` by pull request; the Contribute page explains "
                  "how.").format(slug=tool.slug))
