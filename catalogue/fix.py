"""`validate --fix`: rewrite what is mechanical, never what an entry means.

Fixes: key order as in the field table, vocabulary and country lists sorted and de-duplicated,
other lists de-duplicated (sources keep their order: the organisation's own page comes first),
URL scheme and host lower-cased, surrounding whitespace, the schema header line. A file that does
not parse is never touched.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

from catalogue.fields import FIELD_BY_NAME, FIELD_ORDER, ORGANISATION_KEYS
from catalogue.paths import SCHEMA_HEADER
from catalogue.validate import EntryFileRefused, read_entry_bytes
from catalogue.yamlio import SafeLoader, YamlProblem, parse_yaml

SORTED_KINDS = ("terms", "countries", "deployment", "languages")
WRAP = 100


@dataclass
class FixResult:
    path: Path
    changes: list[str]
    skipped: str = ""  # why the file was left alone

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def normalise_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, parts.fragment))


def _fix_value(name: str, value: Any, changes: list[str]) -> Any:
    spec = FIELD_BY_NAME.get(name)
    if spec is None:
        return value
    if isinstance(value, str):
        fixed = normalise_url(value) if spec.kind == "url" else value.strip()
        if name == "description":
            fixed = "\n".join(_paragraphs(fixed))
        elif spec.kind == "text":
            fixed = re.sub(r"\s+", " ", fixed)
        if fixed != value:
            changes.append(f"{name}: whitespace or URL normalised")
        return fixed
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = [normalise_url(v) if spec.kind == "urls" else v.strip() for v in value]
        unique = list(dict.fromkeys(items))
        if spec.kind in SORTED_KINDS:
            unique = sorted(unique)
        if unique != value:
            changes.append(f"{name}: list sorted, de-duplicated or trimmed")
        return unique
    if name == "organisation" and isinstance(value, dict):
        fixed = {k: value[k] for k in ORGANISATION_KEYS if k in value}
        fixed.update({k: v for k, v in value.items() if k not in fixed})
        for key in ("name",):
            if isinstance(fixed.get(key), str):
                fixed[key] = re.sub(r"\s+", " ", fixed[key].strip())
        if isinstance(fixed.get("website"), str):
            fixed["website"] = normalise_url(fixed["website"])
        if list(fixed.items()) != list(value.items()):
            changes.append("organisation: order, whitespace or URL normalised")
        return fixed
    return value


def _paragraphs(text: str) -> list[str]:
    """Each line is a paragraph (a folded block turns blank lines into single newlines)."""
    return [re.sub(r"[ \t]+", " ", line).strip() for line in text.strip().splitlines() if line.strip()]


def _scalar(value: Any) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6, sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _folded(text: str, indent: str = "  ") -> str | None:
    """`>-` block for long prose, or None when folding could not reproduce the text exactly."""
    paragraphs = _paragraphs(text)
    lines: list[str] = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            lines.append("")
        lines.extend(textwrap.wrap(paragraph, WRAP - len(indent), break_long_words=False,
                                   break_on_hyphens=False))
    block = ">-\n" + "\n".join(indent + line if line else "" for line in lines)
    try:
        loaded = yaml.load("x: " + block, Loader=SafeLoader)["x"]
    except yaml.YAMLError:
        return None
    return block if loaded == "\n".join(paragraphs) else None


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
    fixed = {key: _fix_value(key, data[key], changes) for key in FIELD_ORDER if key in data}
    fixed.update({key: value for key, value in data.items() if key not in fixed})  # unknown: kept, flagged by validate
    if list(fixed) != list(data):
        changes.append("keys put in schema order")
    new_text = dump_entry(fixed)
    if not changes and new_text != text:
        if not text.startswith(SCHEMA_HEADER):
            changes.append("schema header line added")
        else:
            changes.append("layout made canonical (quoting, indentation, line wrapping)")
    if yaml.load(new_text, Loader=SafeLoader) != fixed:  # never change meaning
        return FixResult(path, [], skipped="canonical form would change a value; left alone")
    if new_text != text and write:
        path.write_text(new_text, encoding="utf-8")
    return FixResult(path, changes if new_text != text else [])
