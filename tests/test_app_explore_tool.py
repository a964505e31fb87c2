"""AppTest: the Explore and Tool pages, permalinks, a broken file and hostile entry text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import valid_entry, write_entry

TIMEOUT = 60
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def fixture_catalogue(directory):
    one = valid_entry()
    write_entry(directory, "fixture-helpline", one)
    two = valid_entry()
    two.update(name="Recruiter Review App", summary="Migrant workers rate recruitment agencies.",
               description="Workers review recruiters before they migrate.", url="https://two.example/",
               technologies=["mobile_app"], primary_purpose="safe_migration", purposes=["safe_migration"],
               deployed_in=["NPL", "QAT"], sources=["https://two.example/about"], aliases=["RRA"])
    write_entry(directory, "recruiter-review-app", two)
    three = valid_entry()
    three.update(name="Image Matcher", summary="Investigators match hotel room photos.",
                 description="Photo matching for police.", url="https://three.example/",
                 technologies=["computer_vision_image_recognition"], primary_purpose="investigation_prosecution",
                 purposes=["investigation_prosecution"], target_users=["law_enforcement"], deployed_in=["global"],
                 exploitation_types=["sexual_exploitation"], sources=["https://three.example/"], aliases=[])
    write_entry(directory, "image-matcher", three)
    return directory


@pytest.fixture
def app(catalogue_dir, serve_catalogue):
    fixture_catalogue(catalogue_dir)
    serve_catalogue(catalogue_dir)
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


def texts(at: AppTest) -> str:
    parts = [t.value for t in at.title] + [m.value for m in at.markdown] + [c.value for c in at.caption]
    return "\n".join(parts)


def param(at: AppTest, name: str) -> list[str]:
    """A URL parameter's values as a list (AppTest gives a bare string for a single value)."""
    value = at.query_params.get(name)
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def multiselect(at: AppTest, label: str):
    return next(m for m in at.multiselect if m.label == label)


def test_explore_lists_every_tool_and_counts(app):
    app.run()
    assert not app.exception
    assert "**3 of 3 tools**" in texts(app)
    technology = multiselect(app, "Technology")
    assert technology.options  # labels carry counts
    assert any(option.endswith("(1)") for option in technology.options)


def test_a_filter_narrows_results_and_goes_into_the_url(app):
    app.run()
    multiselect(app, "Technology").set_value(["mobile_app"]).run()
    assert not app.exception
    assert "**1 of 3 tools**" in texts(app)
    assert param(app, "technology") == ["mobile_app"]
    assert "Recruiter Review App" in texts(app) or any("Recruiter Review App" in str(p.proto)
                                                       for p in app.get("page_link"))


def test_search_box_updates_results_and_url(app):
    app.run()
    app.text_input[0].input("RRA").run()
    assert not app.exception
    assert param(app, "q") == ["RRA"]
    assert "**1 of 3 tools**" in texts(app)


def test_a_permalink_restores_the_view(app):
    app.query_params["technology"] = ["mobile_app", "hotline_sms_chat"]
    app.query_params["sort"] = "name"
    app.query_params["view"] = "table"
    app.run()
    assert not app.exception
    assert sorted(multiselect(app, "Technology").value) == ["hotline_sms_chat", "mobile_app"]
    assert app.selectbox[0].value == "name"
    assert app.radio[0].value == "table"
    assert "**2 of 3 tools**" in texts(app)
    frame = app.dataframe[0].value
    assert [link.split("#", 1)[1] for link in frame["Tool"]] == ["Fixture Helpline", "Recruiter Review App"]
    assert frame["Tool"][0].startswith("/tool?tool=fixture-helpline#")


def test_clear_all_drops_query_and_filters(app):
    app.query_params["q"] = "recruiters"
    app.query_params["status"] = "active"
    app.run()
    app.button(key="clear_all").click().run()
    assert "**3 of 3 tools**" in texts(app)
    assert "q" not in app.query_params and "status" not in app.query_params


