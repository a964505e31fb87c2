"""The controlled vocabulary (`taxonomy.yaml`): stable keys with labels and definitions."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from catalogue.paths import TAXONOMY_PATH

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Vocabulary list name -> the entry field(s) that use it.
FACET_LISTS = (
    "purposes",
    "four_ps",
    "target_users",
    "technologies",
    "exploitation_types",
    "sectors",
    "organisation_types",
    "status",
    "access",
)


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    definition: str


@dataclass(frozen=True)
class Taxonomy:
    lists: dict[str, dict[str, Term]]
    four_p_of_purpose: dict[str, str]

    def keys(self, list_name: str) -> list[str]:
        return list(self.lists[list_name])

    def label(self, list_name: str, key: str) -> str:
        term = self.lists[list_name].get(key)
        return term.label if term else key

    def definition(self, list_name: str, key: str) -> str:
        term = self.lists[list_name].get(key)
        return term.definition if term else ""


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    with open(TAXONOMY_PATH, encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=SafeLoader)
    lists = {
        name: {key: Term(key, item["label"], item["definition"]) for key, item in raw[name].items()}
        for name in FACET_LISTS
    }
    four_p = {key: item["four_p"] for key, item in raw["purposes"].items()}
    return Taxonomy(lists=lists, four_p_of_purpose=four_p)
