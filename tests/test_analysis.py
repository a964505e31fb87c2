"""catalogue.analysis: exact counts on a five-tool fixture and small fixture need tables."""
from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue import analysis
from catalogue.model import tool_from_data
from catalogue.paths import NEED_PATH
from tests.support import valid_entry


def make(slug: str, **overrides):
    data = valid_entry()
    data.pop("discontinued")
    data.update(overrides)
    return tool_from_data(slug, data)


# a: Kenya-built, used in Kenya and Qatar. b: British, global. c: Indian, no launch year.
# d: built in the US and UK, used in the US. e: British-built, used in Qatar.
TOOLS = (
    make("a", purposes=["victim_identification", "worker_voice"], primary_purpose="worker_voice",
         developed_in=["KEN"], deployed_in=["KEN", "QAT"], launched=2015, exploitation_types=["forced_labour"]),
    make("b", purposes=["safe_migration"], primary_purpose="safe_migration", developed_in=["GBR"],
         deployed_in=["global"], launched=2018, exploitation_types=["all_forms"]),
    make("c", purposes=["victim_identification"], primary_purpose="victim_identification", developed_in=["IND"],
         deployed_in=["IND", "NPL"], launched=None, exploitation_types=["forced_marriage", "sexual_exploitation"]),
    make("d", purposes=["victim_identification"], primary_purpose="victim_identification",
         developed_in=["USA", "GBR"], deployed_in=["USA"], launched=2015, exploitation_types=["sexual_exploitation"]),
    make("e", purposes=["worker_voice"], primary_purpose="worker_voice", developed_in=["GBR"], deployed_in=["QAT"],
         launched=2017, exploitation_types=["forced_labour", "debt_bondage"]),
)

NEED_CSV = ("ilo_region,people_in_modern_slavery_millions,prevalence_per_1000,forced_labour_millions,estimate_year,"
            "source_title,source_url\n") + """Africa,10.0,5.0,5.0,2021,Need source A,https://need.example/a
Americas,4.0,5.0,2.0,2021,Need source B,https://need.example/b
Arab States,,10.0,2.0,2021,Need source C,https://need.example/c
Asia and the Pacific,30.0,6.0,15.0,2021,Need source D,https://need.example/d
Europe and Central Asia,8.0,7.0,4.0,2021,Need source E,https://need.example/e
"""

ESTIMATES_CSV = """form,people_millions,counted_as,source_url
Forced labour,20.0,forced_labour,https://est.example/
Forced marriage,12.0,forced_marriage,https://est.example/
State-imposed forced labour,3.0,state_imposed_forced_labour,https://est.example/
"""


@pytest.fixture
def need_csv(tmp_path: Path) -> Path:
    path = tmp_path / "need.csv"
    path.write_text(NEED_CSV, encoding="utf-8")
    return path


@pytest.fixture
def estimates_csv(tmp_path: Path) -> Path:
    path = tmp_path / "estimates.csv"
    path.write_text(ESTIMATES_CSV, encoding="utf-8")
    return path


def as_dict(frame: pd.DataFrame, key: str, value: str) -> dict:
    return dict(zip(frame[key], frame[value], strict=True))


# ---------------------------------------------------------------- landscape

def test_count_by_region_keeps_zero_regions_and_global_last():
    frame = analysis.count_by(TOOLS, "ilo_region")
    assert frame["value"].tolist() == ["Africa", "Americas", "Arab States", "Asia and the Pacific",
                                       "Europe and Central Asia", "global"]
    assert frame["tools"].tolist() == [1, 1, 2, 1, 0, 1]
    assert frame["label"].iloc[-1] == "Global (anywhere)"
    assert frame["percent"].tolist() == [20.0, 20.0, 40.0, 20.0, 0.0, 20.0]


def test_count_by_vocabulary_facet_keeps_every_term_in_order():
    frame = analysis.count_by(TOOLS, "purpose")
    counts = as_dict(frame, "value", "tools")
    assert counts["victim_identification"] == 3
    assert counts["worker_voice"] == 2
    assert counts["safe_migration"] == 1
    assert counts["disruption_deterrence"] == 0
    assert frame["value"].tolist()[:3] == ["awareness_prevention", "safe_migration", "victim_identification"]
    assert as_dict(frame, "value", "label")["worker_voice"] == "Worker voice"


