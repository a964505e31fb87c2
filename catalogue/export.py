"""Exports of the whole catalogue with derived region fields: CSV and JSON (a stable interface)."""
from __future__ import annotations

import csv
import io
import json
from typing import Iterable

from catalogue.model import Tool

EXPORT_FORMAT_VERSION = 1


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
        elif isinstance(value, list):
            row[key] = ";".join(str(item) for item in value)
        elif value is None:
            row[key] = ""
        else:
            row[key] = str(value).lower() if isinstance(value, bool) else str(value)
    return row


def export_csv(tools: Iterable[Tool]) -> str:
    rows = [flatten(record) for record in export_records(tools)]
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()
