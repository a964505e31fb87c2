"""Tool: every field of one entry (`?tool=<slug>`), its sources and the tools most like it."""
import datetime as dt

import pycountry
import streamlit as st

from app_pages import common
from app_pages.explain import closest_slugs
from app_pages.settings import edit_url
from catalogue.facets import FACET_BY_KEY
from catalogue.geography import GLOBAL, country_name
from catalogue.vocabulary import load_taxonomy

catalogue = common.get_catalogue()
taxonomy = load_taxonomy()
slug = (st.query_params.get("tool") or "").strip()[:100]
tool = catalogue.by_slug.get(slug)
common.write_url({"tool": [slug]} if slug else {})


def terms(list_name: str, keys) -> str:
    return ", ".join(taxonomy.label(list_name, key) for key in keys) or "—"


def places(codes) -> str:
    return ", ".join("Global (anywhere)" if code == GLOBAL else country_name(code) for code in codes)


def language(code: str) -> str:
    found = pycountry.languages.get(alpha_2=code)
    return found.name if found else code


def yes_no(value) -> str:
    return {True: "Yes", False: "No", None: "Not stated"}[value]


def row(label: str, value: str) -> None:
    left, right = st.columns([1, 3])
    left.markdown(f"**{label}**")
    right.markdown(common.escape_markdown(value))


if tool is None:
    st.title("Tool not found")
    if slug:
        st.markdown("No tool has the identifier “" + common.escape_markdown(slug) + "”.")
    else:
        st.markdown("No tool was chosen. Pick one on the Explore page.")
    matches = closest_slugs(slug, list(catalogue.by_slug), {s: t.name for s, t in catalogue.by_slug.items()})
    if matches:
        st.markdown("Did you mean one of these?")
        for match in matches:
            common.tool_link(catalogue.by_slug[match])
    st.page_link(common.EXPLORE_PAGE, label="← Back to Explore")
    st.stop()

st.page_link(common.EXPLORE_PAGE, label="← Back to results")
st.title(common.escape_markdown(tool.name))
if tool.aliases:
    st.caption("Also known as: " + common.escape_markdown(", ".join(tool.aliases)))
common.text(tool.summary)
common.link(f"Official page: {tool.url}", tool.url)

st.subheader("Description")
common.text(tool.description)

st.subheader("Who runs it")
row("Organisation", f"{tool.organisation.name} ({taxonomy.label('organisation_types', tool.organisation.type)})")
if tool.organisation.website:
    left, right = st.columns([1, 3])
    left.markdown("**Organisation website**")
    with right:
        common.link(tool.organisation.website, tool.organisation.website)
if tool.partners:
    row("Partners", ", ".join(tool.partners))

st.subheader("What it does")
row("Primary purpose", taxonomy.label("purposes", tool.primary_purpose))
row("Purposes", terms("purposes", tool.purposes))
row("4P", terms("four_ps", tool.four_ps))
row("Target users", terms("target_users", tool.target_users))
row("Technologies", terms("technologies", tool.technologies))
row("Exploitation types", terms("exploitation_types", tool.exploitation_types))
row("Sectors", terms("sectors", tool.sectors) if tool.sectors else "Not stated")

st.subheader("Where")
row("Developed in", places(tool.developed_in))
row("Deployed in", places(tool.deployed_in))
row("ILO regions (deployed)", ", ".join(FACET_BY_KEY["ilo_region"].label_of(r) for r in tool.deployed_ilo_regions))
row("UN M49 sub-regions (deployed)",
    ", ".join(FACET_BY_KEY["m49_sub_region"].label_of(r) for r in tool.deployed_m49_sub_regions))
row("Languages", ", ".join(language(code) for code in tool.languages) if tool.languages else "Not stated")

st.subheader("Status and access")
row("Status", taxonomy.label("status", tool.status))
if not tool.last_seen_active:
    row("Seen in use", "No dated source shows it in use")
elif tool.seen_long_ago(dt.date.today()):
    row("Seen in use", f"{common.month_year(tool.last_seen_active)}: over three years ago, so it may have stopped")
else:
    row("Seen in use", common.month_year(tool.last_seen_active))
row("Launched", str(tool.launched) if tool.launched else "Not stated")
if tool.discontinued:
    row("Discontinued", str(tool.discontinued))
row("Access", taxonomy.label("access", tool.access))
row("Licence", tool.licence or "Not stated")
row("Open source", "Yes" if tool.open_source else "No")
if tool.source_code:
    left, right = st.columns([1, 3])
    left.markdown("**Source code**")
    with right:
        common.link(tool.source_code, tool.source_code)
row("Survivors took part in its design", yes_no(tool.survivor_informed))
row("Handles personal data", yes_no(tool.handles_personal_data))
if tool.evidence_of_impact:
    left, right = st.columns([1, 3])
    left.markdown("**Evidence of impact**")
    with right:
        common.link(tool.evidence_of_impact, tool.evidence_of_impact)

st.subheader("Sources")
for source in tool.sources:
    common.link(source, source)
st.caption(f"Facts last verified on {tool.last_verified.isoformat()}.")

related = catalogue.engine.related(tool.slug, limit=5)
if related:
    st.subheader("Related tools")
    for hit in related:
        if hit.slug in catalogue.by_slug:
            common.tool_link(catalogue.by_slug[hit.slug])

st.divider()
url = edit_url(tool.slug)
if url:
    st.link_button("Suggest an edit", url)
    st.caption(f"Opens tools_data/{tool.slug}.yaml in the repository; see the Contribute page for how.")
else:
    st.markdown(f"**Suggest an edit:** change `tools_data/{tool.slug}.yaml` by pull request; the Contribute page explains how.")
