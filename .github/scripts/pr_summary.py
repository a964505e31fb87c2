#!/usr/bin/env python3
"""Markdown job summary of the catalogue entries a pull request adds, changes or removes.

    python .github/scripts/pr_summary.py BASE [--dir tools_data] >> "$GITHUB_STEP_SUMMARY"

One table row per entry file (change, name, slug, status, the validator's verdict), plus any other
file added to tools_data/, which the loader would never read. Entry text is untrusted, so every
cell is escaped: an entry cannot inject links, HTML, mentions or table breaks.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[2]
if str(REPO_DIR) not in sys.path:  # run as a script from anywhere, not only as a module
    sys.path.insert(0, str(REPO_DIR))

from catalogue.cli import changed_entries  # noqa: E402
from catalogue.fields import SLUG_PATTERN  # noqa: E402
from catalogue.paths import TOOLS_DIR  # noqa: E402
from catalogue.problems import UNPRINTABLE  # noqa: E402
from catalogue.validate import read_entry, shown_path, validate_paths  # noqa: E402
from catalogue.vocabulary import load_taxonomy  # noqa: E402

MAX_CELL = 120
# Backslash-escaping every ASCII punctuation character is always safe in CommonMark: each renders
# as itself, and none can then open a link, an HTML tag, an entity, emphasis or a table cell.
ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Control characters and bidirectional overrides could hide or reorder text in the summary.
INVISIBLE = UNPRINTABLE


@dataclass(frozen=True)
class EntryChange:
    change: str  # added, changed or removed
    slug: str
    name: str = ""
    status: str = ""
    errors: int = 0
    warnings: int = 0


def cell(value: object) -> str:
    """Untrusted text as one safe Markdown table cell."""
    text = " ".join(INVISIBLE.sub(" ", str(value)).split())
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    return ASCII_PUNCTUATION.sub(r"\\\1", text)


def _git(directory: Path, *args: str) -> list[str]:
    # Callers pass -z: names exactly as stored, NUL-separated (a name may hold a newline).
    done = subprocess.run(["git", *args], cwd=directory, capture_output=True, check=True)
    return [name for name in done.stdout.decode("utf-8", "surrogateescape").split("\0") if name]


def _is_entry_name(name: str) -> bool:
    return "/" not in name and name.endswith(".yaml") and not name.startswith("_")


def collect_changes(base: str, directory: Path = TOOLS_DIR, today: dt.date | None = None) -> list[EntryChange]:
    """Every entry file of `directory` added, changed or removed since git revision `base`."""
    today = today or dt.date.today()
    # Misnamed files are listed below as "not an entry" rather than as entries.
    files = [path for path in changed_entries(base, directory) if _is_entry_name(path.name)]
    existed = {name for name in _git(directory, "ls-tree", "-z", "--name-only", base, "--", ".")
               if _is_entry_name(name)}
    removed = [name for name in _git(directory, "diff", "-z", "--name-only", "--relative", "--diff-filter=D", base,
                                     "--", ".")
               if _is_entry_name(name)]
    report = validate_paths(files, today=today, reference_dir=directory, base=directory)
    counts: dict[str, list[int]] = {}
    for problem in report.problems:
        counts.setdefault(problem.path, [0, 0])[0 if problem.is_error else 1] += 1
    changes = []
    for path in files:
        data = read_entry(path, today).parsed
        fields = data.data if data is not None and isinstance(data.data, dict) else {}
        # Keyed as the validator names the file: a symlinked entry must not read as "valid".
        errors, warnings = counts.get(shown_path(path, directory), [0, 0])
        changes.append(EntryChange(
            change="changed" if path.name in existed else "added", slug=path.stem,
            name=fields.get("name") if isinstance(fields.get("name"), str) else "",
            status=fields.get("status") if isinstance(fields.get("status"), str) else "",
            errors=errors, warnings=warnings))
    changes.extend(EntryChange(change="removed", slug=name.removesuffix(".yaml")) for name in sorted(removed))
    # A misnamed file (`x.yml`, `X.yaml`) is invisible to the loader: show it rather than let it pass.
    touched = _git(directory, "diff", "-z", "--name-only", "--relative", "--diff-filter=ACMR", base, "--", ".")
    touched += _git(directory, "ls-files", "-z", "--others", "--exclude-standard", "--", ".")
    entries = {path.name for path in files}
    stray = {name for name in touched if "/" not in name and not name.startswith(("_", ".")) and name not in entries}
    changes.extend(EntryChange(change="not an entry", slug=name) for name in sorted(stray))
    return changes


def _code(text: str) -> str:
    """A git revision as inline code: nothing inside a code span is rendered."""
    return "`" + INVISIBLE.sub("", text).replace("`", "")[:MAX_CELL] + "`"


def _status(key: str) -> str:
    if not key:
        return ""
    taxonomy = load_taxonomy()
    if key in taxonomy.lists["status"]:
        return f"{cell(taxonomy.label('status', key))} (`{key}`)"
    return f"{cell(key)} (not a status value)"


def _verdict(change: EntryChange) -> str:
    if change.change == "removed":
        return "removed: check the pull request says why"
    if change.change == "not an entry":
        return "❌ never read: entry files are named `<slug>.yaml`"
    if change.errors:
        return f"❌ {change.errors} error{'s' * (change.errors != 1)}"
    if change.warnings:
        return f"⚠️ valid, {change.warnings} warning{'s' * (change.warnings != 1)}"
    return "✅ valid"


def render(changes: list[EntryChange], base: str) -> str:
    lines = ["### Catalogue entries in this pull request", ""]
    if not changes:
        lines.append(f"No file in `tools_data/` differs from {_code(base)}.")
        return "\n".join(lines) + "\n"
    counted = {kind: sum(c.change == kind for c in changes)
               for kind in ("added", "changed", "removed", "not an entry")}
    lines.append(", ".join(f"{n} {kind}" for kind, n in counted.items() if n) + f" since {_code(base)}.")
    lines += ["", "| change | name | slug | status | validator |", "|---|---|---|---|---|"]
    for change in changes:
        slug = f"`{change.slug}`" if re.match(SLUG_PATTERN, change.slug) else cell(change.slug)
        lines.append(f"| {change.change} | {cell(change.name)} | {slug} | {_status(change.status)} | "
                     f"{_verdict(change)} |")
    if any(c.errors or c.warnings or c.change == "not an entry" for c in changes):
        lines += ["", "Each problem is annotated on its line under *Files changed*; the log of the step "
                  "*Validate the entries this pull request changes* lists them with hints. "
                  "CONTRIBUTING.md explains every check."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="git revision the pull request is compared with, e.g. origin/main")
    parser.add_argument("--dir", type=Path, default=TOOLS_DIR, help="the catalogue folder")
    args = parser.parse_args(argv)
    try:
        changes = collect_changes(args.base, args.dir)
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        print(f"### Catalogue entries in this pull request\n\nCould not ask git what changed: {cell(detail)}")
        return 2
    sys.stdout.write(render(changes, args.base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
