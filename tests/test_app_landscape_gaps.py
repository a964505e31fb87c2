"""AppTest: the Landscape and Gaps pages on the real catalogue and on a four-tool fixture."""
from __future__ import annotations

import csv
import json
import math
import re

import pytest
from streamlit.testing.v1 import AppTest

from catalogue import analysis
from catalogue.load import load_catalogue
from catalogue.paths import NEED_PATH, REPO_DIR, TOOLS_DIR
from tests.conftest import valid_entry, write_entry

TIMEOUT = 60
LANDSCAPE = "app_pages/landscape.py"
GAPS = "app_pages/gaps.py"


def fixture_catalogue(directory):
    """Africa 1, Arab States 2, Asia and the Pacific 1, Americas 1, Europe 0, global 1."""
    one = valid_entry()  # KEN + QAT, victim identification + worker voice
    write_entry(directory, "fixture-helpline", one)
    two = valid_entry()
    two.update(name="Recruiter Review App", url="https://two.example/", primary_purpose="safe_migration",
               purposes=["safe_migration"], deployed_in=["NPL", "QAT"], technologies=["mobile_app"],
               sources=["https://two.example/about"])
    write_entry(directory, "recruiter-review-app", two)
    three = valid_entry()
    three.update(name="Image Matcher", url="https://three.example/", primary_purpose="investigation_prosecution",
                 purposes=["investigation_prosecution"], deployed_in=["global"], developed_in=["USA"],
                 exploitation_types=["sexual_exploitation"], sources=["https://three.example/"])
    write_entry(directory, "image-matcher", three)
    four = valid_entry()
    four.update(name="Forced Marriage Line", url="https://four.example/", primary_purpose="victim_survivor_support",
                purposes=["victim_survivor_support"], deployed_in=["USA", "MEX"], developed_in=["USA"],
                exploitation_types=["forced_marriage"], sources=["https://four.example/"], launched=2019)
    write_entry(directory, "forced-marriage-line", four)
    return directory


@pytest.fixture
def fixture_dir(catalogue_dir, serve_catalogue):
    fixture_catalogue(catalogue_dir)
    serve_catalogue(catalogue_dir)
    return catalogue_dir


@pytest.fixture
def real_catalogue(serve_catalogue):
    serve_catalogue()


def open_page(page: str, **params) -> AppTest:
    at = AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info])


