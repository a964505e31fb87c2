"""The sections of CONTRIBUTING.md the app quotes."""
from app_pages.guide import GUIDE_SECTIONS, guide_section, read_guide


def test_guide_section_takes_one_section(tmp_path):
    guide = tmp_path / "CONTRIBUTING.md"
    guide.write_text("# Guide\nintro\n## What belongs\nTools.\n\n- not this\n## Rules\nOwn words, see "
                     "[the example](tools_data/_example.yaml), [below](#checks) and [SPDX](https://spdx.org/).\n",
                     encoding="utf-8")
    text = read_guide(guide)
    assert guide_section(text, "What belongs") == "Tools.\n\n- not this"
    assert guide_section(text, "Rules") == "Own words, see the example, below and [SPDX](https://spdx.org/)."
    assert guide_section(text, "Missing") == ""
    assert read_guide(tmp_path / "absent.md") == ""


def test_the_real_guide_has_the_sections_the_app_shows():
    text = read_guide()
    for title in GUIDE_SECTIONS:
        assert guide_section(text, title), title
