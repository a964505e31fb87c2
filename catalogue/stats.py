"""`python -m catalogue stats`: counts per facet, share of optional fields filled, entries due for review."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Iterable

from catalogue.fields import FIELDS, STALE_AFTER_DAYS
from catalogue.geography import GLOBAL, ILO_REGIONS
from catalogue.model import Tool
from catalogue.vocabulary import load_taxonomy

NORTH = ("Northern America", "Northern Europe", "Western Europe", "Southern Europe", "Eastern Europe")


def facet_counts(tools: Iterable[Tool], attribute: str) -> Counter:
    counts: Counter = Counter()
    for tool in tools:
        value = getattr(tool, attribute)
        counts.update(value if isinstance(value, tuple) else (value,))
    return counts


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
    taxonomy = load_taxonomy()
    lines = [f"entries: {len(tools)}", ""]
    ilo = facet_counts(tools, "deployed_ilo_regions")
    lines.append("deployed in, by ILO region (global tools counted separately):")
    for region in ILO_REGIONS:
        lines.append(f"  {region:<28} {ilo.get(region, 0):>4}")
    lines.append(f"  {'global':<28} {ilo.get(GLOBAL, 0):>4}")
    lines.append(f"developed outside North America and Europe: {len(developed_outside_north(tools))}")
    for title, attribute, vocabulary in (
        ("primary purpose", "primary_purpose", "purposes"),
        ("purposes (any)", "purposes", "purposes"),
        ("4P roll-up", "four_ps", "four_ps"),
        ("technologies", "technologies", "technologies"),
        ("target users", "target_users", "target_users"),
        ("exploitation types", "exploitation_types", "exploitation_types"),
        ("sectors", "sectors", "sectors"),
        ("status", "status", "status"),
        ("access", "access", "access"),
    ):
        counts = facet_counts(tools, attribute)
        lines += ["", f"{title}:"]
        lines += [f"  {key:<36} {counts.get(key, 0):>4}" for key in taxonomy.keys(vocabulary)]
    org_types = Counter(tool.organisation.type for tool in tools)
    lines += ["", "organisation types:"]
    lines += [f"  {key:<36} {org_types.get(key, 0):>4}" for key in taxonomy.keys("organisation_types")]
    lines += ["", "optional fields filled:"]
    lines += [f"  {name:<36} {rate:>5.0%}" for name, rate in optional_fill_rates(tools).items()]
    due = due_for_review(tools, today)
    lines += ["", f"due for review (last verified over 18 months ago): {len(due)}"]
    lines += [f"  {tool.slug} ({tool.last_verified})" for tool in due]
    return "\n".join(lines) + "\n"
