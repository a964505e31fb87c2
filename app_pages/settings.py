"""Presentation settings (`settings.yaml`), kept apart from data; environment variables override them."""
from __future__ import annotations

import os
from functools import lru_cache

import yaml

from app_pages.render import safe_url
from catalogue.paths import REPO_DIR

SETTINGS_PATH = REPO_DIR / "settings.yaml"


@lru_cache(maxsize=1)
def settings() -> dict[str, str]:
    with open(SETTINGS_PATH, encoding="utf-8") as handle:
        values = yaml.safe_load(handle) or {}
    for name in list(values):
        override = os.environ.get(f"CATALOGUE_{name.upper()}")
        if override is not None:
            values[name] = override
    return {name: str(value or "") for name, value in values.items()}


def edit_url(slug: str) -> str | None:
    """Link that opens the entry's file for editing in the repository, or None when none is configured."""
    repository = settings().get("repository_url", "").rstrip("/")
    if not repository or safe_url(repository) is None:
        return None
    return f"{repository}/edit/{settings().get('default_branch') or 'main'}/tools_data/{slug}.yaml"