def unescape(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def table_with(at: AppTest, column: str):
    """The first dataframe on the page that has `column`."""
    for frame in at.dataframe:
        value = frame.value
        if column in value.columns:
            return value
    raise AssertionError(f"no table with a {column!r} column")


def plotly_specs(at: AppTest) -> list[tuple[dict, dict]]:
    return [(json.loads(chart.proto.spec), json.loads(chart.proto.config or "{}")) for chart in at.get("plotly_chart")]


# ---------------------------------------------------------------- real catalogue

def test_landscape_renders_on_the_real_catalogue(real_catalogue):
    at = open_page(LANDSCAPE)
    total = len(load_catalogue(TOOLS_DIR).tools)
    assert f"**{total} of {total} tools**" in texts(at)
    downloads = at.get("download_button")
    assert len(downloads) >= 10  # one per chart: 6 facets, years, built-for, local, map
    specs = plotly_specs(at)
    maps = [(spec, config) for spec, config in specs if spec["data"][0]["type"] == "choropleth"]
    assert len(maps) == 1
    spec, config = maps[0]
    assert config["topojsonURL"] == "/app/static/"
    assert spec["data"][0]["locationmode"] == "ISO-3"
    assert all(config.get("topojsonURL") == "/app/static/" for _, config in specs)
    assert "cdn.plot.ly" not in json.dumps([spec for spec, _ in specs])


def test_gaps_renders_on_the_real_catalogue(real_catalogue):
    at = open_page(GAPS)
    page = texts(at)
    assert "counted separately" in page
    years = analysis.estimate_years()
    assert years and all(str(year) in page for year in years)
    assert len(at.get("download_button")) == 4
    with open(NEED_PATH, encoding="utf-8") as handle:
        sources = {row["source_url"] for row in csv.DictReader(handle)}
    assert all(f"]({url})" in page for url in sources), "every need source is cited as a link"
    assert "](https://altiorem.org/" in page  # the forms' source
    assert unescape("Arab States: " + analysis.MISSING_PEOPLE_NOTE) in unescape(page)


# ---------------------------------------------------------------- fixture catalogue

def test_gaps_numbers_match_the_data(fixture_dir):
    at = open_page(GAPS)
    assert "**4 of 4 tools**" in texts(at)
    need = table_with(at, "tools_per_million_people").set_index("ilo_region")
    with open(NEED_PATH, encoding="utf-8", newline="") as handle:
        published = {row["ilo_region"]: row for row in csv.DictReader(handle)}
    expected_tools = {"Africa": 1, "Americas": 1, "Arab States": 2, "Asia and the Pacific": 1,
                      "Europe and Central Asia": 0}
    for region, count in expected_tools.items():
        assert need.loc[region, "tools"] == count
        people = published[region]["people_in_modern_slavery_millions"]
        if people:
            assert need.loc[region, "tools_per_million_people"] == pytest.approx(count / float(people))
        else:
            assert math.isnan(need.loc[region, "tools_per_million_people"])
        forced = float(published[region]["forced_labour_millions"])
        assert need.loc[region, "tools_per_million_forced_labour"] == pytest.approx(count / forced)
    assert "(“Global (anywhere)”, 1 in this selection)" in texts(at)


def test_gaps_lists_the_computed_largest_gaps_and_marks_cells(fixture_dir):
    at = open_page(GAPS)
    tools = load_catalogue(fixture_dir).tools
    shown = [unescape(m.value)[2:] for m in at.markdown if m.value.startswith("- ")]
    assert shown == analysis.largest_gaps(tools, 10)
    grid = table_with(at, "purpose").set_index("purpose")
    assert grid.loc["Safe migration", "Arab States"] == "1 △ thin"
    assert grid.loc["Safe migration", "Europe and Central Asia"] == "0 ✗ none"
    assert grid.loc["Investigation and prosecution", "Global (anywhere)"] == "1 △ thin"
    forms = table_with(at, "tools_specific").set_index("form")
    assert forms.loc["Forced marriage", "tools_specific"] == 1
    assert set(forms["tools_all_forms"]) == {0}


def test_landscape_counts_the_whole_fixture(fixture_dir):
    at = open_page(LANDSCAPE)
    assert "**4 of 4 tools**" in texts(at)
    frames = [frame.value for frame in at.dataframe if "label" in frame.value.columns]
    regions = next(frame for frame in frames if "Arab States" in set(frame["label"])).set_index("label")
    assert regions["tools"].to_dict() == {"Africa": 1, "Americas": 1, "Arab States": 2, "Asia and the Pacific": 1,
                                          "Europe and Central Asia": 0, "Global (anywhere)": 1}
    countries = table_with(at, "iso3").set_index("iso3")["tools"].to_dict()
    assert countries == {"QAT": 2, "KEN": 1, "NPL": 1, "USA": 1, "MEX": 1}
    assert "1 tool usable anywhere (“Global (anywhere)”) is not painted" in texts(at)


def test_a_query_param_filter_narrows_the_landscape(fixture_dir):
    at = open_page(LANDSCAPE, ilo_region="Africa")
    assert "**1 of 4 tools**" in texts(at)
    frames = [frame.value for frame in at.dataframe if "label" in frame.value.columns]
    regions = next(frame for frame in frames if "Arab States" in set(frame["label"])).set_index("label")["tools"]
    assert regions["Africa"] == 1 and regions["Arab States"] == 1  # the one tool is used in Kenya and Qatar
    assert regions["Asia and the Pacific"] == 0 and regions["Global (anywhere)"] == 0
    countries = table_with(at, "iso3")["iso3"].tolist()
    assert sorted(countries) == ["KEN", "QAT"]


def test_gaps_warns_when_a_region_filter_hides_other_regions(fixture_dir):
    at = open_page(GAPS, ilo_region="Americas")
    assert any("region or country filter" in w.value for w in at.warning)
    need = table_with(at, "tools_per_million_people").set_index("ilo_region")
    assert need.loc["Americas", "tools"] == 1 and need.loc["Africa", "tools"] == 0


def test_landscape_with_nothing_selected_says_so(fixture_dir):
    at = open_page(LANDSCAPE, q="zzzznotawordzzzz")
    assert "**0 of 4 tools**" in texts(at)
    assert any("nothing to chart" in w.value for w in at.warning)
    assert not at.get("plotly_chart")
