"""Shared fixtures. Helpers that are not fixtures live in tests/support.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import CHROMIUM, LAUNCH_ARGS, running_app

# Re-exported for the test files that still import them from here; new code imports tests.support.
from tests.support import TODAY, VALID_ENTRY, valid_entry, write_entry  # noqa: F401  isort: skip


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "tools_data"
    directory.mkdir()
    return directory


@pytest.fixture
def serve_catalogue(monkeypatch):
    """Point the app at a catalogue folder (None: the bundled one), with its search index in memory."""
    def serve(directory: Path | None = None) -> None:
        if directory is None:
            monkeypatch.delenv("CATALOGUE_DIR", raising=False)
        else:
            monkeypatch.setenv("CATALOGUE_DIR", str(directory))
        monkeypatch.setenv("CATALOGUE_INDEX_DIR", "memory")
    return serve


@pytest.fixture
def repository(monkeypatch):
    """Point the app's contribution links at a repository (URL and branch, as settings.yaml would)."""
    from app_pages import settings as app_settings

    def configure(url: str, branch: str = "main") -> None:
        monkeypatch.setenv("CATALOGUE_REPOSITORY_URL", url)
        monkeypatch.setenv("CATALOGUE_DEFAULT_BRANCH", branch)
        app_settings.settings.cache_clear()
    yield configure
    app_settings.settings.cache_clear()


# -- browser tests (tests/test_e2e_*.py): one app and one Chromium per test module -------------------------
@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()
