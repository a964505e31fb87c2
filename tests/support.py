"""Helpers the test files share: the valid example entry, hand-made tools, the real catalogue indexed once,
the CLI and git in a subprocess, threads, captured log errors, and a running app for the browser tests.
Pytest fixtures stay in conftest.py (pytest finds them there without imports)."""
from __future__ import annotations

import contextlib
import copy
import datetime as dt
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from catalogue.fix import dump_entry
from catalogue.load import load_catalogue
from catalogue.model import Tool, tool_from_data

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)

# -- entries --------------------------------------------------------------------------------------------
VALID_ENTRY = {
    "name": "Fixture Helpline",
    "aliases": ["FH"],
    "summary": "A test helpline used only by the test suite.",
    "description": "Exists only in tests. It lets the suite check every validation rule.",
    "url": "https://fixture.example/helpline",
    "organisation": {"name": "Fixture Org", "type": "ngo", "website": "https://fixture.example/"},
    "partners": ["Partner Org"],
    "primary_purpose": "worker_voice",
    "purposes": ["victim_identification", "worker_voice"],
    "target_users": ["workers_migrants"],
    "technologies": ["hotline_sms_chat"],
    "exploitation_types": ["forced_labour"],
    "sectors": ["agriculture"],
    "developed_in": ["KEN"],
    "deployed_in": ["KEN", "QAT"],
    "languages": ["en", "sw"],
    "status": "active",
    "launched": 2015,
    "discontinued": 2020,
    "access": "public_free",
    "licence": "MIT",
    "source_code": "https://git.example/fixture",
    "survivor_informed": True,
    "handles_personal_data": True,
    "evidence_of_impact": "https://fixture.example/evaluation",
    "sources": ["https://fixture.example/helpline"],
    "last_verified": dt.date(2026, 10, 1),
}


def valid_entry() -> dict:
    return copy.deepcopy(VALID_ENTRY)


def named_entry(name: str, **changes: Any) -> dict:
    """The valid entry as "Tool NAME" at https://NAME.example/ (distinct tools, no duplicate warnings)."""
    data = valid_entry()
    data.update(name=f"Tool {name}", url=f"https://{name}.example/", **changes)
    return data


def write_entry(directory: Path, slug: str, data: dict | None = None, text: str | None = None) -> Path:
    path = directory / f"{slug}.yaml"
    path.write_text(text if text is not None else dump_entry(data if data is not None else valid_entry()),
                    encoding="utf-8")
    return path


def make_tool(slug: str, **fields: Any) -> Tool:
    """A valid Tool whose text says only what the test gives it (no accidental matches)."""
    data = valid_entry()
    data.update(name=slug.replace("-", " ").title(), aliases=[], partners=[],
                summary=f"Entry {slug}.", description=f"Entry {slug} exists for a test.",
                organisation={"name": f"Org {slug}", "type": "ngo"},
                primary_purpose="data_research", purposes=["data_research"], target_users=["researchers"],
                technologies=["web_platform"], exploitation_types=["other"], sectors=[],
                developed_in=["KEN"], deployed_in=["KEN"], launched=2015, discontinued=None,
                source_code="", last_verified=dt.date(2026, 1, 1))
    data.update(fields)
    if data.get("discontinued") is None:
        data.pop("discontinued")
    return tool_from_data(slug, data)


@lru_cache(maxsize=1)
def real_tools() -> tuple[Tool, ...]:
    return load_catalogue().tools


@lru_cache(maxsize=1)
def real_engine():
    from search import SearchEngine  # imported here: the catalogue tests need no search index

    return SearchEngine.build(real_tools())


# -- processes ------------------------------------------------------------------------------------------
def run_catalogue(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """`python -m catalogue ARGS` in a clean environment (only the repository on the path)."""
    return subprocess.run([sys.executable, "-m", "catalogue", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, timeout=120, check=False)


def git(cwd: Path, *args: str) -> None:
    """git in `cwd` with a fixed author and none of the machine's or user's configuration."""
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin", "HOME": str(cwd),
                        "GIT_CONFIG_NOSYSTEM": "1"})


def in_threads(function: Callable[[], Any], count: int = 4) -> tuple[list[Any], list[BaseException]]:
    """Calls `function` from `count` threads at once: (what they returned, what they raised)."""
    results: list[Any] = []
    errors: list[BaseException] = []

    def call() -> None:
        try:
            results.append(function())
        except Exception as error:  # handed back to the test, which asserts there is none
            errors.append(error)

    threads = [threading.Thread(target=call) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@contextlib.contextmanager
def logged_errors(logger: str, level: int = logging.ERROR) -> Iterator[list[logging.LogRecord]]:
    """The records of `level` or above that `logger` emits inside the block (for tests where pytest's caplog
    fixture cannot be used, such as Hypothesis tests)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level)
    handler.emit = records.append  # type: ignore[method-assign]
    target = logging.getLogger(logger)
    target.addHandler(handler)
    try:
        yield records
    finally:
        target.removeHandler(handler)


# -- the app in a browser ---------------------------------------------------------------------------------
# `make screenshots` (UPDATE_SCREENSHOTS=1) refreshes the README's images; other runs keep theirs apart.
SHOTS = REPO / ("docs/screenshots" if os.environ.get("UPDATE_SCREENSHOTS") else "test-artifacts/screenshots")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None,
                                    reason="Debian's chromium is not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_app(tmp_path_factory, **env_overrides: str) -> Iterator[str]:
    """`streamlit run app.py` on a free port, stopped afterwards."""
    port = free_port()
    env = dict(os.environ, CATALOGUE_INDEX_DIR=str(tmp_path_factory.mktemp("index")), **env_overrides)
    with open(tmp_path_factory.mktemp("log") / "streamlit.log", "w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
             "--server.enableStaticServing", "true"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(0.25)
            else:
                log.seek(0)
                pytest.fail("streamlit did not start:\n" + log.read())
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


def new_page(browser, requests_seen: list[str] | None = None):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    if requests_seen is not None:
        page.on("request", lambda request: requests_seen.append(request.url))
    return context, page


def wait_for_app(page) -> None:
    page.wait_for_selector("[data-testid='stApp']")
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                           " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText"
                           ".includes('Running')")
    page.wait_for_timeout(300)


def page_params(page) -> dict[str, list[str]]:
    """The query parameters of the page's current address."""
    return parse_qs(urlsplit(page.url).query)
