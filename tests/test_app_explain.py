"""Help when nothing is found: closest tools to an unknown slug."""
from app_pages.explain import closest_slugs

SLUGS = ["golden-dreams", "safer-thorn", "spotlight", "national-human-trafficking-hotline"]
NAMES = {"golden-dreams": "Golden Dreams", "safer-thorn": "Safer", "spotlight": "Spotlight",
         "national-human-trafficking-hotline": "U.S. National Human Trafficking Hotline"}


def test_a_typo_finds_the_tool():
    assert closest_slugs("golden-dream", SLUGS, NAMES)[0] == "golden-dreams"


def test_a_fragment_finds_the_tools_containing_it():
    assert "national-human-trafficking-hotline" in closest_slugs("hotline", SLUGS, NAMES)


def test_nothing_alike_gives_nothing_and_hostile_input_is_harmless():
    assert closest_slugs("zzzzqqq", SLUGS, NAMES) == []
    assert closest_slugs("", SLUGS, NAMES) == []
    assert len(closest_slugs("<script>" * 500, SLUGS, NAMES)) <= 5
