"""Shared by the search tests (imported by them): hand-made tools, and the real catalogue indexed once."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from catalogue.load import load_catalogue
from catalogue.model import Tool, tool_from_data
from search import SearchEngine
from tests.conftest import valid_entry


def make_tool(slug: str, **fields) -> Tool:
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
def real_engine() -> SearchEngine:
    return SearchEngine.build(real_tools())


def test_made_tools_are_valid_entries_with_only_the_given_text():
    tool = make_tool("quiet-tool", summary="Nothing else.")
    assert tool.summary == "Nothing else." and tool.aliases == () and tool.deployed_in == ("KEN",)


def test_the_real_catalogue_is_indexed_whole():
    assert real_engine().tool_count == len(real_tools()) > 100
