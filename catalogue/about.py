"""What the About page states about the catalogue: coverage, vocabulary, citation, sources, earlier mappings.

Streamlit-free so each statement is computed from the data and tested; the page only draws it. The site's
own content is data: the citation's title, authors, year and data licence come from CITATION.cff, the
licences' names and the earlier mappings from site.yaml.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from catalogue.analysis import count_global
from catalogue.geography import GLOBAL, region_name
from catalogue.i18n import DEFAULT, N_, gettext, number
from catalogue.model import Tool
from catalogue.paths import CITATION_PATH, GLOBAL_ESTIMATES_PATH, NEED_PATH, SITE_PATH
from catalogue.tables import csv_rows
from catalogue.vocabulary import FACET_LISTS, load_taxonomy
from catalogue.yamlio import load_project_yaml

_CITATION = load_project_yaml(CITATION_PATH)
_SITE = load_project_yaml(SITE_PATH)

TITLE: str = _CITATION["title"]
AUTHORS = " and ".join(author["name"] for author in _CITATION["authors"])
YEAR = int(str(_CITATION["date-released"])[:4])
DATA_LICENCE = tuple(_SITE["licences"][_CITATION["license"]])  # (name, url)
CODE_LICENCE = tuple(_SITE["licences"][_SITE["code_licence"]])
EXPORT_STEM = re.sub(r"[^a-z0-9]+", "-", TITLE.lower()).strip("-")  # anti-trafficking-tech-catalogue

#: Readable names of the vocabulary lists, and the entry field each one fills.
VOCABULARY_TITLES = {
    "purposes": (N_("Purposes"), N_("`purposes` and `primary_purpose`")),
    "four_ps": (N_("The 4 Ps"), N_("derived from the purposes, never typed")),
    "target_users": (N_("Target users"), "`target_users`"),
    "technologies": (N_("Technologies"), "`technologies`"),
    "exploitation_types": (N_("Exploitation types"), "`exploitation_types`"),
    "sectors": (N_("Sectors"), "`sectors`"),
    "organisation_types": (N_("Organisation types"), "`organisation.type`"),
    "status": (N_("Status"), "`status`"),
    "access": (N_("Access"), "`access`"),
}


@dataclass(frozen=True)
class EarlierMapping:
    """An earlier mapping of anti-trafficking technology, with public pages describing it."""

    title: str
    year: int
    summaries: Mapping[str, str]  # language -> summary; English is always there
    links: tuple[tuple[str, str], ...]  # (title, url)

    def summary(self, language: str = DEFAULT) -> str:
        return self.summaries.get(language) or self.summaries[DEFAULT]


EARLIER_MAPPINGS = tuple(EarlierMapping(mapping["title"], mapping["year"], mapping["summary"],
                                        tuple(mapping["links"].items())) for mapping in _SITE["earlier_mappings"])


# ---------------------------------------------------------------- coverage

@dataclass(frozen=True)
class Coverage:
    tools: int
    countries: int  # distinct deployment countries, `global` not counted
    global_tools: int
    organisations: int
    last_verified: dt.date | None
    oldest_verified: dt.date | None


def last_verified(tools: Iterable[Tool]) -> dt.date | None:
    """The date the data was last checked: the newest `last_verified` of any entry."""
    return max((tool.last_verified for tool in tools), default=None)


def coverage(tools: Sequence[Tool]) -> Coverage:
    deployed = {code for tool in tools for code in tool.deployed_in if code != GLOBAL}
    return Coverage(
        tools=len(tools),
        countries=len(deployed),
        global_tools=count_global(tools),
        organisations=len({tool.organisation.name.casefold() for tool in tools}),
        last_verified=last_verified(tools),
        oldest_verified=min((tool.last_verified for tool in tools), default=None),
    )


# ---------------------------------------------------------------- citation

def citation(tools: Iterable[Tool], accessed: dt.date | None = None) -> str:
    """A plain citation: authors, year, title, kind, the date the data was last verified, and when it was read.

    It follows the attribution LICENSE-DATA suggests; the catalogue changes, so the dates matter.
    """
    checked = last_verified(tools)
    dates = [f"data last verified {checked.isoformat()}" if checked else "",
             f"accessed {accessed.isoformat()}" if accessed else ""]
    when = "; ".join(part for part in dates if part)
    when = f" {when[0].upper()}{when[1:]}." if when else ""
    return f"{AUTHORS} ({YEAR}). {TITLE} [Data set].{when} Licensed under {DATA_LICENCE[0]}."


def bibtex(tools: Iterable[Tool]) -> str:
    checked = last_verified(tools)
    note = f"Data last verified {checked.isoformat()}; " if checked else ""
    return "\n".join([
        f"@misc{{{EXPORT_STEM.replace('-', '_')},",
        f"  author = {{{{{AUTHORS}}}}},",
        f"  title = {{{TITLE}}},",
        f"  year = {{{YEAR}}},",
        f"  note = {{{note}licensed under {DATA_LICENCE[0]}}},",
        "}",
    ])


# ---------------------------------------------------------------- vocabulary

@dataclass(frozen=True)
class VocabularyList:
    name: str  # key in taxonomy.yaml
    title: str
    used_in: str
    rows: tuple[dict[str, str], ...]  # key, label, definition (and the 4P of each purpose)


def vocabulary_lists(language: str = DEFAULT) -> list[VocabularyList]:
    """Every list of the taxonomy, in its own order, each term with its definition (in `language`)."""
    taxonomy = load_taxonomy()
    found = []
    for name in FACET_LISTS:
        title, used_in = VOCABULARY_TITLES.get(name, (name.replace("_", " ").capitalize(), f"`{name}`"))
        rows = []
        for key in taxonomy.keys(name):
            row = {"Label": taxonomy.label(name, key, language), "Key": key,
                   "Definition": taxonomy.definition(name, key, language)}
            if name == "purposes":
                row["4P"] = taxonomy.label("four_ps", taxonomy.four_p_of_purpose[key], language)
            rows.append(row)
        found.append(VocabularyList(name, gettext(title, language), gettext(used_in, language), tuple(rows)))
    return found


# ---------------------------------------------------------------- need-data sources

NEED_FIGURES = (("people_in_modern_slavery_millions", N_("people in modern slavery")),
                ("prevalence_per_1000", N_("prevalence per 1,000")),
                ("forced_labour_millions", N_("people in forced labour")))


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    covers: tuple[str, ...]  # what the catalogue takes from it


def _figure(text: str, language: str) -> str:
    try:
        return number(float(text), language, 1) if language != DEFAULT else text
    except (TypeError, ValueError):
        return text


def need_sources(need_path: Path = NEED_PATH, estimates_path: Path = GLOBAL_ESTIMATES_PATH,
                 language: str = DEFAULT) -> list[Source]:
    """The sources of the need figures, one per URL, each with the figures taken from it (said in `language`)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for row in csv_rows(need_path):
        covers = found.setdefault(row["source_url"], (row["source_title"], []))[1]
        figures = ", ".join(gettext(label, language) for column, label in NEED_FIGURES
                            if (row.get(column) or "").strip())
        covers.append(gettext(N_("{region}: {figures} (estimates for {year})"), language).format(
            region=region_name(row["ilo_region"], language), figures=figures or gettext(N_("no figure"), language),
            year=row["estimate_year"]))
    for row in csv_rows(estimates_path):
        covers = found.setdefault(row["source_url"], (row.get("source_title") or row["source_url"], []))[1]
        covers.append(gettext(N_("World: {form}, {millions} million people"), language).format(
            form=gettext(row["form"], language), millions=_figure(row["people_millions"], language)))
    return [Source(title, url, tuple(covers)) for url, (title, covers) in found.items()]