def test_count_by_four_p_rolls_purposes_up():
    counts = as_dict(analysis.count_by(TOOLS, "four_p"), "value", "tools")
    assert counts == {"prevention": 3, "protection": 3, "prosecution": 0, "partnership": 0}


def test_count_by_country_lists_present_countries_most_first_and_global_last():
    frame = analysis.count_by(TOOLS, "country")
    assert frame["value"].tolist() == ["QAT", "IND", "KEN", "NPL", "USA", "global"]
    assert frame["tools"].tolist() == [2, 1, 1, 1, 1, 1]


def test_count_by_counts_a_tool_once_per_value_even_if_repeated():
    tool = make("x", deployed_in=["KEN", "UGA"])  # two African countries: Africa once
    assert as_dict(analysis.count_by([tool], "ilo_region"), "value", "tools")["Africa"] == 1


def test_count_by_on_no_tools_gives_zero_rows_not_an_error():
    frame = analysis.count_by([], "technology")
    assert frame["tools"].sum() == 0 and len(frame) > 5
    assert set(frame["percent"]) == {0.0}


def test_launches_per_year_is_continuous_and_counts_unknown_years():
    years = analysis.launches_per_year(TOOLS)
    assert years.table["year"].tolist() == [2015, 2016, 2017, 2018]
    assert years.table["tools"].tolist() == [2, 0, 1, 1]
    assert years.without_year == 1


def test_launches_per_year_without_any_year():
    years = analysis.launches_per_year([TOOLS[2]])
    assert years.table.empty and list(years.table.columns) == ["year", "tools"]
    assert years.without_year == 1


def test_developed_vs_deployed_matrix():
    frame = analysis.developed_vs_deployed(TOOLS).set_index("developed_in")
    assert list(frame.columns) == ["Africa", "Americas", "Arab States", "Asia and the Pacific",
                                   "Europe and Central Asia", "Global (anywhere)"]
    assert frame.loc["Africa"].tolist() == [1, 0, 1, 0, 0, 0]
    assert frame.loc["Europe and Central Asia"].tolist() == [0, 1, 1, 0, 0, 1]
    assert frame.loc["Americas"].tolist() == [0, 1, 0, 0, 0, 0]
    assert frame.loc["Asia and the Pacific", "Asia and the Pacific"] == 1
    assert frame.loc["Arab States"].sum() == 0  # kept at ILO level even though empty


def test_developed_vs_deployed_sub_regions_keep_only_regions_that_occur():
    frame = analysis.developed_vs_deployed(TOOLS, "m49_sub_region").set_index("developed_in")
    assert sorted(frame.index) == ["Northern America", "Northern Europe", "Southern Asia", "Sub-Saharan Africa"]
    assert frame.loc["Northern Europe", "Western Asia"] == 1  # e: built in the UK, used in Qatar
    assert frame.loc["Northern Europe", "Global (anywhere)"] == 1
    assert "Melanesia" not in frame.columns


def test_unknown_region_level_is_refused():
    with pytest.raises(ValueError):
        analysis.developed_vs_deployed(TOOLS, "continent")


def test_local_development():
    frame = analysis.local_development(TOOLS).set_index("region")
    assert frame.loc["Arab States"].tolist() == [2, 0, 2, 100.0]
    assert frame.loc["Africa"].tolist() == [1, 1, 0, 0.0]
    assert frame.loc["Americas", "developed_there"] == 1
    assert math.isnan(frame.loc["Europe and Central Asia", "percent_only_elsewhere"])


def test_deployment_by_country_leaves_global_out():
    frame = analysis.deployment_by_country(TOOLS)
    assert frame["iso3"].tolist() == ["QAT", "IND", "KEN", "NPL", "USA"]
    assert frame["tools"].tolist() == [2, 1, 1, 1, 1]
    assert frame.iloc[0].to_dict() == {"iso3": "QAT", "country": "Qatar", "ilo_region": "Arab States",
                                       "m49_sub_region": "Western Asia", "tools": 2}
    assert analysis.count_global(TOOLS) == 1


# ---------------------------------------------------------------- gaps

