"""Exports of the whole catalogue with derived region fields: CSV and JSON (a stable interface)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping

from catalogue.fields import TRANSLATION_KEYS, TRANSLATION_LANGUAGES
from catalogue.model import Tool

EXPORT_FORMAT_VERSION = 1
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); tab and CR too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Text that a spreadsheet shows as text: a leading formula character gets a `'` in front (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: Iterable[Mapping[str, object]], columns: list[str]) -> str:
    """Rows as CSV with every cell made spreadsheet-safe: the one CSV writer of the project."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def export_records(tools: Iterable[Tool]) -> list[dict]:
    return [tool.to_dict() for tool in tools]


def export_json(tools: Iterable[Tool]) -> str:
    payload = {"format_version": EXPORT_FORMAT_VERSION, "tools": export_records(tools)}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def flatten(record: dict) -> dict[str, str]:
    """One CSV row: lists joined with `;`, the organisation split into columns."""
    row: dict[str, str] = {}
    for key, value in record.items():
        if key == "organisation":
            for sub, sub_value in value.items():
                row[f"organisation_{sub}"] = sub_value or ""
        elif key == "translations":
            for language in TRANSLATION_LANGUAGES:  # fixed columns, present even when empty
                for part in TRANSLATION_KEYS:
                    row[f"{part}_{language}"] = value.get(language, {}).get(part, "")
        elif isinstance(value, list):
            row[key] = ";".join(str(item) for item in value)
        elif value is None:
            row[key] = ""
        else:
            row[key] = str(value).lower() if isinstance(value, bool) else str(value)
    return row


def export_csv(tools: Iterable[Tool]) -> str:
    rows = [flatten(record) for record in export_records(tools)]
    return csv_text(rows, list(rows[0])) if rows else ""
