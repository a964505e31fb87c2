"""The index schema and how a catalogue Tool becomes one index document."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path

import whoosh
from whoosh.fields import ID, TEXT, Schema

from catalogue.geography import countries
from catalogue.model import Tool
from catalogue.vocabulary import load_taxonomy
from search.analysis import clean_text, text_analyzer
from search.lexicon import fingerprint as lexicon_fingerprint

# Bump when the meaning of a field changes without its definition changing.
INDEX_FORMAT = 5

#: Text fields and their weight (BM25F field boosts). Names and aliases weigh most: a tool's own
#: name is the strongest evidence that it is the one wanted.
TEXT_WEIGHTS: dict[str, float] = {"name": 4.0, "summary": 2.0, "description": 1.0, "organisation": 1.0, "topics": 2.0}
# (name: and aliases; organisation: and partners; topics: vocabulary labels of the tool's tags)

#: `field:` names a user may type for text fields -> the fields searched.
TEXT_FIELD_SYNTAX: dict[str, tuple[str, ...]] = {
    "name": ("name",), "alias": ("name",), "aliases": ("name",), "summary": ("summary",),
    "description": ("description",), "organisation": ("organisation",), "organization": ("organisation",),
    "org": ("organisation",), "partner": ("organisation",), "partners": ("organisation",), "place": ("where",),
    "places": ("where",),
}

# Vocabulary lists whose labels are indexed (field `topics`), with the Tool attribute holding the keys.
_VOCAB_LABELS = (
    ("purposes", "purposes"), ("four_ps", "four_ps"), ("target_users", "target_users"),
    ("technologies", "technologies"), ("exploitation_types", "exploitation_types"), ("sectors", "sectors"),
    ("organisation_types", "organisation_type"), ("status", "status"), ("access", "access"),
)
_UNINFORMATIVE = {"other", "unknown"}  # their labels say nothing about a tool


def build_schema() -> Schema:
    return Schema(slug=ID(stored=True, unique=True),
                  **{name: TEXT(analyzer=text_analyzer(), stored=name == "name") for name in TEXT_WEIGHTS})


ANALYSIS_SOURCE = hashlib.sha256(Path(__file__).with_name("analysis.py").read_bytes()).hexdigest()


def fingerprint(tools: Iterable[Tool], schema: Schema) -> str:
    """Changes whenever the index would be built differently: an entry (any field but its path), the
    vocabulary, the country table, the place and synonym files, the schema or Whoosh's version."""
    taxonomy = load_taxonomy()
    parts = [f"format={INDEX_FORMAT}", f"whoosh={whoosh.versionstring()}", lexicon_fingerprint(), ANALYSIS_SOURCE,
             # The analyzers' source, not their repr (stop-word sets in hash-seed order: a new key, and a
             # rebuilt index, at every start).
             *(f"{name}:{type(schema[name]).__name__}" for name in sorted(schema.names())),
             *(repr(tuple((f.name, getattr(tool, f.name)) for f in fields(tool) if f.name != "path"))
               for tool in tools),
             repr(sorted((name, sorted((k, t.label, t.definition) for k, t in terms.items()))
                         for name, terms in taxonomy.lists.items())),
             repr(sorted(taxonomy.four_p_of_purpose.items())), repr(sorted(countries().items()))]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "replace")).hexdigest()


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


def spelling_texts(tool: Tool) -> list[str]:
    """The texts whose words are known (never corrected) and offered as corrections; translations too."""
    return [tool.name, *tool.aliases, tool.summary, tool.description, tool.organisation.name, *tool.partners,
            vocabulary_text(tool), *(text for t in tool.translations for text in (t.summary, t.description))]


def document(tool: Tool) -> dict:
    """The index document of one tool; every text is cleaned, as entry text is untrusted."""
    doc = {"slug": tool.slug, "name": _lines((tool.name, *tool.aliases)), "summary": clean_text(tool.summary),
           "description": clean_text(tool.description), "topics": vocabulary_text(tool),
           "organisation": _lines((tool.organisation.name, *tool.partners))}
    return {key: value for key, value in doc.items() if value != ""}
