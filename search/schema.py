"""The index schema and how a catalogue Tool becomes one index document."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import fields

import whoosh
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema

from catalogue.facets import FACETS
from catalogue.geography import countries, country_name
from catalogue.model import Tool
from catalogue.vocabulary import load_taxonomy
from search.analysis import clean_text, stems_of, synonym_table, text_analyzer

# Bump when the meaning of a field changes without its definition changing (say, new text in `topics`).
INDEX_FORMAT = 3

#: Scored text fields and their weight in queries. Names and aliases weigh most: a tool's own name
#: is the strongest evidence that it is the one wanted.
TEXT_WEIGHTS: dict[str, float] = {
    "name": 6.0,
    "aliases": 5.0,
    "summary": 2.0,
    "description": 1.0,
    "organisation": 2.5,
    "partners": 1.0,
    "topics": 1.5,  # vocabulary labels of the tool's tags
    "places": 1.5,  # deployment country names, their other names and region names
}

#: Facets whose keyword field is scored (BM25, so rarer shared values count more): those that make
#: two tools related (search.engine.RELATED_FACETS).
SCORED_FACETS = frozenset({"primary_purpose", "purpose", "exploitation_type", "technology", "sector",
                           "target_user", "m49_sub_region", "country"})

#: `field:` names a user may type for text fields -> the fields searched.
TEXT_FIELD_SYNTAX: dict[str, tuple[str, ...]] = {
    "name": ("name", "aliases"),
    "alias": ("aliases",),
    "aliases": ("aliases",),
    "summary": ("summary",),
    "description": ("description",),
    "organisation": ("organisation",),
    "organization": ("organisation",),
    "org": ("organisation",),
    "partner": ("partners",),
    "partners": ("partners",),
    "place": ("places",),
    "places": ("places",),
}

#: Weight of a word found in the definition of one of a tool's tags: wordy text, so it only nudges.
DEFINITION_WEIGHT = 0.4

# Vocabulary lists whose labels are indexed (field `topics`), with the Tool attribute holding the keys.
_VOCAB_LABELS = (
    ("purposes", "purposes"),
    ("four_ps", "four_ps"),
    ("target_users", "target_users"),
    ("technologies", "technologies"),
    ("exploitation_types", "exploitation_types"),
    ("sectors", "sectors"),
    ("organisation_types", "organisation_type"),
    ("status", "status"),
    ("access", "access"),
)
#: Vocabulary lists whose definitions are searched, with the facet (keyword field) holding the keys.
#: Definitions are shared by every tool with the tag, so they are indexed once (`definition_index`)
#: and matched through the tag's keyword field, instead of being copied into every tool's document,
#: which cost a fifth of the build time for the same matches.
DEFINITION_FACETS = (
    ("purposes", "purpose"),
    ("target_users", "target_user"),
    ("technologies", "technology"),
    ("exploitation_types", "exploitation_type"),
    ("sectors", "sector"),
    ("organisation_types", "org_type"),
)
_UNINFORMATIVE = {"other", "unknown"}  # their labels and definitions say nothing about a tool


def build_schema() -> Schema:
    analyzer = text_analyzer()
    spec = {"slug": ID(stored=True, unique=True)}
    for name in TEXT_WEIGHTS:
        spec[name] = TEXT(analyzer=analyzer, stored=(name == "name"))
    for facet in FACETS:
        # Lengths (for BM25) only where a shared value is scored: related tools (search.engine).
        spec[facet.key] = KEYWORD(commas=True, scorable=facet.key in SCORED_FACETS)
    spec["global"] = ID()
    spec["launched"] = NUMERIC(int, stored=True)
    return Schema(**spec)


def schema_fingerprint(schema: Schema) -> str:
    """Changes whenever the index would be built differently from the same data."""
    parts = [f"format={INDEX_FORMAT}", f"whoosh={whoosh.versionstring()}", synonym_table().fingerprint]
    for name in sorted(schema.names()):
        field = schema[name]
        parts.append(f"{name}:{type(field).__name__}:{getattr(field, 'analyzer', '')!r}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def data_fingerprint(tools: Iterable[Tool]) -> str:
    """Changes whenever an entry, the vocabulary or the country table changes."""
    digest = hashlib.sha256()
    for tool in tools:
        digest.update(repr(tool_values(tool)).encode("utf-8", "replace"))
    taxonomy = load_taxonomy()
    digest.update(repr(sorted((name, sorted((k, t.label, t.definition) for k, t in terms.items()))
                              for name, terms in taxonomy.lists.items())).encode("utf-8"))
    digest.update(repr(sorted(taxonomy.four_p_of_purpose.items())).encode("utf-8"))
    digest.update(repr(sorted(countries().items())).encode("utf-8"))
    return digest.hexdigest()


def tool_values(tool: Tool) -> tuple:
    """Every field of a Tool except its file path, which differs between checkouts."""
    return tuple((f.name, getattr(tool, f.name)) for f in fields(tool) if f.name != "path")


def _lines(values: Iterable[str]) -> str:
    return "\n".join(clean_text(value) for value in values if value)


def vocabulary_text(tool: Tool) -> str:
    """The labels of the vocabulary terms a tool is tagged with."""
    taxonomy = load_taxonomy()
    labels: list[str] = []
    for list_name, attribute in _VOCAB_LABELS:
        value = getattr(tool, attribute)
        keys = value if isinstance(value, tuple) else (value,)
        labels.extend(taxonomy.label(list_name, key) for key in keys if key and key not in _UNINFORMATIVE)
    if tool.open_source:
        labels.append("Open source")
    return _lines(labels)


def definition_index(analyzer) -> dict[str, list[tuple[str, str]]]:
    """Stem -> the (facet key, value) tags whose vocabulary definition contains it."""
    taxonomy = load_taxonomy()
    index: dict[str, list[tuple[str, str]]] = {}
    for list_name, facet_key in DEFINITION_FACETS:
        for key in taxonomy.keys(list_name):
            if key in _UNINFORMATIVE:
                continue
            for stem in dict.fromkeys(stems_of(analyzer, taxonomy.definition(list_name, key))):
                index.setdefault(stem, []).append((facet_key, key))
    return index


def places_text(tool: Tool) -> str:
    """Names people type for where a tool works: countries, their other names, regions."""
    if tool.is_global:
        return "Global\nworldwide\ninternational"
    table = countries()
    other_names = synonym_table().country_names
    names: list[str] = []
    for code in tool.deployed_in:
        names.append(country_name(code))
        names.extend(other_names.get(code, ()))
        country = table.get(code)
        if country:
            names.extend((country.ilo_region, country.m49_region, country.m49_sub_region,
                          country.m49_intermediate_region))
    return _lines(dict.fromkeys(name for name in names if name))


def spelling_texts(tool: Tool) -> list[str]:
    """The readable texts whose words are offered as corrections."""
    topics = vocabulary_text(tool)
    return [tool.name, *tool.aliases, tool.summary, tool.description, tool.organisation.name,
            *tool.partners, topics, places_text(tool)]


def document(tool: Tool) -> dict:
    """The index document of one tool; every text is cleaned, as entry text is untrusted."""
    doc = {
        "slug": tool.slug,
        "name": clean_text(tool.name),
        "aliases": _lines(tool.aliases),
        "summary": clean_text(tool.summary),
        "description": clean_text(tool.description),
        "organisation": clean_text(tool.organisation.name),
        "partners": _lines(tool.partners),
        "topics": vocabulary_text(tool),
        "places": places_text(tool),
    }
    for facet in FACETS:
        values = [clean_text(v).replace(",", " ") for v in facet.values_of(tool)]
        if values:
            doc[facet.key] = ",".join(values)
    doc["global"] = "yes" if tool.is_global else "no"
    if isinstance(tool.launched, int) and not isinstance(tool.launched, bool):
        doc["launched"] = tool.launched
    return {key: value for key, value in doc.items() if value != ""}

