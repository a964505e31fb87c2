"""Every entry of search/synonyms.yaml, checked one by one on a catalogue made for it."""
from __future__ import annotations

import itertools

import pytest

from search import SearchEngine
from search.analysis import SynonymMatcher, base_tokenizer, stems_of, synonym_table, text_analyzer
from tests.test_search_support import make_tool

TABLE = synonym_table()


def _slug(text: str) -> str:
    return "m-" + "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


@pytest.fixture(scope="module")
def members_engine():
    """One tool per synonym member (and per related target), whose only meaningful words are that member."""
    texts = {member for group in TABLE.groups for member in group}
    texts |= {target for targets in TABLE.related.values() for target in targets}
    tools = [make_tool(_slug(text), name=f"Tool {i}", summary=f"Mentions {text}.",
                       description="Nothing else here.", exploitation_types=["other"])
             for i, text in enumerate(sorted(texts))]
    return SearchEngine.build(tools)


GROUP_PAIRS = [(group[0], a, b) for group in TABLE.groups for a, b in itertools.permutations(group, 2)]


@pytest.mark.parametrize("group, query, other", GROUP_PAIRS,
                         ids=[f"{q}->{o}" for _, q, o in GROUP_PAIRS])
def test_each_synonym_finds_the_others(members_engine, group, query, other):
    result = members_engine.search(query, limit=0)
    assert _slug(other) in result.slugs, f"{query!r} should find a tool that only says {other!r} ({group})"
    assert not result.relaxed


@pytest.mark.parametrize("group", TABLE.groups, ids=[g[0] for g in TABLE.groups])
def test_the_member_typed_ranks_first(members_engine, group):
    for member in group:
        first = members_engine.search(member, limit=1).hits[0].slug
        assert first == _slug(member), member


RELATED = [(key, target) for key, targets in TABLE.related.items() for target in targets]


@pytest.mark.parametrize("key, target", RELATED, ids=[f"{k}->{t}" for k, t in RELATED])
def test_related_terms_are_found_but_ranked_lower(members_engine, key, target):
    result = members_engine.search(key)
    assert _slug(target) in result.slugs
    assert result.slugs.index(_slug(key)) < result.slugs.index(_slug(target))


VARIANTS = sorted(TABLE.variants.items())


@pytest.mark.parametrize("variant, canonical", VARIANTS, ids=[v for v, _ in VARIANTS])
def test_spelling_variants_are_one_word(variant, canonical):
    tools = [make_tool("uk", summary=f"About {canonical} here."), make_tool("us", summary=f"About {variant} here.")]
    engine = SearchEngine.build(tools)
    assert set(engine.search(variant).slugs) == {"uk", "us"}
    assert set(engine.search(canonical).slugs) == {"uk", "us"}
    assert set(engine.search(f'"about {variant}"').slugs) == {"uk", "us"}  # phrases too


def test_organization_does_not_meet_organ_removal():
    company = {"name": "Firm", "type": "private_company"}  # the NGO definition says "organisation"
    engine = SearchEngine.build([make_tool("org", summary="An international organization.", organisation=company),
                                 make_tool("organ", summary="Trafficking for organ removal.", organisation=company)])
    assert engine.search("organ").slugs == ["organ"]
    assert engine.search("organisation").slugs == ["org"]


COUNTRIES = sorted((code, name) for code, names in TABLE.country_names.items() for name in names)


@pytest.mark.parametrize("code, name", COUNTRIES, ids=[f"{c}:{n}" for c, n in COUNTRIES])
def test_other_country_names_find_tools_deployed_there(code, name):
    engine = SearchEngine.build([make_tool("there", deployed_in=[code]), make_tool("elsewhere", deployed_in=["PER"])])
    assert engine.search(name).slugs == ["there"]


def test_country_and_region_names_and_accents():
    engine = SearchEngine.build([make_tool("civ", deployed_in=["CIV"]), make_tool("bra", deployed_in=["BRA"]),
                                 make_tool("anywhere", deployed_in=["global"])])
    assert engine.search("Côte d'Ivoire").slugs == ["civ"]
    assert engine.search("COTE D'IVOIRE").slugs == ["civ"]
    assert engine.search("Western Africa").slugs == ["civ"]  # M49 intermediate region
    assert engine.search("Africa").slugs == ["civ"]
    assert engine.search("Latin America").slugs == ["bra"]
    assert engine.search("worldwide").slugs == ["anywhere"]


def test_optional_words_do_not_have_to_match():
    engine = SearchEngine.build([make_tool("line", summary="A hotline."),
                                 make_tool("line-tool", summary="A hotline tool.")])
    result = engine.search("tools for a hotline")
    assert not result.relaxed and result.slugs[0] == "line-tool" and set(result.slugs) == {"line", "line-tool"}
    assert engine.search("tool").slugs == ["line-tool"]  # alone, a filler word is the query


def test_each_synonym_entry_belongs_to_one_group_only():
    analyzer = text_analyzer()
    seen: dict[tuple[str, ...], str] = {}
    for group in TABLE.groups:
        for member in group:
            stems = stems_of(analyzer, member)
            assert stems, f"{member!r} is only stop words"
            assert seen.setdefault(stems, group[0]) == group[0], f"{member!r} is in two groups"


def test_multi_word_synonyms_are_marked_in_entries_once():
    tokenizer = text_analyzer().items[0]
    tokens = [t.text for t in tokenizer("Reports of child sexual abuse material and forced labour.")]
    assert tokens.count("_syn7") <= 1 and any(t.startswith("_syn") for t in tokens)
    plain = [t.text for t in base_tokenizer()("child sexual abuse material")]
    assert not any(t.startswith("_") for t in plain)


def test_synonym_matcher_prefers_the_longest_key():
    matcher = SynonymMatcher(TABLE, text_analyzer())
    stems = list(stems_of(text_analyzer(), "human trafficking in fishing"))
    length, expansions = matcher.match(stems, 0)
    assert length == 2 and any(e.text == "trata" for e in expansions)