def test_classify_coverage_threshold():
    assert [analysis.classify_coverage(n) for n in (0, 1, 2, 3, 10)] == ["empty", "thin", "thin", "covered", "covered"]
    assert analysis.classify_coverage(2, thin_below=2) == "covered"
    assert analysis.THIN_BELOW == 3


def test_coverage_matrix_counts_and_classifies():
    frame = analysis.coverage_matrix(TOOLS)
    cell = frame.set_index(["region", "purpose"])
    assert cell.loc[("Arab States", "worker_voice"), "tools"] == 2
    assert cell.loc[("Arab States", "worker_voice"), "coverage"] == "thin"
    assert cell.loc[("Arab States", "victim_identification"), "tools"] == 1
    assert cell.loc[("Europe and Central Asia", "worker_voice"), "coverage"] == "empty"
    assert cell.loc[("Global (anywhere)", "safe_migration"), "tools"] == 1
    assert cell.loc[("Africa", "safe_migration"), "tools"] == 0  # global tools are not spread over regions
    assert frame["region"].drop_duplicates().tolist()[-1] == "Global (anywhere)"
    assert len(frame) == 6 * 12
    # Each tool adds one per (region, purpose) pair it has.
    assert frame["tools"].sum() == 2 * 2 + 1 * 1 + 1 * 1 + 1 * 1 + 1 * 1


def test_coverage_grid_marks_cells_in_text():
    grid = analysis.coverage_grid(analysis.coverage_matrix(TOOLS, thin_below=2)).set_index("purpose")
    assert grid.loc["Worker voice", "Arab States"] == "2"
    assert grid.loc["Worker voice", "Africa"] == "1 △ thin"
    assert grid.loc["Worker voice", "Europe and Central Asia"] == "0 ✗ none"
    assert list(grid.columns)[-1] == "Global (anywhere)"
    assert grid.index.tolist()[0] == "Awareness and prevention"


def test_coverage_counts_is_the_numeric_twin_of_the_grid():
    matrix = analysis.coverage_matrix(TOOLS)
    counts = analysis.coverage_counts(matrix)
    grid = analysis.coverage_grid(matrix).set_index("purpose")
    assert counts.shape == grid.shape == (12, 6)
    assert list(counts.columns) == list(grid.columns) and list(counts.index) == list(grid.index)
    assert counts.loc["Worker voice", "Arab States"] == 2
    assert counts.loc["Safe migration", "Global (anywhere)"] == 1
    assert int(counts.to_numpy().sum()) == int(matrix["tools"].sum())


def test_need_coverage_per_million_and_missing_people(need_csv):
    frame = analysis.need_coverage(TOOLS, need_csv).set_index("ilo_region")
    assert frame.loc["Africa", "tools"] == 1
    assert frame.loc["Africa", "tools_per_million_people"] == pytest.approx(1 / 10.0)
    assert frame.loc["Africa", "tools_per_million_forced_labour"] == pytest.approx(1 / 5.0)
    assert frame.loc["Arab States", "tools"] == 2
    assert math.isnan(frame.loc["Arab States", "people_in_modern_slavery_millions"])
    assert math.isnan(frame.loc["Arab States", "tools_per_million_people"])
    assert frame.loc["Arab States", "tools_per_million_forced_labour"] == pytest.approx(2 / 2.0)
    assert "left blank" in frame.loc["Arab States", "note"]
    assert frame.loc["Africa", "note"] == ""
    assert frame.loc["Europe and Central Asia", "tools_per_million_people"] == 0.0
    assert frame.loc["Asia and the Pacific", "source_url"] == "https://need.example/d"
    assert frame["tools"].sum() == 5  # global tool b is in none of the regions
    assert analysis.estimate_years(need_csv) == [2021]


def test_need_coverage_on_the_bundled_figures_matches_the_csv():
    with open(NEED_PATH, encoding="utf-8", newline="") as handle:
        published = {row["ilo_region"]: row for row in csv.DictReader(handle)}
    frame = analysis.need_coverage(TOOLS).set_index("ilo_region")
    assert set(frame.index) == set(published)
    for region, row in published.items():
        people = row["people_in_modern_slavery_millions"]
        value = frame.loc[region, "tools_per_million_people"]
        if people:
            assert value == pytest.approx(frame.loc[region, "tools"] / float(people))
        else:  # missing in the data: stays missing
            assert math.isnan(value) and frame.loc[region, "note"]


