"""Presentation settings (`settings.yaml`), kept apart from data; environment variables override them."""
from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import quote, urlencode

from app_pages.render import safe_url
from catalogue.paths import REPO_DIR
from catalogue.yamlio import load_project_yaml

SETTINGS_PATH = REPO_DIR / "settings.yaml"


@lru_cache(maxsize=1)
def settings() -> dict[str, str]:
    values = load_project_yaml(SETTINGS_PATH) or {}
    for name in list(values):
        override = os.environ.get(f"CATALOGUE_{name.upper()}")
        if override is not None:
            values[name] = override
    return {name: str(value or "") for name, value in values.items()}


# GitHub answers 414 or truncates past some 8 KB of address; an entry is rarely over 4 KB of text.
MAX_PREFILL_URL = 8000
ISSUE_TEMPLATE = "suggest_tool.yml"


def repository() -> str | None:
    """The configured repository address (http(s) only), without a final slash; None when unset."""
    address = settings().get("repository_url", "").rstrip("/")
    return address if address and safe_url(address) is not None else None


def _branch() -> str:
    return settings().get("default_branch") or "main"


def edit_url(slug: str) -> str | None:
    """Link that opens the entry's file for editing in the repository, or None when none is configured."""
    base = repository()
    return f"{base}/edit/{_branch()}/tools_data/{slug}.yaml" if base else None


def new_file_url(file_name: str, text: str) -> str | None:
    """GitHub's "create new file" page with the entry's name and text filled in, or None.

    For a contributor without write access GitHub forks the repository and turns the commit into a
    pull request: a new entry proposed from the browser, with no git. None when no repository is set
    or the address would be too long for GitHub.
    """
    base = repository()
    if not base:
        return None
    url = f"{base}/new/{_branch()}/tools_data?" + urlencode({"filename": file_name, "value": text}, quote_via=quote)
    return url if len(url) <= MAX_PREFILL_URL else None


def suggest_issue_url(fields: Mapping[str, str]) -> str | None:
    """The "Suggest a tool" issue form with the given fields (issue-form ids) filled in, or None."""
    base = repository()
    if not base:
        return None
    values = {"template": ISSUE_TEMPLATE, "title": f"Suggest a tool: {fields.get('name', '')}".strip()}
    values.update({key: value for key, value in fields.items() if value})
    url = f"{base}/issues/new?" + urlencode(values, quote_via=quote)
    while len(url) > MAX_PREFILL_URL and len(values) > 2:  # drop the longest field until it fits
        values.pop(max((k for k in values if k not in ("template", "title")), key=lambda k: len(values[k])))
        url = f"{base}/issues/new?" + urlencode(values, quote_via=quote)
    return url
