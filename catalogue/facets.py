"""The facets people filter by. Keys are a public API: they are URL parameters and CLI `--where` names."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from catalogue.geography import GLOBAL, ILO_REGIONS, countries, country_name
from catalogue.fields import FIRST_YEAR
from catalogue.model import UNDATED, Tool
from catalogue.vocabulary import load_taxonomy


@dataclass(frozen=True)
class Facet:
    key: str  # stable public name
    label: str
    attribute: str  # Tool attribute holding the value(s)
    vocabulary: str = ""  # taxonomy list whose labels and order apply, if any
    help: str = ""  # one line under the label: what the filter means

    def values_of(self, tool: Tool) -> tuple[str, ...]:
        value = getattr(tool, self.attribute)
        if isinstance(value, bool):
            return ("yes",) if value else ("no",)
        if isinstance(value, tuple):
            return value
        return (value,) if value else ()

    def label_of(self, value: str) -> str:
        if self.vocabulary:
            return load_taxonomy().label(self.vocabulary, value)
        if self.key in ("country",) and value != GLOBAL:
            return country_name(value)
        if value == GLOBAL:
            return "Global (anywhere)"
        if value == UNDATED:
            return "No dated source"
        return {"yes": "Yes", "no": "No"}.get(value, value)

    def all_values(self) -> list[str]:
        """Every possible value in display order (vocabulary order, then regions, then countries)."""
        if self.vocabulary:
            return load_taxonomy().keys(self.vocabulary)
        if self.key in ("ilo_region", "developed_ilo_region"):
            return list(ILO_REGIONS) + ([GLOBAL] if self.key == "ilo_region" else [])
        if self.key in ("m49_sub_region", "developed_m49_sub_region", "m49_region"):
            level = "m49_region" if self.key == "m49_region" else "m49_sub_region"
            found = sorted({getattr(c, level) for c in countries().values() if getattr(c, level)})
            return found + ([GLOBAL] if not self.key.startswith("developed") else [])
        if self.key == "country":
            return sorted(countries()) + [GLOBAL]
        if self.key == "open_source":
            return ["yes", "no"]
        if self.key == "seen_in_use":
            return [str(year) for year in range(dt.date.today().year, FIRST_YEAR - 1, -1)] + [UNDATED]
        return []


_WHERE_USED = "Where the tool is used (tools open to anyone anywhere are “Global”)"
FACETS: tuple[Facet, ...] = (
    Facet("purpose", "Purpose", "purposes", "purposes", help="What the tool is for; a tool may have several."),
    Facet("primary_purpose", "Primary purpose", "primary_purpose", "purposes", help="The tool's one main purpose."),
    Facet("four_p", "4P: prevention, protection, prosecution, partnership", "four_ps", "four_ps",
          help="The four pillars of anti-trafficking policy; each purpose belongs to one."),
    Facet("ilo_region", "ILO region", "deployed_ilo_regions",
          help=_WHERE_USED + ", by the five regions of the ILO Global Estimates of Modern Slavery."),
    Facet("m49_region", "UN region", "deployed_m49_regions", help=_WHERE_USED + ", by UN M49 region."),
    Facet("m49_sub_region", "UN sub-region", "deployed_m49_sub_regions", help=_WHERE_USED + ", by UN M49 sub-region."),
    Facet("country", "Country", "deployed_in", help=_WHERE_USED + "."),
    Facet("developed_ilo_region", "ILO region where it was built", "developed_ilo_regions",
          help="Where the tool was developed, by ILO region."),
    Facet("developed_m49_sub_region", "UN sub-region where it was built", "developed_m49_sub_regions",
          help="Where the tool was developed, by UN M49 sub-region."),
    Facet("target_user", "Who it is for", "target_users", "target_users", help="The groups the tool is built for."),
    Facet("technology", "Technology", "technologies", "technologies", help="How the tool works."),
    Facet("exploitation_type", "Form of exploitation", "exploitation_types", "exploitation_types",
          help="The forms of trafficking or exploitation the tool addresses."),
    Facet("sector", "Sector", "sectors", "sectors", help="Economic sectors the tool focuses on, if any."),
    Facet("org_type", "Who runs it", "organisation_type", "organisation_types",
          help="The kind of organisation that runs the tool."),
    Facet("status", "Status", "status", "status",
          help="From dated sources: “active” means a dated source shows the tool in use."),
    Facet("seen_in_use", "Seen in use (year)", "seen_in_use_year",
          help="Year of the newest public source that shows the tool in use."),
    Facet("access", "Access", "access", "access", help="Who can use it: anyone, after registration, vetted users, paid."),
    Facet("open_source", "Open source", "open_source", help="Whether its source code is public."),
)
FACET_BY_KEY = {facet.key: facet for facet in FACETS}


def matches(tool: Tool, filters: dict[str, list[str]]) -> bool:
    """OR within a facet, AND across facets; unknown facet keys are ignored."""
    for key, wanted in filters.items():
        facet = FACET_BY_KEY.get(key)
        if facet and wanted and not set(wanted) & set(facet.values_of(tool)):
            return False
    return True
