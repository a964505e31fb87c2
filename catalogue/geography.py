"""Countries are the truth, regions are derived: ISO 3166-1 alpha-3 -> UN M49 and ILO regions.

Names in French and Spanish come from Babel's locale data (countries by ISO alpha-2 code, UN M49 regions
by their numeric code); the five ILO regions, which Babel does not know, are translated through gettext.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from catalogue.i18n import DEFAULT, N_, gettext, locale
from catalogue.paths import REGIONS_PATH

GLOBAL = "global"
ILO_REGIONS = (N_("Africa"), N_("Americas"), N_("Arab States"), N_("Asia and the Pacific"),
               N_("Europe and Central Asia"))
#: UN M49 numeric codes of the region and sub-region names used in regions.csv (the names stay the keys).
M49_CODES = {
    "Africa": "002", "Americas": "019", "Asia": "142", "Europe": "150", "Oceania": "009",
    "Northern Africa": "015", "Sub-Saharan Africa": "202", "Latin America and the Caribbean": "419",
    "Northern America": "021", "Central Asia": "143", "Eastern Asia": "030", "South-eastern Asia": "035",
    "Southern Asia": "034", "Western Asia": "145", "Eastern Europe": "151", "Northern Europe": "154",
    "Southern Europe": "039", "Western Europe": "155", "Australia and New Zealand": "053", "Melanesia": "054",
    "Micronesia": "057", "Polynesia": "061",
}
# Where CLDR's name of an M49 area says less than the UN's (CLDR's 419 is "Latin America", without the
# Caribbean), the UN name is translated through gettext instead.
_NARROWER_IN_CLDR = (N_("Latin America and the Caribbean"),)


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    m49_region: str
    m49_sub_region: str
    m49_intermediate_region: str
    ilo_region: str


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    with open(REGIONS_PATH, encoding="utf-8", newline="") as handle:
        return {row["iso3"]: Country(**row) for row in csv.DictReader(handle)}


@lru_cache(maxsize=4096)
def country_name(iso3: str, language: str = DEFAULT) -> str:
    """The country's name: from regions.csv in English, from Babel's locale data in French and Spanish."""
    country = countries().get(iso3)
    if country is None:
        return iso3
    if language != DEFAULT:
        found = pycountry.countries.get(alpha_3=iso3)
        name = locale(language).territories.get(found.alpha_2) if found else None
        if name:
            return name
    return country.name


@lru_cache(maxsize=1024)
def region_name(region: str, language: str = DEFAULT) -> str:
    """An ILO region or UN M49 (sub-)region, as named in regions.csv, in the language."""
    if language == DEFAULT or not region:
        return region
    if region in ILO_REGIONS or region in _NARROWER_IN_CLDR:
        return gettext(region, language)
    name = locale(language).territories.get(M49_CODES.get(region, ""))
    return name[0].upper() + name[1:] if name else region


def regions_of(codes: tuple[str, ...], level: str) -> tuple[str, ...]:
    """Distinct regions (`ilo_region`, `m49_region`, `m49_sub_region`) of country codes, sorted.

    `global` is kept as its own bucket rather than spread over every region.
    """
    if GLOBAL in codes:
        return (GLOBAL,)
    table = countries()
    found = {getattr(table[code], level) for code in codes if code in table}
    return tuple(sorted(region for region in found if region))
