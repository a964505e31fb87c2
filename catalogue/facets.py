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


FACETS: tuple[Facet, ...] = (
    Facet("purpose", "Purpose", "purposes", "purposes"),
    Facet("primary_purpose", "Primary purpose", "primary_purpose", "purposes"),
    Facet("four_p", "4P", "four_ps", "four_ps"),
    Facet("ilo_region", "ILO region (deployed)", "deployed_ilo_regions"),
    Facet("m49_region", "UN M49 region (deployed)", "deployed_m49_regions"),
    Facet("m49_sub_region", "UN M49 sub-region (deployed)", "deployed_m49_sub_regions"),
    Facet("country", "Country (deployed)", "deployed_in"),
    Facet("developed_ilo_region", "ILO region (developed)", "developed_ilo_regions"),
    Facet("developed_m49_sub_region", "UN M49 sub-region (developed)", "developed_m49_sub_regions"),
    Facet("target_user", "Target users", "target_users", "target_users"),
    Facet("technology", "Technology", "technologies", "technologies"),
    Facet("exploitation_type", "Exploitation type", "exploitation_types", "exploitation_types"),
    Facet("sector", "Sector", "sectors", "sectors"),
    Facet("org_type", "Organisation type", "organisation_type", "organisation_types"),
    Facet("status", "Status", "status", "status"),
    Facet("seen_in_use", "Seen in use (year of newest source)", "seen_in_use_year"),
    Facet("access", "Access", "access", "access"),
    Facet("open_source", "Open source", "open_source"),
)
FACET_BY_KEY = {facet.key: facet for facet in FACETS}


def matches(tool: Tool, filters: dict[str, list[str]]) -> bool:
    """OR within a facet, AND across facets; unknown facet keys are ignored."""
    for key, wanted in filters.items():
        facet = FACET_BY_KEY.get(key)
        if facet and wanted and not set(wanted) & set(facet.values_of(tool)):
            return False
    return True
