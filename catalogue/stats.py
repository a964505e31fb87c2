"""`python -m catalogue stats`: counts per facet, share of optional fields filled, entries due for review."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from catalogue.facets import FACETS
from catalogue.fields import FIELDS, STALE_AFTER_DAYS, TRANSLATION_LANGUAGES
from catalogue.geography import GLOBAL, ILO_REGIONS
from catalogue.model import Tool

NORTH = ("Northern America", "Northern Europe", "Western Europe", "Southern Europe", "Eastern Europe")
PACIFIC_ISLANDS = ("Melanesia", "Micronesia", "Polynesia")


@dataclass(frozen=True)
class Floor:
    """At least `minimum` tools deployed in one of `regions` (at the `level` of the region table)."""

    label: str
    level: str  # ilo_region or m49_sub_region
    regions: tuple[str, ...]
    minimum: int


# The coverage the catalogue promises (issue 10); tests/test_data_coverage.py guards each one.
COVERAGE_FLOORS = (
    Floor("Africa", "ilo_region", ("Africa",), 70),
    Floor("  Sub-Saharan Africa", "m49_sub_region", ("Sub-Saharan Africa",), 55),
    Floor("Americas", "ilo_region", ("Americas",), 80),
    Floor("  Latin America and the Caribbean", "m49_sub_region", ("Latin America and the Caribbean",), 45),
    Floor("Arab States", "ilo_region", ("Arab States",), 30),
    Floor("Asia and the Pacific", "ilo_region", ("Asia and the Pacific",), 110),
    Floor("  Southern Asia", "m49_sub_region", ("Southern Asia",), 25),
    Floor("  Pacific island countries", "m49_sub_region", PACIFIC_ISLANDS, 5),
    Floor("Europe and Central Asia", "ilo_region", ("Europe and Central Asia",), 70),
    Floor("  Central Asia", "m49_sub_region", ("Central Asia",), 10),
)
# Shares over all entries (issue 10): fields filled at least this often, `unknown` status at most.
FILL_TARGETS = {"launched": 0.80, "languages": 0.60, "handles_personal_data": 0.70}
MAX_UNKNOWN_STATUS_SHARE = 0.15
MIN_DEVELOPED_OUTSIDE_NORTH_SHARE = 0.45


def deployed_in_regions(tools: Iterable[Tool], floor: Floor) -> int:
    """How many tools are deployed in at least one country of the floor's regions (global tools apart)."""
    attribute = {"ilo_region": "deployed_ilo_regions", "m49_sub_region": "deployed_m49_sub_regions"}[floor.level]
    return sum(1 for tool in tools if set(getattr(tool, attribute)) & set(floor.regions))


def unknown_status_share(tools: list[Tool]) -> float:
    return sum(tool.status == "unknown" for tool in tools) / len(tools) if tools else 0.0


def optional_fill_rates(tools: list[Tool]) -> dict[str, float]:
    """Share of entries with each optional field filled, 0..1."""
    rates = {}
    for field in FIELDS:
        if field.required:
            continue
        filled = sum(1 for tool in tools if getattr(tool, field.name) not in (None, "", ()))
        rates[field.name] = filled / len(tools) if tools else 0.0
    return rates


def due_for_review(tools: Iterable[Tool], today: dt.date) -> list[Tool]:
    return [t for t in tools if (today - t.last_verified).days > STALE_AFTER_DAYS]


def developed_outside_north(tools: Iterable[Tool]) -> list[Tool]:
    """Tools with at least one developing country outside North America and Europe."""
    return [t for t in tools if any(region not in NORTH for region in t.developed_m49_sub_regions)]


def render_stats(tools: list[Tool], today: dt.date) -> str:
    lines = [f"entries: {len(tools)}", ""]
    ilo = Counter(region for tool in tools for region in tool.deployed_ilo_regions)
    lines.append("deployed in, by ILO region (global tools counted separately):")
    lines += [f"  {region:<28} {ilo.get(region, 0):>4}" for region in (*ILO_REGIONS, GLOBAL)]
    outside = len(developed_outside_north(tools))
    lines.append(f"developed outside North America and Europe: {outside} "
                 f"({outside / max(len(tools), 1):.0%}; target {MIN_DEVELOPED_OUTSIDE_NORTH_SHARE:.0%})")
    lines += ["", "coverage floors (tools deployed in the region, global tools apart):"]
    for floor in COVERAGE_FLOORS:
        found = deployed_in_regions(tools, floor)
        mark = "ok" if found >= floor.minimum else f"short by {floor.minimum - found}"
        lines.append(f"  {floor.label:<36} {found:>4} / {floor.minimum:<4} {mark}")
    unknown = unknown_status_share(tools)
    lines.append(f"status unknown: {sum(t.status == 'unknown' for t in tools)} ({unknown:.0%}; "
                 f"at most {MAX_UNKNOWN_STATUS_SHARE:.0%})")
    for language in TRANSLATION_LANGUAGES:
        lacking = sum(1 for tool in tools if tool.translation(language) is None)
        lines.append(f"without a summary in {language}: {lacking}")
    seen = [tool.last_seen_active for tool in tools if tool.last_seen_active]
    lines.append(f"last_seen_active given: {len(seen)}"
                 + (f" (newest {max(seen)}, oldest {min(seen)})" if seen else ""))
    for facet in (facet for facet in FACETS if facet.vocabulary):  # counted as the explorer's filters count
        counts = Counter(value for tool in tools for value in set(facet.values_of(tool)))
        lines += ["", f"{facet.label} ({facet.key}):"]
        lines += [f"  {key:<36} {counts.get(key, 0):>4}" for key in facet.all_values()]
    lines += ["", "optional fields filled:"]
    lines += [f"  {name:<36} {rate:>5.0%}" + (f"  (target {FILL_TARGETS[name]:.0%})" if name in FILL_TARGETS else "")
              for name, rate in optional_fill_rates(tools).items()]
    due = due_for_review(tools, today)
    lines += ["", f"due for review (last verified over 18 months ago): {len(due)}"]
    lines += [f"  {tool.slug} ({tool.last_verified})" for tool in due]
    return "\n".join(lines) + "\n"
