"""A catalogue entry as a typed, immutable record with its derived region fields."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from catalogue.fields import FIELDS, SEEN_ACTIVE_STALE_DAYS, partial_date_span
from catalogue.geography import GLOBAL, regions_of
from catalogue.vocabulary import load_taxonomy

UNDATED = "undated"  # no dated source shows the tool in use


@dataclass(frozen=True)
class Organisation:
    name: str
    type: str
    website: str = ""


@dataclass(frozen=True)
class Translation:
    language: str  # fr or es
    summary: str
    description: str = ""


@dataclass(frozen=True)
class Tool:
    slug: str
    name: str
    summary: str
    description: str
    url: str
    organisation: Organisation
    primary_purpose: str
    purposes: tuple[str, ...]
    target_users: tuple[str, ...]
    technologies: tuple[str, ...]
    exploitation_types: tuple[str, ...]
    developed_in: tuple[str, ...]
    deployed_in: tuple[str, ...]
    status: str
    access: str
    sources: tuple[str, ...]
    last_verified: dt.date
    aliases: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    launched: int | None = None
    discontinued: int | None = None
    licence: str = ""
    source_code: str = ""
    survivor_informed: bool | None = None
    handles_personal_data: bool | None = None
    evidence_of_impact: str = ""
    last_seen_active: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD: sorts as text
    translations: tuple[Translation, ...] = ()
    path: str = field(default="", compare=False)

    # Derived fields: entries never type a region.
    @property
    def four_ps(self) -> tuple[str, ...]:
        roll_up = load_taxonomy().four_p_of_purpose
        return tuple(sorted({roll_up[purpose] for purpose in self.purposes}))

    @property
    def is_global(self) -> bool:
        return GLOBAL in self.deployed_in

    @property
    def deployed_ilo_regions(self) -> tuple[str, ...]:
        return regions_of(self.deployed_in, "ilo_region")

    @property
    def deployed_m49_regions(self) -> tuple[str, ...]:
        return regions_of(self.deployed_in, "m49_region")

    @property
    def deployed_m49_sub_regions(self) -> tuple[str, ...]:
        return regions_of(self.deployed_in, "m49_sub_region")

    @property
    def developed_ilo_regions(self) -> tuple[str, ...]:
        return regions_of(self.developed_in, "ilo_region")

    @property
    def developed_m49_sub_regions(self) -> tuple[str, ...]:
        return regions_of(self.developed_in, "m49_sub_region")

    def translation(self, language: str) -> Translation | None:
        """The French or Spanish texts, if the entry has them."""
        return next((t for t in self.translations if t.language == language), None)

    def seen_long_ago(self, today: dt.date) -> bool:
        """True when the newest sighting in use is over three years old (the `seen-long-ago` warning)."""
        span = partial_date_span(self.last_seen_active)
        return span is not None and (today - span[2]).days > SEEN_ACTIVE_STALE_DAYS

    @property
    def seen_in_use_year(self) -> str:
        """The year of `last_seen_active`, or UNDATED: the value of the Explore filter."""
        return self.last_seen_active[:4] or UNDATED

    @property
    def organisation_type(self) -> str:
        return self.organisation.type

    @property
    def open_source(self) -> bool:
        return bool(self.source_code)

    def to_dict(self) -> dict[str, Any]:
        """Every field plus the derived ones, JSON-ready; the stable export shape."""
        data = asdict(self)
        data.pop("path")
        data["translations"] = {t.language: {key: value for key, value in (("summary", t.summary),
                                ("description", t.description)) if value} for t in self.translations}
        data["last_verified"] = self.last_verified.isoformat()
        for name in DERIVED_FIELDS:
            value = getattr(self, name)
            data[name] = list(value) if isinstance(value, tuple) else value
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data


DERIVED_FIELDS = (
    "four_ps",
    "organisation_type",
    "is_global",
    "deployed_ilo_regions",
    "deployed_m49_regions",
    "deployed_m49_sub_regions",
    "developed_ilo_regions",
    "developed_m49_sub_regions",
    "open_source",
)


def tool_from_data(slug: str, data: dict[str, Any], path: str = "") -> Tool:
    """Build a Tool from an entry mapping that has already passed validation (dates as dates or ISO text)."""
    values: dict[str, Any] = {}
    for spec in FIELDS:
        value = data.get(spec.name)
        if isinstance(value, str):
            value = value.strip()
        if value is not None:
            values[spec.name] = tuple(value) if isinstance(value, list) else value
    org = data["organisation"]
    values["organisation"] = Organisation(org["name"].strip(), org["type"], org.get("website") or "")
    values["translations"] = tuple(
        Translation(language, texts["summary"].strip(), (texts.get("description") or "").strip())
        for language, texts in (data.get("translations") or {}).items())
    verified = data["last_verified"]
    values["last_verified"] = verified if isinstance(verified, dt.date) else dt.date.fromisoformat(verified)
    seen = partial_date_span(data.get("last_seen_active"))
    values["last_seen_active"] = seen[0] if seen else ""
    return Tool(slug=slug, path=path, **values)
