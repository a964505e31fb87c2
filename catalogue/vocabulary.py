"""The controlled vocabulary (`taxonomy.yaml`): stable keys with labels and definitions.

French and Spanish labels and definitions are data too, beside it (`taxonomy_translations.yaml`,
shaped `fr: {list: {key: {label, definition}}}`); a term missing there is shown in English.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from catalogue.paths import PACKAGE_DIR, TAXONOMY_PATH
from catalogue.yamlio import load_project_yaml

TRANSLATIONS_PATH = PACKAGE_DIR / "taxonomy_translations.yaml"

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
    #: language -> list name -> key -> the term in that language (only what the translations file has)
    translated: dict[str, dict[str, dict[str, Term]]] = field(default_factory=dict)

    def keys(self, list_name: str) -> list[str]:
        return list(self.lists[list_name])

    def term(self, list_name: str, key: str, language: str = "en") -> Term | None:
        """The term in `language`, falling back to English for whatever the translation lacks."""
        english = self.lists[list_name].get(key)
        other = self.translated.get(language, {}).get(list_name, {}).get(key)
        if english is None or other is None:
            return english
        return Term(key, other.label or english.label, other.definition or english.definition)

    def label(self, list_name: str, key: str, language: str = "en") -> str:
        term = self.term(list_name, key, language)
        return term.label if term else key

    def definition(self, list_name: str, key: str, language: str = "en") -> str:
        term = self.term(list_name, key, language)
        return term.definition if term else ""


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    raw = load_project_yaml(TAXONOMY_PATH)
    lists = {
        name: {key: Term(key, item["label"], item["definition"]) for key, item in raw[name].items()}
        for name in FACET_LISTS
    }
    four_p = {key: item["four_p"] for key, item in raw["purposes"].items()}
    return Taxonomy(lists=lists, four_p_of_purpose=four_p, translated=load_translations())


def load_translations(path=None) -> dict[str, dict[str, dict[str, Term]]]:
    """The French and Spanish terms of `taxonomy_translations.yaml` ({} when the file is absent)."""
    try:
        raw = load_project_yaml(path or TRANSLATIONS_PATH) or {}
    except FileNotFoundError:
        return {}
    found: dict[str, dict[str, dict[str, Term]]] = {}
    for language, lists in raw.items():
        for list_name, terms in (lists or {}).items():
            for key, item in (terms or {}).items():
                item = item or {}
                found.setdefault(str(language), {}).setdefault(str(list_name), {})[str(key)] = Term(
                    str(key), str(item.get("label") or ""), str(item.get("definition") or ""))
    return found
