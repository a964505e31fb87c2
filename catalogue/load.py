"""Load the catalogue: typed records for the valid entries, problems for the rest."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from catalogue.model import Tool
from catalogue.paths import TOOLS_DIR
from catalogue.problems import Problem
from catalogue.validate import entry_files, validate_paths


@dataclass(frozen=True)
class LoadResult:
    tools: tuple[Tool, ...]
    problems: tuple[Problem, ...]

    @property
    def skipped_files(self) -> tuple[str, ...]:
        """Files that were left out because they have errors."""
        return tuple(sorted({p.path for p in self.problems if p.is_error}))

    def by_slug(self) -> dict[str, Tool]:
        return {tool.slug: tool for tool in self.tools}


def load_catalogue(directory: Path = TOOLS_DIR, today: dt.date | None = None) -> LoadResult:
    """Every valid entry of `directory`, sorted by name; a broken file is skipped, never fatal."""
    # Near-duplicate warnings are for contributors (`validate`); loading needs only the errors.
    report = validate_paths(entry_files(directory), today=today, reference_dir=None, base=directory.parent,
                            near_duplicates=False)
    tools = tuple(sorted(report.tools, key=lambda tool: (tool.name.lower(), tool.slug)))
    return LoadResult(tools=tools, problems=tuple(report.problems))
