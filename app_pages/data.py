"""The catalogue and its search index, loaded once per entry-file change and shared by every session."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from app_pages.i18n import _
from catalogue.load import LoadResult, load_catalogue
from catalogue.model import Tool
from catalogue.paths import REPO_DIR, TOOLS_DIR
from catalogue.validate import entry_files
from search import SearchEngine


def catalogue_dir() -> Path:
    """The entries folder: `CATALOGUE_DIR` for tests and benchmarks, else the bundled data."""
    return Path(os.environ.get("CATALOGUE_DIR") or TOOLS_DIR)


def index_dir() -> Path | None:
    """Where the search index is kept on disk; `CATALOGUE_INDEX_DIR=memory` keeps it in memory."""
    configured = os.environ.get("CATALOGUE_INDEX_DIR", "")
    if configured == "memory":
        return None
    return Path(configured) if configured else REPO_DIR / ".index"


@dataclass(frozen=True)
class Catalogue:
    result: LoadResult
    engine: SearchEngine
    by_slug: dict[str, Tool]
    catalogue_facets: dict[str, dict[str, int]]  # counts over the whole catalogue, for filter options
    year_bounds: tuple[int, int] | None

    @property
    def tools(self) -> tuple[Tool, ...]:
        return self.result.tools


@st.cache_data(ttl=2, show_spinner=False)
def _signature(directory: str) -> str:
    # File names, sizes and modification times: a cheap fingerprint that changes when any entry does.
    # Returned as a short digest so the cache below hashes 64 characters, not thousands of tuples.
    # lstat: a dangling link or a link loop must not break every page (the validator reports links).
    stats = []
    for path in entry_files(Path(directory)):
        try:
            info = path.lstat()
        except OSError:  # removed between listing and stat
            continue
        stats.append((path.name, info.st_mtime_ns, info.st_size))
    return hashlib.sha256(repr(sorted(stats)).encode()).hexdigest()


@st.cache_resource(show_spinner=False, max_entries=2)
def _load(directory: str, signature: str) -> Catalogue:
    result = load_catalogue(Path(directory))
    engine = SearchEngine.open_or_build(result.tools, index_dir())
    everything = engine.search("", limit=0)
    years = [tool.launched for tool in result.tools if tool.launched]
    return Catalogue(result=result, engine=engine, by_slug=result.by_slug(),
                     catalogue_facets=everything.facets,
                     year_bounds=(min(years), max(years)) if years else None)


def get_catalogue() -> Catalogue:
    """The loaded catalogue and its index, rebuilt only when an entry file changes."""
    directory = str(catalogue_dir())
    signature = _signature(directory)
    with st.spinner(_("Loading the catalogue…")):
        return _load(directory, signature)
