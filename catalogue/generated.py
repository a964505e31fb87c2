"""Files generated from the code (the JSON Schema, the issue form): write them, or check they are current."""
from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, text: str, command: str, check: bool) -> int:
    """Write `text` to `path`; with `check`, write nothing and return 1 if the file differs (CI's guard)."""
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is stale: run `{command}`", file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0