def test_empty_result_says_which_filter_removed_everything(app):
    app.query_params["q"] = "recruiters"
    app.query_params["technology"] = "computer_vision_image_recognition"
    app.run()
    assert not app.exception
    body = texts(app)
    assert "0 of 3 tools" in body
    assert "Without the Technology filter" in body and ": 1 tool." in body.replace("\\", "")


def test_tool_page_shows_every_field(app):
    app.switch_page("app_pages/tool.py")
    app.query_params["tool"] = "fixture-helpline"
    app.run()
    assert not app.exception
    body = texts(app).replace("\\", "")
    entry = valid_entry()
    for expected in (entry["name"], entry["organisation"]["name"], "Partner Org", "Worker voice",
                     "Victim identification", "Workers and migrants", "Hotline", "Forced labour", "Agriculture",
                     "Kenya", "Qatar", "Swahili",
                     "2015", "2020", "MIT", "https://git.example/fixture", "https://fixture.example/evaluation",
                     "https://fixture.example/helpline", "2026-10-01", "Also known as: FH"):
        assert expected in body, expected
    assert param(app, "tool") == ["fixture-helpline"]


def test_unknown_slug_is_friendly_with_closest_matches(app):
    app.switch_page("app_pages/tool.py")
    app.query_params["tool"] = "fixture-helpine"
    app.run()
    assert not app.exception
    assert app.title[0].value == "Tool not found"
    links = [p.proto for p in app.get("page_link")]
    assert any("fixture-helpline" in str(link) for link in links)


def test_a_broken_file_is_named_and_the_rest_still_served(catalogue_dir, serve_catalogue):
    fixture_catalogue(catalogue_dir)
    (catalogue_dir / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    serve_catalogue(catalogue_dir)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "**3 of 3 tools**" in texts(at)
    assert any("broken.yaml" in e.label for e in at.expander)


HOSTILE_NAME = "<script>alert(1)</script> **Bold** [click](javascript:alert(1))"
HOSTILE_TEXT = ("<img src=x onerror=alert(1)> ![pixel](https://tracker.example/p.png) :material/home: "
                "[x](javascript:alert(2)) <a href='javascript:alert(3)'>y</a>")


def test_hostile_entry_renders_inert(catalogue_dir, serve_catalogue):
    entry = valid_entry()
    entry.update(name=HOSTILE_NAME, summary=HOSTILE_TEXT[:200], description=HOSTILE_TEXT, partners=[HOSTILE_NAME])
    write_entry(catalogue_dir, "hostile", entry)
    serve_catalogue(catalogue_dir)
    for page in ("app_pages/explore.py", "app_pages/tool.py"):
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.switch_page(page)
        at.query_params["tool"] = "hostile"
        at.run()
        assert not at.exception
        shown = list(at.markdown) + list(at.caption) + list(at.title)
        assert shown
        for element in shown:
            assert not getattr(element.proto, "allow_html", False), element.value
            value = element.value
            for dangerous in (r"<script", r"<img", r"<a ", r"\]\(javascript", r"!\[", r":material"):
                # Escaped (preceded by a backslash) is inert; bare is not.
                assert not re.search(r"(?<!\\)" + dangerous, value), (page, value)


def test_table_view_links_each_row_to_its_tool_page(app):
    app.run()
    app.radio[0].set_value("table").run()
    assert param(app, "view") == ["table"]
    frame = app.dataframe[0].value
    assert {link.split("#")[0] for link in frame["Tool"]} == {
        "/tool?tool=fixture-helpline", "/tool?tool=recruiter-review-app", "/tool?tool=image-matcher"}


def test_paging_through_the_real_catalogue(serve_catalogue):
    serve_catalogue()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    first_page = [str(p.proto) for p in at.get("page_link")]
    at.button(key="page_next").click().run()
    assert param(at, "page") == ["2"]
    assert [str(p.proto) for p in at.get("page_link")] != first_page
