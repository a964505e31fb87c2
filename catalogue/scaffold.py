"""`python -m catalogue new`: a new entry file with every field and a comment for each."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from catalogue.fields import FIELDS, KINDS
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
    for field in FIELDS:
        lines.append(f"# {field.name} ({'required' if field.required else 'optional'}): {field.doc}")
        if field.vocabulary:
            lines.append(f"#   values: {', '.join(taxonomy.keys(field.vocabulary))}")
        if field.kind == "organisation":
            types = ", ".join(taxonomy.keys("organisation_types"))
            value = f"\n  name: \"\"\n  type: other  # {types}\n  # website: https://"
        else:
            # A vocabulary's "don't know" value: `unknown` where the list has it (status, access), else `other`.
            unknown = "unknown" if field.vocabulary and "unknown" in taxonomy.keys(field.vocabulary) else "other"
            value = KINDS[field.kind].example.format(year=today.year, date=today.isoformat(),
                                                     month=today.strftime("%Y-%m"), unknown=unknown)
        if field.name == "name":
            value = _quote(name)
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
