"""`python -m catalogue new`: a new entry file with every field and a comment for each."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from catalogue.fields import FIELDS
from catalogue.paths import SCHEMA_HEADER, TOOLS_DIR
from catalogue.vocabulary import load_taxonomy


def slugify(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", text))


def template(name: str, today: dt.date) -> str:
    """The text of a new entry: required fields to fill, optional ones commented out."""
    taxonomy = load_taxonomy()
    lines = [SCHEMA_HEADER,
             "# New entry: fill every required field, uncomment the optional ones you can source,",
             "# then run `python -m catalogue validate`. Field reference: tools_data/_example.yaml"]
    examples = {
        "name": _quote(name), "aliases": "[]", "summary": '""', "description": '""',
        "url": "https://", "partners": "[]", "sectors": "[]", "languages": "[en]",
        "developed_in": "[]", "deployed_in": "[]", "launched": str(today.year),
        "discontinued": str(today.year), "licence": "unknown", "source_code": "https://",
        "survivor_informed": "false", "handles_personal_data": "false", "evidence_of_impact": "https://",
        "sources": "\n  - https://", "last_verified": today.isoformat(), "status": "unknown",
        "last_seen_active": today.strftime("%Y-%m"),
        "access": "unknown",
    }
    for field in FIELDS:
        lines.append(f"# {field.name} ({'required' if field.required else 'optional'}): {field.doc}")
        if field.vocabulary:
            lines.append(f"#   values: {', '.join(taxonomy.keys(field.vocabulary))}")
        if field.kind == "translations":
            value = "\n#   fr:\n#     summary: \"\"\n#   es:\n#     summary: \"\""
        elif field.kind == "organisation":
            types = ", ".join(taxonomy.keys("organisation_types"))
            value = f"\n  name: \"\"\n  type: other  # {types}\n  # website: https://"
        elif field.kind == "terms":
            value = "[]"
        elif field.kind == "term":
            value = examples.get(field.name, "other")
        else:
            value = examples[field.name]
        prefix = "" if field.required else "# "
        lines.append(f"{prefix}{field.name}: {value}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_entry(name: str, directory: Path = TOOLS_DIR, today: dt.date | None = None) -> Path:
    """Write `<slug>.yaml`; refuse to overwrite an existing file."""
    slug = slugify(name)
    if not slug:
        raise ValueError(f"cannot make a slug from {name!r}: use letters or digits")
    path = directory / f"{slug}.yaml"
    if path.exists():
        raise FileExistsError(f"{path} already exists: edit it instead")
    path.write_text(template(name, today or dt.date.today()), encoding="utf-8")
    return path