def test_exploitation_coverage(estimates_csv):
    frame = analysis.exploitation_coverage(TOOLS, estimates_csv).set_index("form")
    assert frame.loc["Forced labour", "tools_specific"] == 2
    assert frame.loc["Forced marriage", "tools_specific"] == 1
    assert frame.loc["State-imposed forced labour", "tools_specific"] == 0
    assert set(frame["tools_all_forms"]) == {1}
    assert frame.loc["Forced marriage", "tools_per_million"] == pytest.approx(1 / 12.0)
    assert frame.loc["Forced labour", "exploitation_types"] == "Forced labour"
    assert frame.loc["Forced labour", "source_title"] == "https://est.example/"  # no title column: the URL


def test_exploitation_coverage_accepts_several_keys_per_form(tmp_path):
    path = tmp_path / "estimates.csv"
    path.write_text("form,people_millions,counted_as,source_url,source_title\n"
                    "Sexual exploitation or marriage,5.0,sexual_exploitation; forced_marriage,https://x.example/,"
                    "Report X\n",
                    encoding="utf-8")
    row = analysis.exploitation_coverage(TOOLS, path).iloc[0]
    assert row["tools_specific"] == 2  # c (both keys) counted once, plus d
    assert row["exploitation_types"] == "Sexual exploitation, Forced marriage"
    assert row["source_title"] == "Report X"


def test_gap_table_ranks_by_people_per_tool(need_csv, estimates_csv):
    table = analysis.gap_table(TOOLS, need_csv, estimates_csv)
    assert table["people_per_tool"].is_monotonic_decreasing
    first = table.iloc[0]
    assert first["kind"] == "region_purpose" and first["people_per_tool"] == 30.0
    assert first["sentence"] == ("No tool deployed in Asia and the Pacific targets awareness and prevention "
                                 "(30.0 million people in modern slavery there).")
    sentences = table.set_index("subject")["sentence"]
    assert sentences["Asia and the Pacific × Safe migration"].endswith("; 1 tool deployed globally does).")
    assert sentences["Arab States"] == (
        "Arab States: 2 tools for 2.0 million people in forced labour (1.00 per million).")
    assert sentences["Forced marriage"] == (
        "Forced marriage: 12.0 million people, 1 tool (plus 1 tagged all forms).")
    assert sentences["Arab States × Victim identification"] == (
        "Only 1 tool deployed in Arab States targets victim identification "
        "(2.0 million people in forced labour there).")
    by_subject = table.set_index("subject")["people_per_tool"]
    assert by_subject["Asia and the Pacific"] == pytest.approx(30.0 / 2)
    assert by_subject["Forced labour"] == pytest.approx(20.0 / 3)
    # Covered cells and the "other" purpose are not gaps; the global bucket is not a region here.
    assert "Arab States × Worker voice" in set(table["subject"])  # 2 tools: thin
    assert not any(subject.endswith("× Other") for subject in table["subject"])
    assert not any(subject.startswith("Global") for subject in table["subject"])


def test_largest_gaps_limit(need_csv, estimates_csv):
    gaps = analysis.largest_gaps(TOOLS, 3, need_path=need_csv, estimates_path=estimates_csv)
    assert len(gaps) == 3
    assert gaps[0].startswith("No tool deployed in Asia and the Pacific targets awareness and prevention")
    assert analysis.largest_gaps(TOOLS, 0) == []


def test_gaps_on_no_tools_name_every_empty_cell(need_csv, estimates_csv):
    table = analysis.gap_table([], need_csv, estimates_csv)
    assert (table["kind"] == "region_purpose").sum() == 5 * 11
    assert set(table.loc[table["kind"] == "region", "tools"]) == {0}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(TOOLS), unique_by=lambda tool: tool.slug))
def test_region_counts_agree_across_tables(subset):
    regions = analysis.count_by(subset, "ilo_region").set_index("value")["tools"]
    need = analysis.need_coverage(subset).set_index("ilo_region")["tools"]
    for region in need.index:
        assert regions[region] == need[region]
    assert regions["global"] == analysis.count_global(subset)
    local = analysis.local_development(subset).set_index("region")["tools_deployed"]
    assert (local == regions.drop("global")).all()
