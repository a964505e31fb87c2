"""`validate --fix`: rewrite what is mechanical, never what an entry means.

Fixes: key order as in the field table, vocabulary and country lists sorted and de-duplicated,
other lists de-duplicated (sources keep their order: the organisation's own page comes first),
URL scheme and host lower-cased, surrounding whitespace, the schema header line. A file that does
not parse is never touched.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from catalogue.fields import FIELD_BY_NAME, FIELD_ORDER, KINDS, paragraphs
from catalogue.paths import SCHEMA_HEADER
from catalogue.validate import EntryFileRefused, read_entry_bytes
from catalogue.yamlio import YamlProblem, parse_yaml, safe_load

WRAP = 100


@dataclass
class FixResult:
    path: Path
    changes: list[str]
    skipped: str = ""  # why the file was left alone

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def _scalar(value: Any) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6, sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _folded(text: str, indent: str = "  ") -> str | None:
    """`>-` block for long prose, or None when folding could not reproduce the text exactly."""
    kept = paragraphs(text)
    lines: list[str] = []
    for number, paragraph in enumerate(kept):
        if number:
            lines.append("")
        lines.extend(textwrap.wrap(paragraph, WRAP - len(indent), break_long_words=False,
                                   break_on_hyphens=False))
    block = ">-\n" + "\n".join(indent + line if line else "" for line in lines)
    try:
        loaded = safe_load("x: " + block)["x"]
    except yaml.YAMLError:
        return None
    return block if loaded == "\n".join(kept) else None


def dump_entry(data: dict[str, Any]) -> str:
    """The canonical text of an entry."""
    out = [SCHEMA_HEADER]
    for key, value in data.items():
        if key == "organisation" and isinstance(value, dict):
            out.append("organisation:")
            out.extend(f"  {k}: {_scalar(v)}" for k, v in value.items())
        elif key == "translations" and isinstance(value, dict) and all(isinstance(v, dict) for v in value.values()):
            out.append("translations:")
            for language, texts in value.items():
                out.append(f"  {language}:")
                for part, text in texts.items():
                    folded = _folded(text, indent="      ") if part == "description" and isinstance(text, str) else None
                    out.append(f"    {part}: {folded or _scalar(text)}")
        elif key == "sources" and isinstance(value, list) and value:
            out.append("sources:")
            out.extend(f"  - {_scalar(v)}" for v in value)
        elif key == "description" and isinstance(value, str) and _folded(value):
            out.append(f"description: {_folded(value)}")
        else:
            out.append(f"{key}: {_scalar(value)}")
    return "\n".join(out) + "\n"


def fix_file(path: Path, write: bool = True) -> FixResult:
    try:
        text = read_entry_bytes(path).decode("utf-8")
        parsed = parse_yaml(text)
    except EntryFileRefused as refused:
        return FixResult(path, [], skipped=f"{refused.message}; fix it by hand first")
    except (OSError, UnicodeDecodeError, YamlProblem) as error:
        return FixResult(path, [], skipped=f"not parsed ({error}); fix it by hand first")
    data = parsed.data
    if not isinstance(data, dict):
        return FixResult(path, [], skipped="not a mapping; fix it by hand first")
    changes: list[str] = []
    fixed = {}
    for key in (key for key in FIELD_ORDER if key in data):
        spec = FIELD_BY_NAME[key]
        fixed[key] = KINDS[spec.kind].tidy(data[key], spec)
        if fixed[key] != data[key] or (isinstance(data[key], dict) and list(fixed[key]) != list(data[key])):
            changes.append(f"{key}: whitespace, order, duplicates or URL case normalised")
    fixed.update({key: value for key, value in data.items() if key not in fixed})  # unknown: kept, flagged by validate
    if list(fixed) != list(data):
        changes.append("keys put in schema order")
    new_text = dump_entry(fixed)
    if not changes and new_text != text:
        if not text.startswith(SCHEMA_HEADER):
            changes.append("schema header line added")
        else:
            changes.append("layout made canonical (quoting, indentation, line wrapping)")
    if safe_load(new_text) != fixed:  # never change meaning
        return FixResult(path, [], skipped="canonical form would change a value; left alone")
    if new_text != text and write:
        path.write_text(new_text, encoding="utf-8")
    return FixResult(path, changes if new_text != text else [])
