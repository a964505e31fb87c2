"""The JSON Schema of an entry, generated from the field table and the taxonomy.

`python -m catalogue schema` writes it to `schema/tool.schema.json`; a test proves the checked-in
file is current, so editors and the validator never disagree.
"""
from __future__ import annotations

import json
from typing import Any

from catalogue.fields import (
    DESCRIPTION_MAX,
    FIELDS,
    FIRST_YEAR,
    PARTIAL_DATE_PATTERN,
    SLUG_PATTERN,
    SUMMARY_MAX,
    TRANSLATION_LANGUAGES,
    URL_PATTERN,
)
from catalogue.geography import GLOBAL, countries
from catalogue.validate import language_codes
from catalogue.vocabulary import load_taxonomy


def _terms(vocabulary: str) -> dict[str, Any]:
    return {"enum": load_taxonomy().keys(vocabulary)}


def _field_schema(kind: str, vocabulary: str, max_length: int, this_year: int) -> dict[str, Any]:
    url = {"type": "string", "pattern": URL_PATTERN}
    country = {"enum": sorted(countries())}
    if kind == "text":
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if max_length:
            schema["maxLength"] = max_length
        return schema
    if kind == "url":
        return url
    if kind == "organisation":
        return {
            "type": "object",
            "required": ["name", "type"],
            "additionalProperties": False,
            "properties": {"name": {"type": "string", "minLength": 1},
                           "type": _terms("organisation_types"), "website": url},
        }
    if kind == "names":
        return {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}
    if kind == "terms":
        return {"type": "array", "items": _terms(vocabulary), "uniqueItems": True}
    if kind == "term":
        return _terms(vocabulary)
    if kind == "countries":
        return {"type": "array", "items": country, "minItems": 1, "uniqueItems": True}
    if kind == "deployment":
        return {"oneOf": [{"type": "array", "items": country, "minItems": 1, "uniqueItems": True},
                          {"type": "array", "items": {"const": GLOBAL}, "minItems": 1, "maxItems": 1}]}
    if kind == "languages":
        return {"type": "array", "items": {"enum": sorted(language_codes())}, "uniqueItems": True}
    if kind == "year":
        return {"type": "integer", "minimum": FIRST_YEAR, "maximum": this_year}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "licence":
        return {"type": "string", "minLength": 1}
    if kind == "urls":
        return {"type": "array", "items": url, "minItems": 1, "uniqueItems": True}
    if kind == "date":
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if kind == "translations":
        text = {"type": "object", "required": ["summary"], "additionalProperties": False,
                "properties": {"summary": {"type": "string", "minLength": 1, "maxLength": SUMMARY_MAX},
                               "description": {"type": "string", "minLength": 1, "maxLength": DESCRIPTION_MAX}}}
        return {"type": "object", "additionalProperties": False,
                "properties": {language: text for language in TRANSLATION_LANGUAGES}}
    if kind == "partial_date":
        return {"oneOf": [{"type": "string", "pattern": PARTIAL_DATE_PATTERN},
                          {"type": "integer", "minimum": FIRST_YEAR, "maximum": this_year}]}
    raise ValueError(f"unknown field kind {kind}")


def build_schema(this_year: int = 2100) -> dict[str, Any]:
    """The schema; `this_year` caps years (the checked-in file uses a far bound, the validator the real one)."""
    properties = {}
    for field in FIELDS:
        schema = _field_schema(field.kind, field.vocabulary, field.max_length, this_year)
        schema["description"] = field.doc
        if field.kind in ("terms",) and field.required:
            schema["minItems"] = 1
        properties[field.name] = schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        # A URN, not a URL: the public repository address is not decided yet (settings.yaml).
        "$id": "urn:anti-trafficking-tech-catalogue:schema:tool:1",
        "title": "Anti-trafficking technology tool",
        "description": "One entry of the catalogue: tools_data/<slug>.yaml, slug pattern " + SLUG_PATTERN,
        "type": "object",
        "required": [f.name for f in FIELDS if f.required],
        "additionalProperties": False,
        "properties": properties,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
