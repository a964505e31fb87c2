"""Countries are the truth, regions are derived: ISO 3166-1 alpha-3 -> UN M49 and ILO regions."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from catalogue.paths import REGIONS_PATH

GLOBAL = "global"
ILO_REGIONS = ("Africa", "Americas", "Arab States", "Asia and the Pacific", "Europe and Central Asia")


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


def country_name(iso3: str) -> str:
    country = countries().get(iso3)
    return country.name if country else iso3


def regions_of(codes: tuple[str, ...], level: str) -> tuple[str, ...]:
    """Distinct regions (`ilo_region`, `m49_region`, `m49_sub_region`) of country codes, sorted.

    `global` is kept as its own bucket rather than spread over every region.
    """
    if GLOBAL in codes:
        return (GLOBAL,)
    table = countries()
    found = {getattr(table[code], level) for code in codes if code in table}
    return tuple(sorted(region for region in found if region))
