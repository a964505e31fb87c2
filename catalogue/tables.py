"""The checked-in CSV tables (need figures, estimates by form), read once per file version."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int) -> tuple[dict[str, str], ...]:
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def csv_rows(path: Path | str) -> list[dict[str, str]]:
    """Rows of a CSV table as fresh dicts; cached on the file's modification time (pages read them on every run)."""
    path = Path(path)
    return [dict(row) for row in _read(str(path), path.stat().st_mtime_ns)]
