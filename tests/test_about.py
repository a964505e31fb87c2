"""What the About page states: computed from the data, never hard-coded."""
from __future__ import annotations

import csv
import datetime as dt

import yaml

from catalogue.about import (
    DATA_LICENCE,
    EARLIER_MAPPINGS,
    TITLE,
    VOCABULARY_TITLES,
    YEAR,
    bibtex,
    citation,
    coverage,
    last_verified,
    need_sources,
    vocabulary_lists,
)
from catalogue.i18n import LANGUAGES
from catalogue.load import load_catalogue
from catalogue.paths import CITATION_PATH, GLOBAL_ESTIMATES_PATH, NEED_PATH
from catalogue.vocabulary import FACET_LISTS, load_taxonomy
from tests.conftest import TODAY, valid_entry, write_entry


def fixture_tools(directory):
    first = valid_entry()
    second = valid_entry()
    second.update(name="Second Tool", url="https://second.example/", deployed_in=["global"],
                  organisation={"name": "fixture org", "type": "ngo"}, last_verified=dt.date(2026, 11, 2))
    third = valid_entry()
    third.update(name="Third Tool", url="https://third.example/", deployed_in=["THA"],
                 organisation={"name": "Other Org", "type": "government"}, last_verified=dt.date(2025, 3, 4))
    for slug, data in (("first", first), ("second", second), ("third", third)):
        write_entry(directory, slug, data)
    tools = load_catalogue(directory, today=TODAY).tools
    assert len(tools) == 3
    return tools


def test_coverage_counts(catalogue_dir):
    summary = coverage(fixture_tools(catalogue_dir))
    assert summary.tools == 3
    assert summary.countries == 3  # KEN, QAT, THA; `global` is not a country
    assert summary.global_tools == 1
    assert summary.organisations == 2  # "Fixture Org" and "fixture org" are one
    assert summary.last_verified == dt.date(2026, 11, 2)
    assert summary.oldest_verified == dt.date(2025, 3, 4)


def test_empty_catalogue():
    assert last_verified([]) is None
    assert coverage([]).tools == 0
    assert "last verified" not in citation([])


def test_citation_names_title_year_and_last_verified_date(catalogue_dir):
    tools = fixture_tools(catalogue_dir)
    text = citation(tools)
    assert "Anti-Trafficking Tech Catalogue" in text and "(2026)" in text
    assert "Data last verified 2026-11-02." in text and "CC BY 4.0" in text
    entry = bibtex(tools)
    assert entry.startswith("@misc{") and entry.endswith("}")
    assert "year = {2026}" in entry and "2026-11-02" in entry
    assert entry.count("{") == entry.count("}")


def test_every_vocabulary_list_with_every_definition():
    taxonomy = load_taxonomy()
    lists = vocabulary_lists()
    assert [v.name for v in lists] == list(FACET_LISTS)
    assert set(VOCABULARY_TITLES) == set(FACET_LISTS)
    for vocabulary in lists:
        assert [row["Key"] for row in vocabulary.rows] == taxonomy.keys(vocabulary.name)
        for row in vocabulary.rows:
            assert row["Definition"] == taxonomy.definition(vocabulary.name, row["Key"])
            assert row["Label"] == taxonomy.label(vocabulary.name, row["Key"])
    purposes = next(v for v in lists if v.name == "purposes")
    assert {row["4P"] for row in purposes.rows} <= {t.label for t in taxonomy.lists["four_ps"].values()}


def test_need_sources_cover_every_row_of_both_tables():
    sources = need_sources()
    with open(NEED_PATH, encoding="utf-8", newline="") as handle:
        need = list(csv.DictReader(handle))
    with open(GLOBAL_ESTIMATES_PATH, encoding="utf-8", newline="") as handle:
        estimates = list(csv.DictReader(handle))
    urls = [source.url for source in sources]
    assert len(urls) == len(set(urls))
    assert set(urls) == {row["source_url"] for row in need + estimates}
    assert sum(len(source.covers) for source in sources) == len(need) + len(estimates)
    assert all(url.startswith("https://") for url in urls)


def test_a_missing_figure_is_not_claimed(tmp_path):
    need = tmp_path / "need.csv"
    need.write_text(
        "ilo_region,people_in_modern_slavery_millions,prevalence_per_1000,forced_labour_millions,estimate_year,"
        "source_title,source_url\n"
        "Arab States,,10.1,0.9,2021,Some report,https://a.example/\n"
        "Africa,7.0,5.2,3.8,2021,Some report,https://a.example/\n", encoding="utf-8")
    estimates = tmp_path / "estimates.csv"
    estimates.write_text("form,people_millions,counted_as,source_url\nForced marriage,22.0,forced_marriage,"
                         "https://b.example/\n", encoding="utf-8")
    first, second = need_sources(need, estimates)
    assert first.title == "Some report" and first.url == "https://a.example/"
    assert first.covers == ("Arab States: prevalence per 1,000, people in forced labour (estimates for 2021)",
                            "Africa: people in modern slavery, prevalence per 1,000, people in forced labour "
                            "(estimates for 2021)")
    assert second.covers == ("World: Forced marriage, 22.0 million people",)


def test_earlier_mappings_have_https_links():
    assert [m.year for m in EARLIER_MAPPINGS] == [2019, 2020]
    assert "305" in EARLIER_MAPPINGS[1].summary()
    for mapping in EARLIER_MAPPINGS:
        assert mapping.links and all(url.startswith("https://") for _, url in mapping.links)
        # Translated in site.yaml, not in locale/: tests/test_i18n.py cannot see them there.
        assert set(mapping.summaries) == set(LANGUAGES) and all(mapping.summaries.values()), mapping.title


def test_the_citation_is_citation_cff():
    cff = yaml.safe_load(CITATION_PATH.read_text(encoding="utf-8"))
    assert (TITLE, YEAR) == (cff["title"], int(cff["date-released"][:4]))
    assert citation([]).startswith(f"{cff['authors'][0]['name']} ({YEAR}). {TITLE} [Data set].")
    assert DATA_LICENCE[0].replace(" ", "-") == cff["license"]


def test_citation_with_access_date(catalogue_dir):
    text = citation(fixture_tools(catalogue_dir), accessed=dt.date(2026, 12, 1))
    assert "Data last verified 2026-11-02; accessed 2026-12-01." in text
    assert citation([], accessed=dt.date(2026, 12, 1)).count("Accessed 2026-12-01.") == 1


