"""The search tests' helpers in tests/support.py: hand-made tools, and the real catalogue indexed once."""
from __future__ import annotations

from tests.support import make_tool, real_engine, real_tools


def test_made_tools_are_valid_entries_with_only_the_given_text():
    tool = make_tool("quiet-tool", summary="Nothing else.")
    assert tool.summary == "Nothing else." and tool.aliases == () and tool.deployed_in == ("KEN",)


def test_the_real_catalogue_is_indexed_whole():
    assert real_engine().tool_count == len(real_tools()) > 100
