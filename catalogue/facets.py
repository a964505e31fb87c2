"""The facets people filter by. Keys are a public API: they are URL parameters and CLI `--where` names.

Labels and help are English, marked with `N_` for the message catalogs; the app translates them where
it shows them (`Facet.title`, `Facet.explanation`), and `label_of` names a value in any language.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from catalogue.fields import FIRST_YEAR
from catalogue.geography import GLOBAL, ILO_REGIONS, countries, country_name, region_name
from catalogue.i18n import DEFAULT, N_, gettext
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

    def title(self, language: str = DEFAULT) -> str:
        """The facet's label in `language`."""
        return gettext(self.label, language)

    def explanation(self, language: str = DEFAULT) -> str:
        """The facet's help in `language`."""
        return gettext(self.help, language)

    def label_of(self, value: str, language: str = DEFAULT) -> str:
        if self.vocabulary:
            return load_taxonomy().label(self.vocabulary, value, language)
        if value == GLOBAL:
            return gettext(GLOBAL_LABEL, language)
        if self.key in ("country",):
            return country_name(value, language)
        if "region" in self.key:
            return region_name(value, language)
        if value == UNDATED:
            return gettext(N_("No dated source"), language)
        if value == "yes":
            return gettext(N_("Yes"), language)
        if value == "no":
            return gettext(N_("No"), language)
        return value

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


GLOBAL_LABEL = N_("Global (anywhere)")
FACETS: tuple[Facet, ...] = (
    Facet("purpose", N_("Purpose"), "purposes", "purposes", help=N_("What the tool is for; a tool may have several.")),
    Facet("primary_purpose", N_("Primary purpose"), "primary_purpose", "purposes",
          help=N_("The tool's one main purpose.")),
    Facet("four_p", N_("4P: prevention, protection, prosecution, partnership"), "four_ps", "four_ps",
          help=N_("The four pillars of anti-trafficking policy; each purpose belongs to one.")),
    Facet("ilo_region", N_("ILO region"), "deployed_ilo_regions",
          help=N_("Where the tool is used (tools open to anyone anywhere are “Global”), by the five regions of "
                  "the ILO Global Estimates of Modern Slavery.")),
    Facet("m49_region", N_("UN region"), "deployed_m49_regions",
          help=N_("Where the tool is used (tools open to anyone anywhere are “Global”), by UN M49 region.")),
    Facet("m49_sub_region", N_("UN sub-region"), "deployed_m49_sub_regions",
          help=N_("Where the tool is used (tools open to anyone anywhere are “Global”), by UN M49 sub-region.")),
    Facet("country", N_("Country"), "deployed_in",
          help=N_("Where the tool is used (tools open to anyone anywhere are “Global”).")),
    Facet("developed_ilo_region", N_("ILO region where it was built"), "developed_ilo_regions",
          help=N_("Where the tool was developed, by ILO region.")),
    Facet("developed_m49_sub_region", N_("UN sub-region where it was built"), "developed_m49_sub_regions",
          help=N_("Where the tool was developed, by UN M49 sub-region.")),
    Facet("target_user", N_("Who it is for"), "target_users", "target_users",
          help=N_("The groups the tool is built for.")),
    Facet("technology", N_("Technology"), "technologies", "technologies", help=N_("How the tool works.")),
    Facet("exploitation_type", N_("Form of exploitation"), "exploitation_types", "exploitation_types",
          help=N_("The forms of trafficking or exploitation the tool addresses.")),
    Facet("sector", N_("Sector"), "sectors", "sectors", help=N_("Economic sectors the tool focuses on, if any.")),
    Facet("org_type", N_("Who runs it"), "organisation_type", "organisation_types",
          help=N_("The kind of organisation that runs the tool.")),
    Facet("status", N_("Status"), "status", "status",
          help=N_("From dated sources: “active” means a dated source shows the tool in use.")),
    Facet("seen_in_use", N_("Seen in use (year)"), "seen_in_use_year",
          help=N_("Year of the newest public source that shows the tool in use.")),
    Facet("access", N_("Access"), "access", "access",
          help=N_("Who can use it: anyone, after registration, vetted users, paid.")),
    Facet("open_source", N_("Open source"), "open_source", help=N_("Whether its source code is public.")),
)
FACET_BY_KEY = {facet.key: facet for facet in FACETS}


def matches(tool: Tool, filters: dict[str, list[str]]) -> bool:
    """OR within a facet, AND across facets; unknown facet keys are ignored."""
    for key, wanted in filters.items():
        facet = FACET_BY_KEY.get(key)
        if facet and wanted and not set(wanted) & set(facet.values_of(tool)):
            return False
    return True
