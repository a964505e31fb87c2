"""The JSON Schema of an entry, generated from the field and kind tables and the taxonomy.

`python -m catalogue schema` writes it to `schema/tool.schema.json`, which editors use while typing;
the validator checks entries against the same schema (`validate.schema_validator`), and a test proves
the checked-in file is current, so editors and the validator never disagree.
"""
from __future__ import annotations

import json
from typing import Any

from catalogue.fields import FIELDS, KINDS, SLUG_PATTERN


def build_schema(this_year: int = 2100) -> dict[str, Any]:
    """The schema; `this_year` caps years (the checked-in file uses a far bound, the validator the real one)."""
    properties = {}
    for field in FIELDS:
        properties[field.name] = KINDS[field.kind].schema(field, this_year) | {"description": field.doc}
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
