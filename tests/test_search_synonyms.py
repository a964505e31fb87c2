"""Every entry of search/synonyms.yaml, checked one by one on a catalogue made for it."""
from __future__ import annotations

import itertools

import pytest

from search import SearchEngine
from search.analysis import stems_of, synonym_data
from search.lexicon import concepts, longest_concept
from tests.support import make_tool

DATA = synonym_data()


def _slug(text: str) -> str:
    return "m-" + "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


@pytest.fixture(scope="module")
def members_engine():
    """One tool per synonym member, whose only meaningful words are that member."""
    texts = {member for group in DATA["groups"] for member in group}
    tools = [make_tool(_slug(text), name=f"Tool {i}", summary=f"Mentions {text}.",
                       description="Nothing else here.", exploitation_types=["other"], deployed_in=["PER"])
             for i, text in enumerate(sorted(texts))]
    return SearchEngine.build(tools)


GROUP_PAIRS = [(group[0], a, b) for group in DATA["groups"] for a, b in itertools.permutations(group, 2)]


@pytest.mark.parametrize("group, query, other", GROUP_PAIRS, ids=[f"{q}->{o}" for _, q, o in GROUP_PAIRS])
def test_each_synonym_finds_the_others(members_engine, group, query, other):
    result = members_engine.search(query, limit=0)
    assert _slug(other) in result.slugs, f"{query!r} should find a tool that only says {other!r} ({group})"


@pytest.mark.parametrize("group", DATA["groups"], ids=[g[0] for g in DATA["groups"]])
def test_the_member_typed_ranks_first(members_engine, group):
    for member in group:
        first = members_engine.search(member, limit=1).hits[0].slug
        same = {_slug(m) for m in group if stems_of(m) == stems_of(member)}  # "wage(s) protection system"
        assert first in same, member


VARIANTS = sorted(DATA["variants"].items())


@pytest.mark.parametrize("variant, canonical", VARIANTS, ids=[v for v, _ in VARIANTS])
def test_spelling_variants_are_one_word(variant, canonical):
    tools = [make_tool("uk", summary=f"About {canonical} here."), make_tool("us", summary=f"About {variant} here.")]
    engine = SearchEngine.build(tools)
    assert set(engine.search(variant).slugs) == {"uk", "us"}
    assert set(engine.search(canonical).slugs) == {"uk", "us"}
    assert set(engine.search(f'"about {variant}"').slugs) == {"uk", "us"}  # phrases too


def test_organization_does_not_meet_organ_removal():
    company = {"name": "Firm", "type": "private_company"}
    engine = SearchEngine.build([make_tool("org", summary="An international organization.", organisation=company),
                                 make_tool("organ", summary="Trafficking for organ removal.", organisation=company)])
    assert engine.search("organ").slugs == ["organ"]
    assert engine.search("organisation").slugs == ["org"]


def test_optional_words_count_less():
    engine = SearchEngine.build([make_tool("line", name="First", summary="A hotline."),
                                 make_tool("line-tool", name="Second", summary="A hotline tool."),
                                 make_tool("tool", name="Third", summary="A tool.")])
    result = engine.search("tools for a hotline")
    assert result.slugs[0] == "line-tool" and result.slugs.index("line") < result.slugs.index("tool")
    assert set(engine.search("tool").slugs) == {"line-tool", "tool"}  # alone, a filler word is the query


def test_each_synonym_entry_belongs_to_one_group_only():
    seen: dict[tuple[str, ...], str] = {}
    for group in DATA["groups"]:
        for member in group:
            stems = stems_of(member)
            assert stems, f"{member!r} is only stop words"
            assert seen.setdefault(stems, group[0]) == group[0], f"{member!r} is in two groups"


def test_the_longest_known_wording_is_read_as_one():
    stems = list(stems_of("human trafficking in fishing"))
    assert longest_concept(stems, 0, concepts()) == 2
    assert "trata" in concepts()[tuple(stems[:2])].synonyms
